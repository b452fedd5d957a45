//! The stacked area chart: parts of one total over months (each programme's mean
//! commission), each layer resting on the ones below, so the top edge is their sum. The
//! layers take the palette's stacked colours in order, bottom first, with a thin line of
//! the background between them; the legend names them in the same order and, when asked,
//! the top edge is drawn as the total's line. A month where any part is undefined leaves
//! a gap in every layer above it rather than a stack that would not add up.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;

use super::frame::Canvas;
use super::guides::{LegendItem, Mark};
use super::marks::{axis_name, band, extent, line, month_axis, value_axis};
use super::style::{ChartOptions, blend};
use super::{ChartError, Timeline, Titles, Unit};

/// The most layers a stacked chart draws: one per distinct colour.
pub const MAX_STACKED: usize = 8;

/// One layer: a part's value month by month (aligned with the chart's months).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StackedSeries {
    /// The part's name, for the legend.
    pub label: String,
    /// One value per month from the chart's first month; `None` where undefined.
    pub values: Vec<Option<f64>>,
}

/// Input of [`draw_stacked`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StackedChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// The quantity in words, e.g. "Mean commission earned per month"; the y axis name.
    pub metric: String,
    /// Unit of the values.
    pub unit: Unit,
    /// The month number of the first value.
    pub first_month: u32,
    /// The months' dates and today.
    pub timeline: Timeline,
    /// The layers, bottom first: 1 to [`MAX_STACKED`], values not negative.
    pub series: Vec<StackedSeries>,
    /// The legend's name for the top edge, drawn as a line when given (e.g. "total").
    pub total: Option<String>,
}

impl StackedChart {
    /// Checks that the chart can be drawn, as drawing it would.
    ///
    /// # Errors
    /// [`ChartError::InvalidInput`] for no layer or more than [`MAX_STACKED`], a negative
    /// value, or no month where every layer is defined.
    pub fn validate(&self) -> Result<(), ChartError> {
        if self.series.is_empty() || self.series.len() > MAX_STACKED {
            return Err(ChartError::InvalidInput(format!(
                "a stacked chart shows 1 to {MAX_STACKED} layers, got {}",
                self.series.len()
            )));
        }
        if self.series.iter().flat_map(|s| s.values.iter().flatten()).any(|v| *v < 0.0) {
            return Err(ChartError::InvalidInput(format!(
                "stacked chart '{}' has a negative value",
                self.titles.title
            )));
        }
        if !self.edges().last().is_some_and(|top| top.iter().any(Option::is_some)) {
            return Err(ChartError::InvalidInput(format!(
                "stacked chart '{}' has no month where every layer is defined",
                self.titles.title
            )));
        }
        Ok(())
    }

    /// Each layer's lower and upper edge by month: `None` where it or a layer below it is
    /// undefined.
    pub(crate) fn edges(&self) -> Vec<Vec<Option<(f64, f64)>>> {
        let months = self.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
        let mut below: Vec<Option<f64>> = vec![Some(0.0); months];
        let mut out = Vec::with_capacity(self.series.len());
        for series in &self.series {
            let layer: Vec<Option<(f64, f64)>> = (0..months)
                .map(|m| {
                    let value = series.values.get(m).copied().flatten().filter(|v| v.is_finite())?;
                    below[m].map(|lo| (lo, lo + value))
                })
                .collect();
            below = layer.iter().map(|e| e.map(|(_, hi)| hi)).collect();
            out.push(layer);
        }
        out
    }
}

/// Draws a stacked area chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for no layer or more than [`MAX_STACKED`], a negative
/// value, or no month where every layer is defined.
pub fn draw_stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &StackedChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &StackedChart) -> Result<(), ChartError> {
    chart.validate()?;
    let edges = chart.edges();
    let tops = edges.last().map_or(&[][..], Vec::as_slice);
    let top = extent(tops.iter().flatten().map(|e| e.1)).unwrap_or((0.0, 1.0));
    let p = canvas.style.palette;
    let fill = |i: usize| blend(p.stack[i], p.background, 0.85);

    let body = canvas.header(&chart.titles)?;
    let mut legend: Vec<LegendItem> =
        chart.series.iter().enumerate().map(|(i, s)| LegendItem::new(Mark::Swatch(fill(i)), s.label.clone())).collect();
    if let Some(total) = &chart.total {
        legend.push(LegendItem::new(Mark::Line(p.text, 3.0), total.clone()));
    }
    let body = canvas.legend(body, &legend)?;
    let last = chart.first_month + u32::try_from(tops.len().saturating_sub(1)).unwrap_or(0);
    let x_axis = month_axis(chart.first_month, last, &chart.timeline);
    let y_axis = value_axis((0.0, top.1), &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    let month = |m: usize| f64::from(chart.first_month) + m as f64;
    for (i, layer) in edges.iter().enumerate() {
        let points: Vec<_> =
            layer.iter().enumerate().map(|(m, e)| (month(m), e.map(|e| e.0), e.map(|e| e.1))).collect();
        band(canvas, &plot, &points, fill(i).filled())?;
    }
    let below_top = edges.split_last().map_or(&[][..], |(_, below)| below);
    for layer in below_top {
        let upper = layer.iter().enumerate().map(|(m, e)| (month(m), e.map(|e| e.1)));
        line(canvas, &plot, upper, p.background, 2.0)?;
    }
    if chart.total.is_some() {
        line(canvas, &plot, tops.iter().enumerate().map(|(m, e)| (month(m), e.map(|e| e.1))), p.text, 3.0)?;
    }
    Ok(())
}
