//! The waterfall of a run as a chart (docs/model.md §10.3): where the month chosen by
//! `--waterfall-month` goes, from the report's [`Waterfall`] (means, which add up). Drawn
//! only when it says more than the income does: some step takes money away, or more than
//! one step brings it in.

use super::{Figure, run_titles as titles};
use crate::chart::{Unit as ChartUnit, WaterfallChart, WaterfallStep};
use crate::report::RunReport;
use crate::report::waterfall::Waterfall;

/// The file stem of the waterfall.
pub const STEM: &str = "waterfall";

/// Whether a waterfall is worth a chart: a step that takes money away, or several that add.
pub fn worth_drawing(w: &Waterfall) -> bool {
    w.steps.iter().any(|s| s.amount < 0.0) || w.steps.iter().filter(|s| s.amount > 0.0).count() > 1
}

/// The waterfall chart of a run, when its report has one worth drawing (and one the chart
/// can draw: finite means that add up).
pub fn waterfall_figure(report: &RunReport) -> Option<(String, Figure)> {
    let w = report.waterfall.as_ref().filter(|w| worth_drawing(w))?;
    let step = |label: &str, amount: f64, share: Option<f64>| WaterfallStep { label: label.to_string(), amount, share };
    let chart = WaterfallChart {
        titles: titles(
            report,
            format!("Where the money goes in month {} (means)", w.month),
            None,
            "means, which add up",
        ),
        metric: format!("Mean in month {} ($); beside each bar, its share of income", w.month),
        unit: ChartUnit::Dollars,
        steps: w.steps.iter().map(|s| step(&s.label, s.amount, s.share_of_income)).collect(),
        total: step("Net profit", w.net_profit, w.net_share_of_income),
    };
    chart.validate().ok()?;
    Some((STEM.to_string(), Figure::Waterfall(chart)))
}

/// Alt text that reads the waterfall out: each step with its share of income, then the total.
pub fn waterfall_description(chart: &WaterfallChart) -> String {
    let unit = &chart.unit;
    let share = |s: Option<f64>| s.map_or_else(String::new, |s| format!(" ({:.1}% of income)", s.abs() * 100.0));
    let steps: Vec<String> = chart
        .steps
        .iter()
        .map(|s| format!("{} {}{}", s.label, unit.format_amount(s.amount, true), share(s.share)))
        .collect();
    let total = &chart.total;
    let mut text = format!(
        "Waterfall chart: {}, from the means across the simulated futures (means add up; medians would not). {}; \
         leaving {} of {}{}.",
        chart.titles.title.to_lowercase(),
        steps.join(", "),
        total.label.to_lowercase(),
        unit.format_amount(total.amount, false),
        share(total.share)
    );
    if let Some(subtitle) = chart.titles.subtitle.as_deref() {
        text.push_str(&format!(" {subtitle}."));
    }
    text
}
