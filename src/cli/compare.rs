//! `sidecast compare`: run several variants with the same seed and trajectories (common
//! random numbers), print each variant's headline percentiles and each one's paired
//! difference against the baseline, and write `compare.json`, `compare.csv`, the overlay
//! chart and one difference chart per non-baseline variant.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, metric_parser};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::output::{self, Outputs, print};
use super::parse_metric;
use super::progress::Progress;
use crate::analysis::whatif::compare::Comparison;
use crate::analysis::whatif::vary::{Variant, load_files, load_variants, parse_specs};
use crate::export::html::{Context, compare_page};
use crate::present::assumptions::assumptions;
use crate::present::charts::compare::compare_charts;
use crate::present::terminal::compare::render;
use crate::scenario::Scenario;
use crate::summarize::Plan;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files; the first is the baseline. With --vary, give one file.
    #[arg(required = true, value_name = "SCENARIO", value_hint = ValueHint::FilePath)]
    pub scenarios: Vec<PathBuf>,
    /// Values to try for a scenario key: `KEY=v1,v2,...` or `KEY=start..end:points`, e.g.
    /// `reseller.churn=0.05,0.10,0.15`. Several --vary make every combination; the first
    /// combination is the baseline.
    #[arg(long, value_name = "KEY=VALUES")]
    pub vary: Vec<String>,
    /// The metric charted and used for the standard-error comparison [default:
    /// cumulative_net_profit with costs, else cumulative_gross_profit].
    #[arg(long, value_name = "METRIC", value_parser = metric_parser())]
    pub metric: Option<String>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &CompareArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    let levels = args.simulation.levels()?;
    let variants = variants(args)?;
    // Variants made from one file are named by their values; the file's name leads the charts.
    let scenario_name = variants.first().filter(|_| !args.vary.is_empty()).map(|v| v.scenario.name.clone());
    let baseline = variants.first().map(|v| assumptions(&v.scenario)).unwrap_or_default();
    let title = scenario_name
        .clone()
        .unwrap_or_else(|| variants.iter().map(|v| v.label.as_str()).collect::<Vec<_>>().join(" vs "));
    let comparison = Comparison::new(variants)?;
    let metric = parse_metric(args.metric.as_deref(), &comparison.variants()[0].scenario)?;
    let comparison = comparison.with_series(&metric);
    // The baseline's trajectories are kept while each variant runs beside them.
    let scenarios: Vec<&Scenario> = comparison.variants().iter().map(|v| &v.scenario).collect();
    args.simulation.check_budget(&scenarios, &Plan::default(), 2)?;
    let folder = args.output.folder("compare", &args.scenarios[0]);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;

    let report = comparison.run(&levels, &Progress { quiet: args.simulation.quiet })?;
    let source = args.scenarios.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    outputs.json("compare.json", output::json(&report, "the comparison as JSON")?)?;
    let csv = output::csv(crate::export::csv::compare(&report), "the comparison as CSV")?;
    outputs.file("compare.csv", &csv)?;
    let figures = compare_charts(&report, &metric, scenario_name.as_deref(), &source);
    outputs.figures(&figures, &charts)?;
    if charts.any() {
        let context = Context { figures: inline_figures(&figures, &charts)?, command: reproduce_command() };
        write_report(&mut outputs, &compare_page(&report, &title, &baseline, &context))?;
    }
    let to_stdout = outputs.json_to_stdout();
    let files = outputs.commit()?;
    if !to_stdout {
        print(&render(&report, &metric, &source))?;
        print(&format!("Wrote {} ({})", folder.display(), files.join(", ")))?;
    }
    Ok(())
}

/// Every variant, loaded and validated before anything runs.
fn variants(args: &CompareArgs) -> Result<Vec<Variant>, Error> {
    let specs = parse_specs(&args.vary)?;
    let base = args.simulation.overrides()?;
    if specs.is_empty() {
        Ok(load_files(&args.scenarios, &base)?)
    } else if let [scenario] = args.scenarios.as_slice() {
        Ok(load_variants(scenario, &base, &specs)?)
    } else {
        Err(Error::Usage("with --vary, give one scenario file (the variants are made from it)".into()))
    }
}
