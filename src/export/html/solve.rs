//! `report.html` of `sidecast solve`: the answer in a sentence per lever, the table of
//! levers (range, 95% interval, the probability there, today's value), the charts, the
//! method and the command.

use super::common::{PageContext, charts, method, reproduce};
use super::page::{Block, Cell, Page, Section, Table};
use super::whatif::assumptions_section;
use crate::report::solve::{SolveReport, Status, asked_words};
use crate::text::number::percent;

/// The page of a solve.
pub fn solve_page(report: &SolveReport, assumptions: &[String], context: &PageContext) -> Page {
    let asked = asked_words(report.probability);
    let today = report.probability_today.map_or_else(|| "n/a".into(), |p| percent(p.probability));
    let lede = format!(
        "What it would take to reach {} with {asked} probability. As the scenario stands, the probability is {today}.",
        report.target.words()
    );
    let (reached, not): (Vec<_>, Vec<_>) =
        report.levers.iter().partition(|l| matches!(l.status, Status::Solved | Status::WholeRange));
    let mut answer = Vec::new();
    match reached.as_slice() {
        [] => answer.push(Block::Paragraph(format!("No lever reaches it with {asked} probability within its range."))),
        [one] => answer.push(Block::Paragraph(format!("You need {}.", one.sentence()))),
        many => {
            answer.push(Block::Paragraph("You need one of:".into()));
            answer.push(Block::List(many.iter().map(|l| l.sentence()).collect()));
        }
    }
    if !not.is_empty() {
        if !reached.is_empty() {
            answer.push(Block::Paragraph("Not within the range searched:".into()));
        }
        answer.push(Block::List(not.iter().map(|l| l.sentence()).collect()));
    }
    let header = ["Lever", "Range searched", "95% interval", "P at the answer", "Today", "Simulations"];
    let rows = report
        .levers
        .iter()
        .map(|l| {
            vec![
                Cell::new(&l.name),
                Cell::new(l.range_words()),
                Cell::new(l.interval.map_or_else(|| "n/a".to_string(), |[a, b]| l.span(a, b))),
                Cell::new(l.probability_at_value.map_or_else(|| "n/a".to_string(), percent)),
                Cell::new(l.today_words()),
                Cell::new(l.evaluations.to_string()),
            ]
        })
        .collect();
    let header = header.iter().map(|h| (*h).to_string()).collect();
    let mut sections =
        vec![Section::new("The answer", answer), Section::new("Levers", vec![Block::Table(Table { header, rows })])];
    sections.extend(charts(&context.figures));
    sections.extend(assumptions_section(assumptions));
    let more = vec![format!(
        "Each lever is solved alone, the others at the scenario's values, every value with the same random numbers. \
         The interval holds the values where the probability's 95% interval contains {asked}."
    )];
    sections.push(method(report.trajectories, report.seed, more));
    sections.push(reproduce(&context.command));
    Page { title: format!("What it takes: {}", report.scenario), lede: vec![lede], sections }
}
