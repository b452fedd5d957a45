//! The user's history in a run's report: its totals, and where each actual falls among the
//! simulated trajectories of its month (computed by `analysis::backtest`).

use serde::Serialize;

use crate::actuals::HistorySummary;
use crate::metric::Metric;

/// Where one actual falls among the simulated values of the same month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestPoint {
    pub metric: Metric,
    pub month: u32,
    pub actual: f64,
    /// Fraction of trajectories below the actual (ties count half).
    pub percentile_rank: Option<f64>,
}

/// The history and how it compares with the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActualsReport {
    pub file: String,
    pub summary: HistorySummary,
    /// One point per actual in a simulated month; empty when the history precedes the run.
    pub backtest: Vec<BacktestPoint>,
}
