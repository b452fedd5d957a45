//! `sidecast run`: simulate one scenario, print the summary table, write `summary.json` and
//! `percentiles.csv` into the output folder.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::BadInput;
use super::args::{ChartArgs, SimulationArgs, default_output_folder, write_charts};
use crate::analysis::backtest::{ActualsReport, actual_series, backtest};
use crate::engine::Outcomes;
use crate::export::{self, Destination};
use crate::history::History;
use crate::metric::Metric;
use crate::report::charts::{ChartData, fan_metrics, run_charts};
use crate::report::{RunReport, assumptions::assumptions, metric_values, table};

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
    /// Your past months as CSV (`month` and any of revenue, cogs, gross_profit, hours,
    /// customers, commission): summarised, drawn on the charts and placed in the simulation.
    #[arg(long, value_name = "FILE")]
    pub actuals: Option<PathBuf>,
    /// Add trajectories until the standard errors of the horizon's mean and median
    /// cumulative gross profit are at most this fraction of their values (e.g. `0.5%`).
    #[arg(long, value_name = "FRACTION", value_parser = super::precision::parse_precision)]
    pub precision: Option<f64>,
    /// Draw this many individual trajectories over the bands of each fan chart.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub paths: usize,
    #[command(flatten)]
    pub chart: ChartArgs,
}

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    args.simulation.configure_threads()?;
    let scenario = args.simulation.load(&args.scenario)?;
    let levels = args.simulation.levels()?;
    let folder = args.out.clone().unwrap_or_else(|| default_output_folder(&args.scenario));
    let json = args.json.as_deref().map(Destination::parse);
    let history = args.actuals.as_deref().map(read_history).transpose()?;
    export::create_folder(&folder)?;

    let source = args.scenario.display().to_string();
    let output = super::precision::run_pipeline(&scenario, &source, &levels, args.precision, args.simulation.quiet)?;
    let mut report = output.report;
    let outcomes = output.outcomes.as_ref();
    if let (Some(history), Some(path)) = (&history, &args.actuals) {
        let file = path.display().to_string();
        report.actuals = Some(match outcomes {
            Some(outcomes) => backtest(history, &file, outcomes, scenario.start_month),
            None => ActualsReport { file, summary: history.summary(), backtest: Vec::new() },
        });
    }

    let metrics = fan_metrics(scenario.reseller.is_some(), scenario.affiliate.is_some());
    let mut data = outcomes.map(|o| chart_data(o, &metrics, args.paths)).unwrap_or_default();
    data.actuals = history.as_ref().map(actual_series).unwrap_or_default();
    let charts = run_charts(&report, &metrics, &data);
    let images = write_charts(&charts, &folder, &args.chart)?;
    let markdown = crate::export::markdown::summary_markdown(&report, &assumptions(&scenario), &metrics, &images);
    export::write(&Destination::File(folder.join("summary.md")), markdown.as_bytes())?;
    write_outputs(&report, &folder, json.as_ref())?;
    if json != Some(Destination::Stdout) {
        println!("{}", table::render(&report));
        println!("{}", table::precision_line(&report));
        if outcomes.is_none() {
            println!("(A streaming run keeps no trajectories: no histograms, sample paths or backtest ranks.)");
        }
        println!("Wrote {}", folder.display());
    }
    Ok(())
}

fn read_history(path: &std::path::Path) -> anyhow::Result<History> {
    let text = std::fs::read_to_string(path).map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    Ok(History::parse_csv(&text, &path.display().to_string()).map_err(|e| BadInput(e.to_string()))?)
}

/// Sample paths of the first `paths` trajectories and the last month's values for histograms.
fn chart_data(outcomes: &Outcomes, metrics: &[Metric], paths: usize) -> ChartData {
    let last = outcomes.horizon() - 1;
    let paths = paths.min(outcomes.trajectories);
    let sample = |metric: Metric| {
        let months: Vec<Vec<Option<f64>>> = (0..=last).map(|m| metric_values(outcomes, metric, m)).collect();
        (0..paths).map(|i| months.iter().map(|month| month[i]).collect()).collect()
    };
    ChartData {
        paths: if paths == 0 { Vec::new() } else { metrics.iter().map(|&m| (m, sample(m))).collect() },
        final_values: [Metric::GrossProfit, Metric::CumulativeGrossProfit]
            .into_iter()
            .map(|m| (m, metric_values(outcomes, m, last).into_iter().flatten().collect()))
            .collect(),
        actuals: Vec::new(),
    }
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
