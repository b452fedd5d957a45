//! `report.html` of `sidecast run`, the answer first: the headline sentence (the first
//! target's chance in frequency words, or the lead metric's middle future), the other
//! targets, the lead chart; then the projection table (the numbers of `summary.md`, each
//! named programme's commission under the total), the targets in full, the history, the
//! other charts, where the month's money goes (its waterfall chart and table), how to read
//! them, the assumptions, the method and the command that reproduces it.

use super::common::{
    PageContext, band_cell, charts, how_to_read_bands, method, month_header, reproduce, runs_words, unbroken,
};
use super::page::{Block, Cell, InlineFigure, Page, Section, Table};
use crate::metric::{Metric, SeriesKey, Unit};
use crate::present::answer::{
    lead_metric, middle_sentence, month_words, months_words, payout_sentences, run_headline, target_headline,
    target_sentence,
};
use crate::present::charts::run::file_stem;
use crate::present::charts::{file_names, money};
use crate::present::terminal::run::{headline_months, precision_line};
use crate::report::actuals::ActualsReport;
use crate::report::waterfall::Waterfall;
use crate::report::{MetricSummary, PercentileMethod, RunReport};
use crate::text::calendar::Calendar;
use crate::text::number::{signed, value};

/// The page of a run; `metrics` are the table's rows (those of `summary.md`).
pub fn run_page(report: &RunReport, assumptions: &[String], metrics: &[Metric], context: &PageContext) -> Page {
    // The waterfall's chart sits in its own section, beside its table; the lead chart (the
    // first fan) comes right after the answer; the rest under "Charts".
    let (money_figures, mut others): (Vec<InlineFigure>, Vec<InlineFigure>) =
        context.figures.iter().cloned().partition(|f| f.stem == money::STEM);
    // The lead chart draws the headline's metric: its first target's, else the table's first.
    let headline_metric = report.targets.first().map_or_else(|| lead_metric(report), |t| t.metric.metric());
    let stem = file_stem("fan", headline_metric);
    let at = others.iter().position(|f| f.stem == stem).or((!others.is_empty()).then_some(0));
    let lead_figure = at.map(|i| others.remove(i));
    let mut lead = Vec::new();
    let mut facts = Vec::new();
    if report.targets.len() > 1 {
        facts.extend(report.targets.iter().skip(1).map(|t| format!("{}.", target_headline(t, report.calendar))));
    }
    let last = report.horizon_months.saturating_sub(1);
    let lead_metric = lead_metric(report);
    if !report.targets.is_empty() {
        facts.extend(middle_sentence(report, lead_metric, last).map(|s| format!("{s}.")));
    }
    if !facts.is_empty() {
        lead.push(Block::List(facts));
    }
    lead.extend(lead_figure.map(Block::Figure));
    let lede = format!(
        "{} Bands are month by month: in each month, 90 of 100 futures fall between p5 and p95.",
        runs_words(
            report.trajectories,
            report.seed,
            report.horizon_months,
            months_words(report.calendar, span(report))
        )
    );
    let mut sections = vec![projection(report, metrics)];
    if !report.targets.is_empty() {
        let items = report.targets.iter().map(|t| target_sentence(t, report.calendar)).collect();
        sections.push(Section::new("Targets", vec![Block::List(items)]));
    }
    let payouts: Vec<String> = payout_sentences(report).into_iter().map(|p| format!("{p}.")).collect();
    if !payouts.is_empty() {
        sections.push(Section::new("Payouts", vec![Block::List(payouts)]));
    }
    if let Some(actuals) = &report.actuals {
        sections.push(history(report, actuals));
    }
    sections.extend(charts(&others));
    sections.extend(report.waterfall.as_ref().map(|w| waterfall(w, report.calendar, money_figures)));
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
    Page { kicker: Some(report.scenario.clone()), title: run_headline(report), lede: vec![lede], lead, sections }
}

/// The first and last simulated months.
fn span(report: &RunReport) -> [u32; 2] {
    [report.months.first().copied().unwrap_or(1), report.months.last().copied().unwrap_or(1)]
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
    let header = month_header("Median (p5 – p95)", &report.months, report.calendar, &months);
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
fn waterfall(w: &Waterfall, report_calendar: Option<Calendar>, figures: Vec<InlineFigure>) -> Section {
    let share = crate::text::number::share_of_income;
    let month = month_words(report_calendar, w.month);
    let header = vec![unbroken(&capitalized(&month)), "Mean".into(), "Share of income".into()];
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
    Section::new(format!("Where the money goes in {month}"), blocks)
}

/// "Month 12", "Dec 2026".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The history's totals and, when it overlaps the simulation, where each actual falls.
fn history(report: &RunReport, a: &ActualsReport) -> Section {
    let s = &a.summary;
    let parts = a.totals();
    let mut blocks = vec![Block::Paragraph(format!(
        "{} ({}): {}. The charts draw it; a cumulative chart says in its subtitle what it includes.",
        file_names(&a.file),
        months_words(report.calendar, [s.first_month, s.last_month]),
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
                    Cell::new(unbroken(&capitalized(&month_words(report.calendar, p.month)))),
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
