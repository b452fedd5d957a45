//! The chart of `sidecast sweep`: the output's median and bands against one parameter, or
//! a heatmap of its median (or of a target's chance, on the whole scale from none to every
//! future) over two; today's values marked. Titles are the message (where the output goes
//! across the range, or how good the best cell is); subtitles name no scenario (its name
//! describes today's values, not the ones swept).

use super::words::{amount, capitalised, futures, lowered};
use super::{Figure, caption};
use crate::chart::{BandValues, Calendar, HeatmapChart, SweepChart, SweepPoint, Timeline, Titles};
use crate::present::answer::first_extreme;
use crate::report::sweep::{PointSummary, SweepReport, SweptParameter};
use crate::scenario::keys::{label, unit_of};
use crate::text::Unit;
use crate::text::number::{chance, value};

/// "Churn", "Arrivals per month".
fn axis_name(parameter: &SweptParameter) -> String {
    let name = capitalised(&parameter.name);
    if unit_of(&parameter.key) == Unit::PerMonth { format!("{name} per month") } else { name }
}

/// "churn 10%": a parameter at one value, in words.
fn at(parameter: &SweptParameter, v: f64) -> String {
    label(&parameter.key, "", Some(v))
}

/// The band chart (`sweep`, one parameter) or the heatmap (`heatmap`, two), if any.
/// `today` holds each swept parameter's value in the scenario, when it is one number.
pub fn sweep_chart(
    report: &SweepReport,
    today: &[Option<f64>],
    calendar: Option<Calendar>,
    source: &str,
) -> Option<(String, Figure)> {
    let metric = &report.metric;
    let when = Timeline { calendar, today: None }.month(report.month);
    let output = format!("{} in {when}", metric.label());
    let titles = |title: String, drawn: &str| Titles {
        title,
        subtitle: Some(format!(
            "{drawn} · {} at each point, the same random numbers at every point, everything else as in the scenario, seed {}",
            futures(report.trajectories),
            report.seed
        )),
        caption: Some(caption("sidecast sweep", source)),
    };
    match report.parameters.as_slice() {
        [x] => {
            let points: Vec<SweepPoint> = report.points.iter().map(sweep_point).collect();
            let chart = SweepChart {
                titles: titles(
                    sweep_title(&output, x, &points, metric.unit()),
                    "shaded: where the middle 50 and 90 of 100 futures fall at each value",
                ),
                parameter: axis_name(x),
                parameter_unit: unit_of(&x.key),
                metric: output,
                unit: metric.metric().unit(),
                points,
                today: today.first().copied().flatten(),
            };
            Some(("sweep".to_string(), Figure::Sweep(chart)))
        }
        [x, y] => {
            let today = match today {
                [Some(a), Some(b), ..] => Some((*a, *b)),
                _ => None,
            };
            let (title, what, drawn, unit, cells, probabilities) = match report.target {
                Some(t) => {
                    let goal = value(Some(t), metric.unit());
                    let cells = report.grid(|p| p.prob_target.map(|p| p.probability));
                    (
                        chance_title(report, &output, &goal, x, y),
                        format!("Futures in 100 where {} reaches {goal}", lowered(&output)),
                        "colour and number: how many of 100 futures reach it",
                        crate::chart::Unit::Percent,
                        cells,
                        true,
                    )
                }
                None => (
                    median_title(report, &output, x, y),
                    format!("Median {}", lowered(&output)),
                    "colour and number: the median future",
                    metric.metric().unit(),
                    report.grid(|p| p.p50),
                    false,
                ),
            };
            let chart = HeatmapChart {
                titles: titles(title, drawn),
                x_parameter: axis_name(x),
                x_unit: unit_of(&x.key),
                x_values: x.values.clone(),
                y_parameter: axis_name(y),
                y_unit: unit_of(&y.key),
                y_values: y.values.clone(),
                metric: what,
                unit,
                cells,
                probabilities,
                today,
            };
            Some(("heatmap".to_string(), Figure::Heatmap(chart)))
        }
        _ => None,
    }
}

