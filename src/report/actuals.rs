//! The user's history in a run's report: its totals, and where each actual falls among the
//! simulated trajectories of its month (computed by `analysis::inference::backtest`).

use serde::Serialize;

use crate::actuals::HistorySummary;
use crate::metric::{Metric, Unit};
use crate::text::number::value;

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

impl ActualsReport {
    /// The history's totals in words ("revenue $13,195", ..., "effective hourly rate
    /// $49.80/h"), for the terminal and the pages alike.
    pub fn totals(&self) -> Vec<String> {
        let s = &self.summary;
        let mut parts: Vec<String> = [
            ("revenue", s.revenue, Unit::Dollars),
            ("COGS", s.cogs, Unit::Dollars),
            ("gross profit", s.gross_profit, Unit::Dollars),
            ("commission", s.commission, Unit::Dollars),
            ("hours", s.hours, Unit::Hours),
        ]
        .into_iter()
        .filter(|(_, v, _)| v.is_some())
        .map(|(label, v, unit)| format!("{label} {}", value(v, unit)))
        .collect();
        parts.push(format!("effective hourly rate {}", value(s.hourly_rate, Unit::DollarsPerHour)));
        parts
    }
}
