//! The retention-fit report: both models, their comparison, uncertainty, projections and a
//! ready-to-paste TOML snippet, in one serializable struct (the CLI prints it and writes it
//! as JSON; presentation never recomputes anything).
//!
//! Choices, stated once:
//! - **Model choice** is a likelihood-ratio test of constant churn against sBG (1 extra
//!   parameter, χ² with 1 degree of freedom, 5% level). Constant churn is the sBG's limit
//!   at α, β → ∞, on the edge of its parameter space, so the χ²₁ p-value is conservative
//!   (the exact null is a 50:50 mixture of χ²₀ and χ²₁). AICs are reported too.
//! - **sBG uncertainty**: parametric bootstrap (see [`super::bootstrap`]).
//! - **Constant-churn uncertainty**: the Beta(churned + 1, renewed + 1) distribution, i.e.
//!   the posterior for c under a uniform prior given the observed churn events and
//!   renewals; its 5th–95th percentiles are the 90% interval and its parameters the
//!   `churn = { beta = [a, b] }` snippet.
//! - **Small sample**: fewer than [`SMALL_SAMPLE_CUSTOMERS`] customers at age 0: the snippet
//!   says so and makes the Beta form the active line, since it carries the parameter
//!   uncertainty into every trajectory. Percentages with an assumed cohort size get a note
//!   instead: their precision is whatever the assumed size makes it.

use super::bootstrap::{SbgBootstrap, bootstrap_sbg};
use super::cohort::CohortSet;
use super::model::{fit_constant, fit_sbg, sbg_churn, sbg_survival};
use super::snippet::toml_snippet;
use serde::Serialize;
use statrs::distribution::{Beta, ChiSquared, ContinuousCDF};

/// Below this many customers (at age 0, all cohorts) the fit is flagged as a small sample.
pub const SMALL_SAMPLE_CUSTOMERS: f64 = 50.0;
/// Months for which the implied churn is reported.
pub const IMPLIED_CHURN_MONTHS: [usize; 3] = [1, 6, 12];

/// Settings for [`fit_retention`].
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    /// Project survival up to this age (extended to the oldest observed age if larger).
    pub projection_months: usize,
    /// Parametric-bootstrap replicates for the sBG intervals (0 disables them).
    pub bootstrap_replicates: usize,
    pub seed: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { projection_months: 24, bootstrap_replicates: 400, seed: 2007 }
    }
}

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

/// Fits both models to `data` and assembles the report. Pure and deterministic for a
/// given `options.seed`; never fails on a validated [`CohortSet`].
pub fn fit_retention(data: &CohortSet, options: &FitOptions) -> RetentionReport {
    let sbg_fit = fit_sbg(data);
    let constant_fit = fit_constant(data);
    let bootstrap = bootstrap_sbg(data, &sbg_fit, options.bootstrap_replicates, options.seed);
    let (a, b) = (constant_fit.churned + 1.0, constant_fit.renewed + 1.0);
    let sbg = SbgReport {
        alpha: sbg_fit.alpha,
        beta: sbg_fit.beta,
        log_likelihood: sbg_fit.log_likelihood,
        at_boundary: sbg_fit.at_boundary,
        mean_churn: sbg_fit.alpha / (sbg_fit.alpha + sbg_fit.beta),
        implied_churn: implied(|t| sbg_churn(sbg_fit.alpha, sbg_fit.beta, t)),
        bootstrap,
    };
    let constant = ConstantReport {
        churn: constant_fit.churn,
        log_likelihood: constant_fit.log_likelihood,
        churn_ci90: beta_interval90(a, b),
        churn_beta: [a, b],
        implied_churn: implied(|_| constant_fit.churn),
    };
    let comparison = compare(sbg.log_likelihood, constant.log_likelihood);
    let small_sample = data.customers() < SMALL_SAMPLE_CUSTOMERS;
    let data_summary = DataSummary {
        cohorts: data.cohorts().len(),
        customers: data.customers(),
        max_age: data.max_age(),
        churn_events: data.churn_events(),
        exposures: data.exposures(),
        assumed_cohort_size: data.assumed_cohort_size(),
    };
    let survival = survival_points(data, &sbg, &constant, options.projection_months);
    let mut report = RetentionReport {
        sbg,
        constant,
        comparison,
        data: data_summary,
        small_sample,
        survival,
        toml_snippet: String::new(),
    };
    report.toml_snippet = toml_snippet(&report);
    report
}

fn implied(churn: impl Fn(usize) -> f64) -> Vec<MonthChurn> {
    IMPLIED_CHURN_MONTHS.iter().map(|&month| MonthChurn { month, churn: churn(month) }).collect()
}

fn beta_interval90(a: f64, b: f64) -> [f64; 2] {
    match Beta::new(a, b) {
        Ok(d) => [d.inverse_cdf(0.05), d.inverse_cdf(0.95)],
        Err(_) => [0.0, 1.0],
    }
}

fn compare(ll_sbg: f64, ll_constant: f64) -> ModelComparison {
    let likelihood_ratio = (2.0 * (ll_sbg - ll_constant)).max(0.0);
    let p_value = ChiSquared::new(1.0).map_or(1.0, |d| d.sf(likelihood_ratio));
    ModelComparison {
        likelihood_ratio,
        p_value,
        aic_sbg: 4.0 - 2.0 * ll_sbg,
        aic_constant: 2.0 - 2.0 * ll_constant,
        preferred: if p_value < 0.05 { RetentionModel::Sbg } else { RetentionModel::Constant },
    }
}

fn survival_points(
    data: &CohortSet,
    sbg: &SbgReport,
    constant: &ConstantReport,
    projection_months: usize,
) -> Vec<SurvivalPoint> {
    let observed = data.pooled_survival();
    (0..=projection_months.max(data.max_age()))
        .map(|age| SurvivalPoint {
            age,
            observed: observed.get(age).copied(),
            sbg: sbg_survival(sbg.alpha, sbg.beta, age),
            constant: (1.0 - constant.churn).powi(age as i32),
        })
        .collect()
}
