//! A scenario parameter's distribution as a calibration prior. The engine clamps a draw
//! into the parameter's valid range; calibration needs a density, so the prior is the
//! declared distribution truncated to that range (a proposal outside it is impossible).
//! Where the range cuts nothing off, as for every prior of the shipped scenarios, the two
//! are the same distribution.

use rand::Rng;

use crate::abc::Prior;
use crate::distribution::Distribution;

/// Draws outside the range retried before falling back to the clamped draw (a range that
/// cuts off almost all of a distribution is refused by the scenario's checks long before).
const TRIES: usize = 64;

/// An uncertain parameter's prior: its distribution within its valid range.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioPrior {
    distribution: Distribution,
    bounds: (f64, f64),
}

impl ScenarioPrior {
    pub fn new(distribution: Distribution, bounds: (f64, f64)) -> Self {
        Self { distribution, bounds }
    }

    fn within(&self, x: f64) -> bool {
        (self.bounds.0..=self.bounds.1).contains(&x)
    }
}

impl Prior for ScenarioPrior {
    fn sample(&self, rng: &mut dyn Rng) -> f64 {
        let mut x = self.distribution.sample(rng);
        for _ in 0..TRIES {
            if self.within(x) {
                return x;
            }
            x = self.distribution.sample(rng);
        }
        x.clamp(self.bounds.0, self.bounds.1)
    }

    fn ln_pdf(&self, x: f64) -> f64 {
        if !self.within(x) {
            return f64::NEG_INFINITY;
        }
        // Parameter sets' values (no density) never reach calibration: it refuses them.
        self.distribution.ln_pdf(x).unwrap_or(f64::NEG_INFINITY)
    }

    fn quantile(&self, p: f64) -> f64 {
        self.distribution.quantile(p).clamp(self.bounds.0, self.bounds.1)
    }

    fn support(&self) -> (f64, f64) {
        let (low, high) = self.distribution.support();
        (low.max(self.bounds.0), high.min(self.bounds.1))
    }

    fn mean(&self) -> f64 {
        self.distribution.mean().clamp(self.bounds.0, self.bounds.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_prior_is_its_distribution_within_the_range() {
        let prior = ScenarioPrior::new(Distribution::normal(0.1, 0.1).unwrap(), (0.0, 1.0));
        assert_eq!(prior.support(), (0.0, 1.0));
        assert_eq!(prior.ln_pdf(-0.01), f64::NEG_INFINITY);
        let inside = Distribution::normal(0.1, 0.1).unwrap().ln_pdf(0.2).unwrap();
        assert_eq!(prior.ln_pdf(0.2), inside);
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
        let draws: Vec<f64> = (0..10_000).map(|_| prior.sample(&mut rng)).collect();
        assert!(draws.iter().all(|x| (0.0..=1.0).contains(x)));
        // Truncation at 0 removes the 15.9% below it: no point mass at the bound.
        assert!(draws.iter().filter(|x| **x == 0.0).count() == 0);
    }
}
