//! Sensitivity of one output to the scenario's uncertain inputs: for each input, the
//! output's median with the input pinned at its own p10 and at its p90 (everything else
//! sampled as usual, with the same random numbers), ranked by the swing between the two;
//! and the Spearman rank correlation, across trajectories, between the value the input
//! drew and the output.
//!
//! The drawn values are re-derived with the engine's own [`Resolver`] on the engine's own
//! streams, so they are exactly the values the trajectories used. Pure: values in,
//! [`SensitivityReport`] (the results contract of `sidecast sensitivity`) out.

use serde::Serialize;

use crate::distribution::Param;
use crate::engine::resolve::Resolver;
use crate::engine::rng::Streams;
use crate::scenario::Scenario;
use crate::stats::{Percentile, percentiles};

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
    /// Metric key, as in `summary.json`.
    pub metric: String,
    /// Calendar month number of the output.
    pub month: u32,
    /// The output's median with every input sampled as usual.
    pub baseline_median: Option<f64>,
    /// Largest swing first.
    pub inputs: Vec<InputEffect>,
}

/// Sorts inputs by swing, largest first (undefined swings last; ties keep their order).
pub fn rank(inputs: &mut [InputEffect]) {
    inputs.sort_by(|a, b| b.swing.unwrap_or(f64::NEG_INFINITY).total_cmp(&a.swing.unwrap_or(f64::NEG_INFINITY)));
}

/// The median of the defined values.
pub fn median(values: &[Option<f64>]) -> Option<f64> {
    let mut defined: Vec<f64> = values.iter().flatten().copied().collect();
    percentiles(&mut defined, &[Percentile::P50])[0]
}

/// Every uncertain parameter of the scenario (those given as distributions).
pub fn uncertain_inputs(scenario: &Scenario) -> Vec<&Param> {
    let mut out = Vec::new();
    scenario.visit_params(&mut |p| {
        if matches!(p, Param::Uncertain { .. }) {
            out.push(p);
        }
    });
    out
}

/// The value `param` took in each of the first `trajectories` trajectories of a run of
/// `scenario` without pins, derived exactly as the engine derives it.
pub fn drawn_values(scenario: &Scenario, param: &Param, trajectories: usize) -> Vec<f64> {
    (0..trajectories)
        .map(|i| {
            let streams = Streams::new(scenario.seed, i as u64);
            Resolver { streams: &streams, pins: &[] }.value(param)
        })
        .collect()
}

/// The p10 and p90 of an uncertain parameter, within its valid range.
pub fn low_high(param: &Param) -> Option<(f64, f64)> {
    match param {
        Param::Uncertain { distribution, bounds, .. } => Some((
            distribution.quantile(0.1).clamp(bounds.0, bounds.1),
            distribution.quantile(0.9).clamp(bounds.0, bounds.1),
        )),
        Param::Fixed(_) => None,
    }
}

/// Spearman's rank correlation of the pairs where `y` is defined (average ranks for ties).
/// `None` with fewer than three pairs or when either side is constant.
pub fn spearman(x: &[f64], y: &[Option<f64>]) -> Option<f64> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x.iter().zip(y).filter_map(|(x, y)| Some((*x, (*y)?))).unzip();
    if xs.len() < 3 {
        return None;
    }
    pearson(&ranks(&xs), &ranks(&ys))
}

/// 1-based ranks, ties sharing their average rank.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let average = (start + end + 1) as f64 / 2.0; // mean of ranks start+1 ..= end
        for &i in &order[start..end] {
            out[i] = average;
        }
        start = end;
    }
    out
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// CSV, one row per input: `key,label,kind,low,high,median_at_low,median_at_high,swing,
/// rank_correlation`, largest swing first; undefined values are empty cells.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn sensitivity_csv(report: &SensitivityReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "key",
        "label",
        "kind",
        "low",
        "high",
        "median_at_low",
        "median_at_high",
        "swing",
        "rank_correlation",
    ])?;
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for i in &report.inputs {
        let kind = match i.kind {
            InputKind::Distribution => "distribution",
            InputKind::Vary => "vary",
        };
        w.write_record([
            i.key.clone(),
            i.label.clone(),
            kind.to_string(),
            i.low.to_string(),
            i.high.to_string(),
            cell(i.median_at_low),
            cell(i.median_at_high),
            cell(i.swing),
            cell(i.rank_correlation),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Control, simulate};
    use crate::scenario::parse;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), [1.0, 4.0, 2.5, 2.5]);
    }

    #[test]
    fn spearman_of_monotone_and_reversed_and_constant() {
        let x: Vec<f64> = (0..50).map(f64::from).collect();
        let up: Vec<Option<f64>> = x.iter().map(|v| Some(v.exp())).collect();
        let down: Vec<Option<f64>> = x.iter().map(|v| Some(-v * v)).collect();
        assert!((spearman(&x, &up).unwrap() - 1.0).abs() < 1e-12);
        assert!((spearman(&x, &down).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&x, &vec![Some(1.0); 50]), None);
        assert_eq!(spearman(&x[..2], &up[..2]), None);
    }

    #[test]
    fn inputs_rank_by_swing() {
        let effect = |key: &str, swing: Option<f64>| InputEffect {
            key: key.into(),
            label: key.into(),
            kind: InputKind::Distribution,
            low: 0.0,
            high: 1.0,
            median_at_low: None,
            median_at_high: None,
            swing,
            rank_correlation: None,
        };
        let mut inputs = vec![effect("a", Some(1.0)), effect("b", None), effect("c", Some(5.0))];
        rank(&mut inputs);
        let keys: Vec<&str> = inputs.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["c", "a", "b"]);
    }

    #[test]
    fn drawn_values_are_the_values_the_engine_used() {
        // With churn the only uncertain input and no arrivals, pinning churn to the value
        // trajectory i drew must reproduce trajectory i exactly.
        let text = "name = \"t\"\nhorizon_months = 6\ntrajectories = 40\nseed = 7\n[reseller]\n\
                    initial_customers = { a = 30 }\narrivals = 0\nchurn = { beta = [2, 18] }\n\
                    [reseller.tiers.a]\nmarkup = 0.2\nminimum = 0\nspend = 100\n";
        let scenario = parse(text, "t.toml").unwrap();
        let inputs = uncertain_inputs(&scenario);
        assert_eq!(inputs.len(), 1);
        let drawn = drawn_values(&scenario, inputs[0], 40);
        let free = simulate(&scenario, &Control::default()).unwrap();
        let row = crate::engine::Layout::metric_row(crate::metric::Metric::ActiveCustomers).unwrap();
        for i in [0, 17, 39] {
            let pins = [("reseller.churn".to_string(), drawn[i])];
            let pinned = simulate(&scenario, &Control { pins: &pins, ..Control::default() }).unwrap();
            assert_eq!(pinned.path(row, i), free.path(row, i), "trajectory {i}");
        }
        let (low, high) = low_high(inputs[0]).unwrap();
        assert!(0.0 < low && low < 0.1 && 0.1 < high && high < 0.3, "{low} {high}");
    }
}
