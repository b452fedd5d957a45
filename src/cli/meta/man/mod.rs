//! The man pages: clap_mangen renders each page from the clap definitions (name, synopsis,
//! description, options, subcommands, version) and this module adds what a man page
//! promises and `--help` does not say: EXIT STATUS (as `main` maps the error kinds),
//! ENVIRONMENT (every variable the program reads, through its crates too), FILES (what the
//! command reads and writes; these three in `facts.rs`) and EXAMPLES (`examples.rs`).
//! [`PAGES`] names every page: `sidecast-run.1`, and `sidecast-fit-retention.1` for the
//! nested command.

mod examples;
mod facts;

use clap_mangen::roff::{Roff, bold, italic, roman};

use examples::examples;
use facts::{ENVIRONMENT, EXIT_STATUS, files};

/// Every command's page, as `sidecast man COMMAND` names it (`fit retention` is
/// `fit-retention`); the program's own page is `sidecast`.
pub const PAGES: [&str; 15] = [
    "run",
    "compare",
    "sweep",
    "sensitivity",
    "solve",
    "calibrate",
    "fit",
    "fit-retention",
    "import",
    "init",
    "serve",
    "check",
    "schema",
    "completions",
    "man",
];

/// Every subcommand of a built command, named `a-b` for `a b`, with its definition.
pub fn commands(command: &clap::Command) -> Vec<(String, clap::Command)> {
    let mut out = Vec::new();
    collect(command, "", &mut out);
    out
}

fn collect(command: &clap::Command, prefix: &str, out: &mut Vec<(String, clap::Command)>) {
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = if prefix.is_empty() { sub.get_name().to_string() } else { format!("{prefix}-{}", sub.get_name()) };
        out.push((name.clone(), sub.clone()));
        collect(sub, &name, out);
    }
}

/// The file name of a page: `sidecast.1`, `sidecast-run.1`.
pub fn file_name(page: Option<&str>) -> String {
    page.map_or_else(|| "sidecast.1".into(), |p| format!("sidecast-{p}.1"))
}

/// A page rendered: clap_mangen's sections, then ours before VERSION.
///
/// # Errors
/// The renderer's I/O error (it writes into memory, so none in practice).
pub fn render(command: clap::Command, page: Option<&str>) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    // The footer names the program, not the subcommand ("run 0.1.0" by default).
    let source = format!("sidecast {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(command).source(source).render(&mut out)?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let extra = sections(page);
    let text = match text.find("\n.SH VERSION") {
        Some(at) => format!("{}\n{}{}", &text[..at], extra.trim_end(), &text[at..]),
        None => format!("{text}{extra}"),
    };
    Ok(text.into_bytes())
}

/// EXIT STATUS, ENVIRONMENT, FILES and EXAMPLES of a page, in roff.
pub fn sections(page: Option<&str>) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_STATUS {
        roff.control("TP", []).text([bold(code)]).text([roman(meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []).text([bold(name)]).text([roman(meaning)]);
    }
    let files = files(page);
    if !files.is_empty() {
        roff.control("SH", ["FILES"]);
        for (file, meaning) in files {
            roff.control("TP", []).text([italic(file)]).text([roman(meaning)]);
        }
    }
    roff.control("SH", ["EXAMPLES"]);
    for (command, meaning) in examples(page) {
        roff.control("TP", []).text([bold(command)]).text([roman(meaning)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    // The program's page lists every command's; a command's page points back to it.
    let see: Vec<String> = match page {
        None => PAGES.iter().map(|p| format!("sidecast-{p}(1)")).collect(),
        Some(_) => vec!["sidecast(1)".into()],
    };
    roff.text([roman(see.join(", "))]);
    roff.to_roff()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_page_list_is_every_command() {
        let mut root = Cli::command();
        root.build();
        let names: Vec<String> = commands(&root).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, PAGES);
        for page in PAGES {
            assert!(!examples(Some(page)).is_empty(), "{page} has examples");
        }
    }

    #[test]
    fn every_page_has_the_four_sections_before_version() {
        let mut root = Cli::command();
        root.build();
        for (name, command) in std::iter::once(("".to_string(), root.clone())).chain(commands(&root)) {
            let page = (!name.is_empty()).then_some(name.as_str());
            let text = String::from_utf8(render(command, page).unwrap()).unwrap();
            let at =
                |section: &str| text.find(&format!(".SH {section}")).unwrap_or_else(|| panic!("{name}: {section}"));
            assert!(at("\"EXIT STATUS\"") < at("ENVIRONMENT") && at("ENVIRONMENT") < at("EXAMPLES"), "{name}");
            assert!(at("EXAMPLES") < at("VERSION"), "{name}");
            let title = text.lines().find(|l| l.starts_with(".TH ")).unwrap_or_default();
            let footer = format!("\"sidecast {}\"", env!("CARGO_PKG_VERSION"));
            assert!(title.trim_end().ends_with(&footer), "{name}: the footer names the program: {title}");
        }
    }
}
