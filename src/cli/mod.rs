//! The command line: clap definitions mirror what the user typed; each subcommand's module
//! turns them into validated inputs, runs the pure core and writes the outputs. This is the
//! only place that touches the terminal and the file system.

pub mod args;
pub mod chart_input;
pub mod compare;
pub mod fit;
pub mod precision;
pub mod progress;
pub mod run;
pub mod sensitivity;
pub mod sweep;
pub mod variants;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use thiserror::Error;

use crate::scenario::ScenarioError;

/// Project side-hustle income as honest uncertainty: percentile bands, not one line.
#[derive(Debug, Parser)]
#[command(name = "sidecast", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate a scenario and write its percentile bands, summary and charts.
    Run(run::RunArgs),
    /// Compare variants run with the same random numbers: each one's bands and its paired
    /// difference from the first (two or more files, or one file with --vary).
    Compare(compare::CompareArgs),
    /// Sweep one parameter (a band chart) or two (a heatmap) and chart one output against it.
    Sweep(sweep::SweepArgs),
    /// Rank the uncertain inputs by how far they move one output's median (tornado chart).
    Sensitivity(sensitivity::SensitivityArgs),
    /// Fit parameters from your own numbers.
    #[command(subcommand)]
    Fit(fit::FitCommand),
}

/// Input the user can fix: exit status 2.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Runs the parsed command line; returns the process exit code.
pub fn main(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Sensitivity(args) => sensitivity::run(&args),
        Command::Fit(command) => fit::run(&command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

/// Prints an error chain once and picks the exit code: 2 for bad input, 1 otherwise; a
/// closed stdout pipe is not an error.
fn report(error: &anyhow::Error) -> ExitCode {
    if error
        .chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
    {
        return ExitCode::SUCCESS;
    }
    let styled = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    if let Some(scenario) = error.downcast_ref::<ScenarioError>() {
        anstream::eprintln!("{}", scenario.render(styled));
        return ExitCode::from(2);
    }
    let mut message = format!("error: {error}");
    for cause in error.chain().skip(1) {
        message.push_str(&format!("\n  caused by: {cause}"));
    }
    anstream::eprintln!("{message}");
    if error.chain().any(|e| e.is::<BadInput>() || e.is::<ScenarioError>()) {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
