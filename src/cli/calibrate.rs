//! `sidecast calibrate`: the scenario's uncertain parameters fitted to the user's history
//! (ABC-SMC, docs/calibration.md). Writes `calibrate.json`, `posterior.csv` (the joint
//! parameter sets), `calibrated.toml` (the scenario, or `--project`'s, drawing from them),
//! a prior-against-posterior chart per parameter, the history over the posterior
//! predictive bands and `report.html`. Everything is checked before the calibration runs,
//! and nothing is written until it has finished.

use std::path::{Path, PathBuf};

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs};
use super::input::reproduce_command;
use super::output::{self, Outputs, print};
use super::progress::Progress;
use super::run::read_history;
use crate::app::Error;
use crate::app::calibrate::{CalibrateInput, ScenarioFile, prepare};
use crate::present::terminal::calibrate::render;
use crate::scenario::{load, read_text};

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The scenario whose distributions are the priors (TOML); its months must cover the history's.
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// Your past months as CSV (`month` or `date`, and any of revenue, cogs, gross_profit,
    /// hours, customers, commission, ...; a spreadsheet's or `sidecast import`'s history.csv).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub actuals: PathBuf,
    /// The history's numbers use decimal commas (1.180,50), whatever its separator.
    #[arg(long)]
    pub decimal_comma: bool,
    /// The scenario `calibrated.toml` is made from, e.g. the one that projects from today
    /// [default: SCENARIO].
    #[arg(long, value_name = "SCENARIO", value_hint = ValueHint::FilePath)]
    pub project: Option<PathBuf>,
    /// Particles per generation (more: a smoother posterior, proportionally slower).
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(100..=100_000))]
    pub particles: usize,
    /// The most simulated histories the calibration may run.
    #[arg(long, value_name = "N", default_value_t = 2_000_000,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1_000..=100_000_000))]
    pub max_simulations: usize,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &CalibrateArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    let overrides = args.simulation.overrides()?;
    let levels = args.simulation.levels()?;
    let scenario = load(&args.scenario, &overrides)?;
    let history = read_history(&args.actuals, &scenario, args.decimal_comma)?;
    let project = args.project.as_deref().unwrap_or(&args.scenario);
    let input = CalibrateInput {
        scenario,
        file: scenario_file(&args.scenario)?,
        overrides,
        project: (load(project, &[])?, scenario_file(project)?),
        history,
        particles: args.particles,
        max_simulations: args.max_simulations,
        levels,
        charts,
        limits: args.simulation.limits(),
        command: reproduce_command(),
    };
    let prepared = prepare(&input)?;
    let folder = args.output.folder("calibrate", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    prepared.notes.iter().for_each(|n| output::note(&format!("note: {n}")));

    let result = prepared.run(&Progress { quiet: args.simulation.quiet })?;
    outputs.deliver(&result.delivery)?;
    let to_stdout = outputs.json_to_stdout();
    let files = outputs.commit()?;
    if !to_stdout {
        print(&render(&result.report))?;
        print(&format!("Wrote {} ({})", folder.display(), files.join(", ")))?;
        print(&format!("Project from the posterior: sidecast run {}", folder.join("calibrated.toml").display()))?;
    }
    Ok(())
}

/// A scenario file's path and text as written.
fn scenario_file(path: &Path) -> Result<ScenarioFile, Error> {
    Ok(ScenarioFile { path: path.to_path_buf(), text: read_text(path)? })
}
