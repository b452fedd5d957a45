//! From the results contract to the chart module's plain input structs, and writing a
//! chart as a PNG with its path in any error. No statistics are computed here: the numbers
//! are copied from reports.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::analysis::compare::DifferenceSummary;
use crate::analysis::vary::ValueUnit;
use crate::chart::{self, BandValues, ChartOptions, ImageFormat, MonthlyBands};
use crate::metric::{self, Metric};
use crate::report::MetricSummary;
use crate::stats::Percentile;

/// The chart unit of a metric.
pub fn metric_unit(metric: Metric) -> chart::Unit {
    match metric.unit() {
        metric::Unit::Dollars => chart::Unit::Dollars,
        metric::Unit::Hours => chart::Unit::Hours,
        metric::Unit::DollarsPerHour => chart::Unit::DollarsPerHour,
        metric::Unit::Count => {
            chart::Unit::count(if metric == Metric::Subscribers { "subscribers" } else { "customers" })
        }
    }
}

/// The chart unit of a `--vary` key's values.
pub fn value_unit(unit: ValueUnit) -> chart::Unit {
    match unit {
        ValueUnit::Percent => chart::Unit::Percent,
        ValueUnit::Dollars => chart::Unit::Dollars,
        ValueUnit::Hours => chart::Unit::Hours,
        ValueUnit::PerMonth | ValueUnit::Number => chart::Unit::Number,
    }
}

/// One month of a summary as chart band values.
pub fn band_values(summary: &MetricSummary, month: usize) -> BandValues {
    let at = |level| summary.percentile(level).and_then(|s| s.get(month).copied().flatten());
    BandValues {
        p5: at(Percentile::P5),
        p25: at(Percentile::P25),
        p50: at(Percentile::P50),
        p75: at(Percentile::P75),
        p95: at(Percentile::P95),
        mean: summary.mean.get(month).copied().flatten(),
    }
}

/// A summary's bands over every month.
pub fn monthly_bands(summary: &MetricSummary, first_month: u32) -> MonthlyBands {
    MonthlyBands { first_month, months: (0..summary.mean.len()).map(|m| band_values(summary, m)).collect() }
}

/// A paired difference's bands over every month.
pub fn difference_bands(d: &DifferenceSummary, first_month: u32) -> MonthlyBands {
    let months = (0..d.mean.len())
        .map(|m| BandValues {
            p5: d.p5[m],
            p25: d.p25[m],
            p50: d.p50[m],
            p75: d.p75[m],
            p95: d.p95[m],
            mean: d.mean[m],
        })
        .collect();
    MonthlyBands { first_month, months }
}

/// Writes one chart as PNG into `folder`; returns its path.
///
/// # Errors
/// The chart module's error, with the path.
pub fn write_png<'a>(chart: impl Into<chart::Chart<'a>>, folder: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let path = folder.join(name);
    chart::write_chart(chart, &path, ImageFormat::Png, &ChartOptions::default())
        .with_context(|| format!("cannot draw {}", path.display()))?;
    Ok(path)
}
