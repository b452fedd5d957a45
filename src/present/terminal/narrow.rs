//! The run summary fitted to a terminal's width. The full table (months 1, 6, 12, 24 and
//! the horizon, each cell "median [p5 – p95]") is about 143 columns wide; a narrower
//! terminal gets, in this order, the first layout that fits: fewer months, down to three
//! (the horizon and the 12th month stay longest), then cells with the range under the
//! median (half as wide), down to two months, then one block per metric with a line per
//! month. Prose lines are wrapped at word
//! boundaries. Without a width (a pipe, a file) the output is [`render`]'s, byte for byte.

use super::run::{band_text, heading, headline_metrics, notes, render, summary_table, table_months};
use crate::report::RunReport;

/// The fewest month columns a table layout may keep before the stacked layout is used.
const MIN_TABLE_MONTHS: usize = 2;

/// The summary for a terminal `width` columns wide; `None` means full width.
pub fn render_within(report: &RunReport, width: Option<usize>) -> String {
    let Some(width) = width else { return render(report) };
    let full = render(report);
    if widest(&full) <= width {
        return full;
    }
    let text = |body: String| format!("{}\n{body}\n{}", wrap(&heading(report), width), wrap(&notes(report), width));
    let months = table_months(report);
    // Single-line cells while three months fit, then two-line cells (half as wide).
    let single = (MIN_TABLE_MONTHS + 1..=months.len()).rev().map(|keep| (keep, false));
    let two_line = (MIN_TABLE_MONTHS..=months.len()).rev().map(|keep| (keep, true));
    for (keep, stacked_cells) in single.chain(two_line) {
        let table = summary_table(report, &kept(report, &months, keep), stacked_cells).to_string();
        if widest(&table) <= width {
            return text(table);
        }
    }
    text(stacked(report, &months))
}

/// The widest line, in characters (every character the summary uses is one column wide).
pub fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// `keep` of the table's months, in calendar order: the horizon first, then month 12, 6,
/// 1 and 24 (the months a reader asks about most).
fn kept(report: &RunReport, months: &[usize], keep: usize) -> Vec<usize> {
    let horizon = report.horizon_months.saturating_sub(1);
    let rank = |m: &usize| match *m {
        m if m == horizon => 0,
        11 => 1,
        5 => 2,
        0 => 3,
        _ => 4,
    };
    let mut by_rank = months.to_vec();
    by_rank.sort_by_key(rank);
    by_rank.truncate(keep);
    by_rank.sort_unstable();
    by_rank
}

/// One block per metric: its name, then "  month 12  $919 [$444 – $1,619]" per month.
fn stacked(report: &RunReport, months: &[usize]) -> String {
    let mut out = String::from("median [p5 – p95]\n");
    let names: Vec<String> = months.iter().map(|&m| format!("month {}", report.months[m])).collect();
    let pad = names.iter().map(String::len).max().unwrap_or(0);
    for metric in headline_metrics(&report.metrics) {
        let Some(s) = report.metric(metric) else { continue };
        out.push_str(&format!("\n{}\n", metric.label()));
        for (name, &m) in names.iter().zip(months) {
            out.push_str(&format!("  {name:<pad$}  {}\n", band_text(s, m, metric.unit())));
        }
    }
    out
}

/// Each line of `text` wrapped at spaces to `width` columns; continuation lines are
/// indented two spaces more than their line. Lines that fit, and words longer than the
/// width, are kept whole.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        if body.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let indent = body.len() - body.trim_start().len();
        let mut current = " ".repeat(indent);
        let mut empty = true;
        for word in body.split_whitespace() {
            if !empty && current.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&current);
                out.push('\n');
                current = format!("{}{word}", " ".repeat(indent + 2));
            } else {
                if !empty {
                    current.push(' ');
                }
                current.push_str(word);
            }
            empty = false;
        }
        out.push_str(&current);
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_indents_what_follows() {
        let text = "Target gross profit ≥ $700: P(in month 12) = 74.9%, P(by month 12) = 93.3%\nshort\n";
        let wrapped = wrap(text, 40);
        assert_eq!(wrapped, "Target gross profit ≥ $700: P(in month\n  12) = 74.9%, P(by month 12) = 93.3%\nshort\n");
        assert!(widest(&wrapped) <= 40);
        assert_eq!(wrap("  month 7 of a very long line", 12), "  month 7 of\n    a very\n    long\n    line");
        assert_eq!(wrap("unbreakable-word-longer-than-width", 10), "unbreakable-word-longer-than-width");
    }
}
