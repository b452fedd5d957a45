//! The two retention models and their maximum-likelihood fits.
//!
//! - **Shifted-beta-geometric (sBG)** (Fader & Hardie 2007): each customer churns at the end
//!   of every month with their own probability θ ~ Beta(α, β). For a cohort,
//!   P(churn at the end of month t) = B(α+1, β+t−1) / B(α, β) and survival to age t is
//!   S(t) = B(α, β+t) / B(α, β); the retention rate r(t) = (β+t−1)/(α+β+t−1) rises with age
//!   because the churn-prone leave first.
//! - **Constant churn (geometric)**: every customer churns with the same probability c, so
//!   S(t) = (1−c)^t. Its maximum-likelihood estimate is closed-form: churn events / exposures.
//!
//! The log-likelihood adds, over cohorts, Σₜ churned(t)·ln P(t) for the observed churn and
//! active(T)·ln S(T) for the customers still active at the last observed age T
//! (right-censored), so cohorts of different lengths are fitted jointly. The sBG fit
//! maximises it with [`nelder_mead`] over (ln α, ln β), each confined to
//! [−[`LOG_PARAMETER_BOUND`], +[`LOG_PARAMETER_BOUND`]]; an estimate on that edge is flagged.
//! Data showing no heterogeneity (retention flat or falling with age) push α and β towards
//! infinity at a fixed ratio: the sBG then *is* constant churn, and the flag says so.

use super::cohort::CohortSet;
use crate::numeric::optimize::{Tolerances, nelder_mead};
use serde::Serialize;
use statrs::function::beta::checked_ln_beta;

/// ln α and ln β are kept within ±this (α, β between about 1e-4 and 1e4).
pub const LOG_PARAMETER_BOUND: f64 = 9.21;

/// A fitted sBG model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SbgEstimate {
    pub alpha: f64,
    pub beta: f64,
    pub log_likelihood: f64,
    /// True when α or β sits on the search bound: the likelihood keeps rising towards
    /// the edge, typically towards constant churn (no heterogeneity in the data).
    pub at_boundary: bool,
}

/// A fitted constant-churn model with its sufficient statistics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ConstantEstimate {
    /// Monthly churn probability, churned / exposures.
    pub churn: f64,
    pub log_likelihood: f64,
    /// Churn events observed.
    pub churned: f64,
    /// Renewals observed (exposures that did not end in churn).
    pub renewed: f64,
}

fn ln_b(a: f64, b: f64) -> f64 {
    checked_ln_beta(a, b).unwrap_or(f64::NAN)
}

/// sBG survival S(t) = B(α, β+t)/B(α, β): the share of a cohort still active at age `t`.
/// NaN for non-positive α or β.
pub fn sbg_survival(alpha: f64, beta: f64, age: usize) -> f64 {
    (ln_b(alpha, beta + age as f64) - ln_b(alpha, beta)).exp()
}

/// sBG churn in month `month` (≥ 1) among customers active at its start:
/// 1 − r(t) = α / (α + β + t − 1).
pub fn sbg_churn(alpha: f64, beta: f64, month: usize) -> f64 {
    alpha / (alpha + beta + month as f64 - 1.0)
}

/// The sBG log-likelihood of the data at (α, β); NaN for non-positive parameters.
///
/// Summed by age over all cohorts at once ([`CohortSet::pooled`]), with the survival built
/// up month by month, S(t) = S(t−1)·(1 − α/(α+β+t−1)) and P(t) = S(t−1)·α/(α+β+t−1): two
/// logarithms an age, so one evaluation costs the same for one cohort or a thousand, and
/// at most 1,200 ages of them.
pub fn sbg_log_likelihood(data: &CohortSet, alpha: f64, beta: f64) -> f64 {
    if !(alpha > 0.0 && beta > 0.0 && alpha.is_finite() && beta.is_finite()) {
        return f64::NAN;
    }
    let pooled = data.pooled();
    let mut ln_survival = 0.0;
    let mut total = 0.0;
    for t in 0..pooled.censored.len() {
        if t > 0 {
            let at_risk = alpha + beta + t as f64 - 1.0;
            let churned = pooled.churned[t];
            if churned > 0.0 {
                total += churned * (ln_survival + (alpha / at_risk).ln());
            }
            ln_survival += (-alpha / at_risk).ln_1p();
        }
        let censored = pooled.censored[t];
        if censored > 0.0 {
            total += censored * ln_survival;
        }
    }
    total
}

/// Maximum-likelihood sBG fit of all cohorts jointly.
///
/// Starts at α = β = 1 and restarts once from the first optimum with a smaller simplex,
/// which makes the result precise to far better than 3 significant figures.
pub fn fit_sbg(data: &CohortSet) -> SbgEstimate {
    let tolerances = Tolerances::default();
    let scale = data.exposures().max(1.0);
    let objective = |x: &[f64; 2]| negative_log_likelihood(data, scale, x);
    let first = nelder_mead(objective, [0.0, 0.0], 1.0, &tolerances);
    let polished = nelder_mead(objective, first.point, 0.05, &tolerances);
    let best = if polished.value <= first.value { polished } else { first };
    estimate(data, best.point)
}

