//! `report.html` of `sidecast compare`: each variant's medians and ranges, each paired
//! difference from the baseline, the charts, how to read them, the method and the command.

use super::common::{
    PageContext, band_cell, charts, how_to_read_bands, method, month_header, range, reproduce, unbroken,
};
use super::page::{Block, Cell, Page, Section, Table};
use crate::metric::{Metric, SeriesKey};
use crate::present::terminal::run::{headline_metrics, headline_months};
use crate::report::compare::{CompareReport, DifferenceReport, DifferenceSummary};
use crate::text::number::{percent, signed, std_error, thousands};

/// The page of a comparison; `title` names what is compared (the base scenario for
/// `--vary`, or the files), `assumptions` are the baseline's.
pub fn compare_page(report: &CompareReport, title: &str, assumptions: &[String], context: &PageContext) -> Page {
    let months = headline_months(report.horizon_months, &[6, 12, report.horizon_months]);
    let metrics = report.variants.first().map(|v| headline_metrics(&v.metrics)).unwrap_or_default();
    let lede = format!(
        "{} variants, {} simulated futures each (seed {}), {} months. Every variant uses the same random numbers, so \
         future i of each shares its luck and the differences between them are the variants' own.",
        report.variants.len(),
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months
    );
    let mut sections = Vec::new();
    let mut blocks = Vec::new();
    for (i, v) in report.variants.iter().enumerate() {
        blocks.push(Block::Heading(if i == 0 { format!("{} (baseline)", v.label) } else { v.label.clone() }));
        let rows = metrics
            .iter()
            .filter_map(|&metric| {
                let s = v.metrics.get(&SeriesKey::from(metric))?;
                let mut row = vec![Cell::new(metric.label())];
                row.extend(months.iter().map(|&m| band_cell(s, m, metric.unit())));
                Some(row)
            })
            .collect();
        blocks.push(Block::Table(Table { header: header(report, "Median (p5 – p95)", &months), rows }));
    }
    sections.push(Section::new("Variants", blocks));
    if !report.differences.is_empty() {
        let mut blocks = vec![Block::Paragraph(
            "Per future: the variant minus the baseline. Each cell gives the mean ± its standard error, the p5 – p95 \
             of the paired differences and the share of futures where the variant does better (higher, except for \
             hours and cost of goods)."
                .into(),
        )];
        for d in &report.differences {
            blocks.push(Block::Heading(format!("{} minus {}", d.label, d.baseline)));
            blocks.push(Block::Table(difference_table(report, d, &metrics, &months)));
        }
        sections.push(Section::new("Paired differences", blocks));
    }
    sections.extend(charts(&context.figures));
    sections.push(how_to_read_bands());
    if !assumptions.is_empty() {
        sections.push(Section::new("Assumptions of the baseline", vec![Block::List(assumptions.to_vec())]));
    }
    let paired = "Differences are paired: future i of a variant minus future i of the baseline, which cancels the \
                  luck they share (common random numbers).";
    sections.push(method(report.trajectories, report.seed, vec![paired.to_string()]));
    sections.push(reproduce(&context.command));
    Page { title: format!("Comparison: {title}"), lede: vec![lede], sections }
}

fn header(report: &CompareReport, first: &str, months: &[usize]) -> Vec<String> {
    month_header(first, &report.months, months)
}

fn difference_table(report: &CompareReport, d: &DifferenceReport, metrics: &[Metric], months: &[usize]) -> Table {
    let rows = metrics
        .iter()
        .filter_map(|&metric| {
            let s = d.metrics.get(&SeriesKey::from(metric))?;
            let mut row = vec![Cell::new(metric.label())];
            row.extend(months.iter().map(|&m| difference_cell(s, m, metric)));
            Some(row)
        })
        .collect();
    Table { header: header(report, "Variant − baseline", months), rows }
}

fn difference_cell(s: &DifferenceSummary, m: usize, metric: Metric) -> Cell {
    let unit = metric.unit();
    let at = |series: &[Option<f64>]| series.get(m).copied().flatten();
    let (Some(mean), Some(better)) = (at(&s.mean), at(&s.prob_better)) else { return Cell::new("n/a") };
    let se = at(&s.std_error).map_or_else(|| "n/a".to_string(), |se| std_error(se, unit));
    let spread = match (at(&s.p5), at(&s.p95)) {
        (Some(lo), Some(hi)) => format!("{}; ", range(&signed(lo, unit), &signed(hi, unit))),
        _ => String::new(),
    };
    let mean = format!("{}\u{a0}± {}", unbroken(&signed(mean, unit)), unbroken(&se));
    Cell::with_range(mean, format!("{spread}better in {}", percent(better)))
}
