//! The charts of `sidecast solve`: one per lever (`solve-<key>`), the chance of the target
//! against the lever at the values the search evaluated, with the answer, its interval and
//! today's value marked. The title is the answer in words ("With arrivals ≥ 3.72/month, 80
//! in 100 futures reach $2,500 of gross profit in month 30"); chances are frequencies.

use super::Figure;
use super::words::{capitalised, futures};
use crate::chart::{Calendar, SolveChart, SolveChartPoint, SolveMark, Timeline, Titles};
use crate::report::solve::{Direction, LeverReport, SolveReport, Status, When};
use crate::scenario::keys::unit_of;
use crate::text::Unit;
use crate::text::number::{chance, value};

/// A z for the points' 95% bands.
const Z95: f64 = 1.959_963_984_540_054;

/// One chart per lever, with its file stem.
pub fn solve_charts(report: &SolveReport, calendar: Option<Calendar>, source: &str) -> Vec<(String, Figure)> {
    let timeline = Timeline { calendar, today: None };
    report
        .levers
        .iter()
        .map(|lever| (stem(&lever.key), Figure::Solve(chart(report, lever, &timeline, source))))
        .collect()
}

/// "$2,500 of gross profit in month 30", "$2,500 of gross profit at least once by Jun 2028".
fn target_words(report: &SolveReport, timeline: &Timeline) -> String {
    let t = &report.target;
    let goal = value(Some(t.at_least), t.metric.unit());
    let what = match t.metric.unit() {
        crate::metric::Unit::Dollars => format!("{goal} of {}", t.metric.lower_label()),
        _ => format!("{} of {goal}", t.metric.lower_label()),
    };
    match t.when {
        When::In => format!("{what} in {}", timeline.month(t.month)),
        When::By => format!("{what} at least once by {}", timeline.month(t.month)),
    }
}

/// The answer as a title.
fn title(report: &SolveReport, lever: &LeverReport, timeline: &Timeline) -> String {
    let target = target_words(report, timeline);
    let asked = chance(Some(report.probability));
    let [at_low, at_high] = lever.probability_at_range;
    match (lever.status, lever.need()) {
        (Status::Solved, Some(need)) => format!("With {need}, {asked} futures reach {target}"),
        (Status::WholeRange, Some(need)) => format!("Even with {need}, {asked} futures reach {target}"),
        (Status::OutOfReach, _) if at_low == at_high => format!(
            "Out of reach: {} futures reach {target} whatever the {} within {}",
            capitalised(&chance(Some(at_low))),
            lever.name,
            lever.range_words()
        ),
        (Status::OutOfReach, _) => {
            let (best, p) = if lever.direction == Direction::Hurts {
                (lever.shown(lever.range[0], false), at_low)
            } else {
                (lever.shown(lever.range[1], true), at_high.max(at_low))
            };
            format!("Out of reach: even with {} {best}, only {} futures reach {target}", lever.name, chance(Some(p)))
        }
        (Status::NoEffect, _) => format!("{} does not move the chance of {target}", capitalised(&lever.name)),
        (Status::NonMonotone, _) => format!("The chance of {target} rises and falls with {}", lever.name),
        _ => format!("What it takes: {target} by {}", lever.name),
    }
}

/// `solve-reseller.arrivals`: the key, with anything but letters, digits, `.`, `-` and `_`
/// replaced.
fn stem(key: &str) -> String {
    let safe: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    format!("solve-{safe}")
}

/// "Arrivals per month", "Markup starter".
fn axis_name(lever: &LeverReport) -> String {
    let name = capitalised(&lever.name);
    if unit_of(&lever.key) == Unit::PerMonth { format!("{name} per month") } else { name }
}

fn chart(report: &SolveReport, lever: &LeverReport, timeline: &Timeline, source: &str) -> SolveChart {
    let mut notes = Vec::new();
    if let (Status::Solved, Some([a, b])) = (lever.status, lever.interval) {
        notes.push(format!("the answer could lie anywhere in {} (95% interval)", lever.span(a, b)));
    }
    if let (Some(_), Some(p)) = (lever.today, report.probability_today) {
        notes.push(format!("today, at {}: {} futures", lever.today_words(), chance(Some(p.probability))));
    }
    notes.push(format!(
        "{} at each value, the same random numbers at every value, everything else as in the scenario, seed {}",
        futures(report.trajectories),
        report.seed
    ));
    let today_label = match lever.today {
        Some(_) => format!("today {}", lever.today_words()),
        None => String::new(),
    };
    SolveChart {
        titles: Titles {
            title: title(report, lever, timeline),
            subtitle: Some(notes.join(" · ")),
            caption: Some(super::caption("sidecast solve", source)),
        },
        parameter: axis_name(lever),
        parameter_unit: unit_of(&lever.key),
        metric: "Futures in 100 that reach it".into(),
        points: lever
            .points
            .iter()
            .map(|p| SolveChartPoint {
                parameter: p.value,
                probability: p.probability,
                low: (p.probability - Z95 * p.std_error).max(0.0),
                high: (p.probability + Z95 * p.std_error).min(1.0),
            })
            .collect(),
        probability: report.probability,
        margin: report.margin,
        answer: lever
            .value
            .filter(|_| lever.status == Status::Solved)
            .zip(lever.need())
            .map(|(value, label)| SolveMark { value, label }),
        interval: lever.interval.map(|[a, b]| (a, b)),
        reached_above: lever.direction != Direction::Hurts,
        today: lever.today.map(|value| SolveMark { value, label: today_label }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(stem("reseller.arrivals"), "solve-reseller.arrivals");
        assert_eq!(stem("reseller.tiers.my tier.markup"), "solve-reseller.tiers.my_tier.markup");
    }
}
