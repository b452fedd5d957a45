//! The charts of `sidecast calibrate`: one prior-against-posterior chart per parameter
//! (`posterior-KEY`), and the history over the posterior predictive bands
//! (`predictive-METRIC`: the run charts of the calibrated scenario over the history's
//! months, retitled).

use super::run::{ChartData, run_charts};
use super::words::{capitalised, range, span};
use super::{Figure, caption, subtitle};
use crate::chart::{FanChart, Interval, PosteriorChart, Timeline, Titles};
use crate::metric::Metric;
use crate::report::RunReport;
use crate::report::calibrate::{CalibrateReport, Spread};
use crate::scenario::keys::{key_words, unit_of};

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
        (Some(a), Some(b)) => span(*a, *b, &Timeline::default()),
        _ => "no months".to_string(),
    };
    draws
        .iter()
        .filter_map(|d| {
            let fit = report.parameters.get(d.key)?;
            let words = key_words(d.key);
            let unit = unit_of(d.key);
            let near = unit.format_alike(&[fit.posterior.p50, fit.posterior.p5, fit.posterior.p95]);
            let m = near.first()?;
            let after = range(unit, fit.posterior.p5, fit.posterior.p95);
            let before = range(unit, fit.prior.p5, fit.prior.p95);
            let narrowed = fit.width_ratio.map_or_else(String::new, |r| {
                format!(" · the span after is {}% as wide as before", (r * 100.0).round())
            });
            let chart = PosteriorChart {
                titles: Titles {
                    title: format!(
                        "Your history puts {words} near {m}: 9 in 10 chances it is {after} ({before} before)"
                    ),
                    subtitle: Some(subtitle(
                        Some(&report.scenario),
                        &format!(
                            "outline: what the scenario assumed; bars: what {months} of {} leave{narrowed}",
                            report.actuals_name()
                        ),
                    )),
                    caption: Some(caption("sidecast calibrate", source)),
                },
                parameter: if unit == crate::text::Unit::PerMonth {
                    format!("{} per month", capitalised(&words))
                } else {
                    capitalised(&words)
                },
                unit: unit_of(d.key),
                prior: d.prior.to_vec(),
                posterior: d.posterior.to_vec(),
                prior_interval: interval(&fit.prior),
                posterior_interval: interval(&fit.posterior),
                effective_draws: Some(report.effective_sample_size),
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
                fan.titles.title = predictive_title(fan);
            }
            (stem.replacen("fan-", "predictive-", 1), figure)
        })
        .collect()
}

/// "Gross profit: 5 of 6 months of your history fall where 90 in 100 calibrated futures
/// do": the history's months inside the calibrated scenario's p5–p95 band.
fn predictive_title(fan: &FanChart) -> String {
    let subject = fan.metric.split(" per month").next().unwrap_or(&fan.metric).to_string();
    let inside = |&(m, v): &(u32, f64)| {
        let i = m.checked_sub(fan.bands.first_month)? as usize;
        let b = fan.bands.months.get(i)?;
        Some(b.p5? <= v && v <= b.p95?)
    };
    let judged: Vec<bool> = fan.actuals.iter().filter_map(inside).collect();
    let within = judged.iter().filter(|i| **i).count();
    match judged.len() {
        0 => format!("{subject}: your history against the calibrated scenario"),
        n => format!("{subject}: {within} of {n} months of your history fall where 90 in 100 calibrated futures do"),
    }
}
