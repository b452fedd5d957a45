//! `report.html` of `sidecast calibrate`: what the history said about each parameter, the
//! evidence and how each column was recorded, the two sources when cohort facts stand
//! beside the months (what each says alone, whether they agree, each one's check), the
//! posterior predictive check (every actual and cohort count outside the 5-95% band named),
//! the charts, the method and the command.

use super::common::{PageContext, charts, reproduce};
use super::page::{Block, Cell, Page, Section, Table};
use crate::present::evidence::{cohort_point_words, cost_line, evidence_line, method_line, two_sources_lines};
use crate::report::calibrate::{CalibrateReport, PredictivePoint};
use crate::scenario::keys::key_words;
use crate::text::number::thousands;

/// A median with its 90% interval under it.
fn cell((median, interval): (String, String)) -> Cell {
    Cell::with_range(median, interval)
}

/// The page of a calibration.
pub fn calibrate_page(report: &CalibrateReport, context: &PageContext) -> Page {
    let lede = format!(
        "What {} months of history ({}) say about the uncertain parameters of {}: each one's prior, as the \
         scenario declares it, against its posterior.",
        report.months.len(),
        report.columns.join(", "),
        report.scenario
    );
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
        "{} trajectories simulated from the posterior; {} of {} actuals fall outside their 5-95% band.",
        thousands(report.predictive_trajectories as u64),
        surprising.len(),
        report.predictive.iter().filter(|p| p.percentile_rank.is_some()).count()
            + report.evidence.cohorts.as_ref().map_or(0, |c| c.check.len())
    ))];
    if !surprising.is_empty() {
        check.push(Block::List(surprising));
    }
    let mut sections = vec![Section::new("Prior and posterior", vec![Block::Table(Table { header, rows })])];
    let two = two_sources_lines(report);
    if let Some((heading, rest)) = two.split_first() {
        let mut blocks = vec![Block::Paragraph(heading.trim_end_matches(':').to_string())];
        blocks.push(Block::List(rest.iter().map(|l| l.trim().to_string()).collect()));
        sections.push(Section::new("Two sources", blocks));
    }
    sections.push(Section::new("Posterior predictive check", check));
    sections.push(Section::new(
        "Evidence",
        vec![Block::Paragraph(evidence_line(report)), Block::Paragraph(method_line(report))],
    ));
    sections.extend(charts(&context.figures));
    sections.push(Section::new(
        "Method",
        vec![Block::Paragraph(format!(
            "{}: {}. See docs/calibration.md for the method and its checks.",
            report.method,
            cost_line(report)
        ))],
    ));
    sections.push(reproduce(&context.command));
    Page { title: format!("Calibrated: {}", report.scenario), lede: vec![lede], sections }
}
