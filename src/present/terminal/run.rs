//! The terminal summary of a run: a table of medians with their p5–p95 range at a few
//! months (dates when the scenario gives `first_month`), then each target's chances in
//! frequency words, the history's backtest, the first payout, and the precision line.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::metric::{Metric, SeriesKey, Unit};
use crate::present::answer::{first_payout_sentence, month_words, months_words, target_sentence};
use crate::present::band::Band;
pub use crate::present::headline::headline_metrics;
use crate::report::actuals::ActualsReport;
use crate::report::waterfall::Waterfall;
use crate::report::{MetricSummary, RunReport};
use crate::text::number::{counted, dollars, dollars_std_error, signed, value};

/// The wanted months (1-based, counted from the start) that fall within the horizon, sorted,
/// as 0-based indices. The run table shows 1, 6, 12, 24 and the last.
pub fn headline_months(horizon: usize, wanted: &[usize]) -> Vec<usize> {
    let mut months: Vec<usize> = wanted.iter().copied().filter(|&m| (1..=horizon).contains(&m)).collect();
    months.sort_unstable();
    months.dedup();
    months.into_iter().map(|m| m - 1).collect()
}

/// "median [p5 – p95]" of one month (0-based), or "n/a".
pub fn band_text(s: &MetricSummary, m: usize, unit: Unit) -> String {
    Band::of(s, m, unit).line()
}

/// The months the full table shows (0-based): 1, 6, 12, 24 and the horizon, as far as the
/// horizon goes, and every month a target names.
pub fn table_months(report: &RunReport) -> Vec<usize> {
    let mut months = headline_months(report.horizon_months, &[1, 6, 12, 24, report.horizon_months]);
    months.extend(target_months(report));
    months.sort_unstable();
    months.dedup();
    months
}

/// The months (0-based) the targets name.
pub fn target_months(report: &RunReport) -> Vec<usize> {
    report.targets.iter().filter_map(|t| report.months.iter().position(|&m| m == t.month)).collect()
}

/// The summary table at `months` (0-based); with `stacked_cells` each cell holds the
/// median over its p5 – p95 range (two lines), which halves the columns' width.
pub fn summary_table(report: &RunReport, months: &[usize], stacked_cells: bool) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    let corner = if stacked_cells { "median\np5 – p95" } else { "median [p5 – p95]" };
    let mut header = vec![Cell::new(corner)];
    header.extend(
        months
            .iter()
            .map(|&m| Cell::new(month_words(report.calendar, report.months[m])).set_alignment(CellAlignment::Right)),
    );
    table.set_header(header);
    let programmes: Vec<&str> = report.first_payout_by_programme.keys().map(String::as_str).collect();
    for metric in headline_metrics(&report.metrics) {
        let Some(s) = report.metric(metric) else {
            continue;
        };
        let mut rows = vec![(metric.label().to_string(), s)];
        // With named programmes, each one's commission under the total.
        if metric == Metric::CommissionEarned {
            for name in &programmes {
                if let Some(part) = report.metrics.get(&SeriesKey::part(metric, name)) {
                    rows.push((format!("  {}", safe(name)), part));
                }
            }
        }
        for (label, s) in rows {
            let mut row = vec![Cell::new(label)];
            for &m in months {
                let band = Band::of(s, m, metric.unit());
                let text = if stacked_cells { band.stacked() } else { band.line() };
                row.push(Cell::new(text).set_alignment(CellAlignment::Right));
            }
            table.add_row(row);
        }
    }
    table
}

/// The two lines above the table: the scenario, then trajectories, seed and horizon.
pub fn heading(report: &RunReport) -> String {
    format!(
        "{}\n{} · seed {} · {} · bands are month-by-month percentiles across trajectories\n",
        report.scenario,
        counted(report.trajectories as u64, "trajectory", "trajectories"),
        report.seed,
        counted(report.horizon_months as u64, "month", "months")
    )
}

