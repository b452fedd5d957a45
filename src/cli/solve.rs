//! `sidecast solve`: what would it take? For each `--vary KEY=LOW..HIGH`, the value at which
//! the probability of `--target` reaches `--probability`, with its interval: the answer
//! in the terminal, `solve.json`, `solve.csv`, `solve.md` and a chart per lever.

use std::path::PathBuf;

use clap::Args;

use super::args::{ChartArgs, OutputArgs, SimulationArgs};
use super::input::reproduce_command;
use super::output::{Outputs, print};
use super::progress::Progress;
use crate::app::Error;
use crate::app::solve::{SolveInput, prepare, solve};
use crate::present::terminal::solve::render;
use crate::scenario::ScenarioFile;

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
    let charts = args.chart.validated()?;
    let overrides = args.simulation.overrides()?;
    let file = ScenarioFile::read(&args.scenario)?;
    let input = SolveInput {
        solve: prepare(&file, &overrides, &args.target, args.probability, &args.vary)?,
        source: args.scenario.display().to_string(),
        charts,
        limits: args.simulation.limits(),
        command: reproduce_command(),
    };
    let folder = args.output.folder("solve", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    let result = solve(&input, &Progress { quiet: args.simulation.quiet })?;
    outputs.deliver(&result.delivery)?;
    let names = result.delivery.names();
    let to_stdout = outputs.json_to_stdout();
    outputs.commit()?;
    if !to_stdout {
        print(&render(&result.report, &input.source))?;
        print(&format!("Wrote {} ({})", folder.display(), names.join(", ")))?;
    }
    Ok(())
}

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
    fn probabilities_accept_fractions_and_percentages() {
        assert_eq!(parse_probability("0.8"), Ok(0.8));
        assert_eq!(parse_probability("80%"), Ok(0.8));
        for bad in ["0", "1", "100%", "1.2", "-0.1", "x", "NaN"] {
            assert!(parse_probability(bad).is_err(), "{bad}");
        }
    }
}
