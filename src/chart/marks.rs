//! Data-level marks shared by the chart kinds: percentile bands as closed polygons (upper
//! edge forward, lower edge back, split wherever a value is undefined), solid and dashed
//! lines through defined points only, and axis construction from data extents with nice
//! ticks formatted in the chart's unit.

use plotters::prelude::DrawingBackend;
use plotters::style::{Color, RGBColor, ShapeStyle};

use super::frame::{Canvas, defined_runs};
use super::guides::{Axis, Plot};
use super::units::{Unit, month_ticks, nice_ticks};
use super::{ChartError, Timeline};

/// The pixel outlines of the band between `lower` and `upper`, one closed polygon per run
/// of points where both are defined (a lone point becomes a bar `2·half_width` wide).
pub(crate) fn band_outlines(
    plot: &Plot,
    points: &[(f64, Option<f64>, Option<f64>)],
    half_width: i32,
) -> Vec<Vec<(i32, i32)>> {
    let both = |lo: Option<f64>, hi: Option<f64>| match (lo, hi) {
        (Some(l), Some(h)) if l.is_finite() && h.is_finite() => Some((l, h)),
        _ => None,
    };
    let mut outlines = Vec::new();
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    for (i, &(x, lo, hi)) in points.iter().enumerate() {
        if let Some((l, h)) = both(lo, hi) {
            run.push((x, l, h));
        }
        let run_ends = i + 1 == points.len() || both(lo, hi).is_none();
        if run_ends && !run.is_empty() {
            let outline = if let [(x, l, h)] = run[..] {
                let (px, top, bottom) = (plot.x(x), plot.y(h), plot.y(l));
                vec![
                    (px - half_width, top),
                    (px + half_width, top),
                    (px + half_width, bottom),
                    (px - half_width, bottom),
                ]
            } else {
                let mut outline: Vec<(i32, i32)> = run.iter().map(|&(x, _, h)| plot.at(x, h)).collect();
                outline.extend(run.iter().rev().map(|&(x, l, _)| plot.at(x, l)));
                outline
            };
            outlines.push(outline);
            run.clear();
        }
    }
    outlines
}

/// Fills the band between `lower` and `upper` at each x where both are defined.
pub(crate) fn band<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    points: &[(f64, Option<f64>, Option<f64>)],
    style: ShapeStyle,
) -> Result<(), ChartError> {
    for outline in band_outlines(plot, points, canvas.style.px(4.0)) {
        canvas.record.borrow_mut().bands.push(outline.clone());
        canvas.polygon(outline, style)?;
    }
    Ok(())
}

/// The nested p5–p95 (light) and p25–p75 (darker) bands of monthly values, drawn wide
/// band first.
pub(crate) fn nested_bands<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    bands: &super::MonthlyBands,
) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let months: Vec<_> = bands.iter().map(|(m, b)| (f64::from(m), b)).collect();
    let outer: Vec<_> = months.iter().map(|(m, b)| (*m, b.p5, b.p95)).collect();
    let inner: Vec<_> = months.iter().map(|(m, b)| (*m, b.p25, b.p75)).collect();
    band(canvas, plot, &outer, p.band_outer.filled())?;
    band(canvas, plot, &inner, p.band_inner.filled())
}

/// Calls `draw` with the pixels of each run of defined points (undefined points leave
/// gaps) and records the runs as data lines.
fn each_run<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    points: impl IntoIterator<Item = (f64, Option<f64>)>,
    mut draw: impl FnMut(&[(i32, i32)]) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    for run in defined_runs(points) {
        let pixels: Vec<_> = run.iter().map(|&(x, y)| plot.at(x, y)).collect();
        draw(&pixels)?;
        canvas.record.borrow_mut().lines.push(pixels);
    }
    Ok(())
}

/// A solid line through the defined points (gaps where undefined).
pub(crate) fn line<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    points: impl IntoIterator<Item = (f64, Option<f64>)>,
    color: RGBColor,
    width: f64,
) -> Result<(), ChartError> {
    each_run(canvas, plot, points, |pixels| canvas.line(pixels, color, width))
}

/// A dashed line through the defined points (gaps where undefined).
pub(crate) fn dashed<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    points: impl IntoIterator<Item = (f64, Option<f64>)>,
    color: RGBColor,
    width: f64,
) -> Result<(), ChartError> {
    each_run(canvas, plot, points, |pixels| canvas.dashed(pixels, color, width))
}

/// A translucent thin line (sample paths).
pub(crate) fn thin<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    points: impl IntoIterator<Item = (f64, Option<f64>)>,
    color: RGBColor,
    alpha: f64,
) -> Result<(), ChartError> {
    let style = color.mix(alpha).stroke_width(canvas.style.stroke(2.0));
    each_run(canvas, plot, points, |pixels| canvas.line_rgba(pixels, style))
}

