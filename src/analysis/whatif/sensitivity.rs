//! Sensitivity of one output to the scenario's uncertain inputs: for each input, the
//! output's median with the input pinned at its own p10 and at its p90 (everything else
//! sampled as usual, with the same random numbers), ranked by the swing between the two;
//! and the Spearman rank correlation, across trajectories, between the value the input
//! drew and the output. `--vary` swings run the scenario at their first and last value.
//!
//! The drawn values are re-derived with the engine's own [`Resolver`] on the engine's own
//! streams, so they are exactly the values the trajectories used. [`Sensitivity::run`]
//! returns the [`SensitivityReport`].

use thiserror::Error;

use super::vary::{VariantError, VarySpec, load_variants};
use crate::distribution::Param;
use crate::engine::resolve::Resolver;
use crate::engine::rng::Streams;
use crate::engine::{Cancelled, Monitor, Pins, simulate};
use crate::metric::SeriesKey;
use crate::report::sensitivity::{InputEffect, InputKind, SensitivityReport};
use crate::scenario::keys::range_label;
use crate::scenario::{Override, Scenario, ScenarioFile};
use crate::stats::{Percentile, percentiles, spearman};
use crate::summarize::series::{source_of, values as series_values};

/// Why a sensitivity analysis cannot run.
#[derive(Debug, Error)]
pub enum SensitivityError {
    #[error(
        "{0} has no uncertain inputs: every parameter is a fixed number. Give some as distributions \
         (e.g. churn = {{ ci90 = [0.05, 0.15] }}) or add swings with --vary KEY=LOW,HIGH"
    )]
    NoInputs(String),
    #[error("bad --vary `{key}`: a sensitivity swing needs a numeric low and high value, e.g. {key}=0.05,0.15")]
    Swing { key: String },
    #[error(transparent)]
    Variant(#[from] VariantError),
}

/// One `--vary` swing, its two ends loaded and validated.
#[derive(Debug, Clone)]
pub struct Swing {
    spec: VarySpec,
    low: Scenario,
    high: Scenario,
}

/// Each `--vary` as a swing from its first to its last value, both ends loaded from `file`
/// with `base` overrides and validated.
///
/// # Errors
/// A spec without numeric ends, or ends that fail validation.
pub fn swings(file: &ScenarioFile, base: &[Override], specs: Vec<VarySpec>) -> Result<Vec<Swing>, SensitivityError> {
    let mut out = Vec::new();
    for spec in specs {
        let (Some(first), Some(last)) = (spec.values.first(), spec.values.last()) else { continue };
        if spec.values.len() < 2 || first.number.is_none() || last.number.is_none() {
            return Err(SensitivityError::Swing { key: spec.key.clone() });
        }
        let ends = VarySpec { key: spec.key.clone(), values: vec![first.clone(), last.clone()] };
        let mut loaded = load_variants(file, base, std::slice::from_ref(&ends))?;
        let (Some(high), Some(low)) = (loaded.pop(), loaded.pop()) else { continue };
        out.push(Swing { spec, low: low.scenario, high: high.scenario });
    }
    Ok(out)
}

/// A validated analysis: a scenario with uncertain inputs or swings, one output.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    scenario: Scenario,
    swings: Vec<Swing>,
    metric: SeriesKey,
    /// 0-based month of the output.
    month: usize,
}

impl Sensitivity {
    /// # Errors
    /// [`SensitivityError::NoInputs`] (naming `source`) when there is nothing to rank.
    pub fn new(
        scenario: Scenario,
        swings: Vec<Swing>,
        metric: SeriesKey,
        month: usize,
        source: &str,
    ) -> Result<Self, SensitivityError> {
        if scenario.uncertain_parameters().is_empty() && swings.is_empty() {
            return Err(SensitivityError::NoInputs(source.to_string()));
        }
        Ok(Self { scenario, swings, metric, month })
    }

