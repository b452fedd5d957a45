//! The heatmap for two-parameter sweeps: a grid of cells (x = first parameter's values,
//! y = second's) coloured by the output on a viridis ramp (ordered in lightness, so it
//! survives greyscale and colour-blindness), with a colour bar above the plot and the
//! value printed in each cell when the grid is at most 12×12.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Axis, Canvas, Rect, anchor};
use super::marks::extent;
use super::style::{ChartOptions, luminance, ramp_color, sizes};
use super::units::nice_ticks;
use super::{ChartError, Titles, Unit};

/// Largest grid whose cells get their value printed.
const LABELLED_CELLS: usize = 12;

/// Input of [`draw_heatmap`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeatmapChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// First parameter in words (x axis), e.g. "Monthly churn".
    pub x_parameter: String,
    /// Its unit.
    pub x_unit: Unit,
    /// Its values, left to right.
    pub x_values: Vec<f64>,
    /// Second parameter in words (y axis).
    pub y_parameter: String,
    /// Its unit.
    pub y_unit: Unit,
    /// Its values, bottom to top.
    pub y_values: Vec<f64>,
    /// What the colour shows, e.g. "Median cumulative gross profit at month 24".
    pub metric: String,
    /// Unit of the cell values.
    pub unit: Unit,
    /// `cells[row][column]`: row indexes `y_values`, column indexes `x_values`.
    pub cells: Vec<Vec<Option<f64>>>,
}

fn category_axis(values: &[f64], unit: &Unit, name: &str) -> Axis {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let step = sorted
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|gap| *gap > 0.0)
        .fold(f64::INFINITY, f64::min);
    Axis {
        min: -0.5,
        max: values.len() as f64 - 0.5,
        ticks: values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64, unit.format_tick(*v, step)))
            .collect(),
        name: name.to_string(),
        grid: false,
    }
}

/// Draws a heatmap on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when the grid's shape does not match the parameter values
/// or no cell is defined.
pub fn draw_heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &HeatmapChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    let (nx, ny) = (chart.x_values.len(), chart.y_values.len());
    if chart.cells.len() != ny || chart.cells.iter().any(|row| row.len() != nx) {
        return Err(ChartError::InvalidInput(format!(
            "heatmap cells must be {ny} rows of {nx} values"
        )));
    }
    let (lo, hi) = extent(chart.cells.iter().flatten().flatten().copied())
        .ok_or_else(|| ChartError::InvalidInput("heatmap has no defined cell".into()))?;
    let canvas = Canvas::new(root, options)?;
    let (p, s) = (canvas.style.palette, canvas.style);
    let shade = |v: f64| ramp_color(&p.ramp, if hi > lo { (v - lo) / (hi - lo) } else { 0.5 });

    let body = canvas.header(&chart.titles)?;
    let body = colour_bar(&canvas, body, chart, (lo, hi))?;
    let x_axis = category_axis(&chart.x_values, &chart.x_unit, &chart.x_parameter);
    let y_axis = category_axis(&chart.y_values, &chart.y_unit, &chart.y_parameter);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    let labelled = nx <= LABELLED_CELLS && ny <= LABELLED_CELLS;
    let text_style = s.text(sizes::ANNOTATION, p.text);
    for (row, values) in chart.cells.iter().enumerate() {
        for (col, value) in values.iter().enumerate() {
            let (x, y) = (col as f64, row as f64);
            let (a, b) = (plot.at(x - 0.5, y + 0.5), plot.at(x + 0.5, y - 0.5));
            let fill = value.filter(|v| v.is_finite()).map_or(p.grid, shade);
            canvas.rect((a.0 + 1, a.1 + 1), (b.0 - 1, b.1 - 1), fill.filled())?;
            if !labelled {
                continue;
            }
            let text = value.map_or("n/a".to_string(), |v| chart.unit.format_value(v));
            let ink = if luminance(fill) > 0.5 {
                plotters::style::RGBColor(20, 20, 20)
            } else {
                plotters::style::RGBColor(245, 245, 245)
            };
            let style = text_style.color(&ink);
            if canvas.text_size(&text, &style)?.0 < b.0 - a.0 - s.px(6.0) {
                canvas.text(
                    &text,
                    plot.at(x, y),
                    &style,
                    anchor(HPos::Center, VPos::Center),
                )?;
            }
        }
    }
    Ok(())
}

/// A horizontal colour bar with its name and value ticks; returns the area below it.
fn colour_bar<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    area: Rect,
    chart: &HeatmapChart,
    (lo, hi): (f64, f64),
) -> Result<Rect, ChartError> {
    let (p, s) = (canvas.style.palette, canvas.style);
    let name_style = s.text(sizes::LEGEND, p.text);
    let tick_style = s.text(sizes::ANNOTATION, p.muted);
    let name_w = canvas.text_size(&chart.metric, &name_style)?.0;
    let (bar_h, top) = (s.px(20.0), area.top);
    let left = area.left + name_w + s.px(24.0);
    let right = (left + s.px(560.0)).min(area.right - s.px(40.0));
    canvas.text(
        &chart.metric,
        (area.left, top + bar_h / 2),
        &name_style,
        anchor(HPos::Left, VPos::Center),
    )?;
    let steps = (right - left).max(1);
    for i in 0..steps {
        let color = ramp_color(&p.ramp, f64::from(i) / f64::from(steps));
        canvas.rect((left + i, top), (left + i + 1, top + bar_h), color.filled())?;
    }
    let (ticks, step) = nice_ticks(lo, hi, 4);
    for t in ticks
        .into_iter()
        .filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9)
    {
        let x = if hi > lo {
            left + ((t - lo) / (hi - lo) * f64::from(steps)).round() as i32
        } else {
            left
        };
        canvas.line(
            &[(x, top + bar_h), (x, top + bar_h + s.px(6.0))],
            p.axis,
            1.5,
        )?;
        let text = chart.unit.format_tick(t, step);
        canvas.text(
            &text,
            (x, top + bar_h + s.px(8.0)),
            &tick_style,
            anchor(HPos::Center, VPos::Top),
        )?;
    }
    Ok(Rect {
        top: top + bar_h + s.px(sizes::ANNOTATION * 1.4) + s.px(24.0),
        ..area
    })
}
