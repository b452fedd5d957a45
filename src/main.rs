//! The `sidecast` binary: parse the command line, run it, print the error chain once, and
//! exit with the code of the error's kind (0 ok, 2 bad input or usage, 1 I/O or internal
//! fault, 130 interrupted; a closed stdout pipe ends quietly with 0).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use sidecast::cli::{self, Cli, Kind};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if error.kind() != Kind::ClosedPipe {
                let styled = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
                // A closed or full stderr leaves nowhere to say more; it must not panic.
                let _ = writeln!(anstream::stderr(), "{}", error.render(styled));
            }
            ExitCode::from(error.exit_code())
        }
    }
}
