//! The fan's words: the "today" label beside the today line, what the today and target
//! labels keep clear of, and the right edge's labels (p95, median, p5 and each named
//! future), spread so that none touches another.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::model::{FanChart, Visible};
use crate::chart::boxes::Rect;
use crate::chart::frame::{Canvas, anchor, defined_runs};
use crate::chart::guides::Plot;
use crate::chart::marks::band_outlines;
use crate::chart::place::{Obstacle, spread};
use crate::chart::style::{colored, sizes};
use crate::chart::target::Avoid;
use crate::chart::{BandValues, ChartError, MonthlyBands, Timeline, Unit};

/// One value of a month's bands.
type Pick = fn(&BandValues) -> Option<f64>;

/// A label at the right end of the plot: its text, colour and the row it wants.
pub(super) struct EndLabel {
    text: String,
    color: RGBColor,
    y: i32,
}

/// The pixel column of today: the last past month.
pub(super) fn today_x(plot: &Plot, chart: &FanChart) -> i32 {
    chart.timeline.today.map_or(plot.rect.left, |m| plot.x(f64::from(m)))
}

/// Where the "today" label goes (its padded box), beside the today line near the top of
/// the plot: right of the line if it fits there, else left, lower rows after; covering no
/// band, dot or line if it can.
pub(super) fn today_label<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    timeline: &Timeline,
    avoid: &Avoid,
) -> Result<Option<(i32, Rect)>, ChartError> {
    let Some(month) = timeline.today else { return Ok(None) };
    let s = &canvas.style;
    let r = plot.rect;
    let x = plot.x(f64::from(month));
    if x < r.left || x > r.right {
        return Ok(None);
    }
    let style = s.text(sizes::ANNOTATION, s.palette.muted);
    let (w, h) = canvas.text_size("today", &style)?;
    let (pad, gap) = (s.px(5.0), s.px(6.0));
    let (bw, bh) = (w + 2 * pad, h + 2 * pad);
    let tops = (0..8).map(|k| r.top + s.px(4.0) + k * bh);
    let candidates: Vec<Rect> = tops
        .flat_map(|top| [x + gap, x - gap - bw].map(|left| Rect { left, top, right: left + bw, bottom: top + bh }))
        .collect();
    let found = avoid
        .first_free(&candidates, &r)
        .or_else(|| candidates.iter().copied().find(|c| r.contains(c)))
        .unwrap_or(Rect { left: x + gap, top: r.top, right: x + gap + bw, bottom: r.top + bh });
    Ok(Some((x, found)))
}

/// What the today and target labels must keep clear of: the bands, the history's dots and
/// line, and (if they can) the median, the mean, the named futures and the today line.
pub(super) fn obstacles<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    chart: &FanChart,
    drawn: &MonthlyBands,
    visible: &Visible,
) -> Avoid {
    let s = &canvas.style;
    let months: Vec<_> = drawn.iter().map(|(m, b)| (f64::from(m), b)).collect();
    let mut avoid = Avoid::default();
    let pairs: [(Pick, Pick); 2] = [(|b| b.p5, |b| b.p95), (|b| b.p25, |b| b.p75)];
    for (lo, hi) in pairs {
        let points: Vec<_> = months.iter().map(|(m, b)| (*m, lo(b), hi(b))).collect();
        for outline in band_outlines(plot, &points, s.px(4.0)) {
            avoid.always(Obstacle::Polygon(outline));
        }
    }
    let r = s.px(10.0);
    let history: Vec<(i32, i32)> =
        chart.actuals.iter().filter(|a| a.1.is_finite()).map(|&(m, v)| plot.at(f64::from(m), v)).collect();
    for &(x, y) in &history {
        avoid.always(Obstacle::Box(Rect { left: x - r, top: y - r, right: x + r, bottom: y + r }));
    }
    avoid.always(Obstacle::Line(history));
    let mut runs = defined_runs(months.iter().map(|(m, b)| (*m, b.p50)));
    if visible.mean {
        runs.extend(defined_runs(months.iter().map(|(m, b)| (*m, b.mean))));
    }
    for path in &chart.named_paths {
        runs.extend(defined_runs(chart.drawn_path(drawn, &path.values)));
    }
    for run in runs {
        avoid.if_possible(Obstacle::Line(run.iter().map(|&(x, y)| plot.at(x, y)).collect()));
    }
    if chart.timeline.today.is_some() {
        let x = today_x(plot, chart);
        avoid.if_possible(Obstacle::Line(vec![(x, plot.rect.top), (x, plot.rect.bottom)]));
    }
    avoid
}

