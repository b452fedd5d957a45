//! sidecast: project side-hustle income from AI API reselling and affiliate programmes as
//! honest Monte Carlo uncertainty.
//!
//! The pipeline runs one way. A scenario file is read and validated against the one key
//! table ([`scenario`], with [`distribution`] for uncertain numbers); the engine simulates
//! many independent trajectories ([`engine`], every stream seeded by [`random`]'s one
//! mixer); [`summarize`] weighs a run's cost before it starts and turns its trajectories
//! into the run's report with the pure statistics of [`stats`]; [`analysis`] builds what-if
//! analyses ([`analysis::whatif`]) and inference from the user's history
//! ([`analysis::inference`]) on top, with the ABC-SMC library [`abc`] and the small
//! numerical routines of [`numeric`]. [`report`] holds every results contract; [`present`]
//! reads them for people (answers in words, band cells, terminal tables, chart inputs),
//! [`export`] serialises them and [`chart`] draws. [`app`] has one function per command,
//! which the two front ends call: [`cli`], the command line, and [`serve`], the local web
//! page. [`metric`], [`text`] and [`actuals`] are shared vocabulary: metric names, human
//! text and units, the user's history; [`import`] turns the user's exports (Stripe,
//! affiliate ledgers, PayPal) into that history, its cohorts and a drafted scenario.
//!
//! Dependencies point one way (tests/integration/architecture.rs keeps them so): the front
//! ends (`cli`, `serve`) → `app` → `analysis` → `summarize` → `engine` → `scenario` →
//! `distribution`; `summarize` and `analysis` → `stats`, `report`; `present` and `export`
//! read `report`; `abc` is a library of its own on `numeric` and `random`; `chart` writes
//! numbers with `text`'s one unit; `stats`, `distribution`, `numeric`, `random` and `text`
//! depend on nothing else in the crate. Files are read by `scenario` and `cli`, written by
//! `export`, `chart` and `serve` (a saved copy of the scenario).
#![forbid(unsafe_code)]
// No `unwrap` or `expect` outside tests: no input reaches a panic (README, Errors).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

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
