//! The terminal summary of a run: a table of medians with their p5–p95 range at a few
//! months, then target probabilities, the history's backtest, the first payout, and the
//! precision line.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};
use indexmap::IndexMap;

use crate::metric::{Metric, SeriesKey, Unit};
use crate::report::actuals::ActualsReport;
use crate::report::waterfall::Waterfall;
use crate::report::{FirstMonth, MetricSummary, RunReport, TargetReport};
use crate::stats::{Percentile, Proportion};
use crate::text::number::{dollars, dollars_std_error, percent, probability, signed, thousands, value};

/// The wanted months (1-based, counted from the start) that fall within the horizon, sorted,
/// as 0-based indices. The run table shows 1, 6, 12, 24 and the last.
pub fn headline_months(horizon: usize, wanted: &[usize]) -> Vec<usize> {
    let mut months: Vec<usize> = wanted.iter().copied().filter(|&m| (1..=horizon).contains(&m)).collect();
    months.sort_unstable();
    months.dedup();
    months.into_iter().map(|m| m - 1).collect()
}

/// Metrics worth a row: a stream's metrics only when the run has that stream; with costs,
/// net profit first and the net hourly rate beside the gross one.
pub fn headline_metrics(metrics: &IndexMap<SeriesKey, MetricSummary>) -> Vec<Metric> {
    let has = |m: Metric| metrics.get(&SeriesKey::from(m)).is_some_and(|s| s.mean.iter().flatten().any(|v| *v != 0.0));
    let costs = [Metric::PaymentFees, Metric::PayoutFees, Metric::Costs, Metric::Tax].into_iter().any(has);
    let mut out = Vec::new();
    if costs {
        out.extend([Metric::NetProfit, Metric::CumulativeNetProfit]);
    }
    if has(Metric::ActiveCustomers) || has(Metric::Revenue) {
        out.extend([Metric::ActiveCustomers, Metric::Revenue]);
    }
    if has(Metric::Subscribers) || has(Metric::CommissionEarned) {
        out.extend([Metric::Subscribers, Metric::CommissionEarned]);
    }
    out.extend([Metric::GrossProfit, Metric::CumulativeGrossProfit, Metric::Hours, Metric::HourlyRate]);
    if costs {
        out.push(Metric::NetHourlyRate);
    }
    out
}

/// "median [p5 – p95]" of one month (0-based), or "n/a".
pub fn band_text(s: &MetricSummary, m: usize, unit: Unit) -> String {
    match (s.at(Percentile::P50, m), s.at(Percentile::P5, m), s.at(Percentile::P95, m)) {
        (None, ..) => "n/a".to_string(),
        (mid, Some(lo), Some(hi)) => {
            format!("{} [{} – {}]", value(mid, unit), value(Some(lo), unit), value(Some(hi), unit))
        }
        (mid, ..) => value(mid, unit),
    }
}

/// The months the full table shows (0-based): 1, 6, 12, 24 and the horizon, as far as the
/// horizon goes.
pub fn table_months(report: &RunReport) -> Vec<usize> {
    headline_months(report.horizon_months, &[1, 6, 12, 24, report.horizon_months])
}

/// The summary table at `months` (0-based); with `stacked_cells` each cell holds the
/// median over its p5 – p95 range (two lines), which halves the columns' width.
pub fn summary_table(report: &RunReport, months: &[usize], stacked_cells: bool) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    let corner = if stacked_cells { "median\np5 – p95" } else { "median [p5 – p95]" };
    let mut header = vec![Cell::new(corner)];
    header.extend(
        months.iter().map(|&m| Cell::new(format!("month {}", report.months[m])).set_alignment(CellAlignment::Right)),
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
                let text = band_text(s, m, metric.unit());
                let text = if stacked_cells { text.replacen(" [", "\n", 1).replace(']', "") } else { text };
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
        "{}\n{} trajectories · seed {} · {} months · bands are month-by-month percentiles across trajectories\n",
        report.scenario,
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months
    )
}

