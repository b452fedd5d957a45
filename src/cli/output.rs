//! The CLI's output glue: the output folder, charts written in every asked format, the JSON
//! copy `--json` asks for, and text on stdout (a closed pipe ends the command quietly).

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::args::Charts;
use super::error::Error;
use crate::chart::write_chart;
use crate::export::{self, Destination};
use crate::report::charts::Figure;

/// Creates the output folder the user asked for (or its default).
///
/// # Errors
/// [`Error::OutputFolder`] (bad input): the path cannot be a folder we may write into.
pub fn create_folder(folder: &Path) -> Result<(), Error> {
    export::create_folder(folder).map_err(Error::OutputFolder)
}

/// Writes each figure in each asked format into `folder`, in parallel; returns the file
/// names in figure order.
///
/// # Errors
/// [`Error::Chart`] naming the file that could not be drawn or written.
pub fn write_figures(figures: &[(String, Figure)], folder: &Path, charts: &Charts) -> Result<Vec<String>, Error> {
    let names: Vec<Vec<String>> = figures
        .par_iter()
        .map(|(stem, figure)| {
            charts
                .formats
                .iter()
                .map(|&format| {
                    let name = format!("{stem}.{}", format.extension());
                    write_chart(figure, &folder.join(&name), format, &charts.options)
                        .map_err(|source| Error::Chart { name: name.clone(), source })?;
                    Ok(name)
                })
                .collect::<Result<Vec<_>, Error>>()
        })
        .collect::<Result<_, _>>()?;
    Ok(names.concat())
}

/// Writes bytes to a file (atomically) or stdout.
///
/// # Errors
/// [`Error::Write`] naming the path.
pub fn write(destination: &Destination, bytes: &[u8]) -> Result<(), Error> {
    Ok(export::write(destination, bytes)?)
}

/// JSON bytes of a report, or an encoding error naming `what`.
///
/// # Errors
/// [`Error::Encode`] (never for the report types, whose values are all representable).
pub fn json<T: serde::Serialize>(report: &T, what: &'static str) -> Result<Vec<u8>, Error> {
    export::json::to_json(report).map_err(|e| Error::Encode { what, message: e.to_string() })
}

/// CSV bytes, or an encoding error naming `what`.
///
/// # Errors
/// [`Error::Encode`].
pub fn csv(result: Result<Vec<u8>, ::csv::Error>, what: &'static str) -> Result<Vec<u8>, Error> {
    result.map_err(|e| Error::Encode { what, message: e.to_string() })
}

/// The terminal's width in columns when stdout is a terminal; `None` for a pipe or a file
/// (whose output then stays the same whatever the terminal).
pub fn terminal_width() -> Option<usize> {
    comfy_table::Table::new().width().map(usize::from).filter(|&w| w > 0)
}

/// Prints a line of text on stdout.
///
/// # Errors
/// [`Error::Stdout`]: a closed pipe (which ends the command quietly with status 0) or a
/// failed write.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").and_then(|()| out.flush()).map_err(Error::Stdout)
}

/// A note on stderr; a failure to write it is ignored (there is nowhere left to say so).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
