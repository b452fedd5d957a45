//! Analyses built on top of data and simulations: fitting retention models to observed
//! cohorts ([`retention`]), locating actuals within simulated distributions ([`backtest`]),
//! and the small numerical optimiser they share ([`optimize`]); what-if analysis: variants
//! from `--vary` specs ([`vary`]), paired comparisons ([`compare`]), parameter sweeps
//! ([`sweep`]) and sensitivity rankings ([`sensitivity`]).

pub mod backtest;
pub mod calibrate;
pub mod compare;
pub mod optimize;
pub mod retention;
pub mod sensitivity;
pub mod sweep;
pub mod vary;
