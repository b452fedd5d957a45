//! The fan chart: one metric over months as nested percentile bands (p5–p95 light,
//! p25–p75 darker), the median solid and the mean dashed, in the style of a central
//! bank's projection fan. Optional extras: a target line with its month marked and both
//! probabilities in a label that covers no band (`target`), a few single futures as thin
//! lines in distinct colours with direct labels ("#1"), and recorded history as dots
//! joined by a line that runs on into the projection, before it if need be. The legend
//! lists only what is drawn: a band of zero width or a mean equal to the median is left
//! out of both.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, Rect, anchor};
use super::guides::{LegendItem, Mark, Plot};
use super::marks::{axis_name, band, dashed, extent, line, month_axis, thin, value_axis};
use super::place::spread;
use super::style::{ChartOptions, Palette, colored, sizes};
use super::target::{self, Placed, Scene, TargetLine};
use super::{BandValues, ChartError, MonthlyBands, Titles, Unit};

/// Input of [`draw_fan`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FanChart {
    /// Title (what is shown, e.g. "Gross profit per month"), subtitle (the scenario,
    /// trajectories, seed), caption (a file name, not a path).
    pub titles: Titles,
    /// The metric in words, e.g. "Gross profit per month"; the y axis name.
    pub metric: String,
    /// Unit of the metric (formats ticks and labels).
    pub unit: Unit,
    /// The percentile bands, month by month.
    pub bands: MonthlyBands,
    /// Optional target line.
    pub target: Option<TargetLine>,
    /// A few individual trajectories, each aligned with `bands.months`; the first
    /// [`COLOURED_PATHS`] get their own colour and a "#n" label, any more are grey.
    pub sample_paths: Vec<Vec<Option<f64>>>,
    /// Recorded values as (month, value), for any metric; months may precede
    /// `bands.first_month` (the x axis then starts at the first of them). For a
    /// cumulative metric pass history on the same running total as the bands.
    pub actuals: Vec<(u32, f64)>,
}

/// Single futures drawn in distinct colours with a direct label; more are drawn grey.
pub const COLOURED_PATHS: usize = 5;

/// Which series have something to show at the axis' scale.
struct Visible {
    outer: bool,
    inner: bool,
    median: bool,
    mean: bool,
}

