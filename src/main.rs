//! The `sidecast` binary: parse the command line, run it, map the outcome to an exit code
//! (0 ok, 2 bad input or usage, 1 anything else).

use clap::Parser;
use sidecast::cli::{Cli, main as run};

fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return std::process::ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    run(cli)
}
