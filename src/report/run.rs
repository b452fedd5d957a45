//! The results contract of `sidecast run`: [`RunReport`] holds every number that any output
//! (terminal table, JSON, CSV, Markdown, charts) shows. It is computed once, by
//! `summarize`; presentation reads it and never recomputes statistics.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use super::actuals::ActualsReport;
use super::waterfall::Waterfall;
use crate::metric::{Metric, SeriesKey};
use crate::stats::{Percentile, Proportion};
use crate::text::calendar::Calendar;

/// One metric over the horizon: one value per month in every array.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSummary {
    pub mean: Vec<Option<f64>>,
    pub std_error: Vec<Option<f64>>,
    /// One series per percentile level, keyed `p5`, `p25`, ...
    #[serde(flatten)]
    pub percentiles: IndexMap<Percentile, Vec<Option<f64>>>,
    /// How many trajectories had a defined value each month (less than all only for
    /// hourly rates in months with zero hours).
    pub defined: Vec<usize>,
}

impl MetricSummary {
    /// The series of one percentile level.
    pub fn percentile(&self, level: Percentile) -> Option<&[Option<f64>]> {
        self.percentiles.get(&level).map(Vec::as_slice)
    }

    /// One percentile level in one month (0-based), if defined.
    pub fn at(&self, level: Percentile, month: usize) -> Option<f64> {
        self.percentile(level).and_then(|s| s.get(month).copied().flatten())
    }
}

/// Distribution of the (calendar) month something first happens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstMonth {
    /// The first and last calendar month searched: the whole simulation.
    pub months: [u32; 2],
    /// Share of trajectories where it happens within those months.
    pub reached: Option<Proportion>,
    /// Percentiles of the calendar month among those trajectories (type 1, so whole months).
    pub percentiles: IndexMap<Percentile, Option<f64>>,
}

impl FirstMonth {
    /// The median month, if any trajectory reached it.
    pub fn median(&self) -> Option<f64> {
        self.percentiles.get(&Percentile::P50).copied().flatten()
    }
}

/// A target's probabilities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetReport {
    pub metric: SeriesKey,
    pub at_least: f64,
    /// The calendar month asked about.
    pub month: u32,
    /// Its date (`2026-12`), when the scenario gives `first_month` (docs/model.md §14).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// P(metric ≥ at_least in that month).
    pub probability_at_month: Option<Proportion>,
    /// P(metric ≥ at_least in any month up to and including that month).
    pub probability_by_month: Option<Proportion>,
    /// When the target is first reached, within the horizon.
    pub first_month: FirstMonth,
}

/// How the percentiles were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentileMethod {
    /// Type-1 percentiles of every trajectory.
    Exact,
    /// From mergeable histograms (runs above the exact-storage limit).
    Approximate,
}

impl PercentileMethod {
    pub fn describe(self) -> &'static str {
        match self {
            PercentileMethod::Exact => "exact",
            PercentileMethod::Approximate => "approximate (relative error ≤ 0.5%)",
        }
    }
}

impl Serialize for PercentileMethod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.describe())
    }
}

/// Everything `sidecast run` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    pub scenario: String,
    pub source: String,
    pub seed: u64,
    pub trajectories: usize,
    pub horizon_months: usize,
    /// Calendar month numbers of the simulated months.
    pub months: Vec<u32>,
    /// Their dates (`2026-07`), when the scenario gives `first_month` (docs/model.md §14).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<String>>,
    /// The dates of month numbers, for people's outputs (see [`RunReport::with_calendar`]).
    #[serde(skip)]
    pub calendar: Option<Calendar>,
    pub percentile_method: PercentileMethod,
    /// Monte Carlo precision of the horizon's cumulative gross profit.
    pub precision: Precision,
    pub metrics: IndexMap<SeriesKey, MetricSummary>,
    pub targets: Vec<TargetReport>,
    /// When the first affiliate payout's cash arrives (any programme).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_payout: Option<FirstMonth>,
    /// The same for each named programme.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub first_payout_by_programme: IndexMap<String, FirstMonth>,
    /// The user's history and where it falls in the simulation (`run --actuals`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actuals: Option<ActualsReport>,
    /// Where one month's money goes, from the means (the last month unless asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waterfall: Option<Waterfall>,
}

impl RunReport {
    /// The report with its months dated by `calendar` (docs/model.md §14): `dates` beside
    /// `months`, each target's `date`; without a calendar, nothing changes.
    pub fn with_calendar(mut self, calendar: Option<Calendar>) -> Self {
        self.calendar = calendar;
        let date = |m: u32| calendar.and_then(|c| c.date(m)).map(|d| d.to_string());
        self.dates = calendar.map(|_| self.months.iter().map(|&m| date(m).unwrap_or_default()).collect());
        for target in &mut self.targets {
            target.date = date(target.month);
        }
        self
    }

    /// A month number as people read it: `Jul 2026` with a calendar, else `month 7`.
    pub fn month_label(&self, month: u32) -> String {
        self.calendar.map_or_else(|| format!("month {month}"), |c| c.label(month))
    }

    /// The summary of a whole-business metric.
    pub fn metric(&self, metric: Metric) -> Option<&MetricSummary> {
        self.metrics.get(&SeriesKey::from(metric))
    }

    /// The summary of a series by its key as written in files (`active_customers.starter`).
    pub fn series(&self, key: &str) -> Option<&MetricSummary> {
        self.metrics.iter().find(|(k, _)| k.to_string() == key).map(|(_, v)| v)
    }
}

/// How precisely the run pins down the horizon's cumulative gross profit: the mean and the
/// median with their Monte Carlo standard errors (computed by `summarize::precision`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Precision {
    pub metric: Metric,
    /// The calendar month (the last simulated one).
    pub month: u32,
    pub mean: Option<f64>,
    pub mean_std_error: Option<f64>,
    pub median: Option<f64>,
    pub median_std_error: Option<f64>,
    /// The `--precision` asked for (largest standard error as a fraction of the value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_relative_error: Option<f64>,
}

impl Precision {
    /// The larger of the two standard errors as a fraction of its value (`None` if undefined).
    /// A standard error of 0 is an exact answer, 0 whatever the value (an answer of exactly
    /// $0 in every future kept `--precision` running to its time limit).
    pub fn relative_error(&self) -> Option<f64> {
        let relative = |se: f64, value: f64| if se == 0.0 { 0.0 } else { se / value.abs() };
        let mean = relative(self.mean_std_error?, self.mean?);
        let median = relative(self.median_std_error?, self.median?);
        let worst = mean.max(median);
        worst.is_finite().then_some(worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn precision(mean: f64, mean_se: f64, median: f64, median_se: f64) -> Precision {
        Precision {
            metric: Metric::CumulativeNetProfit,
            month: 24,
            mean: Some(mean),
            mean_std_error: Some(mean_se),
            median: Some(median),
            median_std_error: Some(median_se),
            target_relative_error: None,
        }
    }

    #[test]
    fn an_exact_answer_has_no_relative_error_even_at_zero() {
        assert_eq!(precision(0.0, 0.0, 0.0, 0.0).relative_error(), Some(0.0), "$0 in every future is exact");
        assert_eq!(precision(100.0, 2.0, 50.0, 2.0).relative_error(), Some(0.04), "the larger of the two");
        assert_eq!(precision(0.0, 1.0, 5.0, 0.1).relative_error(), None, "a mean of 0 with an error is undefined");
    }
}
