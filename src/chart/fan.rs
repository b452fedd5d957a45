//! The fan chart: one metric over months as nested percentile bands (p5–p95 light,
//! p25–p75 darker), the median solid and the mean dashed, in the style of a central
//! bank's projection fan. Optional extras: a labelled target line, a few sample
//! trajectories as thin lines, and actual past values as dots.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark};
use super::marks::{axis_name, extent, median_and_mean, month_axis, nested_bands, thin, value_axis};
use super::style::{ChartOptions, sizes};
use super::{ChartError, MonthlyBands, Titles, Unit};

/// A horizontal reference line with its label, e.g. "target $700 · P(reach by month 12) = 41%".
#[derive(Debug, Clone, PartialEq)]
pub struct TargetLine {
    /// Where the line sits, in the chart's unit.
    pub value: f64,
    /// Text printed on the line.
    pub label: String,
}

/// Input of [`draw_fan`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FanChart {
    /// Title (scenario name), subtitle (trajectories, seed, what bands mean), caption.
    pub titles: Titles,
    /// The metric in words, e.g. "Gross profit per month"; the y axis name.
    pub metric: String,
    /// Unit of the metric (formats ticks and labels).
    pub unit: Unit,
    /// The percentile bands, month by month.
    pub bands: MonthlyBands,
    /// Optional target line.
    pub target: Option<TargetLine>,
    /// A few individual trajectories, each aligned with `bands.months`.
    pub sample_paths: Vec<Vec<Option<f64>>>,
    /// Actual past values as (month, value).
    pub actuals: Vec<(u32, f64)>,
}

impl FanChart {
    fn value_extent(&self) -> Option<(f64, f64)> {
        let bands = self.bands.months.iter().flat_map(|b| [b.p5, b.p25, b.p50, b.p75, b.p95, b.mean]);
        let paths = self.sample_paths.iter().flatten().copied();
        let actuals = self.actuals.iter().map(|&(_, v)| Some(v));
        let target = self.target.iter().map(|t| Some(t.value));
        extent(bands.chain(paths).chain(actuals).chain(target).flatten())
    }

    fn legend(&self, options: &ChartOptions) -> Vec<LegendItem> {
        let p = options.theme.palette();
        let mut items = vec![
            LegendItem::new(Mark::Swatch(p.band_outer), "90% of trajectories (p5–p95)"),
            LegendItem::new(Mark::Swatch(p.band_inner), "50% (p25–p75)"),
            LegendItem::new(Mark::Line(p.median, 4.0), "median"),
            LegendItem::new(Mark::Dashed(p.mean), "mean"),
        ];
        if !self.sample_paths.is_empty() {
            items.push(LegendItem::new(Mark::Line(p.muted, 2.0), "sample trajectories"));
        }
        if !self.actuals.is_empty() {
            items.push(LegendItem::new(Mark::Dot(p.accent), "actual"));
        }
        items
    }
}

/// Draws a fan chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when no month has a defined value; drawing errors otherwise.
pub fn draw_fan<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &FanChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    let canvas = Canvas::new(root, options)?;
    let (p, s) = (canvas.style.palette, canvas.style);
    let values = chart
        .value_extent()
        .ok_or_else(|| ChartError::InvalidInput(format!("fan chart '{}' has no defined values", chart.titles.title)))?;
    let first = chart.bands.first_month.min(chart.actuals.iter().map(|a| a.0).min().unwrap_or(u32::MAX));
    let last = chart.bands.last_month().unwrap_or(first).max(chart.actuals.iter().map(|a| a.0).max().unwrap_or(0));

    let body = canvas.header(&chart.titles)?;
    let body = canvas.legend(body, &chart.legend(options))?;
    let x_axis = month_axis(first, last, "Month");
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    nested_bands(&canvas, &plot, &chart.bands)?;
    for path in &chart.sample_paths {
        let points = (chart.bands.first_month..).zip(path).map(|(m, v)| (f64::from(m), *v));
        thin(&canvas, &plot, points, p.text, 0.35)?;
    }
    median_and_mean(&canvas, &plot, &chart.bands)?;

    if let Some(target) = chart.target.as_ref().filter(|t| t.value.is_finite()) {
        let y = plot.y(target.value);
        let r = plot.rect;
        canvas.dashed(&[(r.left, y), (r.right, y)], p.accent, 2.0)?;
        let style = s.text(sizes::ANNOTATION, p.text);
        let near_top = y - r.top < s.px(50.0);
        let (dy, v) = if near_top { (s.px(8.0), VPos::Top) } else { (-s.px(8.0), VPos::Bottom) };
        canvas.label(&target.label, (r.left + s.px(12.0), y + dy), &style, anchor(HPos::Left, v))?;
    }
    for &(month, value) in chart.actuals.iter().filter(|a| a.1.is_finite()) {
        canvas.dot(plot.at(f64::from(month), value), p.accent, 7.0)?;
    }
    Ok(())
}
