//! `sidecast sweep`: run a scenario at every value of one or two parameters (`--vary`, all
//! with the same random numbers) and report one output (a metric in one month) at each
//! point: a table, `sweep.json`, `sweep.csv`, and a band chart (one parameter) or a
//! heatmap of the median or of a target's probability (two parameters).

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use super::BadInput;
use super::args::SimulationArgs;
use super::args::{ChartArgs, OutputArgs, write_chart_files};
use super::chart_input::{metric_unit, value_unit};
use super::variants::{load_variants, parse_metric, parse_month, parse_specs, simulate_variant};
use crate::analysis::sweep::{PointSummary, SweepReport, SweptParameter, summarize_point, sweep_csv};
use crate::analysis::vary::{ValueUnit, VarySpec};
use crate::chart::{BandValues, HeatmapChart, SweepChart, SweepPoint, Titles};
use crate::export::{self, Destination};
use crate::metric::Metric;
use crate::report::format::{percent, thousands, value};
use crate::report::metric_values;

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// The parameter to sweep: `KEY=start..end:points` or `KEY=v1,v2,...`, e.g.
    /// `reseller.arrivals=0.5..3:11`. Give two for a heatmap.
    #[arg(long, value_name = "KEY=VALUES", required = true)]
    pub vary: Vec<String>,
    /// The output metric.
    #[arg(long, value_name = "METRIC", default_value = "cumulative_gross_profit")]
    pub metric: String,
    /// The month of the output, numbered as in the tables [default: the last month].
    #[arg(long, value_name = "M")]
    pub month: Option<u32>,
    /// Also report P(output ≥ AMOUNT) at each point; with two --vary the heatmap shows it.
    #[arg(long, value_name = "AMOUNT")]
    pub target_prob: Option<f64>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    args.simulation.configure_threads()?;
    let metric = parse_metric(&args.metric)?;
    let specs = parse_specs(&args.vary)?;
    check_specs(&specs)?;
    if args.target_prob.is_some_and(|t| !t.is_finite()) {
        return Err(BadInput("--target-prob needs a finite amount".into()).into());
    }
    let variants = load_variants(&args.scenario, &args.simulation, &specs)?;
    let baseline = &variants[0].scenario;
    let month = parse_month(args.month, baseline)?;
    let folder = args.output.folder("sweep", &args.scenario);
    let json = args.output.json();
    export::create_folder(&folder)?;

    let mut points = Vec::with_capacity(variants.len());
    for variant in &variants {
        let outcomes = simulate_variant(&variant.scenario, &[], args.simulation.quiet, &variant.label)?;
        let values = metric_values(&outcomes, metric, month);
        let parameters = variant.numbers.iter().map(|n| n.unwrap_or(f64::NAN)).collect();
        points.push(summarize_point(variant.label.clone(), parameters, &values, args.target_prob));
    }
    let report = SweepReport {
        seed: baseline.seed,
        trajectories: baseline.trajectories,
        horizon_months: baseline.horizon_months,
        metric: metric.key().to_string(),
        month: baseline.start_month + month as u32,
        target: args.target_prob,
        parameters: specs
            .iter()
            .map(|s| SweptParameter {
                key: s.key.clone(),
                name: s.words(),
                values: s.values.iter().filter_map(|v| v.number).collect(),
            })
            .collect(),
        points,
    };

    let encoded = export::json::to_json(&report).context("cannot encode the sweep as JSON")?;
    export::write(&Destination::File(folder.join("sweep.json")), &encoded)?;
    export::write(&Destination::File(folder.join("sweep.csv")), &sweep_csv(&report).context("cannot encode CSV")?)?;
    let source = args.scenario.display().to_string();
    let chart = write_chart(&report, metric, &specs, &source, &folder, &args.chart)?;
    if let Some(destination) = &json {
        export::write(destination, &encoded)?;
    }
    if json != Some(Destination::Stdout) {
        println!("{}", render(&report, metric, &source));
        let chart = if chart.is_empty() { String::new() } else { format!(", {chart}") };
        println!("Wrote {} (sweep.json, sweep.csv{chart})", folder.display());
    }
    Ok(())
}

