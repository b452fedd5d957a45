//! The target annotation of a fan chart: the dashed line at the goal, a marker at the
//! month the target is asked about, and one label saying both probabilities plainly
//! ("target $700 · P(in month 12) = 74.9% · P(by month 12) = 93.3%"). The label goes
//! where it covers no band, no actual value and, if possible, no line; when no such place
//! exists on the plot, the fan chart moves it into the legend instead.

use plotters::prelude::DrawingBackend;

use super::frame::{Canvas, Rect};
use super::guides::Plot;
use super::marks::band_outlines;
use super::place::{Obstacle, first_free};
use super::style::sizes;
use super::{BandValues, ChartError, MonthlyBands};

/// A horizontal target line: the goal, the month it is asked about, and the two
/// probabilities the label states ("target $700 · P(in month 12) = 74.9% · P(by month
/// 12) = 93.3%"). The chart writes the probabilities; the caller passes numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetLine {
    /// Where the line sits, in the chart's unit.
    pub value: f64,
    /// The goal in words, first in the label, e.g. "target $700".
    pub label: String,
    /// The month the target is asked about (marked on the line); `None` for no marker
    /// and no probabilities in the label.
    pub month: Option<u32>,
    /// P(metric ≥ value in that month), 0..=1.
    pub probability_in_month: Option<f64>,
    /// P(metric ≥ value in some month up to and including it), 0..=1.
    pub probability_by_month: Option<f64>,
}

impl TargetLine {
    /// A target line with only its label (no month, no probabilities).
    pub fn new(value: f64, label: impl Into<String>) -> Self {
        TargetLine { value, label: label.into(), ..TargetLine::default() }
    }
}

/// What a target label must keep clear of: the fan chart's bands, history and paths.
pub(crate) struct Scene<'a> {
    pub target: Option<&'a TargetLine>,
    pub bands: &'a MonthlyBands,
    pub actuals: &'a [(u32, f64)],
    pub paths: &'a [Vec<Option<f64>>],
}

/// A probability for a label: one decimal, never a rounded 0% or 100% for something that
/// is merely rare or near-certain.
pub(crate) fn probability(p: f64) -> String {
    match p {
        p if !p.is_finite() => "n/a".to_string(),
        p if p > 0.0 && p < 0.0005 => "<0.1%".to_string(),
        p if p > 0.9995 && p < 1.0 => ">99.9%".to_string(),
        p => format!("{:.1}%", p * 100.0),
    }
}

impl TargetLine {
    /// The label's parts: the caller's label, then P(in month m) and P(by month m) when
    /// the month and the probabilities are given.
    pub(crate) fn parts(&self) -> Vec<String> {
        let mut parts = vec![self.label.clone()];
        if let Some(month) = self.month {
            if let Some(p) = self.probability_in_month {
                parts.push(format!("P(in month {month}) = {}", probability(p)));
            }
            if let Some(p) = self.probability_by_month {
                parts.push(format!("P(by month {month}) = {}", probability(p)));
            }
        }
        parts.retain(|p| !p.trim().is_empty());
        parts
    }

    /// The whole label on one line.
    pub(crate) fn text(&self) -> String {
        self.parts().join(" · ")
    }
}

type Pick = fn(&BandValues) -> Option<f64>;

/// A label's lines and its padded box on the plot.
pub(crate) struct Placed {
    pub lines: Vec<String>,
    pub bounds: Rect,
}

fn line_height<DB: DrawingBackend>(canvas: &Canvas<'_, DB>) -> i32 {
    canvas.style.px(sizes::ANNOTATION * 1.3)
}

/// The label as one line if it takes at most 70% of the plot's width, else two lines
/// (the goal, then the probabilities).
fn lines<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    target: &TargetLine,
    width: i32,
) -> Result<Vec<String>, ChartError> {
    let style = canvas.style.text(sizes::ANNOTATION, canvas.style.palette.text);
    let one = target.text();
    if canvas.text_size(&one, &style)?.0 * 10 <= width * 7 {
        return Ok(vec![one]);
    }
    let parts = target.parts();
    Ok(match parts.split_first() {
        Some((goal, rest)) if !rest.is_empty() => vec![goal.clone(), rest.join(" · ")],
        _ => vec![one],
    })
}

/// The target's marker point (its month on its line), if the month is on the axis.
pub(crate) fn marker_at(plot: &Plot, target: &TargetLine) -> Option<(i32, i32)> {
    let month = f64::from(target.month?);
    let (lo, hi) = plot.x_range();
    (month >= lo && month <= hi).then(|| plot.at(month, target.value))
}

