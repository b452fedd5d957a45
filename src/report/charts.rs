//! From the results contract to chart inputs: which charts a run gets, their titles, units
//! and series. Every number comes from the [`RunReport`] (or, for histograms and sample
//! paths, from values the caller passes in); nothing is recomputed here.

use crate::chart::{
    BandValues, Chart, FanChart, HistogramChart, Marker, MonthlyBands, TargetLine, Titles, Unit as ChartUnit,
};
use crate::metric::{Metric, Unit};
use crate::stats::Percentile;

use super::{MetricSummary, RunReport};

/// A chart of a run, owned, with the file stem it is written under.
#[derive(Debug, Clone)]
pub enum RunChart {
    Fan(FanChart),
    Histogram(HistogramChart),
}

impl<'a> From<&'a RunChart> for Chart<'a> {
    fn from(chart: &'a RunChart) -> Self {
        match chart {
            RunChart::Fan(c) => Chart::Fan(c),
            RunChart::Histogram(c) => Chart::Histogram(c),
        }
    }
}

/// Per-trajectory data the charts need beyond the report.
#[derive(Debug, Clone, Default)]
pub struct ChartData {
    /// A few individual trajectories per metric key, one value per month.
    pub paths: Vec<(Metric, Vec<Vec<Option<f64>>>)>,
    /// Every trajectory's value in the last month, per metric key (for histograms).
    pub final_values: Vec<(Metric, Vec<f64>)>,
    /// Past actuals per metric: (calendar month, value).
    pub actuals: Vec<(Metric, Vec<(u32, f64)>)>,
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

/// Month-by-month bands of one metric summary.
pub fn bands(summary: &MetricSummary, first_month: u32) -> MonthlyBands {
    MonthlyBands { first_month, months: (0..summary.mean.len()).map(|m| band_values(summary, m)).collect() }
}

/// The metrics that get a fan chart: the headline ones of the streams the scenario has.
pub fn fan_metrics(has_reseller: bool, has_affiliate: bool) -> Vec<Metric> {
    let mut out = vec![Metric::GrossProfit, Metric::CumulativeGrossProfit];
    if has_reseller {
        out.push(Metric::ActiveCustomers);
    }
    if has_affiliate {
        out.push(Metric::CommissionEarned);
    }
    out.extend([Metric::Hours, Metric::HourlyRate]);
    out
}

/// `fan-gross-profit`, `histogram-cumulative-gross-profit`.
pub fn file_stem(kind: &str, metric: Metric) -> String {
    format!("{kind}-{}", metric.key().replace('_', "-"))
}

/// The title names what the chart shows; the scenario goes in the subtitle (the chart
/// module strips directories from the caption's path).
fn titles(report: &RunReport, title: String, what: &str) -> Titles {
    Titles {
        title,
        subtitle: Some(format!(
            "{} · {} trajectories · seed {} · {what}",
            report.scenario,
            super::format::thousands(report.trajectories as u64),
            report.seed
        )),
        caption: Some(format!("sidecast · {}", report.source)),
    }
}

/// Every chart of a run, with its file stem.
pub fn run_charts(report: &RunReport, metrics: &[Metric], data: &ChartData) -> Vec<(String, RunChart)> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let mut out = Vec::new();
    for &metric in metrics {
        let Some(summary) = report.metrics.get(metric.key()) else { continue };
        if summary.defined.iter().all(|&n| n == 0) {
            continue; // e.g. an hourly rate with no hours in any month: nothing to draw
        }
        let fan = FanChart {
            titles: titles(report, axis_name(metric), "bands: month-by-month p5–p95 and p25–p75"),
            metric: axis_name(metric),
            unit: chart_unit(metric),
            bands: bands(summary, first_month),
            target: target_line(report, metric),
            sample_paths: data.paths.iter().filter(|(m, _)| *m == metric).flat_map(|(_, p)| p.clone()).collect(),
            actuals: data.actuals.iter().filter(|(m, _)| *m == metric).flat_map(|(_, a)| a.clone()).collect(),
        };
        out.push((file_stem("fan", metric), RunChart::Fan(fan)));
    }
    let last = report.months.last().copied().unwrap_or(1);
    for (metric, values) in &data.final_values {
        let Some(summary) = report.metrics.get(metric.key()) else { continue };
        let m = summary.mean.len().saturating_sub(1);
        let markers = [Percentile::P5, Percentile::P50, Percentile::P95]
            .into_iter()
            .filter_map(|level| {
                let value = summary.percentile(level)?.get(m).copied().flatten()?;
                Some(Marker { label: level.to_string(), value })
            })
            .collect();
        let histogram = HistogramChart {
            titles: titles(report, format!("{} in month {last}", metric.label()), "distribution across trajectories"),
            metric: format!("{} in month {last}", metric.label()),
            unit: chart_unit(*metric),
            values: values.clone(),
            markers,
        };
        out.push((file_stem("histogram", *metric), RunChart::Histogram(histogram)));
    }
    out
}

fn axis_name(metric: Metric) -> String {
    match metric {
        Metric::GrossProfit => "Gross profit per month".into(),
        Metric::CommissionEarned => "Commission earned per month".into(),
        Metric::Hours => "Hours worked per month".into(),
        m => m.label().to_string(),
    }
}

/// The first target on this metric, labelled with its probability.
fn target_line(report: &RunReport, metric: Metric) -> Option<TargetLine> {
    let t = report.targets.iter().find(|t| t.metric == metric.key())?;
    let month = report.months.get(t.month - 1).copied().unwrap_or(t.month as u32);
    let goal = super::format::value(Some(t.at_least), metric.unit());
    Some(TargetLine {
        value: t.at_least,
        label: format!("target {goal}"),
        month: Some(month),
        probability_in_month: t.probability_at_month.map(|p| p.probability),
        probability_by_month: t.probability_by_month.map(|p| p.probability),
    })
}
