//! The report of a run whose trajectories are all stored: exact type-1 percentiles, means
//! and standard errors of every series and month, target probabilities and first-reach
//! months, the first payout, and the precision of the horizon's headline cumulative metric
//! (net profit with costs, gross profit without).

use indexmap::IndexMap;
use rayon::prelude::*;

use super::precision::precision_of_column;
use super::series::{SeriesSource, distinct, source_of, sources, values as series_values};
use crate::engine::{Column, Outcomes};
use crate::metric::defines_ratio;
use crate::report::{FirstMonth, MetricSummary, PercentileMethod, Precision, RunReport, TargetReport};
use crate::scenario::{Scenario, Target};
use crate::stats::{
    MeanEstimate, Percentile, Proportion, percentiles, summarize_chunks, summarize_column, summarize_count_chunks,
    summarize_zeros,
};

/// Builds the report of a run.
pub fn summarize(scenario: &Scenario, source: &str, outcomes: &Outcomes, levels: &[Percentile]) -> RunReport {
    // The precision sorts one column: it runs beside the series rather than after them.
    let series = sources(scenario, &outcomes.layout);
    let (unique, index) = distinct(&series);
    let (summaries, precision) = rayon::join(
        || unique.into_par_iter().map(|s| summarize_series(outcomes, s, levels)).collect::<Vec<_>>(),
        || precision(scenario, outcomes),
    );
    let metrics = series.into_iter().zip(index).map(|((key, _), i)| (key, summaries[i].clone())).collect();
    let targets = scenario.targets().iter().map(|t| target_report(scenario, outcomes, t, levels)).collect();
    // The engine records the 1-based simulated month, 0 for none.
    let calendar = |months: Vec<u16>| -> Vec<Option<u32>> {
        months.into_iter().map(|m| (m > 0).then(|| scenario.calendar_month(usize::from(m) - 1))).collect()
    };
    let first_payout = scenario.affiliate().map(|_| first_month(scenario, &calendar(outcomes.first_payouts()), levels));
    let first_payout_by_programme = programme_names(scenario)
        .enumerate()
        .map(|(p, name)| (name, first_month(scenario, &calendar(outcomes.programme_first_payouts(p)), levels)))
        .collect();
    RunReport {
        scenario: scenario.name().to_string(),
        source: source.to_string(),
        seed: scenario.seed(),
        trajectories: outcomes.trajectories,
        horizon_months: outcomes.horizon(),
        months: (0..outcomes.horizon() as u32).map(|m| scenario.start_month() + m).collect(),
        dates: None,
        calendar: None,
        percentile_method: PercentileMethod::Exact,
        precision,
        metrics,
        targets,
        first_payout,
        first_payout_by_programme,
        actuals: None,
        waterfall: None,
    }
}

/// The precision of stored outcomes (exact order statistics).
pub fn precision(scenario: &Scenario, outcomes: &Outcomes) -> Precision {
    let last = outcomes.horizon().saturating_sub(1);
    let metric = scenario.headline();
    let values = if outcomes.horizon() == 0 {
        Vec::new()
    } else {
        outcomes.values(metric, last).into_iter().flatten().collect()
    };
    precision_of_column(metric, scenario.calendar_month(last), values)
}

/// The defined values of a series in one month (0-based), in trajectory order.
fn values(outcomes: &Outcomes, source: SeriesSource, month: usize) -> Vec<f64> {
    match source {
        SeriesSource::Row(r) => outcomes.column(r, month),
        SeriesSource::Ratio { numerator, denominator } => outcomes
            .blocks
            .iter()
            .flat_map(|b| b.column(numerator, month).iter().zip(b.column(denominator, month).iter()))
            .filter(|(_, d)| defines_ratio(*d))
            .map(|(n, d)| n / d)
            .collect(),
    }
}

