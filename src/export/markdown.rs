//! Markdown a blogger can paste. `summary.md`: the key assumptions, p5/p50/p95 at months 6,
//! 12 and the horizon (each named programme's commission under the total), the target
//! probabilities, where the money goes (with its chart), and the charts by relative path,
//! each with its title as alt text.
//! `solve.md`: what it takes to reach a target, lever by lever, and the charts. Text from
//! the scenario (its name, tier and plan names, programme names) is escaped, so it stays
//! text.

use std::fmt::Write;

use crate::metric::{Metric, SeriesKey, Unit};
use crate::present::charts::money;
use crate::present::terminal::run::headline_months;
use crate::report::solve::{SolveReport, Status, asked_words};
use crate::report::{MetricSummary, RunReport};
use crate::stats::{Percentile, Proportion};
use crate::text::escape_markdown;
use crate::text::number::{percent, signed, thousands, value};

/// A chart image of `summary.md`: its file name relative to the report and its alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub file: String,
    pub alt: String,
}

impl Image {
    /// Whether the image is the waterfall's (it goes in "Where the money goes").
    fn is_waterfall(&self) -> bool {
        self.file.rsplit_once('.').is_some_and(|(stem, _)| stem == money::STEM)
    }

    /// `![alt](file)`, the alt text escaped (a programme's name may hold anything).
    fn markdown(&self) -> String {
        format!("![{}]({})", escape_markdown(&self.alt), self.file)
    }
}

/// The Markdown text; `charts` are the images beside the report.
pub fn summary_markdown(report: &RunReport, assumptions: &[String], metrics: &[Metric], charts: &[Image]) -> String {
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
        let _ = writeln!(md, "| {} | {} |", metric.label(), band_cells(s, metric.unit(), &months).join(" | "));
        // With named programmes, each one's commission under the total, as in the terminal.
        if metric == Metric::CommissionEarned {
            for name in report.first_payout_by_programme.keys() {
                if let Some(part) = report.metrics.get(&SeriesKey::part(metric, name)) {
                    let cells = band_cells(part, metric.unit(), &months).join(" | ");
                    let _ = writeln!(md, "| {PART_INDENT}{} | {cells} |", escape_markdown(name));
                }
            }
        }
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
    if let Some(w) = &report.waterfall {
        let _ = writeln!(md, "## Where the money goes in month {}\n", w.month);
        let _ = writeln!(md, "Means across futures (they add up, unlike medians).\n");
        let _ = writeln!(md, "| | mean | of income |\n|---|---:|---:|");
        let share = |s: Option<f64>| s.map_or_else(|| "n/a".to_string(), |s| format!("{:.1}%", s * 100.0));
        for s in &w.steps {
            let _ =
                writeln!(md, "| {} | {} | {} |", s.label, signed(s.amount, Unit::Dollars), share(s.share_of_income));
        }
        let _ = writeln!(
            md,
            "| **Net profit** | **{}** | {} |\n",
            signed(w.net_profit, Unit::Dollars),
            share(w.net_share_of_income)
        );
        for image in charts.iter().filter(|i| i.is_waterfall()) {
            let _ = writeln!(md, "{}\n", image.markdown());
        }
    }
    let others: Vec<&Image> = charts.iter().filter(|i| report.waterfall.is_none() || !i.is_waterfall()).collect();
    if !others.is_empty() {
        let _ = writeln!(md, "## Charts\n");
        for image in others {
            let _ = writeln!(md, "{}", image.markdown());
        }
    }
    md
}

/// Rows of a part under its total: four no-break spaces, which Markdown keeps (it trims
/// only ASCII spaces around a cell), so the name reads indented.
const PART_INDENT: &str = "\u{a0}\u{a0}\u{a0}\u{a0}";

/// "median [p5 – p95]" at each month (1-based).
fn band_cells(s: &MetricSummary, unit: Unit, months: &[usize]) -> Vec<String> {
    months
        .iter()
        .map(|&m| {
            let at = |l| s.at(l, m - 1);
            format!(
                "{} [{} – {}]",
                value(at(Percentile::P50), unit),
                value(at(Percentile::P5), unit),
                value(at(Percentile::P95), unit)
            )
        })
        .collect()
}

/// `solve.md`: the answer as a list, each lever's interval and simulations as a table, and
/// the charts (`charts`: file names relative to the report).
pub fn solve_markdown(report: &SolveReport, charts: &[String]) -> String {
    let asked = asked_words(report.probability);
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# What it takes: {}
",
        report.target.words()
    );
    let today = report.probability_today.map_or_else(|| "n/a".into(), |p| percent(p.probability));
    let _ = writeln!(
        md,
        "{}: {} simulated futures (seed {}) at every value tried, with the same random numbers. As the scenario \
         stands, the probability is {today}.\n",
        escape_markdown(&report.scenario),
        thousands(report.trajectories as u64),
        report.seed,
    );
    let (reached, not): (Vec<_>, Vec<_>) =
        report.levers.iter().partition(|l| matches!(l.status, Status::Solved | Status::WholeRange));
    match reached.as_slice() {
        [] => {
            let _ = writeln!(md, "No lever reaches it with {asked} probability within its range:\n");
        }
        [one] => {
            let _ = writeln!(md, "To reach it with {asked} probability you need {}.\n", one.sentence());
        }
        many => {
            let _ = writeln!(md, "To reach it with {asked} probability you need one of:\n");
            for lever in many {
                let _ = writeln!(md, "- {}", lever.sentence());
            }
            md.push('\n');
        }
    }
    if !reached.is_empty() && !not.is_empty() {
        let _ = writeln!(md, "Not within the range searched:\n");
    }
    for lever in &not {
        let _ = writeln!(md, "- {}", lever.sentence());
    }
    if !not.is_empty() {
        md.push('\n');
    }
    let _ = writeln!(md, "| lever | range | 95% interval | P at the answer | today | simulations |");
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|");
    for lever in &report.levers {
        let interval = lever.interval.map_or_else(|| "n/a".to_string(), |[a, b]| lever.span(a, b));
        let there = lever.probability_at_value.map_or_else(|| "n/a".to_string(), percent);
        let _ = writeln!(
            md,
            "| {} | {} | {interval} | {there} | {} | {} |",
            lever.name,
            lever.range_words(),
            lever.today_words(),
            lever.evaluations
        );
    }
    let _ = writeln!(
        md,
        "\nEach lever is solved alone, the others at the scenario's values. The interval holds the values where the \
         probability's 95% interval contains {asked}.\n"
    );
    if !charts.is_empty() {
        let _ = writeln!(md, "## Charts\n");
        for c in charts {
            let _ = writeln!(md, "![{c}]({c})");
        }
    }
    md
}
