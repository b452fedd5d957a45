//! What the user's history says: the scenario's uncertain parameters calibrated to it
//! ([`calibrate`], the engine as the model of the [`abc`](crate::abc) library), where each
//! actual falls among simulations ([`backtest`]) and retention fits of cohorts
//! ([`retention`]).

pub mod backtest;
pub mod calibrate;
pub mod retention;
