//! "What would it take?": for each lever, the value at which the probability of a target
//! reaches the probability asked for. [`Solve::prepare`] checks every input before anything
//! runs; [`Solve::run`] searches each lever alone (the others at the scenario's values)
//! and returns the [`SolveReport`].
//!
//! Every evaluation runs the scenario's trajectories with the same seed, so trajectory i
//! sees the same arrivals, customers and luck at every lever value (common random numbers)
//! and P(target) is a monotone step function of the lever for the levers that move it one
//! way ([`search`](mod@search) explains the search and its interval). The scenario as it is
//! runs once more, for today's probability; today's value, when it is a fixed number inside
//! the range, is then a point of the search at no cost.

pub mod hits;
pub mod lever;
pub mod range;
pub mod search;
pub mod target;

use thiserror::Error;

use self::hits::Hits;
use self::lever::{LeverSpec, Today, today};
use self::range::{Range, Z95};
use self::search::{Found, search};
use self::target::Goal;
use super::vary::{VariantError, VarySpec, VaryValue, load_variants, parse_specs};
use crate::engine::{BLOCK_SIZE, Cancelled, Control, Monitor, simulate_range};
use crate::report::solve::{LeverReport, SolvePoint, SolveReport, Status};
use crate::scenario::keys::key_words;
use crate::scenario::{Override, Scenario, ScenarioError, ScenarioFile};
use crate::stats::Proportion;

/// Most simulations of the scenario's trajectories the search makes on one lever.
pub const MAX_EVALUATIONS: usize = 15;

/// Trajectories simulated at once: 64 blocks, a few tens of megabytes of outcomes.
const CHUNK: usize = 64 * BLOCK_SIZE;

/// Why a solve cannot run, or stopped.
#[derive(Debug, Error)]
pub enum SolveError {
    #[error("bad --target `{text}`: {reason}")]
    Target { text: String, reason: String },
    #[error("bad --probability {0}: give a probability between 0 and 1, exclusive (0.8 or 80%)")]
    Probability(f64),
    #[error("bad --vary `{spec}`: {reason}")]
    Lever { spec: String, reason: String },
    #[error("solve needs at least one --vary KEY=LOW..HIGH, e.g. --vary reseller.arrivals=0.5..8")]
    NoLever,
    #[error(transparent)]
    Variant(#[from] VariantError),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("the simulation was cancelled")]
    Cancelled,
}

impl From<Cancelled> for SolveError {
    fn from(_: Cancelled) -> Self {
        SolveError::Cancelled
    }
}

/// One lever, checked: its range loads and validates at both ends.
#[derive(Debug, Clone)]
struct Lever {
    spec: LeverSpec,
    today: Option<Today>,
}

/// A validated question: a scenario, a target, a probability and the levers to solve.
#[derive(Debug, Clone)]
pub struct Solve {
    file: ScenarioFile,
    base: Vec<Override>,
    scenario: Scenario,
    goal: Goal,
    probability: f64,
    levers: Vec<Lever>,
    /// The scenario at each end of each lever's range, validated (for the cost estimate).
    ends: Vec<Scenario>,
}

impl Solve {
    /// Checks everything before any simulation: the scenario with `base` overrides, the
    /// target against its months, the probability, and each lever (its range, its key
    /// against the scenario, both ends through the scenario's validation).
    ///
    /// # Errors
    /// [`SolveError`] naming the option, what is wrong and what is allowed.
    pub fn prepare(
        file: &ScenarioFile,
        base: &[Override],
        target: &str,
        probability: f64,
        levers: &[String],
    ) -> Result<Self, SolveError> {
        let bad_target = |reason: String| SolveError::Target { text: target.to_string(), reason };
        let text = target::parse(target).map_err(bad_target)?;
        if !(probability > 0.0 && probability < 1.0) {
            return Err(SolveError::Probability(probability));
        }
        let scenario = file.load(base)?;
        let goal = Goal::new(&text, &scenario).map_err(bad_target)?;
        if levers.is_empty() {
            return Err(SolveError::NoLever);
        }
        let mut checked: Vec<Lever> = Vec::new();
        let mut ends = Vec::new();
        for typed in levers {
            let spec: LeverSpec = typed.parse().map_err(|reason| SolveError::Lever { spec: typed.clone(), reason })?;
            if checked.iter().any(|l| l.spec.key == spec.key) {
                let reason = "this key is given twice; give each lever once".to_string();
                return Err(SolveError::Lever { spec: typed.clone(), reason });
            }
            let ends_of = parse_specs(&[format!("{}={},{}", spec.key, spec.toml(spec.low), spec.toml(spec.high))])?;
            ends.extend(load_variants(file, base, &ends_of)?.into_iter().map(|v| v.scenario));
            checked.push(Lever { today: today(&scenario, &spec.key), spec });
        }
        Ok(Self { file: file.clone(), base: base.to_vec(), scenario, goal, probability, levers: checked, ends })
    }

