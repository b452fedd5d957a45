//! `sidecast run`: simulate one scenario, print the summary table, write `summary.json` and
//! `percentiles.csv` into the output folder.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use clap::Args;

use super::args::{SimulationArgs, default_output_folder};
use super::progress;
use crate::engine::{Control, Outcomes, simulate};
use crate::export::{self, Destination};
use crate::report::{RunReport, summarize, table};
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
}

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    args.simulation.configure_threads()?;
    let scenario = args.simulation.load(&args.scenario)?;
    let levels = args.simulation.levels()?;
    let folder = args.out.clone().unwrap_or_else(|| default_output_folder(&args.scenario));
    let json = args.json.as_deref().map(Destination::parse);
    export::create_folder(&folder)?;

    let outcomes = simulate_with_progress(&scenario, args.simulation.quiet)?;
    let report = summarize(&scenario, &args.scenario.display().to_string(), &outcomes, &levels);

    write_outputs(&report, &folder, json.as_ref())?;
    if json != Some(Destination::Stdout) {
        println!("{}", table::render(&report));
        println!("Wrote {}", folder.display());
    }
    Ok(())
}

/// Runs the engine with a progress bar (shown after a second) and Ctrl-C cancellation.
pub fn simulate_with_progress(scenario: &Scenario, quiet: bool) -> anyhow::Result<Outcomes> {
    let bar = progress::bar(scenario.trajectories, true, &scenario.name);
    let shown = AtomicBool::new(quiet);
    let tick = |done: usize| {
        bar.inc(done as u64);
        if bar.elapsed() > Duration::from_secs(1) && !shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    };
    let interrupted = progress::interrupt_flag();
    let control = Control { progress: Some(&tick), cancel: Some(&interrupted), pins: &[] };
    let outcomes = simulate(scenario, &control).context("stopped by Ctrl-C; nothing was written")?;
    bar.finish_and_clear();
    Ok(outcomes)
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
