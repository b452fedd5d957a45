//! `sidecast sensitivity`: rank the scenario's uncertain inputs (and any `--vary` swings)
//! by how far the output's median moves between the input's low and high values, with the
//! rank correlation of each drawn input with the output; print the ranking and write
//! `sensitivity.json`, `sensitivity.csv` and the tornado chart.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::input::reproduce_command;
use super::output::{Outputs, print};
use super::progress::Progress;
use crate::app::Error;
use crate::app::sensitivity::{SensitivityInput, prepare, sensitivity};
use crate::present::terminal::sensitivity::render;
use crate::scenario::ScenarioFile;

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The scenario file (TOML).
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// An extra input to swing between its first and last value, e.g.
    /// `reseller.churn=0.05,0.15` (repeatable).
    #[arg(long, value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// The output metric [default: cumulative_net_profit with costs, else
    /// cumulative_gross_profit].
    #[arg(long, value_name = "METRIC", value_parser = metric_parser())]
    pub metric: Option<String>,
    /// The month of the output, numbered as in the tables [default: the last month].
    #[arg(long, value_name = "M")]
    pub month: Option<u32>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &SensitivityArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    let file = ScenarioFile::read(&args.scenario)?;
    let (scenario, swings) = prepare(&file, &args.simulation.overrides()?, &args.vary)?;
    let input = SensitivityInput {
        scenario,
        swings,
        metric: args.metric.clone(),
        month: args.month,
        source: args.scenario.display().to_string(),
        charts,
        limits: args.simulation.limits(),
        command: reproduce_command(),
    };
    let folder = args.output.folder("sensitivity", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    let result = sensitivity(&input, &Progress { quiet: args.simulation.quiet })?;
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
