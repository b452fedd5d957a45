//! `report.html` of `sidecast run`: the projection table (the numbers of `summary.md`),
//! the targets, the history, the charts, how to read them, the assumptions, the method and
//! the command that reproduces it.

use super::common::{Context, band_cell, charts, how_to_read_bands, method, month_header, reproduce};
use super::page::{Block, Cell, Page, Section, Table};
use crate::metric::Metric;
use crate::report::actuals::ActualsReport;
use crate::report::charts::file_names;
use crate::report::terminal::run::{headline_months, precision_line};
use crate::report::{PercentileMethod, RunReport, TargetReport};
use crate::stats::Proportion;
use crate::text::number::{percent, thousands, value};

/// The page of a run; `metrics` are the table's rows (those of `summary.md`).
pub fn run_page(report: &RunReport, assumptions: &[String], metrics: &[Metric], context: &Context) -> Page {
    let first = report.months.first().copied().unwrap_or(1);
    let lede = format!(
        "{} simulated futures (seed {}), {} months from month {first}. Ranges are month-by-month percentiles \
         across futures: p5–p95 holds 90% of them.",
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months
    );
    let mut sections = vec![projection(report, metrics)];
    if !report.targets.is_empty() {
        let items = report.targets.iter().map(target_text).collect();
        sections.push(Section::new("Targets", vec![Block::List(items)]));
    }
    if let Some(actuals) = &report.actuals {
        sections.push(history(actuals));
    }
    sections.extend(charts(&context.figures));
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
    let rows = metrics
        .iter()
        .filter_map(|&metric| {
            let s = report.metric(metric)?;
            let mut row = vec![Cell::new(metric.label())];
            row.extend(months.iter().map(|&m| band_cell(s, m, metric.unit())));
            Some(row)
        })
        .collect();
    Section::new("Projection", vec![Block::Table(Table { header, rows })])
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
