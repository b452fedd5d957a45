//! From a run's results contract to chart inputs: which charts a run gets, their titles
//! (the message, computed from the report), units and series. Every number comes from the
//! [`RunReport`] (or, for histograms, sample paths and history, from values the caller
//! passes in); nothing is recomputed here. With `--actuals`, every fan whose metric the
//! history has draws it and starts its bands from the history's last month ("today");
//! cumulative fans count from today, as the tables do ([`super::history`]). The
//! portfolio's charts are in [`super::programmes`], the waterfall in [`super::money`].

use super::history::{cumulative_start, handoff};
use super::money::waterfall_figure;
use super::programmes::programme_figures;
use super::titles::{run_subtitle, timeline};
use super::words::{Subject, amount, futures, reach, span, trend};
use super::{Figure, bands, caption, medians};
use crate::chart::{Calendar, FanChart, HistogramChart, Marker, NamedPath, TargetLine, Timeline, Titles};
use crate::metric::{Metric, SeriesKey};
use crate::report::{MetricSummary, RunReport};
use crate::stats::Percentile;
use crate::text::number::value;

/// Per-trajectory data the charts need beyond the report.
#[derive(Debug, Clone, Default)]
pub struct ChartData {
    /// A few individual trajectories per metric key, one value per month.
    pub paths: Vec<(Metric, Vec<Vec<Option<f64>>>)>,
    /// Where each of those trajectories ends among all of them, per metric: the share of
    /// trajectories whose last month is at or below its own (`None` when undefined).
    pub path_ends: Vec<(Metric, Vec<Option<f64>>)>,
    /// Every trajectory's value in the last month, per metric key (for histograms).
    pub final_values: Vec<(Metric, Vec<f64>)>,
    /// Past actuals per metric: (calendar month, value).
    pub actuals: Vec<(Metric, Vec<(u32, f64)>)>,
    /// The scenario's calendar (its `first_month`), when it gives one.
    pub calendar: Option<Calendar>,
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

/// Whether a metric is a running total (counted from the first projected month).
pub fn is_cumulative(metric: Metric) -> bool {
    matches!(metric, Metric::CumulativeGrossProfit | Metric::CumulativeNetProfit | Metric::CumulativeHours)
}

fn series(all: &[(Metric, Vec<(u32, f64)>)], metric: Metric) -> &[(u32, f64)] {
    all.iter().find(|(m, _)| *m == metric).map_or(&[], |(_, s)| s.as_slice())
}

/// Every chart of a run, with its file stem: the fans (the programmes' charts after the
/// commission's), the waterfall, the histograms.
pub fn run_charts(report: &RunReport, metrics: &[Metric], data: &ChartData) -> Vec<(String, Figure)> {
    let mut out = Vec::new();
    for &metric in metrics {
        if let Some(fan) = fan_chart(report, metric, data) {
            out.push((file_stem("fan", metric), Figure::Fan(fan)));
        }
        if metric == Metric::CommissionEarned {
            out.extend(programme_figures(report, data.calendar));
        }
    }
    out.extend(waterfall_figure(report, data.calendar));
    for (metric, values) in &data.final_values {
        if let Some(histogram) = histogram_chart(report, *metric, values, data.calendar) {
            out.push((file_stem("histogram", *metric), Figure::Histogram(histogram)));
        }
    }
    out
}

/// The title of a fan: its median's trend and the chance of its first target, or, for a
/// running total, where it ends and between what 90 in 100 futures end.
fn fan_title(report: &RunReport, metric: Metric, summary: &MetricSummary, timeline: &Timeline) -> String {
    let first_month = report.months.first().copied().unwrap_or(1);
    let subject = Subject::of(metric);
    let unit = metric.unit();
    let last = summary.mean.len().saturating_sub(1);
    let last_month = first_month + last as u32;
    let mut title = if is_cumulative(metric) {
        let from = if timeline.today.is_some() { " from today" } else { "" };
        let (p5, p50, p95) =
            (summary.at(Percentile::P5, last), summary.at(Percentile::P50, last), summary.at(Percentile::P95, last));
        let what = match metric {
            Metric::CumulativeHours => "Hours worked",
            _ => subject.name,
        };
        match (p5, p50, p95) {
            (Some(a), Some(m), Some(b)) => format!(
                "{what}{from} adds up to {} by {}; 90 in 100 futures: {} to {}",
                amount(unit, m),
                timeline.month(last_month),
                amount(unit, a),
                amount(unit, b)
            ),
            _ => format!("{what}{from}, added up month by month"),
        }
    } else {
        trend(subject, unit, &medians(summary, first_month), timeline)
            .unwrap_or_else(|| format!("{} month by month", subject.name))
    };
    let target = report.targets.iter().find(|t| t.metric == SeriesKey::from(metric));
    if let Some((t, p)) = target.and_then(|t| Some((t, t.probability_at_month?.probability))) {
        title.push_str(&format!("; {}", reach(p, &value(Some(t.at_least), unit), t.month, timeline)));
    }
    title
}

/// What a fan's subtitle says about the history: that a running total counts from today,
/// or that the history has none of this metric (the legend names a history that is drawn).
fn history_words(metric: Metric, data: &ChartData, timeline: &Timeline) -> Option<String> {
    if is_cumulative(metric) {
        return timeline.today.map(|_| "counted from today, as in the tables".to_string());
    }
    let months: Vec<u32> = data.actuals.iter().flat_map(|(_, s)| s.iter().map(|a| a.0)).collect();
    let (first, last) = (months.iter().min()?, months.iter().max()?);
    series(&data.actuals, metric)
        .is_empty()
        .then(|| format!("your history ({}) has no {}", span(*first, *last, timeline), metric.label().to_lowercase()))
}

fn fan_chart(report: &RunReport, metric: Metric, data: &ChartData) -> Option<FanChart> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let summary = report.metric(metric)?;
    if summary.defined.iter().all(|&n| n == 0) {
        return None; // e.g. an hourly rate with no hours in any month: nothing to draw
    }
    let timeline = timeline(report, data.calendar);
    let (actuals, start) = if is_cumulative(metric) {
        (Vec::new(), cumulative_start(first_month))
    } else {
        let history = series(&data.actuals, metric);
        (history.to_vec(), handoff(history, first_month))
    };
    let history = history_words(metric, data, &timeline);
    let (sample_paths, named_paths) = paths(data, metric);
    Some(FanChart {
        titles: Titles {
            title: fan_title(report, metric, summary, &timeline),
            subtitle: Some(run_subtitle(report, drawn_words(summary), history)),
            caption: Some(caption("sidecast", &report.source)),
        },
        metric: axis_name(metric, timeline.today.is_some()),
        unit: metric.unit(),
        bands: bands(summary, first_month),
        timeline,
        start,
        target: target_line(report, metric),
        sample_paths,
        named_paths,
        actuals,
        show_mean: false,
    })
}

