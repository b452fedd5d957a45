//! The waterfall of a run as a chart (docs/model.md §10.3): where the month chosen by
//! `--waterfall-month` goes, from the report's [`Waterfall`] (means, which add up). Drawn
//! only when it says more than the income does: some step takes money away, or more than
//! one step brings it in.

use super::Figure;
use super::titles::{run_titles as titles, timeline};
use crate::chart::{Calendar, Unit, WaterfallChart, WaterfallStep};
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
pub fn waterfall_figure(report: &RunReport, calendar: Option<Calendar>) -> Option<(String, Figure)> {
    let w = report.waterfall.as_ref().filter(|w| worth_drawing(w))?;
    let step = |label: &str, amount: f64, share: Option<f64>| WaterfallStep { label: label.to_string(), amount, share };
    let when = timeline(report, calendar).month(w.month);
    let income: f64 = w.steps.iter().map(|s| s.amount).filter(|a| *a > 0.0).sum();
    let unit = Unit::Dollars;
    let kept = match w.net_share_of_income {
        Some(share) if w.net_profit >= 0.0 => format!(
            "In {when}, {} of the {} coming in is left as net profit ({}%)",
            unit.format_amount(w.net_profit, false),
            unit.format_amount(income, false),
            (share * 100.0).round()
        ),
        _ if w.net_profit < 0.0 => format!(
            "In {when}, costs take more than the {} coming in: a loss of {}",
            unit.format_amount(income, false),
            unit.format_amount(-w.net_profit, false)
        ),
        _ => format!("Where the money goes in {when}"),
    };
    let chart = WaterfallChart {
        titles: titles(report, kept, "the mean future's month, step by step (means add up; medians would not)"),
        metric: format!("Mean in {when} ($); right, each step's share of income"),
        unit: Unit::Dollars,
        steps: w.steps.iter().map(|s| step(&s.label, s.amount, s.share_of_income)).collect(),
        total: step("Net profit", w.net_profit, w.net_share_of_income),
    };
    chart.validate().ok()?;
    Some((STEM.to_string(), Figure::Waterfall(chart)))
}
