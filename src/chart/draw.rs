//! One chart of any kind ([`Chart`]), and the one dispatch that draws it on any backend.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use super::common::ChartError;
use super::style::ChartOptions;
use super::{
    DifferenceChart, FanChart, HeatmapChart, HistogramChart, OverlayChart, PosteriorChart, SolveChart, StackedChart,
    SurvivalChart, SweepChart, TornadoChart, WaterfallChart,
};
use super::{
    boxes, compare, fan, frame, heatmap, histogram, posterior, solve, stacked, survival, sweep, tornado, waterfall,
};

/// One chart of any kind, borrowed: what [`write_chart`](super::write_chart) renders.
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
    ) -> Result<boxes::Record, ChartError> {
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
