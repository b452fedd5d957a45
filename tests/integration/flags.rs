//! What every command shares: clap's definitions are consistent, `--help` and `--version`
//! answer, an unknown command is a usage error, `--color` (with NO_COLOR and
//! CLICOLOR_FORCE) decides colour in every message, and clap refuses bad values naming the
//! allowed ones.

use clap::CommandFactory;
use sidecast::cli::Cli;

use crate::common::{sidecast, text};

#[test]
fn the_cli_definitions_are_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn help_version_and_an_unknown_command() {
    let help = sidecast().arg("--help").stdout();
    assert!(help.contains("run") && help.contains("completions"), "{help}");
    let version = sidecast().arg("--version").stdout();
    assert_eq!(version.trim(), format!("sidecast {}", env!("CARGO_PKG_VERSION")));
    let refusal = sidecast().arg("frobnicate").refused();
    assert!(refusal.contains("frobnicate"), "{refusal}");
}

#[test]
fn color_flag_forces_or_removes_colour_on_errors() {
    let ansi = |args: &[&str], env: Option<(&str, &str)>| {
        let mut c = sidecast();
        c.args(args);
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        text(&c.code(2).stderr).contains('\u{1b}')
    };
    let bad = ["run", "scenarios/does-not-exist.toml"];
    let scenario_error = ["check", "tests/integration/flags.rs"];
    assert!(!ansi(&bad, None), "a pipe gets no colour by default");
    assert!(ansi(&bad, Some(("CLICOLOR_FORCE", "1"))), "CLICOLOR_FORCE colours a pipe");
    assert!(!ansi(&bad, Some(("NO_COLOR", "1"))), "NO_COLOR");
    assert!(ansi(&[&bad[..], &["--color", "always"]].concat(), None), "--color always colours a pipe");
    assert!(ansi(&[&scenario_error[..], &["--color=always"]].concat(), None), "scenario errors too");
    assert!(!ansi(&[&bad[..], &["--color", "never"]].concat(), Some(("CLICOLOR_FORCE", "1"))), "never wins");
    assert!(ansi(&["run", "--color", "always", "--bogus"], None), "clap's own errors follow --color");
    assert!(!ansi(&["run", "--color", "never", "--bogus"], Some(("CLICOLOR_FORCE", "1"))));
}

#[test]
fn clap_refuses_bad_metrics_and_thread_counts_with_the_allowed_values() {
    let refusal = sidecast()
        .args(["sweep", "scenarios/reseller.toml", "--vary", "reseller.churn=0.1,0.2", "--metric", "profit"])
        .refused();
    assert!(refusal.contains("--metric") && refusal.contains("cumulative_net_profit"), "{refusal}");
    for threads in ["0", "257", "many"] {
        let refusal = sidecast().args(["run", "scenarios/reseller.toml", "--threads", threads]).refused();
        assert!(refusal.contains("--threads") && refusal.contains("1 to 256"), "{refusal}");
    }
}
