//! From a run's results contract to chart inputs: which charts a run gets, their titles,
//! units and series. Every number comes from the [`RunReport`] (or, for histograms, sample
//! paths and history, from values the caller passes in); nothing is recomputed here. With
//! `--actuals`, every fan chart whose metric the history has draws it, and cumulative
//! charts include the history ([`super::history`]). The portfolio's charts are in
//! [`super::programmes`], the waterfall in [`super::money`].

use super::history::{Carried, carried, running_total, shifted};
use super::money::waterfall_figure;
use super::programmes::programme_figures;
use super::{Figure, bands, chart_unit, run_titles as titles};
use crate::chart::{FanChart, HistogramChart, Marker, TargetLine};
use crate::metric::{Metric, SeriesKey, Unit};
use crate::report::RunReport;
use crate::stats::Percentile;
use crate::text::number::value;

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

/// The history's earnings before the projection, which cumulative charts include.
fn carried_in(report: &RunReport, data: &ChartData) -> Option<Carried> {
    let first_month = report.months.first().copied()?;
    carried(series(&data.actuals, Metric::GrossProfit), first_month)
}

/// "includes the $1,980 earned in months 1-6".
fn carried_note(c: &Carried) -> String {
    let months = if c.first_month == c.last_month {
        format!("month {}", c.first_month)
    } else {
        format!("months {}-{}", c.first_month, c.last_month)
    };
    format!("includes the {} earned in {months}", value(Some(c.total), Unit::Dollars))
}

/// The running totals a history adds to: only cumulative gross profit among the charted
/// metrics (cumulative hours are not charted).
fn includes_history(metric: Metric) -> bool {
    metric == Metric::CumulativeGrossProfit
}

fn series(all: &[(Metric, Vec<(u32, f64)>)], metric: Metric) -> &[(u32, f64)] {
    all.iter().find(|(m, _)| *m == metric).map_or(&[], |(_, s)| s.as_slice())
}

/// Every chart of a run, with its file stem. Cumulative charts include what the history
/// earned before the projection (said in their subtitle) and draw its running total. The
/// programmes' charts follow the commission's fan, the waterfall follows the fans.
pub fn run_charts(report: &RunReport, metrics: &[Metric], data: &ChartData) -> Vec<(String, Figure)> {
    let carried = carried_in(report, data);
    let mut out = Vec::new();
    for &metric in metrics {
        if let Some(fan) = fan_chart(report, metric, data, carried.filter(|_| includes_history(metric))) {
            out.push((file_stem("fan", metric), Figure::Fan(fan)));
        }
        if metric == Metric::CommissionEarned {
            out.extend(programme_figures(report));
        }
    }
    out.extend(waterfall_figure(report));
    for (metric, values) in &data.final_values {
        let carried = carried.filter(|_| includes_history(*metric));
        if let Some(histogram) = histogram_chart(report, *metric, values, carried) {
            out.push((file_stem("histogram", *metric), Figure::Histogram(histogram)));
        }
    }
    out
}

fn fan_chart(report: &RunReport, metric: Metric, data: &ChartData, carried: Option<Carried>) -> Option<FanChart> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let summary = report.metric(metric)?;
    if summary.defined.iter().all(|&n| n == 0) {
        return None; // e.g. an hourly rate with no hours in any month: nothing to draw
    }
    let offset = carried.map_or(0.0, |c| c.total);
    let actuals = if includes_history(metric) {
        running_total(series(&data.actuals, Metric::GrossProfit), first_month)
    } else {
        series(&data.actuals, metric).to_vec()
    };
    let paths = data.paths.iter().filter(|(m, _)| *m == metric).flat_map(|(_, p)| p.iter());
    let note = carried.as_ref().map(carried_note);
    Some(FanChart {
        titles: titles(report, axis_name(metric), note.as_deref(), "bands are month-by-month percentiles"),
        metric: axis_name(metric),
        unit: chart_unit(metric),
        bands: shifted(bands(summary, first_month), offset),
        target: target_line(report, metric, carried),
        sample_paths: paths.map(|p| p.iter().map(|v| v.map(|v| v + offset)).collect()).collect(),
        actuals,
    })
}

fn histogram_chart(
    report: &RunReport,
    metric: Metric,
    values: &[f64],
    carried: Option<Carried>,
) -> Option<HistogramChart> {
    let summary = report.metric(metric)?;
    let last = report.months.last().copied().unwrap_or(1);
    let offset = carried.map_or(0.0, |c| c.total);
    let m = summary.mean.len().saturating_sub(1);
    let markers = [Percentile::P5, Percentile::P50, Percentile::P95]
        .into_iter()
        .filter_map(|level| Some(Marker { label: level.to_string(), value: summary.at(level, m)? + offset }))
        .collect();
    let note = carried.as_ref().map(carried_note);
    Some(HistogramChart {
        titles: titles(
            report,
            format!("{} in month {last}", metric.label()),
            note.as_deref(),
            "distribution across trajectories",
        ),
        metric: format!("{} in month {last}", metric.label()),
        unit: chart_unit(metric),
        values: values.iter().map(|v| v + offset).collect(),
        markers,
    })
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

/// The first target on this metric with its month and probabilities. On a cumulative chart
/// that includes the history, the line sits that much higher (the target counts from the
/// projection's start, so its probabilities are unchanged) and its label says so.
fn target_line(report: &RunReport, metric: Metric, carried: Option<Carried>) -> Option<TargetLine> {
    let t = report.targets.iter().find(|t| t.metric == SeriesKey::from(metric))?;
    let month = t.month;
    let goal = value(Some(t.at_least), metric.unit());
    let (value, label) = match carried {
        Some(c) => (
            t.at_least + c.total,
            format!("target {goal} + the {} already earned", self::value(Some(c.total), Unit::Dollars)),
        ),
        None => (t.at_least, format!("target {goal}")),
    };
    Some(TargetLine {
        value,
        label,
        month: Some(month),
        probability_in_month: t.probability_at_month.map(|p| p.probability),
        probability_by_month: t.probability_by_month.map(|p| p.probability),
    })
}
