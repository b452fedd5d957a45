//! `sidecast sweep`: run a scenario at every value of one or two parameters (`--vary`, all
//! with the same random numbers) and report one output (a metric in one month) at each
//! point: a table, `sweep.json`, `sweep.csv`, and a band chart (one parameter) or a
//! heatmap of the median or of a target's probability (two parameters).

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::output::{self, Outputs, print};
use super::progress::Progress;
use super::{month_index, parse_metric};
use crate::analysis::whatif::sweep::Sweep;
use crate::analysis::whatif::vary::{load_variants, parse_specs};
use crate::export::html::{Context, sweep_page};
use crate::present::assumptions::assumptions;
use crate::present::charts::sweep::sweep_chart;
use crate::present::terminal::sweep::render;
use crate::scenario::Scenario;
use crate::summarize::Plan;

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
    let specs = parse_specs(&args.vary)?;
    Sweep::check(&specs, args.target_prob)?;
    let variants = load_variants(&args.scenario, &args.simulation.overrides()?, &specs)?;
    let metric = parse_metric(args.metric.as_deref(), &variants[0].scenario)?;
    let month = month_index(args.month, &variants[0].scenario)?;
    let scenarios: Vec<&Scenario> = variants.iter().map(|v| &v.scenario).collect();
    args.simulation.check_budget(&scenarios, &Plan::default(), 1)?;
    let scenario_name = variants[0].scenario.name.clone();
    let base = assumptions(&variants[0].scenario);
    let sweep = Sweep::new(specs, variants, metric, month, args.target_prob)?;
    let folder = args.output.folder("sweep", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;

    let report = sweep.run(&Progress { quiet: args.simulation.quiet })?;
    outputs.json("sweep.json", output::json(&report, "the sweep as JSON")?)?;
    let csv = output::csv(crate::export::csv::sweep(&report), "the sweep as CSV")?;
    outputs.file("sweep.csv", &csv)?;
    let source = args.scenario.display().to_string();
    let figures: Vec<_> = sweep_chart(&report, &scenario_name, &source).into_iter().collect();
    let mut written = outputs.figures(&figures, &charts)?;
    if charts.any() {
        let context = Context { figures: inline_figures(&figures, &charts)?, command: reproduce_command() };
        written.push(write_report(&mut outputs, &sweep_page(&report, &scenario_name, &base, &context))?);
    }
    let chart = written.join(", ");
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        print(&render(&report, &source))?;
        let chart = if chart.is_empty() { String::new() } else { format!(", {chart}") };
        print(&format!("Wrote {} (sweep.json, sweep.csv{chart})", folder.display()))?;
    }
    Ok(())
}
