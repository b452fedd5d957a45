//! Analyses built on simulations and on the user's data, each a library function that
//! returns its report: paired comparisons ([`compare`]), parameter sweeps ([`sweep`]),
//! sensitivity rankings ([`sensitivity`]), the variants they run ([`vary`]), backtests of
//! history ([`backtest`]), retention fits ([`retention`]) and the small optimiser they use
//! ([`optimize`]), and what a run will cost before it starts ([`budget`]). Simulations run
//! through an [`engine::Monitor`](crate::engine::Monitor) the caller supplies, so progress
//! and cancellation stay outside.

pub mod backtest;
pub mod budget;
pub mod calibrate;
pub mod compare;
pub mod likelihood;
pub mod optimize;
pub mod posterior;
pub mod retention;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
pub mod vary;
