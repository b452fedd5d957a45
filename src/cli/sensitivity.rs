//! `sidecast sensitivity`: rank the scenario's uncertain inputs (and any `--vary` swings)
//! by how far the output's median moves between the input's low and high values, with the
//! rank correlation of each drawn input with the output; print the ranking and write
//! `sensitivity.json`, `sensitivity.csv` and the tornado chart.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use super::BadInput;
use super::args::SimulationArgs;
use super::args::{ChartArgs, OutputArgs, write_chart_files};
use super::chart_input::metric_unit;
use super::variants::{load_variants, parse_metric, parse_month, parse_specs, simulate_variant};
use crate::analysis::sensitivity::{
    InputEffect, InputKind, SensitivityReport, drawn_values, low_high, median, rank, sensitivity_csv, spearman,
    uncertain_inputs,
};
use crate::analysis::vary::{VarySpec, range_label};
use crate::chart::{Titles, TornadoBar, TornadoChart};
use crate::distribution::Param;
use crate::export::{self, Destination};
use crate::metric::Metric;
use crate::report::format::{thousands, value};
use crate::report::metric_values;
use crate::scenario::Scenario;

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// An extra input to swing between its first and last value, e.g.
    /// `reseller.churn=0.05,0.15` (repeatable).
    #[arg(long, value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// The output metric.
    #[arg(long, value_name = "METRIC", default_value = "cumulative_gross_profit")]
    pub metric: String,
    /// The month of the output, numbered as in the tables [default: the last month].
    #[arg(long, value_name = "M")]
    pub month: Option<u32>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One `--vary` swing, its two ends loaded and validated.
struct Swing {
    spec: VarySpec,
    low: Scenario,
    high: Scenario,
}

pub fn run(args: &SensitivityArgs) -> anyhow::Result<()> {
    args.simulation.configure_threads()?;
    let metric = parse_metric(&args.metric)?;
    let scenario = args.simulation.load(&args.scenario)?;
    let month = parse_month(args.month, &scenario)?;
    let swings = swings(args)?;
    let inputs: Vec<&Param> = uncertain_inputs(&scenario);
    if inputs.is_empty() && swings.is_empty() {
        return Err(BadInput(format!(
            "{} has no uncertain inputs: every parameter is a fixed number. Give some as distributions \
             (e.g. churn = {{ ci90 = [0.05, 0.15] }}) or add swings with --vary KEY=LOW,HIGH",
            args.scenario.display()
        ))
        .into());
    }
    let folder = args.output.folder("sensitivity", &args.scenario);
    let json = args.output.json();
    export::create_folder(&folder)?;

    let quiet = args.simulation.quiet;
    let output = |s: &Scenario, pins: &[(String, f64)], label: &str| -> anyhow::Result<Vec<Option<f64>>> {
        Ok(metric_values(&simulate_variant(s, pins, quiet, label)?, metric, month))
    };
    let baseline = output(&scenario, &[], &scenario.name)?;
    let mut effects = Vec::with_capacity(inputs.len() + swings.len());
    for param in inputs {
        let (Param::Uncertain { key, .. }, Some((low, high))) = (param, low_high(param)) else { continue };
        let at_low = median(&output(&scenario, &[(key.clone(), low)], &format!("{key} at p10"))?);
        let at_high = median(&output(&scenario, &[(key.clone(), high)], &format!("{key} at p90"))?);
        let drawn = drawn_values(&scenario, param, scenario.trajectories);
        effects.push(effect(key, InputKind::Distribution, (low, high), (at_low, at_high), spearman(&drawn, &baseline)));
    }
    for swing in &swings {
        let ends = |i: usize| swing.spec.values[i].number.unwrap_or(f64::NAN);
        let at_low = median(&output(&swing.low, &[], &format!("{} low", swing.spec.key))?);
        let at_high = median(&output(&swing.high, &[], &format!("{} high", swing.spec.key))?);
        let last = swing.spec.values.len() - 1;
        effects.push(effect(&swing.spec.key, InputKind::Vary, (ends(0), ends(last)), (at_low, at_high), None));
    }
    rank(&mut effects);
    let report = SensitivityReport {
        seed: scenario.seed,
        trajectories: scenario.trajectories,
        horizon_months: scenario.horizon_months,
        metric: metric.key().to_string(),
        month: scenario.start_month + month as u32,
        baseline_median: median(&baseline),
        inputs: effects,
    };

    let encoded = export::json::to_json(&report).context("cannot encode the sensitivity report as JSON")?;
    export::write(&Destination::File(folder.join("sensitivity.json")), &encoded)?;
    let csv = sensitivity_csv(&report).context("cannot encode the sensitivity report as CSV")?;
    export::write(&Destination::File(folder.join("sensitivity.csv")), &csv)?;
    let source = args.scenario.display().to_string();
    let chart = write_chart(&report, metric, &source, &folder, &args.chart)?;
    if let Some(destination) = &json {
        export::write(destination, &encoded)?;
    }
    if json != Some(Destination::Stdout) {
        println!("{}", render(&report, metric, &source));
        println!("Wrote {} (sensitivity.json, sensitivity.csv{chart})", folder.display());
    }
    Ok(())
}

