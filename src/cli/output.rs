//! The CLI's output glue: every path a command writes is checked before its work starts
//! ([`Outputs::prepare`]); files and charts are staged in the output folder and put in place
//! together by [`Outputs::commit`], then the `--json` copy is written (to stdout, a file, a
//! FIFO or a device). Text goes to stdout through [`print`](fn@print) (a closed pipe ends
//! the command quietly), notes to stderr through [`note`]; both escape control characters.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::progress::{interrupt_flag, interrupted};
use crate::app::{Delivery, Entry, Error};
use crate::chart::{ImageFormat, write_chart};
use crate::export::{self, Destination, Staging};
use crate::present::charts::Figure;
use crate::text::escape_control;

/// Where one command's outputs go, checked and not yet written.
#[derive(Debug)]
pub struct Outputs {
    staging: Staging,
    json: Option<Destination>,
    json_bytes: Option<Vec<u8>>,
}

impl Outputs {
    /// Checks the output folder and the `--json` destination; creates nothing.
    ///
    /// # Errors
    /// [`Error::OutputFolder`] (bad input, exit status 2) naming the path.
    pub fn prepare(folder: &Path, json: Option<&str>) -> Result<Self, Error> {
        let staging = Staging::check(folder).map_err(Error::OutputFolder)?;
        let json = json.map(|j| Destination::parse(j).check()).transpose().map_err(Error::OutputFolder)?;
        Ok(Self { staging, json, json_bytes: None })
    }

    pub fn folder(&self) -> &Path {
        self.staging.folder()
    }

    /// Whether `--json -` asked for the JSON on stdout (then no table is printed).
    pub fn json_to_stdout(&self) -> bool {
        self.json == Some(Destination::Stdout)
    }

    /// Stages everything a command delivered: its files, and its figures drawn in each asked
    /// format (in parallel, each checking for Ctrl-C first); keeps its JSON for the `--json`
    /// copy.
    ///
    /// # Errors
    /// [`Error::Interrupted`] after Ctrl-C; [`Error::Write`] naming the file; [`Error::Chart`]
    /// naming the chart that could not be drawn.
    pub fn deliver(&mut self, delivery: &Delivery) -> Result<(), Error> {
        let charts = delivery.charts();
        let mut jobs: Vec<(&Figure, String, PathBuf, ImageFormat)> = Vec::new();
        for entry in delivery.entries() {
            stop_if_interrupted()?;
            match entry {
                Entry::File { name, bytes } => self.staging.file(name, bytes)?,
                Entry::Figure { stem, figure } => {
                    for &format in &charts.formats {
                        let name = format!("{stem}.{}", format.extension());
                        let path = self.staging.reserve(&name)?;
                        jobs.push((figure.as_ref(), name, path, format));
                    }
                }
            }
        }
        jobs.par_iter().try_for_each(|(figure, name, path, format)| {
            stop_if_interrupted()?;
            write_chart(*figure, path, *format, &charts.options)
                .map_err(|source| Error::Chart { name: name.clone(), source })
        })?;
        stop_if_interrupted()?;
        self.json_bytes = delivery.json_bytes().map(<[u8]>::to_vec);
        Ok(())
    }

    /// Writes the `--json` copy and puts every staged file in place. Returns the names
    /// written into the folder.
    ///
    /// A copy into a file or a stream (a FIFO waiting for its reader) is written first, so a
    /// Ctrl-C while it waits leaves the folder as it was; a copy on stdout comes last, so a
    /// reader that closes the pipe early (`| head`) does not cost the folder.
    ///
    /// # Errors
    /// [`Error::Interrupted`] (nothing is put in place); [`Error::Write`] naming the path.
    pub fn commit(self) -> Result<Vec<String>, Error> {
        stop_if_interrupted()?;
        let copy = self.json.as_ref().zip(self.json_bytes.as_deref());
        if let Some((destination, bytes)) = copy.filter(|(d, _)| **d != Destination::Stdout) {
            write_copy(destination, bytes)?;
        }
        stop_if_interrupted()?;
        let names = self.staging.commit()?;
        if let Some((destination, bytes)) = copy.filter(|(d, _)| **d == Destination::Stdout) {
            write_copy(destination, bytes)?;
        }
        Ok(names)
    }
}

/// Writes bytes to a file (atomically), a stream or stdout, outside any output folder
/// (`init -o`, `schema -o`, `completions`).
///
/// # Errors
/// [`Error::Interrupted`] after Ctrl-C; [`Error::Write`] naming the path.
pub fn write(destination: &Destination, bytes: &[u8]) -> Result<(), Error> {
    write_copy(destination, bytes)
}

fn write_copy(destination: &Destination, bytes: &[u8]) -> Result<(), Error> {
    let flag = interrupt_flag();
    export::write(destination, bytes, Some(&flag)).map_err(|e| match (e.is_interrupted(), destination) {
        (true, Destination::Stdout) => Error::InterruptedAfterWriting,
        (true, _) => Error::Interrupted,
        (false, _) => Error::Write(e),
    })
}

fn stop_if_interrupted() -> Result<(), Error> {
    if interrupted() { Err(Error::Interrupted) } else { Ok(()) }
}

/// The terminal's width in columns when stdout is a terminal; `None` for a pipe or a file
/// (whose output then stays the same whatever the terminal).
pub fn terminal_width() -> Option<usize> {
    comfy_table::Table::new().width().map(usize::from).filter(|&w| w > 0)
}

/// Prints a line of text on stdout, control characters escaped (a name from a scenario
/// cannot move the cursor or change colours).
///
/// # Errors
/// [`Error::Stdout`]: a closed pipe (which ends the command quietly with status 0) or a
/// failed write.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", escape_control(text)).and_then(|()| out.flush()).map_err(Error::Stdout)
}

/// A note on stderr; a failure to write it is ignored (there is nowhere left to say so).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", escape_control(text));
}

/// Where `init -o` (and `init --from`) write, checked like every output path (a symlink is
/// written through and kept, a FIFO or a device written into); refuses an existing file (or
/// a symlink's existing target) without `--force`, a folder, a socket, and a file in a
/// folder that does not exist (all bad input, exit status 2).
pub fn destination(path: &Path, force: bool) -> Result<Destination, Error> {
    let usage = |message: String| Error::Usage(format!("--output {}: {message}", path.display()));
    if path.as_os_str() == "-" {
        return Ok(Destination::Stdout);
    }
    let checked = Destination::File(path.to_path_buf()).check().map_err(|e| usage(e.source.to_string()))?;
    // A stream or a dangling symlink's target-to-be overwrites nothing.
    if matches!(&checked, Destination::File(real) if real.exists()) && !force {
        return Err(usage("the file already exists; use --force to overwrite it, or -o to name another".into()));
    }
    Ok(checked)
}
