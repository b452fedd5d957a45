//! From the results contracts to chart inputs ([`crate::chart`]'s plain structs): which
//! charts each command draws, their titles, units and series. Every number comes from a
//! report (or, for histograms and sample paths, from values the caller passes in); nothing
//! is recomputed here.

pub mod compare;
pub mod retention;
pub mod run;
pub mod sensitivity;
pub mod solve;
pub mod sweep;

use crate::chart::{
    BandValues, Chart, DifferenceChart, FanChart, HeatmapChart, HistogramChart, MonthlyBands, OverlayChart, SolveChart,
    SurvivalChart, SweepChart, TornadoChart, Unit as ChartUnit,
};
use crate::metric::{Metric, Unit};
use crate::report::MetricSummary;
use crate::report::labels::ValueUnit;
use crate::stats::Percentile;

/// A chart of any kind, owned: what a command asks the CLI to write, with a file stem.
#[derive(Debug, Clone)]
pub enum Figure {
    Fan(FanChart),
    Histogram(HistogramChart),
    Overlay(OverlayChart),
    Difference(DifferenceChart),
    Sweep(SweepChart),
    Heatmap(HeatmapChart),
    Tornado(TornadoChart),
    Survival(SurvivalChart),
    Solve(SolveChart),
}

impl<'a> From<&'a Figure> for Chart<'a> {
    fn from(figure: &'a Figure) -> Self {
        match figure {
            Figure::Fan(c) => Chart::Fan(c),
            Figure::Histogram(c) => Chart::Histogram(c),
            Figure::Overlay(c) => Chart::Overlay(c),
            Figure::Difference(c) => Chart::Difference(c),
            Figure::Sweep(c) => Chart::Sweep(c),
            Figure::Heatmap(c) => Chart::Heatmap(c),
            Figure::Tornado(c) => Chart::Tornado(c),
            Figure::Survival(c) => Chart::Survival(c),
            Figure::Solve(c) => Chart::Solve(c),
        }
    }
}

/// The chart unit of a metric.
pub fn chart_unit(metric: Metric) -> ChartUnit {
    match metric {
        Metric::ActiveCustomers => ChartUnit::count("customers"),
        Metric::NewCustomers => ChartUnit::count("new customers"),
        Metric::Subscribers => ChartUnit::count("subscribers"),
        _ => match metric.unit() {
            Unit::Dollars => ChartUnit::Dollars,
            Unit::Count => ChartUnit::Number,
            Unit::Hours => ChartUnit::Hours,
            Unit::DollarsPerHour => ChartUnit::DollarsPerHour,
        },
    }
}

/// One month (0-based) of a summary as chart band values.
pub fn band_values(summary: &MetricSummary, month: usize) -> BandValues {
    let at = |level| summary.at(level, month);
    BandValues {
        p5: at(Percentile::P5),
        p25: at(Percentile::P25),
        p50: at(Percentile::P50),
        p75: at(Percentile::P75),
        p95: at(Percentile::P95),
        mean: summary.mean.get(month).copied().flatten(),
    }
}

/// Month-by-month bands of one metric summary.
pub fn bands(summary: &MetricSummary, first_month: u32) -> MonthlyBands {
    MonthlyBands { first_month, months: (0..summary.mean.len()).map(|m| band_values(summary, m)).collect() }
}

/// The chart unit of a `--vary` key's values.
pub fn value_unit(unit: ValueUnit) -> ChartUnit {
    match unit {
        ValueUnit::Percent => ChartUnit::Percent,
        ValueUnit::Dollars => ChartUnit::Dollars,
        ValueUnit::Hours => ChartUnit::Hours,
        ValueUnit::PerMonth | ValueUnit::Number => ChartUnit::Number,
    }
}