impl FanChart {
    /// What a target label must keep clear of.
    fn scene(&self) -> Scene<'_> {
        Scene { target: self.target.as_ref(), bands: &self.bands, actuals: &self.actuals, paths: &self.sample_paths }
    }

    fn value_extent(&self) -> Option<(f64, f64)> {
        let bands = self.bands.months.iter().flat_map(|b| [b.p5, b.p25, b.p50, b.p75, b.p95, b.mean]);
        let paths = self.sample_paths.iter().flatten().copied();
        let actuals = self.actuals.iter().map(|&(_, v)| Some(v));
        let target = self.target.iter().map(|t| Some(t.value));
        extent(bands.chain(paths).chain(actuals).chain(target).flatten())
    }

    /// A band or a line is drawn only if it differs visibly (0.3% of the axis) somewhere.
    fn visible(&self, span: f64) -> Visible {
        let tiny = span.abs() * 0.003;
        let wide = |lo: fn(&BandValues) -> Option<f64>, hi: fn(&BandValues) -> Option<f64>| {
            self.bands.months.iter().any(|b| match (lo(b), hi(b)) {
                (Some(l), Some(h)) => l.is_finite() && h.is_finite() && h - l > tiny,
                _ => false,
            })
        };
        let finite = |v: Option<f64>| v.is_some_and(f64::is_finite);
        Visible {
            outer: wide(|b| b.p5, |b| b.p95),
            inner: wide(|b| b.p25, |b| b.p75),
            median: self.bands.months.iter().any(|b| finite(b.p50)),
            mean: self.bands.months.iter().any(|b| match (b.mean, b.p50) {
                (Some(m), Some(p)) => m.is_finite() && (!p.is_finite() || (m - p).abs() > tiny),
                (Some(m), None) => m.is_finite(),
                _ => false,
            }),
        }
    }

    /// The legend; on a compact canvas with shorter words, so it takes fewer rows.
    fn legend(&self, p: &'static Palette, visible: &Visible, compact: bool) -> Vec<LegendItem> {
        let mut items = Vec::new();
        if visible.outer {
            let text = if compact { "90% (p5–p95)" } else { "90% of trajectories (p5–p95)" };
            items.push(LegendItem::new(Mark::Swatch(p.band_outer), text));
        }
        if visible.inner {
            items.push(LegendItem::new(Mark::Swatch(p.band_inner), "50% (p25–p75)"));
        }
        if visible.median {
            items.push(LegendItem::new(Mark::Line(p.median, 4.0), "median"));
        }
        if visible.mean {
            items.push(LegendItem::new(Mark::Dashed(p.mean), "mean"));
        }
        let coloured = self.sample_paths.len().min(COLOURED_PATHS);
        if coloured > 0 {
            let text = match (self.sample_paths.len(), compact) {
                (1, _) => "one single future (#1)".to_string(),
                (n, true) => format!("futures #1–#{n}"),
                (n, false) => format!("{n} single futures (#1–#{n})"),
            };
            items.push(LegendItem::new(Mark::Paths(&p.paths[..coloured]), text));
        }
        if self.actuals.iter().any(|a| a.1.is_finite()) {
            items.push(LegendItem::new(Mark::Dot(p.accent), "actual"));
        }
        items
    }

    fn months(&self) -> (u32, u32) {
        let finite = || self.actuals.iter().filter(|a| a.1.is_finite()).map(|a| a.0);
        let first = self.bands.first_month.min(finite().min().unwrap_or(u32::MAX));
        let last = self.bands.last_month().unwrap_or(first).max(finite().max().unwrap_or(0));
        (first, last)
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
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &FanChart) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let values = chart
        .value_extent()
        .ok_or_else(|| ChartError::InvalidInput(format!("fan chart '{}' has no defined values", chart.titles.title)))?;
    let (first, last) = chart.months();

    let body = canvas.header(&chart.titles)?;
    let x_axis = month_axis(first, last, "Month");
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let visible = chart.visible(y_axis.max - y_axis.min);
    let mut legend = chart.legend(p, &visible, canvas.style.compact());
    let path_room = path_label_room(canvas, chart)?;
    let layout = |legend: &[LegendItem]| -> Result<(Rect, Plot), ChartError> {
        let (_, area) = canvas.legend_layout(body, legend)?;
        let area = Rect { right: area.right - path_room, ..area };
        Ok((area, canvas.plot_layout(area, &x_axis, &y_axis)?))
    };
    let (mut area, plot) = layout(&legend)?;
    let mut placed: Option<Placed> = target::place(canvas, &plot, &chart.scene())?;
    if let (Some(t), None) = (chart.target.as_ref().filter(|t| t.value.is_finite()), &placed) {
        legend.push(LegendItem::new(Mark::Dashed(p.accent), t.text()));
        area = layout(&legend)?.0;
        placed = None;
    }
    canvas.legend(body, &legend)?;
    let plot = canvas.axes(area, &x_axis, &y_axis)?;

    let months: Vec<_> = chart.bands.iter().map(|(m, b)| (f64::from(m), b)).collect();
    if visible.outer {
        let outer: Vec<_> = months.iter().map(|(m, b)| (*m, b.p5, b.p95)).collect();
        band(canvas, &plot, &outer, p.band_outer.filled())?;
    }
    if visible.inner {
        let inner: Vec<_> = months.iter().map(|(m, b)| (*m, b.p25, b.p75)).collect();
        band(canvas, &plot, &inner, p.band_inner.filled())?;
    }
    draw_paths(canvas, &plot, chart)?;
    if visible.median {
        line(canvas, &plot, months.iter().map(|(m, b)| (*m, b.p50)), p.median, 4.0)?;
    }
    if visible.mean {
        dashed(canvas, &plot, months.iter().map(|(m, b)| (*m, b.mean)), p.mean, 3.0)?;
    }
    if let Some(t) = &chart.target {
        target::draw(canvas, &plot, t, placed.as_ref())?;
    }
    draw_history(canvas, &plot, chart)?;
    Ok(())
}