/// A quicker, slightly looser fit started near a previous estimate (bootstrap refits),
/// precise to about 1e-6 relative, far below the sampling noise it measures.
pub(crate) fn refit_sbg(data: &CohortSet, near: &SbgEstimate) -> SbgEstimate {
    let tolerances = Tolerances { value: 1e-9, point: 1e-7, max_iterations: 4_000 };
    let start = [near.alpha.ln(), near.beta.ln()];
    let scale = data.exposures().max(1.0);
    let best = nelder_mead(|x| negative_log_likelihood(data, scale, x), start, 0.5, &tolerances);
    estimate(data, best.point)
}

/// −ln L at (ln α, ln β) divided by `scale`, the renewal decisions observed (so the
/// minimiser's tolerances mean the same for 12 customers or 10^15, whose log-likelihood no
/// float holds to 1e-12); +∞ outside the search box.
fn negative_log_likelihood(data: &CohortSet, scale: f64, x: &[f64; 2]) -> f64 {
    if x.iter().any(|v| v.abs() > LOG_PARAMETER_BOUND) {
        f64::INFINITY
    } else {
        -sbg_log_likelihood(data, x[0].exp(), x[1].exp()) / scale
    }
}

fn estimate(data: &CohortSet, point: [f64; 2]) -> SbgEstimate {
    let (alpha, beta) = (point[0].exp(), point[1].exp());
    SbgEstimate {
        alpha,
        beta,
        log_likelihood: sbg_log_likelihood(data, alpha, beta),
        at_boundary: point.iter().any(|v| v.abs() > LOG_PARAMETER_BOUND - 0.01),
    }
}

/// Maximum-likelihood constant-churn fit: c = churned / exposures, with
/// ln L = churned·ln c + renewed·ln(1 − c) (0·ln 0 taken as 0).
pub fn fit_constant(data: &CohortSet) -> ConstantEstimate {
    let churned = data.churn_events();
    let exposures = data.exposures();
    let renewed = exposures - churned;
    let churn = if exposures > 0.0 { churned / exposures } else { 0.0 };
    let term = |n: f64, p: f64| if n > 0.0 { n * p.ln() } else { 0.0 };
    ConstantEstimate { churn, log_likelihood: term(churned, churn) + term(renewed, 1.0 - churn), churned, renewed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(values: &[f64]) -> CohortSet {
        CohortSet::from_survival_percent(values, None).unwrap()
    }

    #[test]
    fn survival_and_churn_formulas_agree() {
        // S(t) = Π r(i) for i = 1..t, with r(i) = 1 − churn(i).
        let (a, b) = (0.7, 1.2);
        let mut s = 1.0;
        for t in 1..=12 {
            s *= 1.0 - sbg_churn(a, b, t);
            assert!((sbg_survival(a, b, t) - s).abs() < 1e-12);
        }
        assert_eq!(sbg_survival(a, b, 0), 1.0);
    }

    #[test]
    fn constant_fit_is_churn_over_exposure() {
        let fit = fit_constant(&CohortSet::from_counts(&[12, 11, 8]).unwrap());
        // 1 + 3 churned out of 12 + 11 exposures.
        assert!((fit.churn - 4.0 / 23.0).abs() < 1e-15);
        let expected = 4.0 * (4.0f64 / 23.0).ln() + 19.0 * (19.0f64 / 23.0).ln();
        assert!((fit.log_likelihood - expected).abs() < 1e-12);
    }

    #[test]
    fn sbg_log_likelihood_matches_a_hand_computation() {
        // Cohort 10, 7, 6 at alpha = beta = 1: P(1) = 1/2, P(2) = 1/6, S(2) = 1/3.
        let data = CohortSet::from_counts(&[10, 7, 6]).unwrap();
        let expected = 3.0 * 0.5f64.ln() + 1.0 * (1.0f64 / 6.0).ln() + 6.0 * (1.0f64 / 3.0).ln();
        assert!((sbg_log_likelihood(&data, 1.0, 1.0) - expected).abs() < 1e-12);
    }

    #[test]
    fn flat_retention_runs_to_the_constant_churn_boundary() {
        // Retention falls with age (11/12 then 8/11): no heterogeneity to fit.
        let data = CohortSet::from_counts(&[12, 11, 8]).unwrap();
        let sbg = fit_sbg(&data);
        let constant = fit_constant(&data);
        assert!(sbg.at_boundary, "{sbg:?}");
        assert!(sbg.log_likelihood <= constant.log_likelihood + 1e-6);
        assert!(sbg.log_likelihood > constant.log_likelihood - 0.01);
    }

    #[test]
    fn percent_input_fits_like_counts() {
        let a = fit_sbg(&percent(&[100.0, 86.9, 74.3, 65.3]));
        let b = fit_sbg(&CohortSet::from_counts(&[1000, 869, 743, 653]).unwrap());
        assert!((a.alpha - b.alpha).abs() < 1e-6 && (a.beta - b.beta).abs() < 1e-6);
    }
}
