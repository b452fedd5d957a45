//! `sidecast run`: simulate one scenario, print the summary table, write `summary.json`,
//! `percentiles.csv`, `summary.md` and the charts into the output folder.

use std::path::{Path, PathBuf};

use clap::{Args, ValueHint};

use super::args::{ChartArgs, SimulationArgs, default_output_folder, parse_precision};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::input::read_input;
use super::month_of;
use super::output::{self, Outputs, print, terminal_width};
use super::progress::Progress;
use crate::actuals::{History, ReadOptions};
use crate::analysis::backtest::{actual_series, backtest, summary_only};
use crate::engine::{Monitor, Outcomes};
use crate::export::html::{Context, run_page};
use crate::export::markdown::{Image, summary_markdown};
use crate::metric::Metric;
use crate::report::assumptions::assumptions;
use crate::report::charts::Figure;
use crate::report::charts::run::{ChartData, fan_metrics, histogram_metrics, run_charts};
use crate::report::terminal::narrow::{render_within, wrap};
use crate::report::terminal::run::precision_line;
use crate::report::waterfall::waterfall;
use crate::scenario::Scenario;
use crate::summarize::{self, Plan, RunOutput};

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    /// Output folder [default: output/<scenario file name>/].
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Also write the summary JSON here (`-` = stdout, which then gets no table).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub json: Option<String>,
    /// Your past months as CSV (`month` or `date`, and any of revenue, cogs, gross_profit,
    /// hours, customers, commission, ...; `,` `;` or tab; a spreadsheet's or `sidecast
    /// import`'s): summarised, drawn on the charts and placed in the simulation.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub actuals: Option<PathBuf>,
    /// The history's numbers use decimal commas (1.180,50), whatever its separator.
    #[arg(long, requires = "actuals")]
    pub decimal_comma: bool,
    /// Add trajectories until the standard errors of the horizon's mean and median
    /// cumulative gross profit are at most this fraction of their values (e.g. `0.5%`).
    #[arg(long, value_name = "FRACTION", value_parser = parse_precision)]
    pub precision: Option<f64>,
    /// The calendar month whose money the waterfall follows [default: the last month].
    #[arg(long, value_name = "M")]
    pub waterfall_month: Option<u32>,
    /// Draw this many individual trajectories over the bands of each fan chart (at most 1000).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1000))]
    pub paths: usize,
    #[command(flatten)]
    pub chart: ChartArgs,
}

