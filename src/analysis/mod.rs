//! Analyses built on top of data and simulations: fitting retention models to observed
//! cohorts ([`retention`]), locating actuals within simulated distributions ([`backtest`]),
//! and the small numerical optimiser they share ([`optimize`]).

pub mod backtest;
pub mod optimize;
pub mod retention;
