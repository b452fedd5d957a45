//! Helpers shared by the integration tests: the binary ([`command`]: the one way to start
//! it), scenarios from text, runs through the library, and statistics.

#![allow(dead_code)]

mod command;
pub mod json_schema;

pub use command::{Sidecast, describe, sidecast, text};

use sidecast::engine::{Control, Outcomes, simulate};
use sidecast::report::RunReport;
use sidecast::scenario::{Scenario, parse};
use sidecast::stats::Percentile;
use sidecast::summarize::summarize;

/// `text` with `from` replaced by `to`; panics if `from` does not occur, so a test never
/// silently compares a scenario with itself after the shipped file changes.
pub fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the scenario no longer contains `{from}`: update the test");
    text.replace(from, to)
}

/// A validated scenario from TOML text; panics with the rendered problems if invalid.
pub fn scenario(text: &str) -> Scenario {
    parse(text, "test.toml").unwrap_or_else(|e| panic!("{}", e.render(false)))
}

pub fn outcomes(scenario: &Scenario) -> Outcomes {
    simulate(scenario, &Control::default()).expect("not cancelled")
}

/// Runs a scenario and summarises it with the default percentiles.
pub fn run(text: &str) -> RunReport {
    let s = scenario(text);
    summarize(&s, "test.toml", &outcomes(&s), &Percentile::DEFAULT)
}

/// `|simulated - expected| <= k standard errors`, with a readable failure.
pub fn assert_within(what: &str, simulated: f64, expected: f64, std_error: f64, k: f64) {
    let z = (simulated - expected) / std_error;
    assert!(z.abs() <= k, "{what}: simulated {simulated:.5}, expected {expected:.5}, {z:.2} standard errors away");
}

/// Checks a simulated type-1 percentile against an exact CDF: the true probability at or
/// below the value must reach the level, and strictly below must not exceed it, each within
/// `k` binomial standard errors of the level for `n` trajectories.
pub fn assert_percentile_consistent(what: &str, value: f64, level: f64, cdf: impl Fn(f64) -> f64, n: usize, k: f64) {
    let tolerance = k * (level * (1.0 - level) / n as f64).sqrt();
    let at_or_below = cdf(value);
    let below = cdf(value - 1.0);
    assert!(
        at_or_below >= level - tolerance && below <= level + tolerance,
        "{what}: p{} = {value} but P(X <= value) = {at_or_below:.4}, P(X < value) = {below:.4}",
        level * 100.0
    );
}
