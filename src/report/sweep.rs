//! The results contract of `sidecast sweep` (`sweep.json`, `sweep.csv`, the table, the band
//! chart and the heatmap): one output summarised at each point of a grid of one or two
//! parameters, computed by `analysis::whatif::sweep`.

use serde::Serialize;

use crate::metric::SeriesKey;
use crate::stats::Proportion;

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
    /// Calendar month numbers of the simulated months.
    pub months: Vec<u32>,
    /// Metric key, as in `summary.json`.
    pub metric: SeriesKey,
    /// Calendar month number of the output.
    pub month: u32,
    /// Its date (`2026-12`), when the scenario gives `first_month` (docs/model.md §14).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The dates of month numbers, for people's outputs.
    #[serde(skip)]
    pub calendar: Option<crate::text::calendar::Calendar>,
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
