//! What a fan chart shows: its input ([`FanChart`], [`NamedPath`]) and what follows from
//! it before anything is drawn: the bands as drawn from the start point, the value range,
//! which series have something to show at the axis' scale, the legend and the months.

use plotters::style::RGBColor;

use crate::chart::guides::{LegendItem, Mark};
use crate::chart::marks::extent;
use crate::chart::style::Palette;
use crate::chart::target::TargetLine;
use crate::chart::{BandValues, MonthlyBands, Timeline, Titles, Unit};

/// Input of [`draw_fan`](super::draw_fan).
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
pub(super) struct Visible {
    pub(super) outer: bool,
    pub(super) inner: bool,
    pub(super) median: bool,
    pub(super) mean: bool,
}

impl FanChart {
    /// The bands as drawn: from the start point when it is the month before the first.
    pub(super) fn drawn_bands(&self) -> MonthlyBands {
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
    pub(super) fn drawn_path(&self, bands: &MonthlyBands, values: &[Option<f64>]) -> Vec<(f64, Option<f64>)> {
        let mut points: Vec<(f64, Option<f64>)> =
            (self.bands.first_month..).zip(values).map(|(m, v)| (f64::from(m), *v)).collect();
        if bands.first_month < self.bands.first_month {
            points.insert(0, (f64::from(bands.first_month), bands.months.first().and_then(|b| b.p50)));
        }
        points
    }

    pub(super) fn value_extent(&self) -> Option<(f64, f64)> {
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
    pub(super) fn visible(&self, span: f64) -> Visible {
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
    pub(super) fn legend(&self, p: &'static Palette, visible: &Visible, compact: bool) -> Vec<LegendItem> {
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

    pub(super) fn months(&self) -> (u32, u32) {
        let finite = || self.actuals.iter().filter(|a| a.1.is_finite()).map(|a| a.0);
        let start = self.start.map(|s| s.0).into_iter().chain(self.timeline.today);
        let first = self.bands.first_month.min(finite().chain(start).min().unwrap_or(u32::MAX));
        let last = self.bands.last_month().unwrap_or(first).max(finite().max().unwrap_or(0));
        (first, last)
    }
}

/// The legend's mark for grey single futures.
static GREYS: [RGBColor; 3] = [RGBColor(150, 150, 150), RGBColor(120, 120, 120), RGBColor(170, 170, 170)];
