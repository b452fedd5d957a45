//! Charts for `compare`: the overlay (each variant's median and p25–p75 band in its own
//! Okabe–Ito colour, translucent so overlaps stay visible) and the paired difference
//! (variant minus baseline per trajectory, as fan bands around a marked zero line).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;

use super::frame::Canvas;
use super::guides::{LegendItem, Mark};
use super::marks::{axis_name, band, extent, line, median_and_mean, month_axis, nested_bands, value_axis};
use super::style::ChartOptions;
use super::{ChartError, MonthlyBands, Titles, Unit};

/// The most variants an overlay shows (the size of the colour-blind-safe palette).
pub const MAX_VARIANTS: usize = 6;

/// One variant of an overlay: its plain-words label ("churn 10%") and bands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Variant {
    /// Legend label.
    pub label: String,
    /// Its percentile bands (p25, p50, p75 are drawn).
    pub bands: MonthlyBands,
}

/// Input of [`draw_overlay`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OverlayChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// The metric in words; the y axis name.
    pub metric: String,
    /// Unit of the metric.
    pub unit: Unit,
    /// One to six variants; the first is the baseline.
    pub variants: Vec<Variant>,
}

/// Input of [`draw_difference`]: bands of the per-trajectory difference.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DifferenceChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// The difference in words, e.g. "Cumulative gross profit, churn 10% minus churn 5%".
    pub metric: String,
    /// Unit of the metric.
    pub unit: Unit,
    /// Percentiles and mean of the paired difference, month by month.
    pub bands: MonthlyBands,
}

fn month_span<'a>(all: impl Iterator<Item = &'a MonthlyBands>) -> (u32, u32) {
    all.fold((u32::MAX, 0), |(first, last), b| {
        (first.min(b.first_month), last.max(b.last_month().unwrap_or(b.first_month)))
    })
}

/// Draws an overlay of several variants on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for no variants, more than six, or no defined value.
pub fn draw_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &OverlayChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    if chart.variants.is_empty() || chart.variants.len() > MAX_VARIANTS {
        return Err(ChartError::InvalidInput(format!(
            "an overlay shows 1 to {MAX_VARIANTS} variants, got {}",
            chart.variants.len()
        )));
    }
    let canvas = Canvas::new(root, options)?;
    let p = canvas.style.palette;
    let values =
        extent(chart.variants.iter().flat_map(|v| v.bands.months.iter()).flat_map(|b| [b.p25, b.p50, b.p75]).flatten())
            .ok_or_else(|| ChartError::InvalidInput("overlay chart has no defined values".into()))?;
    let (first, last) = month_span(chart.variants.iter().map(|v| &v.bands));

    let body = canvas.header(&chart.titles)?;
    let mut legend: Vec<_> = chart
        .variants
        .iter()
        .zip(p.series)
        .map(|(v, c)| LegendItem::new(Mark::Line(c, 5.0), format!("{} (median)", v.label)))
        .collect();
    legend.push(LegendItem::new(Mark::Swatch(p.grid), "shading: p25–p75 of each"));
    let body = canvas.legend(body, &legend)?;
    let x_axis = month_axis(first, last, "Month");
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    for (variant, color) in chart.variants.iter().zip(p.series) {
        let points: Vec<_> = variant.bands.iter().map(|(m, b)| (f64::from(m), b.p25, b.p75)).collect();
        band(&canvas, &plot, &points, color.mix(0.22).filled())?;
    }
    for (variant, color) in chart.variants.iter().zip(p.series) {
        line(&canvas, &plot, variant.bands.iter().map(|(m, b)| (f64::from(m), b.p50)), color, 4.5)?;
    }
    Ok(())
}

/// Draws a paired-difference chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when no month has a defined value.
pub fn draw_difference<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &DifferenceChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    let canvas = Canvas::new(root, options)?;
    let p = canvas.style.palette;
    let values = extent(chart.bands.months.iter().flat_map(|b| [b.p5, b.p50, b.p95, b.mean]).flatten())
        .ok_or_else(|| ChartError::InvalidInput("difference chart has no defined values".into()))?;
    let (first, last) = month_span(std::iter::once(&chart.bands));

    let body = canvas.header(&chart.titles)?;
    let legend = [
        LegendItem::new(Mark::Swatch(p.band_outer), "90% of paired differences (p5–p95)"),
        LegendItem::new(Mark::Swatch(p.band_inner), "50% (p25–p75)"),
        LegendItem::new(Mark::Line(p.median, 4.0), "median"),
        LegendItem::new(Mark::Dashed(p.mean), "mean"),
        LegendItem::new(Mark::Line(p.axis, 3.0), "no difference"),
    ];
    let body = canvas.legend(body, &legend)?;
    let x_axis = month_axis(first, last, "Month");
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    nested_bands(&canvas, &plot, &chart.bands)?;
    let zero = plot.y(0.0);
    canvas.line(&[(plot.rect.left, zero), (plot.rect.right, zero)], p.axis, 3.0)?;
    median_and_mean(&canvas, &plot, &chart.bands)
}
