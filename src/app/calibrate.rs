//! `calibrate`: the scenario's uncertain parameters fitted to the user's history
//! (docs/calibration.md), and everything made from the posterior: `calibrate.json`,
//! `posterior.csv` (the joint parameter sets), `calibrated.toml` (the scenario, or the
//! projection scenario, drawing from them), a prior-against-posterior chart per parameter,
//! the history over the posterior predictive bands and `report.html`. Both scenarios that
//! will draw from the posterior are checked before the calibration runs, with the priors'
//! medians standing in for it, so a calibration never ends in a refusal of its own output.

mod scenarios;

pub use scenarios::SETS;
use scenarios::{
    PREDICTIVE_TRAJECTORIES, grows, parse_with_sets, predictive_scenario, refuse_parameter_sets, with_sets,
};

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::html::report_page;
use super::run::NamedHistory;
use super::{Limits, Monitor};
use crate::abc::{Prior, Settings};
use crate::actuals::History;
use crate::analysis::inference::backtest::{actual_series, backtest, simulated_metric};
use crate::analysis::inference::calibrate::{
    Method, POSTERIOR_SETS, Setup, SourceSets, Sources, posterior_csv, report,
};
use crate::analysis::inference::retention::CohortSet;
use crate::chart::Calendar;
use crate::export::html::{Projections, calibrate_page};
use crate::present::charts::calibrate::{Draws, posterior_charts, predictive_charts};
use crate::present::charts::run::ChartData;
use crate::present::charts::{Figure, apply};
use crate::report::RunReport;
use crate::report::calibrate::CalibrateReport;
use crate::scenario::write::calibrated::with_parameter_sets;
use crate::scenario::{Override, Scenario};
use crate::stats::Percentile;
use crate::summarize::admission::{BudgetError, Cap, admit, estimate};
use crate::summarize::{self, RunPlan};
use crate::text::number::{compact, duration, significant};

/// A scenario file as written (its text) and where it is.
pub use crate::scenario::ScenarioFile;

/// What `calibrate` needs, validated.
#[derive(Debug, Clone)]
pub struct CalibrateInput {
    /// The scenario whose distributions are the priors, loaded with `overrides`.
    pub scenario: Scenario,
    /// Its file as written.
    pub file: ScenarioFile,
    /// The `--set` and shortcut overrides it was loaded with.
    pub overrides: Vec<Override>,
    /// The scenario `calibrated.toml` is made from, loaded as written (no overrides), with
    /// its file: `--project`'s, or by default the calibrated scenario's own file.
    pub project: (Scenario, ScenarioFile),
    pub history: NamedHistory,
    /// Cohort facts as evidence too, if given.
    pub cohorts: Option<CohortInput>,
    /// Particles per generation and the most simulated histories.
    pub particles: usize,
    pub max_simulations: usize,
    pub levels: Vec<Percentile>,
    pub charts: Charts,
    pub limits: Limits,
    pub command: String,
}

/// Cohort facts given beside the history (the `fit retention` forms).
#[derive(Debug, Clone)]
pub struct CohortInput {
    pub cohorts: CohortSet,
    /// Where they came from, for the report (`counts 12, 11, 8`, a file name).
    pub source: String,
    /// The churn they measure (`--cohort-churn`); `None`: the reseller's, or the only plan's.
    pub churn_key: Option<String>,
}

/// What `calibrate` produced.
#[derive(Debug)]
pub struct CalibrateResult {
    pub report: CalibrateReport,
    pub delivery: Delivery,
    /// Things worth telling the user before the work starts, already said in the report.
    pub notes: Vec<String>,
}

/// What `calibrate` checked before running: everything the calibration and its outputs need.
#[derive(Debug)]
pub struct Prepared<'a> {
    input: &'a CalibrateInput,
    setup: Setup,
    settings: Settings,
    keys: Vec<String>,
    own_text: String,
    projected: (&'a Scenario, &'a ScenarioFile),
    /// Notes for the user, to show before the work starts.
    pub notes: Vec<String>,
}

