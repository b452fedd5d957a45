//! The fan chart: one metric over months as nested percentile bands (p5–p95 light,
//! p25–p75 darker) around the median, in the style of a central bank's projection fan:
//! the bands start from the last known value ("today", marked on the axis), the history
//! runs into that point, and the right edge names the p95, the median and the p5 directly,
//! so most fans need no legend. Optional extras: the mean (dashed, on request), a target
//! line whose label covers no band and says its chances in frequency words (`target`), many
//! single futures as thin grey lines with a bad, a typical and a good one named in colour,
//! and recorded history as dots joined by a line. Whatever a legend still lists is drawn.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::frame::{Canvas, Rect, anchor, defined_runs};
use super::guides::{LegendItem, Mark, Plot};
use super::marks::{axis_name, band, band_outlines, dashed, extent, line, month_axis, thin, value_axis};
use super::place::{Obstacle, spread};
use super::style::{ChartOptions, Palette, colored, sizes};
use super::target::{self, Avoid, Placed, TargetLine};
use super::{BandValues, ChartError, MonthlyBands, Timeline, Titles, Unit};

/// Input of [`draw_fan`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FanChart {
    /// Title (the message, e.g. "Net profit levels off near $570 a month"), subtitle (what
    /// is drawn, in words), caption (a file name, not a path).
    pub titles: Titles,
    /// The metric in words, e.g. "Gross profit per month"; the y axis name.
    pub metric: String,
    /// Unit of the metric (formats ticks and labels).
    pub unit: Unit,
    /// The percentile bands, month by month.
    pub bands: MonthlyBands,
    /// The months' dates and today.
    pub timeline: Timeline,
    /// The known value the projection starts from, as (month, value): the last actual of
    /// the history, or zero today for a total counted from today. The bands, the median and
    /// the single futures start at this point, so a jump into the first projected month
    /// shows as one, not hidden by a bridge. Ignored unless it is the month just before
    /// `bands.first_month`.
    pub start: Option<(u32, f64)>,
    /// Optional target line.
    pub target: Option<TargetLine>,
    /// Single futures drawn thin and grey, each aligned with `bands.months`.
    pub sample_paths: Vec<Vec<Option<f64>>>,
    /// Single futures drawn in colour and named at their right end (at most
    /// [`COLOURED_PATHS`]), e.g. a bad, a typical and a good one by where they end.
    pub named_paths: Vec<NamedPath>,
    /// Recorded values as (month, value), for any metric; months may precede
    /// `bands.first_month` (the x axis then starts at the first of them).
    pub actuals: Vec<(u32, f64)>,
    /// Draw the mean as a dashed line (it nearly coincides with the median on most fans,
    /// so it is left out unless asked for).
    pub show_mean: bool,
}

/// A single future drawn in colour with its name at its right end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamedPath {
    /// Its name, e.g. "a bad one (p10)".
    pub label: String,
    /// One value per month, aligned with the chart's bands.
    pub values: Vec<Option<f64>>,
}

/// The most single futures drawn in colour with a name; any more are an input error.
pub const COLOURED_PATHS: usize = 5;

/// Which series have something to show at the axis' scale.
struct Visible {
    outer: bool,
    inner: bool,
    median: bool,
    mean: bool,
}

impl FanChart {
    /// The bands as drawn: from the start point when it is the month before the first.
    fn drawn_bands(&self) -> MonthlyBands {
        match self.start.filter(|&(m, v)| v.is_finite() && m + 1 == self.bands.first_month) {
            Some((month, v)) => {
                let pinched =
                    BandValues { p5: Some(v), p25: Some(v), p50: Some(v), p75: Some(v), p95: Some(v), mean: Some(v) };
                let mut months = vec![pinched];
                months.extend(self.bands.months.iter().copied());
                MonthlyBands { first_month: month, months }
            }
            None => self.bands.clone(),
        }
    }

