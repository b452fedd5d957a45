//! `solve`: what would it take? For each lever, the value at which the probability of the
//! target reaches the asked probability, with its interval: `solve.json`, `solve.csv`,
//! `solve.md`, a chart per lever and `report.html`.

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::html::report_page;
use super::{Limits, Monitor};
use crate::analysis::whatif::solve::{Solve, SolveError};
use crate::export::html::solve_page;
use crate::export::markdown::solve_markdown;
use crate::present::assumptions::assumptions;
use crate::present::charts::apply;
use crate::present::charts::solve::solve_charts;
use crate::report::solve::SolveReport;
use crate::scenario::{Override, ScenarioFile};
use crate::summarize::RunPlan;
use crate::summarize::admission::admit;

/// The search `solve` runs: the target text ("METRIC >= AMOUNT in MONTH"), the probability
/// and the `--vary KEY=LOW..HIGH` levers checked, and the scenario (`file` with `overrides`)
/// and each lever's ends loaded, before anything runs.
///
/// # Errors
/// [`Error::Solve`] for a target, probability or lever that is not one;
/// [`Error::Variant`] or [`Error::Scenario`] for a scenario or an end that does not load.
pub fn prepare(
    file: &ScenarioFile,
    overrides: &[Override],
    target: &str,
    probability: f64,
    vary: &[String],
) -> Result<Solve, Error> {
    Solve::prepare(file, overrides, target, probability, vary).map_err(Error::from_solve)
}

/// What `solve` needs, validated: the prepared search and how to deliver it.
#[derive(Debug, Clone)]
pub struct SolveInput {
    pub solve: Solve,
    pub source: String,
    pub charts: Charts,
    pub limits: Limits,
    pub command: String,
}

/// What `solve` produced.
#[derive(Debug)]
pub struct SolveResult {
    pub report: SolveReport,
    pub delivery: Delivery,
}

/// Searches every lever.
///
/// # Errors
/// Before any work: [`Error::Budget`]. After: [`Error::Interrupted`], [`Error::Solve`],
/// [`Error::Chart`], [`Error::Encode`].
pub fn solve(input: &SolveInput, monitor: &impl Monitor) -> Result<SolveResult, Error> {
    let solve = &input.solve;
    let assumptions = assumptions(solve.scenario());
    admit(&solve.runs(), &RunPlan::default(), 0, &input.limits)?;

    let report = solve.run(monitor).map_err(Error::from_solve)?;
    let mut figures = solve_charts(&report, solve.scenario().calendar(), &input.source);
    apply(&mut figures, &input.charts.requests);
    let images: Vec<String> = figures
        .iter()
        .flat_map(|(stem, _)| input.charts.formats.iter().map(move |f| format!("{stem}.{}", f.extension())))
        .collect();
    let markdown = solve_markdown(&report, &images);
    let page =
        report_page(&input.charts, &figures, &input.command, |context| solve_page(&report, &assumptions, context))?;
    let mut delivery = Delivery::new(&input.charts);
    delivery.json_of("solve.json", &report, "the solve as JSON")?;
    delivery.csv("solve.csv", crate::export::csv::solve(&report), "the solve as CSV")?;
    delivery.figures(figures);
    delivery.file("solve.md", markdown.into_bytes());
    delivery.page(page);
    Ok(SolveResult { report, delivery })
}

impl Error {
    /// A solve's failure as the command's: a cancelled search is an interruption, a bad
    /// variant or scenario is reported as itself.
    pub fn from_solve(e: SolveError) -> Self {
        match e {
            SolveError::Cancelled => Error::Interrupted,
            SolveError::Variant(e) => Error::Variant(e),
            SolveError::Scenario(e) => Error::Scenario(e),
            other => Error::Solve(other),
        }
    }
}
