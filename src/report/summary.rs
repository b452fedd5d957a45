//! The results contract of `sidecast run`: [`RunReport`] holds every number that any output
//! (terminal table, JSON, CSV, Markdown, charts) shows, computed once from the engine's
//! outcomes. Presentation never recomputes statistics.

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{Layout, Outcomes, Row};
use crate::metric::Metric;
use crate::scenario::{Scenario, Target};
use crate::stats::{
    MeanEstimate, Percentile, Proportion, mean_estimate, percentiles, summarize_chunks, summarize_column,
    summarize_zeros,
};

/// One metric over the horizon: one value per month in every array.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSummary {
    pub mean: Vec<Option<f64>>,
    pub std_error: Vec<Option<f64>>,
    /// Keyed `p5`, `p25`, ...
    #[serde(flatten)]
    pub percentiles: IndexMap<String, Vec<Option<f64>>>,
    /// How many trajectories had a defined value each month (less than all only for
    /// hourly rates in months with zero hours).
    pub defined: Vec<usize>,
}

impl MetricSummary {
    /// The series of one percentile level.
    pub fn percentile(&self, level: Percentile) -> Option<&[Option<f64>]> {
        self.percentiles.get(&level.to_string()).map(Vec::as_slice)
    }
}

/// Distribution of the month something first happens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstMonth {
    /// Share of trajectories where it happens within the horizon.
    pub reached: Option<Proportion>,
    /// Percentiles of the month among those trajectories (type 1, so whole months).
    pub percentiles: IndexMap<String, Option<f64>>,
}

/// A target's probabilities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetReport {
    pub metric: String,
    pub at_least: f64,
    /// The month asked about (1-based within the horizon).
    pub month: usize,
    /// P(metric ≥ at_least in that month).
    pub probability_at_month: Option<Proportion>,
    /// P(metric ≥ at_least in any month up to and including that month).
    pub probability_by_month: Option<Proportion>,
    /// When the target is first reached, within the horizon.
    pub first_month: FirstMonth,
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
    /// "exact" (type-1 percentiles of all trajectories) or "approximate (relative error ≤
    /// 0.5%)" (runs above the exact-storage limit, from mergeable histograms).
    pub percentile_method: String,
    /// Monte Carlo precision of the horizon's cumulative gross profit.
    pub precision: Precision,
    pub metrics: IndexMap<String, MetricSummary>,
    pub targets: Vec<TargetReport>,
    /// When the affiliate balance first reaches the payout threshold and is paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_payout: Option<FirstMonth>,
    /// The user's history and where it falls in the simulation (`run --actuals`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actuals: Option<crate::analysis::backtest::ActualsReport>,
}

/// How precisely the run pins down the horizon's cumulative gross profit: the mean and the
/// median with their Monte Carlo standard errors.
///
/// The median's standard error comes from the distribution-free 95% interval of the median,
/// the order statistics at ranks n/2 ∓ 0.98·√n (binomial, normal approximation): its width
/// divided by 3.92. Where both ranks read the same value (ties), or, from a streaming
/// histogram, values less than 16 buckets apart, the ranks move apart to n/2 ∓ k·√n, k = 2,
/// 4, 8, ..., until they do, and the width is divided by 4k: the same local-density estimate
/// over a window wide enough for the histogram's resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Precision {
    pub metric: String,
    /// 1-based month (the horizon).
    pub month: usize,
    pub mean: Option<f64>,
    pub mean_std_error: Option<f64>,
    pub median: Option<f64>,
    pub median_std_error: Option<f64>,
    /// The `--precision` asked for (largest standard error as a fraction of the value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_relative_error: Option<f64>,
}

impl Precision {
    /// From the mean estimate and a way to read the value at a 0-based rank of `n` sorted
    /// values, exact (`resolution` 0) or within a relative `resolution` (a histogram).
    pub fn new(month: usize, mean: &MeanEstimate, resolution: f64, value_at: impl Fn(usize) -> Option<f64>) -> Self {
        let n = mean.n;
        let (median, median_std_error) = if n == 0 {
            (None, None)
        } else {
            let median = value_at(Percentile::P50.type1_index(n));
            let coarse = 16.0 * resolution * median.unwrap_or(0.0).abs();
            let se = (n > 1).then(|| median_std_error(n, coarse, &value_at)).flatten();
            (median, se)
        };
        Self {
            metric: Metric::CumulativeGrossProfit.key().to_string(),
            month,
            mean: mean.mean,
            mean_std_error: mean.std_error,
            median,
            median_std_error,
            target_relative_error: None,
        }
    }

    /// The larger of the two standard errors as a fraction of its value (`None` if undefined).
    pub fn relative_error(&self) -> Option<f64> {
        let mean = self.mean_std_error? / self.mean?.abs();
        let median = self.median_std_error? / self.median?.abs();
        let worst = mean.max(median);
        worst.is_finite().then_some(worst)
    }
}

