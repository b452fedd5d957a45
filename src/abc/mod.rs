//! Calibration: turns a short observed history into a posterior over a model's uncertain
//! parameters, by one of two samplers. Where the history's likelihood can be computed,
//! [`sample_posterior`] draws from the exact posterior (sequential Monte Carlo with adaptive
//! tempering and Metropolis moves). Otherwise [`calibrate`] uses the simulator itself as
//! the model (approximate Bayesian computation by sequential Monte Carlo, on scaled
//! summaries and then on summaries projected onto estimated posterior means, followed by a
//! local-linear regression adjustment). See `docs/calibration.md` for the methods, their
//! defaults and the checks of their honesty.
//!
//! The core is simulator-agnostic: parameters come with a [`Prior`], the model is any
//! [`Simulator`] (a closure from a parameter set and a seed to a vector of summaries), the
//! history is a vector of `Option<f64>` laid out like the simulator's output. [`calibrate`]
//! returns a [`Calibration`] (weighted particles, per-parameter summaries, cost), from which
//! [`Calibration::draw_parameter_sets`] resamples joint parameter sets and
//! [`posterior_predictive`] ranks the history among simulations from the posterior. Every
//! draw comes from a stream derived from the seed, so results do not depend on threads.
//! Where a [`LogLikelihood`] can be computed exactly, [`sample_posterior`] reaches the
//! posterior from the prior by likelihood-based SMC instead.

mod adjust;
mod distance;
mod error;
mod generation;
mod kernel;
mod measure;
mod moves;
mod population;
mod predictive;
mod prior;
mod result;
mod seeds;
mod settings;
mod simulator;
mod smc;
mod tempered;
mod transform;

pub use error::CalibrationError;
pub use measure::DistanceKind;
pub use predictive::{PredictiveCheck, posterior_predictive};
pub use prior::{Parameter, Prior};
pub use result::{Calibration, GenerationRecord, ParameterSummary, Particles, Quantiles, StopReason};
pub use settings::{Adjustment, Hooks, ReplicateRule, Settings};
pub use simulator::Simulator;
pub use smc::calibrate;
pub use tempered::{LogLikelihood, sample_posterior};

#[cfg(test)]
mod tests;
