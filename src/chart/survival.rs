//! The survival chart for `fit retention`: a cohort's observed survival (share still
//! active at each month of age) as dots, against one or more fitted curves (e.g. "sBG
//! fit", "constant churn") drawn solid over the observed ages and dashed beyond them,
//! where they become a projection, each with an optional uncertainty band. Curves that
//! coincide (a degenerate fit equals constant churn) stay visible: each is drawn thinner
//! than the one before, on top of it, so the first shows as a casing round the second.
//! A note above the plot says what the caller knows about the fit (e.g. that it hit the
//! search bound).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;

use super::frame::{Canvas, defined_runs};
use super::guides::{Axis, LegendItem, Mark};
use super::marks::{age_axis, band};
use super::style::{ChartOptions, blend};
use super::{ChartError, Titles, Unit};

/// The most curves a survival chart shows.
pub const MAX_CURVES: usize = 6;

/// One fitted survival curve.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurvivalCurve {
    /// Legend label, e.g. "sBG fit (α 0.7, β 3.1)"; say "at its search bound" rather
    /// than print parameters that mean nothing.
    pub label: String,
    /// (age in months, share surviving 0..=1), including the projection.
    pub points: Vec<(u32, f64)>,
    /// Optional uncertainty: (age, lower, upper) shares, e.g. a 90% interval, drawn as a
    /// translucent band in the curve's colour. Empty for none.
    pub interval: Vec<(u32, f64, f64)>,
}

/// Input of [`draw_survival`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurvivalChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// Observed (age in months, share surviving 0..=1); age 0 is 100%.
    pub observed: Vec<(u32, f64)>,
    /// Fitted curves, up to [`MAX_CURVES`].
    pub curves: Vec<SurvivalCurve>,
    /// What the reader must know about the fit, shown above the plot, e.g. "The sBG fit
    /// hit its search bound: the data cannot tell it from constant churn". `None` for
    /// nothing.
    pub note: Option<String>,
    /// What the bands are, for the legend (e.g. "90% intervals"); used when a curve has
    /// an interval.
    pub interval_label: Option<String>,
}

/// Draws a survival chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for nothing to draw or more than [`MAX_CURVES`] curves.
pub fn draw_survival<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SurvivalChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

/// Line widths from the first curve to the last: each sits inside the one before.
fn width(i: usize, n: usize) -> f64 {
    3.0 + 4.5 * (n - 1 - i) as f64
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &SurvivalChart) -> Result<(), ChartError> {
    if chart.curves.len() > MAX_CURVES || (chart.observed.is_empty() && chart.curves.is_empty()) {
        return Err(ChartError::InvalidInput(format!(
            "a survival chart needs observations or curves (at most {MAX_CURVES}), got {} and {}",
            chart.observed.len(),
            chart.curves.len()
        )));
    }
    let p = canvas.style.palette;
    let ages = chart.observed.iter().chain(chart.curves.iter().flat_map(|c| &c.points)).map(|a| a.0);
    let (first, last) = ages.fold((u32::MAX, 0), |(lo, hi), a| (lo.min(a), hi.max(a)));
    if first > last {
        return Err(ChartError::InvalidInput("survival chart has no points".into()));
    }
    let observed_until = chart.observed.iter().map(|o| o.0).max().unwrap_or(0);
    let n = chart.curves.len();

    let body = canvas.header(&chart.titles)?;
    let body = match chart.note.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(note) => canvas.note(body, note)?,
        None => body,
    };
    let mut legend = Vec::new();
    if !chart.observed.is_empty() {
        legend.push(LegendItem::new(Mark::Dot(p.accent), "observed"));
    }
    for (i, (curve, color)) in chart.curves.iter().zip(p.series).enumerate() {
        legend.push(LegendItem::new(Mark::Line(color, width(i, n)), &curve.label));
    }
    if let Some(i) = chart.curves.iter().position(|c| !c.interval.is_empty()) {
        let label = chart.interval_label.as_deref().unwrap_or("shading: uncertainty of each fit");
        let color = p.series[i % p.series.len()];
        legend.push(LegendItem::new(Mark::Swatch(blend(color, p.background, 0.2)), label));
    }
    if !chart.curves.is_empty() && observed_until < last {
        legend.push(LegendItem::new(Mark::Dashed(p.muted), "beyond the data"));
    }
    let body = canvas.legend(body, &legend)?;
    let x_axis = age_axis(first, last, "Months since the customer started");
    let ticks = (0..=5).map(|i| (f64::from(i) * 0.2, Unit::Percent.format_tick(f64::from(i) * 0.2, 0.2))).collect();
    let y_axis = Axis { grid: true, ..Axis::new(0.0, 1.04, ticks, "Customers still active") };
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    for (curve, color) in chart.curves.iter().zip(p.series) {
        let points: Vec<_> = curve.interval.iter().map(|&(a, lo, hi)| (f64::from(a), Some(lo), Some(hi))).collect();
        band(canvas, &plot, &points, color.mix(0.2).filled())?;
    }
    for (i, (curve, color)) in chart.curves.iter().zip(p.series).enumerate() {
        let w = width(i, n);
        let points = curve.points.iter().map(|&(a, s)| (f64::from(a), Some(s)));
        for run in defined_runs(points) {
            let (fitted, projected): (Vec<_>, Vec<_>) = run.iter().partition(|(a, _)| *a <= f64::from(observed_until));
            let fitted_px: Vec<_> = fitted.iter().map(|&(a, s)| plot.at(a, s)).collect();
            canvas.line(&fitted_px, color, w)?;
            let mut projected_px: Vec<_> = fitted.last().iter().map(|&&(a, s)| plot.at(a, s)).collect();
            projected_px.extend(projected.iter().map(|&(a, s)| plot.at(a, s)));
            canvas.dashed(&projected_px, color, w)?;
            canvas.record.borrow_mut().lines.push(run.iter().map(|&(a, s)| plot.at(a, s)).collect());
        }
    }
    for &(age, share) in chart.observed.iter().filter(|o| o.1.is_finite()) {
        canvas.dot(plot.at(f64::from(age), share), p.accent, 8.0)?;
    }
    Ok(())
}
