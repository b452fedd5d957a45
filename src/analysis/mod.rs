//! Analyses built on simulations and on the user's data, each a library function that
//! returns its report: what-if analyses ([`whatif`]: variants, paired comparisons, sweeps,
//! sensitivity rankings, solving for a target) and inference from the user's history
//! ([`inference`]: calibration, backtests, retention fits). Simulations run through an
//! [`engine::Monitor`](crate::engine::Monitor) the caller supplies, so progress and
//! cancellation stay outside.

pub mod inference;
pub mod whatif;
