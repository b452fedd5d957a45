//! `sidecast run`: simulate one scenario, print the summary table, write `summary.json` and
//! `percentiles.csv` into the output folder.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::args::{SimulationArgs, default_output_folder};
use super::progress;
use crate::engine::{Outcomes, simulate};
use crate::export::{self, Destination};
use crate::report::{RunReport, table};
use crate::scenario::Scenario;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    /// Output folder [default: output/<scenario file name>/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the summary JSON here (`-` = stdout, which then gets no table).
    #[arg(long, value_name = "PATH")]
    pub json: Option<String>,
    /// Add trajectories until the standard errors of the horizon's mean and median
    /// cumulative gross profit are at most this fraction of their values (e.g. `0.5%`).
    #[arg(long, value_name = "FRACTION", value_parser = super::precision::parse_precision)]
    pub precision: Option<f64>,
}

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    args.simulation.configure_threads()?;
    let scenario = args.simulation.load(&args.scenario)?;
    let levels = args.simulation.levels()?;
    let folder = args.out.clone().unwrap_or_else(|| default_output_folder(&args.scenario));
    let json = args.json.as_deref().map(Destination::parse);
    export::create_folder(&folder)?;

    let source = args.scenario.display().to_string();
    let output = super::precision::run_pipeline(&scenario, &source, &levels, args.precision, args.simulation.quiet)?;
    let report = output.report;

    write_outputs(&report, &folder, json.as_ref())?;
    if json != Some(Destination::Stdout) {
        println!("{}", table::render(&report));
        println!("{}", report.precision.describe(report.trajectories, &report.percentile_method));
        println!("Wrote {}", folder.display());
    }
    Ok(())
}

/// Runs the engine with a progress bar (shown after a second) and Ctrl-C cancellation.
pub fn simulate_with_progress(scenario: &Scenario, quiet: bool) -> anyhow::Result<Outcomes> {
    progress::with_progress(scenario.trajectories, quiet, &scenario.name, |control| simulate(scenario, control))
}

fn write_outputs(report: &RunReport, folder: &std::path::Path, json: Option<&Destination>) -> anyhow::Result<()> {
    let summary = export::json::to_json(report).context("cannot encode the summary as JSON")?;
    let csv = export::csv::percentiles_csv(report).context("cannot encode the percentiles as CSV")?;
    export::write(&Destination::File(folder.join("summary.json")), &summary)?;
    export::write(&Destination::File(folder.join("percentiles.csv")), &csv)?;
    if let Some(destination) = json {
        export::write(destination, &summary)?;
    }
    Ok(())
}
