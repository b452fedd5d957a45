//! Reads several cohorts from CSV text: one row per cohort, `start month, active at age 0,
//! active at age 1, ...`.
//!
//! Rules (all errors name the file, the 1-based line and column, and what is allowed):
//! - rows may be ragged: newer cohorts have fewer ages, so trailing cells may be missing or
//!   empty, but an empty cell may not be followed by a count;
//! - an optional header row is recognised by a first data cell (column 2) that is not a
//!   number, e.g. `cohort,age0,age1,age2`; lines starting with `#` are comments;
//! - counts are whole numbers ≥ 0 that never rise with age, and a cohort starts with ≥ 1.
//!
//! The text is passed in; reading the file (and the I/O error with its path) is the CLI's job.

use super::cohort::{Cohort, CohortError, CohortSet};
use thiserror::Error;

/// Why a cohort CSV was rejected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CohortCsvError {
    #[error("{file} line {line}: not valid CSV: {message}")]
    Csv { file: String, line: u64, message: String },
    #[error(
        "{file} line {line}, column {column}: `{value}` is not a number; cells hold the count of \
         customers still active at that age (a whole number ≥ 0), or are left empty after a \
         cohort's last age"
    )]
    NotANumber { file: String, line: u64, column: usize, value: String },
    #[error("{file} line {line}, column {column}: `{value}` is not a whole number of customers")]
    NotWhole { file: String, line: u64, column: usize, value: String },
    #[error(
        "{file} line {line}, column {column}: empty cell before a later count; only the trailing \
         cells (ages a cohort has not reached yet) may be empty"
    )]
    Gap { file: String, line: u64, column: usize },
    #[error("{file} line {line}, column {column}: {error}{hint}")]
    InvalidCohort {
        file: String,
        line: u64,
        column: usize,
        error: CohortError,
        /// A number an unquoted thousands separator split in two, when that is likely: " (is
        /// `1,200` one number? Write 1200)"; otherwise empty.
        hint: String,
    },
    #[error(
        "{file}: no cohorts found; expected one row per cohort: start month, customers active \
         at age 0, at age 1, ... (e.g. `2025-01,12,11,8`)"
    )]
    NoCohorts { file: String },
    #[error("{file}: {error}")]
    InvalidSet { file: String, error: CohortError },
    /// Several rows' problems, each as its own error, in file order.
    #[error("{}", several(.file, .problems))]
    Several { file: String, problems: Vec<CohortCsvError> },
}

/// Each problem on its own `error:` line, then how many there were.
fn several(file: &str, problems: &[CohortCsvError]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!("{}\nerror: {} problems in {file}", lines.join("\nerror: "), problems.len())
}

/// Parses CSV text holding one cohort per row; `file` names the input in messages.
///
/// # Errors
/// Any [`CohortCsvError`]: malformed CSV, a non-numeric, fractional or negative count, a
/// count that rises with age, a gap, an empty cohort, or no usable cohort at all.
pub fn parse_cohort_csv(text: &str, file: &str) -> Result<CohortSet, CohortCsvError> {
    let (mut cohorts, mut problems) = (Vec::new(), Vec::new());
    for (index, (line, record)) in crate::text::csv::records(text).enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(CohortCsvError::Csv { file: file.to_string(), line, message: e.to_string() });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if index == 0 && is_header(&record) {
            continue;
        }
        match parse_row(&record, line, file) {
            Ok(cohort) => cohorts.push(cohort),
            Err(problem) => problems.push(problem),
        }
    }
    // Every row's problem at once.
    match problems.len() {
        0 => {}
        1 => return Err(problems.remove(0)),
        _ => return Err(CohortCsvError::Several { file: file.to_string(), problems }),
    }
    if cohorts.is_empty() {
        return Err(CohortCsvError::NoCohorts { file: file.to_string() });
    }
    CohortSet::new(cohorts).map_err(|error| CohortCsvError::InvalidSet { file: file.to_string(), error })
}

fn is_header(record: &csv::StringRecord) -> bool {
    record.get(1).is_some_and(|cell| !cell.is_empty() && cell.parse::<f64>().is_err())
}

