//! The target annotation of a fan chart: the dashed line at the goal, a marker at the
//! month the target is asked about, and one label saying both chances in frequency words
//! ("target $700 · in Jun 2027: 28 in 100 futures · by then: 40 in 100"). The label goes
//! where it covers no band, no actual value, no other label and, if possible, no line;
//! when no such place exists on the plot, the fan chart moves it into the legend instead.

use plotters::prelude::DrawingBackend;

use super::boxes::Rect;
use super::frame::Canvas;
use super::guides::Plot;
use super::place::{Obstacle, first_free};
use super::style::sizes;
use super::{ChartError, Timeline};
use crate::text::number::chance;

/// A horizontal target line: the goal, the month it is asked about, and the two
/// chances the label states in frequency words ("target $700 · in month 12: 75 in 100
/// futures · by then: 93 in 100"). The chart writes the chances; the caller passes numbers.
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

/// What labels on a plot must keep clear of: the strict set (with lines) and the relaxed
/// one (bands, dots, other labels: what a label must never cover).
#[derive(Debug, Clone, Default)]
pub(crate) struct Avoid {
    pub strict: Vec<Obstacle>,
    pub relaxed: Vec<Obstacle>,
}

impl Avoid {
    /// Something no label may cover (a band, a dot, another label).
    pub fn always(&mut self, obstacle: Obstacle) {
        self.strict.push(obstacle.clone());
        self.relaxed.push(obstacle);
    }

    /// Something a label had better not cover (a line), when there is room elsewhere.
    pub fn if_possible(&mut self, obstacle: Obstacle) {
        self.strict.push(obstacle);
    }

    /// The first candidate inside `area` clear of the strict set, else of the relaxed one.
    pub fn first_free(&self, candidates: &[Rect], area: &Rect) -> Option<Rect> {
        first_free(candidates.iter().copied(), area, &self.strict)
            .or_else(|| first_free(candidates.iter().copied(), area, &self.relaxed))
    }
}

impl TargetLine {
    /// The label's parts: the caller's label, then the chance in the month and by it, in
    /// frequency words, when the month and the probabilities are given.
    pub(crate) fn parts(&self, timeline: &Timeline) -> Vec<String> {
        let mut parts = vec![self.label.clone()];
        if let Some(month) = self.month {
            let when = timeline.month(month);
            if let Some(p) = self.probability_in_month {
                parts.push(format!("in {when}: {} futures", chance(Some(p))));
            }
            if let Some(p) = self.probability_by_month {
                let by = if self.probability_in_month.is_some() { "by then".to_string() } else { format!("by {when}") };
                parts.push(format!("{by}: {}", chance(Some(p))));
            }
        }
        parts.retain(|p| !p.trim().is_empty());
        parts
    }

    /// The whole label on one line.
    pub(crate) fn text(&self, timeline: &Timeline) -> String {
        self.parts(timeline).join(" · ")
    }

    /// The label for a legend on a small canvas: the goal and the chance in its month only
    /// ("target $700: 75 in 100 futures in Dec 2026").
    pub(crate) fn short_text(&self, timeline: &Timeline) -> String {
        match (self.month, self.probability_in_month) {
            (Some(month), Some(p)) => {
                format!("{}: {} futures in {}", self.label, chance(Some(p)), timeline.month(month))
            }
            _ => self.text(timeline),
        }
    }
}

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
    timeline: &Timeline,
    width: i32,
) -> Result<Vec<String>, ChartError> {
    let style = canvas.style.text(sizes::ANNOTATION, canvas.style.palette.text);
    let one = target.text(timeline);
    if canvas.text_size(&one, &style)?.0 * 10 <= width * 7 {
        return Ok(vec![one]);
    }
    let parts = target.parts(timeline);
    let two = match parts.split_first() {
        Some((goal, rest)) if !rest.is_empty() => vec![goal.clone(), rest.join(" · ")],
        _ => vec![one],
    };
    let fits =
        |lines: &[String]| -> Result<bool, ChartError> { Ok(canvas.block_size(lines, &style, 1)?.0 * 10 <= width * 7) };
    if fits(&two)? || parts.len() < 3 {
        return Ok(two);
    }
    Ok(parts)
}

/// The target's marker point (its month on its line), if the month is on the axis.
pub(crate) fn marker_at(plot: &Plot, target: &TargetLine) -> Option<(i32, i32)> {
    let month = f64::from(target.month?);
    let (lo, hi) = plot.x_range();
    (month >= lo && month <= hi).then(|| plot.at(month, target.value))
}

/// Finds a place for the target label on the plot: just above or below the line, as
/// near the month marker (or the left edge) as possible, covering no band.
pub(crate) fn place<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    target: Option<&TargetLine>,
    timeline: &Timeline,
    avoid: &Avoid,
) -> Result<Option<Placed>, ChartError> {
    let Some(target) = target.filter(|t| t.value.is_finite()) else {
        return Ok(None);
    };
    let s = &canvas.style;
    let r = plot.rect;
    let lines = lines(canvas, target, timeline, r.right - r.left)?;
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
    let mut avoid = avoid.clone();
    if let Some((x, y)) = marker_at(plot, target) {
        let m = s.px(10.0);
        avoid.always(Obstacle::Box(Rect { left: x - m, top: y - 2 * m, right: x + m, bottom: y + 2 * m }));
    }
    Ok(avoid.first_free(&candidates, &r).map(|bounds| Placed { lines, bounds }))
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
    canvas.dashed(&[(r.left, y), (r.right, y)], p.target, 2.5)?;
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
        canvas.line(&[(x, y - s.px(16.0)), (x, y + s.px(16.0))], p.target, 3.0)?;
        canvas.ring((x, y), p.target, 7.0)?;
    }
    if let Some(placed) = placed {
        let style = s.text(sizes::ANNOTATION, p.text);
        canvas.label_block(&placed.lines, placed.bounds, &style, line_height(canvas))?;
    }
    Ok(())
}
