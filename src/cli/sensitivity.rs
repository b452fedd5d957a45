//! `sidecast sensitivity`: rank the scenario's uncertain inputs (and any `--vary` swings)
//! by how far the output's median moves between the input's low and high values, with the
//! rank correlation of each drawn input with the output; print the ranking and write
//! `sensitivity.json`, `sensitivity.csv` and the tornado chart.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::output::{self, Outputs, print};
use super::progress::Progress;
use super::{month_index, parse_metric};
use crate::analysis::whatif::sensitivity::{Sensitivity, swings};
use crate::analysis::whatif::vary::parse_specs;
use crate::export::html::{Context, sensitivity_page};
use crate::present::assumptions::assumptions;
use crate::present::charts::sensitivity::tornado_chart;
use crate::present::terminal::sensitivity::render;
use crate::summarize::Plan;

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
    let scenario = args.simulation.load(&args.scenario)?;
    let metric = parse_metric(args.metric.as_deref(), &scenario)?;
    let month = month_index(args.month, &scenario)?;
    let scenario_name = scenario.name.clone();
    let base = assumptions(&scenario);
    let swings = swings(&args.scenario, &args.simulation.overrides()?, parse_specs(&args.vary)?)?;
    let source = args.scenario.display().to_string();
    // The baseline, then every input at its low and at its high end.
    let runs = 1 + 2 * (scenario.uncertain_parameters().len() + swings.len());
    args.simulation.check_budget(&vec![&scenario; runs], &Plan::default(), 1)?;
    let analysis = Sensitivity::new(scenario, swings, metric, month, &source)?;
    let folder = args.output.folder("sensitivity", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;

    let report = analysis.run(&Progress { quiet: args.simulation.quiet })?;
    outputs.json("sensitivity.json", output::json(&report, "the sensitivity report as JSON")?)?;
    let csv = output::csv(crate::export::csv::sensitivity(&report), "the sensitivity report as CSV")?;
    outputs.file("sensitivity.csv", &csv)?;
    let figures: Vec<_> = tornado_chart(&report, &scenario_name, &source).into_iter().collect();
    let mut written = outputs.figures(&figures, &charts)?;
    if charts.any() {
        let context = Context { figures: inline_figures(&figures, &charts)?, command: reproduce_command() };
        written.push(write_report(&mut outputs, &sensitivity_page(&report, &scenario_name, &base, &context))?);
    }
    let chart: String = written.iter().map(|n| format!(", {n}")).collect();
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        print(&render(&report, &source))?;
        print(&format!("Wrote {} (sensitivity.json, sensitivity.csv{chart})", folder.display()))?;
    }
    Ok(())
}