/// Summarises one series month by month.
fn summarize_series(outcomes: &Outcomes, source: SeriesSource, levels: &[Percentile]) -> MetricSummary {
    let per_month: Vec<(MeanEstimate, Vec<Option<f64>>)> = (0..outcomes.horizon())
        .into_par_iter()
        .map(|m| match source {
            SeriesSource::Row(r) if outcomes.layout.is_zero(r) => summarize_zeros(outcomes.trajectories, levels),
            SeriesSource::Row(r) => summarize_row(&outcomes.columns(r, m), levels),
            ratio => summarize_column(&mut values(outcomes, ratio, m), levels),
        })
        .collect();
    let mut summary = MetricSummary {
        mean: per_month.iter().map(|(e, _)| e.mean).collect(),
        std_error: per_month.iter().map(|(e, _)| e.std_error).collect(),
        percentiles: levels.iter().map(|&l| (l, Vec::new())).collect(),
        defined: per_month.iter().map(|(e, _)| e.n).collect(),
    };
    for (_, ps) in &per_month {
        for (series, value) in summary.percentiles.values_mut().zip(ps) {
            series.push(*value);
        }
    }
    summary
}

/// The summary of one row and month, read in place: amounts and counts as they are kept.
fn summarize_row(columns: &[Column<'_>], levels: &[Percentile]) -> (MeanEstimate, Vec<Option<f64>>) {
    let amounts: Option<Vec<&[f64]>> =
        columns.iter().map(|c| if let Column::Amounts(v) = c { Some(*v) } else { None }).collect();
    if let Some(chunks) = amounts {
        return summarize_chunks(&chunks, levels);
    }
    let counts: Option<Vec<&[u32]>> =
        columns.iter().map(|c| if let Column::Counts(v) = c { Some(*v) } else { None }).collect();
    match counts {
        Some(chunks) => summarize_count_chunks(&chunks, levels),
        None => {
            let mut values = Vec::new();
            columns.iter().for_each(|c| c.extend_into(&mut values));
            summarize_column(&mut values, levels)
        }
    }
}

/// Probabilities and first-reach months of one target.
pub fn target_report(scenario: &Scenario, outcomes: &Outcomes, target: &Target, levels: &[Percentile]) -> TargetReport {
    let horizon = outcomes.horizon();
    let month = target_index(scenario, target);
    let n = outcomes.trajectories;
    let mut first: Vec<Option<usize>> = vec![None; n];
    let mut at_month = 0;
    // Validation keeps the series one the scenario has (a tier or plan it defines).
    let source = source_of(scenario, &outcomes.layout, &target.metric).unwrap_or(SeriesSource::Row(0));
    for m in 0..horizon {
        for (k, value) in series_values(outcomes, source, m).into_iter().enumerate() {
            let hit = value.is_some_and(|v| v >= target.at_least);
            if hit && first[k].is_none() {
                first[k] = Some(m);
            }
            if hit && m == month {
                at_month += 1;
            }
        }
    }
    let by_month = first.iter().filter(|f| f.is_some_and(|f| f <= month)).count();
    let calendar: Vec<Option<u32>> = first.iter().map(|f| f.map(|m| scenario.calendar_month(m))).collect();
    TargetReport {
        metric: target.metric.clone(),
        at_least: target.at_least,
        month: scenario.calendar_month(month),
        date: None,
        probability_at_month: Proportion::new(at_month, n),
        probability_by_month: Proportion::new(by_month, n),
        first_month: first_month(scenario, &calendar, levels),
    }
}

/// The names of the programmes that record their own numbers (named programmes).
pub(super) fn programme_names(scenario: &Scenario) -> impl Iterator<Item = String> + '_ {
    scenario.affiliate().into_iter().filter(|a| a.named).flat_map(|a| a.programmes.iter().map(|p| p.name.clone()))
}

/// The 0-based simulated month a target asks about (validation keeps it simulated).
pub(super) fn target_index(scenario: &Scenario, target: &Target) -> usize {
    target.month.and_then(|m| scenario.month_index(m)).unwrap_or(scenario.horizon_months().saturating_sub(1))
}

/// The first and last simulated calendar months.
pub(super) fn window(scenario: &Scenario) -> [u32; 2] {
    [scenario.start_month(), scenario.calendar_month(scenario.horizon_months().saturating_sub(1))]
}

/// The distribution of a first calendar month (`None` = never) across trajectories.
fn first_month(scenario: &Scenario, months: &[Option<u32>], levels: &[Percentile]) -> FirstMonth {
    let mut reached: Vec<f64> = months.iter().flatten().map(|&m| f64::from(m)).collect();
    let count = reached.len();
    let values = percentiles(&mut reached, levels);
    FirstMonth {
        months: window(scenario),
        reached: Proportion::new(count, months.len()),
        percentiles: levels.iter().copied().zip(values).collect::<IndexMap<_, _>>(),
    }
}
