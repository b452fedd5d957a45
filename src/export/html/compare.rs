//! `report.html` of `sidecast compare`, the verdict first: "B beats A in 73 of 100 futures
//! on cumulative net profit by month 24; median difference +$1,240 (p5 −$300, p95
//! +$2,900)" as the title, the other variants' verdicts, the lead chart (the paired
//! difference the verdict reads); then the variants side by side at a few months (each
//! one's median and range, each difference's median, range and chance of being better), the
//! other charts, the variants' assumptions side by side, how to read them, the method and
//! the command.

use super::common::{
    PageContext, band_cell, charts, how_to_read_bands, method, range, reproduce, runs_words, unbroken,
};
use super::page::{Block, Cell, InlineFigure, Page, Section, Table};
use crate::metric::{Metric, SeriesKey};
use crate::present::answer::{Verdict, better_words, month_words, months_words, short_labels, verdict};
use crate::present::band::Band;
use crate::present::headline::headline_metrics;
use crate::present::terminal::run::headline_months;
use crate::report::compare::{CompareReport, DifferenceSummary};

/// One variant's assumptions, as the assumptions block lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantAssumptions {
    pub label: String,
    pub lines: Vec<String>,
}

/// The page of a comparison of `metric`; `title` names what is compared (the base scenario
/// for `--vary`, or the files), `assumptions` are every variant's, baseline first.
pub fn compare_page(
    report: &CompareReport,
    metric: &SeriesKey,
    title: &str,
    assumptions: &[VariantAssumptions],
    context: &PageContext,
) -> Page {
    let months = headline_months(report.horizon_months, &[6, 12, report.horizon_months]);
    let metrics = report.variants.first().map(|v| headline_metrics(&v.metrics)).unwrap_or_default();
    let verdicts: Vec<Verdict> = report.differences.iter().filter_map(|d| verdict(report, d, metric)).collect();
    let headline = verdicts.first().map_or_else(|| format!("Comparison: {title}"), |v| format!("{}.", v.claim));
    let span = [report.months.first().copied().unwrap_or(1), report.months.last().copied().unwrap_or(1)];
    let mut lede: Vec<String> =
        verdicts.first().and_then(|v| v.difference.clone()).map(|d| format!("{d}.")).into_iter().collect();
    lede.push(format!(
        "{} variants, each {} Every variant uses the same random numbers, so future i of each shares its luck and \
         the differences are the variants' own.",
        report.variants.len(),
        runs_words(report.trajectories, report.seed, report.horizon_months, months_words(report.calendar, span))
    ));
    // The lead chart is the first difference chart (the verdict's picture), else the overlay.
    let mut figures = context.figures.clone();
    let lead_at = figures.iter().position(|f| f.stem.starts_with("difference")).or((!figures.is_empty()).then_some(0));
    let lead_figure: Option<InlineFigure> = lead_at.map(|i| figures.remove(i));
    let mut lead = Vec::new();
    if verdicts.len() > 1 {
        lead.push(Block::List(verdicts.iter().skip(1).map(|v| format!("{}.", v.sentence())).collect()));
    }
    lead.extend(lead_figure.map(Block::Figure));
    let mut blocks = vec![Block::Paragraph(
        "Each variant's median with its p5 – p95 under it; each difference is per future (the variant minus the \
         baseline): its median, its p5 – p95, and in how many of 100 futures the variant does better (higher, \
         except for hours and cost of goods)."
            .into(),
    )];
    for &m in &months {
        blocks.push(Block::Heading(capitalized(&month_words(report.calendar, report.months[m]))));
        blocks.push(Block::Table(side_by_side(report, &metrics, m)));
    }
    let mut sections = vec![Section::new("The variants side by side", blocks)];
    sections.extend(charts(&figures));
    sections.push(how_to_read_bands());
    sections.extend(assumptions_section(assumptions));
    let paired = "Differences are paired: future i of a variant minus future i of the baseline, which cancels the \
                  luck they share (common random numbers). compare.json and compare.csv add each difference's mean \
                  and its standard error.";
    sections.push(method(report.trajectories, report.seed, vec![paired.to_string()]));
    sections.push(reproduce(&context.command));
    Page { kicker: Some(format!("Comparison: {title}")), title: headline, lede, lead, sections }
}

