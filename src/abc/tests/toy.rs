//! Toy models for the tests, shaped like the real problem: a small customer base that
//! churns and grows by Poisson arrivals, monthly revenue as a sum of lognormal spends,
//! hours that grow with the base, and conjugate pieces whose posterior is known exactly.

use rand::SeedableRng;
use rand_distr::{Binomial, Distribution, LogNormal, Poisson};
use rand_xoshiro::Xoshiro256PlusPlus;

fn poisson(rate: f64, rng: &mut Xoshiro256PlusPlus) -> u64 {
    Poisson::new(rate).map_or(0.0, |d| d.sample(rng)) as u64
}

fn binomial(n: u64, p: f64, rng: &mut Xoshiro256PlusPlus) -> u64 {
    Binomial::new(n, p.clamp(0.0, 1.0)).map_or(0, |d| d.sample(rng))
}

/// Toy (a): θ = [monthly arrivals λ, monthly churn c] (more entries are ignored). From a
/// base of `base` customers, each month `Binomial(n, c)` leave and `Poisson(λ)` arrive.
/// Summaries: the active count at each month end, then each month's new customers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Customers {
    pub months: usize,
    pub base: u64,
}

impl Customers {
    pub(crate) fn simulate(&self, theta: &[f64], seed: u64) -> Vec<Option<f64>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut active = self.base;
        let mut counts = Vec::with_capacity(2 * self.months);
        let mut arrivals = Vec::with_capacity(self.months);
        for _ in 0..self.months {
            let new = poisson(theta[0], &mut rng);
            active = active - binomial(active, theta[1], &mut rng) + new;
            counts.push(Some(active as f64));
            arrivals.push(Some(new as f64));
        }
        counts.extend(arrivals);
        counts
    }
}

/// Toy (b), the reseller in small: θ = [arrivals λ, churn c, median monthly spend $,
/// hours per customer, a parameter the history cannot see]. Customers as in toy (a); each
/// active customer spends `LogNormal(ln median, 0.6)` a month; hours are
/// `Poisson(2 + h · active)`. Summaries: active counts, revenue, hours, month by month.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reseller {
    pub months: usize,
    pub base: u64,
}

impl Reseller {
    pub(crate) fn simulate(&self, theta: &[f64], seed: u64) -> Vec<Option<f64>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let spend = LogNormal::new(theta[2].ln(), 0.6).ok();
        let mut active = self.base;
        let mut columns: [Vec<Option<f64>>; 3] = Default::default();
        for _ in 0..self.months {
            let new = poisson(theta[0], &mut rng);
            active = active - binomial(active, theta[1], &mut rng) + new;
            let revenue: f64 = (0..active).map(|_| spend.map_or(f64::NAN, |d| d.sample(&mut rng))).sum();
            let hours = poisson(2.0 + theta[3] * active as f64, &mut rng);
            columns[0].push(Some(active as f64));
            columns[1].push(Some(revenue));
            columns[2].push(Some(hours as f64));
        }
        columns.concat()
    }
}

/// Conjugate pieces with an exact posterior: θ = [λ, c]; the summaries are the total of
/// `months` Poisson(λ) arrivals and the churned among `exposure` Bernoulli(c) trials. With
/// a Gamma(a, b) prior on λ and a Beta(α, β) prior on c, the posterior is Gamma(a + Σ, b +
/// months) and Beta(α + churned, β + exposure − churned).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Conjugate {
    pub months: usize,
    pub exposure: u64,
}

impl Conjugate {
    pub(crate) fn simulate(&self, theta: &[f64], seed: u64) -> Vec<Option<f64>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let arrivals = poisson(theta[0] * self.months as f64, &mut rng);
        vec![Some(arrivals as f64), Some(binomial(self.exposure, theta[1], &mut rng) as f64)]
    }
}
