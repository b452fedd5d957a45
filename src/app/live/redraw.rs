//! One redraw of the live page: the run `run SCENARIO --set ... --json -` makes, through
//! [`app::run`](crate::app::run) (so its `summary.json` is the command line's, byte for
//! byte), the lead metric's value in every trajectory, and the paired difference of those
//! values from the file's own run: trajectory by trajectory with the same seed, so the
//! difference is the settings, not sampling noise.

use serde::Serialize;

use crate::analysis::whatif::compare::{MonthDifference, month_difference};
use crate::app::run::RunInput;
use crate::app::view::{Source, View, lead_metric, view};
use crate::app::{Charts, Error, Limits, Monitor};
use crate::metric::Metric;
use crate::report::compare::Better;
use crate::scenario::Scenario;
use crate::stats::Percentile;

/// One metric's value in every trajectory, month by month (months outer).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub metric: Metric,
    pub seed: u64,
    pub months: Vec<Vec<Option<f64>>>,
}

/// What one redraw produced.
#[derive(Debug)]
pub struct Redraw {
    /// `summary.json` exactly as `run --json -` writes it.
    pub summary: Vec<u8>,
    pub view: View,
    /// The lead metric per trajectory (`None` for a streaming run, which keeps none).
    pub series: Option<Series>,
}

/// The paired difference of the lead metric from the file's own run, month by month:
/// the mean difference with its paired standard error, the percentiles of the
/// trajectory-by-trajectory differences, and the share of trajectories that do better.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub metric: Metric,
    pub mean: Vec<Option<f64>>,
    pub std_error: Vec<Option<f64>>,
    pub p5: Vec<Option<f64>>,
    pub p25: Vec<Option<f64>>,
    pub p50: Vec<Option<f64>>,
    pub p75: Vec<Option<f64>>,
    pub p95: Vec<Option<f64>>,
    /// Share of trajectories where the change does better (higher profit).
    pub better: Vec<Option<f64>>,
}

/// Runs the scenario with `sets` applied, as `run --set` would.
///
/// # Errors
/// Before any work: what `run` refuses for the same values ([`Error::Scenario`],
/// [`Error::Budget`], ...). After: [`Error::Interrupted`] when `monitor` cancelled it.
pub fn redraw(source: &Source, sets: &[String], limits: Limits, monitor: &impl Monitor) -> Result<Redraw, Error> {
    let scenario = source.scenario(sets)?;
    let metric = lead_metric(&scenario);
    let input = run_input(source, scenario, limits);
    let (result, values) = crate::app::run::prepare(&input)?.run_keeping(monitor, Some(metric))?;
    let summary = result
        .delivery
        .json_bytes()
        .ok_or(Error::Encode { what: "the summary as JSON", message: "the run made none".into() })?
        .to_vec();
    let series = values.map(|months| Series { metric, seed: input.scenario.seed(), months });
    Ok(Redraw { summary, view: view(&input.scenario, &result.report, source.origin()), series })
}

/// What `run SCENARIO --set ... --charts none` runs, with the command line's defaults
/// (percentiles 5, 25, 50, 75 and 95; the last month's waterfall; no precision target)
/// and `limits`.
pub fn run_input(source: &Source, scenario: Scenario, limits: Limits) -> RunInput {
    RunInput {
        scenario,
        source: source.origin().to_string(),
        levels: Percentile::DEFAULT.to_vec(),
        history: None,
        waterfall_month: None,
        precision: None,
        paths: 0,
        charts: Charts::none(),
        limits,
        command: String::new(),
        explore: None,
    }
}

/// `variant − baseline`, trajectory by trajectory, when both ran the same metric with the
/// same seed, trajectories and months (otherwise nothing pairs them).
pub fn difference(baseline: &Series, variant: &Series) -> Option<Difference> {
    let aligned = baseline.metric == variant.metric
        && baseline.seed == variant.seed
        && baseline.months.len() == variant.months.len()
        && baseline.months.iter().zip(&variant.months).all(|(a, b)| a.len() == b.len());
    if !aligned {
        return None;
    }
    let months: Vec<_> = baseline
        .months
        .iter()
        .zip(&variant.months)
        .map(|(a, b)| month_difference(a, b, Better::of(baseline.metric)))
        .collect();
    let pick = |f: fn(&MonthDifference) -> Option<f64>| months.iter().map(f).collect::<Vec<_>>();
    Some(Difference {
        metric: baseline.metric,
        mean: pick(|d| d.mean),
        std_error: pick(|d| d.std_error),
        p5: pick(|d| d.p5),
        p25: pick(|d| d.p25),
        p50: pick(|d| d.p50),
        p75: pick(|d| d.p75),
        p95: pick(|d| d.p95),
        better: pick(|d| d.prob_better),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(months: Vec<Vec<Option<f64>>>) -> Series {
        Series { metric: Metric::NetProfit, seed: 1, months }
    }

    #[test]
    fn the_difference_is_taken_trajectory_by_trajectory() {
        // Each trajectory gains 10, whatever its level: every percentile of the paired
        // difference is 10 and its standard error 0, though the levels spread widely.
        let base: Vec<Option<f64>> = (0..200).map(|i| Some(f64::from(i) * 37.0)).collect();
        let plus: Vec<Option<f64>> = base.iter().map(|v| v.map(|v| v + 10.0)).collect();
        let d = difference(&series(vec![base.clone()]), &series(vec![plus])).unwrap();
        assert_eq!((d.mean[0], d.p5[0], d.p95[0]), (Some(10.0), Some(10.0), Some(10.0)));
        assert_eq!(d.std_error[0], Some(0.0));
        assert_eq!(d.better[0], Some(1.0));
        let other = Series { seed: 2, ..series(vec![base.clone()]) };
        assert!(difference(&series(vec![base]), &other).is_none(), "another seed pairs nothing");
    }
}