/// Checks everything before any work: the history against the scenario, the settings, both
/// scenarios that will draw from the posterior (with a stand-in for it), and the admission
/// of the predictive check and of the calibration's simulations.
///
/// # Errors
/// [`Error::Setup`], [`Error::Usage`], [`Error::Scenario`], [`Error::Budget`].
pub fn prepare(input: &CalibrateInput) -> Result<Prepared<'_>, Error> {
    let scenario = &input.scenario;
    let mut setup = Setup::new(scenario, &input.history.history, &input.file.path.display().to_string())?;
    if let Some(c) = &input.cohorts {
        setup = setup.with_cohorts(c.cohorts.clone(), &c.source, c.churn_key.as_deref())?;
    }
    let settings = Settings {
        seed: scenario.seed(),
        particles: input.particles,
        max_simulations: input.max_simulations,
        ..Settings::default()
    };
    settings.check().map_err(|e| Error::Usage(format!("--particles, --max-simulations: {e}")))?;
    let keys: Vec<String> = setup.parameters.iter().map(|p| p.key.clone()).collect();
    // Both scenarios that will draw from the posterior are checked now, with one set of the
    // priors' medians standing in for it.
    let medians: Vec<f64> = setup.parameters.iter().map(|p| Prior::quantile(&p.prior, 0.5)).collect();
    let stand_in = posterior_csv(&keys, &[medians]);
    let projected = (&input.project.0, &input.project.1);
    refuse_parameter_sets(projected.0, &projected.1.path)?;
    let projected_name = projected.0.name().to_string();
    with_sets(&projected.1.text, &projected_name, &projected.1.path, &[], &stand_in)?;
    let own_text = with_parameter_sets(&input.file.text, scenario.name(), SETS).map_err(Error::Usage)?;
    let horizon = setup.horizon();
    predictive_scenario(&own_text, &input.file.path, &input.overrides, &stand_in, horizon)?;
    // Every simulation is admitted as `run` admits a run, before any work: the predictive
    // check with the priors at their pessimistic ends (the posterior lies within the
    // priors), the page's two projections, and the calibration's simulations, each capped
    // so that all of them together stay within the limits (a proposal beyond its share is
    // rejected unsimulated). The general path simulates histories (twice with cohort facts:
    // both sources, then the months alone); the exact path evaluates a likelihood, far
    // cheaper than any simulation.
    let prior = setup.scenario().clone().without_targets();
    let predictive = prior.clone().with_trajectories(prior.trajectories().min(PREDICTIVE_TRAJECTORIES));
    admit(&[&predictive], &RunPlan::default(), 0, &input.limits)?;
    if input.charts.any() {
        admit(&[projected.0], &RunPlan::default(), 0, &input.limits)?;
    }
    let runs = match setup.method {
        Method::General { .. } if setup.cohorts.is_some() => 2,
        Method::General { .. } => 1,
        Method::Exact(_) => 0,
    };
    let simulations = input.max_simulations.saturating_mul(runs);
    check_calibration_time(&prior, simulations, predictive.trajectories(), input)?;
    let setup = setup.with_cap(Cap::per_simulation(&input.limits, simulations + predictive.trajectories()));
    let notes = notes(input, &keys, projected.0);
    Ok(Prepared { input, setup, settings, keys, own_text, projected, notes })
}

