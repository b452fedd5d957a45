//! The series a run's report contains, in order, and what each is computed from: every
//! metric (stored rows, or ratios of two), then the customers of each tier and the
//! subscribers of each plan.

use crate::engine::{Layout, Outcomes, ProgrammeRow};
use crate::metric::{Derivation, Metric, SeriesKey, defines_ratio};
use crate::scenario::Scenario;

/// What one report series is computed from: rows of the engine's layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SeriesSource {
    Row(usize),
    /// numerator / denominator, where the denominator is positive.
    Ratio {
        numerator: usize,
        denominator: usize,
    },
}

impl SeriesSource {
    /// The rows a metric is computed from in this layout (a row that shares its twin's
    /// values, like net profit without costs, reads as the twin, so it is summarised once).
    pub fn of(metric: Metric, layout: &Layout) -> Self {
        match metric.derivation() {
            Derivation::Stored(s) => SeriesSource::Row(layout.canonical(Layout::row(s))),
            Derivation::Ratio { numerator, denominator } => SeriesSource::Ratio {
                numerator: layout.canonical(Layout::row(numerator)),
                denominator: layout.canonical(Layout::row(denominator)),
            },
        }
    }
}

/// The keys of every series a run of the scenario reports, in order.
pub fn keys(scenario: &Scenario) -> Vec<SeriesKey> {
    sources(scenario, &crate::engine::layout(scenario)).into_iter().map(|(k, _)| k).collect()
}

/// The source of one series of the scenario, if it has it (a tier or plan it defines).
pub fn source_of(scenario: &Scenario, layout: &Layout, key: &SeriesKey) -> Option<SeriesSource> {
    sources(scenario, layout).into_iter().find(|(k, _)| k == key).map(|(_, s)| s)
}

/// Every trajectory's value of a series in one month (0-based); `None` where undefined.
pub fn values(outcomes: &Outcomes, source: SeriesSource, month: usize) -> Vec<Option<f64>> {
    match source {
        SeriesSource::Row(r) => outcomes.column(r, month).into_iter().map(Some).collect(),
        SeriesSource::Ratio { numerator, denominator } => {
            let (n, d) = (outcomes.column(numerator, month), outcomes.column(denominator, month));
            n.iter().zip(&d).map(|(n, d)| defines_ratio(*d).then(|| n / d)).collect()
        }
    }
}

/// The distinct sources of `series`, in first-seen order, and each series' index into them.
pub fn distinct(series: &[(SeriesKey, SeriesSource)]) -> (Vec<SeriesSource>, Vec<usize>) {
    let mut unique: Vec<SeriesSource> = Vec::new();
    let index = series
        .iter()
        .map(|(_, source)| match unique.iter().position(|u| u == source) {
            Some(i) => i,
            None => {
                unique.push(*source);
                unique.len() - 1
            }
        })
        .collect();
    (unique, index)
}

/// Every series of a scenario's report with its source, in report order.
pub fn sources(scenario: &Scenario, layout: &Layout) -> Vec<(SeriesKey, SeriesSource)> {
    let mut out: Vec<(SeriesKey, SeriesSource)> =
        Metric::ALL.iter().map(|&m| (m.into(), SeriesSource::of(m, layout))).collect();
    if let Some(reseller) = &scenario.reseller() {
        for (i, tier) in reseller.tiers.iter().enumerate() {
            out.push((SeriesKey::part(Metric::ActiveCustomers, &tier.name), SeriesSource::Row(layout.tier_row(i))));
        }
    }
    if let Some(affiliate) = &scenario.affiliate() {
        for (i, (programme, plan)) in affiliate.plans().enumerate() {
            let name = affiliate.plan_part(programme, plan);
            out.push((SeriesKey::part(Metric::Subscribers, &name), SeriesSource::Row(layout.plan_row(i))));
        }
        for p in 0..layout.programmes() {
            let name = &affiliate.programmes[p].name;
            for metric in ProgrammeRow::ALL {
                out.push((SeriesKey::part(metric.metric(), name), SeriesSource::Row(layout.programme_row(p, metric))));
            }
        }
    }
    out
}
