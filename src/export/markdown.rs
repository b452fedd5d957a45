//! `summary.md`: a short Markdown report a blogger can paste: the key assumptions, p5/p50/p95
//! at months 6, 12 and the horizon, the target probabilities, and the charts by relative path.
//! Text from the scenario (its name, tier and plan names) is escaped, so it stays text.

use std::fmt::Write;

use crate::metric::Metric;
use crate::report::RunReport;
use crate::report::terminal::run::headline_months;
use crate::stats::{Percentile, Proportion};
use crate::text::escape_markdown;
use crate::text::number::{percent, thousands, value};

/// The Markdown text; `charts` are file names relative to the report.
pub fn summary_markdown(report: &RunReport, assumptions: &[String], metrics: &[Metric], charts: &[String]) -> String {
    let mut md = String::new();
    // Names come from the scenario: `<script>` or `*` in one stays text.
    let _ = writeln!(md, "# {}\n", escape_markdown(&report.scenario));
    let _ = writeln!(
        md,
        "{} simulated futures (seed {}), {} months from month {}. Ranges are month-by-month percentiles across futures: \
         p5–p95 holds 90% of them.\n",
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months,
        report.months.first().copied().unwrap_or(1)
    );
    if !assumptions.is_empty() {
        let _ = writeln!(md, "## Assumptions\n");
        for a in assumptions {
            let _ = writeln!(md, "- {}", escape_markdown(a));
        }
        md.push('\n');
    }
    let months: Vec<usize> =
        headline_months(report.horizon_months, &[6, 12, report.horizon_months]).into_iter().map(|m| m + 1).collect();
    let _ = writeln!(md, "## Projection\n");
    let header: Vec<String> = months.iter().map(|&m| format!("month {}", report.months[m - 1])).collect();
    let _ = writeln!(md, "| median [p5 – p95] | {} |", header.join(" | "));
    let _ = writeln!(md, "|---|{}", "---:|".repeat(months.len()));
    for &metric in metrics {
        let Some(s) = report.metric(metric) else { continue };
        let cells: Vec<String> = months
            .iter()
            .map(|&m| {
                let at = |l| s.at(l, m - 1);
                let u = metric.unit();
                format!(
                    "{} [{} – {}]",
                    value(at(Percentile::P50), u),
                    value(at(Percentile::P5), u),
                    value(at(Percentile::P95), u)
                )
            })
            .collect();
        let _ = writeln!(md, "| {} | {} |", metric.label(), cells.join(" | "));
    }
    md.push('\n');
    if !report.targets.is_empty() {
        let _ = writeln!(md, "## Targets\n");
        for t in &report.targets {
            let label = escape_markdown(&t.metric.label());
            let goal = value(Some(t.at_least), t.metric.unit());
            let month = t.month;
            let p = |x: Option<Proportion>| x.map_or("n/a".into(), |x| percent(x.probability));
            let _ = writeln!(
                md,
                "- {label} ≥ {goal}: {} in month {month}, {} at least once by month {month}",
                p(t.probability_at_month),
                p(t.probability_by_month)
            );
        }
        md.push('\n');
    }
    if !charts.is_empty() {
        let _ = writeln!(md, "## Charts\n");
        for c in charts {
            let _ = writeln!(md, "![{c}]({c})");
        }
    }
    md
}
