//! The files an import writes, as text: `history.csv` exactly as `run --actuals` and
//! `calibrate --actuals` read it (`month` from 1, `date`, then the source's columns, money to
//! the cent), `cohorts.csv` as `fit retention --cohorts` reads it, and one row per customer
//! or referral.

use super::activity::{Person, cohorts};
use crate::text::calendar::YearMonth;

/// Cents as a plain decimal: `1180.00`, `-12.50`.
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// One history column: its name and a cell per month.
pub struct HistoryColumn {
    pub name: &'static str,
    pub cells: Vec<String>,
}

impl HistoryColumn {
    pub fn money(name: &'static str, cents: &[i64]) -> Self {
        HistoryColumn { name, cells: cents.iter().map(|&c| money(c)).collect() }
    }

    pub fn counts(name: &'static str, counts: &[u64]) -> Self {
        HistoryColumn { name, cells: counts.iter().map(u64::to_string).collect() }
    }
}

/// `history.csv`: `month,date,...`, one row per month from `first`.
pub fn history_csv(first: YearMonth, months: usize, columns: &[HistoryColumn]) -> String {
    let mut out = String::from("month,date");
    for c in columns {
        out.push(',');
        out.push_str(c.name);
    }
    out.push('\n');
    for m in 0..months {
        let date = first.plus(m as u32).map_or_else(String::new, |d| d.to_string());
        out.push_str(&format!("{},{date}", m + 1));
        for c in columns {
            out.push(',');
            out.push_str(c.cells.get(m).map_or("", String::as_str));
        }
        out.push('\n');
    }
    out
}

/// `cohorts.csv`: a comment saying what it counts, a header, one row per first month.
pub fn cohorts_csv(first: YearMonth, months: usize, people: &[Person], who: &str) -> String {
    let cohorts = cohorts(people, months);
    let ages = cohorts.iter().map(|(_, c)| c.len()).max().unwrap_or(1);
    let mut out = format!(
        "# {who} by first month, and how many were still in their first run of active months at each age\n\
         # (a later comeback is not counted). Fit: sidecast fit retention --cohorts cohorts.csv\ncohort"
    );
    for age in 0..ages {
        out.push_str(&format!(",age{age}"));
    }
    out.push('\n');
    for (start, counts) in cohorts {
        let label = first.plus(start as u32).map_or_else(|| format!("month {}", start + 1), |d| d.to_string());
        let cells: Vec<String> = counts.iter().map(u64::to_string).collect();
        out.push_str(&format!("{label},{}\n", cells.join(",")));
    }
    out
}

/// A CSV cell, quoted when it has to be.
pub fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(['=', '+', '-', '@']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The date label of month index `m` (0-based from `first`).
pub fn month_label(first: YearMonth, m: usize) -> String {
    first.plus(m as u32).map_or_else(String::new, |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_read_back_as_sidecast_reads_them() {
        assert_eq!((money(118000), money(-1250), money(5)), ("1180.00".into(), "-12.50".into(), "0.05".into()));
        let first = YearMonth::new(2026, 11).unwrap();
        let text = history_csv(
            first,
            3,
            &[HistoryColumn::money("revenue", &[64000, 118000, 0]), HistoryColumn::counts("customers", &[3, 5, 0])],
        );
        assert_eq!(text, "month,date,revenue,customers\n1,2026-11,640.00,3\n2,2026-12,1180.00,5\n3,2027-01,0.00,0\n");
        let history = crate::actuals::History::parse_csv(&text, "history.csv").unwrap();
        assert_eq!(history.month(2).unwrap().revenue, Some(1180.0));
        let people = [Person { id: "a".into(), amounts: [(0, 1), (1, 1)].into_iter().collect(), ..Person::default() }];
        let cohorts = cohorts_csv(first, 3, &people, "Customers");
        assert!(cohorts.ends_with("cohort,age0,age1,age2\n2026-11,1,1,0\n"), "{cohorts}");
        assert_eq!(cell("=cmd"), "\"=cmd\"");
        assert_eq!(cell("a,b"), "\"a,b\"");
    }
}