pub fn run(args: &RunArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    let scenario = args.simulation.load(&args.scenario)?;
    let levels = args.simulation.levels()?;
    let folder = args.out.clone().unwrap_or_else(|| default_output_folder(&args.scenario));
    let history = args.actuals.as_deref().map(|p| read_history(p, &scenario, args.decimal_comma)).transpose()?;
    let waterfall_month = month_of("--waterfall-month", args.waterfall_month, &scenario)?;
    let mut plan = Plan { precision: args.precision, ..Plan::default() };
    args.simulation.check_budget(&[&scenario], &plan, 0)?;
    if args.precision.is_some() {
        // Adding trajectories stops where the time budget ends.
        let fits = args.simulation.trajectories_within_time(&scenario, &plan);
        plan.max_trajectories = plan.max_trajectories.min(fits.max(scenario.trajectories));
    }
    let mut outputs = Outputs::prepare(&folder, args.json.as_deref())?;
    scenario.notes.iter().for_each(|n| output::note(&format!("note: {n}")));

    let source = args.scenario.display().to_string();
    let monitor = Progress { quiet: args.simulation.quiet };
    let RunOutput { mut report, outcomes, precision_reached } =
        monitor.watch(&scenario.name, scenario.trajectories, |control| {
            summarize::run(&scenario, &source, &levels, control, &plan)
        })?;
    if let Some(target) = args.precision {
        let n = report.trajectories;
        output::note(&if precision_reached {
            format!("--precision {}%: reached with {n} trajectories", target * 100.0)
        } else {
            format!("--precision {}%: not reached within {n} trajectories; reporting what they give", target * 100.0)
        });
    }
    let outcomes = outcomes.as_ref();
    if let (Some(history), Some(path)) = (&history, &args.actuals) {
        let file = path.display().to_string();
        report.actuals = Some(match outcomes {
            Some(outcomes) => backtest(history, &file, outcomes, scenario.start_month),
            None => summary_only(history, &file),
        });
    }

    report.waterfall = waterfall(&report, waterfall_month);
    let metrics = fan_metrics(scenario.reseller.is_some(), scenario.affiliate.is_some(), scenario.has_costs());
    let histograms = histogram_metrics(scenario.has_costs());
    let mut data = outcomes.map(|o| chart_data(o, &metrics, &histograms, args.paths)).unwrap_or_default();
    data.actuals = history.as_ref().map(actual_series).unwrap_or_default();
    let figures = run_charts(&report, &metrics, &data);
    let images = outputs.figures(&figures, &charts)?;
    let assumptions = assumptions(&scenario);
    let markdown = summary_markdown(&report, &assumptions, &metrics, &alt_texts(&figures, &images));
    outputs.file("summary.md", markdown.as_bytes())?;
    if charts.any() {
        let context = Context { figures: inline_figures(&figures, &charts)?, command: reproduce_command() };
        write_report(&mut outputs, &run_page(&report, &assumptions, &metrics, &context))?;
    }
    outputs.json("summary.json", output::json(&report, "the summary as JSON")?)?;
    let csv = output::csv(crate::export::csv::run_percentiles(&report), "the percentiles as CSV")?;
    outputs.file("percentiles.csv", &csv)?;
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        let width = terminal_width();
        print(&render_within(&report, width))?;
        let precision = precision_line(&report);
        print(&width.map_or_else(|| precision.clone(), |w| wrap(&precision, w)))?;
        if outcomes.is_none() {
            print("(A streaming run keeps no trajectories: no histograms, sample paths or backtest ranks.)")?;
        }
        print(&format!("Wrote {}", folder.display()))?;
    }
    Ok(())
}

/// The images written, each with its chart's title as alt text.
fn alt_texts(figures: &[(String, Figure)], files: &[String]) -> Vec<Image> {
    files
        .iter()
        .map(|file| {
            let stem = file.rsplit_once('.').map_or(file.as_str(), |(stem, _)| stem);
            let alt =
                figures.iter().find(|(s, _)| s == stem).map_or_else(|| file.clone(), |(_, f)| f.titles().title.clone());
            Image { file: file.clone(), alt }
        })
        .collect()
}

/// Reads a history, its dates through the scenario's `first_month`, and prints how it was
/// read (each reading that could go two ways) as notes.
pub(super) fn read_history(path: &Path, scenario: &Scenario, decimal_comma: bool) -> Result<History, Error> {
    let text = read_input(path)?;
    let options = ReadOptions { first_month: scenario.first_month, decimal_comma };
    let reading = History::read(&text, &path.display().to_string(), &options)?;
    reading.notes.iter().for_each(|n| output::note(&format!("note: {n}")));
    Ok(reading.history)
}

/// Sample paths of the first `paths` trajectories and the last month's values for histograms.
fn chart_data(outcomes: &Outcomes, metrics: &[Metric], histograms: &[Metric], paths: usize) -> ChartData {
    let last = outcomes.horizon() - 1;
    let paths = paths.min(outcomes.trajectories);
    let sample = |metric: Metric| {
        let months: Vec<Vec<Option<f64>>> = (0..=last).map(|m| outcomes.values(metric, m)).collect();
        (0..paths).map(|i| months.iter().map(|month| month[i]).collect()).collect()
    };
    ChartData {
        paths: if paths == 0 { Vec::new() } else { metrics.iter().map(|&m| (m, sample(m))).collect() },
        final_values: histograms
            .iter()
            .map(|&m| (m, outcomes.values(m, last).into_iter().flatten().collect()))
            .collect(),
        actuals: Vec::new(),
    }
}