    /// A single future as drawn: from the start point when the bands start there.
    fn drawn_path(&self, bands: &MonthlyBands, values: &[Option<f64>]) -> Vec<(f64, Option<f64>)> {
        let mut points: Vec<(f64, Option<f64>)> =
            (self.bands.first_month..).zip(values).map(|(m, v)| (f64::from(m), *v)).collect();
        if bands.first_month < self.bands.first_month {
            points.insert(0, (f64::from(bands.first_month), bands.months.first().and_then(|b| b.p50)));
        }
        points
    }

    fn value_extent(&self) -> Option<(f64, f64)> {
        let bands = self.bands.months.iter().flat_map(|b| {
            let mean = if self.show_mean { b.mean } else { None };
            [b.p5, b.p25, b.p50, b.p75, b.p95, mean]
        });
        let paths = self.sample_paths.iter().chain(self.named_paths.iter().map(|p| &p.values)).flatten().copied();
        let actuals = self.actuals.iter().map(|&(_, v)| Some(v));
        let target = self.target.iter().map(|t| Some(t.value));
        let start = self.start.iter().map(|s| Some(s.1));
        extent(bands.chain(paths).chain(actuals).chain(target).chain(start).flatten())
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
            mean: self.show_mean
                && self.bands.months.iter().any(|b| match (b.mean, b.p50) {
                    (Some(m), Some(p)) => m.is_finite() && (!p.is_finite() || (m - p).abs() > tiny),
                    (Some(m), None) => m.is_finite(),
                    _ => false,
                }),
        }
    }

    /// The legend: only what the right edge does not name (grey futures, the mean, the
    /// history); on a compact canvas in fewer words.
    fn legend(&self, p: &'static Palette, visible: &Visible, compact: bool) -> Vec<LegendItem> {
        let mut items = Vec::new();
        if !self.sample_paths.is_empty() {
            let n = self.sample_paths.len();
            let text = match (n, compact, self.named_paths.is_empty()) {
                (1, _, _) => "one single future".to_string(),
                (n, true, _) | (n, false, true) => format!("{n} single futures"),
                (n, false, false) => format!("{n} single futures, some named by where they end"),
            };
            items.push(LegendItem::new(Mark::Paths(&GREYS), text));
        }
        if visible.mean {
            items.push(LegendItem::new(Mark::Dashed(p.mean), "mean"));
        }
        if self.actuals.iter().any(|a| a.1.is_finite()) {
            items.push(LegendItem::new(Mark::Dot(p.accent), "your history"));
        }
        items
    }

    fn months(&self) -> (u32, u32) {
        let finite = || self.actuals.iter().filter(|a| a.1.is_finite()).map(|a| a.0);
        let start = self.start.map(|s| s.0).into_iter().chain(self.timeline.today);
        let first = self.bands.first_month.min(finite().chain(start).min().unwrap_or(u32::MAX));
        let last = self.bands.last_month().unwrap_or(first).max(finite().max().unwrap_or(0));
        (first, last)
    }
}

/// One value of a month's bands.
type Pick = fn(&BandValues) -> Option<f64>;

/// The legend's mark for grey single futures.
static GREYS: [RGBColor; 3] = [RGBColor(150, 150, 150), RGBColor(120, 120, 120), RGBColor(170, 170, 170)];

/// Draws a fan chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when no month has a defined value or more than
/// [`COLOURED_PATHS`] futures are named; drawing errors otherwise.
pub fn draw_fan<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &FanChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

