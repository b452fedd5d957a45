//! Fits both retention models and assembles their report ([`RetentionReport`]): comparison,
//! uncertainty, projections and the ready-to-paste TOML snippet.
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

use super::bootstrap::{bootstrap_sbg, interval90};
use super::cohort::CohortSet;
use super::model::{fit_constant, fit_sbg, sbg_churn, sbg_survival};
use crate::report::retention::{
    ConstantReport, DataSummary, ModelComparison, MonthChurn, RetentionModel, RetentionReport, SMALL_SAMPLE_CUSTOMERS,
    SbgReport, SurvivalPoint,
};
use crate::report::snippet::toml_snippet;
use statrs::distribution::{Beta, ChiSquared, ContinuousCDF};

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

/// Both shapes above this, the Beta's 90% interval is the normal one (its skewness is then
/// below 0.007): statrs' inverse takes minutes for shapes of 1e16 (cohorts of 1e15).
const NORMAL_BETA_ABOVE: f64 = 1e5;

/// The central 90% interval of Beta(a, b).
fn beta_interval90(a: f64, b: f64) -> [f64; 2] {
    if a > NORMAL_BETA_ABOVE && b > NORMAL_BETA_ABOVE && a.is_finite() && b.is_finite() {
        let n = a + b;
        let mean = a / n;
        let sd = (mean * (b / n) / (n + 1.0)).sqrt();
        let z = 1.644_853_626_951_472_2;
        return [(mean - z * sd).max(0.0), (mean + z * sd).min(1.0)];
    }
    if a > NORMAL_BETA_ABOVE || b > NORMAL_BETA_ABOVE {
        // One shape huge, the other not (a cohort of millions with a handful churned, or
        // nearly all): statrs' inverse can loop for minutes there. Bisection is bounded.
        return [beta_quantile(a, b, 0.05), beta_quantile(a, b, 0.95)];
    }
    match Beta::new(a, b) {
        Ok(d) => [d.inverse_cdf(0.05), d.inverse_cdf(0.95)],
        Err(_) => [0.0, 1.0],
    }
}

/// The `p`-quantile of Beta(a, b) by bisection on its distribution function: at most one
/// step per bit of a double (about 1,100), each a bounded continued fraction.
fn beta_quantile(a: f64, b: f64, p: f64) -> f64 {
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    loop {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            return mid;
        }
        match statrs::function::beta::checked_beta_reg(a, b, mid) {
            Ok(cdf) if cdf < p => low = mid,
            Ok(_) => high = mid,
            Err(_) => return a / (a + b),
        }
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
    let [churn_lo, churn_hi] = constant.churn_ci90;
    let constant_survival = |churn: f64, age: usize| (1.0 - churn).powi(age as i32);
    let sbg_ci90 = |age: usize| {
        let mut values: Vec<f64> = sbg.bootstrap.refits.iter().map(|&[a, b]| sbg_survival(a, b, age)).collect();
        if values.is_empty() {
            let at = sbg_survival(sbg.alpha, sbg.beta, age);
            return [at, at];
        }
        interval90(&mut values)
    };
    (0..=projection_months.max(data.max_age()))
        .map(|age| SurvivalPoint {
            age,
            observed: observed.get(age).copied(),
            sbg: sbg_survival(sbg.alpha, sbg.beta, age),
            constant: constant_survival(constant.churn, age),
            constant_ci90: [constant_survival(churn_hi, age), constant_survival(churn_lo, age)],
            sbg_ci90: sbg_ci90(age),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 25 §3: the constant churn's interval of the largest cohorts (shapes of 1e16
    /// and more) takes no time, and agrees with statrs where both can be computed.
    #[test]
    fn the_beta_interval_of_huge_shapes_is_quick_and_agrees_with_the_exact_one() {
        let started = std::time::Instant::now();
        let [lo, hi] = beta_interval90(6.2e16, 4.0e19);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let mean = 6.2e16 / (6.2e16 + 4.0e19);
        assert!(lo < mean && mean < hi && hi - lo < 1e-9, "[{lo}, {hi}]");
        let exact = Beta::new(2e5, 8e5).unwrap();
        let [lo, hi] = beta_interval90(2e5, 8e5);
        assert!((lo - exact.inverse_cdf(0.05)).abs() < 1e-6, "{lo}");
        assert!((hi - exact.inverse_cdf(0.95)).abs() < 1e-6, "{hi}");
    }

    /// One shape huge and the other small (`--counts 10000000,9999999`: 1 churned in 10
    /// million) looped for minutes in statrs. For b → ∞, b·X tends to Gamma(a, 1), whose
    /// 5% and 95% points for a = 2 are 0.355362 and 4.743865; and Beta(a, b) is the
    /// mirror of Beta(b, a).
    #[test]
    fn the_beta_interval_of_one_huge_shape_is_quick_and_right() {
        let started = std::time::Instant::now();
        let b = 1e7;
        let [lo, hi] = beta_interval90(2.0, b);
        assert!((lo * b / 0.355_362 - 1.0).abs() < 1e-3, "{lo}");
        assert!((hi * b / 4.743_865 - 1.0).abs() < 1e-3, "{hi}");
        let [lo2, hi2] = beta_interval90(b, 2.0);
        assert!((lo2 - (1.0 - hi)).abs() < 1e-12 && (hi2 - (1.0 - lo)).abs() < 1e-12, "[{lo2}, {hi2}]");
        for (a, b) in [(1.0, 1e15), (1e15, 1.0), (1e-3, 1e9), (3.0, 2e5)] {
            let [lo, hi] = beta_interval90(a, b);
            assert!(
                lo.is_finite() && hi.is_finite() && lo <= hi && (0.0..=1.0).contains(&lo),
                "{a}, {b}: [{lo}, {hi}]"
            );
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }
}
