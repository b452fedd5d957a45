//! Parametric bootstrap of the sBG fit: how much could α and β move if the same cohorts
//! were drawn again from the fitted model?
//!
//! Each replicate keeps every cohort's size (rounded to whole customers) and observed
//! length, draws each customer's churn month from the fitted sBG distribution (customers
//! are independent given α and β, so their churn month follows P(t) exactly), refits, and
//! records (α, β). A cohort of more than [`PER_CUSTOMER_LIMIT`] customers draws the same
//! law month by month instead, the churned as a binomial of those still active, so a
//! replicate costs the same for 12 customers or 10^12. The 90% intervals are the 5th and
//! 95th percentiles of the replicates; the standard errors their standard deviations.
//! Randomness comes from one `Xoshiro256PlusPlus` seeded explicitly, so results are
//! reproducible.

use super::cohort::{Cohort, CohortSet};
use super::model::{SbgEstimate, refit_sbg, sbg_survival};
use crate::report::retention::SbgBootstrap;
use rand::{RngExt, SeedableRng};
use rand_distr::Distribution as _;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Most customers (in all the cohorts) drawn one by one (as they always were); more draw
/// binomial counts.
pub const PER_CUSTOMER_LIMIT: f64 = 100_000.0;

/// Runs `replicates` bootstrap refits of `fit` on data shaped like `data`.
/// With `replicates == 0` the intervals collapse to the point estimate.
pub fn bootstrap_sbg(data: &CohortSet, fit: &SbgEstimate, replicates: usize, seed: u64) -> SbgBootstrap {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let max_age = data.max_age();
    // cumulative[t] = P(churned by the end of month t) = 1 − S(t).
    let cumulative: Vec<f64> = (0..=max_age).map(|t| 1.0 - sbg_survival(fit.alpha, fit.beta, t)).collect();
    let mut alphas = Vec::with_capacity(replicates);
    let mut betas = Vec::with_capacity(replicates);
    let mut boundary_replicates = 0;
    for _ in 0..replicates {
        let Some(sample) = simulate(data, &cumulative, &mut rng) else {
            continue;
        };
        let refit = refit_sbg(&sample, fit);
        boundary_replicates += usize::from(refit.at_boundary);
        alphas.push(refit.alpha);
        betas.push(refit.beta);
    }
    if alphas.is_empty() {
        alphas.push(fit.alpha);
        betas.push(fit.beta);
    }
    let refits = alphas.iter().zip(&betas).map(|(&a, &b)| [a, b]).collect();
    SbgBootstrap {
        replicates,
        seed,
        refits,
        alpha_ci90: interval90(&mut alphas),
        beta_ci90: interval90(&mut betas),
        alpha_standard_error: standard_deviation(&alphas),
        beta_standard_error: standard_deviation(&betas),
        boundary_replicates,
    }
}

/// One synthetic data set with the shape of `data`. `None` only if that shape were invalid,
/// which a validated `data` rules out; the function stays total instead of panicking.
fn simulate(data: &CohortSet, cumulative: &[f64], rng: &mut Xoshiro256PlusPlus) -> Option<CohortSet> {
    if data.customers() > PER_CUSTOMER_LIMIT {
        return simulate_by_length(data, cumulative, rng);
    }
    let cohorts = data
        .cohorts()
        .iter()
        .map(|cohort| {
            let size = cohort.active()[0].round().max(1.0);
            let last_age = cohort.last_age();
            // churned_at[t] = customers churning at the end of month t (1..=last_age).
            let churned_at = one_by_one(size as usize, &cumulative[..=last_age], rng);
            counts(cohort.label(), size as u64, &churned_at)
        })
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    CohortSet::new(cohorts).ok()
}