/// A label at the right end of the plot: its text, colour and the row it wants.
struct EndLabel {
    text: String,
    color: RGBColor,
    y: i32,
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &FanChart) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let values = chart
        .value_extent()
        .ok_or_else(|| ChartError::InvalidInput(format!("fan chart '{}' has no defined values", chart.titles.title)))?;
    if chart.named_paths.len() > COLOURED_PATHS {
        return Err(ChartError::InvalidInput(format!("a fan chart names at most {COLOURED_PATHS} futures")));
    }
    let (first, last) = chart.months();
    let drawn = chart.drawn_bands();

    let body = canvas.header(&chart.titles)?;
    let x_axis = month_axis(first, last, &chart.timeline);
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let visible = chart.visible(y_axis.max - y_axis.min);
    let mut legend = chart.legend(p, &visible, canvas.style.compact());
    let room = end_label_room(canvas, chart)?;
    let layout = |legend: &[LegendItem]| -> Result<(Rect, Plot), ChartError> {
        let (_, area) = canvas.legend_layout(body, legend)?;
        let area = Rect { right: area.right - room, ..area };
        Ok((area, canvas.plot_layout(area, &x_axis, &y_axis)?))
    };
    let (mut area, plot) = layout(&legend)?;
    let mut avoid = obstacles(canvas, &plot, chart, &drawn, &visible);
    let today = today_label(canvas, &plot, &chart.timeline, &avoid)?;
    if let Some((_, bounds)) = &today {
        avoid.always(Obstacle::Box(bounds.padded(canvas.style.px(4.0))));
    }
    let mut placed: Option<Placed> = target::place(canvas, &plot, chart.target.as_ref(), &chart.timeline, &avoid)?;
    if let (Some(t), None) = (chart.target.as_ref().filter(|t| t.value.is_finite()), &placed) {
        let text = if canvas.style.compact() { t.short_text(&chart.timeline) } else { t.text(&chart.timeline) };
        legend.push(LegendItem::new(Mark::Dashed(p.target), text));
        area = layout(&legend)?.0;
        placed = None;
    }
    canvas.legend(body, &legend)?;
    let plot = canvas.axes(area, &x_axis, &y_axis)?;
    // Laid out again on the final plot (the same one unless the target went to the legend).
    let today = today_label(canvas, &plot, &chart.timeline, &obstacles(canvas, &plot, chart, &drawn, &visible))?;
    // The today line goes under the data; everything written goes over it.
    if let Some((x, _)) = today {
        canvas.dashed(&[(x, plot.rect.top), (x, plot.rect.bottom)], p.muted, 2.0)?;
    }

    let months: Vec<_> = drawn.iter().map(|(m, b)| (f64::from(m), b)).collect();
    if visible.outer {
        let outer: Vec<_> = months.iter().map(|(m, b)| (*m, b.p5, b.p95)).collect();
        band(canvas, &plot, &outer, p.band_outer.filled())?;
    }
    if visible.inner {
        let inner: Vec<_> = months.iter().map(|(m, b)| (*m, b.p25, b.p75)).collect();
        band(canvas, &plot, &inner, p.band_inner.filled())?;
    }
    for path in &chart.sample_paths {
        thin(canvas, &plot, chart.drawn_path(&drawn, path), p.muted, 0.35)?;
    }
    for (path, color) in chart.named_paths.iter().zip(p.paths) {
        line(canvas, &plot, chart.drawn_path(&drawn, &path.values), color, 2.5)?;
    }
    if visible.median {
        line(canvas, &plot, months.iter().map(|(m, b)| (*m, b.p50)), p.median, 4.0)?;
    }
    if visible.mean {
        dashed(canvas, &plot, months.iter().map(|(m, b)| (*m, b.mean)), p.mean, 3.0)?;
    }
    draw_history(canvas, &plot, chart)?;
    if let Some(t) = &chart.target {
        target::draw(canvas, &plot, t, placed.as_ref())?;
    }
    if let Some((_, bounds)) = today {
        let style = canvas.style.text(sizes::ANNOTATION, p.muted);
        let at = (bounds.left + canvas.style.px(5.0), (bounds.top + bounds.bottom) / 2);
        canvas.label("today", at, &style, anchor(HPos::Left, VPos::Center))?;
    }
    let labels = end_labels(canvas, &plot, chart, &visible)?;
    draw_end_labels(canvas, &plot, labels)
}

/// The pixel column of today: the last past month.
fn today_x(plot: &Plot, chart: &FanChart) -> i32 {
    chart.timeline.today.map_or(plot.rect.left, |m| plot.x(f64::from(m)))
}