    /// The scenarios a solve runs, for an estimate of its cost: the scenario as it stands,
    /// then each lever's range at both ends, each as often as the search may run it (half
    /// of [`MAX_EVALUATIONS`] at each end).
    pub fn runs(&self) -> Vec<&Scenario> {
        let per_end = MAX_EVALUATIONS.div_ceil(2);
        std::iter::once(&self.scenario).chain(self.ends.iter().flat_map(|s| std::iter::repeat_n(s, per_end))).collect()
    }

    /// The scenario as loaded, before any lever moves.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Searches every lever, with at most [`MAX_EVALUATIONS`] simulations each (one more
    /// for today's probability), all through one `monitor` watch.
    ///
    /// # Errors
    /// [`SolveError::Cancelled`] when the monitor stopped a simulation; a scenario error if
    /// a value inside a range fails validation (the ends were checked before).
    pub fn run(&self, monitor: &impl Monitor) -> Result<SolveReport, SolveError> {
        let n = self.scenario.trajectories();
        let expected = n.saturating_mul(1 + self.levers.len() * 10);
        let label = format!("solving {} lever{}", self.levers.len(), if self.levers.len() == 1 { "" } else { "s" });
        let result = monitor.watch(&label, expected, |control| match self.search_all(control) {
            Err(SolveError::Cancelled) => Err(Cancelled),
            other => Ok(other),
        });
        let (today, found) = result??;
        let count = today.count();
        Ok(SolveReport {
            scenario: self.scenario.name().to_string(),
            seed: self.scenario.seed(),
            trajectories: n,
            horizon_months: self.scenario.horizon_months(),
            start_month: self.scenario.start_month(),
            target: self.goal.spec.clone(),
            target_date: self.scenario.calendar().and_then(|c| c.date(self.goal.spec.month)).map(|d| d.to_string()),
            calendar: self.scenario.calendar(),
            probability: self.probability,
            margin: Z95 * (self.probability * (1.0 - self.probability) / n as f64).sqrt(),
            probability_today: Proportion::new(count, n),
            levers: self.levers.iter().zip(found).map(|(lever, found)| self.lever_report(lever, found)).collect(),
        })
    }

    fn search_all(&self, control: &Control<'_>) -> Result<(Hits, Vec<Found>), SolveError> {
        let today = self.hits(&self.scenario, control)?;
        let mut found = Vec::with_capacity(self.levers.len());
        for lever in &self.levers {
            let spec = &lever.spec;
            // Today's run is the lever at today's value, when that is a fixed number in range.
            let known = lever
                .today
                .filter(|t| {
                    !t.uncertain
                        && (spec.low..=spec.high).contains(&t.value)
                        && (!spec.integer || t.value.fract() == 0.0)
                })
                .map(|t| vec![(t.value, today.clone())])
                .unwrap_or_default();
            let range = Range { low: spec.low, high: spec.high, integer: spec.integer };
            let n = self.scenario.trajectories();
            found.push(search(range, self.probability, n, MAX_EVALUATIONS, known, |x| {
                let scenario = self.at(spec, x)?;
                self.hits(&scenario, control)
            })?);
        }
        Ok((today, found))
    }

