//! Particles and generations: a particle is a parameter set (in both coordinates), its
//! prior log-density and the distances of its simulated replicates; a population is a
//! generation's particles, their normalised weights and its tolerance.
//!
//! The next tolerance is the weighted quantile of the current distances: with one
//! replicate, the distance below which a given share of the posterior weight lies; with
//! several, each replicate within the tolerance carries its particle's weight shared among
//! them, so that the share is that of the weight the particles would keep.

use super::distance::Observed;
use super::measure::Measure;
use super::settings::ReplicateRule;
use crate::numeric::weighted::{effective_sample_size, quantiles};

/// One proposed parameter set that survived its simulations.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Particle {
    /// The parameter values, in the parameters' order.
    pub theta: Vec<f64>,
    /// The unconstrained coordinates of `theta`.
    pub eta: Vec<f64>,
    /// The prior log-density of `eta` (the prior's at `theta` plus the log-Jacobian).
    pub ln_prior: f64,
    /// Each replicate's simulated summaries at the observed positions (`None`: failed).
    pub replicates: Vec<Option<Vec<f64>>>,
    /// The distances that decide acceptance (per replicate, or their mean; ∞ if failed).
    pub distances: Vec<f64>,
}

impl Particle {
    /// Sets the distances from the replicates under `metric`.
    pub(crate) fn measure(&mut self, metric: &Measure, observed: &Observed, rule: ReplicateRule) {
        let each: Vec<f64> = self
            .replicates
            .iter()
            .map(|row| row.as_ref().map_or(f64::INFINITY, |r| metric.distance(r, observed)))
            .collect();
        self.distances = match rule {
            ReplicateRule::FractionWithin => each,
            ReplicateRule::MeanDistance => vec![each.iter().sum::<f64>() / each.len().max(1) as f64],
        };
    }

    /// How many distances are within `tolerance`.
    pub(crate) fn within(&self, tolerance: f64) -> usize {
        self.distances.iter().filter(|&&d| d.is_finite() && d <= tolerance).count()
    }

    /// The fraction of distances within `tolerance`: the particle's ABC likelihood.
    pub(crate) fn fraction_within(&self, tolerance: f64) -> f64 {
        self.within(tolerance) as f64 / self.distances.len().max(1) as f64
    }

    /// The mean of the replicates within `tolerance` (the summaries the regression uses).
    pub(crate) fn summaries_within(&self, tolerance: f64, rule: ReplicateRule) -> Option<Vec<f64>> {
        let rows: Vec<&Vec<f64>> = match rule {
            ReplicateRule::FractionWithin => self
                .replicates
                .iter()
                .zip(&self.distances)
                .filter(|(_, d)| d.is_finite() && **d <= tolerance)
                .filter_map(|(r, _)| r.as_ref())
                .collect(),
            ReplicateRule::MeanDistance => self.replicates.iter().flatten().collect(),
        };
        let first = rows.first()?;
        let mut mean = vec![0.0; first.len()];
        for row in &rows {
            mean.iter_mut().zip(row.iter()).for_each(|(m, x)| *m += x / rows.len() as f64);
        }
        Some(mean)
    }
}

/// One generation: particles, normalised weights, and the tolerance they were accepted at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Population {
    pub particles: Vec<Particle>,
    pub weights: Vec<f64>,
    pub tolerance: f64,
}

impl Population {
    pub(crate) fn effective_sample_size(&self) -> f64 {
        effective_sample_size(&self.weights)
    }

    /// Measures every particle under a new distance; the tolerance of the old one no
    /// longer applies (every particle counts as within).
    pub(crate) fn remeasure(&mut self, metric: &Measure, observed: &Observed, rule: ReplicateRule) {
        self.particles.iter_mut().for_each(|p| p.measure(metric, observed, rule));
        self.tolerance = f64::INFINITY;
    }

    /// The unconstrained coordinates of the particles.
    pub(crate) fn etas(&self) -> Vec<Vec<f64>> {
        self.particles.iter().map(|p| p.eta.clone()).collect()
    }

    /// The weighted `level` quantile of the distances within the current tolerance, or the
    /// largest distance below the tolerance when the quantile is the tolerance itself;
    /// `None` when no distance lies below it.
    pub(crate) fn next_tolerance(&self, level: f64) -> Option<f64> {
        let mut values = Vec::new();
        let mut weights = Vec::new();
        for (particle, &w) in self.particles.iter().zip(&self.weights) {
            let within = particle.within(self.tolerance);
            for &d in particle.distances.iter().filter(|d| d.is_finite() && **d <= self.tolerance) {
                values.push(d);
                weights.push(w / within as f64);
            }
        }
        let quantile = quantiles(&values, &weights, &[level]).and_then(|q| q.first().copied())?;
        if quantile < self.tolerance {
            return Some(quantile);
        }
        // Discrete summaries: most of the weight sits on the current tolerance; step down
        // to the next distance that occurs.
        values.iter().copied().filter(|&d| d < self.tolerance).reduce(f64::max)
    }

    /// The largest distance within the tolerance.
    pub(crate) fn largest_distance(&self) -> f64 {
        self.particles
            .iter()
            .flat_map(|p| p.distances.iter().copied())
            .filter(|d| d.is_finite() && *d <= self.tolerance)
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn particle(distances: Vec<f64>) -> Particle {
        Particle { theta: vec![0.0], eta: vec![0.0], ln_prior: 0.0, replicates: vec![None; distances.len()], distances }
    }

    #[test]
    fn tolerance_is_the_weighted_quantile() {
        let population = Population {
            particles: (1..=4).map(|d| particle(vec![d as f64])).collect(),
            weights: vec![0.25; 4],
            tolerance: f64::INFINITY,
        };
        assert_eq!(population.next_tolerance(0.5), Some(2.0));
        assert_eq!(population.largest_distance(), 4.0);
        let plateau = Population {
            particles: [0.5, 1.0, 1.0, 1.0].iter().map(|&d| particle(vec![d])).collect(),
            weights: vec![0.25; 4],
            tolerance: 1.0,
        };
        assert_eq!(plateau.next_tolerance(0.5), Some(0.5));
        let flat = Population { particles: vec![particle(vec![1.0])], weights: vec![1.0], tolerance: 1.0 };
        assert_eq!(flat.next_tolerance(0.5), None);
    }

    #[test]
    fn replicates_share_their_particles_weight() {
        let population = Population {
            particles: vec![particle(vec![1.0, 9.0, f64::INFINITY]), particle(vec![2.0, 3.0, 4.0])],
            weights: vec![0.5, 0.5],
            tolerance: 5.0,
        };
        // Within 5: particle 0 keeps d = 1 (weight 0.5), particle 1 keeps 2, 3, 4 (1/6 each).
        assert_eq!(population.next_tolerance(0.5), Some(1.0));
        assert_eq!(population.next_tolerance(0.6), Some(2.0));
        assert_eq!(population.particles[0].fraction_within(5.0), 1.0 / 3.0);
    }
}
