//! The tornado chart for sensitivity: one horizontal bar per uncertain input, sorted by
//! swing (largest on top), spanning the output's median with the input held at its p10 to
//! the median with it at its p90; the two halves are coloured by which end of the input
//! they come from, a vertical line marks the baseline median, and each end is labelled.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark, RowNames};
use super::marks::{axis_name, extent, value_axis};
use super::style::{ChartOptions, sizes};
use super::{ChartError, Titles, Unit};

/// One input's effect on the output.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TornadoBar {
    /// The input in plain words, e.g. "Monthly churn".
    pub input: String,
    /// Output median with the input at its p10.
    pub at_low: f64,
    /// Output median with the input at its p90.
    pub at_high: f64,
}

impl TornadoBar {
    fn swing(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// Input of [`draw_tornado`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TornadoChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// The output in words, e.g. "Cumulative gross profit at month 24"; the x axis name.
    pub metric: String,
    /// Unit of the output.
    pub unit: Unit,
    /// The output's median with every input sampled as usual.
    pub baseline: f64,
    /// One bar per input, any order (drawn sorted by swing).
    pub bars: Vec<TornadoBar>,
}

/// Draws a tornado chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for no bars or non-finite values.
pub fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TornadoChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &TornadoChart) -> Result<(), ChartError> {
    let finite = chart.baseline.is_finite() && chart.bars.iter().all(|b| b.at_low.is_finite() && b.at_high.is_finite());
    if chart.bars.is_empty() || !finite {
        return Err(ChartError::InvalidInput("a tornado chart needs at least one bar of finite values".into()));
    }
    let mut bars: Vec<&TornadoBar> = chart.bars.iter().collect();
    bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    let (p, s) = (canvas.style.palette, canvas.style);
    let (low_color, high_color) = (p.series[0], p.series[1]);

    let body = canvas.header(&chart.titles)?;
    let legend = [
        LegendItem::new(Mark::Swatch(low_color), "the input at its low end"),
        LegendItem::new(Mark::Swatch(high_color), "at its high end"),
        LegendItem::new(
            Mark::Line(p.text, 3.0),
            format!("baseline median {}", chart.unit.format_value(chart.baseline)),
        ),
    ];
    let body = canvas.legend(body, &legend)?;
    let values = bars.iter().flat_map(|b| [b.at_low, b.at_high]).chain([chart.baseline]);
    let (lo, hi) = extent(values).unwrap_or((0.0, 1.0));
    let n = bars.len() as f64;
    let y_axis = RowNames::axis(bars.len());
    let inputs: Vec<&str> = bars.iter().map(|b| b.input.as_str()).collect();
    let label_style = s.text(sizes::ANNOTATION, p.text);
    let gap = s.px(8.0);
    let mut labels = Vec::with_capacity(bars.len() * 2);
    for bar in &bars {
        for value in [bar.at_low, bar.at_high] {
            let text = chart.unit.format_value(value);
            let width = canvas.text_size(&text, &label_style)?.0;
            labels.push((value, text, width));
        }
    }
    // Each value stands beyond its bar's end, so the axis leaves room for the widest at
    // either end: from 18% of the range, grown until every label is inside the plot (on a
    // phone's drawing, with its larger text, 18% left "$35k" over its row's name).
    let name = axis_name(&chart.metric, &chart.unit);
    let mut pad = [(hi - lo).max(hi.abs() * 0.05).max(1e-9) * 0.18; 2];
    let mut x_axis = value_axis((lo - pad[0], hi + pad[1]), &chart.unit, name.clone(), false, 7);
    // An input's name takes at most a third of the width (a 40-letter tier name left the bars
    // no room and the chart, and the command, failed).
    let (names, plot_area) = RowNames::fit(canvas, &inputs, (body.right - body.left) / 3, (body, body.right), &x_axis)?;
    for _ in 0..4 {
        let layout = canvas.plot_layout(plot_area, &x_axis, &y_axis)?;
        let (left, right) = (layout.rect.left + gap, layout.rect.right);
        let px_per_unit = f64::from(right - layout.rect.left) / (x_axis.max - x_axis.min);
        let mut over = [0i32; 2];
        for (value, _, width) in &labels {
            let x = layout.x(*value);
            if *value < chart.baseline {
                over[0] = over[0].max(left - (x - gap - width));
            } else {
                over[1] = over[1].max(x + gap + width - right);
            }
        }
        if over == [0, 0] || !px_per_unit.is_finite() || px_per_unit <= 0.0 {
            break;
        }
        for (pad, over) in pad.iter_mut().zip(over) {
            *pad += f64::from(over.max(0)) * 1.2 / px_per_unit;
        }
        x_axis = value_axis((lo - pad[0], hi + pad[1]), &chart.unit, name.clone(), false, 7);
    }
    x_axis.grid = true;
    let plot = canvas.axes(plot_area, &x_axis, &y_axis)?;
    names.draw(canvas, &plot)?;

    let base_x = plot.x(chart.baseline);
    for (i, bar) in bars.iter().enumerate() {
        let centre = n - i as f64 - 0.5;
        let (top, bottom) = (plot.y(centre + 0.32), plot.y(centre - 0.32));
        for (value, color) in [(bar.at_low, low_color), (bar.at_high, high_color)] {
            let x = plot.x(value);
            canvas.rect((base_x.min(x), top), (base_x.max(x), bottom), color.filled())?;
            let text = chart.unit.format_value(value);
            let (dx, h) = if value < chart.baseline { (-gap, HPos::Right) } else { (gap, HPos::Left) };
            canvas.text(&text, (x + dx, plot.y(centre)), &label_style, anchor(h, VPos::Center))?;
        }
    }
    let r = plot.rect;
    canvas.line(&[(base_x, r.top), (base_x, r.bottom)], p.text, 3.0)?;
    Ok(())
}
