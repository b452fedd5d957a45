//! The user's history against a simulation: where each actual falls among the simulated
//! trajectories of its month (its percentile rank), and the actuals as series for charts.
//!
//! Used by `sidecast run --actuals` to show whether the scenario's assumptions could have
//! produced the history (an actual at rank 0.01 or 0.99 is a warning sign).

use crate::actuals::{Column, History, MonthActuals};
use crate::engine::Outcomes;
use crate::metric::Metric;
use crate::report::actuals::{ActualsReport, BacktestPoint};
use crate::stats::percentile_rank;

/// The simulated metric an actuals column is compared with; `None` for the flows the
/// engine does not report as a metric yet (churned, reactivated, new subscribers,
/// cancelled): those columns are read and kept, and not compared.
pub fn simulated_metric(column: Column) -> Option<Metric> {
    match column {
        Column::Revenue => Some(Metric::Revenue),
        Column::Cogs => Some(Metric::Cogs),
        Column::GrossProfit => Some(Metric::GrossProfit),
        Column::Hours => Some(Metric::Hours),
        Column::Customers => Some(Metric::ActiveCustomers),
        Column::Commission => Some(Metric::CommissionEarned),
        Column::NewCustomers => Some(Metric::NewCustomers),
        Column::Subscribers => Some(Metric::Subscribers),
        Column::CommissionPaid => Some(Metric::CommissionPaid),
        Column::PayoutFees => Some(Metric::PayoutFees),
        Column::Churned | Column::Reactivated | Column::NewSubscribers | Column::Cancelled => None,
    }
}

/// The actual value of a month in the simulated metric's terms.
pub fn actual_value(month: &MonthActuals, column: Column) -> Option<f64> {
    match column {
        // The simulated gross profit includes commission earned; a month without its own
        // gross profit has none to compare (its commission alone is not the month's).
        Column::GrossProfit => month.gross_profit.map(|g| g + month.commission.unwrap_or(0.0)),
        other => month.get(other),
    }
}

/// Every actual value by simulated metric: (calendar month, value), for charts; with the
/// effective hourly rate of the months that record both earnings and hours (as the
/// history defines it, docs/model.md §5.3).
pub fn actual_series(history: &History) -> Vec<(Metric, Vec<(u32, f64)>)> {
    let months = history.months();
    let mut out: Vec<_> = history
        .columns()
        .iter()
        .filter_map(|&c| {
            let series = months.iter().filter_map(|m| Some((m.month, actual_value(m, c)?))).collect();
            Some((simulated_metric(c)?, series))
        })
        .collect();
    let rates: Vec<(u32, f64)> = months.iter().filter_map(|m| Some((m.month, m.hourly_rate()?))).collect();
    if !rates.is_empty() {
        out.push((Metric::HourlyRate, rates));
    }
    out
}

/// The history's report without a backtest (a streaming run keeps no trajectories).
pub fn summary_only(history: &History, file: &str) -> ActualsReport {
    ActualsReport { file: file.to_string(), summary: history.summary(), backtest: Vec::new() }
}

/// Compares each actual in a simulated month (calendar months from `first_month`).
pub fn backtest(history: &History, file: &str, outcomes: &Outcomes, first_month: u32) -> ActualsReport {
    let mut points = Vec::new();
    for m in history.months() {
        let Some(index) = m.month.checked_sub(first_month).map(|i| i as usize).filter(|&i| i < outcomes.horizon())
        else {
            continue;
        };
        for &column in history.columns() {
            let (Some(value), Some(metric)) = (actual_value(m, column), simulated_metric(column)) else { continue };
            let samples: Vec<f64> = outcomes.values(metric, index).into_iter().flatten().collect();
            points.push(BacktestPoint {
                metric,
                month: m.month,
                actual: value,
                percentile_rank: percentile_rank(value, &samples),
            });
        }
    }
    ActualsReport { file: file.to_string(), summary: history.summary(), backtest: points }
}