/// The finite values among `values`, as (min, max); `None` when there are none.
pub(crate) fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().filter(|v| v.is_finite()).fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// A value axis with nice ticks in `unit`, covering the data and, for data on one side of
/// zero, zero itself (an honest baseline for money and counts). The data never touch the
/// top or bottom edge (a constant line would hide on the border), and an all-zero or
/// constant series gets a sensible axis from zero instead of a symmetric −1..1.
pub(crate) fn value_axis(
    (min, max): (f64, f64),
    unit: &Unit,
    name: String,
    include_zero: bool,
    target_ticks: usize,
) -> Axis {
    let (min, max) = if include_zero { (min.min(0.0), max.max(0.0)) } else { (min, max) };
    let flat = max - min <= f64::EPSILON * max.abs().max(min.abs()).max(1.0);
    let (min, max) = match (flat, min) {
        (true, 0.0) => (0.0, 1.0),
        (true, v) if v > 0.0 && include_zero => (0.0, v * 1.25),
        (true, v) => (v - v.abs() * 0.1, v + v.abs() * 0.1),
        (false, _) => (min, max),
    };
    let room = if flat { 0.0 } else { (max - min) * 0.04 };
    let padded = (if min < 0.0 || !include_zero { min - room } else { min }, max + room);
    let (ticks, step) = nice_ticks(padded.0, padded.1, target_ticks);
    let lo = ticks.first().copied().unwrap_or(min);
    let hi = ticks.last().copied().unwrap_or(max);
    let ticks = ticks.iter().map(|&t| (t, unit.format_tick(t, step))).collect();
    Axis { grid: true, ..Axis::new(lo, hi, ticks, name) }
}

/// A month axis from `first` to `last` with a little room at the ends: with a calendar,
/// month names ("Jul", "Oct") with the year under the first and under each January and no
/// axis name (the dates say it); without one, month numbers and "Month".
pub(crate) fn month_axis(first: u32, last: u32, timeline: &Timeline) -> Axis {
    let last = last.max(first + 1);
    let (min, max) = (f64::from(first) - 0.3, f64::from(last) + 0.3);
    let Some(calendar) = timeline.calendar.filter(|c| c.date(first).is_some() && c.date(last).is_some()) else {
        let ticks = month_ticks(first, last).into_iter().map(|m| (f64::from(m), m.to_string())).collect();
        return Axis { grid: false, ..Axis::new(min, max, ticks, "Month") };
    };
    let span = last - first + 1;
    let step = match span {
        0..=12 => 1,
        13..=36 => 3,
        37..=72 => 6,
        _ => 12,
    };
    let of_year = |m: u32| calendar.date(m).map_or(1, |d| d.month());
    let mut months: Vec<u32> = (first..=last).filter(|&m| (of_year(m) - 1) % step == 0).collect();
    if months.first().is_none_or(|&m| m - first >= step.div_ceil(2)) {
        months.insert(0, first);
    } else if months.first() != Some(&first) {
        months[0] = first;
    }
    let name = |m: u32| calendar.label(m).split(' ').next().unwrap_or_default().to_string();
    let year = |m: u32| calendar.date(m).map_or_else(String::new, |d| d.year().to_string());
    let ticks = months.iter().map(|&m| (f64::from(m), if step == 12 { year(m) } else { name(m) })).collect();
    let second_row = if step == 12 {
        Vec::new()
    } else {
        months.iter().filter(|&&m| m == first || of_year(m) == 1).map(|&m| (f64::from(m), year(m))).collect()
    };
    Axis { second_row, ..Axis::new(min, max, ticks, "") }
}

/// An axis of ages in months ("Months since the customer started"): numbers, not dates.
pub(crate) fn age_axis(first: u32, last: u32, name: &str) -> Axis {
    let last = last.max(first + 1);
    let ticks = month_ticks(first, last).into_iter().map(|m| (f64::from(m), m.to_string())).collect();
    Axis::new(f64::from(first) - 0.3, f64::from(last) + 0.3, ticks, name)
}

/// An axis that ends exactly at the data (no stretch past the last value that would read
/// as "nothing there"), with nice ticks inside it.
pub(crate) fn exact_axis(lo: f64, hi: f64, unit: &Unit, name: String, target_ticks: usize) -> Axis {
    let (ticks, step) = nice_ticks(lo, hi, target_ticks);
    let ticks = ticks.into_iter().filter(|t| *t >= lo - 1e-9 * (hi - lo).abs() && *t <= hi + 1e-9 * (hi - lo).abs());
    Axis::new(lo, hi, ticks.map(|t| (t, unit.format_tick(t, step))).collect(), name)
}

/// A probability axis from 0 to 1 read as futures out of 100: "0", "20", ..., "100".
pub(crate) fn chance_axis(name: String) -> Axis {
    let ticks = (0..=5).map(|i| (f64::from(i) * 0.2, (i * 20).to_string())).collect();
    Axis { grid: true, ..Axis::new(0.0, 1.0, ticks, name) }
}

/// "Gross profit per month ($)" style axis name: the metric plus its unit in words, unless
/// the name already says it ("Arrivals per month", not "... (a month)").
pub(crate) fn axis_name(metric: &str, unit: &Unit) -> String {
    let lower = metric.to_lowercase();
    match unit.axis_suffix() {
        "" => metric.to_string(),
        "a month" if lower.contains("per month") || lower.contains("a month") => metric.to_string(),
        "%" if lower.contains("futures in 100") => metric.to_string(),
        suffix if lower.contains(&suffix.to_lowercase()) => metric.to_string(),
        suffix => format!("{metric} ({suffix})"),
    }
}
