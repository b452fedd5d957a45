//! `sidecast completions SHELL` and `sidecast man [COMMAND]`: shell completion scripts and
//! roff man pages generated from the clap definitions themselves (clap_complete,
//! clap_mangen), written to stdout so one line installs them (README, "Shell completions
//! and man page").

use clap::Args;
use clap_complete::Shell;

use super::output;
use crate::app::Error;
use crate::export::Destination;

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
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// The completion script for `shell` of the program `root`.
pub fn completions(mut root: clap::Command, shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut root, "sidecast", &mut out);
    out
}

/// The man page of the program `root`, or of one command (`fit-retention` for a nested one).
///
/// # Errors
/// [`Error::Usage`] for a command that does not exist, listing those that do.
pub fn man_page(mut root: clap::Command, command: Option<&str>) -> Result<Vec<u8>, Error> {
    root.build();
    let page =
        match command {
            None => root,
            Some(name) => {
                let mut pages = Vec::new();
                collect(&root, "", &mut pages);
                let names: Vec<String> = pages.iter().map(|(n, _)| n.clone()).collect();
                pages.into_iter().find(|(n, _)| n == name).map(|(_, c)| c).ok_or_else(|| {
                    Error::Usage(format!("man {name}: no such command; use one of: {}", names.join(", ")))
                })?
            }
        };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Error::Encode { what: "the man page", message: e.to_string() })?;
    Ok(out)
}

/// Every subcommand, named `a-b` for `a b` (a built command's subcommands already carry
/// their page titles, `sidecast-a-b`, and usage lines, `sidecast a b`).
fn collect(command: &clap::Command, prefix: &str, out: &mut Vec<(String, clap::Command)>) {
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = if prefix.is_empty() { sub.get_name().to_string() } else { format!("{prefix}-{}", sub.get_name()) };
        out.push((name.clone(), sub.clone()));
        collect(sub, &name, out);
    }
}

/// Prints the completion script of `root` for the asked shell.
///
/// # Errors
/// [`Error::Write`] when stdout fails (a closed pipe ends quietly).
pub fn run_completions(root: clap::Command, args: &CompletionsArgs) -> Result<(), Error> {
    output::write(&Destination::Stdout, &completions(root, args.shell))
}

/// Prints the man page of `root` or of the asked command.
///
/// # Errors
/// As for [`man_page`], and [`Error::Write`] when stdout fails.
pub fn run_man(root: clap::Command, args: &ManArgs) -> Result<(), Error> {
    output::write(&Destination::Stdout, &man_page(root, args.command.as_deref())?)
}
