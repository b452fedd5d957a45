//! The fan chart: one metric over months as nested percentile bands (p5–p95 light,
//! p25–p75 darker) around the median, in the style of a central bank's projection fan:
//! the bands start from the last known value ("today", marked on the axis), the history
//! runs into that point, and the right edge names the p95, the median and the p5 directly,
//! so most fans need no legend. Optional extras: the mean (dashed, on request), a target
//! line whose label covers no band and says its chances in frequency words (`target`), many
//! single futures as thin grey lines with a bad, a typical and a good one named in colour,
//! and recorded history as dots joined by a line. Whatever a legend still lists is drawn.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::ChartError;
use super::boxes::Rect;
use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark, Plot};
use super::marks::{axis_name, band, dashed, line, month_axis, thin, value_axis};
use super::place::Obstacle;
use super::style::{ChartOptions, sizes};
use super::target::{self, Placed};

mod labels;
mod model;

use labels::{draw_end_labels, end_label_room, end_labels, obstacles, today_label};
pub use model::{COLOURED_PATHS, FanChart, NamedPath};

/// Draws a fan chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when no month has a defined value or more than
/// [`COLOURED_PATHS`] futures are named; drawing errors otherwise.
pub fn draw_fan<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &FanChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &FanChart) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let values = chart
        .value_extent()
        .ok_or_else(|| ChartError::InvalidInput(format!("fan chart '{}' has no defined values", chart.titles.title)))?;
    if chart.named_paths.len() > COLOURED_PATHS {
        return Err(ChartError::InvalidInput(format!("a fan chart names at most {COLOURED_PATHS} futures")));
    }
    let (first, last) = chart.months();
    let drawn = chart.drawn_bands();

    let body = canvas.header(&chart.titles)?;
    let x_axis = month_axis(first, last, &chart.timeline);
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let visible = chart.visible(y_axis.max - y_axis.min);
    let mut legend = chart.legend(p, &visible, canvas.style.compact());
    let room = end_label_room(canvas, chart)?;
    let layout = |legend: &[LegendItem]| -> Result<(Rect, Plot), ChartError> {
        let (_, area) = canvas.legend_layout(body, legend)?;
        let area = Rect { right: area.right - room, ..area };
        Ok((area, canvas.plot_layout(area, &x_axis, &y_axis)?))
    };
    let (mut area, plot) = layout(&legend)?;
    let mut avoid = obstacles(canvas, &plot, chart, &drawn, &visible);
    let today = today_label(canvas, &plot, &chart.timeline, &avoid)?;
    if let Some((_, bounds)) = &today {
        avoid.always(Obstacle::Box(bounds.padded(canvas.style.px(4.0))));
    }
    let mut placed: Option<Placed> = target::place(canvas, &plot, chart.target.as_ref(), &chart.timeline, &avoid)?;
    if let (Some(t), None) = (chart.target.as_ref().filter(|t| t.value.is_finite()), &placed) {
        let text = if canvas.style.compact() { t.short_text(&chart.timeline) } else { t.text(&chart.timeline) };
        legend.push(LegendItem::new(Mark::Dashed(p.target), text));
        area = layout(&legend)?.0;
        placed = None;
    }
    canvas.legend(body, &legend)?;
    let plot = canvas.axes(area, &x_axis, &y_axis)?;
    // Laid out again on the final plot (the same one unless the target went to the legend).
    let today = today_label(canvas, &plot, &chart.timeline, &obstacles(canvas, &plot, chart, &drawn, &visible))?;
    // The today line goes under the data; everything written goes over it.
    if let Some((x, _)) = today {
        canvas.dashed(&[(x, plot.rect.top), (x, plot.rect.bottom)], p.muted, 2.0)?;
    }

    let months: Vec<_> = drawn.iter().map(|(m, b)| (f64::from(m), b)).collect();
    if visible.outer {
        let outer: Vec<_> = months.iter().map(|(m, b)| (*m, b.p5, b.p95)).collect();
        band(canvas, &plot, &outer, p.band_outer.filled())?;
    }
    if visible.inner {
        let inner: Vec<_> = months.iter().map(|(m, b)| (*m, b.p25, b.p75)).collect();
        band(canvas, &plot, &inner, p.band_inner.filled())?;
    }
    for path in &chart.sample_paths {
        thin(canvas, &plot, chart.drawn_path(&drawn, path), p.muted, 0.35)?;
    }
    for (path, color) in chart.named_paths.iter().zip(p.paths) {
        line(canvas, &plot, chart.drawn_path(&drawn, &path.values), color, 2.5)?;
    }
    if visible.median {
        line(canvas, &plot, months.iter().map(|(m, b)| (*m, b.p50)), p.median, 4.0)?;
    }
    if visible.mean {
        dashed(canvas, &plot, months.iter().map(|(m, b)| (*m, b.mean)), p.mean, 3.0)?;
    }
    draw_history(canvas, &plot, chart)?;
    if let Some(t) = &chart.target {
        target::draw(canvas, &plot, t, placed.as_ref())?;
    }
    if let Some((_, bounds)) = today {
        let style = canvas.style.text(sizes::ANNOTATION, p.muted);
        let at = (bounds.left + canvas.style.px(5.0), (bounds.top + bounds.bottom) / 2);
        canvas.label("today", at, &style, anchor(HPos::Left, VPos::Center))?;
    }
    let labels = end_labels(canvas, &plot, chart, &visible)?;
    draw_end_labels(canvas, &plot, labels)
}

/// Recorded history: dots joined by a solid line that ends where the projection starts
/// (the start point is the last actual), so nothing bridges a jump.
fn draw_history<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, plot: &Plot, chart: &FanChart) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let mut actuals: Vec<(u32, f64)> = chart.actuals.iter().copied().filter(|a| a.1.is_finite()).collect();
    actuals.sort_by_key(|a| a.0);
    actuals.dedup_by_key(|a| a.0);
    if actuals.is_empty() {
        return Ok(());
    }
    let mut run: Vec<(i32, i32)> = Vec::new();
    for (i, &(month, value)) in actuals.iter().enumerate() {
        if i > 0 && actuals[i - 1].0 + 1 != month {
            canvas.line(&std::mem::take(&mut run), p.accent, 2.5)?;
        }
        run.push(plot.at(f64::from(month), value));
    }
    canvas.line(&run, p.accent, 2.5)?;
    canvas.record.borrow_mut().lines.push(run);
    for &(month, value) in &actuals {
        canvas.dot(plot.at(f64::from(month), value), p.accent, 7.0)?;
    }
    Ok(())
}