/// A sweep needs one or two parameters with numeric values.
fn check_specs(specs: &[VarySpec]) -> anyhow::Result<()> {
    if specs.len() > 2 {
        return Err(BadInput(format!(
            "sweep takes one --vary (a band chart) or two (a heatmap), got {}; use compare for more",
            specs.len()
        ))
        .into());
    }
    for spec in specs {
        if let Some(v) = spec.values.iter().find(|v| v.number.is_none()) {
            return Err(BadInput(format!(
                "bad --vary `{}`: a sweep needs numbers, and `{}` is not one (use compare for other values)",
                spec.key, v.toml
            ))
            .into());
        }
    }
    Ok(())
}

/// "Churn", "Arrivals per month".
fn axis_name(spec: &VarySpec) -> String {
    let words = spec.words();
    let mut chars = words.chars();
    let name = chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    if spec.unit() == ValueUnit::PerMonth { format!("{name} per month") } else { name }
}

fn write_chart(
    report: &SweepReport,
    metric: Metric,
    specs: &[VarySpec],
    source: &str,
    folder: &Path,
    chart_args: &ChartArgs,
) -> anyhow::Result<String> {
    let output = format!("{} in month {}", metric.label(), report.month);
    let titles = |title: String| Titles {
        title,
        subtitle: Some(format!(
            "{} trajectories at each point, seed {}, the same random numbers at every point",
            thousands(report.trajectories as u64),
            report.seed
        )),
        caption: Some(format!("sidecast sweep · {source}")),
    };
    match specs {
        [x] => {
            let chart = SweepChart {
                titles: titles(format!("{output} by {}", x.words())),
                parameter: axis_name(x),
                parameter_unit: value_unit(x.unit()),
                metric: output,
                unit: metric_unit(metric),
                points: report.points.iter().map(sweep_point).collect(),
            };
            Ok(write_chart_files((&chart).into(), folder, "sweep", chart_args)?.join(", "))
        }
        [x, y] => {
            let (what, unit, cells) = match report.target {
                Some(t) => (
                    format!("P({} ≥ {})", output.to_lowercase(), value(Some(t), metric.unit())),
                    crate::chart::Unit::Percent,
                    report.grid(|p| p.prob_target.map(|p| p.probability)),
                ),
                None => (format!("Median {}", output.to_lowercase()), metric_unit(metric), report.grid(|p| p.p50)),
            };
            let chart = HeatmapChart {
                titles: titles(format!("{what} by {} and {}", x.words(), y.words())),
                x_parameter: axis_name(x),
                x_unit: value_unit(x.unit()),
                x_values: report.parameters[0].values.clone(),
                y_parameter: axis_name(y),
                y_unit: value_unit(y.unit()),
                y_values: report.parameters[1].values.clone(),
                metric: what,
                unit,
                cells,
            };
            Ok(write_chart_files((&chart).into(), folder, "heatmap", chart_args)?.join(", "))
        }
        _ => Ok(String::new()),
    }
}

fn sweep_point(p: &PointSummary) -> SweepPoint {
    SweepPoint {
        parameter: p.parameters.first().copied().unwrap_or(f64::NAN),
        values: BandValues { p5: p.p5, p25: p.p25, p50: p.p50, p75: p.p75, p95: p.p95, mean: p.mean },
    }
}

/// One row per point: median [p5 – p95], [p25 – p75], mean ± standard error and, with a
/// target, its probability.
pub fn render(report: &SweepReport, metric: Metric, source: &str) -> String {
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
        metric.label().to_lowercase(),
        report.month,
        thousands(report.trajectories as u64),
        report.seed
    )
}
