//! The run summary in a terminal: as wide as the terminal (fewer months, two-line cells,
//! then one block per metric), and exactly the full table when piped.

use sidecast::metric::Metric;
use sidecast::present::terminal::narrow::{render_within, widest};
use sidecast::present::terminal::run::render;

use crate::common::{replaced, run};

fn reseller() -> sidecast::report::RunReport {
    let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
    run(&replaced(&text, "trajectories = 10000", "trajectories = 500"))
}

#[test]
fn piped_output_and_wide_terminals_get_the_full_table_unchanged() {
    let report = reseller();
    let full = render(&report);
    assert!(widest(&full) > 140, "the full table is the 143-column one");
    assert_eq!(render_within(&report, None), full);
    assert_eq!(render_within(&report, Some(200)), full);
}

#[test]
fn narrow_terminals_get_a_layout_that_fits_and_keeps_every_metric_and_the_horizon() {
    let report = reseller();
    for width in [140, 120, 100, 80, 60, 45] {
        let text = render_within(&report, Some(width));
        assert!(widest(&text) <= width, "{width} columns:\n{text}");
        for metric in [Metric::GrossProfit, Metric::CumulativeGrossProfit, Metric::HourlyRate] {
            assert!(text.contains(metric.label()), "{width}: no {metric:?}");
        }
        assert!(text.contains("month 30"), "{width}: the horizon is gone");
        assert!(text.contains("Target gross profit ≥ $700"), "{width}: the targets are gone");
    }
    let eighty = render_within(&report, Some(80));
    assert!(eighty.contains("month 18") && eighty.contains("┆"), "80 columns still get a table:\n{eighty}");
    let forty_five = render_within(&report, Some(45));
    assert!(forty_five.contains("\nGross profit\n  month 7 "), "one block per metric:\n{forty_five}");
}
