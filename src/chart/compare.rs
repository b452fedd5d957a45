//! Charts for `compare`: the overlay and the paired difference. The overlay shows up to
//! three variants as medians with translucent p25–p75 bands in their own Okabe–Ito
//! colours; four to twelve as medians alone, each named in its colour at its right end
//! (labels spread so they never collide), the baseline thicker. The difference shows
//! variant minus baseline per trajectory as fan bands around a marked zero line.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, TextStyle};

use super::boxes::Rect;
use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark, Plot};
use super::marks::{axis_name, band, band_outlines, dashed, extent, line, month_axis, nested_bands, value_axis};
use super::place::{Obstacle, spread};
use super::style::{ChartOptions, Palette, blend, colored, sizes};
use super::target::Avoid;
use super::{BandValues, ChartError, MonthlyBands, Timeline, Titles, Unit};
use crate::text::number::chance;

/// The most variants an overlay shows: the six colour-blind-safe colours solid, then
/// dashed. A caller with more variants shows the first twelve and says so.
pub const MAX_VARIANTS: usize = 12;
/// Up to this many variants an overlay shows each one's p25–p75 band with a legend; with
/// more, bands would turn to mud, so it draws the medians alone, named at their ends.
pub const BANDED_VARIANTS: usize = 3;

/// One variant of an overlay: its plain-words label ("churn 10%") and bands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OverlayVariant {
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
    /// The months' dates and today.
    pub timeline: Timeline,
    /// One to [`MAX_VARIANTS`] variants; the first is the baseline (drawn thicker).
    pub variants: Vec<OverlayVariant>,
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
    /// The months' dates and today.
    pub timeline: Timeline,
    /// Draw the mean as a dashed line (left out unless asked for).
    pub show_mean: bool,
    /// The chance that the variant does better, said on the chart.
    pub verdict: Option<BetterChance>,
}

/// The chance that one variant does better than the other in a month, for the difference
/// chart's label ("the bounty programme earns more: 27 in 100 futures in Dec 2027").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BetterChance {
    /// What doing better means, in words: "the bounty programme earns more".
    pub better: String,
    /// The month the chance is of.
    pub month: u32,
    /// The chance, 0..=1.
    pub probability: f64,
}

impl BetterChance {
    /// "the bounty programme earns more than the creator in Dec 2027: 27 in 100 futures".
    pub(crate) fn text(&self, timeline: &Timeline) -> String {
        format!("{} in {}: {} futures", self.better, timeline.month(self.month), chance(Some(self.probability)))
    }
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
    overlay_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn overlay_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &OverlayChart) -> Result<(), ChartError> {
    if chart.variants.is_empty() || chart.variants.len() > MAX_VARIANTS {
        return Err(ChartError::InvalidInput(format!(
            "an overlay shows 1 to {MAX_VARIANTS} variants, got {}",
            chart.variants.len()
        )));
    }
    let p = canvas.style.palette;
    let banded = chart.variants.len() <= BANDED_VARIANTS;
    let pick = |b: &BandValues| if banded { [b.p25, b.p50, b.p75] } else { [b.p50, None, None] };
    let values = extent(chart.variants.iter().flat_map(|v| v.bands.months.iter()).flat_map(pick).flatten())
        .ok_or_else(|| ChartError::InvalidInput("overlay chart has no defined values".into()))?;
    let (first, last) = month_span(chart.variants.iter().map(|v| &v.bands));

    let body = canvas.header(&chart.titles)?;
    let legend = if banded {
        let mut items: Vec<_> = chart
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| LegendItem::new(Mark::Line(colour(p, i).0, 5.0), format!("{} (median)", v.label)))
            .collect();
        items.push(LegendItem::new(
            Mark::Swatch(blend(p.muted, p.background, 0.3)),
            "shaded: the middle 50 of 100 futures",
        ));
        items
    } else {
        let text = format!("median of each of the {} variants, named at the right", chart.variants.len());
        vec![LegendItem::new(Mark::Line(p.muted, 3.5), text)]
    };
    let body = canvas.legend(body, &legend)?;
    let label_style = canvas.style.text(sizes::ANNOTATION, p.text);
    let names = end_labels(canvas, chart, body, &label_style, banded)?;
    let room = names.iter().map(|(_, w)| *w).max().map_or(0, |w| w + canvas.style.px(14.0));
    let area = Rect { right: body.right - room, ..body };
    let x_axis = month_axis(first, last, &chart.timeline);
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(area, &x_axis, &y_axis)?;
    today_line(canvas, &plot, &chart.timeline)?;

    if banded {
        for (i, variant) in chart.variants.iter().enumerate() {
            let points: Vec<_> = variant.bands.iter().map(|(m, b)| (f64::from(m), b.p25, b.p75)).collect();
            band(canvas, &plot, &points, colour(p, i).0.mix(0.22).filled())?;
        }
    }
    let mut ends = Vec::new();
    for (i, variant) in chart.variants.iter().enumerate().rev() {
        let (color, dashes) = colour(p, i);
        let width = if i == 0 { 5.0 } else { 3.5 };
        let points = variant.bands.iter().map(|(m, b)| (f64::from(m), b.p50));
        if dashes {
            dashed(canvas, &plot, points, color, width)?
        } else {
            line(canvas, &plot, points, color, width)?
        }
        let last = variant.bands.iter().filter_map(|(m, b)| Some((m, b.p50.filter(|v| v.is_finite())?))).last();
        if let Some((m, v)) = last {
            ends.push((i, plot.at(f64::from(m), v)));
        }
    }
    if !names.is_empty() {
        let gap = canvas.style.px(sizes::ANNOTATION * 1.15);
        let rows = spread(&ends.iter().map(|e| e.1.1).collect::<Vec<_>>(), gap, plot.rect.top, plot.rect.bottom);
        for ((i, (x, _)), y) in ends.into_iter().zip(rows) {
            let at = (x.max(plot.rect.right) + canvas.style.px(10.0), y);
            let style = colored(label_style.clone(), colour(p, i).0);
            canvas.text(&names[i].0, at, &style, anchor(HPos::Left, VPos::Center))?;
        }
    }
    today_text(canvas, &plot, &chart.timeline)
}