/// The right edge's labels: the p95, the median and the p5 of the last month (those drawn),
/// and each named future, at the row of its line's end.
pub(super) fn end_labels<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    chart: &FanChart,
    visible: &Visible,
) -> Result<Vec<EndLabel>, ChartError> {
    let p = canvas.style.palette;
    let mut out = Vec::new();
    let last = chart.bands.months.iter().rev().find(|b| b.p50.is_some_and(f64::is_finite));
    if let Some(b) = last {
        let picks = [(visible.outer, b.p95, "p95"), (visible.median, b.p50, "median"), (visible.outer, b.p5, "p5")];
        let shown: Vec<(f64, &str)> =
            picks.iter().filter_map(|&(on, v, name)| Some((v.filter(|v| on && v.is_finite())?, name))).collect();
        let texts = label_unit(chart.unit).format_alike(&shown.iter().map(|s| s.0).collect::<Vec<_>>());
        for ((value, name), text) in shown.into_iter().zip(texts) {
            let color = if name == "median" { p.median } else { p.muted };
            out.push(EndLabel { text: format!("{name} {text}"), color, y: plot.y(value) });
        }
    }
    for (path, color) in chart.named_paths.iter().zip(p.paths) {
        let end = chart.drawn_path(&chart.drawn_bands(), &path.values).into_iter().rev().find_map(|(m, v)| {
            let v = v.filter(|v| v.is_finite())?;
            Some(plot.at(m, v))
        });
        if let Some((_, y)) = end {
            out.push(EndLabel { text: path.label.clone(), color, y });
        }
    }
    Ok(out)
}

/// The unit of the right edge's labels: a count without its noun, which the axis names
/// ("median 10", not "median 10 customers").
fn label_unit(unit: Unit) -> Unit {
    if unit.is_count() { Unit::Number } else { unit }
}

/// The width the right edge's labels take, so the plot leaves room for them.
pub(super) fn end_label_room<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &FanChart) -> Result<i32, ChartError> {
    let s = &canvas.style;
    let style = s.text(sizes::ANNOTATION, s.palette.text);
    let mut widest = 0;
    if let Some(b) = chart.bands.months.iter().rev().find(|b| b.p50.is_some_and(f64::is_finite)) {
        let values: Vec<f64> = [b.p95, b.p50, b.p5].into_iter().flatten().filter(|v| v.is_finite()).collect();
        for text in label_unit(chart.unit).format_alike(&values) {
            widest = widest.max(canvas.text_size(&format!("median {text}"), &style)?.0);
        }
    }
    for path in &chart.named_paths {
        widest = widest.max(canvas.text_size(&path.label, &style)?.0);
    }
    Ok(if widest == 0 { 0 } else { widest + s.px(12.0) })
}

/// Draws the right edge's labels in their colours, spread so none touches another.
pub(super) fn draw_end_labels<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    labels: Vec<EndLabel>,
) -> Result<(), ChartError> {
    let s = &canvas.style;
    let style = s.text(sizes::ANNOTATION, s.palette.text);
    let (_, text_h) = canvas.text_size("p95 $1", &style)?;
    let gap = text_h + s.px(3.0);
    let wanted: Vec<i32> = labels.iter().map(|l| l.y).collect();
    let rows = spread(&wanted, gap, plot.rect.top + gap / 2, plot.rect.bottom - gap / 2);
    for (label, y) in labels.into_iter().zip(rows) {
        let at = (plot.rect.right + s.px(8.0), y);
        canvas.text(&label.text, at, &colored(style.clone(), label.color), anchor(HPos::Left, VPos::Center))?;
    }
    Ok(())
}
