//! Sections that every command's page shares: its charts, how to read percentile bands,
//! the method and the command that reproduces the page, and table cells of a band.

use super::page::{Block, Cell, InlineFigure, Section};
use crate::metric::Unit;
use crate::report::MetricSummary;
use crate::stats::Percentile;
use crate::text::number::{thousands, value};

/// What a page has beside its report: the charts, drawn, and the command that made it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContext {
    pub figures: Vec<InlineFigure>,
    /// The command line to reproduce the page, as the user could type it.
    pub command: String,
}

/// "Charts", when there are any.
pub fn charts(figures: &[InlineFigure]) -> Option<Section> {
    (!figures.is_empty()).then(|| Section::new("Charts", figures.iter().cloned().map(Block::Figure).collect()))
}

/// Bands versus single futures, in plain words.
pub fn how_to_read_bands() -> Section {
    Section::new(
        "How to read this",
        vec![
            Block::Paragraph(
                "Each number is a percentile across thousands of simulated futures, month by month. The p5–p95 \
                 band holds 90% of the futures in that month, the p25–p75 band the middle half; the median line \
                 has as many futures above it as below."
                    .into(),
            ),
            Block::Paragraph(
                "A band is not a path. No single future follows the median: a real one wanders up and down \
                 across the bands, with good and bad months (draw a few with --paths 5). Read a band one month \
                 at a time: in that month, 90% of the futures lie inside it."
                    .into(),
            ),
            Block::Paragraph(
                "A target has two probabilities: P(in month m) is the share of futures at or above the goal in \
                 month m itself; P(by month m) also counts futures that touched it in any earlier month and fell \
                 back, so it is always the larger, flattering one."
                    .into(),
            ),
        ],
    )
}

/// "Method": how the numbers were made, one item per fact.
pub fn method(trajectories: usize, seed: u64, mut more: Vec<String>) -> Section {
    let mut items = vec![format!(
        "{} simulated futures (trajectories) with seed {seed}; trajectory i draws from its own random stream, \
         derived from the seed and i, so the same command gives the same numbers on any machine and any number \
         of threads.",
        thousands(trajectories as u64)
    )];
    items.append(&mut more);
    items.push("The model is described in docs/model.md of sidecast's repository.".into());
    Section::new("Method", vec![Block::List(items)])
}

/// "Reproduce": the command, and what else must be the same.
pub fn reproduce(command: &str) -> Section {
    Section::new(
        "Reproduce",
        vec![
            Block::Code(command.to_string()),
            Block::Paragraph(format!(
                "With sidecast {} and the same input files, this command writes the same numbers and charts.",
                env!("CARGO_PKG_VERSION")
            )),
        ],
    )
}

/// Text that must not break across lines ("5.3 h", "Month 12"): spaces made non-breaking.
pub fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// "$444 – $1,619", breaking (if it must) only after the dash.
pub fn range(lo: &str, hi: &str) -> String {
    format!("{}\u{a0}– {}", unbroken(lo), unbroken(hi))
}

/// One month (0-based) of a summary: the median, with its p5–p95 range under it.
pub fn band_cell(s: &MetricSummary, m: usize, unit: Unit) -> Cell {
    let at = |level| s.at(level, m);
    match (at(Percentile::P50), at(Percentile::P5), at(Percentile::P95)) {
        (None, ..) => Cell::new("n/a"),
        (mid, Some(lo), Some(hi)) => {
            Cell::with_range(unbroken(&value(mid, unit)), range(&value(Some(lo), unit), &value(Some(hi), unit)))
        }
        (mid, ..) => Cell::new(unbroken(&value(mid, unit))),
    }
}

/// The column headings of a table of months: its first heading, then "Month 12", ...
pub fn month_header(first: &str, calendar: &[u32], months: &[usize]) -> Vec<String> {
    let mut header = vec![first.to_string()];
    header.extend(months.iter().filter_map(|&m| calendar.get(m)).map(|m| unbroken(&format!("Month {m}"))));
    header
}
