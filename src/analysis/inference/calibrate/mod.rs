//! `sidecast calibrate`'s inference: the [`abc`] library wired to the engine. The
//! scenario's uncertain parameters are the priors (fixed values stay fixed), the user's
//! history is the observed summaries (each column, month by month) with any cohort facts,
//! and one proposal is one trajectory of the scenario over the history's months with the
//! proposed values pinned ([`abc::calibrate`]). Where the model has an exact likelihood of
//! the history (`exact.rs`), the posterior is sampled from it instead
//! ([`abc::sample_posterior`]). See docs/model.md §13 and docs/calibration.md.

mod cohorts;
mod consistency;
mod entries;
mod error;
mod exact;
mod prior;
mod report;
mod sources;

pub use cohorts::{CohortEvidence, Population};
pub use entries::{Entry, Noise, Summaries};
pub use error::SetupError;
pub use exact::{Exact, reasons as inexact_reasons};
pub use prior::ScenarioPrior;
pub use report::{POSTERIOR_SETS, Sources, posterior_csv, report};
pub use sources::SourceSets;

use crate::abc::{self, Calibration, CalibrationError, Hooks, Parameter, Prior, Settings, sample_posterior};
use crate::actuals::{Column, History};
use crate::analysis::inference::likelihood::cohorts as cohorts_likelihood;
use crate::analysis::inference::retention::CohortSet;
use crate::distribution::ParamView;
use crate::engine::resolve::{Drawn, Resolver};
use crate::engine::{self, Cancelled, Layout, Monitor, simulate_block};
use crate::scenario::Scenario;
use crate::summarize::admission::Cap;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The purpose part of the prior draws' streams (see [`crate::random::derive`]).
const PRIOR_DRAWS: u64 = 0x0050_5249_4F52; // "PRIOR"

/// Salt of the stream of a simulation's cohort facts.
const COHORT_STREAM: u64 = 0x636F_686F_7274_7321;

/// How the posterior is computed (docs/calibration.md).
#[derive(Debug)]
pub enum Method {
    /// From the exact likelihood of the evidence (counts and flows under constant churn
    /// and Poisson arrivals, cohort counts) by likelihood-based SMC.
    Exact(Box<Exact>),
    /// By simulation (ABC-SMC); `reasons` say why the likelihood is not exact.
    General { reasons: Vec<String> },
}

/// A scenario and a history ready to calibrate.
#[derive(Debug)]
pub struct Setup {
    /// The scenario, simulated up to the history's last month.
    scenario: Scenario,
    layout: Layout,
    pub parameters: Vec<Parameter<ScenarioPrior>>,
    /// The history as the general path's summaries (each cell, then the counts' turnover).
    pub summaries: Summaries,
    /// The history and the columns that take part (a value in at least one month).
    history: History,
    columns: Vec<Column>,
    /// The scenario file's name, for messages.
    file: String,
    pub cohorts: Option<CohortEvidence>,
    pub method: Method,
    /// What one proposal's simulation may cost; proposals beyond it are not simulated.
    cap: Option<Cap>,
}

