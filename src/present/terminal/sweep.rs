//! The terminal report of `sidecast sweep`: one row per point with the output's median,
//! bands, mean and standard error, and a target's probability when one was asked for.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::report::sweep::SweepReport;
use crate::text::number::{percent, thousands, value};

/// One row per point: median [p5 – p95], [p25 – p75], mean ± standard error and, with a
/// target, its probability.
pub fn render(report: &SweepReport, source: &str) -> String {
    let metric = &report.metric;
    let unit = metric.unit();
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    let mut header = vec!["point", "median", "p5 – p95", "p25 – p75", "mean ± s.e."];
    let target = report.target.map(|t| format!("P(≥ {})", value(Some(t), unit)));
    if let Some(t) = &target {
        header.push(t);
    }
    table.set_header(header);
    let range = |a: Option<f64>, b: Option<f64>| format!("{} – {}", value(a, unit), value(b, unit));
    for p in &report.points {
        let mean = match (p.mean, p.std_error) {
            (Some(m), Some(se)) => format!("{} ± {}", value(Some(m), unit), value(Some(se), unit)),
            (m, _) => value(m, unit),
        };
        let mut row = vec![
            Cell::new(&p.label),
            Cell::new(value(p.p50, unit)).set_alignment(CellAlignment::Right),
            Cell::new(range(p.p5, p.p95)).set_alignment(CellAlignment::Right),
            Cell::new(range(p.p25, p.p75)).set_alignment(CellAlignment::Right),
            Cell::new(mean).set_alignment(CellAlignment::Right),
        ];
        if target.is_some() {
            let probability = p.prob_target.map_or_else(|| "n/a".to_string(), |p| percent(p.probability));
            row.push(Cell::new(probability).set_alignment(CellAlignment::Right));
        }
        table.add_row(row);
    }
    format!(
        "Sweep of {source}: {} in month {}\n{} trajectories at each point · seed {} · the same random numbers at every \
         point\n{table}\n",
        metric.lower_label(),
        report.month,
        thousands(report.trajectories as u64),
        report.seed
    )
}
