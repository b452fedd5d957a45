//! The solve chart: the probability of a target against one lever, at the values the
//! search evaluated (dots on a line, with each value's 95% band), the probability asked
//! for as a horizontal line inside its 95% margin, the answer as a vertical line over its
//! shaded interval, and today's value as a dashed vertical line. The interval is where the
//! curve runs inside the horizontal margin, so the reader sees where it comes from.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark, Plot};
use super::marks::{axis_name, band, chance_axis, exact_axis, extent, line};
use super::style::{ChartOptions, sizes, with_alpha};
use super::{ChartError, Titles, Unit};

/// P(target) at one evaluated lever value, with its 95% band.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SolveChartPoint {
    pub parameter: f64,
    pub probability: f64,
    pub low: f64,
    pub high: f64,
}

/// A labelled vertical line at a lever value.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveMark {
    pub value: f64,
    pub label: String,
}

/// Input of [`draw_solve`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SolveChart {
    pub titles: Titles,
    /// The lever in words, e.g. "Arrivals per month"; the x axis name.
    pub parameter: String,
    pub parameter_unit: Unit,
    /// What the y axis counts, e.g. "Futures in 100 with gross profit ≥ $2,500 in month
    /// 30"; the y axis runs from 0 to 100 futures.
    pub metric: String,
    /// Evaluated values, any order.
    pub points: Vec<SolveChartPoint>,
    /// The probability asked for and the half-width of its 95% margin.
    pub probability: f64,
    pub margin: f64,
    /// The answer and its interval, when there is one.
    pub answer: Option<SolveMark>,
    pub interval: Option<(f64, f64)>,
    /// Whether the target is reached above the answer (a lever that helps) rather than
    /// below it: the answer's label goes on that side, where the curve is high, at the foot.
    pub reached_above: bool,
    /// Today's value, when known.
    pub today: Option<SolveMark>,
}

/// Draws a solve chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] without a finite evaluated value; drawing errors otherwise.
pub fn draw_solve<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SolveChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &SolveChart) -> Result<(), ChartError> {
    let mut points: Vec<SolveChartPoint> =
        chart.points.iter().copied().filter(|p| p.parameter.is_finite() && p.probability.is_finite()).collect();
    points.sort_by(|a, b| a.parameter.total_cmp(&b.parameter));
    let marks = [chart.answer.as_ref(), chart.today.as_ref()];
    let xs = extent(points.iter().map(|p| p.parameter).chain(marks.iter().flatten().map(|m| m.value)));
    let Some(xs) = xs.map(|(lo, hi)| if hi > lo { (lo, hi) } else { (lo - 0.5, hi + 0.5) }) else {
        return Err(ChartError::InvalidInput(format!("solve chart '{}' has no evaluated values", chart.titles.title)));
    };
    let (p, s) = (canvas.style.palette, canvas.style);
    let answer_color = p.series[1];
    let body = canvas.header(&chart.titles)?;
    let compact = s.compact();
    let mut legend = vec![
        LegendItem::new(
            Mark::Line(p.median, 4.0),
            if compact { "chance at each value run" } else { "the chance at each value run, with its 95% band" },
        ),
        LegendItem::new(
            Mark::Swatch(p.band_outer),
            if compact { "the chance asked for" } else { "the chance asked for, and its margin" },
        ),
    ];
    if chart.answer.is_some() {
        legend.push(LegendItem::new(
            Mark::Line(answer_color, 3.0),
            if compact { "answer" } else { "the answer, its 95% interval shaded" },
        ));
    }
    let body = canvas.legend(body, &legend)?;
    let x_axis = exact_axis(xs.0, xs.1, &chart.parameter_unit, axis_name(&chart.parameter, &chart.parameter_unit), 8);
    let y_axis = chance_axis(chart.metric.clone());
    let plot = canvas.axes(body, &x_axis, &y_axis)?;
    let r = plot.rect;

    let (q, m) = (chart.probability, chart.margin);
    canvas.rect((r.left, plot.y(q + m)), (r.right, plot.y(q - m)), p.band_outer.filled())?;
    if let Some((a, b)) = chart.interval {
        let span = with_alpha(answer_color, 0.16).filled();
        canvas.rect((plot.x(a), r.top), (plot.x(b), r.bottom), span)?;
    }
    let bands: Vec<_> = points.iter().map(|pt| (pt.parameter, Some(pt.low), Some(pt.high))).collect();
    band(canvas, &plot, &bands, with_alpha(p.band_inner, 0.55).filled())?;
    canvas.dashed(&[(r.left, plot.y(q)), (r.right, plot.y(q))], p.accent, 2.5)?;
    line(canvas, &plot, points.iter().map(|pt| (pt.parameter, Some(pt.probability))), p.median, 4.0)?;
    for point in &points {
        canvas.dot(plot.at(point.parameter, point.probability), p.median, 6.0)?;
    }
    if let Some(today) = &chart.today {
        let x = plot.x(today.value);
        canvas.dashed(&[(x, r.top), (x, r.bottom)], p.muted, 2.5)?;
        vertical_label(canvas, &plot, today, Placement { right: !chart.reached_above, top: true }, p.muted)?;
    }
    if let Some(answer) = &chart.answer {
        let x = plot.x(answer.value);
        canvas.line(&[(x, r.top), (x, r.bottom)], answer_color, 3.0)?;
        vertical_label(canvas, &plot, answer, Placement { right: chart.reached_above, top: false }, answer_color)?;
    }
    let label = format!("asked: {} in 100", (q * 100.0).round());
    let style = s.text(sizes::ANNOTATION, p.text);
    canvas.label(
        &label,
        (r.right - s.px(8.0), plot.y(q + m) - s.px(6.0)),
        &style,
        anchor(HPos::Right, VPos::Bottom),
    )?;
    Ok(())
}

/// Where a vertical line's label goes: beside it on the right or the left (flipped when it
/// would not fit), near the top of the plot or near its foot.
#[derive(Debug, Clone, Copy)]
struct Placement {
    right: bool,
    top: bool,
}

fn vertical_label<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    mark: &SolveMark,
    placement: Placement,
    color: plotters::style::RGBColor,
) -> Result<(), ChartError> {
    let s = canvas.style;
    let r = plot.rect;
    let x = plot.x(mark.value);
    let style = s.text(sizes::ANNOTATION, color);
    let (width, _) = canvas.text_size(&mark.label, &style)?;
    let gap = s.px(10.0);
    let fits_right = x + gap + width <= r.right;
    let fits_left = x - gap - width >= r.left;
    let right = if placement.right { fits_right || !fits_left } else { !fits_left && fits_right };
    let (dx, h) = if right { (gap, HPos::Left) } else { (-gap, HPos::Right) };
    let (y, v) = if placement.top { (r.top + s.px(8.0), VPos::Top) } else { (r.bottom - s.px(12.0), VPos::Bottom) };
    canvas.label(&mark.label, (x + dx, y), &style, anchor(h, v)).map(drop)
}