impl Setup {
    /// The priors of `scenario`'s uncertain parameters and the entries of `history` it
    /// simulates (gross profit only in months without both revenue and COGS).
    ///
    /// # Errors
    /// A [`SetupError`] that says what to change.
    pub fn new(scenario: &Scenario, history: &History, file: &str) -> Result<Self, SetupError> {
        let file = file.to_string();
        if scenario.joint().sets.is_some() {
            return Err(SetupError::Joint { file, what: "parameter sets", key: "parameter_sets" });
        }
        if scenario.joint().copula.is_some() {
            return Err(SetupError::Joint { file, what: "rank correlations", key: "[[correlations]]" });
        }
        let parameters: Vec<Parameter<ScenarioPrior>> = scenario
            .uncertain_parameters()
            .into_iter()
            .filter_map(|p| match p.view() {
                ParamView::Uncertain { key, distribution, bounds, .. } => {
                    Some(Parameter::new(key, ScenarioPrior::new(distribution.clone(), bounds)))
                }
                ParamView::Fixed(_) => None,
            })
            .collect();
        if parameters.is_empty() {
            return Err(SetupError::NoParameters { file });
        }
        let (first, last) = (scenario.start_month(), scenario.start_month() + scenario.horizon_months() as u32 - 1);
        let months = history.months();
        if let Some(m) = months.iter().find(|m| m.month < first) {
            return Err(SetupError::BeforeStart { month: m.month, first });
        }
        if let Some(m) = months.iter().find(|m| m.month > last) {
            return Err(SetupError::AfterEnd { month: m.month, last });
        }
        let end = months.iter().map(|m| m.month).max().unwrap_or(first);
        // Within the scenario's months (checked above), so the horizon is valid.
        let scenario = scenario
            .clone()
            .without_targets()
            .with_horizon((end - first + 1) as usize)
            .map_err(|_| SetupError::AfterEnd { month: end, last })?;
        let layout = engine::layout(&scenario);
        // Columns with no value at all say nothing, and need no stream to compare with.
        let columns: Vec<Column> =
            history.columns().iter().copied().filter(|&c| months.iter().any(|m| m.get(c).is_some())).collect();
        for &column in &columns {
            if let Some(stream) = unmodelled(&scenario, column) {
                return Err(SetupError::NotModelled { column: column.name(), stream });
            }
        }
        check_counts(&scenario, history, &columns)?;
        let summaries = Summaries::new(history, (first, scenario.horizon_months()), &columns, scenario.record_noise());
        if summaries.observed.iter().all(Option::is_none) {
            return Err(SetupError::NoObservations);
        }
        // Gross profit takes part only in months without revenue and COGS.
        let entered =
            |c: Column| summaries.entries.iter().zip(&summaries.observed).any(|(e, v)| e.column == c && v.is_some());
        let columns: Vec<Column> = columns.into_iter().filter(|&c| c != Column::GrossProfit || entered(c)).collect();
        let mut setup = Self {
            scenario,
            layout,
            parameters,
            summaries,
            history: history.clone(),
            columns,
            file: file.to_string(),
            cohorts: None,
            method: Method::General { reasons: Vec::new() },
            cap: None,
        };
        setup.method = setup.choose_method();
        Ok(setup)
    }

    /// The same calibration with cohort facts as evidence too: `cohorts` (from `source`)
    /// measure the churn keyed `churn_key` (by default the reseller's, or the only plan's).
    ///
    /// # Errors
    /// [`SetupError::UnknownChurn`] for a key that is no churn of the scenario,
    /// [`SetupError::WhichChurn`] when the scenario has several and none was named.
    pub fn with_cohorts(
        mut self,
        cohorts: CohortSet,
        source: &str,
        churn_key: Option<&str>,
    ) -> Result<Self, SetupError> {
        let (population, key) = Population::resolve(&self.scenario, churn_key).map_err(|keys| match churn_key {
            Some(given) => SetupError::UnknownChurn { given: given.to_string(), keys },
            None => SetupError::WhichChurn { keys },
        })?;
        self.cohorts = Some(CohortEvidence { cohorts, population, key, source: source.to_string() });
        self.method = self.choose_method();
        Ok(self)
    }

    /// The same calibration by the general path even where the exact one applies: to
    /// measure the general path against the exact posterior (docs/calibration.md).
    pub fn by_simulation(mut self) -> Self {
        self.method = Method::General { reasons: vec!["the general path was asked for".to_string()] };
        self
    }

    /// The general path on the history's cells alone, without the counts' turnover: to
    /// measure what the turnover adds (docs/calibration.md).
    pub fn without_turnover(mut self) -> Self {
        self.summaries = self.summaries.without_turnover();
        self.by_simulation()
    }

