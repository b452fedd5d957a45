//! The man pages: clap_mangen renders each page from the clap definitions (name, synopsis,
//! description, options, subcommands, version) and this file adds what a man page promises
//! and `--help` does not say: EXIT STATUS (as `main` maps the error kinds), ENVIRONMENT
//! (every variable the program reads, through its crates too), FILES (what the command
//! reads and writes) and EXAMPLES. [`PAGES`] names every page: `sidecast-run.1`, and
//! `sidecast-fit-retention.1` for the nested command.

use clap_mangen::roff::{Roff, bold, italic, roman};

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
    clap_mangen::Man::new(command).render(&mut out)?;
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

/// The exit statuses, as `main` maps the kinds of error.
const EXIT_STATUS: [(&str, &str); 4] = [
    ("0", "Success; also when standard output is closed early (`| head`): the command ends quietly."),
    (
        "1",
        "A failure that is not the input's: an output that could not be written (the message names its path), \
         a chart that could not be drawn, a calibration that found no posterior.",
    ),
    (
        "2",
        "Bad input or usage, found before any work: a scenario, a history, a flag or an output path, each \
         named with what is wrong and what is allowed. Nothing was simulated or written.",
    ),
    ("130", "Stopped by Ctrl-C, SIGTERM or SIGHUP. Nothing was written, no temporary file is left."),
];

/// Every environment variable the program reads (through anstream, console and rayon).
const ENVIRONMENT: [(&str, &str); 5] = [
    ("NO_COLOR", "When set to a non-empty value, messages are not coloured (with --color auto, the default)."),
    ("CLICOLOR_FORCE", "When set to a value other than 0, messages are coloured even into a pipe or a file."),
    ("CLICOLOR", "When 0, messages are not coloured."),
    ("TERM", "A dumb terminal (TERM=dumb) gets no colour."),
    (
        "RAYON_NUM_THREADS",
        "Worker threads when --threads is not given (all cores by default); results do not depend on it.",
    ),
];

/// The files a page's command reads and writes.
fn files(page: Option<&str>) -> Vec<(&'static str, &'static str)> {
    let scenario = ("SCENARIO.toml", "A scenario (scenarios/ holds examples; sidecast schema prints its JSON Schema).");
    let staging = (
        "OUT/.sidecast-outputs",
        "The files sidecast wrote into the folder; a reused folder ends holding exactly what the last run wrote.",
    );
    match page {
        None => vec![
            scenario,
            (
                "output/SCENARIO/",
                "Where run writes by default (other commands: output/COMMAND-SCENARIO/). Every file is staged \
                 and put in place at the end, so an interrupted command leaves the folder as it was.",
            ),
            (
                "HISTORY.csv",
                "Your past months (month and any of revenue, cogs, gross_profit, hours, customers, commission).",
            ),
            ("docs/scenario.schema.json", "The scenario format's JSON Schema, for editors."),
        ],
        Some("run") => vec![
            scenario,
            (
                "output/SCENARIO/",
                "The default folder: summary.json, percentiles.csv, summary.md, the charts (fan-*, histogram-*, \
                 waterfall) and report.html.",
            ),
            ("HISTORY.csv", "With --actuals: your months, summarised, drawn on the charts and backtested."),
            staging,
        ],
        Some("compare" | "sweep" | "sensitivity" | "solve") => vec![
            scenario,
            (
                "output/COMMAND-SCENARIO/",
                "The default folder: COMMAND.json, COMMAND.csv, the charts and report.html (solve adds solve.md).",
            ),
            staging,
        ],
        Some("calibrate") => vec![
            scenario,
            ("HISTORY.csv", "With --actuals: the months the parameters are fitted to."),
            (
                "output/calibrate-SCENARIO/",
                "calibrate.json, posterior.csv (the posterior's parameter sets), calibrated.toml (the scenario \
                 drawing from them), prior-against-posterior and predictive charts, report.html.",
            ),
            staging,
        ],
        Some("fit" | "fit-retention") => vec![
            ("COHORTS.csv", "With --cohorts: one cohort a line, its start and the customers left at each age."),
            ("output/fit-retention/", "The default folder: fit.json, survival.png and report.html."),
        ],
        Some("init") => vec![(
            "scenario.toml",
            "The scenario written by default (-o FILE, - for stdout); never replaced without --force.",
        )],
        Some("check") => vec![scenario],
        Some("serve") => vec![
            scenario,
            (
                "SCENARIO's folder/NAME.toml",
                "Written only when the page's save button is pressed: a copy with the page's values and a comment \
                 saying what changed, never replacing a file unless asked.",
            ),
        ],
        Some("man") => {
            vec![("DIR/sidecast.1, DIR/sidecast-COMMAND.1", "With --out DIR: every page, or the one named.")]
        }
        _ => Vec::new(),
    }
}