/// "Month 12", "Dec 2026".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One month (0-based): a row per metric, a column per variant, then one per difference.
fn side_by_side(report: &CompareReport, metrics: &[Metric], m: usize) -> Table {
    let labels: Vec<&str> = report.variants.iter().map(|v| v.label.as_str()).collect();
    let short = short_labels(&labels);
    let name = |label: &str| labels.iter().position(|l| *l == label).map_or(label.to_string(), |i| short[i].clone());
    let mut header = vec!["Metric".to_string()];
    header.extend(short.iter().cloned());
    header.extend(report.differences.iter().map(|d| format!("{} − {}", name(&d.label), name(&d.baseline))));
    let rows =
        metrics
            .iter()
            .map(|&metric| {
                let key = SeriesKey::from(metric);
                let mut row = vec![Cell::new(metric.label())];
                row.extend(
                    report.variants.iter().map(|v| {
                        v.metrics.get(&key).map_or_else(|| Cell::new("n/a"), |s| band_cell(s, m, metric.unit()))
                    }),
                );
                row.extend(
                    report.differences.iter().map(|d| {
                        d.metrics.get(&key).map_or_else(|| Cell::new("n/a"), |s| difference_cell(s, m, metric))
                    }),
                );
                row
            })
            .collect();
    Table { header, rows }
}

/// The median difference, signed, with its p5 – p95 and the chance of being better under it.
fn difference_cell(s: &DifferenceSummary, m: usize, metric: Metric) -> Cell {
    let at = |series: &[Option<f64>]| series.get(m).copied().flatten();
    let band = Band::new(at(&s.p50), at(&s.p5), at(&s.p95), metric.unit()).signed();
    if band.median.is_none() {
        return Cell::new("n/a");
    }
    let better = better_words(s, m).unwrap_or_default();
    let under = match band.ends() {
        Some((lo, hi)) => format!("{}; {better}", range(&lo, &hi)),
        None => better,
    };
    Cell::with_range(unbroken(&band.middle()), under)
}

/// The variants' assumptions: once where they agree, side by side where they differ (by
/// topic, the words before the first colon).
fn assumptions_section(assumptions: &[VariantAssumptions]) -> Option<Section> {
    let first = assumptions.first()?;
    if assumptions.iter().all(|a| a.lines.is_empty()) {
        return None;
    }
    let shared: Vec<String> =
        first.lines.iter().filter(|l| assumptions.iter().all(|a| a.lines.contains(l))).cloned().collect();
    let mut topics: Vec<String> = Vec::new();
    for a in assumptions {
        for line in a.lines.iter().filter(|l| !shared.contains(l)) {
            let topic = topic(line).0.to_string();
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
    }
    let mut blocks = Vec::new();
    if !topics.is_empty() {
        let labels: Vec<&str> = assumptions.iter().map(|a| a.label.as_str()).collect();
        let mut header = vec!["Assumption".to_string()];
        header.extend(short_labels(&labels));
        let rows = topics
            .iter()
            .map(|t| {
                let mut row = vec![Cell::new(t.as_str())];
                row.extend(assumptions.iter().map(|a| {
                    let said: Vec<&str> =
                        a.lines.iter().map(|l| topic(l)).filter(|(topic, _)| topic == t).map(|(_, s)| s).collect();
                    Cell::new(if said.is_empty() { "—".to_string() } else { said.join("; ") })
                }));
                row
            })
            .collect();
        blocks.push(Block::Paragraph("Where the variants differ:".into()));
        blocks.push(Block::Table(Table { header, rows }));
    }
    if !shared.is_empty() {
        let what = if topics.is_empty() { "Every variant assumes:" } else { "The same in every variant:" };
        blocks.push(Block::Paragraph(what.into()));
        blocks.push(Block::List(shared));
    }
    Some(Section::new("Assumptions", blocks))
}

/// A line's topic and what it says: "Reseller: 12 customers…" → ("Reseller", "12 customers…").
fn topic(line: &str) -> (&str, &str) {
    line.split_once(": ").map_or(("", line), |(t, rest)| (t, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assumptions_show_once_where_they_agree_and_side_by_side_where_they_differ() {
        let a = VariantAssumptions {
            label: "churn 5%".into(),
            lines: vec!["Reseller: churn 5.0% a month".into(), "Payment fee: 2.9%".into()],
        };
        let b = VariantAssumptions {
            label: "churn 15%".into(),
            lines: vec!["Reseller: churn 15.0% a month".into(), "Payment fee: 2.9%".into()],
        };
        let section = assumptions_section(&[a, b]).unwrap();
        let Block::Table(table) = &section.blocks[1] else { panic!("{section:?}") };
        assert_eq!(table.header, ["Assumption", "churn 5%", "churn 15%"]);
        let cells: Vec<&str> = table.rows[0].iter().map(|c| c.value.as_str()).collect();
        assert_eq!(cells, ["Reseller", "churn 5.0% a month", "churn 15.0% a month"]);
        assert_eq!(section.blocks[3], Block::List(vec!["Payment fee: 2.9%".into()]));
    }
}
