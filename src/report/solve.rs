//! The results contract of `sidecast solve` (`solve.json`, `solve.csv`, `solve.md`, the
//! table and one chart per lever): for each lever, the value at which the probability of a
//! target reaches the probability asked for, with its interval from the Monte Carlo error,
//! computed by `analysis::solve`.

use serde::Serialize;

use crate::metric::Metric;
use crate::stats::Proportion;

/// When the target counts as reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// In that calendar month.
    In,
    /// In at least one month from the first simulated month up to and including it.
    By,
}

/// The target: `METRIC >= AMOUNT in|by MONTH`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSpec {
    /// Metric key, as in `summary.json`.
    pub metric: Metric,
    pub at_least: f64,
    pub when: When,
    /// Calendar month number, as the scenario numbers months.
    pub month: u32,
}

/// Which way a lever moves the probability of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More of it raises the probability (arrivals, markup): the answer is a smallest value.
    Helps,
    /// More of it lowers the probability (churn): the answer is a largest value.
    Hurts,
    /// The probability is the same at both ends of the range.
    None,
}

/// What the search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The probability crosses the one asked for inside the range.
    Solved,
    /// Even the least favourable end of the range reaches it: the answer lies at or beyond
    /// that end.
    WholeRange,
    /// Even the most favourable end of the range falls short.
    OutOfReach,
    /// The probability does not move with this lever (the same at both ends and inside).
    NoEffect,
    /// Evaluations inside the range contradict the ends: the probability rises and falls.
    NonMonotone,
}

/// P(target) at one evaluated value of a lever.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SolvePoint {
    pub value: f64,
    /// The share of trajectories reaching the target, with its binomial standard error.
    pub probability: f64,
    pub std_error: f64,
}

/// The answer for one lever, solved with every other lever at the scenario's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeverReport {
    /// Dotted scenario key.
    pub key: String,
    /// In plain words: "arrivals", "markup starter".
    pub name: String,
    pub status: Status,
    /// The smallest value (a helping lever) or the largest (a hurting one) at which the
    /// estimated P(target) reaches the probability asked for, among the values evaluated;
    /// for `whole_range`, the least favourable end. `None` otherwise.
    pub value: Option<f64>,
    /// The lever values where P's 95% interval contains the probability asked for,
    /// rounded outward to evaluated values; `None` unless solved.
    pub interval: Option<[f64; 2]>,
    /// Whether each end of the interval stopped at the end of the range (the interval may
    /// extend beyond it).
    pub interval_clipped: [bool; 2],
    /// The estimated P(target) at `value`, and its standard error.
    pub probability_at_value: Option<f64>,
    pub std_error: Option<f64>,
    pub direction: Direction,
    /// Whether some value in the range reaches the probability asked for.
    pub reachable: bool,
    /// Simulations of the scenario's trajectories run for this lever.
    pub evaluations: usize,
    /// Whether the search reached its precision within its budget of simulations.
    pub converged: bool,
    /// Whether the lever takes whole numbers only (counts).
    pub integer: bool,
    /// The range searched, as given (low, high).
    pub range: [f64; 2],
    /// P(target) at the low and at the high end of the range.
    pub probability_at_range: [f64; 2],
    /// The scenario's own value (the mean of its distribution when `today_uncertain`);
    /// `None` when it cannot be read as a number.
    pub today: Option<f64>,
    pub today_uncertain: bool,
    /// `value − today`, when both are known.
    pub change: Option<f64>,
    /// Every evaluated value, in increasing order of the lever.
    pub points: Vec<SolvePoint>,
}

/// Everything `sidecast solve` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolveReport {
    /// The scenario's name.
    pub scenario: String,
    pub seed: u64,
    pub trajectories: usize,
    pub horizon_months: usize,
    pub target: TargetSpec,
    /// The probability asked for.
    pub probability: f64,
    /// Half the width of P's 95% interval at the probability asked for:
    /// 1.96·√(q(1 − q)/n). The interval of a lever is where P̂ lies within q ± this.
    pub margin: f64,
    /// P(target) of the scenario as it is (with `--set`), every lever at its own value.
    pub probability_today: Option<Proportion>,
    pub levers: Vec<LeverReport>,
}
