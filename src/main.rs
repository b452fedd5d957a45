//! The `sidecast` binary: parse the command line, run it, print the error chain once, and
//! exit with the code of the error's kind (0 ok, 2 bad input or usage, 1 I/O or internal
//! fault, 130 interrupted; a closed stdout pipe ends quietly with 0).

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::ExitCode;

use sidecast::cli::{self, Kind};

fn main() -> ExitCode {
    let parsed = match cli::parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli::run(parsed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if error.kind() != Kind::ClosedPipe {
                // A closed or full stderr leaves nowhere to say more; it must not panic.
                let _ = writeln!(anstream::stderr(), "{}", cli::color::styled_error(&error.render(true)));
            }
            ExitCode::from(error.exit_code())
        }
    }
}
