//! `sidecast run`: simulate one scenario, print the summary table, write `summary.json`,
//! `percentiles.csv`, `summary.md` and the charts into the output folder.

use std::path::{Path, PathBuf};

use clap::{Args, ValueHint};

use super::args::{ChartArgs, SimulationArgs, default_output_folder, parse_month, parse_precision};
use super::input::{read_input, reproduce_command};
use super::output::{self, Outputs, print, terminal_width};
use super::progress::Progress;
use crate::actuals::{History, ReadOptions};
use crate::app::live::Source;
use crate::app::run::{NamedHistory, RunInput};
use crate::app::{self, Error};
use crate::present::terminal::narrow::{render_within, wrap};
use crate::present::terminal::run::precision_line;
use crate::scenario::{Scenario, ScenarioFile};

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    /// Output folder [default: output/<scenario file name>/].
    // The doc is the flag's help, written for a terminal: its `<...>` is not HTML.
    #[allow(rustdoc::invalid_html_tags)]
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
    /// cumulative net profit (gross profit without costs) are at most this fraction of
    /// their values (e.g. `0.5%`).
    #[arg(long, value_name = "FRACTION", value_parser = parse_precision)]
    pub precision: Option<f64>,
    /// The calendar month whose money the waterfall follows [default: the last month].
    #[arg(long, value_name = "M", value_parser = parse_month)]
    pub waterfall_month: Option<u32>,
    /// Also write explore.html (and add it to report.html): sliders over a grid of runs made
    /// now, e.g. `--explore reseller.churn=0.05..0.2:7`; one or two keys, at most 15 values each.
    #[arg(long, value_name = "KEY=LOW..HIGH:POINTS")]
    pub explore: Vec<String>,
    /// Draw this many individual trajectories over the bands of each fan chart (at most 1000).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1000))]
    pub paths: usize,
    /// Write the Markdown as index.md with YAML front matter (title, description) instead
    /// of summary.md: the output folder is then a page bundle for Hugo, Zola or Jekyll.
    #[arg(long)]
    pub page_bundle: bool,
    #[command(flatten)]
    pub chart: ChartArgs,
}

pub fn run(args: &RunArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    // Read once: `--explore` loads its grid from the same text (a pipe can be read once).
    let file = ScenarioFile::read(&args.scenario)?;
    let scenario = file.load(&args.simulation.overrides()?)?;
    let history = args.actuals.as_deref().map(|p| read_history(p, &scenario, args.decimal_comma)).transpose()?;
    let explore = if args.explore.is_empty() {
        None
    } else {
        let specs = app::explore::specs(&args.explore)?;
        let folder = args.scenario.parent().unwrap_or(Path::new(""));
        let source = Source::from_text(file.text.clone(), &args.scenario.display().to_string(), folder);
        Some(app::explore::grid(&source, &args.simulation.overrides()?, specs)?)
    };
    let input = RunInput {
        scenario,
        source: args.scenario.display().to_string(),
        levels: args.simulation.levels()?,
        history,
        waterfall_month: args.waterfall_month,
        precision: args.precision,
        paths: args.paths,
        charts,
        limits: args.simulation.limits(),
        command: reproduce_command(),
        page_bundle: args.page_bundle,
        explore,
    };
    let folder = args.out.clone().unwrap_or_else(|| default_output_folder(&args.scenario));
    let mut outputs = Outputs::prepare(&folder, args.json.as_deref())?;
    let prepared = app::run::prepare(&input)?;
    input.scenario.notes().iter().for_each(|n| output::note(&format!("note: {n}")));

    let result = prepared.run(&Progress { quiet: args.simulation.quiet })?;
    if let Some(target) = args.precision {
        let n = crate::text::number::thousands(result.report.trajectories as u64);
        output::note(&if result.precision_reached {
            format!("--precision {}%: reached with {n} trajectories", target * 100.0)
        } else {
            format!("--precision {}%: not reached within {n} trajectories; reporting what they give", target * 100.0)
        });
    }
    outputs.deliver(&result.delivery)?;
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        let width = terminal_width();
        print(&render_within(&result.report, width))?;
        let precision = precision_line(&result.report);
        print(&width.map_or_else(|| precision.clone(), |w| wrap(&precision, w)))?;
        if !result.stored {
            print("(A streaming run keeps no trajectories: no histograms, sample paths or backtest ranks.)")?;
        }
        print(&format!("Wrote {}", folder.display()))?;
    }
    Ok(())
}

/// The history file named by `--actuals`, read as spreadsheets export it (its dates through
/// the scenario's `first_month`), with how it was read printed as notes.
pub(super) fn read_history(path: &Path, scenario: &Scenario, decimal_comma: bool) -> Result<NamedHistory, Error> {
    let text = read_input(path)?;
    let name = path.display().to_string();
    let options = ReadOptions { first_month: scenario.first_month(), decimal_comma };
    let reading = History::read(&text, &name, &options)?;
    reading.notes.iter().for_each(|n| output::note(&format!("note: {n}")));
    Ok(NamedHistory { history: reading.history, name })
}
