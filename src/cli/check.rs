//! `sidecast check SCENARIO`: validate a scenario (with `--set` overrides, as `run` does)
//! and print every value the simulation would use, default or given, with its unit
//! ([`crate::present::resolved`]), without simulating. A bad scenario fails exactly as
//! `run` reports it (exit status 2).

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::output::print;
use crate::app::Error;
use crate::app::check::check;
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
    // The file loaded, so it reads again; a failure now would only lose the marks.
    let text = std::fs::read_to_string(&args.scenario).unwrap_or_default();
    let listing = check(&scenario, &text, &overrides);
    let shown = args.scenario.display();
    print(&format!(
        "{shown}: a valid scenario. Every value the simulation uses, \"(default)\" where the file gives none:"
    ))?;
    print(&listing)?;
    for note in scenario.notes() {
        print(&format!("note: {note}"))?;
    }
    print(&format!("Nothing was simulated. Run it: sidecast run {shown}"))?;
    Ok(())
}