    /// Runs the baseline, each input at its low and high end, and ranks the inputs.
    ///
    /// # Errors
    /// [`Cancelled`] when the monitor stopped a run.
    pub fn run(&self, monitor: &impl Monitor) -> Result<SensitivityReport, Cancelled> {
        let scenario = &self.scenario;
        let output = |s: &Scenario, pins: &Pins, label: &str| -> Result<Vec<Option<f64>>, Cancelled> {
            let outcomes =
                monitor.watch(label, s.trajectories(), |c| simulate(s, &crate::engine::Control { pins, ..*c }))?;
            let source = source_of(s, &outcomes.layout, &self.metric);
            Ok(source.map_or_else(Vec::new, |source| series_values(&outcomes, source, self.month)))
        };
        let baseline = output(scenario, &[], scenario.name())?;
        let inputs = scenario.uncertain_parameters();
        let mut effects = Vec::with_capacity(inputs.len() + self.swings.len());
        for param in inputs {
            let (Some(key), Some((low, high))) = (param.key(), low_high(param)) else { continue };
            let at_low = median(&output(scenario, &[(key.to_string(), low)], &format!("{key} at p10"))?);
            let at_high = median(&output(scenario, &[(key.to_string(), high)], &format!("{key} at p90"))?);
            let drawn = drawn_values(scenario, param, scenario.trajectories());
            effects.push(effect(
                key,
                InputKind::Distribution,
                (low, high),
                (at_low, at_high),
                spearman(&drawn, &baseline),
            ));
        }
        for swing in &self.swings {
            let ends = |i: usize| swing.spec.values[i].number.unwrap_or(f64::NAN);
            let at_low = median(&output(&swing.low, &[], &format!("{} low", swing.spec.key))?);
            let at_high = median(&output(&swing.high, &[], &format!("{} high", swing.spec.key))?);
            let last = swing.spec.values.len() - 1;
            effects.push(effect(&swing.spec.key, InputKind::Vary, (ends(0), ends(last)), (at_low, at_high), None));
        }
        rank(&mut effects);
        Ok(SensitivityReport {
            seed: scenario.seed(),
            trajectories: scenario.trajectories(),
            horizon_months: scenario.horizon_months(),
            months: scenario.months(),
            metric: self.metric.clone(),
            month: scenario.start_month() + self.month as u32,
            date: scenario
                .calendar()
                .and_then(|c| c.date(scenario.start_month() + self.month as u32))
                .map(|d| d.to_string()),
            calendar: scenario.calendar(),
            baseline_median: median(&baseline),
            inputs: effects,
        })
    }
}

fn effect(
    key: &str,
    kind: InputKind,
    (low, high): (f64, f64),
    (median_at_low, median_at_high): (Option<f64>, Option<f64>),
    rank_correlation: Option<f64>,
) -> InputEffect {
    InputEffect {
        key: key.to_string(),
        label: range_label(key, low, high),
        kind,
        low,
        high,
        median_at_low,
        median_at_high,
        swing: median_at_low.zip(median_at_high).map(|(a, b)| (b - a).abs()),
        rank_correlation,
    }
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

/// The value `param` took in each of the first `trajectories` trajectories of a run of
/// `scenario` without pins, derived exactly as the engine derives it.
pub fn drawn_values(scenario: &Scenario, param: &Param, trajectories: usize) -> Vec<f64> {
    (0..trajectories)
        .map(|i| {
            let streams = Streams::new(scenario.seed(), i as u64);
            Resolver::new(scenario, &streams, &[]).value(param)
        })
        .collect()
}

/// The p10 and p90 of an uncertain parameter, within its valid range.
pub fn low_high(param: &Param) -> Option<(f64, f64)> {
    param.is_uncertain().then(|| (param.quantile(0.1), param.quantile(0.9)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Control, simulate};
    use crate::scenario::parse;

    #[test]
    fn effects_label_their_range_and_measure_the_swing() {
        let e = effect("reseller.churn", InputKind::Distribution, (0.05, 0.15), (Some(900.0), Some(400.0)), Some(-0.7));
        assert_eq!(e.label, "churn 5% – 15%");
        assert_eq!(e.swing, Some(500.0));
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
        let inputs = scenario.uncertain_parameters();
        assert_eq!(inputs.len(), 1);
        let drawn = drawn_values(&scenario, inputs[0], 40);
        let free = simulate(&scenario, &Control::default()).unwrap();
        let row = crate::engine::Layout::row(crate::metric::Stored::ActiveCustomers);
        for i in [0, 17, 39] {
            let pins = [("reseller.churn".to_string(), drawn[i])];
            let pinned = simulate(&scenario, &Control { pins: &pins, ..Control::default() }).unwrap();
            assert_eq!(pinned.path(row, i), free.path(row, i), "trajectory {i}");
        }
        let (low, high) = low_high(inputs[0]).unwrap();
        assert!(0.0 < low && low < 0.1 && 0.1 < high && high < 0.3, "{low} {high}");
    }
}
