//! The chart of `sidecast sensitivity`: a tornado of the output's median with each input
//! at its low and high end. The title names the input that moves the median most and how
//! far; the subtitle says in words where each input's ends come from.

use super::words::{amount, capitalised, futures, lowered};
use super::{Figure, caption, subtitle};
use crate::chart::{Calendar, Timeline, Titles, TornadoBar, TornadoChart};
use crate::report::sensitivity::{InputKind, SensitivityReport};
use crate::scenario::keys::key_words;

/// The tornado chart (`tornado`), unless no input has a defined swing.
/// `scenario` is the scenario's name.
pub fn tornado_chart(
    report: &SensitivityReport,
    scenario: &str,
    calendar: Option<Calendar>,
    source: &str,
) -> Option<(String, Figure)> {
    let metric = &report.metric;
    let bars: Vec<TornadoBar> = report
        .inputs
        .iter()
        .filter_map(|i| {
            Some(TornadoBar { input: i.label.clone(), at_low: i.median_at_low?, at_high: i.median_at_high? })
        })
        .collect();
    let baseline = report.baseline_median.filter(|_| !bars.is_empty())?;
    let output = format!("{} in {}", metric.label(), Timeline { calendar, today: None }.month(report.month));
    let unit = metric.unit();
    let top = report
        .inputs
        .iter()
        .filter_map(|i| Some((i, i.median_at_low?, i.median_at_high?)))
        .max_by(|a, b| (a.2 - a.1).abs().total_cmp(&(b.2 - b.1).abs()));
    let title = match top {
        Some((input, low, high)) => format!(
            "{} moves the median {} most: from {} to {}",
            capitalised(&key_words(&input.key)),
            lowered(&output),
            amount(unit, low.min(high)),
            amount(unit, low.max(high))
        ),
        None => format!("What moves the median {}", lowered(&output)),
    };
    let kinds: Vec<InputKind> = report.inputs.iter().map(|i| i.kind).collect();
    let ends = match (kinds.contains(&InputKind::Distribution), kinds.contains(&InputKind::Vary)) {
        (true, true) => "each input at a low and a high value (an uncertain one at its 10th and 90th percentile)",
        (false, true) => "each input at the low and the high value given",
        _ => "each uncertain input at its 10th and its 90th percentile",
    };
    let chart = TornadoChart {
        titles: Titles {
            title,
            subtitle: Some(subtitle(
                Some(scenario),
                &format!(
                    "the median with {ends}, everything else drawn as usual · {}, seed {}",
                    futures(report.trajectories),
                    report.seed
                ),
            )),
            caption: Some(caption("sidecast sensitivity", source)),
        },
        metric: format!("Median {}", lowered(&output)),
        unit: metric.metric().unit(),
        baseline,
        bars,
    };
    Some(("tornado".to_string(), Figure::Tornado(chart)))
}
