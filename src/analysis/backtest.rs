//! Where an actual value falls within a simulated distribution: its percentile rank.
//!
//! Used by `sidecast run --actuals` to show whether the scenario's assumptions could have
//! produced the history (an actual at rank 0.01 or 0.99 is a warning sign).

/// The mid-rank percentile of `value` among `samples` (in any order), as a fraction in
/// [0, 1]: (number of samples below `value` + half the number equal to it) / n.
///
/// So a value above every sample has rank 1, below every sample 0, and a value equal to the
/// median of a continuous sample about 0.5; ties count half, which keeps the rank unbiased
/// for discrete metrics such as customer counts. NaN samples are ignored. Returns `None`
/// (undefined) when `value` is NaN or there are no non-NaN samples.
pub fn percentile_rank(value: f64, samples: &[f64]) -> Option<f64> {
    if value.is_nan() {
        return None;
    }
    let (mut below, mut equal, mut n) = (0usize, 0usize, 0usize);
    for &s in samples.iter().filter(|s| !s.is_nan()) {
        n += 1;
        if s < value {
            below += 1;
        } else if s == value {
            equal += 1;
        }
    }
    (n > 0).then(|| (below as f64 + 0.5 * equal as f64) / n as f64)
}

use serde::Serialize;

use crate::engine::Outcomes;
use crate::history::{self, History, HistorySummary};
use crate::metric::Metric;
use crate::report::metric_values;

/// The simulated metric an actuals column is compared with, and the actual value of a month.
pub fn simulated_metric(column: history::Metric) -> Metric {
    match column {
        history::Metric::Revenue => Metric::Revenue,
        history::Metric::Cogs => Metric::Cogs,
        history::Metric::GrossProfit => Metric::GrossProfit,
        history::Metric::Hours => Metric::Hours,
        history::Metric::Customers => Metric::ActiveCustomers,
        history::Metric::Commission => Metric::CommissionEarned,
    }
}

fn actual(month: &history::MonthActuals, column: history::Metric) -> Option<f64> {
    match column {
        // The simulated gross profit includes commission earned.
        history::Metric::GrossProfit => month.earnings(),
        other => month.get(other),
    }
}

/// Every actual value by simulated metric: (calendar month, value), for charts.
pub fn actual_series(history: &History) -> Vec<(Metric, Vec<(u32, f64)>)> {
    history
        .columns()
        .iter()
        .map(|&c| {
            (simulated_metric(c), history.months().iter().filter_map(|m| Some((m.month, actual(m, c)?))).collect())
        })
        .collect()
}

/// Where one actual falls among the simulated values of the same month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestPoint {
    pub metric: String,
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

/// Compares each actual in a simulated month (calendar months from `first_month`).
pub fn backtest(history: &History, file: &str, outcomes: &Outcomes, first_month: u32) -> ActualsReport {
    let mut points = Vec::new();
    for m in history.months() {
        let Some(index) = m.month.checked_sub(first_month).map(|i| i as usize).filter(|&i| i < outcomes.horizon())
        else {
            continue;
        };
        for &column in history.columns() {
            let Some(value) = actual(m, column) else { continue };
            let metric = simulated_metric(column);
            let samples: Vec<f64> = metric_values(outcomes, metric, index).into_iter().flatten().collect();
            points.push(BacktestPoint {
                metric: metric.key().to_string(),
                month: m.month,
                actual: value,
                percentile_rank: percentile_rank(value, &samples),
            });
        }
    }
    ActualsReport { file: file.to_string(), summary: history.summary(), backtest: points }
}

#[cfg(test)]
mod tests {
    use super::percentile_rank;

    #[test]
    fn ranks_with_mid_rank_ties() {
        let samples = [5.0, 1.0, 3.0, 3.0, 2.0, 4.0, 3.0, 0.0];
        assert_eq!(percentile_rank(3.0, &samples), Some((3.0 + 1.5) / 8.0));
        assert_eq!(percentile_rank(-1.0, &samples), Some(0.0));
        assert_eq!(percentile_rank(9.0, &samples), Some(1.0));
        assert_eq!(percentile_rank(2.5, &samples), Some(3.0 / 8.0));
    }

    #[test]
    fn undefined_cases_are_none_and_nan_samples_are_ignored() {
        assert_eq!(percentile_rank(1.0, &[]), None);
        assert_eq!(percentile_rank(f64::NAN, &[1.0]), None);
        assert_eq!(percentile_rank(1.0, &[f64::NAN]), None);
        assert_eq!(percentile_rank(2.0, &[1.0, f64::NAN, 3.0]), Some(0.5));
    }

    #[test]
    fn all_equal_samples_put_an_equal_value_in_the_middle() {
        assert_eq!(percentile_rank(7.0, &[7.0; 10]), Some(0.5));
    }
}