impl Prepared<'_> {
    /// Calibrates, checks the history against the posterior predictive and makes every output.
    ///
    /// # Errors
    /// [`Error::Interrupted`], [`Error::Calibration`], [`Error::Chart`], [`Error::Encode`].
    pub fn run(self, monitor: &impl Monitor) -> Result<CalibrateResult, Error> {
        let input = self.input;
        let scenario = &input.scenario;
        let calibration = self.setup.calibrate(&self.settings, monitor)??;
        let sets = calibration.draw_parameter_sets(POSTERIOR_SETS, scenario.seed());
        let csv = posterior_csv(&calibration.particles.keys, &sets);
        let horizon = self.setup.horizon();
        let checked = predictive_scenario(&self.own_text, &input.file.path, &input.overrides, &csv, horizon)?;
        // The posterior's values were not all simulated (the regression adjustment moves
        // them, far when the history lies far outside what the priors produce): the check
        // is admitted with the posterior itself before it runs.
        admit(&[&checked], &RunPlan::default(), 0, &input.limits).map_err(|e| {
            Error::Budget(BudgetError(format!(
                "the posterior reaches values no proposal was simulated at ({}), too large to check: {e} \
                 The history lies far outside what the priors can produce: widen the priors to reach it, \
                 or check the history's units.",
                reach(&calibration.particles.keys, &sets)
            )))
        })?;
        let source = input.file.path.display().to_string();
        let predictive = monitor.watch(&format!("Checking {}", checked.name()), checked.trajectories(), |control| {
            summarize::run(&checked, &source, &input.levels, control, &RunPlan::default())
        })?;
        let history = &input.history;
        let mut run = predictive.report;
        if let Some(outcomes) = &predictive.outcomes {
            run.actuals = Some(backtest(&history.history, &history.name, outcomes, checked.start_month()));
        }
        let sources = Sources {
            scenario: scenario.name().to_string(),
            source: source.clone(),
            actuals: history.name.clone(),
            projection: self.projected.1.path.display().to_string(),
        };
        let mut report = report(&self.setup, &calibration, &history.history, &run, sources);
        self.two_sources(&mut report, &sets, monitor)?;

        let priors = self.setup.prior_draws(POSTERIOR_SETS, scenario.seed());
        let columns: Vec<Vec<f64>> = (0..self.keys.len()).map(|i| sets.iter().map(|row| row[i]).collect()).collect();
        let draws: Vec<Draws<'_>> = self
            .keys
            .iter()
            .zip(&priors)
            .zip(&columns)
            .map(|((key, prior), posterior)| Draws { key, prior, posterior })
            .collect();
        let mut figures = posterior_charts(&report, &draws, &source);
        figures.extend(predictive_figures(&run, &history.history, checked.calendar()));
        apply(&mut figures, &input.charts.requests);
        let (projected, file) = self.projected;
        // What is written must load: checked with the posterior itself before anything is.
        with_sets(&file.text, projected.name(), &file.path, &[], &csv)?;
        let calibrated = with_parameter_sets(&file.text, projected.name(), SETS).map_err(Error::Usage)?;
        // The page shows what the history changes in the projection: both ways, run only for it.
        let projections = if input.charts.any() {
            Some(project(projected, file, &calibrated, &csv, &input.levels, monitor)?)
        } else {
            None
        };
        let page = report_page(&input.charts, &figures, &input.command, |context| {
            calibrate_page(&report, projections.as_ref(), context)
        })?;
        let mut delivery = Delivery::new(&input.charts);
        delivery.json_of("calibrate.json", &report, "the calibration as JSON")?;
        delivery.file(SETS, csv.into_bytes());
        delivery.file("calibrated.toml", calibrated.into_bytes());
        delivery.figures(figures);
        delivery.page(page);
        Ok(CalibrateResult { report, delivery, notes: self.notes })
    }
}

impl Prepared<'_> {
    /// With cohort facts: the facts' own predictive check, and each source calibrated alone
    /// to compare what they say about the churn they share (docs/calibration.md).
    fn two_sources(
        &self,
        report: &mut CalibrateReport,
        sets: &[Vec<f64>],
        monitor: &impl Monitor,
    ) -> Result<(), Error> {
        if self.setup.cohorts.is_none() {
            return Ok(());
        }
        let seed = self.input.scenario.seed();
        let check = self.setup.cohort_check(sets, seed);
        let series = self.setup.series_alone()?.calibrate(&self.settings, monitor)??;
        let cohorts = match self.setup.cohorts_alone(&self.settings, monitor) {
            Some(result) => result??,
            None => return Ok(()),
        };
        let series_sets = series.draw_parameter_sets(POSTERIOR_SETS, seed ^ 1);
        let cohort_sets = cohorts.draw_parameter_sets(POSTERIOR_SETS, seed ^ 2);
        let series_surprising =
            (report.surprising().count(), report.predictive.iter().filter(|p| p.percentile_rank.is_some()).count());
        let cohort_surprising = (
            check.iter().filter(|p| p.surprising).count(),
            check.iter().filter(|p| p.percentile_rank.is_some()).count(),
        );
        let which = SourceSets { together: sets, series: &series_sets, cohorts: &cohort_sets };
        report.sources = self.setup.two_sources(which, (series_surprising, cohort_surprising));
        if let Some(facts) = &mut report.evidence.cohorts {
            facts.check = check;
        }
        Ok(())
    }
}

