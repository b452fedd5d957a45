//! Paired comparison of variants run with common random numbers: for each metric and month,
//! the per-trajectory difference variant − baseline, its mean with the paired standard
//! error (and, for contrast, the unpaired one, √(se_a² + se_b²)), its p5/p50/p95, and the
//! share of trajectories where the variant does better.
//!
//! Differences are taken trajectory by trajectory, never as differences of percentiles.
//! [`Comparison::run`] simulates the variants and returns the [`CompareReport`].

use indexmap::IndexMap;
use thiserror::Error;

use super::vary::Variant;
use crate::engine::{Cancelled, Monitor, Outcomes, simulate};
use crate::metric::{Metric, SeriesKey};
use crate::report::compare::{Better, CompareReport, DifferenceReport, DifferenceSummary, VariantReport};
use crate::scenario::Scenario;
use crate::stats::{Percentile, mean_estimate, percentiles};
use crate::summarize::series::{source_of, values as series_values};
use crate::summarize::summarize;

/// Why variants cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CompareError {
    #[error("compare needs at least two variants: give two scenario files, or --vary with two or more values")]
    TooFew,
}

/// Two or more variants, the first the baseline, ready to run.
#[derive(Debug, Clone)]
pub struct Comparison {
    variants: Vec<Variant>,
    /// A per-tier or per-plan series to difference as well (`--metric active_customers.starter`).
    series: Option<SeriesKey>,
}

impl Comparison {
    /// # Errors
    /// [`CompareError::TooFew`] with fewer than two variants.
    pub fn new(variants: Vec<Variant>) -> Result<Self, CompareError> {
        if variants.len() < 2 { Err(CompareError::TooFew) } else { Ok(Self { variants, series: None }) }
    }

    /// Also differences `key`, when it is a series of one tier or plan (every metric over
    /// the whole business is always differenced).
    pub fn with_series(mut self, key: &SeriesKey) -> Self {
        self.series = key.part_name().is_some().then(|| key.clone());
        self
    }

    pub fn variants(&self) -> &[Variant] {
        &self.variants
    }

    /// Runs the baseline, then each variant in turn, keeping only the baseline's outcomes
    /// (the others are summarised and differenced as soon as they finish).
    ///
    /// # Errors
    /// [`Cancelled`] when the monitor stopped a run.
    pub fn run(&self, levels: &[Percentile], monitor: &impl Monitor) -> Result<CompareReport, Cancelled> {
        let run = |v: &Variant| monitor.watch(&v.label, v.scenario.trajectories(), |c| simulate(&v.scenario, c));
        let summary = |v: &Variant, outcomes: &Outcomes| VariantReport {
            label: v.label.clone(),
            metrics: summarize(&v.scenario, &v.label, outcomes, levels).metrics,
        };
        let baseline = &self.variants[0];
        let base = run(baseline)?;
        let first = &baseline.scenario;
        let mut report = CompareReport {
            seed: first.seed(),
            trajectories: first.trajectories(),
            horizon_months: first.horizon_months(),
            months: first.months(),
            dates: first.calendar().map(|c| {
                first.months().iter().map(|&m| c.date(m).map(|d| d.to_string()).unwrap_or_default()).collect()
            }),
            calendar: first.calendar(),
            variants: vec![summary(baseline, &base)],
            differences: Vec::new(),
        };
        for variant in &self.variants[1..] {
            let outcomes = run(variant)?;
            report.variants.push(summary(variant, &outcomes));
            report.differences.push(DifferenceReport {
                label: variant.label.clone(),
                baseline: baseline.label.clone(),
                metrics: self.differences(&base, &outcomes, &variant.scenario),
            });
        }
        Ok(report)
    }

    /// Every metric's paired difference, and the extra series' if there is one.
    fn differences(
        &self,
        base: &Outcomes,
        variant: &Outcomes,
        scenario: &Scenario,
    ) -> IndexMap<SeriesKey, DifferenceSummary> {
        let mut out = differences(base, variant);
        if let Some(key) = &self.series
            && let Some(source) = source_of(scenario, &variant.layout, key)
        {
            let values = |o: &Outcomes, m| series_values(o, source, m);
            out.insert(key.clone(), difference_of(base, variant, values, Better::of(key.metric())));
        }
        out
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
    /// The share where the baseline is strictly better (the rest of `1 − prob_better` are ties).
    pub prob_worse: Option<f64>,
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
    let count = |sign: f64| {
        let sign = if better == Better::Higher { sign } else { -sign };
        differences.iter().filter(|d| **d * sign > 0.0).count()
    };
    let share = |count: usize| (!differences.is_empty()).then(|| count as f64 / differences.len() as f64);
    let (prob_better, prob_worse) = (share(count(1.0)), share(count(-1.0)));
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
        prob_worse,
    }
}

/// The paired difference of one metric over every month.
pub fn difference(baseline: &Outcomes, variant: &Outcomes, metric: Metric) -> DifferenceSummary {
    difference_of(baseline, variant, |o: &Outcomes, m| o.values(metric, m), Better::of(metric))
}

/// The paired difference of the series `values` reads, over every month.
fn difference_of(
    baseline: &Outcomes,
    variant: &Outcomes,
    values: impl Fn(&Outcomes, usize) -> Vec<Option<f64>>,
    better: Better,
) -> DifferenceSummary {
    let months = baseline.horizon().min(variant.horizon());
    let per_month: Vec<MonthDifference> =
        (0..months).map(|m| month_difference(&values(baseline, m), &values(variant, m), better)).collect();
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
        prob_worse: series(|d| d.prob_worse),
    }
}

/// Paired differences of every metric. Both runs must have the same trajectories (a
/// comparison always runs them so); extra ones are ignored.
pub fn differences(baseline: &Outcomes, variant: &Outcomes) -> IndexMap<SeriesKey, DifferenceSummary> {
    Metric::ALL.iter().map(|&m| (m.into(), difference(baseline, variant, m))).collect()
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