/// A few commands a reader can type, from the repository's folder.
fn examples(page: Option<&str>) -> Vec<(&'static str, &'static str)> {
    match page {
        None => vec![
            ("sidecast init -o my.toml", "Write a first scenario (a few questions on a terminal)."),
            ("sidecast check my.toml", "Every value it assumes, with its unit, without simulating."),
            ("sidecast run my.toml", "The summary table, then charts and data in output/my/."),
            ("sidecast man --out ~/.local/share/man/man1", "Install every page: then man sidecast-run."),
        ],
        Some("run") => vec![
            ("sidecast run scenarios/reseller.toml", "10,000 futures: the table, then output/reseller/."),
            (
                "sidecast run scenarios/reseller.toml --set reseller.churn=0.05 -n 50000",
                "Another churn, more trajectories.",
            ),
            (
                "sidecast run scenarios/reseller.toml --json - --charts none | jq .metrics.net_profit.p50",
                "The JSON alone, to a pipe.",
            ),
            (
                "sidecast run scenarios/reseller-backtest.toml --actuals scenarios/history.csv",
                "Your months against the bands.",
            ),
        ],
        Some("compare") => vec![
            (
                "sidecast compare scenarios/reseller.toml --vary reseller.churn=0.05,0.10,0.15",
                "Three churns, the same random numbers.",
            ),
            (
                "sidecast compare scenarios/reseller.toml scenarios/side-hustle.toml",
                "Two files, the first the baseline.",
            ),
        ],
        Some("sweep") => vec![
            (
                "sidecast sweep scenarios/reseller.toml --vary reseller.arrivals=0.5..3:11",
                "A band chart against arrivals.",
            ),
            (
                "sidecast sweep scenarios/reseller.toml --vary reseller.arrivals=0.5..3:6 --vary reseller.churn=0.05..0.2:4",
                "A heatmap of two parameters.",
            ),
        ],
        Some("sensitivity") => {
            vec![("sidecast sensitivity scenarios/side-hustle.toml", "The uncertain inputs ranked (tornado chart).")]
        }
        Some("solve") => vec![(
            "sidecast solve scenarios/reseller.toml --target \"net_profit >= 1500 in 24\" --vary reseller.arrivals=0.5..6",
            "The arrival rate that reaches the target with 80% probability.",
        )],
        Some("calibrate") => vec![(
            "sidecast calibrate scenarios/reseller-calibrate.toml --actuals scenarios/history.csv --project scenarios/reseller.toml",
            "Fit the uncertain parameters to six months of history; project from calibrated.toml.",
        )],
        Some("fit" | "fit-retention") => vec![
            (
                "sidecast fit retention --counts 12,11,8",
                "Churn models for a cohort of 12 customers, and a TOML snippet.",
            ),
            ("sidecast fit retention --cohorts scenarios/cohorts.csv", "Several cohorts from a file."),
        ],
        Some("import") => vec![
            (
                "sidecast import stripe payments.csv --subscriptions subscriptions.csv",
                "Your Stripe exports into a history and cohorts.",
            ),
            ("sidecast import commissions ledger.csv", "A commission ledger into your affiliate history."),
        ],
        Some("init") => vec![
            ("sidecast init -o my.toml", "A few questions; Enter keeps each default."),
            ("sidecast init --reseller --customers 12 --churn 5%..15% -o my.toml", "From flags, without questions."),
        ],
        Some("serve") => vec![
            ("sidecast serve scenarios/reseller.toml --open", "The live page on 127.0.0.1, opened in your browser."),
            ("sidecast serve my.toml --port 8080", "On a port of your choice; Ctrl-C stops it."),
        ],
        Some("check") => {
            vec![("sidecast check scenarios/reseller.toml --set reseller.churn=0.12", "Every value, default or given.")]
        }
        Some("schema") => {
            vec![("sidecast schema -o scenario.schema.json", "The schema for an editor's #:schema line.")]
        }
        Some("completions") => vec![(
            "sidecast completions bash > ~/.local/share/bash-completion/completions/sidecast",
            "Completions for bash (zsh, fish, elvish and powershell alike).",
        )],
        Some("man") => vec![
            (
                "sidecast man --out ~/.local/share/man/man1",
                "Every page into a folder man reads: then man sidecast-run.",
            ),
            ("sidecast man run | man -l -", "One page, read at once."),
        ],
        Some(_) => Vec::new(),
    }
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
        }
    }
}
