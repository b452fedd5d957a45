//! `report.html` of `sidecast solve`, the answer first: what it takes as the title ("To have
//! gross profit ≥ $2,500 in month 30 in 80 of 100 futures: arrivals ≥ 4.31/month"), today's
//! chance, the lead chart; then the answer lever by lever, the table of levers (range, 95%
//! interval, the probability there, today's value), the other charts, the method and the
//! command.

use super::common::{PageContext, charts, method, reproduce};
use super::page::{Block, Cell, Page, Section, Table};
use super::whatif::assumptions_section;
use crate::present::answer::{capitalized, of_100};
use crate::report::solve::{SolveReport, Status, asked_words};
use crate::text::number::{chance, percent};

/// The page of a solve.
pub fn solve_page(report: &SolveReport, assumptions: &[String], context: &PageContext) -> Page {
    let asked = asked_words(report.probability);
    let goal = format!("{} in {} futures", report.target.words(report.calendar), of_100(Some(report.probability)));
    let today = chance(report.probability_today.map(|p| p.probability));
    let (reached, not): (Vec<_>, Vec<_>) =
        report.levers.iter().partition(|l| matches!(l.status, Status::Solved | Status::WholeRange));
    let needs: Vec<String> = reached.iter().filter_map(|l| l.need()).collect();
    let title = match needs.as_slice() {
        [] => format!("No lever searched reaches {goal}"),
        _ if report.reached_today() => {
            format!("{}: reached today, and still with {}", capitalized(&goal), needs.join(" or "))
        }
        [one] => format!("To have {goal}: {one}"),
        many => format!("To have {goal}, any one of: {}", many.join("; ")),
    };
    let lede = format!(
        "As the scenario stands, {today} futures reach it. Each lever was searched alone, the others at the \
         scenario's values."
    );
    let mut figures = context.figures.clone();
    let lead: Vec<Block> = if figures.is_empty() { Vec::new() } else { vec![Block::Figure(figures.remove(0))] };
    let mut answer = Vec::new();
    match reached.as_slice() {
        [] => answer.push(Block::Paragraph(format!("No lever reaches it with {asked} probability within its range."))),
        [one] => {
            let lead = report.answer_lead(&format!("in {} futures", of_100(Some(report.probability))), false);
            answer.push(Block::Paragraph(format!("{lead} {}.", one.sentence())));
        }
        many => {
            let lead = report.answer_lead(&format!("in {} futures", of_100(Some(report.probability))), true);
            answer.push(Block::Paragraph(format!("{lead}:")));
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
    sections.extend(charts(&figures));
    sections.extend(assumptions_section(assumptions));
    let more = vec![format!(
        "Each lever is solved alone, the others at the scenario's values, every value with the same random numbers. \
         The interval holds the values where the probability's 95% interval contains {asked}."
    )];
    sections.push(method(report.trajectories, report.seed, more));
    sections.push(reproduce(&context.command));
    Page { kicker: Some(format!("What it takes: {}", report.scenario)), title, lede: vec![lede], lead, sections }
}
