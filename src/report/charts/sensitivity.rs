//! The chart of `sidecast sensitivity`: a tornado of the output's median with each input
//! at its low and high end.

use super::{Figure, chart_unit};
use crate::chart::{Titles, TornadoBar, TornadoChart};
use crate::report::sensitivity::SensitivityReport;
use crate::text::number::thousands;

/// The tornado chart (`tornado`), unless no input has a defined swing.
pub fn tornado_chart(report: &SensitivityReport, source: &str) -> Option<(String, Figure)> {
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
            subtitle: Some(format!(
                "Median with each input at its p10 and its p90 (--vary: first and last value), all else sampled; \
                 {} trajectories, seed {}",
                thousands(report.trajectories as u64),
                report.seed
            )),
            caption: Some(format!("sidecast sensitivity · {source}")),
        },
        metric: format!("Median {}", output.to_lowercase()),
        unit: chart_unit(metric.metric()),
        baseline,
        bars,
    };
    Some(("tornado".to_string(), Figure::Tornado(chart)))
}
