//! The survival chart for `fit retention`: a cohort's observed survival (share still
//! active at each month of age) as dots, against one or more fitted curves (e.g. "sBG fit",
//! "constant churn") drawn solid over the observed ages and dashed beyond them, where they
//! become a projection.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use super::frame::{Canvas, LegendItem, Mark, defined_runs};
use super::marks::{month_axis, value_axis};
use super::style::ChartOptions;
use super::{ChartError, Titles, Unit};

/// One fitted survival curve.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurvivalCurve {
    /// Legend label, e.g. "sBG fit (α 0.7, β 3.1)".
    pub label: String,
    /// (age in months, share surviving 0..=1), including the projection.
    pub points: Vec<(u32, f64)>,
}

/// Input of [`draw_survival`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurvivalChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// Observed (age in months, share surviving 0..=1); age 0 is 100%.
    pub observed: Vec<(u32, f64)>,
    /// Fitted curves, up to six.
    pub curves: Vec<SurvivalCurve>,
}

/// Draws a survival chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for nothing to draw or more than six curves.
pub fn draw_survival<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SurvivalChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    if chart.curves.len() > 6 || (chart.observed.is_empty() && chart.curves.is_empty()) {
        return Err(ChartError::InvalidInput(format!(
            "a survival chart needs observations or curves (at most 6), got {} and {}",
            chart.observed.len(),
            chart.curves.len()
        )));
    }
    let canvas = Canvas::new(root, options)?;
    let p = canvas.style.palette;
    let ages = chart
        .observed
        .iter()
        .chain(chart.curves.iter().flat_map(|c| &c.points))
        .map(|a| a.0);
    let (first, last) = ages.fold((u32::MAX, 0), |(lo, hi), a| (lo.min(a), hi.max(a)));
    if first > last {
        return Err(ChartError::InvalidInput(
            "survival chart has no points".into(),
        ));
    }
    let observed_until = chart.observed.iter().map(|o| o.0).max().unwrap_or(0);

    let body = canvas.header(&chart.titles)?;
    let mut legend = vec![LegendItem::new(Mark::Dot(p.accent), "observed")];
    for (curve, color) in chart.curves.iter().zip(p.series) {
        legend.push(LegendItem::new(Mark::Line(color, 4.0), &curve.label));
    }
    if !chart.curves.is_empty() {
        legend.push(LegendItem::new(
            Mark::Dashed(p.muted),
            "projection beyond the data",
        ));
    }
    let body = canvas.legend(body, &legend)?;
    let x_axis = month_axis(first, last, "Months since the customer started");
    let y_axis = value_axis(
        (0.0, 1.0),
        &Unit::Percent,
        "Customers still active".into(),
        true,
        5,
    );
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    for (curve, color) in chart.curves.iter().zip(p.series) {
        let points = curve.points.iter().map(|&(a, s)| (f64::from(a), Some(s)));
        for run in defined_runs(points) {
            let (fitted, projected): (Vec<_>, Vec<_>) = run
                .iter()
                .partition(|(a, _)| *a <= f64::from(observed_until));
            let fitted_px: Vec<_> = fitted.iter().map(|&(a, s)| plot.at(a, s)).collect();
            canvas.line(&fitted_px, color, 4.0)?;
            let mut projected_px: Vec<_> =
                fitted.last().iter().map(|&&(a, s)| plot.at(a, s)).collect();
            projected_px.extend(projected.iter().map(|&(a, s)| plot.at(a, s)));
            canvas.dashed(&projected_px, color, 4.0)?;
        }
    }
    for &(age, share) in chart.observed.iter().filter(|o| o.1.is_finite()) {
        canvas.dot(plot.at(f64::from(age), share), p.accent, 8.0)?;
    }
    Ok(())
}
