//! Which metrics a table or a page shows about a run: the headline rows, read from the
//! report's metrics (net profit first when there are costs, a stream's metrics only when
//! the run has that stream). One list for the terminal, `summary.md`, `report.html` and
//! the answer's sentences, in its own file so each of them can use it without using the
//! others.

use indexmap::IndexMap;

use crate::metric::{Metric, SeriesKey};
use crate::report::MetricSummary;

/// Metrics worth a row: a stream's metrics only when the run has that stream; with costs,
/// net profit first and the net hourly rate beside the gross one.
pub fn headline_metrics(metrics: &IndexMap<SeriesKey, MetricSummary>) -> Vec<Metric> {
    let has = |m: Metric| metrics.get(&SeriesKey::from(m)).is_some_and(|s| s.mean.iter().flatten().any(|v| *v != 0.0));
    let costs = [Metric::PaymentFees, Metric::PayoutFees, Metric::Costs, Metric::Tax].into_iter().any(has);
    let mut out = Vec::new();
    if costs {
        out.extend([Metric::NetProfit, Metric::CumulativeNetProfit]);
    }
    if has(Metric::ActiveCustomers) || has(Metric::Revenue) {
        out.extend([Metric::ActiveCustomers, Metric::Revenue]);
    }
    if has(Metric::Subscribers) || has(Metric::CommissionEarned) {
        out.extend([Metric::Subscribers, Metric::CommissionEarned]);
    }
    out.extend([Metric::GrossProfit, Metric::CumulativeGrossProfit, Metric::Hours, Metric::HourlyRate]);
    if costs {
        out.push(Metric::NetHourlyRate);
    }
    out
}