fn parse_row(record: &csv::StringRecord, line: u64, file: &str) -> Result<Cohort, CohortCsvError> {
    let label = record.get(0).unwrap_or("").to_string();
    let cells: Vec<&str> = record.iter().skip(1).collect();
    let filled = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let mut counts = Vec::with_capacity(filled);
    for (i, cell) in cells[..filled].iter().enumerate() {
        let column = i + 2;
        let at = |value: &str| (file.to_string(), line, column, value.to_string());
        if cell.is_empty() {
            return Err(CohortCsvError::Gap { file: file.to_string(), line, column });
        }
        let value: f64 = cell.parse().map_err(|_| {
            let (file, line, column, value) = at(cell);
            CohortCsvError::NotANumber { file, line, column, value }
        })?;
        if value.is_finite() && value >= 0.0 && value.fract() != 0.0 {
            let (file, line, column, value) = at(cell);
            return Err(CohortCsvError::NotWhole { file, line, column, value });
        }
        counts.push(value);
    }
    let cohort_label = if label.is_empty() { format!("line {line}") } else { label };
    Cohort::from_active(cohort_label, counts).map_err(|error| {
        let column = error.age().map_or(2, |age| age + 2);
        // A count rising after a short one, by a three-digit cell: `1,200` split in two.
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i));
        let hint = match (&error, cell(column.checked_sub(3)), cell(column.checked_sub(2))) {
            (CohortError::Rising { .. }, Some(before), Some(after))
                if before.len() <= 3 && after.len() == 3 && after.chars().all(|c| c.is_ascii_digit()) =>
            {
                format!(" (is `{before},{after}` one number split by its thousands separator? Write {before}{after})")
            }
            _ => String::new(),
        };
        CohortCsvError::InvalidCohort { file: file.to_string(), line, column, error, hint }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "cohorts.csv";

    #[test]
    fn reads_ragged_cohorts_with_a_header_and_comments() {
        let text =
            "# our cohorts\ncohort,age0,age1,age2,age3\n2025-01,12,11,8,7\n2025-02,5,4,4\n2025-03,6,5,,\n2025-04,3\n";
        let set = parse_cohort_csv(text, FILE).unwrap();
        let sizes: Vec<usize> = set.cohorts().iter().map(|c| c.active().len()).collect();
        assert_eq!(sizes, vec![4, 3, 2, 1]);
        assert_eq!(set.cohorts()[0].label(), "2025-01");
        assert_eq!(set.customers(), 26.0);
        assert_eq!(set.max_age(), 3);
    }

    #[test]
    fn reads_rows_without_a_header() {
        let set = parse_cohort_csv("1,12,11,8\n", FILE).unwrap();
        assert_eq!(set.cohorts()[0].active(), &[12.0, 11.0, 8.0]);
    }

    #[test]
    fn rejects_bad_input_naming_line_and_column() {
        let cases: &[(&str, &str)] = &[
            ("m,a0,a1\n1,12,11\n2,10,1x\n", "cohorts.csv line 3, column 3: `1x` is not a number"),
            ("1,12,13\n", "cohorts.csv line 1, column 3: cohort `1`, age 1: 13 is more than the 12 active at age 0"),
            ("1,12,-1\n", "cohorts.csv line 1, column 3: cohort `1`, age 1: -1 is not allowed"),
            ("1,12,,8\n", "cohorts.csv line 1, column 3: empty cell before a later count"),
            ("1,12,10.5\n", "cohorts.csv line 1, column 3: `10.5` is not a whole number"),
            ("1,0,0\n", "cohorts.csv line 1, column 2: cohort `1` starts with 0 customers"),
            ("1,12,11\n2\n", "cohorts.csv line 2, column 2: cohort `2` is empty"),
            ("cohort,age0\n", "cohorts.csv: no cohorts found"),
            ("1,12\n2,5\n", "cohorts.csv: no cohort has been observed past age 0"),
        ];
        for (text, expected) in cases {
            let message = parse_cohort_csv(text, FILE).unwrap_err().to_string();
            assert!(message.starts_with(expected), "for {text:?}:\n  got  {message}\n  want {expected}");
        }
    }

    /// Every bad row at once (the first one hid the rest).
    #[test]
    fn every_bad_row_is_named_at_once() {
        let text = "cohort,age0,age1,age2\n2025-01,40,33,29\n2025-02,10,x,6\n2025-03,-1,,\n2025-05,10,nan,3\n";
        let message = parse_cohort_csv(text, FILE).unwrap_err().to_string();
        let lines: Vec<&str> = message.lines().collect();
        assert_eq!(lines.len(), 4, "{message}");
        assert!(lines[0].starts_with("cohorts.csv line 3, column 3: `x` is not a number"), "{message}");
        assert!(lines[1].starts_with("error: cohorts.csv line 4, column 2: cohort `2025-03`"), "{message}");
        assert!(lines[2].starts_with("error: cohorts.csv line 5, column 3:"), "{message}");
        assert_eq!(lines[3], "error: 3 problems in cohorts.csv");
    }
}
