//! `sidecast sweep`: run a scenario at every value of one or two parameters (`--vary`, all
//! with the same random numbers) and report one output (a metric in one month) at each
//! point: a table, `sweep.json`, `sweep.csv`, and a band chart (one parameter) or a
//! heatmap of the median or of a target's probability (two parameters).

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::input::reproduce_command;
use super::output::{Outputs, print};
use super::progress::Progress;
use crate::app::Error;
use crate::app::sweep::{SweepInput, prepare, sweep};
use crate::present::terminal::sweep::render;
use crate::scenario::ScenarioFile;

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The scenario file (TOML).
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// The parameter to sweep: `KEY=start..end:points` or `KEY=v1,v2,...`, e.g.
    /// `reseller.arrivals=0.5..3:11`. Give two for a heatmap.
    #[arg(long, value_name = "KEY=VALUES", required = true)]
    pub vary: Vec<String>,
    /// The output metric [default: cumulative_net_profit with costs, else
    /// cumulative_gross_profit].
    #[arg(long, value_name = "METRIC", value_parser = metric_parser())]
    pub metric: Option<String>,
    /// The month of the output, numbered as in the tables [default: the last month].
    #[arg(long, value_name = "M")]
    pub month: Option<u32>,
    /// Also report P(output ≥ AMOUNT) at each point; with two --vary the heatmap shows it.
    #[arg(long, value_name = "AMOUNT")]
    pub target_prob: Option<f64>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &SweepArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    let file = ScenarioFile::read(&args.scenario)?;
    let grid = prepare(&file, &args.simulation.overrides()?, &args.vary, args.target_prob)?;
    let input = SweepInput {
        specs: grid.specs,
        variants: grid.variants,
        metric: args.metric.clone(),
        month: args.month,
        target_prob: args.target_prob,
        source: args.scenario.display().to_string(),
        base: Some(grid.base),
        charts,
        limits: args.simulation.limits(),
        command: reproduce_command(),
    };
    let folder = args.output.folder("sweep", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    let result = sweep(&input, &Progress { quiet: args.simulation.quiet })?;
    outputs.deliver(&result.delivery)?;
    let names = result.delivery.names();
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        print(&render(&result.report, &input.source))?;
        print(&format!("Wrote {} ({})", folder.display(), names.join(", ")))?;
    }
    Ok(())
}
