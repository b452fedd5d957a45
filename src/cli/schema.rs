//! `sidecast schema`: the scenario format's JSON Schema, generated from the loader's own
//! raw types ([`crate::scenario::write::schema`]), on stdout or into a file. Point an
//! editor at it with a `#:schema PATH` first line in a scenario (Even Better TOML, taplo).

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::output;
use crate::app::Error;
use crate::export::Destination;
use crate::scenario::write::schema::scenario_schema;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema here instead of stdout (`-` = stdout); an existing file is replaced
    /// (through a symlink, its target), a FIFO or a device written into, as with every
    /// generated output.
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &SchemaArgs) -> Result<(), Error> {
    let destination = match &args.output {
        Some(path) => Destination::parse(&path.to_string_lossy()).check().map_err(Error::OutputFolder)?,
        None => Destination::Stdout,
    };
    output::write(&destination, scenario_schema().as_bytes())
}
