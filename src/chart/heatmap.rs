//! The heatmap for two-parameter sweeps: a grid of cells (x = first parameter's values,
//! y = second's) coloured by the output on a viridis ramp (ordered in lightness, so it
//! survives greyscale and colour-blindness), with a colour bar above the plot and the
//! value printed in each cell when the grid is at most 12×12. Chances are coloured on the
//! whole scale from none to every future (a 68 in 100 is not painted as certainty) and
//! written as futures out of 100 ("<1" for a chance too small to round to one). Today's
//! values are marked: their cell outlined, or a ring between cells.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::boxes::Rect;
use super::frame::{Canvas, anchor};
use super::guides::{Axis, LegendItem, Mark};
use super::marks::extent;
use super::style::{ChartOptions, luminance, ramp_color, sizes};
use super::units::{nice_ticks, significant_step};
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
    /// The cells are chances (0..=1): coloured from 0 to 1 whatever the largest, and
    /// written as futures out of 100.
    pub probabilities: bool,
    /// Today's values of the two parameters (x, y), when known: marked on the grid.
    pub today: Option<(f64, f64)>,
}

/// A chance from a finite run as a number of futures out of 100, for a cell: "28", and
/// "<1" or ">99" for one that rounds to an end (none of a thousand futures reaching a
/// target does not make it impossible).
pub(crate) fn out_of_100(p: f64) -> String {
    let n = (p * 100.0).round();
    if n < 1.0 {
        "<1".to_string()
    } else if n > 99.0 {
        ">99".to_string()
    } else {
        format!("{n}")
    }
}

/// Where `value` falls along `values` (in their order) as a fractional index, when it lies
/// between two of them (or on one).
fn index_of(values: &[f64], value: f64) -> Option<f64> {
    if !value.is_finite() {
        return None;
    }
    if let Some(i) = values.iter().position(|v| (v - value).abs() <= 1e-9 * v.abs().max(1.0)) {
        return Some(i as f64);
    }
    values.windows(2).enumerate().find_map(|(i, w)| {
        let (a, b) = (w[0], w[1]);
        let inside = (a < value && value < b) || (b < value && value < a);
        inside.then(|| i as f64 + (value - a) / (b - a))
    })
}