/// Room right of the plot for the "#n" labels at the end of the coloured paths.
fn path_label_room<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &FanChart) -> Result<i32, ChartError> {
    let n = chart.sample_paths.len().min(COLOURED_PATHS);
    if n == 0 {
        return Ok(0);
    }
    let style = canvas.style.text(sizes::ANNOTATION, canvas.style.palette.text);
    Ok(canvas.text_size(&format!("#{n}"), &style)?.0 + canvas.style.px(10.0))
}

/// Single futures: the first few in their own colours with a "#n" label just right of
/// their last month (spread apart so labels never collide), the rest thin and grey.
fn draw_paths<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, plot: &Plot, chart: &FanChart) -> Result<(), ChartError> {
    let (p, s) = (canvas.style.palette, canvas.style);
    let points = |path: &[Option<f64>]| -> Vec<(f64, Option<f64>)> {
        (chart.bands.first_month..).zip(path).map(|(m, v)| (f64::from(m), *v)).collect()
    };
    for path in chart.sample_paths.iter().skip(COLOURED_PATHS) {
        thin(canvas, plot, points(path), p.muted, 0.35)?;
    }
    let mut ends = Vec::new();
    for (i, (path, color)) in chart.sample_paths.iter().zip(p.paths).enumerate() {
        let pts = points(path);
        line(canvas, plot, pts.iter().copied(), color, 2.0)?;
        if let Some(&(m, Some(v))) = pts.iter().rev().find(|(_, v)| v.is_some_and(f64::is_finite)) {
            ends.push((i, color, plot.at(m, v)));
        }
    }
    let style = s.text(sizes::ANNOTATION, p.text);
    let label_h = s.px(sizes::ANNOTATION * 1.05);
    let wanted: Vec<i32> = ends.iter().map(|e| e.2.1).collect();
    let rows = spread(&wanted, label_h, plot.rect.top + label_h / 2, plot.rect.bottom - label_h / 2);
    for ((i, color, (x, _)), y) in ends.into_iter().zip(rows) {
        let x = x.max(plot.rect.right) + s.px(6.0);
        let style = colored(style.clone(), color);
        canvas.text(&format!("#{}", i + 1), (x, y), &style, anchor(HPos::Left, VPos::Center))?;
    }
    Ok(())
}

/// Recorded history: dots joined by a solid line, continued by a dotted line into the
/// projection's median when the history ends just before it; a faint vertical line marks
/// where the projection starts when history precedes it.
fn draw_history<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, plot: &Plot, chart: &FanChart) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let mut actuals: Vec<(u32, f64)> = chart.actuals.iter().copied().filter(|a| a.1.is_finite()).collect();
    actuals.sort_by_key(|a| a.0);
    actuals.dedup_by_key(|a| a.0);
    let Some(&(last_month, last_value)) = actuals.last() else {
        return Ok(());
    };
    let projection_start = chart.bands.first_month;
    if actuals[0].0 < projection_start {
        let x = plot.x(f64::from(projection_start) - 0.5);
        canvas.dashed(&[(x, plot.rect.top), (x, plot.rect.bottom)], p.grid, 2.0)?;
    }
    let mut run: Vec<(i32, i32)> = Vec::new();
    for (i, &(month, value)) in actuals.iter().enumerate() {
        if i > 0 && actuals[i - 1].0 + 1 != month {
            canvas.line(&std::mem::take(&mut run), p.accent, 2.5)?;
        }
        run.push(plot.at(f64::from(month), value));
    }
    canvas.line(&run, p.accent, 2.5)?;
    let next = chart.bands.iter().find(|(m, _)| *m == last_month + 1).and_then(|(m, b)| Some((m, b.p50?)));
    if let Some((month, median)) = next.filter(|(_, v)| v.is_finite()) {
        let from = plot.at(f64::from(last_month), last_value);
        canvas.dashed(&[from, plot.at(f64::from(month), median)], p.accent, 2.5)?;
    }
    for &(month, value) in &actuals {
        canvas.dot(plot.at(f64::from(month), value), p.accent, 7.0)?;
    }
    Ok(())
}