/// The obstacles a target label must avoid, the strict set (with lines) and the
/// relaxed one (bands, dots and the marker only).
fn obstacles(canvas_px: impl Fn(f64) -> i32, plot: &Plot, chart: &Scene<'_>) -> (Vec<Obstacle>, Vec<Obstacle>) {
    let months: Vec<_> = chart.bands.iter().map(|(m, b)| (f64::from(m), b)).collect();
    let mut relaxed = Vec::new();
    let pairs: [(Pick, Pick); 2] = [(|b| b.p5, |b| b.p95), (|b| b.p25, |b| b.p75)];
    for (lo, hi) in pairs {
        let points: Vec<_> = months.iter().map(|(m, b)| (*m, lo(b), hi(b))).collect();
        relaxed.extend(band_outlines(plot, &points, canvas_px(4.0)).into_iter().map(Obstacle::Polygon));
    }
    let r = canvas_px(10.0);
    for &(month, value) in chart.actuals.iter().filter(|a| a.1.is_finite()) {
        let (x, y) = plot.at(f64::from(month), value);
        relaxed.push(Obstacle::Box(Rect { left: x - r, top: y - r, right: x + r, bottom: y + r }));
    }
    if let Some((x, y)) = chart.target.and_then(|t| marker_at(plot, t)) {
        relaxed.push(Obstacle::Box(Rect { left: x - r, top: y - 2 * r, right: x + r, bottom: y + 2 * r }));
    }
    let mut strict = relaxed.clone();
    let series = |pick: Pick| {
        let points = months.iter().map(|(m, b)| (*m, pick(b)));
        super::frame::defined_runs(points)
    };
    let mut runs = series(|b| b.p50);
    runs.extend(series(|b| b.mean));
    for path in chart.paths {
        runs.extend(super::frame::defined_runs((chart.bands.first_month..).zip(path).map(|(m, v)| (f64::from(m), *v))));
    }
    for run in runs {
        strict.push(Obstacle::Line(run.iter().map(|&(x, y)| plot.at(x, y)).collect()));
    }
    (strict, relaxed)
}

/// Finds a place for the target label on the plot: just above or below the line, as
/// near the month marker (or the left edge) as possible, covering no band.
pub(crate) fn place<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    chart: &Scene<'_>,
) -> Result<Option<Placed>, ChartError> {
    let Some(target) = chart.target.filter(|t| t.value.is_finite()) else {
        return Ok(None);
    };
    let s = &canvas.style;
    let r = plot.rect;
    let lines = lines(canvas, target, r.right - r.left)?;
    let style = s.text(sizes::ANNOTATION, s.palette.text);
    let (w, h) = canvas.block_size(&lines, &style, line_height(canvas))?;
    let (pad, gap) = (s.px(5.0), s.px(6.0));
    let (bw, bh) = (w + 2 * pad, h + 2 * pad);
    let y = plot.y(target.value);
    let preferred = marker_at(plot, target).map_or(r.left + bw / 2 + s.px(12.0), |(x, _)| x);
    let step = (bw / 12).max(4);
    let mut lefts: Vec<i32> = (r.left + s.px(4.0)..=r.right - bw).step_by(step as usize).collect();
    lefts.sort_by_key(|l| (l + bw / 2 - preferred).abs());
    // Rows just above and below the line first, then further away (a leader joins them).
    let row = (bh / 2).max(4);
    let rows = (r.bottom - r.top) / row + 1;
    let tops: Vec<i32> = (0..rows).flat_map(|k| [y - gap - bh - k * row, y + gap + k * row]).collect();
    let candidates: Vec<Rect> = tops
        .iter()
        .flat_map(|&top| lefts.iter().map(move |&left| Rect { left, top, right: left + bw, bottom: top + bh }))
        .collect();
    let (strict, relaxed) = obstacles(|v| s.px(v), plot, chart);
    let found = first_free(candidates.iter().copied(), &r, &strict).or_else(|| first_free(candidates, &r, &relaxed));
    Ok(found.map(|bounds| Placed { lines, bounds }))
}

/// Draws the target line, the month marker and (when placed) the label.
pub(crate) fn draw<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    target: &TargetLine,
    placed: Option<&Placed>,
) -> Result<(), ChartError> {
    if !target.value.is_finite() {
        return Ok(());
    }
    let (p, s) = (canvas.style.palette, canvas.style);
    let (r, y) = (plot.rect, plot.y(target.value));
    canvas.dashed(&[(r.left, y), (r.right, y)], p.accent, 2.0)?;
    let marker = marker_at(plot, target);
    if let Some(placed) = placed {
        let b = placed.bounds;
        let (edge, to) = match marker {
            Some((mx, my)) => ((mx.clamp(b.left, b.right), if b.bottom < my { b.bottom } else { b.top }), (mx, my)),
            None => {
                let x = (b.left + b.right) / 2;
                ((x, if b.bottom < y { b.bottom } else { b.top }), (x, y))
            }
        };
        let distance = (edge.1 - to.1).abs().max((edge.0 - to.0).abs());
        if distance > s.px(24.0) {
            canvas.line(&[edge, to], p.muted, 1.5)?;
        }
    }
    if let Some((x, y)) = marker {
        canvas.line(&[(x, y - s.px(16.0)), (x, y + s.px(16.0))], p.accent, 3.0)?;
        canvas.ring((x, y), p.accent, 7.0)?;
    }
    if let Some(placed) = placed {
        let style = s.text(sizes::ANNOTATION, p.text);
        canvas.label_block(&placed.lines, placed.bounds, &style, line_height(canvas))?;
    }
    Ok(())
}
