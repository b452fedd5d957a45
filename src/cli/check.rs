//! `sidecast check SCENARIO`: validate a scenario (with `--set` overrides, as `run` does)
//! and print every value the simulation would use, default or given, with its unit
//! ([`crate::present::resolved`]), without simulating. A bad scenario fails exactly as
//! `run` reports it (exit status 2).

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::output::{print, terminal_width};
use crate::app::Error;
use crate::app::check::check;
use crate::present::terminal::narrow::wrap;
use crate::scenario::{Override, ScenarioFile};

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
    // Read once: the listing's default marks come from the same text the scenario was
    // loaded from (a pipe or `<(...)` cannot be read twice).
    let file = ScenarioFile::read(&args.scenario)?;
    let scenario = file.load(&overrides)?;
    let width = terminal_width();
    let listing = check(&scenario, &file.text, &overrides, width);
    // The file's name exactly as given.
    let shown = args.scenario.display();
    let heading =
        format!("{shown}: a valid scenario. Every value the simulation uses, \"(default)\" where the file gives none:");
    print(&width.map_or_else(|| heading.clone(), |w| wrap(&heading, w)))?;
    print(&listing)?;
    for note in scenario.notes() {
        print(&format!("note: {note}"))?;
    }
    print(&format!("Nothing was simulated. Run it: sidecast run {shown}"))?;
    Ok(())
}
