//! `sweep`: one output (a metric in one month) at every point of a grid of one or two
//! parameters, all run with the same random numbers: `sweep.json`, `sweep.csv`, a band chart
//! (one parameter) or a heatmap (two) and `report.html`.

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::html::report_page;
use super::{Limits, Monitor, month_index, series_key};
use crate::analysis::whatif::solve::lever::today;
use crate::analysis::whatif::sweep::Sweep;
use crate::analysis::whatif::vary::{Variant, VarySpec, load_variants, parse_specs};
use crate::export::html::sweep_page;
use crate::present::assumptions::assumptions;
use crate::present::charts::apply;
use crate::present::charts::sweep::sweep_chart;
use crate::report::sweep::SweepReport;
use crate::scenario::{Override, Scenario, ScenarioFile};
use crate::summarize::RunPlan;
use crate::summarize::admission::admit;

/// A sweep's grid, made from the scenario file and the `--vary` texts.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The swept keys and their values.
    pub specs: Vec<VarySpec>,
    /// One variant per point of the grid, in grid order.
    pub variants: Vec<Variant>,
    /// The scenario with `overrides` and before any `--vary`.
    pub base: Scenario,
}

/// The grid `sweep` runs: the `--vary` texts (one or two, numbers only) and the target
/// checked, then one variant per point loaded from `file` with `overrides` first, every one
/// validated before anything runs.
///
/// # Errors
/// [`Error::Variant`] for a `--vary` that does not parse or a variant that does not load;
/// [`Error::Sweep`] for more than two keys, a value that is not a number or a target out of
/// range; [`Error::Scenario`] for a scenario that does not load.
pub fn prepare(
    file: &ScenarioFile,
    overrides: &[Override],
    vary: &[String],
    target_prob: Option<f64>,
) -> Result<Grid, Error> {
    let specs = parse_specs(vary)?;
    Sweep::check(&specs, target_prob)?;
    let variants = load_variants(file, overrides, &specs)?;
    Ok(Grid { specs, variants, base: file.load(overrides)? })
}

/// What `sweep` needs, validated.
#[derive(Debug, Clone)]
pub struct SweepInput {
    /// The swept keys and their values.
    pub specs: Vec<VarySpec>,
    /// One variant per point of the grid, in grid order.
    pub variants: Vec<Variant>,
    /// The output's metric (`--metric`); the headline by default.
    pub metric: Option<String>,
    /// The output's calendar month (`--month`); the last by default.
    pub month: Option<u32>,
    /// Chart the chance of reaching this amount instead of the median (a heatmap).
    pub target_prob: Option<f64>,
    /// Where the scenario came from, as shown to the user.
    pub source: String,
    /// The scenario as loaded, before any `--vary`: today's values are marked on the chart.
    pub base: Option<Scenario>,
    pub charts: Charts,
    pub limits: Limits,
    pub command: String,
}

/// What `sweep` produced.
#[derive(Debug)]
pub struct SweepResult {
    pub report: SweepReport,
    pub delivery: Delivery,
}

/// Runs every point of the grid.
///
/// # Errors
/// Before any work: [`Error::Sweep`], [`Error::Usage`] (metric or month), [`Error::Budget`].
/// After: [`Error::Interrupted`], [`Error::Chart`], [`Error::Encode`].
pub fn sweep(input: &SweepInput, monitor: &impl Monitor) -> Result<SweepResult, Error> {
    let Some(first) = input.variants.first() else {
        return Err(Error::Usage("--vary: the sweep has no points".into()));
    };
    let metric = series_key("--metric", input.metric.as_deref(), &first.scenario)?;
    let month = month_index("--month", input.month, &first.scenario)?;
    let scenarios: Vec<&Scenario> = input.variants.iter().map(|v| &v.scenario).collect();
    admit(&scenarios, &RunPlan::default(), 1, &input.limits)?;
    let scenario_name = first.scenario.name().to_string();
    let base = assumptions(&first.scenario);
    let sweep = Sweep::new(input.specs.clone(), input.variants.clone(), metric, month, input.target_prob)?;

    let report = sweep.run(monitor)?;
    let today: Vec<Option<f64>> = input
        .specs
        .iter()
        .map(|spec| input.base.as_ref().and_then(|base| today(base, &spec.key)).map(|t| t.value))
        .collect();
    let calendar = first.scenario.calendar();
    let mut figures: Vec<_> = sweep_chart(&report, &today, calendar, &input.source).into_iter().collect();
    apply(&mut figures, &input.charts.requests);
    let page = report_page(&input.charts, &figures, &input.command, |context| {
        sweep_page(&report, &scenario_name, &base, context)
    })?;
    let mut delivery = Delivery::new(&input.charts);
    delivery.json_of("sweep.json", &report, "the sweep as JSON")?;
    delivery.csv("sweep.csv", crate::export::csv::sweep(&report), "the sweep as CSV")?;
    delivery.figures(figures);
    delivery.page(page);
    Ok(SweepResult { report, delivery })
}
