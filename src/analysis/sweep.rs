//! Parameter sweeps: one output (a metric in one month) summarised at each point of a grid
//! of one or two parameters, every point run with the same seed (common random numbers),
//! so the bands move smoothly with the parameter instead of jittering with the luck of
//! each run. Pure: per-trajectory values in, [`SweepReport`] (the results contract of
//! `sidecast sweep`) out.

use serde::Serialize;

use crate::stats::{Percentile, Proportion, mean_estimate, percentiles};

/// The output's statistics at one point of the sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointSummary {
    /// "churn 10%, arrivals 1.5/month".
    pub label: String,
    /// The value of each swept parameter at this point, in parameter order.
    pub parameters: Vec<f64>,
    pub mean: Option<f64>,
    pub std_error: Option<f64>,
    pub p5: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub p95: Option<f64>,
    /// P(output ≥ target), when a target was given; undefined values count as not reaching it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prob_target: Option<Proportion>,
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

/// A swept parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweptParameter {
    /// Dotted scenario key.
    pub key: String,
    /// In plain words: "churn", "markup growth".
    pub name: String,
    /// The values tried, in the order given.
    pub values: Vec<f64>,
}

/// Everything `sidecast sweep` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepReport {
    pub seed: u64,
    pub trajectories: usize,
    pub horizon_months: usize,
    /// Metric key, as in `summary.json`.
    pub metric: String,
    /// Calendar month number of the output.
    pub month: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// One or two; with two, points run over the first parameter slowest.
    pub parameters: Vec<SweptParameter>,
    pub points: Vec<PointSummary>,
}

impl SweepReport {
    /// With two parameters, a grid of one statistic: `grid[row][column]`, rows indexing the
    /// second parameter's values and columns the first's.
    pub fn grid(&self, statistic: impl Fn(&PointSummary) -> Option<f64>) -> Vec<Vec<Option<f64>>> {
        let [x, y] = self.parameters.as_slice() else {
            return Vec::new();
        };
        let (nx, ny) = (x.values.len(), y.values.len());
        (0..ny).map(|row| (0..nx).map(|col| self.points.get(col * ny + row).and_then(&statistic)).collect()).collect()
    }
}

/// Long-format CSV: `label,<parameter keys...>,statistic,value`, one row per point and
/// statistic (`mean`, `std_error`, `p5` ... `p95`, and `prob_target` with a target).
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn sweep_csv(report: &SweepReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["label".to_string()];
    header.extend(report.parameters.iter().map(|p| p.key.clone()));
    header.extend(["statistic".to_string(), "value".to_string()]);
    w.write_record(&header)?;
    for point in &report.points {
        let statistics = [
            ("mean", point.mean),
            ("std_error", point.std_error),
            ("p5", point.p5),
            ("p25", point.p25),
            ("p50", point.p50),
            ("p75", point.p75),
            ("p95", point.p95),
        ];
        let target = point.prob_target.map(|p| ("prob_target", Some(p.probability)));
        for (statistic, value) in statistics.into_iter().chain(target) {
            let mut row = vec![point.label.clone()];
            row.extend(point.parameters.iter().map(f64::to_string));
            row.push(statistic.to_string());
            row.push(value.map_or_else(String::new, |v| v.to_string()));
            w.write_record(&row)?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
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
            metric: "m".into(),
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
        let csv = String::from_utf8(sweep_csv(&report).unwrap()).unwrap();
        assert!(csv.starts_with("label,x,y,statistic,value\n\"1,1\",1,1,mean,11\n"), "{csv}");
    }
}
