//! The sweep chart: one output metric against one numeric input parameter, as nested
//! percentile bands over the parameter values (p5–p95, p25–p75) with the median line and a
//! dot at each evaluated value, so the reader sees where the runs were made. The x axis
//! ends at the first and last value evaluated, and today's value is marked.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;

use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark};
use super::marks::{axis_name, band, exact_axis, extent, line, value_axis};
use super::style::{ChartOptions, sizes};
use super::{BandValues, ChartError, Titles, Unit};

/// The output's percentiles at one parameter value.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SweepPoint {
    /// The parameter value (x).
    pub parameter: f64,
    /// The output's percentiles there.
    pub values: BandValues,
}

/// Input of [`draw_sweep`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SweepChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// The parameter in plain words, e.g. "New customers per month"; the x axis name.
    pub parameter: String,
    /// Unit of the parameter (e.g. [`Unit::Percent`] for a churn rate).
    pub parameter_unit: Unit,
    /// The output in words, e.g. "Cumulative gross profit at month 24"; the y axis name.
    pub metric: String,
    /// Unit of the output.
    pub unit: Unit,
    /// One point per evaluated parameter value, any order.
    pub points: Vec<SweepPoint>,
    /// The parameter's value in the scenario today, when it is one number: marked.
    pub today: Option<f64>,
}

/// Draws a sweep chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for no points or no defined value.
pub fn draw_sweep<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SweepChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &SweepChart) -> Result<(), ChartError> {
    let mut points: Vec<SweepPoint> = chart.points.iter().copied().filter(|p| p.parameter.is_finite()).collect();
    points.sort_by(|a, b| a.parameter.total_cmp(&b.parameter));
    let xs = extent(points.iter().map(|p| p.parameter));
    let ys = extent(points.iter().flat_map(|p| [p.values.p5, p.values.p50, p.values.p95]).flatten());
    let (Some(xs), Some(ys)) = (xs, ys) else {
        return Err(ChartError::InvalidInput(format!("sweep chart '{}' has no defined values", chart.titles.title)));
    };
    let p = canvas.style.palette;

    let body = canvas.header(&chart.titles)?;
    let compact = canvas.style.compact();
    let legend = [
        LegendItem::new(
            Mark::Swatch(p.band_outer),
            if compact { "90 of 100 futures" } else { "where 90 of 100 futures fall" },
        ),
        LegendItem::new(Mark::Swatch(p.band_inner), if compact { "50 of 100" } else { "the middle 50" }),
        LegendItem::new(Mark::Line(p.median, 4.0), "median"),
        LegendItem::new(Mark::Dot(p.median), if compact { "run" } else { "a value run" }),
    ];
    let body = canvas.legend(body, &legend)?;
    let (x0, x1) = if xs.1 > xs.0 { xs } else { (xs.0 - 0.5, xs.1 + 0.5) };
    let x_axis = exact_axis(x0, x1, &chart.parameter_unit, axis_name(&chart.parameter, &chart.parameter_unit), 8);
    let y_axis = value_axis(ys, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;
    let today = chart.today.filter(|t| *t >= x0 && *t <= x1);
    if let Some(t) = today {
        let x = plot.x(t);
        canvas.dashed(&[(x, plot.rect.top), (x, plot.rect.bottom)], p.muted, 2.5)?;
    }

    let outer: Vec<_> = points.iter().map(|p| (p.parameter, p.values.p5, p.values.p95)).collect();
    let inner: Vec<_> = points.iter().map(|p| (p.parameter, p.values.p25, p.values.p75)).collect();
    band(canvas, &plot, &outer, p.band_outer.filled())?;
    band(canvas, &plot, &inner, p.band_inner.filled())?;
    line(canvas, &plot, points.iter().map(|p| (p.parameter, p.values.p50)), p.median, 4.0)?;
    for point in &points {
        if let Some(median) = point.values.p50.filter(|v| v.is_finite()) {
            canvas.dot(plot.at(point.parameter, median), p.median, 6.0)?;
        }
    }
    if let Some(t) = today {
        let s = &canvas.style;
        let text = format!("today {}", chart.parameter_unit.format_value(t));
        let style = s.text(sizes::ANNOTATION, p.text);
        let (w, _) = canvas.text_size(&text, &style)?;
        let x = plot.x(t);
        let right = x + s.px(10.0) + w + s.px(10.0) <= plot.rect.right;
        let (at, h) = if right {
            ((x + s.px(10.0), plot.rect.top + s.px(10.0)), HPos::Left)
        } else {
            ((x - s.px(10.0), plot.rect.top + s.px(10.0)), HPos::Right)
        };
        canvas.label(&text, at, &style, anchor(h, VPos::Top))?;
    }
    Ok(())
}
