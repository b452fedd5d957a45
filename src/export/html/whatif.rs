//! `report.html` of `sidecast sweep` and `sidecast sensitivity`: the output at every swept
//! point, or the inputs ranked by their swing of it, with the chart, the method and the
//! command.

use super::common::{PageContext, cell, charts, method, range, reproduce, unbroken};
use super::page::{Block, Cell, InlineFigure, Page, Section, Table};
use crate::present::answer::{month_words, sensitivity_headline, sweep_headline};
use crate::present::band::Band;
use crate::report::sensitivity::SensitivityReport;
use crate::report::sweep::SweepReport;
use crate::text::number::{percent, thousands, value};

fn read_sweep() -> Section {
    Section::new(
        "How to read this",
        vec![Block::Paragraph(
            "At each point the scenario is simulated again with the swept values, with the same random numbers, so \
             the points differ only by those values. The median has as many futures above it as below; p5 – p95 \
             holds 90% of the futures, p25 – p75 the middle half. A band is not a path: no single future follows \
             the median."
                .into(),
        )],
    )
}

/// The page of a sweep of `scenario`.
pub fn sweep_page(report: &SweepReport, scenario: &str, assumptions: &[String], context: &PageContext) -> Page {
    let unit = report.metric.unit();
    let output = format!("{} in {}", report.metric.label(), month_words(report.calendar, report.month));
    let mut header = vec!["Point".to_string(), "Median (p5 – p95)".into(), "p25 – p75".into(), "Mean ± s.e.".into()];
    let target = report.target.map(|t| format!("P(≥ {})", value(Some(t), unit)));
    header.extend(target.clone());
    let span = |a: Option<f64>, b: Option<f64>| {
        Band::new(None, a, b, unit).ends().map_or_else(|| "n/a".to_string(), |(lo, hi)| range(&lo, &hi))
    };
    let rows = report
        .points
        .iter()
        .map(|p| {
            let mean = match (p.mean, p.std_error) {
                (Some(m), Some(se)) => format!("{}\u{a0}± {}", value(Some(m), unit), unbroken(&value(Some(se), unit))),
                (m, _) => value(m, unit),
            };
            let mut row = vec![
                Cell::new(&p.label),
                cell(&Band::new(p.p50, p.p5, p.p95, unit)),
                Cell::new(span(p.p25, p.p75)),
                Cell::new(mean),
            ];
            if target.is_some() {
                row.push(Cell::new(p.prob_target.map_or_else(|| "n/a".to_string(), |p| percent(p.probability))));
            }
            row
        })
        .collect();
    let lede = format!(
        "{output} at {} points, {} simulated futures at each (seed {}), the same random numbers at every point.",
        report.points.len(),
        thousands(report.trajectories as u64),
        report.seed
    );
    let (lead, figures) = lead_figure(&context.figures);
    let mut sections = vec![Section::new(output.clone(), vec![Block::Table(Table { header, rows })])];
    sections.extend(charts(&figures));
    sections.push(read_sweep());
    sections.extend(assumptions_section(assumptions));
    sections.push(method(report.trajectories, report.seed, Vec::new()));
    sections.push(reproduce(&context.command));
    let title = sweep_headline(report).map_or(output, |h| format!("{h}."));
    Page { kicker: Some(format!("Sweep: {scenario}")), title, lede: vec![lede], lead, sections }
}

/// The page of a sensitivity ranking of `scenario`.
pub fn sensitivity_page(
    report: &SensitivityReport,
    scenario: &str,
    assumptions: &[String],
    context: &PageContext,
) -> Page {
    let unit = report.metric.unit();
    let output =
        format!("median {} in {}", report.metric.label().to_lowercase(), month_words(report.calendar, report.month));
    let header = ["Input (low – high)", "Median at low", "Median at high", "Swing (rank correlation)"];
    let rows = report
        .inputs
        .iter()
        .map(|i| {
            vec![
                Cell::new(&i.label),
                Cell::new(value(i.median_at_low, unit)),
                Cell::new(value(i.median_at_high, unit)),
                Cell::with_range(
                    value(i.swing, unit),
                    i.rank_correlation.map_or_else(|| "n/a".to_string(), |r| format!("ρ\u{a0}{r:+.2}")),
                ),
            ]
        })
        .collect();
    let lede = format!(
        "What moves the {output} ({} with every input sampled): each uncertain input set to its p10 and its p90 \
         (a --vary swing: its first and last value), everything else sampled as usual; {} simulated futures per \
         run (seed {}).",
        value(report.baseline_median, unit),
        thousands(report.trajectories as u64),
        report.seed
    );
    let table = Table { header: header.iter().map(ToString::to_string).collect(), rows };
    let mut sections = vec![Section::new(
        "Inputs by swing",
        vec![
            Block::Table(table),
            Block::Paragraph(
                "Rank correlation: Spearman's, between the value each future drew and its output (n/a for --vary \
                 swings, which are not drawn)."
                    .into(),
            ),
        ],
    )];
    let (lead, figures) = lead_figure(&context.figures);
    sections.extend(charts(&figures));
    sections.extend(assumptions_section(assumptions));
    sections.push(method(report.trajectories, report.seed, Vec::new()));
    sections.push(reproduce(&context.command));
    let title = sensitivity_headline(report).map_or(output, |h| format!("{h}."));
    Page { kicker: Some(format!("Sensitivity: {scenario}")), title, lede: vec![lede], lead, sections }
}

/// The first figure as the page's lead block, and the others.
fn lead_figure(figures: &[InlineFigure]) -> (Vec<Block>, Vec<InlineFigure>) {
    match figures.split_first() {
        Some((first, rest)) => (vec![Block::Figure(first.clone())], rest.to_vec()),
        None => (Vec::new(), Vec::new()),
    }
}

pub(super) fn assumptions_section(assumptions: &[String]) -> Option<Section> {
    (!assumptions.is_empty()).then(|| Section::new("Assumptions", vec![Block::List(assumptions.to_vec())]))
}