fn category_axis(values: &[f64], unit: &Unit, name: &str) -> Axis {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let step = sorted.windows(2).map(|w| w[1] - w[0]).filter(|gap| *gap > 0.0).fold(f64::INFINITY, f64::min);
    let ticks = values.iter().enumerate().map(|(i, v)| (i as f64, unit.format_tick(*v, step))).collect();
    Axis::new(-0.5, values.len() as f64 - 0.5, ticks, name)
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
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &HeatmapChart) -> Result<(), ChartError> {
    let (nx, ny) = (chart.x_values.len(), chart.y_values.len());
    if chart.cells.len() != ny || chart.cells.iter().any(|row| row.len() != nx) {
        return Err(ChartError::InvalidInput(format!("heatmap cells must be {ny} rows of {nx} values")));
    }
    let (lo, hi) = extent(chart.cells.iter().flatten().flatten().copied())
        .ok_or_else(|| ChartError::InvalidInput("heatmap has no defined cell".into()))?;
    let (lo, hi) = if chart.probabilities { (0.0, 1.0) } else { (lo, hi) };
    let (p, s) = (canvas.style.palette, canvas.style);
    let shade = |v: f64| ramp_color(&p.ramp, if hi > lo { (v - lo) / (hi - lo) } else { 0.5 });

    let body = canvas.header(&chart.titles)?;
    let body = colour_bar(canvas, body, chart, (lo, hi), distinguishing_step(&chart.cells, &chart.unit))?;
    let today = today_at(chart);
    let body = match today {
        Some((_, _, on_grid)) => {
            let mark = if on_grid { Mark::Outline(p.text) } else { Mark::Ring(p.text) };
            let text = if on_grid { "outlined: today's values" } else { "ring: today's values, between the cells" };
            canvas.legend(body, &[LegendItem::new(mark, text)])?
        }
        None => body,
    };
    let x_axis = category_axis(&chart.x_values, &chart.x_unit, &chart.x_parameter);
    let y_axis = category_axis(&chart.y_values, &chart.y_unit, &chart.y_parameter);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    let labelled = nx <= LABELLED_CELLS && ny <= LABELLED_CELLS;
    let step = distinguishing_step(&chart.cells, &chart.unit);
    let text_style = s.text(sizes::TICK, p.text);
    for (row, values) in chart.cells.iter().enumerate() {
        for (col, value) in values.iter().enumerate() {
            let (x, y) = (col as f64, row as f64);
            let (a, b) = (plot.at(x - 0.5, y + 0.5), plot.at(x + 0.5, y - 0.5));
            let fill = value.filter(|v| v.is_finite()).map_or(p.grid, shade);
            canvas.rect((a.0 + 1, a.1 + 1), (b.0 - 1, b.1 - 1), fill.filled())?;
            if !labelled {
                continue;
            }
            let text = match value {
                None => "n/a".to_string(),
                Some(v) if chart.probabilities => out_of_100(*v),
                Some(v) => chart.unit.format_tick(*v, step),
            };
            let ink = if luminance(fill) > 0.5 {
                plotters::style::RGBColor(20, 20, 20)
            } else {
                plotters::style::RGBColor(245, 245, 245)
            };
            let style = text_style.color(&ink);
            if canvas.text_size(&text, &style)?.0 < b.0 - a.0 - s.px(6.0) {
                canvas.text(&text, plot.at(x, y), &style, anchor(HPos::Center, VPos::Center))?;
            }
        }
    }
    if let Some((col, row, on_grid)) = today {
        let (p, s) = (canvas.style.palette, canvas.style);
        if on_grid {
            let (a, b) = (plot.at(col - 0.5, row + 0.5), plot.at(col + 0.5, row - 0.5));
            // Two rings, the background's and the text's: one of them stands out on any cell.
            canvas.rect((a.0 + 2, a.1 + 2), (b.0 - 2, b.1 - 2), p.background.stroke_width(s.stroke(7.0)))?;
            canvas.rect((a.0 + 2, a.1 + 2), (b.0 - 2, b.1 - 2), p.text.stroke_width(s.stroke(3.0)))?;
        } else {
            canvas.ring(plot.at(col, row), p.text, 9.0)?;
        }
    }
    Ok(())
}

/// Where today's values fall on the grid, as fractional column and row, and whether they
/// are a cell of it (the legend says which mark it is).
fn today_at(chart: &HeatmapChart) -> Option<(f64, f64, bool)> {
    let (x, y) = chart.today?;
    let (col, row) = (index_of(&chart.x_values, x)?, index_of(&chart.y_values, y)?);
    Some((col, row, col.fract() == 0.0 && row.fract() == 0.0))
}

/// The coarsest resolution (3 or 4 significant digits of the largest value) at which no
/// two neighbouring cells (diagonals included) whose values differ by more than 0.5% of
/// the range print the same label.
pub(crate) fn distinguishing_step(cells: &[Vec<Option<f64>>], unit: &Unit) -> f64 {
    let values: Vec<f64> = cells.iter().flatten().flatten().copied().filter(|v| v.is_finite()).collect();
    let (lo, hi) = extent(values.iter().copied()).unwrap_or((0.0, 0.0));
    // Neighbours closer than half a percent of the range count as equal: telling them
    // apart would take digits nobody reads.
    let close = (hi - lo) * 0.005;
    let cell =
        |r: usize, c: usize| cells.get(r).and_then(|row| row.get(c)).copied().flatten().filter(|v| v.is_finite());
    let mut pairs = Vec::new();
    for (r, row) in cells.iter().enumerate() {
        for c in 0..row.len() {
            let here = cell(r, c);
            let next =
                [cell(r, c + 1), cell(r + 1, c), cell(r + 1, c + 1), c.checked_sub(1).and_then(|l| cell(r + 1, l))];
            for (a, b) in next.into_iter().map(|n| (here, n)) {
                if let (Some(a), Some(b)) = (a, b)
                    && (a - b).abs() > close
                {
                    pairs.push((a, b));
                }
            }
        }
    }
    (3..=4)
        .map(|digits| significant_step(&values, digits))
        .find(|&step| pairs.iter().all(|&(a, b)| unit.format_tick(a, step) != unit.format_tick(b, step)))
        .unwrap_or_else(|| significant_step(&values, 4))
}