/// What a fan's shading is, in words; a metric that is the same in every future (fixed
/// hours) has none, and says so.
fn drawn_words(summary: &MetricSummary) -> &'static str {
    let spread =
        (0..summary.mean.len()).any(|m| match (summary.at(Percentile::P5, m), summary.at(Percentile::P95, m)) {
            (Some(lo), Some(hi)) => hi - lo > 1e-9 * hi.abs().max(lo.abs()).max(1.0),
            _ => false,
        });
    if spread {
        "shaded: where the middle 50 and 90 of 100 futures fall each month"
    } else {
        "the same in every future"
    }
}

/// The single futures of a metric: all drawn grey but a bad, a typical and a good one (by
/// where they end among every future), drawn in colour and named with their percentile.
fn paths(data: &ChartData, metric: Metric) -> (Vec<Vec<Option<f64>>>, Vec<NamedPath>) {
    let Some((_, all)) = data.paths.iter().find(|(m, _)| *m == metric) else { return (Vec::new(), Vec::new()) };
    let ends = data.path_ends.iter().find(|(m, _)| *m == metric).map(|(_, e)| e.as_slice()).unwrap_or(&[]);
    let mut ranked: Vec<(usize, f64)> =
        ends.iter().enumerate().filter_map(|(i, e)| Some((i, e.filter(|e| e.is_finite())?))).collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
    let names: &[(&str, f64)] = match ranked.len() {
        0 => &[],
        1 => &[("one future", 0.5)],
        2 => &[("a worse one", 0.0), ("a better one", 1.0)],
        _ => &[("a bad future", 0.1), ("a typical one", 0.5), ("a good one", 0.9)],
    };
    // The future whose end is nearest the rank asked for, among those not named yet.
    let mut chosen: Vec<(usize, String)> = Vec::new();
    for &(name, at) in names {
        let free = ranked.iter().filter(|(i, _)| chosen.iter().all(|(c, _)| c != i));
        let Some(&(i, rank)) = free.min_by(|a, b| (a.1 - at).abs().total_cmp(&(b.1 - at).abs())) else { continue };
        let percentile = (rank * 100.0).round().clamp(1.0, 99.0);
        chosen.push((i, format!("{name} (p{percentile})")));
    }
    let named = chosen.iter().map(|(i, label)| NamedPath { label: label.clone(), values: all[*i].clone() }).collect();
    let grey = all.iter().enumerate().filter(|(i, _)| chosen.iter().all(|(c, _)| c != i)).map(|(_, p)| p.clone());
    (grey.collect(), named)
}

