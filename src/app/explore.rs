//! `run --explore KEY=LOW..HIGH:POINTS` (one or two keys, at most [`MAX_POINTS`] values
//! each, in the `--vary` grammar): a grid of runs made in advance, every point with the
//! same seed and trajectories as the run (common random numbers, so moving a slider shows
//! the setting's effect, not sampling noise), and each point's numbers those of
//! `run --set KEY=VALUE` at that point. What the page draws is stored ([`ExploreData`]):
//! the lead metric's percentiles and mean, to the cent, and each target's chances, so a
//! 15 × 15 grid stays a page of a few hundred kilobytes. The explorable page itself is
//! `export::html`'s; its static chart of the file's own values is drawn here.

use indexmap::IndexMap;
use serde::Serialize;

use super::error::Error;
use super::view::{Source, View, number_at};
use super::{Monitor, html};
use crate::analysis::whatif::vary::{Variant, VarySpec, check_key, cross_product};
use crate::chart::style::css_properties;
use crate::chart::{ChartOptions, Theme};
use crate::export::html::{Explorable, InlineFigure};
use crate::metric::{Metric, SeriesKey};
use crate::present::charts::Figure;
use crate::report::RunReport;
use crate::scenario::Override;
use crate::scenario::keys::{key_words, unit_of};
use crate::stats::{Percentile, Proportion};
use crate::summarize::{self, RunPlan};
use crate::text::number::{chance, thousands};

/// Most keys an explorable has a slider for.
pub const MAX_KEYS: usize = 2;
/// Most values a slider takes.
pub const MAX_POINTS: usize = 15;
/// The file `run --explore` writes.
pub const EXPLORE: &str = "explore.html";
/// The size the static chart of the file's own values is drawn at (a blog column's).
const FALLBACK: (u32, u32) = (640, 480);

/// The grid to run, checked and loaded.
#[derive(Debug, Clone)]
pub struct ExploreInput {
    pub specs: Vec<VarySpec>,
    /// One scenario per point, the last key varying fastest.
    pub variants: Vec<Variant>,
    /// Each key's value in the run itself (its `--set`, else the file's), where it is a number.
    pub own: Vec<Option<f64>>,
}

/// Parses `--explore` specs: one or two keys, numbers only, at most [`MAX_POINTS`] each.
///
/// # Errors
/// [`Error::Usage`] naming the spec and what is allowed.
pub fn specs(texts: &[String]) -> Result<Vec<VarySpec>, Error> {
    if texts.len() > MAX_KEYS {
        return Err(Error::Usage(format!(
            "--explore was given {} times; an explorable has at most {MAX_KEYS} sliders (one or two keys)",
            texts.len()
        )));
    }
    let mut specs: Vec<VarySpec> = Vec::new();
    for text in texts {
        let bad = |reason: String| Error::Usage(format!("bad --explore `{text}`: {reason}"));
        let spec: VarySpec = text.parse().map_err(|e: crate::analysis::whatif::vary::VaryError| bad(e.reason))?;
        if spec.values.len() > MAX_POINTS {
            return Err(bad(format!("{} values; a slider takes at most {MAX_POINTS}", spec.values.len())));
        }
        if let Some(v) = spec.values.iter().find(|v| v.number.is_none()) {
            return Err(bad(format!("`{}` is not a number; a slider moves over numbers", v.toml)));
        }
        if super::view::RUN_SHAPE.contains(&spec.key.as_str()) {
            return Err(bad(format!(
                "every point runs with the run's {}, so that they share their random numbers; set it for all with \
                 --seed, -n, --months or --start-month",
                spec.key
            )));
        }
        if specs.iter().any(|s| s.key == spec.key) {
            return Err(bad("this key has a slider already; give each key once".into()));
        }
        specs.push(spec);
    }
    Ok(specs)
}

/// Loads every point of the grid: the run's own overrides (`base`), then the point's.
///
/// # Errors
/// A key the scenario cannot have, or a value its validation refuses (the message names
/// `--explore KEY=VALUE`), before anything runs.
pub fn grid(source: &Source, base: &[Override], specs: Vec<VarySpec>) -> Result<ExploreInput, Error> {
    for spec in &specs {
        check_key(source.text(), &spec.key).map_err(|p| Error::Usage(format!("--explore {}: {}", p.key, p.reason)))?;
    }
    let combinations =
        cross_product(&specs).map_err(|e| Error::Usage(format!("bad --explore `{}`: {}", e.spec, e.reason)))?;
    let mut variants = Vec::with_capacity(combinations.len());
    for combination in combinations {
        let mut overrides = base.to_vec();
        overrides.extend(combination.overrides.into_iter().map(|o| Override { flag: "--explore".into(), ..o }));
        let scenario = source.scenario_with(&overrides)?;
        variants.push(Variant {
            label: combination.label,
            scenario,
            indices: combination.indices,
            numbers: combination.numbers,
        });
    }
    let own = specs
        .iter()
        .map(|s| {
            let given = base.iter().rev().find(|o| o.dotted_key() == s.key).and_then(|o| o.value.parse::<f64>().ok());
            given.or_else(|| number_at(source.text(), &s.key))
        })
        .collect();
    Ok(ExploreInput { specs, variants, own })
}