/// See [`Precision`]: the order-statistic interval of the median, widened past ties.
fn median_std_error(n: usize, coarse: f64, value_at: &impl Fn(usize) -> Option<f64>) -> Option<f64> {
    let root = (n as f64).sqrt();
    let mut k = 0.98;
    loop {
        let half = k * root;
        let lower = (n as f64 / 2.0 - half).floor().max(0.0) as usize;
        let upper = ((n as f64 / 2.0 + half).ceil() as usize).min(n - 1);
        let width = value_at(upper)? - value_at(lower)?;
        if (width > 0.0 && width >= coarse) || (lower == 0 && upper == n - 1) {
            return Some(width / (4.0 * k));
        }
        k = if k < 2.0 { 2.0 } else { 2.0 * k };
    }
}

/// The precision of stored outcomes (exact order statistics).
pub fn precision(outcomes: &Outcomes) -> Precision {
    let row = Layout::metric_row(Metric::CumulativeGrossProfit).unwrap_or(0);
    let month = outcomes.horizon();
    let values = if month == 0 { Vec::new() } else { outcomes.column(row, month - 1) };
    precision_of_column(month, values)
}

/// The precision of the horizon's cumulative gross profit from all its values.
pub fn precision_of_column(month: usize, mut values: Vec<f64>) -> Precision {
    let estimate = mean_estimate(&values);
    values.sort_unstable_by(f64::total_cmp);
    Precision::new(month, &estimate, 0.0, |i| values.get(i).copied())
}

/// The key of a stored row in reports: `active_customers.starter`, `subscribers.pro`.
pub fn row_key(scenario: &Scenario, row: Row) -> String {
    match row {
        Row::Metric(m) => m.key().to_string(),
        Row::TierCustomers(i) => {
            format!("active_customers.{}", scenario.reseller.as_ref().map_or("?", |r| r.tiers[i].name.as_str()))
        }
        Row::PlanSubscribers(i) => {
            format!("subscribers.{}", scenario.affiliate.as_ref().map_or("?", |a| a.plans[i].name.as_str()))
        }
    }
}

/// What one report series is computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Source {
    Row(usize),
    Ratio { numerator: usize, denominator: usize },
}

/// The series a report contains, in order: every metric, then per-tier and per-plan counts.
pub(crate) fn sources(scenario: &Scenario, layout: &Layout) -> Vec<(String, Source)> {
    let mut out = Vec::new();
    for metric in Metric::ALL {
        let source = match metric.ratio_of() {
            Some((n, d)) => Source::Ratio {
                numerator: Layout::metric_row(n).unwrap_or(0),
                denominator: Layout::metric_row(d).unwrap_or(0),
            },
            None => Source::Row(Layout::metric_row(metric).unwrap_or(0)),
        };
        out.push((metric.key().to_string(), source));
    }
    for (i, row) in layout.rows.iter().enumerate() {
        if !matches!(row, Row::Metric(_)) {
            out.push((row_key(scenario, *row), Source::Row(i)));
        }
    }
    out
}

/// The defined values of a series in one month (0-based), in trajectory order.
fn values(outcomes: &Outcomes, source: Source, month: usize) -> Vec<f64> {
    match source {
        Source::Row(r) => outcomes.column(r, month),
        Source::Ratio { numerator, denominator } => outcomes
            .blocks
            .iter()
            .flat_map(|b| b.column(numerator, month).iter().zip(b.column(denominator, month)))
            .filter(|(_, d)| **d > 0.0)
            .map(|(n, d)| n / d)
            .collect(),
    }
}

/// The value of a metric for every trajectory in one month; `None` where undefined.
pub fn metric_values(outcomes: &Outcomes, metric: Metric, month: usize) -> Vec<Option<f64>> {
    match metric.ratio_of() {
        Some((n, d)) => {
            let n = outcomes.column(Layout::metric_row(n).unwrap_or(0), month);
            let d = outcomes.column(Layout::metric_row(d).unwrap_or(0), month);
            n.iter().zip(&d).map(|(n, d)| (*d > 0.0).then(|| n / d)).collect()
        }
        None => outcomes.column(Layout::metric_row(metric).unwrap_or(0), month).into_iter().map(Some).collect(),
    }
}

/// Summarises one series month by month.
fn summarize_series(outcomes: &Outcomes, source: Source, levels: &[Percentile]) -> MetricSummary {
    let per_month: Vec<(MeanEstimate, Vec<Option<f64>>)> = (0..outcomes.horizon())
        .into_par_iter()
        .map(|m| match source {
            Source::Row(r) if outcomes.layout.is_zero(r) => summarize_zeros(outcomes.trajectories, levels),
            Source::Row(r) => {
                let chunks: Vec<&[f64]> = outcomes.blocks.iter().map(|b| b.column(r, m)).collect();
                summarize_chunks(&chunks, levels)
            }
            ratio => summarize_column(&mut values(outcomes, ratio, m), levels),
        })
        .collect();
    let mut summary = MetricSummary {
        mean: per_month.iter().map(|(e, _)| e.mean).collect(),
        std_error: per_month.iter().map(|(e, _)| e.std_error).collect(),
        percentiles: levels.iter().map(|l| (l.to_string(), Vec::new())).collect(),
        defined: per_month.iter().map(|(e, _)| e.n).collect(),
    };
    for (_, ps) in &per_month {
        for (series, value) in summary.percentiles.values_mut().zip(ps) {
            series.push(*value);
        }
    }
    summary
}

