//! What the user's history says: the scenario's uncertain parameters calibrated to it
//! ([`calibrate`], the engine as the model of the [`abc`](crate::abc) library), where each
//! actual falls among simulations ([`backtest`]), retention fits of cohorts
//! ([`retention`]), and the exact likelihoods of counts, flows and cohorts where the model
//! has one ([`likelihood`]).

pub mod backtest;
pub mod calibrate;
pub mod likelihood;
pub mod retention;
