//! `sidecast solve`: what would it take? For each `--vary KEY=LOW..HIGH`, the value at which
//! the probability of `--target` reaches `--probability`, with its interval: the answer
//! in the terminal, `solve.json`, `solve.csv`, `solve.md` and a chart per lever.

use std::path::PathBuf;

use clap::Args;

use super::args::{ChartArgs, OutputArgs, SimulationArgs};
use super::error::Error;
use super::html::{inline_figures, reproduce_command, write_report};
use super::output::{self, Outputs, print};
use super::progress::Progress;
use crate::analysis::whatif::solve::{Solve, SolveError};
use crate::export::html::{Context, solve_page};
use crate::export::markdown::solve_markdown;
use crate::present::assumptions::assumptions;
use crate::present::charts::solve::solve_charts;
use crate::present::terminal::solve::render;
use crate::summarize::Plan;

#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// The target: "METRIC >= AMOUNT in MONTH", or "... by MONTH" for at least once up to
    /// that month; months as numbered in the tables (without one: the last month), e.g.
    /// "gross_profit >= 2500 in 30".
    #[arg(long, value_name = "TARGET")]
    pub target: String,
    /// The probability to reach the target with: 0.8 or 80%.
    #[arg(long, value_name = "P", default_value = "0.8", value_parser = parse_probability)]
    pub probability: f64,
    /// A lever and the range to search, `KEY=LOW..HIGH`, e.g. `reseller.arrivals=0.5..8`.
    /// Give several to solve each alone (the others at the scenario's values).
    #[arg(long, value_name = "KEY=LOW..HIGH", required = true)]
    pub vary: Vec<String>,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &SolveArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let chart_options = args.chart.validated()?;
    let overrides = args.simulation.overrides()?;
    let solve =
        Solve::prepare(&args.scenario, &overrides, &args.target, args.probability, &args.vary).map_err(error)?;
    let assumptions = assumptions(solve.scenario());
    args.simulation.check_budget(&solve.runs(), &Plan::default(), 0)?;
    let folder = args.output.folder("solve", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;

    let report = solve.run(&Progress { quiet: args.simulation.quiet }).map_err(error)?;
    outputs.json("solve.json", output::json(&report, "the solve as JSON")?)?;
    let csv = output::csv(crate::export::csv::solve(&report), "the solve as CSV")?;
    outputs.file("solve.csv", &csv)?;
    let source = args.scenario.display().to_string();
    let figures = solve_charts(&report, &source);
    let mut charts = outputs.figures(&figures, &chart_options)?;
    outputs.file("solve.md", solve_markdown(&report, &charts).as_bytes())?;
    if chart_options.any() {
        let context = Context { figures: inline_figures(&figures, &chart_options)?, command: reproduce_command() };
        charts.push(write_report(&mut outputs, &solve_page(&report, &assumptions, &context))?);
    }
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        print(&render(&report, &source))?;
        let charts = if charts.is_empty() { String::new() } else { format!(", {}", charts.join(", ")) };
        print(&format!("Wrote {} (solve.json, solve.csv, solve.md{charts})", folder.display()))?;
    }
    Ok(())
}

/// Scenario problems keep their own rendering; Ctrl-C is an interruption.
fn error(e: SolveError) -> Error {
    match e {
        SolveError::Cancelled => Error::Interrupted,
        SolveError::Variant(e) => Error::Variant(e),
        SolveError::Scenario(e) => Error::Scenario(e),
        other => Error::Solve(other),
    }
}

/// `0.8` or `80%`, strictly between 0 and 1.
fn parse_probability(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(n) => (n.trim(), 0.01),
        None => (trimmed, 1.0),
    };
    match number.parse::<f64>().map(|v| v * scale) {
        Ok(p) if p > 0.0 && p < 1.0 => Ok(p),
        _ => Err(format!("give a probability between 0 and 1, exclusive, e.g. 0.8 or 80% (got `{text}`)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_c_exits_130_and_bad_input_2() {
        assert_eq!(error(SolveError::Cancelled).exit_code(), 130);
        assert_eq!(error(SolveError::NoLever).exit_code(), 2);
        assert_eq!(error(SolveError::Probability(2.0)).exit_code(), 2);
    }

    #[test]
    fn probabilities_accept_fractions_and_percentages() {
        assert_eq!(parse_probability("0.8"), Ok(0.8));
        assert_eq!(parse_probability("80%"), Ok(0.8));
        for bad in ["0", "1", "100%", "1.2", "-0.1", "x", "NaN"] {
            assert!(parse_probability(bad).is_err(), "{bad}");
        }
    }
}
