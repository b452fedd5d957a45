//! `report.html` of `sidecast sweep` and `sidecast sensitivity`: the output at every swept
//! point, or the inputs ranked by their swing of it, with the chart, the method and the
//! command.

use super::common::{PageContext, charts, method, range, reproduce, unbroken};
use super::page::{Block, Cell, Page, Section, Table};
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
    let output = format!("{} in month {}", report.metric.label(), report.month);
    let mut header = vec!["Point".to_string(), "Median (p5 – p95)".into(), "p25 – p75".into(), "Mean ± s.e.".into()];
    let target = report.target.map(|t| format!("P(≥ {})", value(Some(t), unit)));
    header.extend(target.clone());
    let span = |a: Option<f64>, b: Option<f64>| range(&value(a, unit), &value(b, unit));
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
                Cell::with_range(value(p.p50, unit), span(p.p5, p.p95)),
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
    let mut sections = vec![Section::new(output.clone(), vec![Block::Table(Table { header, rows })])];
    sections.extend(charts(&context.figures));
    sections.push(read_sweep());
    sections.extend(assumptions_section(assumptions));
    sections.push(method(report.trajectories, report.seed, Vec::new()));
    sections.push(reproduce(&context.command));
    Page { title: format!("Sweep: {scenario}"), lede: vec![lede], sections }
}

/// The page of a sensitivity ranking of `scenario`.
pub fn sensitivity_page(
    report: &SensitivityReport,
    scenario: &str,
    assumptions: &[String],
    context: &PageContext,
) -> Page {
    let unit = report.metric.unit();
    let output = format!("median {} in month {}", report.metric.label().to_lowercase(), report.month);
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
    sections.extend(charts(&context.figures));
    sections.extend(assumptions_section(assumptions));
    sections.push(method(report.trajectories, report.seed, Vec::new()));
    sections.push(reproduce(&context.command));
    Page { title: format!("Sensitivity: {scenario}"), lede: vec![lede], sections }
}

pub(super) fn assumptions_section(assumptions: &[String]) -> Option<Section> {
    (!assumptions.is_empty()).then(|| Section::new("Assumptions", vec![Block::List(assumptions.to_vec())]))
}
