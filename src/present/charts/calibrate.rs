//! The charts of `sidecast calibrate`: one prior-against-posterior chart per parameter
//! (`posterior-KEY`), and the history over the posterior predictive bands
//! (`predictive-METRIC`: the run charts of the calibrated scenario over the history's
//! months, retitled).

use super::run::{ChartData, run_charts};
use super::{Figure, caption, subtitle};
use crate::chart::{Interval, PosteriorChart, Titles};
use crate::metric::Metric;
use crate::report::RunReport;
use crate::report::calibrate::{CalibrateReport, Spread};
use crate::scenario::keys::{key_words, unit_of};
use crate::text::number::thousands;

/// One parameter's draws: its key, draws from the prior and from the posterior.
pub struct Draws<'a> {
    pub key: &'a str,
    pub prior: &'a [f64],
    pub posterior: &'a [f64],
}

fn interval(s: &Spread) -> Interval {
    Interval { p5: s.p5, p50: s.p50, p95: s.p95 }
}

/// "posterior-reseller-churn" for `reseller.churn`.
fn stem(key: &str) -> String {
    let safe: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("posterior-{safe}")
}

/// A chart per calibrated parameter, in the report's order.
pub fn posterior_charts(report: &CalibrateReport, draws: &[Draws<'_>], source: &str) -> Vec<(String, Figure)> {
    let months = match (report.months.first(), report.months.last()) {
        (Some(a), Some(b)) if a != b => format!("months {a}-{b}"),
        (Some(a), _) => format!("month {a}"),
        _ => "no months".to_string(),
    };
    draws
        .iter()
        .filter_map(|d| {
            let fit = report.parameters.get(d.key)?;
            let words = key_words(d.key);
            let narrowed = fit.width_ratio.map_or_else(String::new, |r| {
                format!(
                    " · the posterior's 90% interval {}% as wide as the prior's",
                    thousands((r * 100.0).round() as u64)
                )
            });
            let chart = PosteriorChart {
                titles: Titles {
                    title: format!("What your history says about {words}"),
                    subtitle: Some(subtitle(
                        Some(&report.scenario),
                        &format!(
                            "{} · prior and posterior from {months} of {}{narrowed}",
                            d.key,
                            report.actuals_name()
                        ),
                    )),
                    caption: Some(caption("sidecast calibrate", source)),
                },
                parameter: words,
                unit: unit_of(d.key),
                prior: d.prior.to_vec(),
                posterior: d.posterior.to_vec(),
                prior_interval: interval(&fit.prior),
                posterior_interval: interval(&fit.posterior),
            };
            Some((stem(d.key), Figure::Posterior(chart)))
        })
        .collect()
}

/// The history's metrics over the calibrated scenario's bands, month by month.
pub fn predictive_charts(predictive: &RunReport, metrics: &[Metric], data: &ChartData) -> Vec<(String, Figure)> {
    run_charts(predictive, metrics, data)
        .into_iter()
        .map(|(stem, mut figure)| {
            if let Figure::Fan(fan) = &mut figure {
                fan.titles.title = format!("{}: your history against the calibrated model", fan.titles.title);
            }
            (stem.replacen("fan-", "predictive-", 1), figure)
        })
        .collect()
}
