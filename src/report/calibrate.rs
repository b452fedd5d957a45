//! The results contract of `sidecast calibrate`: each uncertain parameter's prior and
//! posterior, the cost of the calibration, and the posterior predictive check of every
//! actual (where it falls among trajectories simulated from the posterior).

use indexmap::IndexMap;
use serde::Serialize;

use crate::metric::Metric;
use crate::scenario::keys::unit_of;
use crate::text::number::{significant, value};

/// p5, p50, p95 and mean of one parameter's distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub mean: f64,
}

impl Spread {
    /// The width of the 90% interval.
    pub fn width(&self) -> f64 {
        self.p95 - self.p5
    }

    /// "8.1% (5.2% – 12%)": the median and the 90% interval in the unit of `key`.
    pub fn words(&self, key: &str) -> String {
        let (median, interval) = self.parts(key);
        format!("{median} ({interval})")
    }

    /// The median and the 90% interval apart: ("8.1%", "5.2% – 12%").
    pub fn parts(&self, key: &str) -> (String, String) {
        let unit = unit_of(key);
        let f = |v: f64| unit.exact(significant(v, 3));
        (f(self.p50), format!("{} – {}", f(self.p5), f(self.p95)))
    }
}

impl ParameterFit {
    /// "41% of the prior's": how much the history narrowed the 90% interval.
    pub fn narrowing_words(&self) -> String {
        self.width_ratio.map_or_else(|| "n/a".to_string(), |r| format!("{:.0}% of the prior's", r * 100.0))
    }
}

/// What the history did to one parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterFit {
    pub prior: Spread,
    pub posterior: Spread,
    /// The posterior's 90% width over the prior's: 1 when the history said nothing, small
    /// when it pinned the parameter down; `None` for a prior of no width.
    pub width_ratio: Option<f64>,
}

/// Where one actual falls among the trajectories simulated from the posterior.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictivePoint {
    /// The history's column (`revenue`, `customers`, ...).
    pub column: String,
    /// The simulated metric it is compared with.
    pub metric: Metric,
    /// Calendar month.
    pub month: u32,
    pub actual: f64,
    /// Fraction of trajectories below the actual (ties count half), as in `run --actuals`.
    pub percentile_rank: Option<f64>,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    /// The rank lies outside 5-95: the calibrated model finds this month surprising.
    pub surprising: bool,
}

impl PredictivePoint {
    /// The rank as a percentage, never rounded onto the band's edge: "96.3%", "below 0.1%".
    pub fn rank_words(&self) -> String {
        match self.percentile_rank {
            None => "n/a".to_string(),
            Some(r) if r < 0.001 => "below 0.1%".to_string(),
            Some(r) if r > 0.999 => "above 99.9%".to_string(),
            Some(r) => format!("{:.1}%", r * 100.0),
        }
    }

    /// "revenue in month 4: $2,410 at rank 3% (the model's 90%: $2,600 – $5,900)".
    pub fn words(&self) -> String {
        let unit = self.metric.unit();
        format!(
            "{} in month {}: {} at rank {} (the model's 90%: {} – {})",
            self.column,
            self.month,
            value(Some(self.actual), unit),
            self.rank_words(),
            value(self.p5, unit),
            value(self.p95, unit)
        )
    }
}

/// The report of one calibration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrateReport {
    pub scenario: String,
    pub source: String,
    /// The history file.
    pub actuals: String,
    /// Calendar months of the history calibrated on.
    pub months: Vec<u32>,
    /// The history's columns that entered the distance.
    pub columns: Vec<String>,
    pub method: String,
    pub seed: u64,
    pub simulations: usize,
    /// Particles of the final generation.
    pub accepted: usize,
    pub acceptance_rate: f64,
    pub effective_sample_size: f64,
    /// Generations after the prior one.
    pub generations: usize,
    pub parameters: IndexMap<String, ParameterFit>,
    /// Trajectories simulated from the posterior for the check.
    pub predictive_trajectories: usize,
    pub predictive: Vec<PredictivePoint>,
    /// Rows of `posterior.csv`.
    pub posterior_sets: usize,
    /// The scenario `calibrated.toml` is made from (the calibrated one or `--project`).
    pub projection: String,
}

impl CalibrateReport {
    /// The history file's name, without its folders.
    pub fn actuals_name(&self) -> &str {
        std::path::Path::new(&self.actuals).file_name().and_then(|n| n.to_str()).unwrap_or(&self.actuals)
    }

    /// The actuals outside the 5-95% band of the posterior predictive.
    pub fn surprising(&self) -> impl Iterator<Item = &PredictivePoint> {
        self.predictive.iter().filter(|p| p.surprising)
    }
}
