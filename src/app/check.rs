//! `check`: every value a validated scenario makes the simulation use, default or given,
//! with its unit, without simulating.

use crate::present::resolved::{given_in, render, resolved};
use crate::scenario::{Override, Scenario};

/// The listing of every resolved value: `text` is the file as written (to mark what it
/// gives), `overrides` the `--set` values applied.
pub fn check(scenario: &Scenario, text: &str, overrides: &[Override]) -> String {
    // The file loaded, so it parses again; a failure now would only lose the marks.
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    let set_keys: Vec<String> = overrides.iter().map(Override::dotted_key).collect();
    render(&resolved(scenario, &|key| given_in(&table, &set_keys, key)))
}