    /// The exact path where the evidence allows it, the general one otherwise.
    fn choose_method(&self) -> Method {
        let keys: Vec<String> = self.parameters.iter().map(|p| p.key.clone()).collect();
        match Exact::new(&self.scenario, &keys, (&self.history, &self.columns), self.cohorts.as_ref()) {
            Ok(exact) => Method::Exact(Box::new(exact)),
            Err(reasons) => Method::General { reasons },
        }
    }

    /// The history calibrated on.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The history's columns that take part in the calibration.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Proposals whose simulation would cost more than `cap` (their expected population,
    /// with the proposed values, too large for the limits) are rejected without being
    /// simulated, as if the prior were zero there: a proposal deep in a prior's tail can no
    /// longer take the memory or the time of the whole calibration.
    #[must_use]
    pub fn with_cap(mut self, cap: Cap) -> Self {
        self.cap = Some(cap);
        self
    }

    /// The scenario one proposal simulates (over the history's months), its uncertain
    /// parameters the priors.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The months simulated: the scenario's first month up to the history's last.
    pub fn horizon(&self) -> usize {
        self.scenario.horizon_months()
    }

    /// One simulated history with the parameters at `theta` (in the order of
    /// [`Setup::parameters`]), from the trajectory streams numbered `seed`: the general
    /// path's summaries (see [`Summaries`]).
    pub fn simulate(&self, theta: &[f64], seed: u64) -> Vec<Option<f64>> {
        let pins: Vec<(String, f64)> = self.parameters.iter().zip(theta).map(|(p, v)| (p.key.clone(), *v)).collect();
        if self.cap.is_some_and(|cap| !cap.admits(&self.scenario, &pins)) {
            return vec![None; self.observed().len()];
        }
        let block = simulate_block(&self.scenario, &self.layout, seed as usize, 1, &pins, None);
        let mut out = self.summaries.simulate(&block, seed);
        if let Some(evidence) = &self.cohorts {
            // The cohort facts, simulated under the trajectory's churn.
            let streams = engine::rng::Streams::new(self.scenario.seed(), seed);
            let drawn = Drawn::new(&self.scenario, &Resolver::new(&self.scenario, &streams, &pins));
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ COHORT_STREAM);
            let simulated = evidence.population.drawn_churn(&drawn).map(|churn| {
                CohortEvidence::entries(&cohorts_likelihood::simulate(&evidence.cohorts, churn, &mut rng))
            });
            out.extend(simulated.unwrap_or_default().into_iter().map(Some));
        }
        out
    }

    /// A history of the original's shape recorded from one trajectory with the parameters
    /// at `theta` (record noise included): what a simulation-based check calibrates.
    ///
    /// # Errors
    /// None in practice: the text is written to be read back.
    pub fn simulate_history(&self, theta: &[f64], seed: u64) -> Result<History, crate::actuals::HistoryError> {
        let pins: Vec<(String, f64)> = self.parameters.iter().zip(theta).map(|(p, v)| (p.key.clone(), *v)).collect();
        let block = simulate_block(&self.scenario, &self.layout, seed as usize, 1, &pins, None);
        History::parse_csv(&self.summaries.record_history(&block, seed, &self.history), "simulated history")
    }

    /// The observed summaries the general path compares simulations with: the history's
    /// (its cells, then the counts' turnover), then the cohort facts' counts.
    pub fn observed(&self) -> Vec<Option<f64>> {
        let cohorts = self.cohorts.iter().flat_map(|e| e.observed().into_iter().map(Some));
        self.summaries.observed.iter().copied().chain(cohorts).collect()
    }

    /// The history's cells that take part, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.summaries.entries
    }

    /// `n` draws from each parameter's prior (for the prior-against-posterior charts),
    /// reproducible from `seed` (each parameter's stream named by `PRIOR_DRAWS` and its
    /// index).
    pub fn prior_draws(&self, n: usize, seed: u64) -> Vec<Vec<f64>> {
        use rand::SeedableRng;
        self.parameters
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let key = crate::random::derive(seed, &[PRIOR_DRAWS, i as u64]);
                let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(key);
                (0..n).map(|_| p.prior.sample(&mut rng)).collect()
            })
            .collect()
    }

    /// The calibration, with progress and Ctrl-C through `monitor`.
    ///
    /// # Errors
    /// [`Cancelled`] after Ctrl-C; a [`CalibrationError`] inside for a calibration that
    /// cannot run.
    pub fn calibrate(
        &self,
        settings: &Settings,
        monitor: &impl Monitor,
    ) -> Result<Result<Calibration, CalibrationError>, Cancelled> {
        let expected = settings.max_simulations.min(settings.particles * settings.replicates * 60);
        let label = format!("Calibrating {}", self.scenario.name());
        let result = monitor.watch(&label, expected, |control| {
            let reported = std::sync::atomic::AtomicUsize::new(0);
            let progress = |done: usize| {
                let before = reported.fetch_max(done, std::sync::atomic::Ordering::Relaxed);
                if let Some(tick) = control.progress {
                    tick(done.saturating_sub(before));
                }
            };
            let core = Hooks { progress: Some(&progress), cancel: control.cancel };
            Ok(match &self.method {
                Method::Exact(exact) => sample_posterior(&self.parameters, exact.as_ref(), settings, &core),
                Method::General { .. } => {
                    let simulator = |theta: &[f64], seed: u64| self.simulate(theta, seed);
                    abc::calibrate(&self.parameters, &self.observed(), &simulator, settings, &core)
                }
            })
        })?;
        match result {
            Err(CalibrationError::Cancelled) => Err(Cancelled),
            other => Ok(other),
        }
    }
}

