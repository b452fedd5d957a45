//! `sidecast sensitivity`: rank the scenario's uncertain inputs (and any `--vary` swings)
//! by how far the output's median moves between the input's low and high values, with the
//! rank correlation of each drawn input with the output; print the ranking and write
//! `sensitivity.json`, `sensitivity.csv` and the tornado chart.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::output::{self, create_folder, print, write_figures};
use super::progress::Progress;
use super::{month_index, parse_metric};
use crate::analysis::sensitivity::{Sensitivity, swings};
use crate::analysis::vary::parse_specs;
use crate::export::Destination;
use crate::export::html::{Context, sensitivity_page};
use crate::report::assumptions::assumptions;
use crate::report::charts::sensitivity::tornado_chart;
use crate::report::terminal::sensitivity::render;

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
    let metric = args.metric.as_deref().map(parse_metric).transpose()?;
    let scenario = args.simulation.load(&args.scenario)?;
    let metric = metric.unwrap_or_else(|| scenario.headline());
    let month = month_index(args.month, &scenario)?;
    let scenario_name = scenario.name.clone();
    let base = assumptions(&scenario);
    let swings = swings(&args.scenario, &args.simulation.overrides()?, parse_specs(&args.vary)?)?;
    let source = args.scenario.display().to_string();
    let analysis = Sensitivity::new(scenario, swings, metric, month, &source)?;
    let folder = args.output.folder("sensitivity", &args.scenario);
    let json = args.output.json();
    create_folder(&folder)?;

    let report = analysis.run(&Progress { quiet: args.simulation.quiet })?;
    let encoded = output::json(&report, "the sensitivity report as JSON")?;
    output::write(&Destination::File(folder.join("sensitivity.json")), &encoded)?;
    let csv = output::csv(crate::export::csv::sensitivity(&report), "the sensitivity report as CSV")?;
    output::write(&Destination::File(folder.join("sensitivity.csv")), &csv)?;
    let figures: Vec<_> = tornado_chart(&report, &scenario_name, &source).into_iter().collect();
    let mut written = write_figures(&figures, &folder, &charts)?;
    if charts.any() {
        let context = Context { figures: inline_figures(&figures, &charts)?, command: reproduce_command() };
        written.push(write_report(&folder, &sensitivity_page(&report, &scenario_name, &base, &context))?);
    }
    let chart: String = written.iter().map(|n| format!(", {n}")).collect();
    if let Some(destination) = &json {
        output::write(destination, &encoded)?;
    }
    if json != Some(Destination::Stdout) {
        print(&render(&report, &source))?;
        print(&format!("Wrote {} (sensitivity.json, sensitivity.csv{chart})", folder.display()))?;
    }
    Ok(())
}
