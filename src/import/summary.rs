//! What an import read, counted, left out and assumed: [`Summary`] is `import.json` and the
//! text `sidecast import` prints. Every reading that could go two ways (units, time zone,
//! month boundary, date order, right-censoring at the export's end, tiers) is an
//! [`Assumption`] the user can check.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// One reading that could have gone another way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumption {
    /// What it is about: `units`, `time zone`, `month boundary`, `right-censoring`, ...
    pub topic: String,
    pub text: String,
}

/// The assumptions made so far, each once.
#[derive(Debug, Clone, Default)]
pub struct Assumptions(pub Vec<Assumption>);

impl Assumptions {
    pub fn add(&mut self, topic: &str, text: String) {
        if !self.0.iter().any(|a| a.text == text) {
            self.0.push(Assumption { topic: topic.to_string(), text });
        }
    }
}

/// A row of an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRef {
    pub file: String,
    pub line: u64,
}

/// Rows left out for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignored {
    pub reason: String,
    pub rows: usize,
    /// The first few.
    pub examples: Vec<RowRef>,
}

impl Ignored {
    /// `payments.csv lines 12, 31`: the examples by file.
    fn lines(&self) -> String {
        let mut files: IndexMap<&str, Vec<String>> = IndexMap::new();
        for e in &self.examples {
            files.entry(&e.file).or_default().push(e.line.to_string());
        }
        let more = if self.rows > self.examples.len() { ", ..." } else { "" };
        let parts: Vec<String> = files
            .iter()
            .map(|(f, l)| format!("{f} line{} {}", if l.len() > 1 { "s" } else { "" }, l.join(", ")))
            .collect();
        format!("{}{more}", parts.join("; "))
    }
}

/// Rows left out, by reason, in the order first met.
#[derive(Debug, Clone, Default)]
pub struct Ignore(IndexMap<String, (usize, Vec<RowRef>)>);

impl Ignore {
    pub fn add(&mut self, reason: &str, file: &str, line: u64) {
        let entry = self.0.entry(reason.to_string()).or_default();
        entry.0 += 1;
        if entry.1.len() < 5 {
            entry.1.push(RowRef { file: file.to_string(), line });
        }
    }

    pub fn rows(&self) -> usize {
        self.0.values().map(|(n, _)| n).sum()
    }

    /// Why no row counts, for the refusal that has nothing printed above it: each reason
    /// with its rows (`failed charges (Status Failed): 2 (payments.csv lines 2, 3)`).
    pub fn nothing_counts(&self, what: &str) -> String {
        let reasons: Vec<String> =
            self.list().iter().map(|i| format!("{}: {} ({})", i.reason, i.rows, i.lines())).collect();
        if reasons.is_empty() {
            format!("no {what} counts: the file has no rows")
        } else {
            format!("no {what} counts: every row was left out: {}", reasons.join("; "))
        }
    }

    pub fn list(&self) -> Vec<Ignored> {
        self.0
            .iter()
            .map(|(reason, (rows, examples))| Ignored {
                reason: reason.clone(),
                rows: *rows,
                examples: examples.clone(),
            })
            .collect()
    }
}

/// `import.json`: what was read and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// `stripe`, `commissions` or `paypal`.
    pub source: String,
    /// The export recognised by its header, e.g. "Stripe payments export".
    pub format: String,
    pub files: Vec<String>,
    pub rows_read: usize,
    pub rows_counted: usize,
    pub ignored: Vec<Ignored>,
    /// The data's first and last calendar months, `YYYY-MM`; month 1 is the first.
    pub first_month: String,
    pub last_month: String,
    /// The latest date in the export, `YYYY-MM-DD` when it has days.
    pub last_date: Option<String>,
    pub months: u32,
    /// Customers or referrals seen, and those active in the last month.
    pub people: usize,
    pub active_last_month: usize,
    /// Totals of the history's money columns, by column.
    pub totals: IndexMap<String, f64>,
    pub assumptions: Vec<Assumption>,
    /// The files written.
    pub outputs: Vec<String>,
}

impl Summary {
    /// The text `sidecast import` prints: what was read, left out and assumed, then where it
    /// went and the next command.
    pub fn render(&self, folder: &str) -> String {
        let person = if self.source == "stripe" { "customer" } else { "referral" };
        let mut out = format!(
            "Read {} rows of {} ({}): {} counted, {} left out.\n",
            self.rows_read,
            self.files.join(", "),
            self.format,
            self.rows_counted,
            self.rows_read - self.rows_counted
        );
        for i in &self.ignored {
            out.push_str(&format!("  left out, {}: {} ({})\n", i.reason, i.rows, i.lines()));
        }
        let range = if self.first_month == self.last_month {
            self.first_month.clone()
        } else {
            format!("{} to {}", self.first_month, self.last_month)
        };
        out.push_str(&format!("Months 1-{}: {range}", self.months));
        if self.source != "paypal" {
            out.push_str(&format!(
                "; {}, {} active in the last month",
                count(self.people, person),
                self.active_last_month
            ));
        }
        out.push('\n');
        if !self.totals.is_empty() {
            let totals: Vec<String> =
                self.totals.iter().map(|(k, v)| format!("{k} {}", crate::text::number::dollars(*v))).collect();
            out.push_str(&format!("Totals: {}\n", totals.join(", ")));
        }
        out.push_str("Assumptions (check each):\n");
        for a in &self.assumptions {
            out.push_str(&format!("  - {}: {}\n", a.topic, a.text));
        }
        out.push_str(&format!("Wrote {folder}: {}\n", self.outputs.join(", ")));
        out.push_str(&if self.source == "paypal" {
            format!("Next: sidecast run SCENARIO --actuals {folder}/history.csv   (your payouts against a scenario)")
        } else {
            format!("Next: sidecast init --from {folder} -o my.toml   (a scenario drafted from these numbers)")
        });
        out
    }
}

/// `1 customer`, `15 customers`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
