//! `sidecast compare`: run several variants with the same seed and trajectories (common
//! random numbers), print each variant's headline percentiles and each one's paired
//! difference against the baseline, and write `compare.json`, `compare.csv`, the overlay
//! chart and one difference chart per non-baseline variant.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use super::BadInput;
use super::args::SimulationArgs;
use super::args::{ChartArgs, OutputArgs, write_chart_files};
use super::chart_input::{difference_bands, metric_unit, monthly_bands};
use super::variants::{Variant, load_files, load_variants, parse_metric, parse_specs, simulate_variant, times};
use crate::analysis::compare::{
    CompareReport, DifferenceReport, DifferenceSummary, VariantReport, compare_csv, differences,
};
use crate::chart::{self, DifferenceChart, OverlayChart, Titles};
use crate::engine::Outcomes;
use crate::export::{self, Destination};
use crate::metric::{Metric, Unit};
use crate::report::format::{thousands, value};
use crate::report::table::{headline_metrics, headline_months};
use crate::report::{MetricSummary, summarize};
use crate::stats::Percentile;

/// Most variants the overlay chart shows (the size of its colour-blind-safe palette).
const OVERLAY_VARIANTS: usize = chart::MAX_VARIANTS;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files; the first is the baseline. With --vary, give one file.
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<PathBuf>,
    /// Values to try for a scenario key: `KEY=v1,v2,...` or `KEY=start..end:points`, e.g.
    /// `reseller.churn=0.05,0.10,0.15`. Several --vary make every combination; the first
    /// combination is the baseline.
    #[arg(long, value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// The metric charted and used for the standard-error comparison.
    #[arg(long, value_name = "METRIC", default_value = "cumulative_gross_profit")]
    pub metric: String,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    args.simulation.configure_threads()?;
    let metric = parse_metric(&args.metric)?;
    let levels = args.simulation.levels()?;
    let variants = variants(args)?;
    let folder = args.output.folder("compare", &args.scenarios[0]);
    let json = args.output.json();
    export::create_folder(&folder)?;

    let report = simulate_all(&variants, &levels, args.simulation.quiet)?;
    let source = args.scenarios.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let summary = export::json::to_json(&report).context("cannot encode the comparison as JSON")?;
    let csv = compare_csv(&report).context("cannot encode the comparison as CSV")?;
    export::write(&Destination::File(folder.join("compare.json")), &summary)?;
    export::write(&Destination::File(folder.join("compare.csv")), &csv)?;
    let charts = write_charts(&report, metric, &source, &folder, &args.chart)?;
    if let Some(destination) = &json {
        export::write(destination, &summary)?;
    }
    if json != Some(Destination::Stdout) {
        println!("{}", render(&report, metric, &source));
        let files: Vec<String> =
            ["compare.json".to_string(), "compare.csv".to_string()].into_iter().chain(charts).collect();
        println!("Wrote {} ({})", folder.display(), files.join(", "));
    }
    Ok(())
}

/// Every variant, loaded and validated before anything runs.
fn variants(args: &CompareArgs) -> anyhow::Result<Vec<Variant>> {
    let specs = parse_specs(&args.vary)?;
    let variants = if specs.is_empty() {
        load_files(&args.scenarios, &args.simulation)?
    } else if let [scenario] = args.scenarios.as_slice() {
        load_variants(scenario, &args.simulation, &specs)?
    } else {
        return Err(BadInput("with --vary, give one scenario file (the variants are made from it)".into()).into());
    };
    if variants.len() < 2 {
        return Err(BadInput(
            "compare needs at least two variants: give two scenario files, or --vary with two or more values".into(),
        )
        .into());
    }
    Ok(variants)
}

/// Runs the baseline, then each variant in turn, keeping only the baseline's outcomes (the
/// others are summarised and differenced as soon as they finish).
fn simulate_all(variants: &[Variant], levels: &[Percentile], quiet: bool) -> anyhow::Result<CompareReport> {
    let baseline = &variants[0];
    let base = simulate_variant(&baseline.scenario, &[], quiet, &baseline.label)?;
    let summary = |v: &Variant, outcomes: &Outcomes| VariantReport {
        label: v.label.clone(),
        metrics: summarize(&v.scenario, &v.label, outcomes, levels).metrics,
    };
    let mut report = CompareReport {
        seed: baseline.scenario.seed,
        trajectories: baseline.scenario.trajectories,
        horizon_months: baseline.scenario.horizon_months,
        months: (0..baseline.scenario.horizon_months as u32).map(|m| baseline.scenario.start_month + m).collect(),
        variants: vec![summary(baseline, &base)],
        differences: Vec::new(),
    };
    for variant in &variants[1..] {
        let outcomes = simulate_variant(&variant.scenario, &[], quiet, &variant.label)?;
        report.variants.push(summary(variant, &outcomes));
        report.differences.push(DifferenceReport {
            label: variant.label.clone(),
            baseline: baseline.label.clone(),
            metrics: differences(&base, &outcomes),
        });
    }
    Ok(report)
}

