//! `sidecast fit retention`: fit the shifted-beta-geometric and constant-churn models to a
//! cohort's survival, print both fits with their uncertainty and a TOML snippet, write the
//! JSON and the survival chart.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueHint};

use super::args::{ChartArgs, parse_count};
use super::input::{read_input, reproduce_command};
use super::output::{Outputs, print};
use crate::app::Error;
use crate::app::fit::{RetentionInput, cohorts, retention as fit};
use crate::present::terminal::retention::render;

#[derive(Debug, Subcommand)]
pub enum FitCommand {
    /// Fit churn models to a cohort's survival: counts, percentages or a CSV of cohorts.
    Retention(RetentionArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("data").required(true).args(["counts", "survival", "cohorts"]))]
pub struct RetentionArgs {
    /// Customers still active at each age: `12,11,8` = 12 started, 11 renewed, 8 reached a third month.
    #[arg(long, value_delimiter = ',', value_name = "N,N,...", value_parser = parse_count)]
    pub counts: Vec<u64>,
    /// Survival in percent at each age, starting at 100: `100,86.9,74.3`.
    #[arg(long, value_delimiter = ',', value_name = "P,P,...")]
    pub survival: Vec<f64>,
    /// Cohort size behind `--survival` [default: 1000, an assumption the report states].
    #[arg(long, value_name = "N", requires = "survival")]
    pub cohort_size: Option<f64>,
    /// A CSV of cohorts: start month, then customers active at each age (ragged rows allowed).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub cohorts: Option<PathBuf>,
    /// Months to project survival for.
    #[arg(long, default_value_t = 24, value_name = "N")]
    pub months: usize,
    /// Write the fit as JSON here (`-` = stdout, which then gets no text report).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub json: Option<String>,
    /// Output folder for the chart [default: output/fit-retention/].
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub chart: ChartArgs,
}

pub fn run(command: &FitCommand) -> Result<(), Error> {
    match command {
        FitCommand::Retention(args) => retention(args),
    }
}

/// A `--cohorts FILE`'s text and name, read once.
pub(super) fn cohort_csv(file: Option<&Path>) -> Result<Option<(String, String)>, Error> {
    file.map(|path| Ok((read_input(path)?, path.display().to_string()))).transpose()
}

fn retention(args: &RetentionArgs) -> Result<(), Error> {
    let charts = args.chart.validated()?;
    let given = cohorts(&args.counts, (&args.survival, args.cohort_size), cohort_csv(args.cohorts.as_deref())?)?;
    // clap requires one of the three forms.
    let (cohorts, source) = given.ok_or(Error::Usage("give --counts, --survival or --cohorts".to_string()))?;
    let folder = args.out.clone().unwrap_or_else(|| PathBuf::from("output/fit-retention"));
    let mut outputs = Outputs::prepare(&folder, args.json.as_deref())?;
    let input = RetentionInput { cohorts, source, months: args.months, charts, command: reproduce_command() };
    let result = fit(&input)?;
    outputs.deliver(&result.delivery)?;
    let to_stdout = outputs.json_to_stdout();
    let files = outputs.commit()?;
    if !to_stdout {
        print(&render(&result.report))?;
        print(&format!("Wrote {} ({})", folder.display(), files.join(", ")))?;
    }
    Ok(())
}
