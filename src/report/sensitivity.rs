//! The results contract of `sidecast sensitivity` (`sensitivity.json`, `sensitivity.csv`,
//! the ranking table and the tornado chart): each uncertain input's effect on one output,
//! computed by `analysis::whatif::sensitivity`.

use serde::Serialize;

use crate::metric::SeriesKey;

/// Where an input's low and high values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A parameter given as a distribution: low = its p10, high = its p90.
    Distribution,
    /// A `--vary` swing: low = its first value, high = its last.
    Vary,
}

/// One input's effect on the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputEffect {
    /// Dotted scenario key.
    pub key: String,
    /// In plain words, with its range: "churn 6.2% – 13.7%".
    pub label: String,
    pub kind: InputKind,
    /// The input's value at the low and the high end.
    pub low: f64,
    pub high: f64,
    /// The output's median with the input at `low` and at `high`.
    pub median_at_low: Option<f64>,
    pub median_at_high: Option<f64>,
    /// |median_at_high − median_at_low|.
    pub swing: Option<f64>,
    /// Spearman rank correlation of the drawn input with the output across trajectories
    /// (distribution inputs only; `None` when either does not vary).
    pub rank_correlation: Option<f64>,
}

/// Everything `sidecast sensitivity` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityReport {
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
    /// The output's median with every input sampled as usual.
    pub baseline_median: Option<f64>,
    /// Largest swing first.
    pub inputs: Vec<InputEffect>,
}