/// Everything the explorable's page reads: `{"keys": [...], "sliders": [...], "view":
/// {...}, "points": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExploreData {
    /// The varied keys, in slider order.
    pub keys: Vec<String>,
    pub sliders: Vec<Slider>,
    pub view: View,
    /// One per point of the grid, the last key varying fastest.
    pub points: Vec<Point>,
}

/// One slider: a key's values in order and their labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slider {
    pub key: String,
    /// "churn".
    pub label: String,
    pub values: Vec<f64>,
    /// "5%", "7.5%", ...
    pub labels: Vec<String>,
    /// The value the slider starts at: the one nearest the run's own.
    pub start: usize,
}

/// One point of the grid: its values and what the page draws there, shaped as in
/// `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub set: IndexMap<String, f64>,
    pub metrics: IndexMap<String, Bands>,
    pub targets: Vec<PointTarget>,
}

/// The lead metric's mean and percentiles month by month, to the cent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bands {
    pub mean: Vec<Option<f64>>,
    pub p5: Vec<Option<f64>>,
    pub p25: Vec<Option<f64>>,
    pub p50: Vec<Option<f64>>,
    pub p75: Vec<Option<f64>>,
    pub p95: Vec<Option<f64>>,
}

/// A target's chances at one point, as `summary.json`'s targets give them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointTarget {
    pub metric: SeriesKey,
    pub at_least: f64,
    pub month: u32,
    pub probability_at_month: Option<Chance>,
    pub probability_by_month: Option<Chance>,
}

/// A probability as `summary.json` writes it, without its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Chance {
    pub probability: f64,
}

/// A value to the cent: what the page can show of an amount.
pub fn cents(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 100.0).round() / 100.0)
}

/// Runs every point of the grid (each as `run --set` would, with the run's `plan`) and
/// keeps what the page draws.
///
/// # Errors
/// [`Error::Interrupted`] when the monitor stopped a run.
pub(super) fn run_grid(
    input: &ExploreInput,
    lead: Metric,
    view: View,
    levels: &[Percentile],
    plan: &RunPlan,
    monitor: &impl Monitor,
) -> Result<ExploreData, Error> {
    let mut points = Vec::with_capacity(input.variants.len());
    for variant in &input.variants {
        let scenario = &variant.scenario;
        let output = monitor.watch(&variant.label, scenario.trajectories(), |control| {
            summarize::run(scenario, "", levels, control, plan)
        })?;
        let set = input.specs.iter().zip(&variant.numbers).map(|(s, n)| (s.key.clone(), n.unwrap_or(f64::NAN)));
        points.push(point(set.collect(), &output.report, lead));
    }
    let sliders = input
        .specs
        .iter()
        .zip(&input.own)
        .map(|(spec, own)| {
            let values: Vec<f64> = spec.values.iter().filter_map(|v| v.number).collect();
            let unit = unit_of(&spec.key);
            let start = own.map_or(values.len() / 2, |own| nearest(&values, own));
            Slider {
                key: spec.key.clone(),
                label: key_words(&spec.key),
                labels: values.iter().map(|v| crate::text::number::group_digits(&unit.exact(*v))).collect(),
                values,
                start,
            }
        })
        .collect();
    Ok(ExploreData { keys: input.specs.iter().map(|s| s.key.clone()).collect(), sliders, view, points })
}

fn nearest(values: &[f64], own: f64) -> usize {
    let distance = |v: &f64| (v - own).abs();
    (0..values.len()).min_by(|&a, &b| distance(&values[a]).total_cmp(&distance(&values[b]))).unwrap_or(0)
}

/// What the page draws at one point.
fn point(set: IndexMap<String, f64>, report: &RunReport, lead: Metric) -> Point {
    let mut metrics = IndexMap::new();
    if let Some(summary) = report.metric(lead) {
        let level =
            |p: Percentile| summary.percentile(p).map_or_else(Vec::new, |s| s.iter().map(|v| cents(*v)).collect());
        metrics.insert(
            lead.key().to_string(),
            Bands {
                mean: summary.mean.iter().map(|v| cents(*v)).collect(),
                p5: level(Percentile::P5),
                p25: level(Percentile::P25),
                p50: level(Percentile::P50),
                p75: level(Percentile::P75),
                p95: level(Percentile::P95),
            },
        );
    }
    let chance_of = |p: Option<Proportion>| p.map(|p| Chance { probability: p.probability });
    let targets = report
        .targets
        .iter()
        .map(|t| PointTarget {
            metric: t.metric.clone(),
            at_least: t.at_least,
            month: t.month,
            probability_at_month: chance_of(t.probability_at_month),
            probability_by_month: chance_of(t.probability_by_month),
        })
        .collect();
    Point { set, metrics, targets }
}

