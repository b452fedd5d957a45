//! `sidecast check SCENARIO`: validate a scenario (with `--set` overrides, as `run` does)
//! and print every value the simulation would use, default or given, with its unit
//! ([`crate::present::resolved`]), without simulating. A bad scenario fails exactly as
//! `run` reports it (exit status 2).

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::error::Error;
use super::output::print;
use crate::present::resolved::{given_in, render, resolved};
use crate::scenario::{Override, load};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario file (TOML).
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// Override a scenario value, as for `run`: `--set reseller.churn=0.05` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

pub fn run(args: &CheckArgs) -> Result<(), Error> {
    let overrides = args.set.iter().map(|s| s.parse::<Override>()).collect::<Result<Vec<_>, _>>()?;
    let scenario = load(&args.scenario, &overrides)?;
    // The file loaded, so it reads and parses again; a failure now only loses the marks.
    let table: toml::Table =
        std::fs::read_to_string(&args.scenario).ok().and_then(|text| toml::from_str(&text).ok()).unwrap_or_default();
    let set_keys: Vec<String> = overrides.iter().map(Override::dotted_key).collect();
    let rows = resolved(&scenario, &|key| given_in(&table, &set_keys, key));
    let shown = args.scenario.display();
    print(&format!(
        "{shown}: a valid scenario. Every value the simulation uses, \"(default)\" where the file gives none:"
    ))?;
    print(&render(&rows))?;
    for note in &scenario.notes {
        print(&format!("note: {note}"))?;
    }
    print(&format!("Nothing was simulated. Run it: sidecast run {shown}"))?;
    Ok(())
}
