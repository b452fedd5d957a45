//! What a page's drawing needs besides a run's numbers ([`View`]): the scenario's name,
//! the simulated months, the lead metric (the run's first fan chart: net profit per month
//! when the scenario has costs, gross profit otherwise) with its label and unit, and each
//! target in words. The numbers themselves come as `summary.json` shapes them (the live
//! page's runs) or as the explorable's grid stores them; the page's script reads both alike.

use serde::Serialize;

use crate::chart::Theme;
use crate::chart::style::css_properties;
use crate::metric::{Metric, Unit};
use crate::present::charts::run::fan_metrics;
use crate::report::RunReport;
use crate::scenario::Scenario;
use crate::text::number::value;

/// The lead metric, its targets in words, and the run's shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    /// The scenario's name (the page's heading).
    pub scenario: String,
    /// "sidecast · reseller.toml": the charts' caption.
    pub caption: String,
    pub trajectories: usize,
    pub seed: u64,
    /// Calendar month numbers of the simulated months.
    pub months: Vec<u32>,
    pub lead: Lead,
    /// Every target of the scenario, in the order of `summary.json`'s `targets`.
    pub targets: Vec<TargetView>,
}

/// The metric the page's fan chart draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    /// Its key in `summary.json`'s `metrics` (`net_profit`).
    pub key: String,
    /// "Net profit per month": the chart's axis name.
    pub label: String,
    /// `dollars`, `count`, `hours`, `dollars_per_hour`, `percent`, `per_month`, `months` or
    /// `number`: how the script writes its values.
    pub unit: &'static str,
}

/// One target in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetView {
    /// Its metric's key (`gross_profit`).
    pub metric: String,
    /// "Net profit ≥ $700 in month 12".
    pub label: String,
    /// "$700".
    pub goal: String,
    pub at_least: f64,
    /// The calendar month asked about.
    pub month: u32,
}

/// The run's first fan chart's metric: `report.html` and a phone show it first.
pub fn lead_metric(scenario: &Scenario) -> Metric {
    // The first fan metric depends only on whether there are costs.
    fan_metrics(false, false, scenario.has_costs()).first().copied().unwrap_or(Metric::GrossProfit)
}

/// The view of a run of `scenario` (its report gives the months and targets); `source` is
/// the file as the user named it.
pub fn view(scenario: &Scenario, report: &RunReport, source: &str) -> View {
    let lead = lead_metric(scenario);
    let file = std::path::Path::new(source).file_name().map_or(source.to_string(), |n| n.to_string_lossy().into());
    View {
        scenario: report.scenario.clone(),
        caption: format!("sidecast · {file}"),
        trajectories: report.trajectories,
        seed: report.seed,
        months: report.months.clone(),
        lead: Lead { key: lead.key().to_string(), label: per_month(lead), unit: unit_name(lead.unit()) },
        targets: report
            .targets
            .iter()
            .map(|t| {
                let goal = value(Some(t.at_least), t.metric.unit());
                TargetView {
                    metric: t.metric.to_string(),
                    label: format!(
                        "{} ≥ {goal} in {}",
                        t.metric.label(),
                        crate::present::answer::month_words(scenario.calendar(), t.month)
                    ),
                    goal,
                    at_least: t.at_least,
                    month: t.month,
                }
            })
            .collect(),
    }
}

/// "Net profit per month" for a monthly flow, the label itself for anything else.
fn per_month(metric: Metric) -> String {
    match metric {
        Metric::GrossProfit | Metric::NetProfit | Metric::CommissionEarned => format!("{} per month", metric.label()),
        m => m.label().to_string(),
    }
}

/// The unit's name as the page's script reads it.
pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Dollars => "dollars",
        Unit::Count { .. } => "count",
        Unit::Hours => "hours",
        Unit::DollarsPerHour => "dollars_per_hour",
        Unit::Percent => "percent",
        Unit::PerMonth => "per_month",
        Unit::Months => "months",
        Unit::Number => "number",
    }
}

/// The charts' palette (light) as CSS custom properties, for a page that draws in the browser.
pub fn palette() -> String {
    css_properties(Theme::Light)
}