/// "Cumulative gross profit in month 30: median $8.2k with arrivals 0.5/month, $41k with
/// arrivals 3/month".
fn sweep_title(output: &str, x: &SweptParameter, points: &[SweepPoint], unit: crate::metric::Unit) -> String {
    let mut defined: Vec<(f64, f64)> =
        points.iter().filter_map(|p| Some((p.parameter, p.values.p50.filter(|v| v.is_finite())?))).collect();
    defined.sort_by(|a, b| a.0.total_cmp(&b.0));
    match (defined.first(), defined.last()) {
        (Some(a), Some(_)) if defined.len() > 1 && defined.iter().all(|d| d.1 == a.1) => {
            format!("{output}: median {} with every value of {} swept", amount(unit, a.1), x.name)
        }
        (Some(a), Some(b)) if defined.len() > 1 => format!(
            "{output}: median {} with {}, {} with {}",
            amount(unit, a.1),
            at(x, a.0),
            amount(unit, b.1),
            at(x, b.0)
        ),
        _ => format!("{output} by {}", x.name),
    }
}

/// The cell where `pick` is largest or smallest (by `better`), with its parameters.
fn extreme(
    report: &SweepReport,
    pick: impl Fn(&PointSummary) -> Option<f64>,
    largest: bool,
) -> Option<(&PointSummary, f64)> {
    first_extreme(report.points.iter().filter_map(|p| Some((p, pick(p)?))), largest)
}

/// "with churn 5% and arrivals 2/month".
fn where_words(point: &PointSummary, x: &SweptParameter, y: &SweptParameter) -> String {
    match point.parameters.as_slice() {
        [a, b, ..] => format!("{} and {}", at(x, *a), at(y, *b)),
        _ => point.label.clone(),
    }
}

/// "At best 68 in 100 futures reach $30k of cumulative gross profit in month 30 (churn 5%
/// and arrivals 2/month)".
fn chance_title(report: &SweepReport, output: &str, goal: &str, x: &SweptParameter, y: &SweptParameter) -> String {
    let chance_of = |p: &PointSummary| p.prob_target.map(|p| p.probability);
    match extreme(report, chance_of, true) {
        Some((_, p)) if extreme(report, chance_of, false).is_some_and(|(_, lo)| lo == p) => {
            format!("{} futures reach {goal} of {} at every point", capitalised(&chance(Some(p))), lowered(output))
        }
        Some((best, p)) => format!(
            "At best {} futures reach {goal} of {} ({})",
            chance(Some(p)),
            lowered(output),
            where_words(best, x, y)
        ),
        None => format!("Futures that reach {goal} of {}", lowered(output)),
    }
}

/// "Median cumulative gross profit in month 30: from $5.1k (churn 20% and arrivals
/// 0.5/month) to $61k (churn 5% and arrivals 2/month)".
fn median_title(report: &SweepReport, output: &str, x: &SweptParameter, y: &SweptParameter) -> String {
    let unit = report.metric.unit();
    match (extreme(report, |p| p.p50, false), extreme(report, |p| p.p50, true)) {
        (Some((_, a)), Some((_, b))) if a == b => {
            format!("Median {}: {} at every point", lowered(output), amount(unit, a))
        }
        (Some((lo, a)), Some((hi, b))) => format!(
            "Median {}: from {} ({}) to {} ({})",
            lowered(output),
            amount(unit, a),
            where_words(lo, x, y),
            amount(unit, b),
            where_words(hi, x, y)
        ),
        _ => format!("Median {}", lowered(output)),
    }
}

fn sweep_point(p: &PointSummary) -> SweepPoint {
    SweepPoint {
        parameter: p.parameters.first().copied().unwrap_or(f64::NAN),
        values: BandValues { p5: p.p5, p25: p.p25, p50: p.p50, p75: p.p75, p95: p.p95, mean: p.mean },
    }
}