/// Builds the report of a run.
pub fn summarize(scenario: &Scenario, source: &str, outcomes: &Outcomes, levels: &[Percentile]) -> RunReport {
    // The precision sorts one column: it runs beside the series rather than after them.
    let (metrics, precision) = rayon::join(
        || {
            sources(scenario, &outcomes.layout)
                .into_par_iter()
                .map(|(key, s)| (key, summarize_series(outcomes, s, levels)))
                .collect::<Vec<_>>()
                .into_iter()
                .collect()
        },
        || precision(outcomes),
    );
    let targets = scenario.targets.iter().map(|t| target_report(outcomes, t, levels)).collect();
    let first_payout = scenario.affiliate.as_ref().map(|_| {
        let months: Vec<Option<usize>> =
            outcomes.first_payouts().into_iter().map(|m| (m > 0).then_some(m as usize)).collect();
        first_month(&months, levels)
    });
    RunReport {
        scenario: scenario.name.clone(),
        source: source.to_string(),
        seed: scenario.seed,
        trajectories: outcomes.trajectories,
        horizon_months: outcomes.horizon(),
        months: (0..outcomes.horizon() as u32).map(|m| scenario.start_month + m).collect(),
        percentile_method: "exact".to_string(),
        precision,
        metrics,
        targets,
        first_payout,
        actuals: None,
    }
}

/// Probabilities and first-reach months of one target.
pub fn target_report(outcomes: &Outcomes, target: &Target, levels: &[Percentile]) -> TargetReport {
    let horizon = outcomes.horizon();
    let month = target.month.unwrap_or(horizon);
    let n = outcomes.trajectories;
    let mut first: Vec<Option<usize>> = vec![None; n];
    let mut at_month = 0;
    for m in 0..horizon {
        for (k, value) in metric_values(outcomes, target.metric, m).into_iter().enumerate() {
            let hit = value.is_some_and(|v| v >= target.at_least);
            if hit && first[k].is_none() {
                first[k] = Some(m + 1);
            }
            if hit && m + 1 == month {
                at_month += 1;
            }
        }
    }
    let by_month = first.iter().filter(|f| f.is_some_and(|f| f <= month)).count();
    TargetReport {
        metric: target.metric.key().to_string(),
        at_least: target.at_least,
        month,
        probability_at_month: Proportion::new(at_month, n),
        probability_by_month: Proportion::new(by_month, n),
        first_month: first_month(&first, levels),
    }
}

pub(crate) fn first_month(months: &[Option<usize>], levels: &[Percentile]) -> FirstMonth {
    let mut reached: Vec<f64> = months.iter().flatten().map(|&m| m as f64).collect();
    let count = reached.len();
    let values = percentiles(&mut reached, levels);
    FirstMonth {
        reached: Proportion::new(count, months.len()),
        percentiles: levels.iter().map(ToString::to_string).zip(values).collect(),
    }
}

#[cfg(test)]
mod precision_tests {
    use super::*;
    use crate::distribution::standard_normal_quantile;

    /// Sorted draws of Normal(1000, 100) by their quantiles: the median's standard error is
    /// √(π/2)·σ/√n ≈ 1.2533·100/√n.
    fn normal_ranks(n: usize) -> Vec<f64> {
        (0..n).map(|i| 1000.0 + 100.0 * standard_normal_quantile((i as f64 + 0.5) / n as f64)).collect()
    }

    #[test]
    fn median_standard_error_from_exact_and_bucketed_values() {
        let n = 1_000_000;
        let values = normal_ranks(n);
        let expected = 1.2533 * 100.0 / (n as f64).sqrt();
        let exact = median_std_error(n, 0.0, &|i| values.get(i).copied()).unwrap();
        assert!((exact / expected - 1.0).abs() < 0.05, "exact {exact} vs {expected}");
        // A histogram reports each value as its bucket's representative (0.39% buckets here):
        // the estimate must neither collapse to 0 nor jump to a whole bucket width.
        let resolution = crate::stats::histogram::RELATIVE_ERROR;
        let bucket = |v: f64| {
            let width = 2.0 * resolution * 1000.0;
            (v / width).floor() * width + width / 2.0
        };
        let coarse = 16.0 * resolution * 1000.0;
        let bucketed = median_std_error(n, coarse, &|i| values.get(i).map(|&v| bucket(v))).unwrap();
        assert!((bucketed / expected - 1.0).abs() < 0.25, "bucketed {bucketed} vs {expected}");
        assert_eq!(median_std_error(10, 0.0, &|_| Some(5.0)), Some(0.0), "all equal: no spread");
    }
}
