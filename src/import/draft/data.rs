//! What a draft reads from an import's folder ([`Folder`], read into [`Data`]), what it gives
//! ([`Draft`]), and the small helpers both drafts share.

use std::collections::HashMap;

use crate::actuals::{Column, History};
use crate::import::error::{ImportError, Problem};
use crate::import::summary::Summary;
use crate::text::calendar::YearMonth;
use crate::text::csv::records;

/// The texts of an import's folder.
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder, as the user named it (for messages and comments).
    pub name: String,
    pub import_json: String,
    pub history: String,
    /// `customers.csv` or `referrals.csv`.
    pub people: String,
}

/// The drafted scenarios and what to say about them.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The projection from today.
    pub projection: String,
    /// The same priors from month 1, for `calibrate --actuals DIR/history.csv`.
    pub calibration: String,
    /// One line each: what was drafted from what.
    pub lines: Vec<String>,
}

/// What a draft needs from the folder, read.
pub(super) struct Data {
    pub summary: Summary,
    pub first: YearMonth,
    pub months: u32,
    pub history: History,
    /// The people file's rows, by header name.
    pub people: Vec<HashMap<String, String>>,
    pub folder: String,
    /// The projection's and the calibration's file names, for the comments.
    pub names: (String, String),
}

impl Data {
    /// A history column's values over every month (0 where empty).
    pub fn column(&self, column: Column) -> Vec<f64> {
        self.history.months().iter().map(|m| m.get(column).unwrap_or(0.0)).collect()
    }

    /// Churned over exposure: the flows out of `level` over its months at risk (every month
    /// but the last, whose leavers the data cannot see yet, plus its known leavers).
    pub fn churn(&self, level: Column, out: Column) -> (f64, f64) {
        let (active, churned) = (self.column(level), self.column(out));
        let n = active.len();
        let exposed: f64 =
            active.iter().take(n.saturating_sub(1)).sum::<f64>() + churned.last().copied().unwrap_or(0.0);
        (churned.iter().sum(), exposed)
    }
}

pub(super) fn read(folder: &Folder) -> Result<Data, ImportError> {
    let file = |name: &str| format!("{}/{name}", folder.name);
    let summary: Summary = serde_json::from_str(&folder.import_json).map_err(|e| {
        ImportError::one(Problem::file(
            &file("import.json"),
            format!("not an import's summary ({e}); run sidecast import again"),
        ))
    })?;
    let first = YearMonth::parse(&summary.first_month).ok_or_else(|| {
        ImportError::one(Problem::file(
            &file("import.json"),
            format!("first_month `{}` is not a month", summary.first_month),
        ))
    })?;
    let history = History::parse_csv(&folder.history, &file("history.csv"))
        .map_err(|e| ImportError::one(Problem::file(&file("history.csv"), e.to_string())))?;
    let mut rows = records(&folder.people).map(|(_, record)| record);
    let header: Vec<String> = match rows.next() {
        Some(Ok(h)) => h.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let people = rows
        .filter_map(Result::ok)
        .map(|r| header.iter().cloned().zip(r.iter().map(str::to_string)).collect())
        .collect();
    Ok(Data {
        months: summary.months,
        first,
        summary,
        history,
        people,
        folder: folder.name.clone(),
        names: Default::default(),
    })
}

/// A number cell of a people row (0 when empty or not a number).
pub(super) fn number(row: &HashMap<String, String>, key: &str) -> f64 {
    row.get(key).and_then(|v| v.trim().parse().ok()).unwrap_or(0.0)
}

/// A text cell of a people row.
pub(super) fn text<'a>(row: &'a HashMap<String, String>, key: &str) -> &'a str {
    row.get(key).map_or("", |v| v.trim())
}

/// A name safe as a TOML bare key: letters, digits, `_` and `-`, else `_`.
pub(super) fn bare_key(name: &str) -> String {
    let key: String = name
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c.to_ascii_lowercase() } else { '_' })
        .collect();
    if key.is_empty() { "standard".to_string() } else { key }
}

/// Bare keys for names as the export writes them: each distinct name its own key, `_2`,
/// `_3`, … after the first where two would clean to one (tiers "A B", "a b" and "a_b" are
/// three tiers, not one).
#[derive(Debug, Default)]
pub(super) struct Keys {
    of: HashMap<String, String>,
    taken: std::collections::HashSet<String>,
}

impl Keys {
    /// Keys for `names`, those already written as keys (`a_b`) keeping them.
    pub(super) fn of<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Self {
        let mut keys = Keys::default();
        names.clone().filter(|n| bare_key(n) == *n).for_each(|n| {
            keys.key(n);
        });
        names.for_each(|n| {
            keys.key(n);
        });
        keys
    }

    pub(super) fn key(&mut self, name: &str) -> String {
        if let Some(key) = self.of.get(name) {
            return key.clone();
        }
        let base = bare_key(name);
        let mut key = base.clone();
        let mut n = 2;
        while self.taken.contains(&key) {
            key = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(key.clone());
        self.of.insert(name.to_string(), key.clone());
        key
    }
}

/// The header both drafts start with.
pub(super) fn preamble(data: &Data, what: &str, start: u32, horizon: u32) -> String {
    let last = data.first.plus(data.months.saturating_sub(1)).unwrap_or(data.first);
    format!(
        "# {what}: drafted by `sidecast init --from {folder}`\n\
         # from a {format} ({files}), {first} to {last}.\n\
         # Numbers marked \"from the data\" come from it; the others are defaults to check.\n\
         # Edit anything, then `sidecast check` this file.\n\n\
         name = \"{name}\"\nfirst_month = \"{first_iso}\"   # month 1: the data's first month\n\
         start_month = {start}\nhorizon_months = {horizon}\ntrajectories = 10000\nseed = 2026\n",
        folder = one_line(&data.folder),
        format = one_line(&data.summary.format),
        files = one_line(&data.summary.files.join(", ")),
        first = data.first.label(),
        last = last.label(),
        name = what,
        first_iso = data.first,
    )
}

/// Text for a TOML comment: control characters (a newline would end the comment) as spaces.
pub(super) fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
