//! Blog-ready charts (PNG and SVG) of projections, comparisons, sweeps and fits.
//!
//! This module is self-contained: every chart kind takes its own plain input struct
//! defined here (titles, unit, series already summarised), never the engine's or the
//! statistics' types, so presentation never recomputes statistics and the module can be
//! wired to the results contract from the outside. Each kind is one function generic over
//! plotters' `DrawingBackend` (PNG and SVG share the code); [`write_chart`] is the front
//! door that renders one chart to a path atomically. Fonts are embedded
//! ([`font`]): PNG text is rasterised from them and SVG text drawn as their outlines, so
//! neither depends on the fonts of the machine that shows it. All sizes and colours live
//! in [`style`]; layouts hold down to [`MIN_SIZE`], which [`ChartOptions::validate`]
//! checks before a run.

mod compare;
mod crisp;
mod fan;
pub mod font;
mod frame;
mod guides;
mod heatmap;
mod histogram;
mod marks;
mod output;
mod place;
mod posterior;
mod solve;
mod stacked;
pub mod style;
mod survival;
mod svgtext;
mod sweep;
mod target;
mod tornado;
mod units;
mod waterfall;

#[cfg(test)]
mod tests;

pub use compare::{
    BANDED_VARIANTS, DifferenceChart, MAX_VARIANTS, OverlayChart, Variant, draw_difference, draw_overlay,
};
pub use fan::{COLOURED_PATHS, FanChart, draw_fan};
pub use heatmap::{HeatmapChart, draw_heatmap};
pub use histogram::{HistogramChart, Marker, draw_histogram};
pub use output::{ImageFormat, render_rgb, render_svg, write_chart};
pub use posterior::{Interval, PosteriorChart, draw_posterior};
pub use solve::{SolveChart, SolveChartPoint, SolveMark, draw_solve};
pub use stacked::{MAX_STACKED, StackedChart, StackedSeries, draw_stacked};
pub use style::{ChartOptions, MAX_PIXELS, MAX_SIDE, MIN_SIZE, Theme};
pub use survival::{MAX_CURVES, SurvivalChart, SurvivalCurve, draw_survival};
pub use sweep::{SweepChart, SweepPoint, draw_sweep};
pub use target::TargetLine;
pub use tornado::{TornadoBar, TornadoChart, draw_tornado};
pub use units::Unit;
pub use waterfall::{WaterfallChart, WaterfallStep, draw_waterfall};

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// Everything that can go wrong while drawing or writing a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The embedded font could not be registered with plotters.
    #[error("cannot register the embedded font {name}: the font data is invalid")]
    Font {
        /// Which font file failed.
        name: &'static str,
    },
    /// The chart's input cannot be drawn (no data, too many series, bad options...).
    #[error("cannot draw chart: {0}")]
    InvalidInput(String),
    /// plotters reported an error while drawing or encoding.
    #[error("drawing failed: {0}")]
    Draw(String),
    /// Reading or writing a file failed.
    #[error("cannot write chart {path}: {source}")]
    Io {
        /// The file or directory involved.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl ChartError {
    /// Wraps any plotters drawing error.
    pub(crate) fn draw<E: std::fmt::Display>(error: E) -> Self {
        ChartError::Draw(error.to_string())
    }
}

/// Headline text shared by every chart kind.
///
/// Charts of one run appear side by side in a post, so the title names what the chart
/// shows ("Gross profit per month") and the subtitle carries the scenario, trajectories
/// and seed. A long title shrinks, then wraps to two lines; title and subtitle are cut
/// with "…" after two lines each, so the header never pushes into the plot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Titles {
    /// Bold headline: what is shown, e.g. "Gross profit per month".
    pub title: String,
    /// Up to two lines under the title: the scenario name, trajectories, seed.
    pub subtitle: Option<String>,
    /// A quiet line at the bottom, e.g. "sidecast · reseller.toml". Anything in it that
    /// looks like a file path is shown by its file name only (`/home/me/s/reseller.toml`
    /// → `reseller.toml`), so published images never reveal where files live.
    pub caption: Option<String>,
}

impl Titles {
    /// Titles with only a headline.
    pub fn new(title: impl Into<String>) -> Self {
        Titles { title: title.into(), ..Titles::default() }
    }
}

/// Percentile summary of one metric at one point (a month, a sweep value).
///
/// `None` marks an undefined value (e.g. the hourly rate with zero hours): such points are
/// skipped, never drawn as NaN.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BandValues {
    /// 5th percentile.
    pub p5: Option<f64>,
    /// 25th percentile.
    pub p25: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 75th percentile.
    pub p75: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// Mean across trajectories.
    pub mean: Option<f64>,
}

