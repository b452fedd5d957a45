//! `sidecast completions SHELL` and `sidecast man [COMMAND] [--out DIR]`: shell completion
//! scripts ([`complete`]: bash, zsh, fish and elvish written here, PowerShell's by
//! clap_complete) and roff man pages ([`man`]: clap_mangen's plus EXIT STATUS,
//! ENVIRONMENT, FILES and EXAMPLES), all generated from the clap definitions themselves.
//! They go to stdout, so one line installs them, or, for `man --out`, every page into a
//! folder (README, "In your shell").

pub mod complete;
pub mod man;

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum, ValueHint};

use super::output::{self, print};
use crate::app::Error;
use crate::export::Destination;

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (`run`, `compare`, ...; `fit retention` as `fit-retention`)
    /// [default: the main page].
    #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(man::PAGES))]
    pub command: Option<String>,
    /// Write the pages into this folder (created if missing) as sidecast.1,
    /// sidecast-run.1, ...: every page, or the one named, instead of printing it.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
}

/// The completion script for `shell` of the program `root`.
pub fn completions(mut root: clap::Command, shell: Shell) -> Vec<u8> {
    let levels = || complete::levels(&root);
    match shell {
        Shell::Bash => complete::bash(&levels()).into_bytes(),
        Shell::Zsh => complete::zsh(&levels()).into_bytes(),
        Shell::Fish => complete::fish(&levels()).into_bytes(),
        Shell::Elvish => complete::elvish(&levels()).into_bytes(),
        Shell::Powershell => {
            let mut out = Vec::new();
            clap_complete::generate(clap_complete::Shell::PowerShell, &mut root, "sidecast", &mut out);
            out
        }
    }
}

/// Which man pages to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages<'a> {
    /// The program's own page.
    Program,
    /// One command's (`run`, `fit-retention`).
    Command(&'a str),
    /// The program's and every command's.
    All,
}

/// The man page of the program `root`, or of one command (`fit-retention` for a nested one).
///
/// # Errors
/// [`Error::Usage`] for a command that does not exist, listing those that do.
pub fn man_page(root: clap::Command, command: Option<&str>) -> Result<Vec<u8>, Error> {
    let which = command.map_or(Pages::Program, Pages::Command);
    let mut pages = man_pages(root, which)?;
    Ok(pages.pop().map(|(_, bytes)| bytes).unwrap_or_default())
}

/// Pages with their file names (`sidecast.1`, `sidecast-run.1`).
///
/// # Errors
/// [`Error::Usage`] for a command that does not exist, listing those that do.
pub fn man_pages(mut root: clap::Command, which: Pages<'_>) -> Result<Vec<(String, Vec<u8>)>, Error> {
    root.build();
    let commands = man::commands(&root);
    let chosen: Vec<(Option<String>, clap::Command)> = match which {
        Pages::Program => vec![(None, root)],
        Pages::All => std::iter::once((None, root)).chain(commands.into_iter().map(|(n, c)| (Some(n), c))).collect(),
        Pages::Command(name) => {
            let names: Vec<String> = commands.iter().map(|(n, _)| n.clone()).collect();
            let found = commands.into_iter().find(|(n, _)| n == name).map(|(n, c)| (Some(n), c));
            vec![found.ok_or_else(|| {
                Error::Usage(format!("man {name}: no such command; use one of: {}", names.join(", ")))
            })?]
        }
    };
    chosen
        .into_iter()
        .map(|(name, page)| {
            let bytes = man::render(page, name.as_deref())
                .map_err(|e| Error::Encode { what: "the man page", message: e.to_string() })?;
            Ok((man::file_name(name.as_deref()), bytes))
        })
        .collect()
}

/// Prints the completion script of `root` for the asked shell.
///
/// # Errors
/// [`Error::Write`] when stdout fails (a closed pipe ends quietly).
pub fn run_completions(root: clap::Command, args: &CompletionsArgs) -> Result<(), Error> {
    output::write(&Destination::Stdout, &completions(root, args.shell))
}

/// Prints the man page of `root` or of the asked command, or writes the pages into
/// `--out`: every page when no command is named.
///
/// # Errors
/// As for [`man_pages`]; [`Error::Usage`] for a `--out` that cannot be a folder (before
/// anything is written); [`Error::Write`] naming the file that could not be written.
pub fn run_man(root: clap::Command, args: &ManArgs) -> Result<(), Error> {
    let Some(folder) = &args.out else {
        return output::write(&Destination::Stdout, &man_page(root, args.command.as_deref())?);
    };
    let pages = man_pages(root, args.command.as_deref().map_or(Pages::All, Pages::Command))?;
    prepare_folder(folder)?;
    for (name, bytes) in &pages {
        output::write(&Destination::File(folder.join(name)), bytes)?;
    }
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    print(&format!("Wrote {} man page(s) into {}: {}", pages.len(), folder.display(), names.join(", ")))
}

/// Creates the folder if missing and checks files can be made in it.
fn prepare_folder(folder: &Path) -> Result<(), Error> {
    let refuse = |why: String| Error::Usage(format!("--out {}: {why}", folder.display()));
    if folder.exists() && !folder.is_dir() {
        return Err(refuse("it is a file, not a folder".into()));
    }
    std::fs::create_dir_all(folder).map_err(|e| refuse(format!("cannot create the folder: {e}")))?;
    crate::export::destination::check_writable_folder(folder).map_err(|e| refuse(e.to_string()))
}