/// Where the "today" label goes (its padded box), beside the today line near the top of
/// the plot: right of the line if it fits there, else left, lower rows after; covering no
/// band, dot or line if it can.
fn today_label<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    timeline: &Timeline,
    avoid: &Avoid,
) -> Result<Option<(i32, Rect)>, ChartError> {
    let Some(month) = timeline.today else { return Ok(None) };
    let s = &canvas.style;
    let r = plot.rect;
    let x = plot.x(f64::from(month));
    if x < r.left || x > r.right {
        return Ok(None);
    }
    let style = s.text(sizes::ANNOTATION, s.palette.muted);
    let (w, h) = canvas.text_size("today", &style)?;
    let (pad, gap) = (s.px(5.0), s.px(6.0));
    let (bw, bh) = (w + 2 * pad, h + 2 * pad);
    let tops = (0..8).map(|k| r.top + s.px(4.0) + k * bh);
    let candidates: Vec<Rect> = tops
        .flat_map(|top| [x + gap, x - gap - bw].map(|left| Rect { left, top, right: left + bw, bottom: top + bh }))
        .collect();
    let found = avoid
        .first_free(&candidates, &r)
        .or_else(|| candidates.iter().copied().find(|c| r.contains(c)))
        .unwrap_or(Rect { left: x + gap, top: r.top, right: x + gap + bw, bottom: r.top + bh });
    Ok(Some((x, found)))
}

/// What the today and target labels must keep clear of: the bands, the history's dots and
/// line, and (if they can) the median, the mean, the named futures and the today line.
fn obstacles<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    chart: &FanChart,
    drawn: &MonthlyBands,
    visible: &Visible,
) -> Avoid {
    let s = &canvas.style;
    let months: Vec<_> = drawn.iter().map(|(m, b)| (f64::from(m), b)).collect();
    let mut avoid = Avoid::default();
    let pairs: [(Pick, Pick); 2] = [(|b| b.p5, |b| b.p95), (|b| b.p25, |b| b.p75)];
    for (lo, hi) in pairs {
        let points: Vec<_> = months.iter().map(|(m, b)| (*m, lo(b), hi(b))).collect();
        for outline in band_outlines(plot, &points, s.px(4.0)) {
            avoid.always(Obstacle::Polygon(outline));
        }
    }
    let r = s.px(10.0);
    let history: Vec<(i32, i32)> =
        chart.actuals.iter().filter(|a| a.1.is_finite()).map(|&(m, v)| plot.at(f64::from(m), v)).collect();
    for &(x, y) in &history {
        avoid.always(Obstacle::Box(Rect { left: x - r, top: y - r, right: x + r, bottom: y + r }));
    }
    avoid.always(Obstacle::Line(history));
    let mut runs = defined_runs(months.iter().map(|(m, b)| (*m, b.p50)));
    if visible.mean {
        runs.extend(defined_runs(months.iter().map(|(m, b)| (*m, b.mean))));
    }
    for path in &chart.named_paths {
        runs.extend(defined_runs(chart.drawn_path(drawn, &path.values)));
    }
    for run in runs {
        avoid.if_possible(Obstacle::Line(run.iter().map(|&(x, y)| plot.at(x, y)).collect()));
    }
    if chart.timeline.today.is_some() {
        let x = today_x(plot, chart);
        avoid.if_possible(Obstacle::Line(vec![(x, plot.rect.top), (x, plot.rect.bottom)]));
    }
    avoid
}

