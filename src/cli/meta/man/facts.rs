//! The facts every page states beside clap_mangen's sections: the exit statuses as `main`
//! maps the kinds of error, every environment variable the program reads, and the files a
//! page's command reads and writes.

/// The exit statuses, as `main` maps the kinds of error.
pub(super) const EXIT_STATUS: [(&str, &str); 4] = [
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
pub(super) const ENVIRONMENT: [(&str, &str); 5] = [
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
pub(super) fn files(page: Option<&str>) -> Vec<(&'static str, &'static str)> {
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