fn histogram_chart(
    report: &RunReport,
    metric: Metric,
    values: &[f64],
    calendar: Option<Calendar>,
) -> Option<HistogramChart> {
    let summary = report.metric(metric)?;
    let last_month = report.months.last().copied().unwrap_or(1);
    let timeline = timeline(report, calendar);
    let m = summary.mean.len().saturating_sub(1);
    let markers = [Percentile::P5, Percentile::P50, Percentile::P95]
        .into_iter()
        .filter_map(|level| Some(Marker { label: marker_name(level), value: summary.at(level, m)? }))
        .collect();
    let unit = metric.unit();
    let when = timeline.month(last_month);
    let subject = Subject::of(metric).name;
    let title = match (summary.at(Percentile::P5, m), summary.at(Percentile::P95, m)) {
        (Some(a), Some(b)) if is_cumulative(metric) && timeline.today.is_some() => {
            format!("{subject} from today to {when}: {} to {} in 90 of 100 futures", amount(unit, a), amount(unit, b))
        }
        (Some(a), Some(b)) if is_cumulative(metric) => {
            format!("{subject} up to {when}: {} to {} in 90 of 100 futures", amount(unit, a), amount(unit, b))
        }
        (Some(a), Some(b)) => {
            format!("{subject} in {when}: {} to {} in 90 of 100 futures", amount(unit, a), amount(unit, b))
        }
        _ => format!("{subject} in {when}"),
    };
    let drawn = format!("how many of the {} end where", futures(values.len()));
    let note = (is_cumulative(metric) && timeline.today.is_some()).then(|| "counted from today".to_string());
    Some(HistogramChart {
        titles: Titles {
            title,
            subtitle: Some(run_subtitle(report, &drawn, note)),
            caption: Some(caption("sidecast", &report.source)),
        },
        metric: if is_cumulative(metric) && timeline.today.is_some() {
            format!("{} from today to {when}", Subject::of(metric).name)
        } else {
            format!("{} in {when}", metric.label())
        },
        unit: metric.unit(),
        values: values.to_vec(),
        markers,
    })
}

/// "p5", "median", "p95".
fn marker_name(level: Percentile) -> String {
    if level == Percentile::P50 { "median".to_string() } else { level.to_string() }
}

/// The y axis' name; a running total says it counts from today when there is one.
fn axis_name(metric: Metric, from_today: bool) -> String {
    match metric {
        Metric::GrossProfit => "Gross profit per month".into(),
        Metric::NetProfit => "Net profit per month".into(),
        Metric::CommissionEarned => "Commission earned per month".into(),
        Metric::Hours => "Hours worked per month".into(),
        Metric::CumulativeGrossProfit if from_today => "Gross profit from today, added up".into(),
        Metric::CumulativeNetProfit if from_today => "Net profit from today, added up".into(),
        m => m.label().to_string(),
    }
}

/// The first target on this metric with its month and chances (the target counts from
/// the projection's start, as every cumulative number does).
fn target_line(report: &RunReport, metric: Metric) -> Option<TargetLine> {
    let t = report.targets.iter().find(|t| t.metric == SeriesKey::from(metric))?;
    Some(TargetLine {
        value: t.at_least,
        label: format!("target {}", value(Some(t.at_least), metric.unit())),
        month: Some(t.month),
        probability_in_month: t.probability_at_month.map(|p| p.probability),
        probability_by_month: t.probability_by_month.map(|p| p.probability),
    })
}
