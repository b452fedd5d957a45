//! Every way a command can fail, typed to `main`: each error keeps its source (a scenario
//! problem, a bad `--vary`, a failed write) and says which kind it is, so `main` picks the
//! exit code from the kind (2 bad input or usage, 1 I/O or internal fault, 130 interrupted,
//! 0 for a closed output pipe) and prints the chain once.

use std::io::ErrorKind;
use std::path::PathBuf;

use thiserror::Error;

use crate::abc::CalibrationError;
use crate::actuals::HistoryError;
use crate::analysis::inference::calibrate::SetupError;
use crate::analysis::inference::retention::{CohortCsvError, CohortError};
use crate::analysis::whatif::compare::CompareError;
use crate::analysis::whatif::sensitivity::SensitivityError;
use crate::analysis::whatif::solve::SolveError;
use crate::analysis::whatif::sweep::SweepError;
use crate::analysis::whatif::vary::VariantError;
use crate::chart::ChartError;
use crate::engine::Cancelled;
use crate::export::WriteError;
use crate::import::ImportError;
use crate::scenario::ScenarioError;
use crate::summarize::admission::BudgetError;
use crate::text::escape_control;

/// What kind of failure an error is: it decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Input the user can fix: exit status 2.
    BadInput,
    /// A write failed or something else went wrong: exit status 1.
    Failure,
    /// Stopped by Ctrl-C or SIGTERM: exit status 130.
    Interrupted,
    /// stdout was closed by its reader (`sidecast run s.toml | head`): exit 0, quietly.
    ClosedPipe,
}

/// A command's failure.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error(transparent)]
    Variant(#[from] VariantError),
    #[error(transparent)]
    Compare(#[from] CompareError),
    #[error(transparent)]
    Sweep(#[from] SweepError),
    #[error(transparent)]
    Sensitivity(#[from] SensitivityError),
    #[error(transparent)]
    Solve(#[from] SolveError),
    #[error(transparent)]
    History(#[from] HistoryError),
    /// An export that cannot be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A scenario and a history that cannot be calibrated together.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// A calibration that could not produce a posterior.
    #[error("cannot calibrate: {0}")]
    Calibration(#[from] CalibrationError),
    #[error(transparent)]
    Cohorts(#[from] CohortCsvError),
    #[error("{flag}: {source}")]
    Cohort { flag: &'static str, source: CohortError },
    /// A run that would run away: too many customers, too much memory or time.
    #[error(transparent)]
    Budget(#[from] BudgetError),
    /// A bad option value, or options that do not go together.
    #[error("{0}")]
    Usage(String),
    /// An input file named on the command line could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    /// The output folder the user asked for cannot be made.
    #[error(transparent)]
    OutputFolder(WriteError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot draw {name}")]
    Chart { name: String, source: ChartError },
    #[error("cannot encode {what}: {message}")]
    Encode { what: &'static str, message: String },
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error("stopped (Ctrl-C or a termination signal); nothing was written")]
    Interrupted,
    /// Stopped while the JSON went to stdout, after the output folder was written.
    #[error(
        "stopped (Ctrl-C or a termination signal) while writing the JSON to standard output; the output folder was written"
    )]
    InterruptedAfterWriting,
}

impl From<Cancelled> for Error {
    fn from(_: Cancelled) -> Self {
        Error::Interrupted
    }
}

impl Error {
    /// Which kind of failure this is.
    pub fn kind(&self) -> Kind {
        match self {
            Error::Scenario(_)
            | Error::Variant(_)
            | Error::Compare(_)
            | Error::Sweep(_)
            | Error::Sensitivity(_)
            | Error::Solve(_)
            | Error::History(_)
            | Error::Import(_)
            | Error::Setup(_)
            | Error::Cohorts(_)
            | Error::Cohort { .. }
            | Error::Budget(_)
            | Error::Usage(_)
            | Error::Read { .. }
            | Error::OutputFolder(_) => Kind::BadInput,
            Error::Write(e) if e.path.as_os_str() == "-" && e.source.kind() == ErrorKind::BrokenPipe => {
                Kind::ClosedPipe
            }
            Error::Stdout(e) if e.kind() == ErrorKind::BrokenPipe => Kind::ClosedPipe,
            Error::Interrupted | Error::InterruptedAfterWriting => Kind::Interrupted,
            Error::Write(_)
            | Error::Calibration(_)
            | Error::Chart { .. }
            | Error::Encode { .. }
            | Error::Threads(_)
            | Error::Stdout(_) => Kind::Failure,
        }
    }

    /// The exit status of the process.
    pub fn exit_code(&self) -> u8 {
        match self.kind() {
            Kind::BadInput => 2,
            Kind::Failure => 1,
            Kind::Interrupted => 130,
            Kind::ClosedPipe => 0,
        }
    }

    /// The message for stderr: scenario problems rustc-style (with `styled` colour), others
    /// as `error: ...` followed by each cause that the message does not already say.
    pub fn render(&self, styled: bool) -> String {
        if let Some(scenario) = self.scenario() {
            return scenario.render(styled);
        }
        if let Error::Variant(VariantError::Scenarios(all)) = self {
            return all.iter().map(|e| e.render(styled)).collect::<Vec<_>>().join("\n\n");
        }
        let mut message = format!("error: {self}");
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            let text = c.to_string();
            if !message.contains(&text) {
                message.push_str(&format!("\n  caused by: {text}"));
            }
            cause = c.source();
        }
        escape_control(&crate::text::number::compact_numbers(&message)).into_owned()
    }

    /// The scenario error inside, if this is one (however it was reached).
    fn scenario(&self) -> Option<&ScenarioError> {
        match self {
            Error::Scenario(e)
            | Error::Variant(VariantError::Scenario(e))
            | Error::Sensitivity(SensitivityError::Variant(VariantError::Scenario(e))) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_pick_the_exit_code() {
        let folder = WriteError {
            path: "out".into(),
            source: std::io::Error::new(ErrorKind::AlreadyExists, "File exists (os error 17)"),
        };
        assert_eq!(Error::OutputFolder(folder).exit_code(), 2, "a bad --out is bad input");
        assert_eq!(Error::Usage("--threads must be at least 1".into()).exit_code(), 2);
        assert_eq!(Error::Interrupted.exit_code(), 130);
        let pipe = WriteError { path: "-".into(), source: std::io::Error::from(ErrorKind::BrokenPipe) };
        assert_eq!(Error::Write(pipe).kind(), Kind::ClosedPipe);
        let full = WriteError { path: "-".into(), source: std::io::Error::other("No space left on device") };
        assert_eq!(Error::Write(full).exit_code(), 1);
    }

    #[test]
    fn each_cause_is_printed_once() {
        let write = WriteError {
            path: "out/summary.json".into(),
            source: std::io::Error::new(ErrorKind::AlreadyExists, "File exists (os error 17)"),
        };
        let text = Error::Write(write).render(false);
        assert_eq!(text.matches("File exists").count(), 1, "{text}");
        let chart = Error::Chart { name: "fan.png".into(), source: ChartError::Draw("backend".into()) };
        assert_eq!(chart.render(false), "error: cannot draw fan.png\n  caused by: drawing failed: backend");
    }
}
