//! The results contract of `sidecast compare` (`compare.json`, `compare.csv`, tables and
//! charts): each variant's own summary and each non-baseline variant's paired difference
//! from the baseline, computed by `analysis::whatif::compare`.

use indexmap::IndexMap;
use serde::Serialize;

use super::MetricSummary;
use crate::metric::{Metric, SeriesKey};
use crate::text::calendar::Calendar;

/// Which direction of a metric counts as better in `prob_better`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

impl Better {
    /// Higher is better for money and customers; lower is better for hours worked and for
    /// the cost of goods (for the same revenue, less cost is better).
    pub fn of(metric: Metric) -> Self {
        match metric {
            Metric::Hours | Metric::CumulativeHours | Metric::Cogs => Better::Lower,
            _ => Better::Higher,
        }
    }
}

/// The paired difference of one metric, one value per month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferenceSummary {
    /// Mean of variant − baseline over trajectories where both are defined.
    pub mean: Vec<Option<f64>>,
    /// Its standard error from the paired differences.
    pub std_error: Vec<Option<f64>>,
    /// The standard error it would have if the runs were independent: √(se_a² + se_b²).
    pub std_error_unpaired: Vec<Option<f64>>,
    pub p5: Vec<Option<f64>>,
    /// The inner band, for charts and the CSV (not in `compare.json`, whose shape is fixed).
    #[serde(skip)]
    pub p25: Vec<Option<f64>>,
    pub p50: Vec<Option<f64>>,
    #[serde(skip)]
    pub p75: Vec<Option<f64>>,
    pub p95: Vec<Option<f64>>,
    /// Share of trajectories where the variant is strictly better (higher, or lower for
    /// hours and cost of goods; see [`Better`]). Ties are not better.
    pub prob_better: Vec<Option<f64>>,
    /// Share where the baseline is strictly better: with `prob_better`, who is ahead when
    /// futures can tie (not in `compare.json`, whose shape is fixed).
    #[serde(skip)]
    pub prob_worse: Vec<Option<f64>>,
}

impl DifferenceSummary {
    /// The standard-error ratio unpaired / paired in month `m` (0-based): how many times
    /// pairing tightened the difference. `None` when either is undefined or the paired one
    /// is zero.
    pub fn tightening(&self, m: usize) -> Option<f64> {
        let paired = self.std_error.get(m).copied().flatten()?;
        let unpaired = self.std_error_unpaired.get(m).copied().flatten()?;
        (paired > 0.0).then(|| unpaired / paired)
    }
}

#[cfg(test)]
impl DifferenceSummary {
    /// One month's difference with these statistics and every percentile 0 (for tests of
    /// the words said about it).
    /// The baseline is better in every other future (no ties).
    pub(crate) fn one_month(mean: f64, std_error: f64, std_error_unpaired: f64, prob_better: f64) -> Self {
        Self {
            mean: vec![Some(mean)],
            std_error: vec![Some(std_error)],
            std_error_unpaired: vec![Some(std_error_unpaired)],
            p5: vec![Some(0.0)],
            p25: vec![Some(0.0)],
            p50: vec![Some(0.0)],
            p75: vec![Some(0.0)],
            p95: vec![Some(0.0)],
            prob_better: vec![Some(prob_better)],
            prob_worse: vec![Some(1.0 - prob_better)],
        }
    }
}

/// One variant's own summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantReport {
    /// Plain words: "churn 10%" or the scenario's name.
    pub label: String,
    /// Same shape as `summary.json`'s `metrics`.
    pub metrics: IndexMap<SeriesKey, MetricSummary>,
}

/// One non-baseline variant against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferenceReport {
    pub label: String,
    pub baseline: String,
    pub metrics: IndexMap<SeriesKey, DifferenceSummary>,
}

/// Everything `sidecast compare` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    pub seed: u64,
    pub trajectories: usize,
    pub horizon_months: usize,
    /// Calendar month numbers of the simulated months (every variant's: they must agree).
    pub months: Vec<u32>,
    /// Their dates (`2026-07`), when the scenario gives `first_month` (docs/model.md §14).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<String>>,
    /// The dates of month numbers, for people's outputs.
    #[serde(skip)]
    pub calendar: Option<Calendar>,
    /// The baseline first.
    pub variants: Vec<VariantReport>,
    /// One per non-baseline variant, in the same order.
    pub differences: Vec<DifferenceReport>,
}
