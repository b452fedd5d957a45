//! The terminal report of `sidecast sensitivity`: the inputs ranked by swing, with their
//! range, the median at each end and the rank correlation.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::present::answer::{month_words, sensitivity_headline};
use crate::report::sensitivity::SensitivityReport;
use crate::text::number::{thousands, value};

/// The ranking: input, its range, the median at each end, the swing and the rank
/// correlation.
pub fn render(report: &SensitivityReport, source: &str) -> String {
    let metric = &report.metric;
    let unit = metric.unit();
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_header(["#", "input (low – high)", "median at low", "median at high", "swing", "rank correlation"]);
    for (i, input) in report.inputs.iter().enumerate() {
        let correlation = input.rank_correlation.map_or_else(|| "n/a".to_string(), |r| format!("{r:+.2}"));
        table.add_row([
            Cell::new(i + 1),
            Cell::new(&input.label),
            Cell::new(value(input.median_at_low, unit)).set_alignment(CellAlignment::Right),
            Cell::new(value(input.median_at_high, unit)).set_alignment(CellAlignment::Right),
            Cell::new(value(input.swing, unit)).set_alignment(CellAlignment::Right),
            Cell::new(correlation).set_alignment(CellAlignment::Right),
        ]);
    }
    let headline = sensitivity_headline(report).map_or_else(String::new, |h| format!("{h}.\n"));
    format!(
        "Sensitivity of {source}: median {} in {} is {} with every input sampled\n{headline}{} trajectories per run · \
         seed {} · low/high = the input's p10/p90 (for --vary: its first/last value), all else sampled as usual\n\
         {table}\nRank correlation: Spearman's, between the value each trajectory drew and its output (n/a for \
         --vary swings, which are not drawn, and for an input that drew the same value every time).\n",
        metric.lower_label(),
        month_words(report.calendar, report.month),
        value(report.baseline_median, unit),
        thousands(report.trajectories as u64),
        report.seed
    )
}