/// Refuses counts and flows that do not add up as the model's do.
fn check_counts(scenario: &Scenario, history: &History, columns: &[Column]) -> Result<(), SetupError> {
    let streams = [
        (exact::Stream::Reseller, "customers", ("new_customers", "churned")),
        (exact::Stream::Affiliate, "subscribers", ("new_subscribers", "cancelled")),
    ];
    for (stream, noun, flows) in streams {
        if !columns.iter().any(|&c| exact::counted(c) == Some(stream)) {
            continue;
        }
        let initial = exact::initial(scenario, stream);
        let chain =
            exact::chain(history, scenario.start_month(), scenario.horizon_months(), stream, initial.unwrap_or(0));
        if let Some(message) = consistency::check(chain.months(), (scenario.start_month(), initial), noun, flows) {
            return Err(SetupError::Inconsistent { noun, message });
        }
    }
    Ok(())
}

/// The stream a column needs that the scenario lacks, if any.
/// The first column with a value that the scenario has no stream to compare with, and the
/// stream it would need: a backtest of commissions against a reseller-only scenario ranks
/// them against a metric that is 0 in every future.
pub fn unmodelled_column(history: &History, scenario: &Scenario) -> Option<(&'static str, &'static str)> {
    let months = history.months();
    history
        .columns()
        .iter()
        .copied()
        .filter(|&c| months.iter().any(|m| m.get(c).is_some()))
        .find_map(|c| unmodelled(scenario, c).map(|stream| (c.name(), stream)))
}

fn unmodelled(scenario: &Scenario, column: Column) -> Option<&'static str> {
    let reseller = matches!(
        column,
        Column::Revenue
            | Column::Cogs
            | Column::Customers
            | Column::NewCustomers
            | Column::Churned
            | Column::Reactivated
    );
    let affiliate = matches!(
        column,
        Column::Commission
            | Column::CommissionPaid
            | Column::PayoutFees
            | Column::Subscribers
            | Column::NewSubscribers
            | Column::Cancelled
    );
    if reseller && scenario.reseller().is_none() {
        Some("reseller stream")
    } else if affiliate && scenario.affiliate().is_none() {
        Some("affiliate stream")
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
