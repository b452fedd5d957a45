//! What a calibration returns: the weighted posterior particles, per-parameter prior and
//! posterior summaries, the cost and the history of the run, in one serialisable struct;
//! and joint parameter sets resampled from it for projection (the parameter sets of the
//! model's joint-uncertainty rules).

use super::measure::DistanceKind;
use super::prior::{Parameter, Prior};
use super::seeds::Seeds;
use super::settings::Settings;
use crate::numeric::weighted::{cdf_at, quantiles};
use rand::RngExt;
use serde::Serialize;

/// p5, p50, p95 and mean of one parameter's distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantiles {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub mean: f64,
}

impl Quantiles {
    pub(crate) fn of_prior<P: Prior>(prior: &P) -> Self {
        Self { p5: prior.quantile(0.05), p50: prior.quantile(0.5), p95: prior.quantile(0.95), mean: prior.mean() }
    }

    pub(crate) fn of_particles(values: &[f64], weights: &[f64]) -> Option<Self> {
        let q = quantiles(values, weights, &[0.05, 0.5, 0.95])?;
        let mean = values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / weights.iter().sum::<f64>();
        mean.is_finite().then_some(Self { p5: q[0], p50: q[1], p95: q[2], mean })
    }

    /// The width of the 90% interval.
    pub fn width(&self) -> f64 {
        self.p95 - self.p5
    }
}

/// One parameter's prior and posterior.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterSummary {
    pub key: String,
    pub prior: Quantiles,
    pub posterior: Quantiles,
    /// Posterior 90% width over prior 90% width (1 = the history said nothing).
    pub width_ratio: Option<f64>,
}

impl ParameterSummary {
    pub(crate) fn new<P: Prior>(parameter: &Parameter<P>, posterior: Quantiles) -> Self {
        let prior = Quantiles::of_prior(&parameter.prior);
        let width_ratio = (prior.width() > 0.0).then(|| posterior.width() / prior.width());
        Self { key: parameter.key.clone(), prior, posterior, width_ratio }
    }
}

/// The weighted posterior particles: one row of parameter values per particle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Particles {
    pub keys: Vec<String>,
    pub rows: Vec<Vec<f64>>,
    /// Normalised: they sum to one.
    pub weights: Vec<f64>,
}

/// Why the sequence of generations ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The next tolerance would have fallen by less than `min_tolerance_drop`.
    ToleranceConverged,
    /// The last generation accepted fewer than `min_acceptance` of its proposals.
    AcceptanceFloor,
    /// `max_simulations` was reached.
    SimulationBudget,
    /// `max_generations` was reached.
    GenerationLimit,
    /// The tolerance reached zero: the accepted histories match the observed one exactly.
    ExactMatch,
}

/// One generation of the run, as it happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenerationRecord {
    pub generation: usize,
    pub distance: DistanceKind,
    /// `None` for the prior generation (no tolerance).
    pub tolerance: Option<f64>,
    pub proposals: u64,
    pub simulations: usize,
    pub accepted: usize,
    pub acceptance_rate: f64,
    /// `None` when the generation was abandoned (too few particles to replace the last).
    pub effective_sample_size: Option<f64>,
}

/// The posterior of a calibration, and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub method: String,
    /// The distance of the final generation.
    pub distance: DistanceKind,
    pub simulations: usize,
    /// Particles in the posterior (accepted at the final tolerance).
    pub accepted: usize,
    pub acceptance_rate: f64,
    pub effective_sample_size: f64,
    /// The final tolerance in scaled distance units; `None` if the prior was never refined.
    pub tolerance: Option<f64>,
    /// Generations after the prior one that the posterior comes from.
    pub generations: usize,
    pub stopped_because: StopReason,
    /// Observed entries that took part in the distance (those that vary across the prior).
    pub informative_summaries: usize,
    pub parameters: Vec<ParameterSummary>,
    pub particles: Particles,
    pub history: Vec<GenerationRecord>,
    pub settings: Settings,
}

impl Calibration {
    /// `n` joint parameter sets drawn from the posterior (particles resampled by weight,
    /// with replacement), reproducible from `seed`. Rows follow [`Particles::keys`].
    pub fn draw_parameter_sets(&self, n: usize, seed: u64) -> Vec<Vec<f64>> {
        let Some(last) = self.particles.rows.len().checked_sub(1) else {
            return Vec::new();
        };
        let cumulative: Vec<f64> =
            self.particles.weights.iter().scan(0.0, |sum, w| Some(*sum + w).inspect(|s| *sum = *s)).collect();
        let total = cumulative.last().copied().unwrap_or(0.0);
        let mut rng = Seeds::new(seed).parameter_sets();
        (0..n)
            .map(|_| {
                let u: f64 = rng.random::<f64>() * total;
                self.particles.rows[cumulative.partition_point(|&c| c <= u).min(last)].clone()
            })
            .collect()
    }

    /// The posterior probability that parameter `parameter` lies below `value` (ties count
    /// half): the rank statistic of simulation-based calibration. `None` for an unknown
    /// parameter.
    pub fn posterior_cdf(&self, parameter: usize, value: f64) -> Option<f64> {
        let (values, weights) = self.marginal(parameter)?;
        Some(cdf_at(&values, weights, value))
    }

    /// One parameter's posterior values and the particles' weights.
    pub fn marginal(&self, parameter: usize) -> Option<(Vec<f64>, &[f64])> {
        let values: Option<Vec<f64>> = self.particles.rows.iter().map(|row| row.get(parameter).copied()).collect();
        Some((values?, &self.particles.weights))
    }
}
