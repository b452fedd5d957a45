//! The command line: clap definitions mirror what the user typed ([`args`] and one file per
//! command); each command prepares validated inputs from them (reading the files they name),
//! calls its [`app`](crate::app) function, and delivers what it produced: the output folder
//! staged and put in place ([`output`]), the terminal rendering of the report printed.
//! Failures stay typed ([`Error`]) up to `main`, which picks the exit code from their kind.

pub mod args;
pub mod calibrate;
pub mod check;
pub mod color;
pub mod compare;
pub mod fit;
pub mod import;
pub mod init;
pub mod init_from;
pub mod input;
pub mod limits;
pub mod meta;
pub mod output;
pub mod progress;
pub mod prompt;
pub mod run;
pub mod schema;
pub mod sensitivity;
pub mod serve;
pub mod solve;
pub mod sweep;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use crate::app::{Error, Kind};

/// Project side-hustle income as honest uncertainty: percentile bands, not one line.
#[derive(Debug, Parser)]
#[command(name = "sidecast", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to colour messages: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = color::ColorChoice::Auto)]
    pub color: color::ColorChoice,
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
    /// What would it take? The value of each lever at which a target is reached with a
    /// given probability, with its interval.
    Solve(solve::SolveArgs),
    /// Calibrate the scenario's uncertain parameters to your history: a posterior to
    /// project from (calibrated.toml), a predictive check, charts.
    Calibrate(Box<calibrate::CalibrateArgs>),
    /// Fit parameters from your own numbers.
    #[command(subcommand)]
    Fit(fit::FitCommand),
    /// Read your exports (Stripe payments, a commission ledger, a PayPal download) into a
    /// history, cohorts and a row per customer or referral, with every assumption stated.
    Import(Box<import::ImportArgs>),
    /// Write a first scenario that runs as it is: a few questions on a terminal, flags
    /// otherwise, the reseller's own numbers by default; or drafted from an import (--from).
    Init(Box<init::InitArgs>),
    /// A local page to change the scenario's numbers and watch the projection move
    /// (http://127.0.0.1:8024/; Ctrl-C stops it).
    Serve(serve::ServeArgs),
    /// Validate a scenario and list every value it assumes, with its unit, without simulating.
    Check(check::CheckArgs),
    /// Print the JSON Schema of scenario files (for editors: a `#:schema` first line).
    Schema(schema::SchemaArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    Completions(meta::CompletionsArgs),
    /// Print the man page (roff), or one command's.
    Man(meta::ManArgs),
}

/// Parses the process's arguments with `--color` applied first, so clap's own help and
/// errors follow it too.
///
/// # Errors
/// clap's error (help and version are "errors" that print to stdout).
pub fn parse() -> Result<Cli, clap::Error> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let choice = color::from_args(&args);
    choice.apply();
    let mut command = Cli::command().color(choice.clap());
    let matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&command))
}

/// Runs the parsed command line.
///
/// # Errors
/// The command's failure, typed; see [`Error::exit_code`].
pub fn run(cli: Cli) -> Result<(), Error> {
    // Ctrl-C and SIGTERM are caught from the start, so no phase can be cut off mid-write.
    progress::interrupt_flag();
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Sensitivity(args) => sensitivity::run(&args),
        Command::Solve(args) => solve::run(&args),
        Command::Calibrate(args) => calibrate::run(&args),
        Command::Fit(command) => fit::run(&command),
        Command::Import(args) => import::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Completions(args) => meta::run_completions(Cli::command(), &args),
        Command::Man(args) => meta::run_man(Cli::command(), &args),
    }
}
