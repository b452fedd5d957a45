//! Why a scenario and a history cannot be calibrated, said before any work.

use thiserror::Error;

/// Why a scenario and a history cannot be calibrated.
#[derive(Debug, Error)]
pub enum SetupError {
    #[error(
        "{file} has no uncertain parameter to calibrate: every number is fixed. Give the ones your history should \
         inform a prior distribution, e.g. `churn = {{ beta = [2, 18] }}` or `arrivals = {{ ci90 = [0.5, 4] }}` \
         (fixed values stay fixed). A content piece's signups_per_piece is drawn afresh for each piece and \
         cannot be calibrated: give a number drawn once per trajectory, such as affiliate.signups, a prior instead"
    )]
    NoParameters { file: String },
    #[error(
        "{file} draws its parameters from {what}; calibrate takes independent priors (their distributions), \
         so remove `{key}` from the scenario you calibrate"
    )]
    Joint { file: String, what: &'static str, key: &'static str },
    #[error(
        "the history's month {month} is before the scenario's first month {first}: calibrate from a scenario \
             whose start_month is at most {month}"
    )]
    BeforeStart { month: u32, first: u32 },
    #[error("the history's month {month} is after the scenario's last month {last}: raise horizon_months")]
    AfterEnd { month: u32, last: u32 },
    #[error("the history's `{column}` column has nothing to compare with: the scenario has no {stream}")]
    NotModelled { column: &'static str, stream: &'static str },
    #[error("the history has no value in the scenario's months to calibrate against")]
    NoObservations,
    #[error(
        "the history's counts do not add up: {message}; a month's {noun} are last month's, less those churned at \
         its end, plus the month's arrivals (check the counts, or leave out the cells you are unsure of)"
    )]
    Inconsistent { noun: &'static str, message: String },
    #[error("--cohort-churn {given}: the scenario has no such churn; its churns are {}", .keys.join(", "))]
    UnknownChurn { given: String, keys: Vec<String> },
    #[error(
        "the scenario has several churns ({}): say which one the cohorts measure with --cohort-churn KEY",
        .keys.join(", ")
    )]
    WhichChurn { keys: Vec<String> },
}