/// Large data, month by month: the cohorts observed for the same number of months churn
/// under the same law, and independent binomial churn of several cohorts at one hazard is
/// the binomial churn of their sum, so each length is drawn once, as one cohort of all of
/// them (the likelihood reads only the sums by age). A replicate then costs one draw per
/// age of each distinct length, at most the number of counts.
fn simulate_by_length(data: &CohortSet, cumulative: &[f64], rng: &mut Xoshiro256PlusPlus) -> Option<CohortSet> {
    let mut sizes = vec![0u64; data.max_age() + 1];
    for cohort in data.cohorts() {
        let size = cohort.active()[0].round().max(1.0) as u64;
        sizes[cohort.last_age()] = sizes[cohort.last_age()].saturating_add(size);
    }
    let cohorts = sizes
        .iter()
        .enumerate()
        .filter(|(_, size)| **size > 0)
        .map(|(last_age, &size)| {
            let churned_at = month_by_month(size, &cumulative[..=last_age], rng);
            counts(&format!("length {last_age}"), size, &churned_at)
        })
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    CohortSet::new(cohorts).ok()
}

/// The cohort of `size` customers of which `churned_at[t]` churned at the end of month t.
fn counts(label: &str, size: u64, churned_at: &[u64]) -> Result<Cohort, super::cohort::CohortError> {
    let mut active = Vec::with_capacity(churned_at.len());
    let mut remaining = size;
    for churned in churned_at {
        remaining = remaining.saturating_sub(*churned);
        active.push(remaining);
    }
    Cohort::from_counts(label, &active)
}

/// Each customer's churn month from one uniform: the first month t with u < P(churned by t).
fn one_by_one(size: usize, cumulative: &[f64], rng: &mut Xoshiro256PlusPlus) -> Vec<u64> {
    let mut churned_at = vec![0u64; cumulative.len()];
    for _ in 0..size {
        let u: f64 = rng.random();
        // `cumulative` never falls, so for long cohorts the first month past u is found by
        // bisection (short ones keep the scan they always had).
        let t = if cumulative.len() <= 64 {
            (1..cumulative.len()).find(|&t| u < cumulative[t]).unwrap_or(cumulative.len())
        } else {
            1 + cumulative[1..].partition_point(|&c| c <= u)
        };
        if t < cumulative.len() {
            churned_at[t] += 1;
        }
    }
    churned_at
}

/// The same law, month by month: of those still active, a binomial share churns with the
/// month's conditional churn probability.
fn month_by_month(size: u64, cumulative: &[f64], rng: &mut Xoshiro256PlusPlus) -> Vec<u64> {
    let mut churned_at = vec![0u64; cumulative.len()];
    let mut remaining = size;
    for t in 1..cumulative.len() {
        let surviving = 1.0 - cumulative[t - 1];
        let hazard =
            if surviving > 0.0 { ((cumulative[t] - cumulative[t - 1]) / surviving).clamp(0.0, 1.0) } else { 1.0 };
        let churned = rand_distr::Binomial::new(remaining, hazard).map_or(0, |b| b.sample(rng));
        churned_at[t] = churned.min(remaining);
        remaining -= churned_at[t];
    }
    churned_at
}

/// The 5th and 95th percentiles (linear interpolation between order statistics).
pub(crate) fn interval90(values: &mut [f64]) -> [f64; 2] {
    values.sort_by(f64::total_cmp);
    [quantile_sorted(values, 0.05), quantile_sorted(values, 0.95)]
}

fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let position = p * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let weight = position - below as f64;
    sorted[below] * (1.0 - weight) + sorted[above] * weight
}

fn standard_deviation(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::inference::retention::model::fit_sbg;

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let mut v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        assert_eq!(interval90(&mut v), [5.0, 95.0]);
        assert_eq!(interval90(&mut [2.0]), [2.0, 2.0]);
    }

    #[test]
    fn same_seed_same_intervals() {
        let data = CohortSet::from_counts(&[200, 150, 120, 100]).unwrap();
        let fit = fit_sbg(&data);
        let a = bootstrap_sbg(&data, &fit, 20, 7);
        let b = bootstrap_sbg(&data, &fit, 20, 7);
        assert_eq!(a, b);
        assert!(a.alpha_ci90[0] <= fit.alpha && fit.alpha <= a.alpha_ci90[1] * 1.5);
    }
}
