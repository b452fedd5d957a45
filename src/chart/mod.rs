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

mod boxes;
mod check;
mod common;
mod compare;
mod crisp;
mod draw;
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

pub use check::text_collisions;
pub use common::{BandValues, ChartError, MonthlyBands, Timeline, Titles};
pub use compare::{
    BANDED_VARIANTS, BetterChance, DifferenceChart, MAX_VARIANTS, OverlayChart, OverlayVariant, draw_difference,
    draw_overlay,
};
pub use draw::Chart;
pub use fan::{COLOURED_PATHS, FanChart, NamedPath, draw_fan};
pub use heatmap::{HeatmapChart, draw_heatmap};
pub use histogram::{HistogramChart, Marker, draw_histogram};
pub use output::{ImageFormat, render_rgb, render_svg, write_chart};
pub use posterior::{Interval, PosteriorChart, draw_posterior};
pub use solve::{SolveChart, SolveChartPoint, SolveMark, draw_solve};
pub use stacked::{MAX_STACKED, StackedChart, StackedSeries, draw_stacked};
pub use style::{ChartOptions, MAX_PIXELS, MAX_SIDE, MIN_SIZE, PHONE, Theme};
pub use survival::{MAX_CURVES, SurvivalChart, SurvivalCurve, draw_survival};
pub use sweep::{SweepChart, SweepPoint, draw_sweep};
pub use target::TargetLine;
pub use tornado::{TornadoBar, TornadoChart, draw_tornado};
pub use units::Unit;
pub use waterfall::{WaterfallChart, WaterfallStep, draw_waterfall};

pub use crate::text::calendar::Calendar;