/// Each `--vary` as a swing from its first to its last value, both ends validated.
fn swings(args: &SensitivityArgs) -> anyhow::Result<Vec<Swing>> {
    let mut out = Vec::new();
    for spec in parse_specs(&args.vary)? {
        let (Some(first), Some(last)) = (spec.values.first(), spec.values.last()) else { continue };
        if spec.values.len() < 2 || first.number.is_none() || last.number.is_none() {
            return Err(BadInput(format!(
                "bad --vary `{}`: a sensitivity swing needs a numeric low and high value, e.g. {}=0.05,0.15",
                spec.key, spec.key
            ))
            .into());
        }
        let ends = VarySpec { key: spec.key.clone(), values: vec![first.clone(), last.clone()] };
        let mut loaded = load_variants(&args.scenario, &args.simulation, std::slice::from_ref(&ends))?;
        let (Some(high), Some(low)) = (loaded.pop(), loaded.pop()) else { continue };
        out.push(Swing { spec, low: low.scenario, high: high.scenario });
    }
    Ok(out)
}

fn effect(
    key: &str,
    kind: InputKind,
    (low, high): (f64, f64),
    (median_at_low, median_at_high): (Option<f64>, Option<f64>),
    rank_correlation: Option<f64>,
) -> InputEffect {
    InputEffect {
        key: key.to_string(),
        label: range_label(key, low, high),
        kind,
        low,
        high,
        median_at_low,
        median_at_high,
        swing: median_at_low.zip(median_at_high).map(|(a, b)| (b - a).abs()),
        rank_correlation,
    }
}

/// The tornado chart; returns ", tornado.png" or "" when no input has a defined swing.
fn write_chart(
    report: &SensitivityReport,
    metric: Metric,
    source: &str,
    folder: &Path,
    chart_args: &ChartArgs,
) -> anyhow::Result<String> {
    let bars: Vec<TornadoBar> = report
        .inputs
        .iter()
        .filter_map(|i| {
            Some(TornadoBar { input: i.label.clone(), at_low: i.median_at_low?, at_high: i.median_at_high? })
        })
        .collect();
    let Some(baseline) = report.baseline_median.filter(|_| !bars.is_empty()) else {
        return Ok(String::new());
    };
    let output = format!("{} in month {}", metric.label(), report.month);
    let chart = TornadoChart {
        titles: Titles {
            title: format!("What moves the median {}", output.to_lowercase()),
            subtitle: Some(format!(
                "Median with each input at its p10 and its p90 (--vary: first and last value), all else sampled; \
                 {} trajectories, seed {}",
                thousands(report.trajectories as u64),
                report.seed
            )),
            caption: Some(format!("sidecast sensitivity · {source}")),
        },
        metric: format!("Median {}", output.to_lowercase()),
        unit: metric_unit(metric),
        baseline,
        bars,
    };
    let names = write_chart_files((&chart).into(), folder, "tornado", chart_args)?;
    Ok(names.iter().map(|n| format!(", {n}")).collect())
}

/// The ranking: input, its range, the median at each end, the swing and the rank
/// correlation.
pub fn render(report: &SensitivityReport, metric: Metric, source: &str) -> String {
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
    format!(
        "Sensitivity of {source}: median {} in month {} is {} with every input sampled\n{} trajectories per run · \
         seed {} · low/high = the input's p10/p90 (for --vary: its first/last value), all else sampled as usual\n\
         {table}\nRank correlation: Spearman's, between the value each trajectory drew and its output (n/a for \
         --vary swings, which are not drawn).\n",
        metric.label().to_lowercase(),
        report.month,
        value(report.baseline_median, unit),
        thousands(report.trajectories as u64),
        report.seed
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effects_label_their_range_and_measure_the_swing() {
        let e = effect("reseller.churn", InputKind::Distribution, (0.05, 0.15), (Some(900.0), Some(400.0)), Some(-0.7));
        assert_eq!(e.label, "churn 5% – 15%");
        assert_eq!(e.swing, Some(500.0));
    }
}
