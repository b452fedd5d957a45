//! From a run's results contract to chart inputs: which charts a run gets, their titles,
//! units and series. Every number comes from the [`RunReport`] (or, for histograms and sample
//! paths, from values the caller passes in); nothing is recomputed here.

use super::{Figure, bands, chart_unit};
use crate::chart::{FanChart, HistogramChart, Marker, TargetLine, Titles};
use crate::metric::{Metric, SeriesKey};
use crate::report::RunReport;
use crate::stats::Percentile;
use crate::text::number::{probability, thousands, value};

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

/// The metrics that get a fan chart: the headline ones of the parts the scenario has, net
/// profit first when it has costs.
pub fn fan_metrics(has_reseller: bool, has_affiliate: bool, has_costs: bool) -> Vec<Metric> {
    let mut out = Vec::new();
    if has_costs {
        out.extend([Metric::NetProfit, Metric::CumulativeNetProfit]);
    }
    out.extend([Metric::GrossProfit, Metric::CumulativeGrossProfit]);
    if has_reseller {
        out.push(Metric::ActiveCustomers);
    }
    if has_affiliate {
        out.push(Metric::CommissionEarned);
    }
    out.extend([Metric::Hours, Metric::HourlyRate]);
    if has_costs {
        out.push(Metric::NetHourlyRate);
    }
    out
}

/// The metrics whose last month gets a histogram: the headline profit and its cumulative.
pub fn histogram_metrics(has_costs: bool) -> [Metric; 2] {
    if has_costs {
        [Metric::NetProfit, Metric::CumulativeNetProfit]
    } else {
        [Metric::GrossProfit, Metric::CumulativeGrossProfit]
    }
}

/// `fan-gross-profit`, `histogram-cumulative-gross-profit`.
pub fn file_stem(kind: &str, metric: Metric) -> String {
    format!("{kind}-{}", metric.key().replace('_', "-"))
}

fn titles(report: &RunReport, what: &str) -> Titles {
    Titles {
        title: report.scenario.clone(),
        subtitle: Some(format!(
            "{} trajectories · seed {} · {what}",
            thousands(report.trajectories as u64),
            report.seed
        )),
        caption: Some(format!("sidecast · {}", report.source)),
    }
}

/// Every chart of a run, with its file stem.
pub fn run_charts(report: &RunReport, metrics: &[Metric], data: &ChartData) -> Vec<(String, Figure)> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let mut out = Vec::new();
    for &metric in metrics {
        let Some(summary) = report.metric(metric) else { continue };
        if summary.defined.iter().all(|&n| n == 0) {
            continue; // e.g. an hourly rate with no hours in any month: nothing to draw
        }
        let fan = FanChart {
            titles: titles(report, "bands show month-by-month p5–p95 and p25–p75 across trajectories"),
            metric: axis_name(metric),
            unit: chart_unit(metric),
            bands: bands(summary, first_month),
            target: target_line(report, metric),
            sample_paths: data.paths.iter().filter(|(m, _)| *m == metric).flat_map(|(_, p)| p.clone()).collect(),
            actuals: data.actuals.iter().filter(|(m, _)| *m == metric).flat_map(|(_, a)| a.clone()).collect(),
        };
        out.push((file_stem("fan", metric), Figure::Fan(fan)));
    }
    let last = report.months.last().copied().unwrap_or(1);
    for (metric, values) in &data.final_values {
        let Some(summary) = report.metric(*metric) else { continue };
        let m = summary.mean.len().saturating_sub(1);
        let markers = [Percentile::P5, Percentile::P50, Percentile::P95]
            .into_iter()
            .filter_map(|level| {
                let value = summary.percentile(level)?.get(m).copied().flatten()?;
                Some(Marker { label: level.to_string(), value })
            })
            .collect();
        let histogram = HistogramChart {
            titles: titles(report, &format!("distribution across trajectories in month {last}")),
            metric: format!("{} in month {last}", metric.label()),
            unit: chart_unit(*metric),
            values: values.clone(),
            markers,
        };
        out.push((file_stem("histogram", *metric), Figure::Histogram(histogram)));
    }
    out
}

fn axis_name(metric: Metric) -> String {
    match metric {
        Metric::GrossProfit => "Gross profit per month".into(),
        Metric::NetProfit => "Net profit per month".into(),
        Metric::CommissionEarned => "Commission earned per month".into(),
        Metric::Hours => "Hours worked per month".into(),
        m => m.label().to_string(),
    }
}

/// The first target on this metric, labelled with its probability.
fn target_line(report: &RunReport, metric: Metric) -> Option<TargetLine> {
    let t = report.targets.iter().find(|t| t.metric == SeriesKey::from(metric))?;
    let month = t.month;
    let p = t.probability_by_month.map_or("= n/a".into(), |p| probability(p.probability));
    let goal = value(Some(t.at_least), metric.unit());
    Some(TargetLine { value: t.at_least, label: format!("target {goal} · P(reached by month {month}) {p}") })
}
