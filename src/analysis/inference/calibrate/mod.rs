//! `sidecast calibrate`: [`calibrate`](super::calibrate) wired to the engine. The
//! scenario's uncertain parameters are the priors (fixed values stay fixed), the user's
//! history is the observed summaries (each column, month by month), and one proposal is
//! one trajectory of the scenario over the history's months with the proposed values
//! pinned (docs/model.md §13, docs/calibration.md).

mod prior;
mod report;

use thiserror::Error;

pub use prior::ScenarioPrior;
pub use report::{POSTERIOR_SETS, Sources, posterior_csv, report};

use super::backtest::{actual_value, simulated_metric};
use crate::abc::{self, Calibration, CalibrationError, Hooks, Parameter, Prior, Settings};
use crate::actuals::{Column, History};
use crate::distribution::ParamView;
use crate::engine::{self, Cancelled, Layout, Monitor, simulate_block};
use crate::metric::{Derivation, Stored};
use crate::scenario::Scenario;

/// The purpose part of the prior draws' streams (see [`crate::random::derive`]).
const PRIOR_DRAWS: u64 = 0x0050_5249_4F52; // "PRIOR"

/// Why a scenario and a history cannot be calibrated.
#[derive(Debug, Error)]
pub enum SetupError {
    #[error(
        "{file} has no uncertain parameter to calibrate: every number is fixed. Give the ones your history should \
         inform a prior distribution, e.g. `churn = {{ beta = [2, 18] }}` or `arrivals = {{ ci90 = [0.5, 4] }}` \
         (fixed values stay fixed). A content piece's signups_per_piece is drawn afresh for each piece and \
         cannot be calibrated: give a number drawn once per trajectory, such as affiliate.signups, a prior instead"
    )]
    NoParameters { file: String },
    #[error(
        "{file} draws its parameters from {what}; calibrate takes independent priors (their distributions), \
         so remove `{key}` from the scenario you calibrate"
    )]
    Joint { file: String, what: &'static str, key: &'static str },
    #[error(
        "the history's month {month} is before the scenario's first month {first}: calibrate from a scenario \
             whose start_month is at most {month}"
    )]
    BeforeStart { month: u32, first: u32 },
    #[error("the history's month {month} is after the scenario's last month {last}: raise horizon_months")]
    AfterEnd { month: u32, last: u32 },
    #[error("the history's `{column}` column has nothing to compare with: the scenario has no {stream}")]
    NotModelled { column: &'static str, stream: &'static str },
    #[error("the history has no value in the scenario's months to calibrate against")]
    NoObservations,
}

/// One observed entry: a column of the history in a calendar month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    pub column: Column,
    pub month: u32,
    /// The engine row and the 0-based simulated month it is read from, less the row
    /// `minus` (commission, for the reseller's gross profit).
    row: usize,
    minus: Option<usize>,
    index: usize,
}

/// A scenario and a history ready to calibrate.
#[derive(Debug)]
pub struct Setup {
    /// The scenario, simulated up to the history's last month.
    scenario: Scenario,
    layout: Layout,
    pub parameters: Vec<Parameter<ScenarioPrior>>,
    pub entries: Vec<Entry>,
    pub observed: Vec<Option<f64>>,
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
        // Columns with no value at all say nothing, and need no stream to compare with;
        // flows without a simulated metric (churned, reactivated, ...) are not compared.
        let columns: Vec<Column> = history
            .columns()
            .iter()
            .copied()
            .filter(|&c| simulated_metric(c).is_some() && months.iter().any(|m| m.get(c).is_some()))
            .collect();
        for &column in &columns {
            if layout.is_zero(row_of(column)) {
                let affiliate = matches!(
                    column,
                    Column::Commission | Column::CommissionPaid | Column::Subscribers | Column::PayoutFees
                );
                let stream = if affiliate { "affiliate stream" } else { "reseller stream" };
                return Err(SetupError::NotModelled { column: column.name(), stream });
            }
        }
        let commission = Layout::row(Stored::CommissionEarned);
        let mut entries = Vec::new();
        let mut observed = Vec::new();
        for m in months {
            for &column in &columns {
                let index = (m.month - first) as usize;
                // The history's gross profit is the reseller's (revenue − COGS); the
                // simulated one includes commission, taken off again here. It is left out
                // in months that give revenue and COGS: it is their difference, and
                // counting it would weigh that month's money twice.
                let (value, minus) = match column {
                    Column::GrossProfit if m.revenue.is_some() && m.cogs.is_some() => (None, None),
                    Column::GrossProfit => (m.gross_profit, Some(commission)),
                    other => (actual_value(m, other), None),
                };
                entries.push(Entry { column, month: m.month, row: row_of(column), minus, index });
                observed.push(value);
            }
        }
        if observed.iter().all(Option::is_none) {
            return Err(SetupError::NoObservations);
        }
        Ok(Self { scenario, layout, parameters, entries, observed })
    }

    /// The months simulated: the scenario's first month up to the history's last.
    pub fn horizon(&self) -> usize {
        self.scenario.horizon_months()
    }

    /// One simulated history with the parameters at `theta` (in the order of
    /// [`Setup::parameters`]), from the trajectory streams numbered `seed`.
    pub fn simulate(&self, theta: &[f64], seed: u64) -> Vec<Option<f64>> {
        let pins: Vec<(String, f64)> = self.parameters.iter().zip(theta).map(|(p, v)| (p.key.clone(), *v)).collect();
        let block = simulate_block(&self.scenario, &self.layout, seed as usize, 1, &pins, None);
        let value = |e: &Entry| block.get(e.row, e.index, 0) - e.minus.map_or(0.0, |row| block.get(row, e.index, 0));
        self.entries.iter().map(|e| Some(value(e))).collect()
    }

    /// `n` draws from each parameter's prior (for the prior-against-posterior charts),
    /// reproducible from `seed` (each parameter's stream named by [`PRIOR_DRAWS`] and its
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
            let simulator = |theta: &[f64], seed: u64| self.simulate(theta, seed);
            Ok(abc::calibrate(&self.parameters, &self.observed, &simulator, settings, &core))
        })?;
        match result {
            Err(CalibrationError::Cancelled) => Err(Cancelled),
            other => Ok(other),
        }
    }
}

/// The engine row a history column is compared with (every such metric is stored; the
/// columns [`Setup::new`] keeps all have one).
fn row_of(column: Column) -> usize {
    let Some(metric) = simulated_metric(column) else { return 0 };
    match metric.derivation() {
        Derivation::Stored(stored) => Layout::row(stored),
        // No history column is a ratio; the first row keeps this total.
        Derivation::Ratio { numerator, .. } => Layout::row(numerator),
    }
}

#[cfg(test)]
mod tests;