/// The lines under the table: targets, the history and its backtest, the first payout.
pub fn notes(report: &RunReport) -> String {
    let mut out = String::new();
    for t in &report.targets {
        out.push_str(&target_line(t));
    }
    if let Some(w) = &report.waterfall {
        out.push_str(&waterfall_section(w));
    }
    if let Some(actuals) = &report.actuals {
        out.push_str(&actuals_section(report, actuals));
    }
    if let Some(first) = &report.first_payout {
        out.push_str(&first_payout_line("First affiliate payout", first));
    }
    for (name, first) in &report.first_payout_by_programme {
        out.push_str(&first_payout_line(&format!("  first payout of {}", safe(name)), first));
    }
    out
}

/// "First affiliate payout within months 1-24: 97.0%, median month 4".
fn first_payout_line(what: &str, first: &FirstMonth) -> String {
    let reached = first.reached.map_or("n/a".into(), |p| percent(p.probability));
    let median = first.median().map_or(String::new(), |m| format!(", median month {}", m as u32));
    let [from, to] = first.months;
    format!("{what} within months {from}-{to}: {reached}{median}\n")
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

fn target_line(t: &TargetReport) -> String {
    let label = t.metric.lower_label();
    let goal = value(Some(t.at_least), t.metric.unit());
    let p = |x: Option<Proportion>| x.map_or("= n/a".into(), |x| probability(x.probability));
    let month = t.month;
    let f = &t.first_month;
    let first = match (f.median(), f.reached) {
        (Some(m), Some(reached)) => format!(
            "; when reached within months {}-{} ({}), median first month {m}",
            f.months[0],
            f.months[1],
            percent(reached.probability)
        ),
        _ => String::new(),
    };
    format!(
        "Target {label} ≥ {goal}: P(in month {month}) {}, P(by month {month}) {}{first}\n",
        p(t.probability_at_month),
        p(t.probability_by_month)
    )
}

/// Where the month's money goes: each step's mean and its share of income.
fn waterfall_section(w: &Waterfall) -> String {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_header(["", "mean", "share of income"]);
    let share = |s: Option<f64>| s.map_or_else(|| "n/a".to_string(), |s| format!("{:.1}%", s * 100.0));
    let rows = w.steps.iter().map(|s| (s.label.as_str(), s.amount, s.share_of_income));
    for (label, amount, of_income) in rows.chain([("Net profit", w.net_profit, w.net_share_of_income)]) {
        table.add_row([
            Cell::new(label),
            Cell::new(signed(amount, Unit::Dollars)).set_alignment(CellAlignment::Right),
            Cell::new(share(of_income)).set_alignment(CellAlignment::Right),
        ]);
    }
    format!("\nWhere the money goes in month {} (means, which add up):\n{table}\n", w.month)
}

/// The history's totals, then where each actual falls in the simulated distribution.
fn actuals_section(report: &RunReport, a: &ActualsReport) -> String {
    let s = &a.summary;
    let parts = a.totals();
    let mut out = format!("\nHistory {} (months {}-{}): {}\n", a.file, s.first_month, s.last_month, parts.join(", "));
    if a.backtest.is_empty() {
        let first = report.months.first().copied().unwrap_or(1);
        out.push_str(&format!(
            "The projection starts in month {first}, after the history: the charts continue it (no backtest).\n"
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
        out.push_str(&format!(
            "  month {:>3} {label}: {} at rank {rank}{flag}\n",
            p.month,
            value(Some(p.actual), unit)
        ));
    }
    out
}

/// The horizon's mean and median cumulative gross profit with their Monte Carlo standard
/// errors: how many digits of the table to trust.
pub fn precision_line(report: &RunReport) -> String {
    let p = &report.precision;
    let money = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), dollars);
    let error = dollars_std_error;
    let month = p.month;
    format!(
        "{} in month {month}: mean {} ± {}, median {} ± {} (Monte Carlo standard errors of {} trajectories; {} percentiles)",
        p.metric.label(),
        money(p.mean),
        error(p.mean_std_error),
        money(p.median),
        error(p.median_std_error),
        thousands(report.trajectories as u64),
        report.percentile_method.describe()
    )
}
