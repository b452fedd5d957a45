//! `report.html` of `sidecast calibrate`, the answer first: what the history changes in the
//! projection (the projection from `calibrated.toml` beside the scenario as typed, as its
//! headline and in a table), how to use `calibrated.toml`; then what the history said about
//! each parameter, the two sources when cohort facts stand beside the months (what each says
//! alone, whether they agree), the posterior predictive check (every actual and cohort count
//! outside the 5-95% band named), the evidence and how each column was recorded, the charts,
//! the method and the command.

use super::common::{PageContext, charts, reproduce};
use super::page::{Block, Cell, Page, Section, Table};
use crate::metric::Metric;
use crate::present::answer::{lead_metric, month_words, target_headline};
use crate::present::evidence::{
    cohort_point_words, cost_line, evidence_line, method_line, predictive_counts, two_sources_lines,
};
use crate::report::RunReport;
use crate::report::calibrate::{CalibrateReport, PredictivePoint};
use crate::scenario::keys::key_words;
use crate::stats::Percentile;
use crate::text::number::{chance, thousands, value};

/// The projection scenario run twice: as typed (its priors) and as `calibrated.toml` has it
/// (the posterior's parameter sets).
#[derive(Debug, Clone, PartialEq)]
pub struct Projections {
    pub as_typed: RunReport,
    pub calibrated: RunReport,
}

/// A median with its 90% interval under it.
fn cell((median, interval): (String, String)) -> Cell {
    Cell::with_range(median, interval)
}

/// The page of a calibration; `projections`, when the projection was run both ways.
pub fn calibrate_page(report: &CalibrateReport, projections: Option<&Projections>, context: &PageContext) -> Page {
    let months = report.months.len();
    let history = format!("{months} month{} of history", if months == 1 { "" } else { "s" });
    let title = projections.and_then(headline).map_or_else(
        || format!("What {history} say about {}", report.scenario),
        |h| format!("Calibrated on {history}: {h}"),
    );
    let lede = format!(
        "What {history} ({}, {}) say about the uncertain parameters of {}: each one's prior, as the scenario \
         declares it, against its posterior, and what that changes in the projection.",
        report.actuals_name(),
        report.columns.join(", "),
        report.scenario
    );
    let mut sections = Vec::new();
    let mut lead = Vec::new();
    if let Some(p) = projections {
        lead.push(Block::Table(projection_table(p)));
    }
    lead.extend(using_the_file(report));
    let rows = report
        .parameters
        .iter()
        .map(|(key, fit)| {
            vec![
                Cell::with_range(key_words(key), key),
                cell(fit.prior.parts(key)),
                cell(fit.posterior.parts(key)),
                Cell::new(fit.narrowing_words()),
            ]
        })
        .collect();
    let header = ["Parameter", "Prior: median, 90%", "Posterior: median, 90%", "Posterior's 90% width"];
    let header = header.iter().map(|h| (*h).to_string()).collect();
    let mut surprising: Vec<String> = report.surprising().map(PredictivePoint::words).collect();
    let cohort_points = report.evidence.cohorts.iter().flat_map(|c| c.check.iter());
    surprising.extend(cohort_points.filter(|p| p.surprising).map(cohort_point_words));
    let mut check = vec![Block::Paragraph(format!(
        "{} futures simulated from the posterior over the history's months; {}.",
        thousands(report.predictive_trajectories as u64),
        predictive_counts(report)
    ))];
    if !surprising.is_empty() {
        check.push(Block::List(surprising));
    }
    sections
        .push(Section::new("What the history says about each parameter", vec![Block::Table(Table { header, rows })]));
    let two = two_sources_lines(report);
    if let Some((heading, rest)) = two.split_first() {
        let mut blocks = vec![Block::Paragraph(heading.trim_end_matches(':').to_string())];
        blocks.push(Block::List(rest.iter().map(|l| l.trim().to_string()).collect()));
        sections.push(Section::new("Two sources", blocks));
    }
    sections.push(Section::new("Does the calibrated model reproduce the history?", check));
    sections.push(Section::new(
        "Evidence",
        vec![Block::Paragraph(evidence_line(report)), Block::Paragraph(method_line(report))],
    ));
    sections.extend(charts(&context.figures));
    sections.push(Section::new(
        "Method",
        vec![Block::Paragraph(format!(
            "{}: {}. docs/calibration.md describes the method and its checks.",
            report.method,
            cost_line(report)
        ))],
    ));
    sections.push(reproduce(&context.command));
    Page { kicker: Some(format!("Calibration: {}", report.scenario)), title, lede: vec![lede], lead, sections }
}

