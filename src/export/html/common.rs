//! Sections that every command's page shares: its charts, how to read percentile bands,
//! the method and the command that reproduces the page, and table cells of a band.

use super::page::{Block, Cell, InlineFigure, Section};
use crate::metric::Unit;
use crate::present::answer::month_words;
use crate::present::band::Band;
use crate::report::MetricSummary;
use crate::text::calendar::Calendar;
use crate::text::number::thousands;

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
                "A target has two chances: how many futures are at or above the goal in its month itself, and how \
                 many reach it at least once by then, which also counts futures that touched it in an earlier month \
                 and fell back, so it is always the larger, flattering one."
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

/// "10,000 simulated futures (seed 2026) over 24 months, months 7–30."
pub fn runs_words(trajectories: usize, seed: u64, horizon: usize, span: String) -> String {
    format!("{} simulated futures (seed {seed}) over {horizon} months, {span}.", thousands(trajectories as u64))
}

/// "Reproduce": the command, and what else must be the same.
pub fn reproduce(command: &str) -> Section {
    Section::new(
        "Reproduce",
        vec![
            Block::Code(shell_lines(command, 44)),
            Block::Paragraph(format!(
                "With sidecast {} and the same input files, this command writes the same numbers and charts.",
                env!("CARGO_PKG_VERSION")
            )),
        ],
    )
}

/// A command as lines a shell reads as one: when longer than `width`, each option with its
/// values on a line of its own after a `\\`, so a phone shows it whole and a copy still runs.
/// Words quoted with `'` stay whole.
pub fn shell_lines(command: &str, width: usize) -> String {
    if command.chars().count() <= width {
        return command.to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    for word in shell_words(command) {
        match lines.last_mut() {
            Some(line) if !(word.starts_with('-') && word.len() > 1) => {
                line.push(' ');
                line.push_str(&word);
            }
            _ => lines.push(word),
        }
    }
    lines.join(" \\\n  ")
}

/// The words of a command line, split at spaces outside single quotes.
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                current.push(c);
            }
            ' ' if !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
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
    cell(&Band::of(s, m, unit))
}

/// A band as a cell: its median, with its range under it (breaking only after the dash).
pub fn cell(band: &Band) -> Cell {
    match (band.median, band.ends()) {
        (None, _) => Cell::new("n/a"),
        (_, Some((lo, hi))) => Cell::with_range(unbroken(&band.middle()), range(&lo, &hi)),
        (_, None) => Cell::new(unbroken(&band.middle())),
    }
}

/// The column headings of a table of months: its first heading, then "Month 12" (or its
/// date, "Dec 2026"), ...
pub fn month_header(first: &str, numbers: &[u32], calendar: Option<Calendar>, months: &[usize]) -> Vec<String> {
    let mut header = vec![first.to_string()];
    header.extend(months.iter().filter_map(|&m| numbers.get(m)).map(|&m| {
        let words = month_words(calendar, m);
        let mut chars = words.chars();
        unbroken(&chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect()))
    }));
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_commands_break_before_options_and_still_run() {
        let command = "sidecast run scenarios/reseller.toml --actuals scenarios/history.csv --set 'a.b={ x = 1 }' -q";
        assert_eq!(
            shell_lines(command, 44),
            "sidecast run scenarios/reseller.toml \\\n  --actuals scenarios/history.csv \\\n  --set 'a.b={ x = 1 }' \\\n  -q"
        );
        assert_eq!(shell_lines("sidecast run a.toml", 44), "sidecast run a.toml");
    }
}
