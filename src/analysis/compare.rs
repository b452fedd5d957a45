//! Paired comparison of variants run with common random numbers: for each metric and month,
//! the per-trajectory difference variant − baseline, its mean with the paired standard
//! error (and, for contrast, the unpaired one, √(se_a² + se_b²)), its p5/p50/p95, and the
//! share of trajectories where the variant does better.
//!
//! Differences are taken trajectory by trajectory, never as differences of percentiles.
//! Pure: outcomes in, numbers out. [`CompareReport`] is the results contract of
//! `sidecast compare` (`compare.json`, `compare.csv`, tables and charts).

use indexmap::IndexMap;
use serde::Serialize;

use crate::engine::Outcomes;
use crate::metric::Metric;
use crate::report::{MetricSummary, metric_values};
use crate::stats::{Percentile, mean_estimate, percentiles};

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

/// One month's paired difference between two aligned series (`None` = undefined there).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthDifference {
    pub mean: Option<f64>,
    pub std_error: Option<f64>,
    pub std_error_unpaired: Option<f64>,
    pub p5: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub p95: Option<f64>,
    pub prob_better: Option<f64>,
}

/// The paired difference `variant[i] − baseline[i]` of two series aligned by trajectory.
/// Pairs where either side is undefined are left out; the unpaired standard error uses
/// each side's own defined values.
pub fn month_difference(baseline: &[Option<f64>], variant: &[Option<f64>], better: Better) -> MonthDifference {
    let mut differences: Vec<f64> = baseline.iter().zip(variant).filter_map(|(a, b)| Some((*b)? - (*a)?)).collect();
    let a: Vec<f64> = baseline.iter().flatten().copied().collect();
    let b: Vec<f64> = variant.iter().flatten().copied().collect();
    let paired = mean_estimate(&differences);
    let (se_a, se_b) = (mean_estimate(&a).std_error, mean_estimate(&b).std_error);
    let std_error_unpaired = se_a.zip(se_b).map(|(x, y)| x.hypot(y));
    let better_count = differences
        .iter()
        .filter(|d| match better {
            Better::Higher => **d > 0.0,
            Better::Lower => **d < 0.0,
        })
        .count();
    let prob_better = (!differences.is_empty()).then(|| better_count as f64 / differences.len() as f64);
    let q = percentiles(&mut differences, &Percentile::DEFAULT);
    MonthDifference {
        mean: paired.mean,
        std_error: paired.std_error,
        std_error_unpaired,
        p5: q[0],
        p25: q[1],
        p50: q[2],
        p75: q[3],
        p95: q[4],
        prob_better,
    }
}

/// The paired difference of one metric over every month.
pub fn difference(baseline: &Outcomes, variant: &Outcomes, metric: Metric) -> DifferenceSummary {
    let months = baseline.horizon().min(variant.horizon());
    let per_month: Vec<MonthDifference> = (0..months)
        .map(|m| {
            month_difference(
                &metric_values(baseline, metric, m),
                &metric_values(variant, metric, m),
                Better::of(metric),
            )
        })
        .collect();
    let series = |f: fn(&MonthDifference) -> Option<f64>| per_month.iter().map(f).collect();
    DifferenceSummary {
        mean: series(|d| d.mean),
        std_error: series(|d| d.std_error),
        std_error_unpaired: series(|d| d.std_error_unpaired),
        p5: series(|d| d.p5),
        p25: series(|d| d.p25),
        p50: series(|d| d.p50),
        p75: series(|d| d.p75),
        p95: series(|d| d.p95),
        prob_better: series(|d| d.prob_better),
    }
}

/// Paired differences of every metric, keyed as in `summary.json`. Both runs must have
/// the same trajectories (a comparison always runs them so); extra ones are ignored.
pub fn differences(baseline: &Outcomes, variant: &Outcomes) -> IndexMap<String, DifferenceSummary> {
    Metric::ALL.iter().map(|&m| (m.key().to_string(), difference(baseline, variant, m))).collect()
}

/// One variant's own summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantReport {
    /// Plain words: "churn 10%" or the scenario's name.
    pub label: String,
    /// Same shape as `summary.json`'s `metrics`.
    pub metrics: IndexMap<String, MetricSummary>,
}

/// One non-baseline variant against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferenceReport {
    pub label: String,
    pub baseline: String,
    pub metrics: IndexMap<String, DifferenceSummary>,
}

/// Everything `sidecast compare` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    pub seed: u64,
    pub trajectories: usize,
    pub horizon_months: usize,
    /// Calendar month numbers of the simulated months (the baseline's).
    #[serde(skip)]
    pub months: Vec<u32>,
    /// The baseline first.
    pub variants: Vec<VariantReport>,
    /// One per non-baseline variant, in the same order.
    pub differences: Vec<DifferenceReport>,
}

