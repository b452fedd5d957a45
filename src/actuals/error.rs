//! Why a history CSV was rejected: every problem found in one pass, each naming the 1-based
//! line (the header is line 1), the column where there is one, the value and what is
//! allowed. One problem reads as one sentence after the file's name; several are listed one a
//! line under it, so ten bad cells take one run to find, not ten.

use std::fmt;

/// Most problems listed; the rest are counted.
const MAX_LISTED: usize = 40;

/// The columns a history may hold, for messages.
pub(super) const KNOWN: &str = "month (or date), revenue, cogs, gross_profit, hours, customers, commission, \
                                new_customers, churned, reactivated, subscribers, new_subscribers, cancelled, \
                                commission_paid, payout_fees";

/// One thing wrong with a history file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; `None` for the file as a whole.
    pub line: Option<u64>,
    /// The column as the header names it.
    pub column: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl Problem {
    pub(super) fn file(message: String) -> Self {
        Problem { line: None, column: None, message }
    }

    pub(super) fn line(line: u64, message: String) -> Self {
        Problem { line: Some(line), column: None, message }
    }

    pub(super) fn column(column: &str, message: String) -> Self {
        Problem { line: None, column: Some(column.to_string()), message }
    }

    pub(super) fn cell(line: u64, column: &str, message: String) -> Self {
        Problem { line: Some(line), column: Some(column.to_string()), message }
    }

    fn place(&self) -> String {
        match (self.line, &self.column) {
            (Some(l), Some(c)) => format!("line {l}, column `{c}`"),
            (Some(l), None) => format!("line {l}"),
            (None, Some(c)) => format!("column `{c}`"),
            (None, None) => String::new(),
        }
    }
}

/// Why a history CSV was rejected: its file and every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        if let [only] = &self.problems[..] {
            let place = only.place();
            return if place.is_empty() {
                write!(f, "{file}: {}", only.message)
            } else {
                write!(f, "{file} {place}: {}", only.message)
            };
        }
        write!(f, "{file}: {} problems, each listed:", self.problems.len())?;
        for p in self.problems.iter().take(MAX_LISTED) {
            let place = p.place();
            let sep = if place.is_empty() { "" } else { ": " };
            write!(f, "\n  {place}{sep}{}", p.message)?;
        }
        if self.problems.len() > MAX_LISTED {
            write!(f, "\n  ... and {} more", self.problems.len() - MAX_LISTED)?;
        }
        Ok(())
    }
}

impl std::error::Error for HistoryError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_is_a_sentence_several_are_a_list() {
        let one = HistoryError { file: "h.csv".into(), problems: vec![Problem::cell(3, "revenue", "bad".into())] };
        assert_eq!(one.to_string(), "h.csv line 3, column `revenue`: bad");
        let whole = HistoryError { file: "h.csv".into(), problems: vec![Problem::file("no months".into())] };
        assert_eq!(whole.to_string(), "h.csv: no months");
        let many = HistoryError {
            file: "h.csv".into(),
            problems: (0..45).map(|i| Problem::cell(i + 2, "hours", format!("bad {i}"))).collect(),
        };
        let text = many.to_string();
        assert!(text.starts_with("h.csv: 45 problems, each listed:\n  line 2, column `hours`: bad 0\n"), "{text}");
        assert!(text.ends_with("\n  ... and 5 more"), "{text}");
    }
}
