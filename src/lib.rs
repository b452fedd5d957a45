//! sidecast: project side-hustle income from AI API reselling and affiliate programmes as
//! honest Monte Carlo uncertainty.
//!
//! The pipeline runs one way. A scenario file is read, parsed and validated ([`scenario`],
//! with [`distribution`] for uncertain numbers); the engine simulates many independent
//! trajectories ([`engine`]); [`summarize`] turns them into the run's report with the pure
//! statistics of [`stats`]; [`analysis`] builds comparisons, sweeps, sensitivity rankings,
//! backtests and fits on top; [`report`] holds every results contract and its human
//! rendering, [`export`] every serialiser, [`chart`] the drawing; [`app`] has one function
//! per command, which the two front ends call: [`cli`], the command line, and [`serve`], the
//! local web page. [`metric`], [`text`] and [`actuals`] are shared vocabulary: metric names, human
//! text, the user's history; [`import`] turns the user's exports (Stripe, affiliate ledgers,
//! PayPal) into that history, its cohorts and a drafted scenario.
//!
//! Dependencies point one way (a test in `tests/` keeps them so): `cli` → `analysis` →
//! `summarize` → `engine` → `scenario` → `distribution`; `summarize` and `analysis` →
//! `stats`, `report`; `export` → `report`; `report` → `chart`; `stats`, `distribution`,
//! `chart` and `text` depend on nothing else in the crate. Files are read by `scenario` and
//! `cli`, written by `export` and `chart`.
#![forbid(unsafe_code)]

pub mod abc;
pub mod actuals;
pub mod analysis;
pub mod app;
pub mod chart;
pub mod cli;
pub mod distribution;
pub mod engine;
pub mod export;
pub mod import;
pub mod metric;
pub mod numeric;
pub mod present;
pub mod random;
pub mod report;
pub mod scenario;
pub mod serve;
pub mod stats;
pub mod summarize;
pub mod text;
