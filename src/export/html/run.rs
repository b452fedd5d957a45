//! `report.html` of `sidecast run`: the projection table (the numbers of `summary.md`,
//! each named programme's commission under the total), the targets, the history, the
//! charts, where the month's money goes (its waterfall chart and table), how to read them,
//! the assumptions, the method and the command that reproduces it.

use super::common::{PageContext, band_cell, charts, how_to_read_bands, method, month_header, reproduce, unbroken};
use super::page::{Block, Cell, InlineFigure, Page, Section, Table};
use crate::metric::{Metric, SeriesKey, Unit};
use crate::present::charts::{file_names, money};
use crate::present::terminal::run::{headline_months, precision_line};
use crate::report::actuals::ActualsReport;
use crate::report::waterfall::Waterfall;
use crate::report::{MetricSummary, PercentileMethod, RunReport, TargetReport};
use crate::stats::Proportion;
use crate::text::number::{percent, signed, thousands, value};

/// The page of a run; `metrics` are the table's rows (those of `summary.md`).
pub fn run_page(report: &RunReport, assumptions: &[String], metrics: &[Metric], context: &PageContext) -> Page {
    let first = report.months.first().copied().unwrap_or(1);
    let lede = format!(
        "{} simulated futures (seed {}), {} months from month {first}. Ranges are month-by-month percentiles \
         across futures: p5–p95 holds 90% of them.",
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months
    );
    // The waterfall's chart sits in its own section, beside its table, after the fans (which
    // a phone shows first); the rest under "Charts".
    let (money_figures, others): (Vec<InlineFigure>, Vec<InlineFigure>) =
        context.figures.iter().cloned().partition(|f| f.stem == money::STEM);
    let mut sections = vec![projection(report, metrics)];
    if !report.targets.is_empty() {
        let items = report.targets.iter().map(target_text).collect();
        sections.push(Section::new("Targets", vec![Block::List(items)]));
    }
    if let Some(actuals) = &report.actuals {
        sections.push(history(actuals));
    }
    sections.extend(charts(&others));
    sections.extend(report.waterfall.as_ref().map(|w| waterfall(w, money_figures)));
    sections.push(how_to_read_bands());
    if !assumptions.is_empty() {
        sections.push(Section::new("Assumptions", vec![Block::List(assumptions.to_vec())]));
    }
    sections.push(method(
        report.trajectories,
        report.seed,
        vec![percentiles_text(report.percentile_method).to_string(), format!("{}.", precision_line(report))],
    ));
    sections.push(reproduce(&context.command));
    Page { title: report.scenario.clone(), lede: vec![lede], sections }
}

fn percentiles_text(method: PercentileMethod) -> &'static str {
    match method {
        PercentileMethod::Exact => "Percentiles are exact: type 1, each the value of one of the simulated futures.",
        PercentileMethod::Approximate => {
            "Percentiles are approximate (relative error at most 0.5%), from mergeable histograms: the run was \
             too large to keep every future."
        }
    }
}

/// The median [p5 – p95] of each metric at months 6, 12 and the horizon, as `summary.md`.
fn projection(report: &RunReport, metrics: &[Metric]) -> Section {
    let months = headline_months(report.horizon_months, &[6, 12, report.horizon_months]);
    let header = month_header("Median (p5 – p95)", &report.months, &months);
    let row = |name: Cell, s: &MetricSummary, unit: Unit| {
        let mut row = vec![name];
        row.extend(months.iter().map(|&m| band_cell(s, m, unit)));
        row
    };
    let mut rows = Vec::new();
    for &metric in metrics {
        let Some(s) = report.metric(metric) else { continue };
        rows.push(row(Cell::new(metric.label()), s, metric.unit()));
        // With named programmes, each one's commission under the total, as in the terminal.
        if metric == Metric::CommissionEarned {
            for name in report.first_payout_by_programme.keys() {
                if let Some(part) = report.metrics.get(&SeriesKey::part(metric, name)) {
                    rows.push(row(Cell::new(name.as_str()).indented(), part, metric.unit()));
                }
            }
        }
    }
    Section::new("Projection", vec![Block::Table(Table { header, rows })])
}

/// Where the month's money goes: each step's mean and share of income, then net profit.
fn waterfall(w: &Waterfall, figures: Vec<InlineFigure>) -> Section {
    let share = |s: Option<f64>| s.map_or_else(|| "n/a".to_string(), |s| format!("{:.1}%", s * 100.0));
    let header = vec![unbroken(&format!("Month {}", w.month)), "Mean".into(), "Share of income".into()];
    let steps = w.steps.iter().map(|s| (s.label.as_str(), s.amount, s.share_of_income));
    let rows = steps
        .chain([("Net profit", w.net_profit, w.net_share_of_income)])
        .map(|(label, amount, of_income)| {
            vec![Cell::new(label), Cell::new(unbroken(&signed(amount, Unit::Dollars))), Cell::new(share(of_income))]
        })
        .collect();
    let mut blocks = vec![Block::Paragraph(
        "Means across the futures, which add up (medians do not): income is revenue plus commission earned; each \
         step adds to it or takes from it, down to net profit."
            .into(),
    )];
    blocks.extend(figures.into_iter().map(Block::Figure));
    blocks.push(Block::Table(Table { header, rows }));
    Section::new(format!("Where the money goes in month {}", w.month), blocks)
}

fn target_text(t: &TargetReport) -> String {
    let goal = value(Some(t.at_least), t.metric.unit());
    let month = t.month;
    let p = |x: Option<Proportion>| x.map_or("n/a".into(), |x| percent(x.probability));
    let first = t.first_month.median();
    let first = first.map_or(String::new(), |m| format!("; when reached, first in month {m} (median)"));
    format!(
        "{} ≥ {goal}: {} in month {month}, {} at least once by month {month}{first}",
        t.metric.label(),
        p(t.probability_at_month),
        p(t.probability_by_month)
    )
}

/// The history's totals and, when it overlaps the simulation, where each actual falls.
fn history(a: &ActualsReport) -> Section {
    let s = &a.summary;
    let parts = a.totals();
    let mut blocks = vec![Block::Paragraph(format!(
        "{} (months {}–{}): {}. The charts draw it; a cumulative chart says in its subtitle what it includes.",
        file_names(&a.file),
        s.first_month,
        s.last_month,
        parts.join(", ")
    ))];
    if !a.backtest.is_empty() {
        let header = vec!["Actual".to_string(), "Month".into(), "Value".into(), "Percentile rank".into()];
        let rows = a
            .backtest
            .iter()
            .map(|p| {
                let rank = p.percentile_rank.map_or("n/a".to_string(), |r| format!("{:.0}%", r * 100.0));
                let flag = match p.percentile_rank {
                    Some(r) if !(0.05..=0.95).contains(&r) => " (outside the 90% band)",
                    _ => "",
                };
                vec![
                    Cell::new(p.metric.label()),
                    Cell::new(p.month.to_string()),
                    Cell::new(value(Some(p.actual), p.metric.unit())),
                    Cell::new(format!("{rank}{flag}")),
                ]
            })
            .collect();
        blocks.push(Block::Paragraph("Where each actual falls among the simulated futures of its month:".into()));
        blocks.push(Block::Table(Table { header, rows }));
    }
    Section::new("History", blocks)
}
