//! The chart of `sidecast sensitivity`: a tornado of the output's median with each input
//! at its low and high end.

use super::{Figure, caption, chart_unit, subtitle};
use crate::chart::{Titles, TornadoBar, TornadoChart};
use crate::report::sensitivity::SensitivityReport;
use crate::text::number::thousands;

/// The tornado chart (`tornado`), unless no input has a defined swing.
/// `scenario` is the scenario's name.
pub fn tornado_chart(report: &SensitivityReport, scenario: &str, source: &str) -> Option<(String, Figure)> {
    let metric = &report.metric;
    let bars: Vec<TornadoBar> = report
        .inputs
        .iter()
        .filter_map(|i| {
            Some(TornadoBar { input: i.label.clone(), at_low: i.median_at_low?, at_high: i.median_at_high? })
        })
        .collect();
    let baseline = report.baseline_median.filter(|_| !bars.is_empty())?;
    let output = format!("{} in month {}", metric.label(), report.month);
    let chart = TornadoChart {
        titles: Titles {
            title: format!("What moves the median {}", output.to_lowercase()),
            subtitle: Some(subtitle(
                Some(scenario),
                &format!(
                    "{} trajectories, seed {} · the median with each input at its p10 and its p90 \
                     (--vary: its first and last value), all else sampled",
                    thousands(report.trajectories as u64),
                    report.seed
                ),
            )),
            caption: Some(caption("sidecast sensitivity", source)),
        },
        metric: format!("Median {}", output.to_lowercase()),
        unit: chart_unit(metric.metric()),
        baseline,
        bars,
    };
    Some(("tornado".to_string(), Figure::Tornado(chart)))
}