/// A horizontal colour bar with its name, its two ends labelled (the lowest and highest
/// cell values, or none and every future for chances) and nice ticks between them where
/// they touch no other label; the name goes above the bar when the two do not fit side
/// by side. Returns the area below it.
fn colour_bar<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    area: Rect,
    chart: &HeatmapChart,
    (lo, hi): (f64, f64),
    step: f64,
) -> Result<Rect, ChartError> {
    let (p, s) = (canvas.style.palette, canvas.style);
    let name_style = s.text(sizes::LEGEND, p.text);
    let tick_style = s.text(sizes::ANNOTATION, p.muted);
    let end_style = s.text(sizes::ANNOTATION, p.text);
    let bar_h = s.px(20.0);
    // The bar is a scale, not a finding: its ends are "0" and "100" futures.
    let format = |v: f64, step: f64| {
        if chart.probabilities { format!("{}", (v * 100.0).round()) } else { chart.unit.format_tick(v, step) }
    };
    let (low, high) = (format(lo, step), format(hi, step));
    let end_w = canvas.text_size(&low, &end_style)?.0.max(canvas.text_size(&high, &end_style)?.0);
    let lines = canvas.wrap(&chart.metric, &name_style, area.right - area.left)?;
    let one_line = lines.len() == 1;
    let name_w = canvas.block_size(&lines, &name_style, 1)?.0;
    let beside = area.left + name_w + s.space(24.0) + end_w / 2;
    let line_h = s.px(sizes::LEGEND * 1.3);
    let (left, top) = if one_line && area.right - beside >= s.px(360.0) {
        canvas.text(&lines[0], (area.left, area.top + bar_h / 2), &name_style, anchor(HPos::Left, VPos::Center))?;
        (beside, area.top)
    } else {
        for (i, line) in lines.iter().enumerate() {
            let y = area.top + line_h * i as i32;
            canvas.text(line, (area.left, y), &name_style, anchor(HPos::Left, VPos::Top))?;
        }
        (area.left + end_w / 2, area.top + line_h * lines.len() as i32 + s.px(4.0))
    };
    let right = (left + s.px(560.0)).min(area.right - end_w / 2);
    let steps = (right - left).max(1);
    for i in 0..steps {
        let color = ramp_color(&p.ramp, f64::from(i) / f64::from(steps));
        canvas.rect((left + i, top), (left + i + 1, top + bar_h), color.filled())?;
    }
    let x_of = |v: f64| if hi > lo { left + ((v - lo) / (hi - lo) * f64::from(steps)).round() as i32 } else { left };
    let below = top + bar_h + s.px(8.0);
    let mut taken: Vec<Rect> = Vec::new();
    for (v, text) in [(lo, low), (hi, high)] {
        let x = x_of(v);
        canvas.line(&[(x, top), (x, top + bar_h + s.px(6.0))], p.axis, 2.0)?;
        taken.push(canvas.text_box(&text, (x, below), &end_style, anchor(HPos::Center, VPos::Top))?.padded(s.px(8.0)));
        canvas.text(&text, (x, below), &end_style, anchor(HPos::Center, VPos::Top))?;
    }
    let (ticks, tick_step) = if chart.probabilities { (vec![0.25, 0.5, 0.75], 0.25) } else { nice_ticks(lo, hi, 4) };
    for t in ticks.into_iter().filter(|t| *t > lo && *t < hi) {
        let (x, text) = (x_of(t), format(t, tick_step));
        let bounds = canvas.text_box(&text, (x, below), &tick_style, anchor(HPos::Center, VPos::Top))?;
        if taken.iter().any(|r| r.overlaps(&bounds)) {
            continue;
        }
        taken.push(bounds.padded(s.px(8.0)));
        canvas.line(&[(x, top + bar_h), (x, top + bar_h + s.px(6.0))], p.axis, 1.5)?;
        canvas.text(&text, (x, below), &tick_style, anchor(HPos::Center, VPos::Top))?;
    }
    Ok(Rect { top: below + s.px(sizes::ANNOTATION) + s.space(24.0), ..area })
}
