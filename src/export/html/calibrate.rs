//! `report.html` of `sidecast calibrate`: what the history said about each parameter, the
//! posterior predictive check (every actual outside the 5-95% band named), the charts, the
//! method and the command.

use super::common::{PageContext, charts, reproduce};
use super::page::{Block, Cell, Page, Section, Table};
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
    let surprising: Vec<String> = report.surprising().map(PredictivePoint::words).collect();
    let mut check = vec![Block::Paragraph(format!(
        "{} trajectories simulated from the posterior; {} of {} actuals fall outside their 5-95% band.",
        thousands(report.predictive_trajectories as u64),
        surprising.len(),
        report.predictive.iter().filter(|p| p.percentile_rank.is_some()).count()
    ))];
    if !surprising.is_empty() {
        check.push(Block::List(surprising));
    }
    let mut sections = vec![
        Section::new("Prior and posterior", vec![Block::Table(Table { header, rows })]),
        Section::new("Posterior predictive check", check),
    ];
    sections.extend(charts(&context.figures));
    sections.push(Section::new(
        "Method",
        vec![Block::Paragraph(format!(
            "{}: {} simulated histories in {} generations, {} particles accepted, effective sample size {:.0}, \
             seed {}. See docs/calibration.md for the method and its checks.",
            report.method,
            thousands(report.simulations as u64),
            report.generations,
            thousands(report.accepted as u64),
            report.effective_sample_size,
            report.seed
        ))],
    ));
    sections.push(reproduce(&context.command));
    Page { title: format!("Calibrated: {}", report.scenario), lede: vec![lede], sections }
}
