//! `sidecast calibrate`: the scenario's uncertain parameters fitted to the user's history
//! (ABC-SMC, docs/calibration.md). Writes `calibrate.json`, `posterior.csv` (the joint
//! parameter sets), `calibrated.toml` (the scenario, or `--project`'s, drawing from them),
//! a prior-against-posterior chart per parameter, the history over the posterior
//! predictive bands and `report.html`. Everything is checked before the calibration runs,
//! and nothing is written until it has finished.

use std::path::{Path, PathBuf};

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::output::{self, Outputs, print};
use super::progress::Progress;
use super::run::read_history;
use crate::actuals::History;
use crate::analysis::backtest::{actual_series, backtest, simulated_metric};
use crate::analysis::budget;
use crate::analysis::calibrate::Settings;
use crate::analysis::posterior::{POSTERIOR_SETS, Setup, Sources, posterior_csv, report};
use crate::engine::Monitor;
use crate::export::html::{Context as PageContext, calibrate_page};
use crate::report::RunReport;
use crate::report::charts::Figure;
use crate::report::charts::calibrate::{Draws, posterior_charts, predictive_charts};
use crate::report::charts::run::ChartData;
use crate::report::terminal::calibrate::render;
use crate::scenario::calibrated::with_parameter_sets;
use crate::scenario::{Context, Override, Scenario, load, parse_in, read_text};
use crate::summarize::{self, Plan};
use crate::text::number::{compact, duration};

/// The file the posterior's parameter sets go to, beside `calibrated.toml`.
const SETS: &str = "posterior.csv";

/// Most trajectories of the posterior predictive check: far more than its ranks need,
/// and few enough to keep every trajectory.
const PREDICTIVE_TRAJECTORIES: usize = 100_000;

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The scenario whose distributions are the priors (TOML); its months must cover the history's.
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// Your past months as CSV (`month` and any of revenue, cogs, gross_profit, hours,
    /// customers, commission).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub actuals: PathBuf,
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
    let history = read_history(&args.actuals)?;
    let actuals = args.actuals.display().to_string();
    let setup = Setup::new(&scenario, &history, &args.scenario.display().to_string())?;
    let settings = Settings {
        seed: scenario.seed,
        particles: args.particles,
        max_simulations: args.max_simulations,
        ..Settings::default()
    };
    settings.check().map_err(|e| Error::Usage(format!("--particles, --max-simulations: {e}")))?;
    let keys: Vec<String> = setup.parameters.iter().map(|p| p.key.clone()).collect();
    // Both scenarios that will draw from the posterior are checked now, with one set of the
    // priors' medians standing in for it.
    let medians: Vec<f64> =
        setup.parameters.iter().map(|p| crate::analysis::calibrate::Prior::quantile(&p.prior, 0.5)).collect();
    let stand_in = posterior_csv(&keys, &[medians]);
    let project = args.project.as_deref().unwrap_or(&args.scenario);
    let projected = projection_text(project)?;
    calibrated_scenario(&projected, project, &[], &stand_in)?;
    let own_text = with_parameter_sets(&read_text(&args.scenario)?, &scenario.name, SETS).map_err(Error::Usage)?;
    let horizon = setup.horizon();
    let mut check = predictive_scenario(&own_text, &args.scenario, &overrides, &stand_in, horizon)?;
    check.trajectories = check.trajectories.min(PREDICTIVE_TRAJECTORIES);
    args.simulation.check_budget(&[&check], &Plan::default(), 0)?;
    check_calibration_time(&check, args)?;
    let folder = args.output.folder("calibrate", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    scenario.notes.iter().for_each(|n| output::note(&format!("note: {n}")));
    if !overrides.is_empty() {
        output::note(&format!(
            "note: calibrated.toml is the scenario file as written plus the posterior of {}: pass again the --set and \
             flags you want to keep for other keys, not for these (a --set replaces a key's posterior)",
            keys.join(", ")
        ));
    }
    let first_months = (scenario.start_month, load(project, &[])?.start_month);
    if first_months.0 != first_months.1 && grows(&scenario) {
        output::note(&format!(
            "note: a growth rate compounds from each scenario's first month: the calibrated arrivals and signups are \
             month {}'s, and calibrated.toml starts them in month {} (set the growth to 0 in one of them, or \
             scale the rates)",
            first_months.0, first_months.1
        ));
    }

    let monitor = Progress { quiet: args.simulation.quiet };
    let calibration = setup.calibrate(&settings, &monitor)??;
    let sets = calibration.draw_parameter_sets(POSTERIOR_SETS, scenario.seed);
    let csv = posterior_csv(&calibration.particles.keys, &sets);
    let mut checked = predictive_scenario(&own_text, &args.scenario, &overrides, &csv, horizon)?;
    // Every trajectory is kept, to rank the actuals among them (a streaming run keeps none).
    checked.trajectories = checked.trajectories.min(PREDICTIVE_TRAJECTORIES);
    let source = args.scenario.display().to_string();
    let predictive = monitor.watch(&format!("Checking {}", checked.name), checked.trajectories, |control| {
        summarize::run(&checked, &source, &levels, control, &Plan::default())
    })?;
    let mut run = predictive.report;
    if let Some(outcomes) = &predictive.outcomes {
        run.actuals = Some(backtest(&history, &actuals, outcomes, checked.start_month));
    }
    let sources = Sources {
        scenario: scenario.name.clone(),
        source: source.clone(),
        actuals: actuals.clone(),
        projection: project.display().to_string(),
    };
    let report = report(&setup, &calibration, &history, &run, sources);

    let priors = setup.prior_draws(POSTERIOR_SETS, scenario.seed);
    let columns: Vec<Vec<f64>> = (0..keys.len()).map(|i| sets.iter().map(|row| row[i]).collect()).collect();
    let draws: Vec<Draws<'_>> = keys
        .iter()
        .zip(&priors)
        .zip(&columns)
        .map(|((key, prior), posterior)| Draws { key, prior, posterior })
        .collect();
    let mut figures = posterior_charts(&report, &draws, &source);
    figures.extend(predictive_figures(&run, &history));
    outputs.json("calibrate.json", output::json(&report, "the calibration as JSON")?)?;
    outputs.file(SETS, csv.as_bytes())?;
    outputs.file(
        "calibrated.toml",
        with_parameter_sets(&projected.0, &projected.1, SETS).map_err(Error::Usage)?.as_bytes(),
    )?;
    outputs.figures(&figures, &charts)?;
    if charts.any() {
        let context = PageContext { figures: inline_figures(&figures, &charts)?, command: reproduce_command() };
        write_report(&mut outputs, &calibrate_page(&report, &context))?;
    }
    let to_stdout = outputs.json_to_stdout();
    let files = outputs.commit()?;
    if !to_stdout {
        print(&render(&report))?;
        print(&format!("Wrote {} ({})", folder.display(), files.join(", ")))?;
        print(&format!("Project from the posterior: sidecast run {}", folder.join("calibrated.toml").display()))?;
    }
    Ok(())
}