/// The colour of variant `i` and whether it is dashed: the six palette colours solid,
/// then the same six dashed.
fn colour(p: &Palette, i: usize) -> (RGBColor, bool) {
    (p.series[i % p.series.len()], i >= p.series.len())
}

/// Direct labels for the right end of each median ("churn 5%", the baseline marked),
/// each cut to fit a third of the width; empty when the legend names the variants.
fn end_labels<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    chart: &OverlayChart,
    area: Rect,
    style: &TextStyle,
    banded: bool,
) -> Result<Vec<(String, i32)>, ChartError> {
    if banded {
        return Ok(Vec::new());
    }
    let max_w = (area.right - area.left) / 3;
    chart
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let text = if i == 0 { format!("{} (baseline)", v.label) } else { v.label.clone() };
            let text = canvas.ellipsize(&text, style, max_w)?;
            let w = canvas.text_size(&text, style)?.0;
            Ok((text, w))
        })
        .collect()
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
    difference_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn difference_on<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    chart: &DifferenceChart,
) -> Result<(), ChartError> {
    let p = canvas.style.palette;
    let mean = |b: &BandValues| if chart.show_mean { b.mean } else { None };
    let values = extent(chart.bands.months.iter().flat_map(|b| [b.p5, b.p50, b.p95, mean(b)]).flatten())
        .ok_or_else(|| ChartError::InvalidInput("difference chart has no defined values".into()))?;
    let (first, last) = month_span(std::iter::once(&chart.bands));

    let body = canvas.header(&chart.titles)?;
    let compact = canvas.style.compact();
    let mut legend = vec![
        LegendItem::new(
            Mark::Swatch(p.band_outer),
            if compact { "90 of 100 futures" } else { "where 90 of 100 paired differences fall" },
        ),
        LegendItem::new(Mark::Swatch(p.band_inner), if compact { "50 of 100" } else { "the middle 50" }),
        LegendItem::new(Mark::Line(p.median, 4.0), "median"),
    ];
    if chart.show_mean {
        legend.push(LegendItem::new(Mark::Dashed(p.mean), "mean"));
    }
    legend.push(LegendItem::new(Mark::Line(p.axis, 3.0), "no difference"));
    let body = canvas.legend(body, &legend)?;
    let x_axis = month_axis(first, last, &chart.timeline);
    let y_axis = value_axis(values, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;
    today_line(canvas, &plot, &chart.timeline)?;

    nested_bands(canvas, &plot, &chart.bands)?;
    let zero = plot.y(0.0);
    canvas.line(&[(plot.rect.left, zero), (plot.rect.right, zero)], p.axis, 3.0)?;
    line(canvas, &plot, chart.bands.iter().map(|(m, b)| (f64::from(m), b.p50)), p.median, 4.0)?;
    if chart.show_mean {
        dashed(canvas, &plot, chart.bands.iter().map(|(m, b)| (f64::from(m), b.mean)), p.mean, 3.0)?;
    }
    if let Some(verdict) = &chart.verdict {
        verdict_label(canvas, &plot, chart, verdict)?;
    }
    today_text(canvas, &plot, &chart.timeline)
}

/// The verdict on a legibility box, where it covers no band and, if it can, no line:
/// along the top of the plot first, then along its foot.
fn verdict_label<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    chart: &DifferenceChart,
    verdict: &BetterChance,
) -> Result<(), ChartError> {
    let s = &canvas.style;
    let r = plot.rect;
    let style = s.text(sizes::ANNOTATION, s.palette.text);
    let lines = canvas.wrap(&verdict.text(&chart.timeline), &style, (r.right - r.left) * 6 / 10)?;
    let line_h = s.px(sizes::ANNOTATION * 1.3);
    let (w, h) = canvas.block_size(&lines, &style, line_h)?;
    let pad = s.px(5.0);
    let (bw, bh) = (w + 2 * pad, h + 2 * pad);
    let mut avoid = Avoid::default();
    let months: Vec<_> = chart.bands.iter().map(|(m, b)| (f64::from(m), b)).collect();
    for points in [
        months.iter().map(|(m, b)| (*m, b.p5, b.p95)).collect::<Vec<_>>(),
        months.iter().map(|(m, b)| (*m, b.p25, b.p75)).collect(),
    ] {
        band_outlines(plot, &points, s.px(4.0)).into_iter().for_each(|o| avoid.always(Obstacle::Polygon(o)));
    }
    let median: Vec<_> = months.iter().filter_map(|(m, b)| Some(plot.at(*m, b.p50?))).collect();
    avoid.if_possible(Obstacle::Line(median));
    let zero = plot.y(0.0);
    avoid.if_possible(Obstacle::Line(vec![(r.left, zero), (r.right, zero)]));
    let step = ((r.bottom - r.top) / 12).max(4);
    let rows: Vec<i32> =
        (0..6).flat_map(|k| [r.top + s.px(6.0) + k * step, r.bottom - bh - s.px(6.0) - k * step]).collect();
    let candidates: Vec<Rect> = rows
        .iter()
        .flat_map(|&top| {
            [r.left + s.px(10.0), r.right - bw - s.px(10.0)].map(|left| Rect {
                left,
                top,
                right: left + bw,
                bottom: top + bh,
            })
        })
        .collect();
    let bounds = avoid.first_free(&candidates, &r).unwrap_or(candidates[0]);
    canvas.label_block(&lines, bounds, &style, line_h)
}

/// The today line on a month axis (under the data), when the timeline has a today inside
/// it; its label goes on top with [`today_text`].
pub(crate) fn today_line<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    timeline: &Timeline,
) -> Result<(), ChartError> {
    if let Some(x) = today_at(plot, timeline) {
        let r = plot.rect;
        canvas.dashed(&[(x, r.top), (x, r.bottom)], canvas.style.palette.muted, 2.0)?;
    }
    Ok(())
}

/// The "today" label beside the today line, near the top of the plot.
pub(crate) fn today_text<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    plot: &Plot,
    timeline: &Timeline,
) -> Result<(), ChartError> {
    let Some(x) = today_at(plot, timeline) else { return Ok(()) };
    let s = &canvas.style;
    let style = s.text(sizes::ANNOTATION, s.palette.muted);
    canvas.label("today", (x + s.px(10.0), plot.rect.top + s.px(10.0)), &style, anchor(HPos::Left, VPos::Top)).map(drop)
}

fn today_at(plot: &Plot, timeline: &Timeline) -> Option<i32> {
    let m = f64::from(timeline.today?);
    let (lo, hi) = plot.x_range();
    (m >= lo && m <= hi).then(|| plot.x(m))
}
