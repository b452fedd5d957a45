//! What a calibration took as evidence (docs/model.md §16), part of the results contract of
//! `sidecast calibrate`: each history column with how it was recorded, the columns left
//! out and why, whether the posterior is the exact one, the cohort facts with their
//! posterior predictive check, and, when cohort facts and the monthly series both speak
//! about a churn, what each says alone and whether they agree.

use serde::Serialize;

use super::spread::Spread;

/// How a history column was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Record {
    /// An exact record (counts, flows; money to the cent).
    Exact,
    /// The truth times `exp(σ·Z)`: "within about ±σ".
    Lognormal { sigma: f64 },
    /// The truth plus `σ·|truth|·Z` (gross profit, which may be negative).
    Relative { sigma: f64 },
}

impl Record {
    /// "exact", "exact to the cent", "lognormal σ 0.3".
    pub fn words(&self, money: bool) -> String {
        match self {
            Record::Exact if money => "exact to the cent".to_string(),
            Record::Exact => "exact".to_string(),
            Record::Lognormal { sigma } => format!("lognormal σ {sigma}"),
            Record::Relative { sigma } => format!("±{sigma} of its size"),
        }
    }
}

/// One history column that took part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnEvidence {
    pub column: String,
    /// Months with a value.
    pub months: usize,
    pub record: Record,
    /// Money (its exact record is "to the cent").
    pub money: bool,
}

impl ColumnEvidence {
    /// "hours (6 months, lognormal σ 0.3)".
    pub fn words(&self) -> String {
        let months = if self.months == 1 { "1 month".to_string() } else { format!("{} months", self.months) };
        format!("{} ({months}, {})", self.column, self.record.words(self.money))
    }
}

/// A column read but left out of the calibration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub column: String,
    pub reason: String,
}

/// Where one cohort count falls among cohorts simulated from the posterior.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortPoint {
    pub cohort: String,
    /// Months since the cohort started (1 = renewed once).
    pub age: usize,
    pub actual: f64,
    /// Fraction of simulated cohorts below the actual (ties count half).
    pub percentile_rank: Option<f64>,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    /// The rank lies outside 5-95.
    pub surprising: bool,
}

/// Cohort facts given beside the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortFacts {
    /// `--counts 12,11,8`, or the file.
    pub source: String,
    /// The churn they measure (`reseller.churn`).
    pub churn_key: String,
    pub cohorts: usize,
    /// Customers who started, churn events and renewal decisions seen.
    pub customers: f64,
    pub churned: f64,
    pub decisions: f64,
    /// Each count after the first, against the posterior predictive.
    pub check: Vec<CohortPoint>,
}

/// What the two sources say about one churn, alone and together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TwoSources {
    pub churn_key: String,
    /// What is compared: "monthly churn" (constant), or the mean monthly churn of a new
    /// customer, α/(α+β), under sBG.
    pub measure: String,
    pub cohorts: Spread,
    pub series: Spread,
    pub together: Spread,
    /// The series' posterior width over the prior's: near 1 when the months say little.
    pub series_width_ratio: Option<f64>,
    /// P(the series' churn > the cohorts'), the two posteriors taken as independent.
    pub series_above: f64,
    /// Two-sided: 2·min(series_above, 1 − series_above). Small when they pull apart.
    pub conflict_p: f64,
    pub verdict: Agreement,
    /// The actuals outside the 5-95% band of the posterior predictive, of those checked:
    /// the series', then the cohort facts'.
    pub series_surprising: (usize, usize),
    pub cohorts_surprising: (usize, usize),
}

/// Whether the two sources agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The months say too little about this churn to compare (their interval keeps most of
    /// the prior's width).
    SeriesSaysLittle,
    Agree,
    /// Each favours a different side, within what chance explains: the series' churn lies
    /// above (or below) the cohorts' with a probability beyond 75% (conflict p 0.05-0.5).
    PullApart,
    /// More apart than chance explains (conflict p below 0.05).
    Disagree,
}

/// The evidence of a calibration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub columns: Vec<ColumnEvidence>,
    pub left_out: Vec<LeftOut>,
    pub cohorts: Option<CohortFacts>,
    /// The posterior is the exact one (its likelihood computed), up to Monte Carlo error.
    pub exact: bool,
    /// Why it is approximated by simulation instead (empty when exact).
    pub approximate_because: Vec<String>,
}
