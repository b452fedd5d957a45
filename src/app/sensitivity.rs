//! `sensitivity`: rank the scenario's uncertain inputs (and any `--vary` swings) by how far
//! the output's median moves between each input's low and high values: `sensitivity.json`,
//! `sensitivity.csv`, the tornado chart and `report.html`.

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::html::report_page;
use super::{Limits, Monitor, month_index, series_key};
use crate::analysis::whatif::sensitivity::{Sensitivity, Swing, swings};
use crate::analysis::whatif::vary::parse_specs;
use crate::export::html::sensitivity_page;
use crate::present::assumptions::assumptions;
use crate::present::charts::apply;
use crate::present::charts::sensitivity::tornado_chart;
use crate::report::sensitivity::SensitivityReport;
use crate::scenario::{Override, Scenario, ScenarioFile};
use crate::summarize::RunPlan;
use crate::summarize::admission::admit;

/// The scenario `sensitivity` ranks the inputs of (`file` with `overrides`) and the inputs
/// swung between the first and last values of each `--vary` text, every end validated
/// before anything runs.
///
/// # Errors
/// [`Error::Scenario`] for a scenario that does not load; [`Error::Variant`] for a `--vary`
/// that does not parse; [`Error::Sensitivity`] for an end that does not load.
pub fn prepare(file: &ScenarioFile, overrides: &[Override], vary: &[String]) -> Result<(Scenario, Vec<Swing>), Error> {
    let scenario = file.load(overrides)?;
    let swings = swings(file, overrides, parse_specs(vary)?)?;
    Ok((scenario, swings))
}

/// What `sensitivity` needs, validated.
#[derive(Debug, Clone)]
pub struct SensitivityInput {
    pub scenario: Scenario,
    /// Inputs swung between two values of a key (`--vary`), beside the uncertain ones.
    pub swings: Vec<Swing>,
    pub metric: Option<String>,
    pub month: Option<u32>,
    pub source: String,
    pub charts: Charts,
    pub limits: Limits,
    pub command: String,
}

/// What `sensitivity` produced.
#[derive(Debug)]
pub struct SensitivityResult {
    pub report: SensitivityReport,
    pub delivery: Delivery,
}

/// Runs the baseline and every input at its two ends.
///
/// # Errors
/// Before any work: [`Error::Usage`] (metric or month), [`Error::Budget`],
/// [`Error::Sensitivity`] when there is nothing to rank. After: [`Error::Interrupted`],
/// [`Error::Chart`], [`Error::Encode`].
pub fn sensitivity(input: &SensitivityInput, monitor: &impl Monitor) -> Result<SensitivityResult, Error> {
    let scenario = &input.scenario;
    let metric = series_key("--metric", input.metric.as_deref(), scenario)?;
    let month = month_index("--month", input.month, scenario)?;
    let scenario_name = scenario.name().to_string();
    let base = assumptions(scenario);
    // The baseline, then every input at its low and at its high end.
    let runs = 1 + 2 * (scenario.uncertain_parameters().len() + input.swings.len());
    admit(&vec![scenario; runs], &RunPlan::default(), 1, &input.limits)?;
    let analysis = Sensitivity::new(scenario.clone(), input.swings.clone(), metric, month, &input.source)?;

    let report = analysis.run(monitor)?;
    let mut figures: Vec<_> =
        tornado_chart(&report, &scenario_name, scenario.calendar(), &input.source).into_iter().collect();
    apply(&mut figures, &input.charts.requests);
    let page = report_page(&input.charts, &figures, &input.command, |context| {
        sensitivity_page(&report, &scenario_name, &base, context)
    })?;
    let mut delivery = Delivery::new(&input.charts);
    delivery.json_of("sensitivity.json", &report, "the sensitivity report as JSON")?;
    delivery.csv("sensitivity.csv", crate::export::csv::sensitivity(&report), "the sensitivity report as CSV")?;
    delivery.figures(figures);
    delivery.page(page);
    Ok(SensitivityResult { report, delivery })
}