/// The overlay of up to six variants and a difference chart per non-baseline variant.
fn write_charts(
    report: &CompareReport,
    metric: Metric,
    source: &str,
    folder: &Path,
    chart_args: &ChartArgs,
) -> anyhow::Result<Vec<String>> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let subtitle = format!(
        "{} trajectories per variant, seed {}, the same random numbers in every variant",
        thousands(report.trajectories as u64),
        report.seed
    );
    let titles = |title: String, note: &str| Titles {
        title,
        subtitle: Some(format!("{subtitle}{note}")),
        caption: Some(format!("sidecast compare · {source}")),
    };
    let shown = &report.variants[..report.variants.len().min(OVERLAY_VARIANTS)];
    let note = if shown.len() < report.variants.len() {
        format!("; the first {} of {} variants", shown.len(), report.variants.len())
    } else {
        String::new()
    };
    let overlay = OverlayChart {
        titles: titles(format!("{}: median and middle 50% by variant", metric.label()), &note),
        metric: metric.label().to_string(),
        unit: metric_unit(metric),
        variants: shown
            .iter()
            .filter_map(|v| {
                let bands = monthly_bands(v.metrics.get(metric.key())?, first_month);
                Some(chart::Variant { label: v.label.clone(), bands })
            })
            .collect(),
    };
    let mut written = write_chart_files((&overlay).into(), folder, "overlay", chart_args)?;
    for (i, d) in report.differences.iter().enumerate() {
        let Some(summary) = d.metrics.get(metric.key()) else { continue };
        let chart = DifferenceChart {
            titles: titles(format!("{}: {} minus {}", metric.label(), d.label, d.baseline), ", paired by trajectory"),
            metric: format!("{} difference", metric.label()),
            unit: metric_unit(metric),
            bands: difference_bands(summary, first_month),
        };
        let stem =
            if report.differences.len() == 1 { "difference".to_string() } else { format!("difference-{}", i + 2) };
        written.extend(write_chart_files((&chart).into(), folder, &stem, chart_args)?);
    }
    Ok(written)
}

/// Months 6, 12 and the horizon (0-based), those within the horizon.
fn compare_months(horizon: usize) -> Vec<usize> {
    headline_months(horizon, &[6, 12, horizon])
}

/// The terminal report: a table per variant, a table of paired differences per
/// non-baseline variant, and how much pairing tightened the chosen metric's difference.
pub fn render(report: &CompareReport, metric: Metric, source: &str) -> String {
    let months = compare_months(report.horizon_months);
    let metrics = headline_metrics(&report.variants[0].metrics);
    let mut out = format!(
        "Comparing {} variants of {source}\n{} trajectories · seed {} · {} months · every variant uses the same random \
         numbers, so trajectory i of each shares its luck\n",
        report.variants.len(),
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months
    );
    for (i, variant) in report.variants.iter().enumerate() {
        let role = if i == 0 { " (baseline)" } else { "" };
        out.push_str(&format!("\n{}{role}\n{}\n", variant.label, variant_table(report, variant, &metrics, &months)));
    }
    for d in &report.differences {
        out.push_str(&format!(
            "\nPaired difference: {} minus {} (per trajectory; mean ± standard error, [p5 – p95], share better)\n{}\n",
            d.label,
            d.baseline,
            difference_table(report, d, &metrics, &months)
        ));
        if let Some(line) = tightening_line(report, d, metric) {
            out.push_str(&line);
        }
    }
    out.push_str(
        "\"Better\" means higher, except for hours and cost of goods, where lower is better; ties count as not better.\n",
    );
    out
}

fn header(report: &CompareReport, first: &str, months: &[usize]) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    let mut cells = vec![Cell::new(first)];
    cells.extend(
        months.iter().map(|&m| Cell::new(format!("month {}", report.months[m])).set_alignment(CellAlignment::Right)),
    );
    table.set_header(cells);
    table
}