/// The text and name of the scenario `calibrated.toml` is made from; one that already
/// draws from parameter sets is refused (the posterior's would replace them).
fn projection_text(path: &Path) -> Result<(String, String), Error> {
    let scenario = load(path, &[])?;
    if scenario.joint.sets.is_some() {
        return Err(Error::Usage(format!(
            "{}: the scenario already draws its parameters from parameter sets; --project needs one that declares \
             them itself (the posterior's sets take their place)",
            path.display()
        )));
    }
    Ok((read_text(path)?, scenario.name))
}

/// The scenario of `text` drawing from the parameter sets `sets`, checked as a run would.
fn calibrated_scenario(
    text: &(String, String),
    path: &Path,
    overrides: &[Override],
    sets: &str,
) -> Result<Scenario, Error> {
    let text = with_parameter_sets(&text.0, &text.1, SETS).map_err(Error::Usage)?;
    parse_with_sets(&text, path, overrides, sets)
}

fn parse_with_sets(text: &str, path: &Path, overrides: &[Override], sets: &str) -> Result<Scenario, Error> {
    let origin = format!("calibrated.toml (from {})", path.display());
    let context = Context {
        folder: path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
        pinned: Vec::new(),
        sets_text: Some(sets.to_string()),
    };
    Ok(parse_in(text, &origin, overrides, &context)?)
}

/// The calibrated scenario over the history's months only (`horizon` of them), without
/// its targets: the posterior predictive the history is checked against.
fn predictive_scenario(
    text: &str,
    path: &Path,
    overrides: &[Override],
    sets: &str,
    horizon: usize,
) -> Result<Scenario, Error> {
    let mut scenario = parse_with_sets(text, path, overrides, sets)?;
    scenario.horizon_months = horizon;
    scenario.targets.clear();
    Ok(scenario)
}

/// Refuses, before it starts, a calibration whose `--max-simulations` histories of the
/// history's months would take longer than `--max-time` (a scenario of thousands of
/// customers costs far more per simulation than the examples' dozens).
fn check_calibration_time(scenario: &Scenario, args: &CalibrateArgs) -> Result<(), Error> {
    let mut cost = scenario.clone();
    cost.trajectories = args.max_simulations;
    let seconds = budget::estimate(&cost, &Plan::default(), 1, 0).seconds;
    if seconds.is_nan() || seconds > args.simulation.max_time {
        return Err(Error::Usage(format!(
            "--max-simulations {}: the calibration could take about {} (simulations of {} months with about {} \
             customers and subscribers each), more than --max-time {}; lower --max-simulations or --particles, \
             or raise --max-time",
            args.max_simulations,
            duration(seconds),
            scenario.horizon_months,
            compact(budget::estimate(scenario, &Plan::default(), 1, 0).peak_population.round()),
            duration(args.simulation.max_time)
        )));
    }
    Ok(())
}

/// Whether arrivals or signups grow month by month (or may).
fn grows(scenario: &Scenario) -> bool {
    let reseller = scenario.reseller.as_ref().is_some_and(|r| r.arrivals_growth.quantile(0.99) != 0.0);
    let affiliate = scenario
        .affiliate
        .as_ref()
        .is_some_and(|a| a.programmes.iter().any(|p| p.signups_growth.quantile(0.99) != 0.0));
    reseller || affiliate
}

/// The history over the predictive bands, one chart per column's metric.
fn predictive_figures(run: &RunReport, history: &History) -> Vec<(String, Figure)> {
    let metrics: Vec<_> = history.columns().iter().filter_map(|&c| simulated_metric(c)).collect();
    let data = ChartData { actuals: actual_series(history), ..ChartData::default() };
    predictive_charts(run, &metrics, &data)
}
