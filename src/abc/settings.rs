//! The knobs of a calibration and their defaults, checked before any simulation runs, and
//! the caller's controls over a running calibration (progress, cancellation).

use super::error::CalibrationError;
use serde::Serialize;
use std::sync::atomic::AtomicBool;

/// How several simulated replicates of one parameter set are judged against the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplicateRule {
    /// A particle's weight is the fraction of its replicates within the tolerance: an
    /// unbiased estimate of the ABC likelihood, so the posterior is the one a single
    /// replicate targets, with less Monte Carlo noise.
    FractionWithin,
    /// A particle is accepted when the mean of its replicates' distances is within the
    /// tolerance. As the tolerance shrinks this conditions on every replicate matching the
    /// history, which behaves like seeing the history `replicates` times: too confident.
    /// Kept to measure that, not for use.
    MeanDistance,
}

/// What is done to the final particles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Adjustment {
    /// The ABC-SMC particles as they are.
    None,
    /// Beaumont, Zhang and Balding's (2002) local-linear regression adjustment, in the
    /// unconstrained coordinates: each particle is moved by the regression of parameters on
    /// summaries, from its simulated summaries to the observed ones.
    LocalLinear,
}

/// The settings of [`calibrate`](super::calibrate).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// Seed of every random draw.
    pub seed: u64,
    /// Particles per generation.
    pub particles: usize,
    /// Simulated replicates per proposed parameter set.
    pub replicates: usize,
    pub replicate_rule: ReplicateRule,
    /// Each tolerance is this weighted quantile of the previous generation's distances.
    pub tolerance_quantile: f64,
    /// Stop once a generation accepts fewer than this fraction of its proposals.
    pub min_acceptance: f64,
    /// Stop once the tolerance would fall by less than this fraction.
    pub min_tolerance_drop: f64,
    /// Stop after this many generations after the prior one.
    pub max_generations: usize,
    /// Stop once this many simulations have run (checked between rounds of proposals).
    pub max_simulations: usize,
    /// Once the scaled distance stalls, continue on the summaries projected on estimated
    /// posterior means (semi-automatic ABC).
    pub project_summaries: bool,
    /// With `project_summaries`, the scaled distance counts as stalled once a generation
    /// accepts fewer than this fraction of its proposals.
    pub projection_acceptance: f64,
    /// How many times the projection is fitted: each refit uses the proposals of the last
    /// generation under the previous distance, a smaller region where a linear fit is
    /// closer to the truth.
    pub projection_rounds: usize,
    pub adjustment: Adjustment,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            seed: 2026,
            particles: 1000,
            replicates: 1,
            replicate_rule: ReplicateRule::FractionWithin,
            tolerance_quantile: 0.5,
            min_acceptance: 0.02,
            min_tolerance_drop: 0.02,
            max_generations: 30,
            max_simulations: 2_000_000,
            project_summaries: true,
            projection_acceptance: 0.1,
            projection_rounds: 2,
            adjustment: Adjustment::LocalLinear,
        }
    }
}

impl Settings {
    /// Checks every setting.
    ///
    /// # Errors
    /// [`CalibrationError::Setting`] for the first setting outside its range.
    pub fn check(&self) -> Result<(), CalibrationError> {
        let fail = |name, value: f64, rule| Err(CalibrationError::Setting { name, value, rule });
        if self.particles < 2 {
            return fail("particles", self.particles as f64, "at least 2 particles are needed");
        }
        if self.replicates == 0 {
            return fail("replicates", 0.0, "at least 1 replicate is needed");
        }
        let open_unit = |x: f64| x > 0.0 && x < 1.0;
        if !open_unit(self.tolerance_quantile) {
            return fail("tolerance_quantile", self.tolerance_quantile, "it must lie strictly between 0 and 1");
        }
        if !open_unit(self.min_acceptance) {
            return fail("min_acceptance", self.min_acceptance, "it must lie strictly between 0 and 1");
        }
        if !open_unit(self.projection_acceptance) {
            return fail("projection_acceptance", self.projection_acceptance, "it must lie strictly between 0 and 1");
        }
        if !(0.0..1.0).contains(&self.min_tolerance_drop) {
            return fail("min_tolerance_drop", self.min_tolerance_drop, "it must lie in [0, 1)");
        }
        if self.max_simulations < self.particles.saturating_mul(self.replicates) {
            return fail("max_simulations", self.max_simulations as f64, "it must cover one generation from the prior");
        }
        Ok(())
    }
}

/// The caller's hold on a running calibration.
#[derive(Clone, Copy, Default)]
pub struct Hooks<'a> {
    /// Called from any thread with the number of simulations run so far.
    pub progress: Option<&'a (dyn Fn(usize) + Sync)>,
    /// Set it to stop: the calibration returns [`CalibrationError::Cancelled`] promptly.
    pub cancel: Option<&'a AtomicBool>,
}

impl Hooks<'_> {
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|flag| flag.load(std::sync::atomic::Ordering::Relaxed))
    }

    pub(crate) fn report(&self, simulations: usize) {
        if let Some(progress) = self.progress {
            progress(simulations);
        }
    }
}

impl std::fmt::Debug for Hooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("progress", &self.progress.is_some())
            .field("cancel", &self.cancel.is_some())
            .finish()
    }
}
