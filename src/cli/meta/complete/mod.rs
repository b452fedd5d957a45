//! Shell completion scripts for bash, zsh, fish and elvish, written from one reading of the
//! clap definitions ([`levels()`]): for every command, its flags and what each flag's value
//! takes, its subcommands, and what its positional arguments take. What an argument takes
//! ([`Values`]) comes from the definition itself: its possible values (metric names, chart
//! formats, shells, man pages), else its value hint (files for a scenario or a CSV, folders
//! for `--out`), else nothing (a number, a key, free text: no guesses, no file names).
//!
//! clap_complete's own scripts list flags where bash expects the scenario file, offer file
//! names for numbers and complete no values at all in elvish, so these four are generated
//! here; PowerShell's stays clap_complete's. Each script finds the command being typed the
//! same way: the words after `sidecast` that name a subcommand of the command so far, with
//! the value of every flag that takes one skipped (`--color never run` is `run`).

mod bash;
mod elvish;
mod fish;
mod levels;
mod zsh;

pub use bash::bash;
pub use elvish::elvish;
pub use fish::fish;
pub use levels::{Flag, Level, Values, levels};
pub use zsh::zsh;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    fn level<'a>(levels: &'a [Level], key: &str) -> &'a Level {
        levels.iter().find(|l| l.key() == key).unwrap_or_else(|| panic!("no command {key:?}"))
    }

    fn takes(level: &Level, long: &str) -> Option<Values> {
        level
            .flags
            .iter()
            .find(|f| f.long.as_deref() == Some(long))
            .unwrap_or_else(|| panic!("no --{long}"))
            .takes
            .clone()
    }

    #[test]
    fn every_argument_takes_what_it_means() {
        let levels = levels(&Cli::command());
        let run = level(&levels, "run");
        assert_eq!(run.positionals, [(Values::Files, "scenario".to_string())]);
        assert_eq!(takes(run, "out"), Some(Values::Folders));
        assert_eq!(takes(run, "actuals"), Some(Values::Files));
        for number in ["trajectories", "seed", "months", "threads", "paths", "precision", "scale", "size", "set"] {
            assert_eq!(takes(run, number), Some(Values::Nothing), "--{number}");
        }
        assert_eq!(takes(run, "quiet"), None, "a switch");
        assert!(matches!(takes(run, "charts"), Some(Values::Words(w)) if w == ["none", "png", "svg", "both"]));
        assert!(matches!(takes(run, "color"), Some(Values::Words(_))), "the global flag on every command");
        let sweep = level(&levels, "sweep");
        assert!(
            matches!(takes(sweep, "metric"), Some(Values::Words(w)) if w.contains(&"cumulative_net_profit".into()))
        );
        let compare = level(&levels, "compare");
        assert!(compare.many && compare.positional(5) == Some(&Values::Files));
        let Some(Values::Words(pages)) = level(&levels, "man").positional(0) else { panic!("man takes pages") };
        assert!(pages.contains(&"fit-retention".into()) && pages.contains(&"run".into()));
        assert_eq!(takes(level(&levels, "man"), "out"), Some(Values::Folders));
        assert!(level(&levels, "fit").subcommands.iter().any(|(n, _)| n == "retention"));
        assert_eq!(takes(level(&levels, "fit retention"), "cohorts"), Some(Values::Files));
        assert_eq!(level(&levels, "init").positional(0), None);
        let import = level(&levels, "import");
        assert!(matches!(import.positional(0), Some(Values::Words(w)) if w.contains(&"stripe".into())));
        assert_eq!((import.positional(1), import.positional(4)), (Some(&Values::Files), Some(&Values::Files)));
    }

    #[test]
    fn zsh_keeps_offering_flags_after_the_files() {
        let script = zsh(&levels(&Cli::command()));
        let compare = script.split("_sidecast__compare() {").nth(1).and_then(|s| s.split("\n}\n").next()).unwrap();
        assert!(compare.contains("'*:scenario:_files'"), "{compare}");
        assert!(!compare.contains("'*::"), "{compare}");
        assert!(compare.contains("'--metric='") && compare.contains(":METRIC:(active_customers "), "{compare}");
    }
}
