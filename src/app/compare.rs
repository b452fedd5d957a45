//! `compare`: run several variants with the same seed and trajectories (common random
//! numbers) and produce each variant's bands and each one's paired difference from the
//! first: `compare.json`, `compare.csv`, the overlay chart, a difference chart per variant
//! and `report.html`.

use std::path::PathBuf;

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::html::report_page;
use super::{Limits, Monitor, series_key};
use crate::analysis::whatif::compare::Comparison;
use crate::analysis::whatif::vary::{Variant, load_files, load_variants, parse_specs};
use crate::export::html::{VariantAssumptions, compare_page};
use crate::metric::SeriesKey;
use crate::present::assumptions::assumptions;
use crate::present::charts::apply;
use crate::present::charts::compare::compare_charts;
use crate::report::compare::CompareReport;
use crate::scenario::{Override, Scenario, ScenarioFile};
use crate::stats::Percentile;
use crate::summarize::RunPlan;
use crate::summarize::admission::admit;

/// The variants `compare` runs, loaded and validated before anything runs: each file with
/// `overrides` (the first setting the seed, trajectories and horizon of the others), or, with
/// `--vary` texts, one variant per combination of their values made from the one file.
///
/// # Errors
/// [`Error::Variant`] for a `--vary` that does not parse or a variant that does not load;
/// [`Error::Usage`] for several files with `--vary`; [`Error::Scenario`] for a file that
/// cannot be read.
pub fn prepare(scenarios: &[PathBuf], overrides: &[Override], vary: &[String]) -> Result<Vec<Variant>, Error> {
    let specs = parse_specs(vary)?;
    if specs.is_empty() {
        Ok(load_files(scenarios, overrides)?)
    } else if let [scenario] = scenarios {
        Ok(load_variants(&ScenarioFile::read(scenario)?, overrides, &specs)?)
    } else {
        Err(Error::Usage("with --vary, give one scenario file (the variants are made from it)".into()))
    }
}

/// What `compare` needs, validated.
#[derive(Debug, Clone)]
pub struct CompareInput {
    /// The variants, the baseline first.
    pub variants: Vec<Variant>,
    /// Whether the variants were made from one file (by `--vary`): then they are named by
    /// their values and the file's scenario name leads the charts.
    pub from_one_file: bool,
    /// The metric charted and compared (`--metric`); the headline by default.
    pub metric: Option<String>,
    /// Where the variants came from, as shown to the user (their paths).
    pub source: String,
    pub levels: Vec<Percentile>,
    pub charts: Charts,
    pub limits: Limits,
    /// The command line that reproduces the comparison, shown in `report.html`.
    pub command: String,
}

/// What `compare` produced.
#[derive(Debug)]
pub struct CompareResult {
    pub report: CompareReport,
    pub metric: SeriesKey,
    pub delivery: Delivery,
}

/// Runs every variant and compares each with the baseline.
///
/// # Errors
/// Before any work: [`Error::Compare`] for variants that cannot be compared,
/// [`Error::Usage`] for an unknown metric, [`Error::Budget`]. After:
/// [`Error::Interrupted`], [`Error::Chart`], [`Error::Encode`].
pub fn compare(input: &CompareInput, monitor: &impl Monitor) -> Result<CompareResult, Error> {
    let variants = &input.variants;
    let scenario_name = variants.first().filter(|_| input.from_one_file).map(|v| v.scenario.name().to_string());
    let every = variants
        .iter()
        .map(|v| VariantAssumptions { label: v.label.clone(), lines: assumptions(&v.scenario) })
        .collect::<Vec<_>>();
    let title = scenario_name
        .clone()
        .unwrap_or_else(|| variants.iter().map(|v| v.label.as_str()).collect::<Vec<_>>().join(" vs "));
    let comparison = Comparison::new(variants.clone())?;
    let metric = series_key("--metric", input.metric.as_deref(), &comparison.variants()[0].scenario)?;
    let comparison = comparison.with_series(&metric);
    // The baseline's trajectories are kept while each variant runs beside them.
    let scenarios: Vec<&Scenario> = comparison.variants().iter().map(|v| &v.scenario).collect();
    admit(&scenarios, &RunPlan::default(), 2, &input.limits)?;

    let report = comparison.run(&input.levels, monitor)?;
    let calendar = comparison.variants().first().and_then(|v| v.scenario.calendar());
    let mut figures = compare_charts(&report, &metric, calendar, &input.source);
    apply(&mut figures, &input.charts.requests);
    let page = report_page(&input.charts, &figures, &input.command, |context| {
        compare_page(&report, &metric, &title, &every, context)
    })?;
    let mut delivery = Delivery::new(&input.charts);
    delivery.json_of("compare.json", &report, "the comparison as JSON")?;
    delivery.csv("compare.csv", crate::export::csv::compare(&report), "the comparison as CSV")?;
    delivery.figures(figures);
    delivery.page(page);
    Ok(CompareResult { report, metric, delivery })
}