/// The calibrated projection's answer with the as-typed one beside it: its first target's
/// chance, or its lead metric's median at the horizon.
fn headline(p: &Projections) -> Option<String> {
    let (typed, calibrated) = (&p.as_typed, &p.calibrated);
    if let (Some(t), Some(before)) = (calibrated.targets.first(), typed.targets.first()) {
        let before = chance(before.probability_at_month.map(|x| x.probability));
        return Some(format!("{} (as typed: {before})", lower_first(&target_headline(t, calibrated.calendar))));
    }
    let metric = lead_metric(calibrated);
    let last = calibrated.horizon_months.checked_sub(1)?;
    let median = |r: &RunReport| r.metric(metric).and_then(|s| s.at(Percentile::P50, last));
    Some(format!(
        "median {} in {} {} (as typed: {})",
        metric.label().to_lowercase(),
        month_words(calibrated.calendar, *calibrated.months.get(last)?),
        value(median(calibrated), metric.unit()),
        value(median(typed), metric.unit())
    ))
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The lead metric and its cumulative total at month 12 and the horizon, and each target's
/// chance, as typed and as calibrated.
fn projection_table(p: &Projections) -> Table {
    let (typed, calibrated) = (&p.as_typed, &p.calibrated);
    let header = vec!["Projection".into(), "As typed".into(), "From calibrated.toml".into()];
    let mut rows = Vec::new();
    let lead = lead_metric(calibrated);
    let cumulative =
        if lead == Metric::NetProfit { Metric::CumulativeNetProfit } else { Metric::CumulativeGrossProfit };
    let last = calibrated.horizon_months.saturating_sub(1);
    let months: Vec<usize> = [11, last].into_iter().filter(|&m| m <= last).collect::<Vec<_>>();
    let mut months = months;
    months.dedup();
    for metric in [lead, cumulative] {
        for &m in &months {
            let Some(&number) = calibrated.months.get(m) else { continue };
            let band = |r: &RunReport| {
                r.metric(metric).map_or_else(|| Cell::new("n/a"), |s| super::common::band_cell(s, m, metric.unit()))
            };
            let name = format!("{} in {}", metric.label(), month_words(calibrated.calendar, number));
            rows.push(vec![Cell::new(name), band(typed), band(calibrated)]);
        }
    }
    for (before, after) in typed.targets.iter().zip(&calibrated.targets) {
        let words = |t: &crate::report::TargetReport| chance(t.probability_at_month.map(|x| x.probability));
        let name = format!(
            "{} ≥ {} in {}",
            after.metric.label(),
            value(Some(after.at_least), after.metric.unit()),
            month_words(calibrated.calendar, after.month)
        );
        rows.push(vec![Cell::new(name), Cell::new(words(before)), Cell::new(words(after))]);
    }
    Table { header, rows }
}

/// What `calibrated.toml` is and how to use it: a paragraph, then the two commands as
/// code a reader copies.
fn using_the_file(report: &CalibrateReport) -> [Block; 2] {
    let projection = std::path::Path::new(&report.projection)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&report.projection)
        .to_string();
    let words = format!(
        "calibrated.toml is {projection} with its uncertain parameters drawn, together, from the {} parameter sets \
         of the posterior (posterior.csv, beside it; keep the two files together). Project with it as with any \
         scenario, and see what the history changed:",
        thousands(report.posterior_sets as u64)
    );
    let commands = format!("sidecast run calibrated.toml\nsidecast compare {projection} calibrated.toml");
    [Block::Paragraph(words), Block::Code(commands)]
}
