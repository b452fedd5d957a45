//! Why a calibration could not produce a posterior: typed, so the command line can word
//! each case and map it to an exit code.

use thiserror::Error;

/// Why [`calibrate`](super::calibrate) (or a helper) returned no result.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalibrationError {
    #[error("there is no uncertain parameter to calibrate: give at least one parameter a distribution")]
    NoParameters,
    #[error("the prior of `{key}` cannot be used: {rule}")]
    Prior { key: String, rule: String },
    #[error("the history has no observed value to calibrate against")]
    NoObservations,
    #[error("observed value {index} is not a finite number")]
    ObservationNotFinite { index: usize },
    #[error("setting `{name}` is {value}, but {rule}")]
    Setting { name: &'static str, value: f64, rule: &'static str },
    #[error("every simulation from the prior failed or returned an unusable history ({simulations} tried)")]
    AllSimulationsFailed { simulations: usize },
    #[error("calibration was cancelled")]
    Cancelled,
    #[error("the posterior has no particles")]
    EmptyPosterior,
}