/// Long-format CSV: `variant,metric,month,statistic,value`. Each variant's own statistics
/// (`mean`, `std_error`, `p5`, ...) come first; then its paired difference against the
/// baseline as `difference_mean`, `difference_std_error`, `difference_std_error_unpaired`,
/// `difference_p5` ... `difference_p95` (p5, p25, p50, p75, p95) and `prob_better`. Full precision;
/// undefined values are empty cells.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn compare_csv(report: &CompareReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["variant", "metric", "month", "statistic", "value"])?;
    let mut rows = |variant: &str, metric: &str, statistic: &str, values: &[Option<f64>]| {
        for (month, value) in report.months.iter().zip(values) {
            let value = value.map_or_else(String::new, |v| v.to_string());
            w.write_record([variant, metric, &month.to_string(), statistic, &value])?;
        }
        Ok::<(), csv::Error>(())
    };
    for variant in &report.variants {
        for (metric, s) in &variant.metrics {
            rows(&variant.label, metric, "mean", &s.mean)?;
            rows(&variant.label, metric, "std_error", &s.std_error)?;
            for (level, values) in &s.percentiles {
                rows(&variant.label, metric, level, values)?;
            }
        }
        let Some(difference) = report.differences.iter().find(|d| d.label == variant.label) else {
            continue;
        };
        for (metric, d) in &difference.metrics {
            let series = [
                ("difference_mean", &d.mean),
                ("difference_std_error", &d.std_error),
                ("difference_std_error_unpaired", &d.std_error_unpaired),
                ("difference_p5", &d.p5),
                ("difference_p25", &d.p25),
                ("difference_p50", &d.p50),
                ("difference_p75", &d.p75),
                ("difference_p95", &d.p95),
                ("prob_better", &d.prob_better),
            ];
            for (statistic, values) in series {
                rows(&difference.label, metric, statistic, values)?;
            }
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(v: &[f64]) -> Vec<Option<f64>> {
        v.iter().copied().map(Some).collect()
    }

    #[test]
    fn paired_difference_of_correlated_series_is_tight() {
        // b = a + 1 exactly: every difference is 1, so the paired SE is 0 while the
        // unpaired one is as large as the spread of a.
        let a: Vec<f64> = (0..100).map(f64::from).collect();
        let b: Vec<f64> = a.iter().map(|x| x + 1.0).collect();
        let d = month_difference(&some(&a), &some(&b), Better::Higher);
        assert_eq!(d.mean, Some(1.0));
        assert_eq!(d.std_error, Some(0.0));
        let se_a = mean_estimate(&a).std_error.unwrap();
        assert!((d.std_error_unpaired.unwrap() - se_a * 2f64.sqrt()).abs() < 1e-12);
        assert_eq!((d.p5, d.p50, d.p95), (Some(1.0), Some(1.0), Some(1.0)));
        assert_eq!(d.prob_better, Some(1.0));
        assert_eq!(month_difference(&some(&a), &some(&b), Better::Lower).prob_better, Some(0.0));
    }

    #[test]
    fn differences_are_per_trajectory_not_of_percentiles() {
        // Same distribution, opposite order: percentiles agree, every pair differs.
        let a = some(&[1.0, 2.0, 3.0, 4.0]);
        let b = some(&[4.0, 3.0, 2.0, 1.0]);
        let d = month_difference(&a, &b, Better::Higher);
        assert_eq!(d.mean, Some(0.0));
        assert_eq!((d.p5, d.p95), (Some(-3.0), Some(3.0)));
        assert_eq!(d.prob_better, Some(0.5));
    }

    #[test]
    fn undefined_values_are_left_out_and_ties_are_not_better() {
        let a = vec![Some(1.0), None, Some(3.0), Some(5.0)];
        let b = vec![Some(1.0), Some(9.0), None, Some(6.0)];
        let d = month_difference(&a, &b, Better::Higher);
        assert_eq!(d.mean, Some(0.5)); // pairs: (1, 1) and (5, 6)
        assert_eq!(d.prob_better, Some(0.5));
        let none = month_difference(&[None, None], &[Some(1.0), None], Better::Higher);
        assert_eq!((none.mean, none.prob_better, none.std_error_unpaired), (None, None, None));
    }

    #[test]
    fn direction_of_better() {
        assert_eq!(Better::of(Metric::Hours), Better::Lower);
        assert_eq!(Better::of(Metric::Cogs), Better::Lower);
        assert_eq!(Better::of(Metric::CumulativeGrossProfit), Better::Higher);
        assert_eq!(Better::of(Metric::ActiveCustomers), Better::Higher);
        assert_eq!(Better::of(Metric::HourlyRate), Better::Higher);
    }
}
