//! `sidecast compare`: run several variants with the same seed and trajectories (common
//! random numbers), print each variant's headline percentiles and each one's paired
//! difference against the baseline, and write `compare.json`, `compare.csv`, the overlay
//! chart and one difference chart per non-baseline variant.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::input::reproduce_command;
use super::output::{Outputs, print};
use super::progress::Progress;
use crate::app::Error;
use crate::app::compare::{CompareInput, compare, prepare};
use crate::present::terminal::compare::render;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files; the first is the baseline. With --vary, give one file.
    #[arg(required = true, value_name = "SCENARIO", value_hint = ValueHint::FilePath)]
    pub scenarios: Vec<PathBuf>,
    /// Values to try for a scenario key: `KEY=v1,v2,...` or `KEY=start..end:points`, e.g.
    /// `reseller.churn=0.05,0.10,0.15`. Several --vary make every combination; the first
    /// combination is the baseline.
    #[arg(long, value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// The metric charted and used for the standard-error comparison [default:
    /// cumulative_net_profit with costs, else cumulative_gross_profit].
    #[arg(long, value_name = "METRIC", value_parser = metric_parser())]
    pub metric: Option<String>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &CompareArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let input = CompareInput {
        charts: args.chart.validated()?,
        levels: args.simulation.levels()?,
        variants: prepare(&args.scenarios, &args.simulation.overrides()?, &args.vary)?,
        from_one_file: !args.vary.is_empty(),
        metric: args.metric.clone(),
        source: args.scenarios.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
        limits: args.simulation.limits(),
        command: reproduce_command(),
    };
    let folder = args.output.folder("compare", &args.scenarios[0]);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    let result = compare(&input, &Progress { quiet: args.simulation.quiet })?;
    outputs.deliver(&result.delivery)?;
    let to_stdout = outputs.json_to_stdout();
    let files = outputs.commit()?;
    if !to_stdout {
        print(&render(&result.report, &result.metric, &input.source))?;
        print(&format!("Wrote {} ({})", folder.display(), files.join(", ")))?;
    }
    Ok(())
}
