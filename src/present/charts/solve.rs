//! The charts of `sidecast solve`: one per lever (`solve-<key>`), P(target) against the
//! lever at the values the search evaluated, with the answer, its interval and today's
//! value marked.

use super::Figure;
use crate::text::Unit;
use crate::chart::{SolveChart, SolveChartPoint, SolveMark, Titles};
use crate::scenario::keys::unit_of;
use crate::report::solve::{Direction, LeverReport, SolveReport, Status, asked_words};
use crate::text::number::thousands;

/// A z for the points' 95% bands.
const Z95: f64 = 1.959_963_984_540_054;

/// One chart per lever, with its file stem.
pub fn solve_charts(report: &SolveReport, source: &str) -> Vec<(String, Figure)> {
    report.levers.iter().map(|lever| (stem(&lever.key), Figure::Solve(chart(report, lever, source)))).collect()
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
    let mut chars = lever.name.chars();
    let name = chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    if unit_of(&lever.key) == Unit::PerMonth { format!("{name} per month") } else { name }
}

fn chart(report: &SolveReport, lever: &LeverReport, source: &str) -> SolveChart {
    let target = format!("P({})", report.target.words());
    let summary = match (lever.status, lever.need(), lever.interval) {
        (Status::Solved, Some(need), Some([a, b])) => format!(
            "{need} reaches it with {} probability (95% interval {})",
            asked_words(report.probability),
            lever.span(a, b)
        ),
        _ => lever.sentence(),
    };
    let today_label = match lever.today {
        Some(_) => format!("today {}", lever.today_words()),
        None => String::new(),
    };
    SolveChart {
        titles: Titles {
            title: format!("What it takes: {target} by {}", lever.name),
            subtitle: Some(format!(
                "{summary} · {} trajectories at each value, seed {}, the same random numbers at every value",
                thousands(report.trajectories as u64),
                report.seed
            )),
            caption: Some(format!("sidecast solve · {source}")),
        },
        parameter: axis_name(lever),
        parameter_unit: unit_of(&lever.key),
        metric: target,
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