/// Month-by-month percentile bands of one metric: `months[0]` is `first_month`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthlyBands {
    /// The month number of the first entry (1 for a projection from zero).
    pub first_month: u32,
    /// One entry per month, consecutive.
    pub months: Vec<BandValues>,
}

impl MonthlyBands {
    /// Month number and values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &BandValues)> {
        (self.first_month..).zip(self.months.iter())
    }

    /// The last month covered, if any.
    pub fn last_month(&self) -> Option<u32> {
        let len = u32::try_from(self.months.len()).ok()?;
        (len > 0).then(|| self.first_month + len - 1)
    }
}

/// One chart of any kind, borrowed: what [`write_chart`] renders.
#[derive(Debug, Clone, Copy)]
pub enum Chart<'a> {
    /// A fan chart of one metric over months.
    Fan(&'a FanChart),
    /// A histogram of a set of values.
    Histogram(&'a HistogramChart),
    /// Several variants' medians and inner bands.
    Overlay(&'a OverlayChart),
    /// A paired difference over months.
    Difference(&'a DifferenceChart),
    /// A metric against one numeric parameter.
    Sweep(&'a SweepChart),
    /// A metric over two numeric parameters.
    Heatmap(&'a HeatmapChart),
    /// Inputs ranked by their swing of the output.
    Tornado(&'a TornadoChart),
    /// Observed survival against fitted curves.
    Survival(&'a SurvivalChart),
    /// P(target) against a lever, with the answer of `solve`.
    Solve(&'a SolveChart),
    /// A calibrated parameter's prior against its posterior.
    Posterior(&'a PosteriorChart),
    /// Where one month's money goes, step by step, to a total.
    Waterfall(&'a WaterfallChart),
    /// Parts of a total over months, stacked.
    Stacked(&'a StackedChart),
}

impl Chart<'_> {
    /// Draws the chart on `root` (any backend). The caller calls `present()`.
    ///
    /// # Errors
    /// [`ChartError::InvalidInput`] for data that cannot be drawn, [`ChartError::Draw`] for
    /// backend failures, [`ChartError::Font`] if the embedded font is unusable.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        options: &ChartOptions,
    ) -> Result<(), ChartError> {
        self.draw_recorded(root, options).map(drop)
    }

    /// Draws the chart and returns where it put what (plot, texts, labels, bands).
    pub(crate) fn draw_recorded<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        options: &ChartOptions,
    ) -> Result<frame::Record, ChartError> {
        let canvas = frame::Canvas::new(root, options)?;
        match *self {
            Chart::Fan(c) => fan::draw_on(&canvas, c)?,
            Chart::Histogram(c) => histogram::draw_on(&canvas, c)?,
            Chart::Overlay(c) => compare::overlay_on(&canvas, c)?,
            Chart::Difference(c) => compare::difference_on(&canvas, c)?,
            Chart::Sweep(c) => sweep::draw_on(&canvas, c)?,
            Chart::Heatmap(c) => heatmap::draw_on(&canvas, c)?,
            Chart::Tornado(c) => tornado::draw_on(&canvas, c)?,
            Chart::Survival(c) => survival::draw_on(&canvas, c)?,
            Chart::Solve(c) => solve::draw_on(&canvas, c)?,
            Chart::Posterior(c) => posterior::draw_on(&canvas, c)?,
            Chart::Waterfall(c) => waterfall::draw_on(&canvas, c)?,
            Chart::Stacked(c) => stacked::draw_on(&canvas, c)?,
        }
        Ok(canvas.record.into_inner())
    }
}

macro_rules! chart_from {
    ($($kind:ident => $variant:ident),* $(,)?) => {
        $(impl<'a> From<&'a $kind> for Chart<'a> {
            fn from(chart: &'a $kind) -> Self {
                Chart::$variant(chart)
            }
        })*
    };
}

chart_from!(
    FanChart => Fan,
    HistogramChart => Histogram,
    OverlayChart => Overlay,
    DifferenceChart => Difference,
    SweepChart => Sweep,
    HeatmapChart => Heatmap,
    TornadoChart => Tornado,
    SurvivalChart => Survival,
    SolveChart => Solve,
    PosteriorChart => Posterior,
    WaterfallChart => Waterfall,
    StackedChart => Stacked,
);