fn variant_table(report: &CompareReport, variant: &VariantReport, metrics: &[Metric], months: &[usize]) -> Table {
    let mut table = header(report, "median [p5 – p95]", months);
    for &metric in metrics {
        let Some(s) = variant.metrics.get(metric.key()) else { continue };
        let mut row = vec![Cell::new(metric.label())];
        row.extend(
            months.iter().map(|&m| Cell::new(band_text(s, m, metric.unit())).set_alignment(CellAlignment::Right)),
        );
        table.add_row(row);
    }
    table
}

fn band_text(s: &MetricSummary, m: usize, unit: Unit) -> String {
    let at = |level| s.percentile(level).and_then(|v| v.get(m).copied().flatten());
    match (at(Percentile::P50), at(Percentile::P5), at(Percentile::P95)) {
        (None, ..) => "n/a".to_string(),
        (mid, Some(lo), Some(hi)) => {
            format!("{} [{} – {}]", value(mid, unit), value(Some(lo), unit), value(Some(hi), unit))
        }
        (mid, ..) => value(mid, unit),
    }
}

fn difference_table(report: &CompareReport, d: &DifferenceReport, metrics: &[Metric], months: &[usize]) -> Table {
    let mut table = header(report, "variant − baseline", months);
    for &metric in metrics {
        let Some(s) = d.metrics.get(metric.key()) else { continue };
        let mut row = vec![Cell::new(metric.label())];
        row.extend(
            months.iter().map(|&m| Cell::new(difference_text(s, m, metric.unit())).set_alignment(CellAlignment::Right)),
        );
        table.add_row(row);
    }
    table
}

fn difference_text(s: &DifferenceSummary, m: usize, unit: Unit) -> String {
    let (Some(mean), Some(better)) = (s.mean[m], s.prob_better[m]) else {
        return "n/a".to_string();
    };
    let se = s.std_error[m].map_or_else(|| "n/a".to_string(), |se| amount(se, unit));
    let range = match (s.p5[m], s.p95[m]) {
        (Some(lo), Some(hi)) => format!("[{} – {}]", signed(lo, unit), signed(hi, unit)),
        _ => String::new(),
    };
    format!("{} ± {se}\n{range}\nbetter in {}", signed(mean, unit), crate::report::format::percent(better))
}

/// "Pairing made the standard error 8.1× smaller ...", for the chosen metric at the horizon.
fn tightening_line(report: &CompareReport, d: &DifferenceReport, metric: Metric) -> Option<String> {
    let s = d.metrics.get(metric.key())?;
    let m = report.horizon_months.checked_sub(1)?;
    let (paired, unpaired) = (s.std_error[m]?, s.std_error_unpaired[m]?);
    let unit = metric.unit();
    let ratio = s.tightening(m).map_or_else(|| "infinitely".to_string(), times);
    Some(format!(
        "Pairing made the standard error of the {} difference in month {} {ratio} smaller: {} paired vs {} if the \
         runs were independent.\n",
        metric.label().to_lowercase(),
        report.months[m],
        amount(paired, unit),
        amount(unpaired, unit)
    ))
}

/// A small amount (a standard error) with enough digits to read.
fn amount(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Dollars if v.abs() < 100.0 => format!("${v:.2}"),
        Unit::Count => format!("{v:.3}"),
        Unit::Hours => format!("{v:.2} h"),
        Unit::DollarsPerHour => format!("${v:.2}/h"),
        _ => value(Some(v), unit),
    }
}

/// A difference with its sign: "+$1,234", "-3.2".
fn signed(v: f64, unit: Unit) -> String {
    let text = match unit {
        Unit::Count => format!("{v:.1}"),
        _ => value(Some(v), unit),
    };
    if v > 0.0 { format!("+{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_months_are_6_12_and_the_horizon() {
        assert_eq!(compare_months(24), [5, 11, 23]);
        assert_eq!(compare_months(12), [5, 11]);
        assert_eq!(compare_months(3), [2]);
    }

    #[test]
    fn signed_amounts() {
        assert_eq!(signed(1234.0, Unit::Dollars), "+$1,234");
        assert_eq!(signed(-40.0, Unit::Dollars), "-$40");
        assert_eq!(signed(-3.25, Unit::Count), "-3.2");
        assert_eq!(amount(12.345, Unit::Dollars), "$12.35");
        assert_eq!(amount(0.0213, Unit::Count), "0.021");
    }
}
