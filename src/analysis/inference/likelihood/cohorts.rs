//! The exact likelihood of cohort counts (as `fit retention` reads them: customers who
//! started, then those still active at each later age) under constant churn or the
//! shifted-beta-geometric model (docs/model.md §6.2), and cohorts simulated from either, for
//! the posterior predictive check of the cohort facts.
//!
//! Under constant churn c every renewal decision is a Bernoulli trial, so the likelihood is
//! `c^churned (1 − c)^renewed` over all cohorts. Under sBG each customer's churn age is
//! independent with `P(T = t) = B(α + 1, β + t − 1) / B(α, β)`; the likelihood of the
//! counts is that of the churn ages seen and the survivors still active (right-censored),
//! [`sbg_log_likelihood`]. Both are up to a factor free of the parameters, which a posterior
//! does not see.

use rand::Rng;
use rand_distr::{Binomial, Distribution};

use crate::analysis::inference::retention::CohortSet;
use crate::analysis::inference::retention::model::sbg_log_likelihood;

/// How the cohort's customers churn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CohortChurn {
    /// The same monthly probability for everyone.
    Constant(f64),
    /// Each customer's own probability drawn from Beta(α, β).
    ShiftedBetaGeometric { alpha: f64, beta: f64 },
}

impl CohortChurn {
    /// The share of the customers active at age `age − 1` still active at `age` (≥ 1).
    pub fn retention(&self, age: usize) -> f64 {
        match *self {
            CohortChurn::Constant(c) => 1.0 - c,
            CohortChurn::ShiftedBetaGeometric { alpha, beta } => {
                (beta + age as f64 - 1.0) / (alpha + beta + age as f64 - 1.0)
            }
        }
    }

    fn valid(&self) -> bool {
        match *self {
            CohortChurn::Constant(c) => (0.0..=1.0).contains(&c),
            CohortChurn::ShiftedBetaGeometric { alpha, beta } => {
                alpha > 0.0 && beta > 0.0 && alpha.is_finite() && beta.is_finite()
            }
        }
    }
}

/// `ln P(cohort counts | churn)`, up to a factor free of the churn; −∞ for churn that is
/// not a churn rule or counts it cannot produce.
pub fn ln_likelihood(cohorts: &CohortSet, churn: CohortChurn) -> f64 {
    if !churn.valid() {
        return f64::NEG_INFINITY;
    }
    let total = match churn {
        CohortChurn::Constant(c) => {
            let churned = cohorts.churn_events();
            let renewed = cohorts.exposures() - churned;
            let term = |n: f64, p: f64| if n > 0.0 { n * p.ln() } else { 0.0 };
            term(churned, c) + term(renewed, 1.0 - c)
        }
        CohortChurn::ShiftedBetaGeometric { alpha, beta } => sbg_log_likelihood(cohorts, alpha, beta),
    };
    if total.is_nan() { f64::NEG_INFINITY } else { total }
}

/// One simulated copy of `cohorts`: each cohort starts with its own count (rounded to a
/// whole number of customers) and loses customers age by age under `churn`; the counts at
/// every observed age, cohort after cohort.
pub fn simulate<R: Rng + ?Sized>(cohorts: &CohortSet, churn: CohortChurn, rng: &mut R) -> Vec<Vec<f64>> {
    cohorts
        .cohorts()
        .iter()
        .map(|cohort| {
            let mut active = cohort.active()[0].round() as u64;
            let mut counts = vec![active as f64];
            for age in 1..=cohort.last_age() {
                // Given the survivors so far, each stays with the conditional retention at
                // this age, independently: the churn ages are independent across customers.
                let keep = churn.retention(age).clamp(0.0, 1.0);
                active = Binomial::new(active, keep).map_or(active, |b| b.sample(rng));
                counts.push(active as f64);
            }
            counts
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::inference::retention::Cohort;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;
    use statrs::function::beta::ln_beta;

    #[test]
    fn constant_churn_is_bernoulli_renewals() {
        // 12, 11, 8: 4 churned of 23 decisions.
        let set = CohortSet::from_counts(&[12, 11, 8]).unwrap();
        let got = ln_likelihood(&set, CohortChurn::Constant(0.2));
        assert!((got - (4.0 * 0.2f64.ln() + 19.0 * 0.8f64.ln())).abs() < 1e-12);
        assert_eq!(ln_likelihood(&set, CohortChurn::Constant(1.2)), f64::NEG_INFINITY);
        assert_eq!(ln_likelihood(&set, CohortChurn::Constant(0.0)), f64::NEG_INFINITY);
    }

    #[test]
    fn sbg_is_the_probability_of_the_churn_ages_seen() {
        // Cohort 10, 7, 6: 3 churn at age 1, 1 at age 2, 6 survive age 2.
        let set = CohortSet::new(vec![Cohort::from_counts("a", &[10, 7, 6]).unwrap()]).unwrap();
        let (a, b) = (0.8, 2.5);
        let p = |t: f64| (ln_beta(a + 1.0, b + t - 1.0) - ln_beta(a, b)).exp();
        let s2 = (ln_beta(a, b + 2.0) - ln_beta(a, b)).exp();
        let expected = 3.0 * p(1.0).ln() + p(2.0).ln() + 6.0 * s2.ln();
        let got = ln_likelihood(&set, CohortChurn::ShiftedBetaGeometric { alpha: a, beta: b });
        assert!((got - expected).abs() < 1e-10, "{got} vs {expected}");
        assert_eq!(ln_likelihood(&set, CohortChurn::ShiftedBetaGeometric { alpha: -1.0, beta: b }), f64::NEG_INFINITY);
    }

    #[test]
    fn simulated_cohorts_keep_the_survival_curve() {
        let set = CohortSet::from_counts(&[2000, 1, 1, 1]).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
        let (a, b) = (0.7, 1.2);
        let churn = CohortChurn::ShiftedBetaGeometric { alpha: a, beta: b };
        let runs: Vec<Vec<Vec<f64>>> = (0..200).map(|_| simulate(&set, churn, &mut rng)).collect();
        for age in 1..=3 {
            let mean = runs.iter().map(|r| r[0][age]).sum::<f64>() / 200.0 / 2000.0;
            let survival = crate::analysis::inference::retention::sbg_survival(a, b, age);
            assert!((mean - survival).abs() < 0.01, "age {age}: {mean} vs {survival}");
        }
        let constant = simulate(&set, CohortChurn::Constant(0.0), &mut rng);
        assert_eq!(constant, vec![vec![2000.0; 4]]);
    }
}