/// The lines under the table: targets, the history and its backtest, the first payout.
pub fn notes(report: &RunReport) -> String {
    let mut out = String::new();
    for t in &report.targets {
        let sentence = target_sentence(t, report.calendar);
        let mut chars = sentence.chars();
        let lowered: String = chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect());
        out.push_str(&format!("Target {lowered}\n"));
    }
    if let Some(w) = &report.waterfall {
        out.push_str(&waterfall_section(w, &month_words(report.calendar, w.month)));
    }
    if let Some(actuals) = &report.actuals {
        out.push_str(&actuals_section(report, actuals));
    }
    if let Some(first) = &report.first_payout {
        out.push_str(&format!("{}\n", first_payout_sentence("First affiliate payout", first, report.calendar)));
    }
    for (name, first) in &report.first_payout_by_programme {
        let what = format!("  first payout of {}", safe(name));
        out.push_str(&format!("{}\n", first_payout_sentence(&what, first, report.calendar)));
    }
    out
}

/// A name from the scenario, with control characters shown escaped (never sent raw to a
/// terminal).
fn safe(name: &str) -> String {
    name.chars().flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect()
}

/// The whole terminal summary at full width (what a pipe or a file gets; see
/// [`super::narrow`] for a terminal too narrow for it).
pub fn render(report: &RunReport) -> String {
    format!("{}\n{}\n{}", heading(report), summary_table(report, &table_months(report), false), notes(report))
}

/// Where the month's money goes: each step's mean and its share of income.
fn waterfall_section(w: &Waterfall, month: &str) -> String {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_header(["", "mean", "share of income"]);
    let share = crate::text::number::share_of_income;
    let rows = w.steps.iter().map(|s| (s.label.as_str(), s.amount, s.share_of_income));
    for (label, amount, of_income) in rows.chain([("Net profit", w.net_profit, w.net_share_of_income)]) {
        table.add_row([
            Cell::new(label),
            Cell::new(signed(amount, Unit::Dollars)).set_alignment(CellAlignment::Right),
            Cell::new(share(of_income)).set_alignment(CellAlignment::Right),
        ]);
    }
    format!("\nWhere the money goes in {month} (means, which add up):\n{table}\n")
}

/// The history's totals, then where each actual falls in the simulated distribution.
fn actuals_section(report: &RunReport, a: &ActualsReport) -> String {
    let s = &a.summary;
    let parts = a.totals();
    let span = months_words(report.calendar, [s.first_month, s.last_month]);
    let mut out = format!("\nHistory {} ({span}): {}\n", a.file, parts.join(", "));
    if a.backtest.is_empty() {
        let first = month_words(report.calendar, report.months.first().copied().unwrap_or(1));
        out.push_str(&format!(
            "The projection starts in {first}, after the history: the charts continue it (no backtest).\n"
        ));
        return out;
    }
    out.push_str("Where each actual falls among the simulated trajectories of its month (percentile rank):\n");
    for p in &a.backtest {
        let label = p.metric.label().to_lowercase();
        let unit = p.metric.unit();
        let rank = p.percentile_rank.map_or("n/a".to_string(), |r| format!("{:.0}%", r * 100.0));
        let flag = match p.percentile_rank {
            Some(r) if !(0.05..=0.95).contains(&r) => "  <- outside the 90% band",
            _ => "",
        };
        let month = month_words(report.calendar, p.month);
        let month = if report.calendar.is_some() { month } else { format!("month {:>3}", p.month) };
        out.push_str(&format!("  {month} {label}: {} at rank {rank}{flag}\n", value(Some(p.actual), unit)));
    }
    out
}

/// The horizon's mean and median cumulative net profit (gross profit without costs) with
/// their Monte Carlo standard errors: how many digits of the table to trust.
pub fn precision_line(report: &RunReport) -> String {
    let p = &report.precision;
    let money = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), dollars);
    let error = dollars_std_error;
    let month = month_words(report.calendar, p.month);
    format!(
        "{} in {month}: mean {} ± {}, median {} ± {} (Monte Carlo standard errors of {}; {} percentiles)",
        p.metric.label(),
        money(p.mean),
        error(p.mean_std_error),
        money(p.median),
        error(p.median_std_error),
        counted(report.trajectories as u64, "trajectory", "trajectories"),
        report.percentile_method.describe()
    )
}