    /// The scenario with the lever at `x` (and the command line's overrides before it).
    fn at(&self, spec: &LeverSpec, x: f64) -> Result<Scenario, SolveError> {
        let value = VaryValue { toml: spec.toml(x), number: Some(x) };
        let vary = VarySpec { key: spec.key.clone(), values: vec![value] };
        // One spec with one value makes exactly one variant.
        let mut variants = load_variants(&self.file, &self.base, &[vary])?;
        variants.pop().map(|v| v.scenario).ok_or(SolveError::NoLever)
    }

    /// Which trajectories reach the target, simulated [`CHUNK`] at a time so that memory
    /// stays bounded whatever the number of trajectories (trajectory i depends only on
    /// the seed and i, so the chunks give the same trajectories as one run).
    fn hits(&self, scenario: &Scenario, control: &Control<'_>) -> Result<Hits, SolveError> {
        self.hits_in_chunks(scenario, control, CHUNK)
    }

    fn hits_in_chunks(&self, scenario: &Scenario, control: &Control<'_>, chunk: usize) -> Result<Hits, SolveError> {
        let n = scenario.trajectories();
        let mut reached = Vec::with_capacity(n);
        for first in (0..n).step_by(chunk) {
            let outcomes = simulate_range(scenario, first, chunk.min(n - first), control)?;
            reached.extend(self.goal.reached(&outcomes));
        }
        Ok(Hits::new(reached))
    }

    fn lever_report(&self, lever: &Lever, found: Found) -> LeverReport {
        let n = self.scenario.trajectories();
        let share =
            |hits: &Hits| Proportion::new(hits.count(), n).unwrap_or(Proportion { probability: 0.0, std_error: 0.0 });
        let at = |x: f64| found.points.iter().find(|(v, _)| *v == x).map(|(_, h)| share(h));
        let at_value = found.value.and_then(at);
        let end = |x: f64| at(x).map_or(0.0, |p| p.probability);
        let asked = self.probability;
        let reachable = match found.status {
            Status::Solved | Status::WholeRange => true,
            Status::NonMonotone => found.points.iter().any(|(_, h)| share(h).probability >= asked),
            Status::OutOfReach | Status::NoEffect => false,
        };
        let spec = &lever.spec;
        LeverReport {
            key: spec.key.clone(),
            name: key_words(&spec.key),
            status: found.status,
            value: found.value,
            interval: found.interval,
            interval_clipped: found.interval_clipped,
            probability_at_value: at_value.map(|p| p.probability),
            std_error: at_value.map(|p| p.std_error),
            direction: found.direction,
            reachable,
            evaluations: found.evaluations,
            converged: found.converged,
            integer: spec.integer,
            range: [spec.low, spec.high],
            probability_at_range: [end(spec.low), end(spec.high)],
            today: lever.today.map(|t| t.value),
            today_uncertain: lever.today.is_some_and(|t| t.uncertain),
            change: found.value.zip(lever.today).map(|(v, t)| v - t.value),
            points: found
                .points
                .iter()
                .map(|(x, h)| {
                    let p = share(h);
                    SolvePoint { value: *x, probability: p.probability, std_error: p.std_error }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn chunks_give_the_trajectories_of_one_run() {
        let text = "trajectories = 3000\nhorizon_months = 6\n[reseller]\ninitial_customers = { a = 5 }\n\
                    arrivals = 1.0\nchurn = 0.1\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n";
        let mut file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let levers = ["reseller.arrivals=0..3".to_string()];
        let solve = Solve::prepare(
            &crate::scenario::ScenarioFile::read(file.path()).unwrap(),
            &[],
            "active_customers >= 6 by 6",
            0.5,
            &levers,
        )
        .unwrap();
        let control = Control::default();
        let whole = solve.hits_in_chunks(&solve.scenario, &control, 3000).unwrap();
        let chunked = solve.hits_in_chunks(&solve.scenario, &control, 700).unwrap();
        assert_eq!(whole, chunked);
        assert!(whole.count() > 0 && whole.count() < 3000, "{whole:?}");
    }
}