/// Calibrates: [`prepare`], then [`Prepared::run`].
///
/// # Errors
/// As for both.
pub fn calibrate(input: &CalibrateInput, monitor: &impl Monitor) -> Result<CalibrateResult, Error> {
    prepare(input)?.run(monitor)
}

/// The projection scenario as typed and as `calibrated.toml` has it (drawing from the
/// posterior's parameter sets `sets`), each run in full for the page.
fn project(
    projected: &Scenario,
    file: &ScenarioFile,
    calibrated: &str,
    sets: &str,
    levels: &[Percentile],
    monitor: &impl Monitor,
) -> Result<Projections, Error> {
    let from_posterior = parse_with_sets(calibrated, &file.path, &[], sets)?;
    let source = file.path.display().to_string();
    let run = |scenario: &Scenario, what: &str| -> Result<RunReport, Error> {
        let output = monitor.watch(&format!("Projecting {what}"), scenario.trajectories(), |control| {
            summarize::run(scenario, &source, levels, control, &RunPlan::default())
        })?;
        Ok(output.report)
    };
    Ok(Projections { as_typed: run(projected, "as typed")?, calibrated: run(&from_posterior, "from calibrated.toml")? })
}

/// Each parameter's largest posterior value, as `key up to value`.
fn reach(keys: &[String], sets: &[Vec<f64>]) -> String {
    let largest = |i: usize| sets.iter().filter_map(|row| row.get(i).copied()).fold(f64::NEG_INFINITY, f64::max);
    keys.iter()
        .enumerate()
        .map(|(i, key)| format!("{key} up to {}", compact(significant(largest(i), 4))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the user should know before the calibration starts.
fn notes(input: &CalibrateInput, keys: &[String], projected: &Scenario) -> Vec<String> {
    let scenario = &input.scenario;
    let mut notes: Vec<String> = scenario.notes().to_vec();
    if !input.overrides.is_empty() {
        notes.push(format!(
            "calibrated.toml is the scenario file as written plus the posterior of {}: pass again the --set and flags \
             you want to keep for other keys, not for these (a --set replaces a key's posterior)",
            keys.join(", ")
        ));
    }
    let first_months = (scenario.start_month(), projected.start_month());
    if first_months.0 != first_months.1 && grows(scenario) {
        notes.push(format!(
            "a growth rate compounds from each scenario's first month: the calibrated arrivals and signups are month \
             {}'s, and calibrated.toml starts them in month {} (set the growth to 0 in one of them, or scale the \
             rates)",
            first_months.0, first_months.1
        ));
    }
    notes
}

/// Refuses, before it starts, a calibration whose most simulations of the history's months
/// and its predictive check of `predictive` trajectories would take longer than the time
/// limit, with the priors at their pessimistic ends (a scenario of thousands of customers
/// costs far more per simulation than the examples' dozens).
fn check_calibration_time(
    prior: &Scenario,
    simulations: usize,
    predictive: usize,
    input: &CalibrateInput,
) -> Result<(), Error> {
    let cost = prior.clone().with_trajectories(simulations.saturating_add(predictive));
    let seconds = estimate(&cost, &RunPlan::default(), 1, 0).seconds;
    if seconds.is_nan() || seconds > input.limits.max_seconds {
        return Err(Error::Usage(format!(
            "--max-simulations {}: the calibration could take about {} (simulations of {} months with about {} \
             customers and subscribers each, with uncertain inputs at their pessimistic 1%), more than --max-time \
             {}; lower --max-simulations or --particles, or raise --max-time",
            input.max_simulations,
            duration(seconds),
            prior.horizon_months(),
            compact(estimate(prior, &RunPlan::default(), 1, 0).peak_population.round()),
            duration(input.limits.max_seconds)
        )));
    }
    Ok(())
}

/// The history over the predictive bands, one chart per column's metric.
fn predictive_figures(run: &RunReport, history: &History, calendar: Option<Calendar>) -> Vec<(String, Figure)> {
    let metrics: Vec<_> = history.columns().iter().filter_map(|&c| simulated_metric(c)).collect();
    let data = ChartData { actuals: actual_series(history), calendar, ..ChartData::default() };
    predictive_charts(run, &metrics, &data)
}
