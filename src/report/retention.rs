//! The results contract of `sidecast fit retention` (`fit.json`, the text report, the TOML
//! snippet and the survival chart): both churn models fitted to the cohorts, their
//! comparison, uncertainty and projections, computed by `analysis::inference::retention`.

use serde::Serialize;

/// Below this many customers (at age 0, all cohorts) the fit is flagged as a small sample.
pub const SMALL_SAMPLE_CUSTOMERS: f64 = 50.0;

/// Which model the data support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetentionModel {
    Sbg,
    Constant,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MonthChurn {
    pub month: usize,
    pub churn: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SbgReport {
    pub alpha: f64,
    pub beta: f64,
    pub log_likelihood: f64,
    pub at_boundary: bool,
    /// Mean churn probability across customers, α / (α + β) (= churn in month 1).
    pub mean_churn: f64,
    pub implied_churn: Vec<MonthChurn>,
    pub bootstrap: SbgBootstrap,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstantReport {
    pub churn: f64,
    pub log_likelihood: f64,
    pub churn_ci90: [f64; 2],
    /// Beta(a, b) = Beta(churned + 1, renewed + 1).
    pub churn_beta: [f64; 2],
    pub implied_churn: Vec<MonthChurn>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelComparison {
    /// 2 · (ln L_sBG − ln L_constant), ≥ 0.
    pub likelihood_ratio: f64,
    /// χ² (1 degree of freedom) upper tail of the likelihood ratio.
    pub p_value: f64,
    pub aic_sbg: f64,
    pub aic_constant: f64,
    pub preferred: RetentionModel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataSummary {
    pub cohorts: usize,
    pub customers: f64,
    pub max_age: usize,
    pub churn_events: f64,
    pub exposures: f64,
    pub assumed_cohort_size: Option<f64>,
}

/// Survival at one age: pooled observation (if observed) and both fitted curves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurvivalPoint {
    pub age: usize,
    pub observed: Option<f64>,
    pub sbg: f64,
    pub constant: f64,
    /// Constant-churn survival at the ends of the churn's 90% interval,
    /// `[(1 − hi)^age, (1 − lo)^age]` (exact: survival falls monotonically in churn). Drawn
    /// on the chart; left out of `fit.json`, whose fields stay as published.
    #[serde(skip)]
    pub constant_ci90: [f64; 2],
    /// sBG survival's pointwise 90% interval across the bootstrap's refits (the point
    /// estimate at both ends without them). Drawn on the chart; left out of `fit.json`.
    #[serde(skip)]
    pub sbg_ci90: [f64; 2],
}

/// Everything `sidecast fit retention` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionReport {
    pub sbg: SbgReport,
    pub constant: ConstantReport,
    pub comparison: ModelComparison,
    pub data: DataSummary,
    pub small_sample: bool,
    pub survival: Vec<SurvivalPoint>,
    pub toml_snippet: String,
}

/// Summary of a parametric bootstrap of the sBG fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SbgBootstrap {
    pub replicates: usize,
    pub seed: u64,
    pub alpha_ci90: [f64; 2],
    pub beta_ci90: [f64; 2],
    pub alpha_standard_error: f64,
    pub beta_standard_error: f64,
    /// Replicates whose refit landed on the search bound (a sign the data barely identify
    /// the heterogeneity; the intervals then reach towards that bound).
    pub boundary_replicates: usize,
    /// Each refit's (α, β), for the survival curve's interval on the chart; left out of
    /// `fit.json`.
    #[serde(skip)]
    pub refits: Vec<[f64; 2]>,
}
