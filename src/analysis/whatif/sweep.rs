//! Parameter sweeps: one output (a metric in one month) summarised at each point of a grid
//! of one or two parameters, every point run with the same seed (common random numbers),
//! so the bands move smoothly with the parameter instead of jittering with the luck of
//! each run. [`Sweep::run`] returns the [`SweepReport`].

use thiserror::Error;

use super::vary::{Variant, VarySpec};
use crate::engine::{Cancelled, Monitor, simulate};
use crate::metric::SeriesKey;
use crate::report::sweep::{PointSummary, SweepReport, SweptParameter};
use crate::scenario::Scenario;
use crate::stats::{Percentile, Proportion, mean_estimate, percentiles};
use crate::summarize::series::{source_of, values as series_values};

/// Why a sweep cannot run.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SweepError {
    #[error("sweep takes one --vary (a band chart) or two (a heatmap), got {0}; use compare for more")]
    Dimensions(usize),
    #[error("bad --vary `{key}`: a sweep needs numbers, and `{value}` is not one (use compare for other values)")]
    NotANumber { key: String, value: String },
    #[error("--target-prob needs a finite amount from -1e15 to 1e15, such as 30000")]
    Target,
}

/// A validated sweep: one or two numeric parameters, their variants, one output.
#[derive(Debug, Clone)]
pub struct Sweep {
    specs: Vec<VarySpec>,
    variants: Vec<Variant>,
    metric: SeriesKey,
    /// 0-based month of the output.
    month: usize,
    target: Option<f64>,
}

impl Sweep {
    /// Checks the specs (one or two, numbers only) and the target before anything runs.
    ///
    /// # Errors
    /// [`SweepError`] saying what to change.
    pub fn check(specs: &[VarySpec], target: Option<f64>) -> Result<(), SweepError> {
        if specs.len() > 2 {
            return Err(SweepError::Dimensions(specs.len()));
        }
        for spec in specs {
            if let Some(v) = spec.values.iter().find(|v| v.number.is_none()) {
                return Err(SweepError::NotANumber { key: spec.key.clone(), value: v.toml.clone() });
            }
        }
        if target.is_some_and(|t| !(-1e15..=1e15).contains(&t)) {
            return Err(SweepError::Target);
        }
        Ok(())
    }

    /// A sweep of `variants` (the cross product of `specs`, as [`super::vary::load_variants`]
    /// makes it) reporting `metric` in the 0-based `month`.
    ///
    /// # Errors
    /// As for [`Sweep::check`].
    pub fn new(
        specs: Vec<VarySpec>,
        variants: Vec<Variant>,
        metric: SeriesKey,
        month: usize,
        target: Option<f64>,
    ) -> Result<Self, SweepError> {
        Self::check(&specs, target)?;
        Ok(Self { specs, variants, metric, month, target })
    }

    /// Runs every point and summarises the output at each.
    ///
    /// # Errors
    /// [`Cancelled`] when the monitor stopped a run.
    pub fn run(&self, monitor: &impl Monitor) -> Result<SweepReport, Cancelled> {
        let mut points = Vec::with_capacity(self.variants.len());
        for variant in &self.variants {
            let outcomes =
                monitor.watch(&variant.label, variant.scenario.trajectories(), |c| simulate(&variant.scenario, c))?;
            let source = source_of(&variant.scenario, &outcomes.layout, &self.metric);
            let values = source.map_or_else(Vec::new, |s| series_values(&outcomes, s, self.month));
            let parameters = variant.numbers.iter().map(|n| n.unwrap_or(f64::NAN)).collect();
            points.push(summarize_point(variant.label.clone(), parameters, &values, self.target));
        }
        let baseline = self.variants.first().map(|v| &v.scenario);
        Ok(SweepReport {
            seed: baseline.map_or(0, |s| s.seed()),
            trajectories: baseline.map_or(0, |s| s.trajectories()),
            horizon_months: baseline.map_or(0, |s| s.horizon_months()),
            months: baseline.map_or_else(Vec::new, Scenario::months),
            metric: self.metric.clone(),
            month: baseline.map_or(1, |s| s.start_month()) + self.month as u32,
            target: self.target,
            parameters: self
                .specs
                .iter()
                .map(|s| SweptParameter {
                    key: s.key.clone(),
                    name: s.words(),
                    values: s.values.iter().filter_map(|v| v.number).collect(),
                })
                .collect(),
            points,
        })
    }
}

/// Summarises one point's per-trajectory outputs (`None` = undefined in that trajectory).
pub fn summarize_point(
    label: String,
    parameters: Vec<f64>,
    values: &[Option<f64>],
    target: Option<f64>,
) -> PointSummary {
    let mut defined: Vec<f64> = values.iter().flatten().copied().collect();
    let estimate = mean_estimate(&defined);
    let prob_target = target.and_then(|t| {
        let reached = values.iter().filter(|v| v.is_some_and(|v| v >= t)).count();
        Proportion::new(reached, values.len())
    });
    let q = percentiles(&mut defined, &Percentile::DEFAULT);
    PointSummary {
        label,
        parameters,
        mean: estimate.mean,
        std_error: estimate.std_error,
        p5: q[0],
        p25: q[1],
        p50: q[2],
        p75: q[3],
        p95: q[4],
        prob_target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_statistics_and_target_probability() {
        let values: Vec<Option<f64>> = (1..=100).map(|v| Some(f64::from(v))).chain([None]).collect();
        let p = summarize_point("x".into(), vec![1.0], &values, Some(91.0));
        assert_eq!((p.p5, p.p50, p.p95), (Some(5.0), Some(50.0), Some(95.0)));
        assert_eq!(p.mean, Some(50.5));
        // 10 of the 101 trajectories reach 91; the undefined one does not.
        assert_eq!(p.prob_target.map(|p| p.probability), Some(10.0 / 101.0));
        assert_eq!(summarize_point("y".into(), vec![], &values, None).prob_target, None);
    }

    #[test]
    fn grid_rows_follow_the_second_parameter() {
        let parameter = |key: &str, values: Vec<f64>| SweptParameter { key: key.into(), name: key.into(), values };
        let point = |x: f64, y: f64| summarize_point(format!("{x},{y}"), vec![x, y], &[Some(x * 10.0 + y)], None);
        let report = SweepReport {
            seed: 1,
            trajectories: 1,
            horizon_months: 1,
            months: vec![1],
            metric: crate::metric::Metric::Revenue.into(),
            month: 1,
            target: None,
            parameters: vec![parameter("x", vec![1.0, 2.0, 3.0]), parameter("y", vec![1.0, 2.0])],
            points: vec![
                point(1.0, 1.0),
                point(1.0, 2.0),
                point(2.0, 1.0),
                point(2.0, 2.0),
                point(3.0, 1.0),
                point(3.0, 2.0),
            ],
        };
        let grid = report.grid(|p| p.p50);
        assert_eq!(grid, vec![vec![Some(11.0), Some(21.0), Some(31.0)], vec![Some(12.0), Some(22.0), Some(32.0)]]);
    }
}