/// The explorable of a run: its data, its words for the file's own values (what a reader
/// without a script sees) and the static chart of them, drawn from `figure`, the run's
/// lead fan.
///
/// # Errors
/// [`Error::Encode`] (never for these types) or [`Error::Chart`] for the static chart.
pub(super) fn explorable(
    data: &ExploreData,
    report: &RunReport,
    lead: Metric,
    figure: Option<&(String, Figure)>,
) -> Result<Explorable, Error> {
    let json = serde_json::to_string(data)
        .map_err(|e| Error::Encode { what: "the explorable's data", message: e.to_string() })?;
    let view = &data.view;
    let own = point(IndexMap::new(), report, lead);
    let fallback = figure.map(static_chart).transpose()?;
    let lead_target = view.targets.iter().position(|t| t.metric == view.lead.key);
    Ok(Explorable {
        data: json,
        palette: css_properties(Theme::Light),
        message: message(view, &own, lead_target),
        subtitle: format!(
            "{} · {} trajectories · seed {} · bands are month-by-month percentiles",
            view.scenario,
            thousands(view.trajectories as u64),
            view.seed
        ),
        targets: view.targets.iter().zip(&own.targets).map(|(t, p)| target_sentence(&t.label, t.month, p)).collect(),
        note: format!(
            "Each position of the sliders is a run of {} futures made in advance, all with the same random numbers \
             (seed {}), so what moves is the setting's effect, not chance; the grid has {} runs. The numbers are \
             those of sidecast run --set at each position, amounts to the cent.",
            thousands(view.trajectories as u64),
            view.seed,
            data.points.len()
        ),
        caption: view.caption.clone(),
        fallback,
        has_target: lead_target.is_some(),
    })
}

/// The chart's message, as the page's script words it.
fn message(view: &View, point: &Point, lead_target: Option<usize>) -> String {
    if let Some(i) = lead_target {
        let t = &view.targets[i];
        let p = point.targets.get(i).and_then(|p| p.probability_at_month).map(|c| c.probability);
        return format!("{} reaches {} in month {} in {} futures", view.lead.label, t.goal, t.month, chance(p));
    }
    let last = point.metrics.get(&view.lead.key).and_then(|b| b.p50.last().copied().flatten());
    let month = view.months.last().copied().unwrap_or(0);
    format!(
        "{}: median {} in month {month}",
        view.lead.label,
        crate::text::Unit::Dollars.format_value(last.unwrap_or(f64::NAN))
    )
}

/// One target's chances in words, as the page's script words them.
fn target_sentence(label: &str, month: u32, p: &PointTarget) -> String {
    let at = chance(p.probability_at_month.map(|c| c.probability));
    let by = chance(p.probability_by_month.map(|c| c.probability));
    format!("{label}: {at} futures; {by} reach it at least once by month {month}.")
}

/// The static chart of the file's own values, in the light theme at a blog column's size.
fn static_chart((stem, figure): &(String, Figure)) -> Result<InlineFigure, Error> {
    let options = ChartOptions { width: FALLBACK.0, height: FALLBACK.1, scale: 1.0, theme: Theme::Light, text: 1.0 };
    html::figure(stem, figure, &options, None)
        .map_err(|source| Error::Chart { name: format!("{stem} in {EXPLORE}"), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_take_one_or_two_numeric_keys_of_at_most_15_values() {
        let ok = specs(&["reseller.churn=0.05..0.2:7".into(), "reseller.arrivals=0.5..3:6".into()]).unwrap();
        assert_eq!((ok[0].values.len(), ok[1].values.len()), (7, 6));
        let cases = [
            (vec!["reseller.churn=0.05..0.2:16"], "at most 15"),
            (vec!["a=1,2", "b=1,2", "c=1,2"], "at most 2 sliders"),
            (vec!["reseller.churn={ beta = [2, 18] },0.1"], "not a number"),
            (vec!["seed=1..5:5"], "share their random numbers"),
            (vec!["reseller.churn=0.1,0.2", "reseller.churn=0.3,0.4"], "give each key once"),
            (
                vec!["reseller.churn=0.05..0.2"],
                "bad --explore `reseller.churn=0.05..0.2`: the range has no number of points",
            ),
        ];
        for (texts, expected) in cases {
            let texts: Vec<String> = texts.into_iter().map(String::from).collect();
            let error = specs(&texts).unwrap_err().to_string();
            assert!(error.contains(expected), "{texts:?}: {error}");
        }
    }

    #[test]
    fn amounts_are_kept_to_the_cent() {
        assert_eq!(cents(Some(1234.5678)), Some(1234.57));
        assert_eq!(cents(Some(-0.004)), Some(-0.0));
        assert_eq!(cents(None), None);
        assert_eq!(nearest(&[0.05, 0.075, 0.1, 0.125], 0.1), 2);
    }
}