/// The right edge's labels: the p95, the median and the p5 of the last month (those drawn),
/// and each named future, at the row of its line's end.
fn end_labels<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    chart: &FanChart,
    visible: &Visible,
) -> Result<Vec<EndLabel>, ChartError> {
    let p = canvas.style.palette;
    let mut out = Vec::new();
    let last = chart.bands.months.iter().rev().find(|b| b.p50.is_some_and(f64::is_finite));
    if let Some(b) = last {
        let picks = [(visible.outer, b.p95, "p95"), (visible.median, b.p50, "median"), (visible.outer, b.p5, "p5")];
        let shown: Vec<(f64, &str)> =
            picks.iter().filter_map(|&(on, v, name)| Some((v.filter(|v| on && v.is_finite())?, name))).collect();
        let texts = label_unit(chart.unit).format_alike(&shown.iter().map(|s| s.0).collect::<Vec<_>>());
        for ((value, name), text) in shown.into_iter().zip(texts) {
            let color = if name == "median" { p.median } else { p.muted };
            out.push(EndLabel { text: format!("{name} {text}"), color, y: plot.y(value) });
        }
    }
    for (path, color) in chart.named_paths.iter().zip(p.paths) {
        let end = chart.drawn_path(&chart.drawn_bands(), &path.values).into_iter().rev().find_map(|(m, v)| {
            let v = v.filter(|v| v.is_finite())?;
            Some(plot.at(m, v))
        });
        if let Some((_, y)) = end {
            out.push(EndLabel { text: path.label.clone(), color, y });
        }
    }
    Ok(out)
}

/// The unit of the right edge's labels: a count without its noun, which the axis names
/// ("median 10", not "median 10 customers").
fn label_unit(unit: Unit) -> Unit {
    if unit.is_count() { Unit::Number } else { unit }
}

/// The width the right edge's labels take, so the plot leaves room for them.
fn end_label_room<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &FanChart) -> Result<i32, ChartError> {
    let s = &canvas.style;
    let style = s.text(sizes::ANNOTATION, s.palette.text);
    let mut widest = 0;
    if let Some(b) = chart.bands.months.iter().rev().find(|b| b.p50.is_some_and(f64::is_finite)) {
        let values: Vec<f64> = [b.p95, b.p50, b.p5].into_iter().flatten().filter(|v| v.is_finite()).collect();
        for text in label_unit(chart.unit).format_alike(&values) {
            widest = widest.max(canvas.text_size(&format!("median {text}"), &style)?.0);
        }
    }
    for path in &chart.named_paths {
        widest = widest.max(canvas.text_size(&path.label, &style)?.0);
    }
    Ok(if widest == 0 { 0 } else { widest + s.px(12.0) })
}

/// Draws the right edge's labels in their colours, spread so none touches another.
fn draw_end_labels<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    labels: Vec<EndLabel>,
) -> Result<(), ChartError> {
    let s = &canvas.style;
    let style = s.text(sizes::ANNOTATION, s.palette.text);
    let (_, text_h) = canvas.text_size("p95 $1", &style)?;
    let gap = text_h + s.px(3.0);
    let wanted: Vec<i32> = labels.iter().map(|l| l.y).collect();
    let rows = spread(&wanted, gap, plot.rect.top + gap / 2, plot.rect.bottom - gap / 2);
    for (label, y) in labels.into_iter().zip(rows) {
        let at = (plot.rect.right + s.px(8.0), y);
        canvas.text(&label.text, at, &colored(style.clone(), label.color), anchor(HPos::Left, VPos::Center))?;
    }
    Ok(())
}

/// Recorded history: dots joined by a solid line that ends where the projection starts
/// (the start point is the last actual), so nothing bridges a jump.
fn draw_history<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, plot: &Plot, chart: &FanChart) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let mut actuals: Vec<(u32, f64)> = chart.actuals.iter().copied().filter(|a| a.1.is_finite()).collect();
    actuals.sort_by_key(|a| a.0);
    actuals.dedup_by_key(|a| a.0);
    if actuals.is_empty() {
        return Ok(());
    }
    let mut run: Vec<(i32, i32)> = Vec::new();
    for (i, &(month, value)) in actuals.iter().enumerate() {
        if i > 0 && actuals[i - 1].0 + 1 != month {
            canvas.line(&std::mem::take(&mut run), p.accent, 2.5)?;
        }
        run.push(plot.at(f64::from(month), value));
    }
    canvas.line(&run, p.accent, 2.5)?;
    canvas.record.borrow_mut().lines.push(run);
    for &(month, value) in &actuals {
        canvas.dot(plot.at(f64::from(month), value), p.accent, 7.0)?;
    }
    Ok(())
}
