//! sidecast: project side-hustle income from AI API reselling and affiliate programmes as
//! honest Monte Carlo uncertainty.
//!
//! The pipeline runs one way: a scenario file is parsed and validated ([`scenario`]), the
//! engine simulates many independent 24-month trajectories ([`engine`]), the statistics
//! core turns them into percentile bands and probabilities ([`stats`]), and presentation
//! ([`report`], [`export`], [`chart`]) renders the one results contract. Only the binary's
//! `cli` module does I/O glue.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod chart;
pub mod cli;
pub mod distribution;
pub mod engine;
pub mod export;
pub mod history;
pub mod metric;
pub mod pipeline;
pub mod report;
pub mod scenario;
pub mod stats;
