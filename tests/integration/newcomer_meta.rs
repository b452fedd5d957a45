//! The conventions of a well-kept CLI, generated from the same definitions the program
//! uses: the scenario JSON Schema (committed as docs/scenario.schema.json, named by every
//! shipped scenario's `#:schema` line, and checked against them), shell completions, man
//! pages, `--color`, and clap refusing bad values with the allowed ones.

use assert_cmd::Command;
use clap::CommandFactory;
use predicates::prelude::*;
use sidecast::cli::Cli;
use sidecast::scenario::write::schema::scenario_schema;

fn sidecast() -> Command {
    Command::cargo_bin("sidecast").unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&scenario_schema()).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

/// A scenario's TOML as the JSON the schema describes.
fn as_json(text: &str) -> serde_json::Value {
    let table: toml::Table = toml::from_str(text).unwrap();
    serde_json::to_value(table).unwrap()
}

fn shipped_scenarios() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("scenarios")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the shipped scenarios were not found");
    files
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string("docs/scenario.schema.json").unwrap_or_default();
    let generated = scenario_schema();
    if committed != generated {
        if std::env::var_os("SIDECAST_BLESS").is_some() {
            std::fs::write("docs/scenario.schema.json", &generated).unwrap();
        } else {
            panic!(
                "docs/scenario.schema.json differs from `sidecast schema`: the raw types changed. Regenerate it: \
                 cargo run -- schema -o docs/scenario.schema.json (or run this test with SIDECAST_BLESS=1)"
            );
        }
    }
    sidecast().arg("schema").assert().success().stdout(generated);
}

#[test]
fn every_shipped_scenario_names_the_schema_and_passes_it() {
    let validator = validator();
    for path in shipped_scenarios() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("#:schema ../docs/scenario.schema.json"),
            "{}: the first line names the schema for editors",
            path.display()
        );
        let errors: Vec<String> = validator.iter_errors(&as_json(&text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_accepts_what_init_writes() {
    let validator = validator();
    for streams in [&["--reseller"][..], &["--affiliate"][..], &["--reseller", "--affiliate", "--churn", "5%..15%"][..]]
    {
        let out = sidecast().arg("init").args(streams).args(["-o", "-"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let errors: Vec<String> = validator.iter_errors(&as_json(&text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{streams:?}: {errors:?}");
    }
}

#[test]
fn the_schema_rejects_unknown_keys_and_wrong_types() {
    let validator = validator();
    let base = "[reseller]\nchurn = 0.1\n[reseller.tiers.starter]\nmarkup = 0.15\nspend = 120\n";
    assert!(validator.is_valid(&as_json(base)), "the base scenario is valid");
    for bad in [
        base.replace("churn = 0.1", "chrun = 0.1"),                 // unknown key
        base.replace("churn = 0.1", "churn = \"ten percent\""),     // text for a number
        base.replace("churn = 0.1", "churn = { beta = [2] }"),      // a distribution with one number
        base.replace("churn = 0.1", "churn = { gamma = [2, 18] }"), // an unknown distribution
        base.replace("markup = 0.15\n", ""),                        // a required key missing
        format!("horizon_months = 2.5\n{base}"),                    // not a whole number
        format!("{base}[[targets]]\nmetric = \"net_profit\"\n"),    // a target without at_least
        base.replace("spend = 120", "spend = { median = 120 }"),    // spend needs ci90
    ] {
        assert!(!validator.is_valid(&as_json(&bad)), "accepted:\n{bad}");
    }
}

#[test]
fn the_cli_definitions_are_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn completions_generate_for_every_shell_and_bash_accepts_its_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = sidecast().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("sidecast") && script.contains("init") && script.contains("trajectories"), "{shell}");
    }
    let script = sidecast().args(["completions", "bash"]).output().unwrap().stdout;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sidecast.bash");
    std::fs::write(&file, &script).unwrap();
    match std::process::Command::new("bash").arg("-n").arg(&file).output() {
        Ok(check) => assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr)),
        Err(e) => eprintln!("bash not found ({e}): the bash script's syntax was not checked"),
    }
    let metrics = String::from_utf8(script).unwrap();
    assert!(metrics.contains("cumulative_net_profit"), "bash completes metric names");
    sidecast().args(["completions", "tcsh"]).assert().code(2).stderr(predicate::str::contains("possible values"));
}

#[test]
fn man_pages_render_for_the_program_and_each_command() {
    sidecast()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie").or(predicate::str::contains(".TH sidecast")))
        .stdout(predicate::str::contains("init").and(predicate::str::contains("check")));
    for command in ["run", "init", "check", "fit-retention"] {
        sidecast()
            .args(["man", command])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(".TH sidecast-{command}")));
    }
    sidecast().args(["man", "nope"]).assert().code(2).stderr(predicate::str::contains("fit-retention"));
}

#[test]
fn color_flag_forces_or_removes_colour_on_errors() {
    let ansi = |args: &[&str], env: Option<(&str, &str)>| {
        let mut c = sidecast();
        c.args(args).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).contains('\u{1b}')
    };
    let bad = ["run", "scenarios/does-not-exist.toml"];
    let scenario_error = ["check", "tests/integration/newcomer_meta.rs"];
    assert!(!ansi(&bad, None), "a pipe gets no colour by default");
    assert!(ansi(&[&bad[..], &["--color", "always"]].concat(), None), "--color always colours a pipe");
    assert!(ansi(&[&scenario_error[..], &["--color=always"]].concat(), None), "scenario errors too");
    assert!(!ansi(&[&bad[..], &["--color", "never"]].concat(), Some(("CLICOLOR_FORCE", "1"))), "never wins");
    assert!(ansi(&["run", "--color", "always", "--bogus"], None), "clap's own errors follow --color");
    assert!(!ansi(&["run", "--color", "never", "--bogus"], Some(("CLICOLOR_FORCE", "1"))));
}

#[test]
fn clap_refuses_bad_metrics_and_thread_counts_with_the_allowed_values() {
    sidecast()
        .args(["sweep", "scenarios/reseller.toml", "--vary", "reseller.churn=0.1,0.2", "--metric", "profit"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--metric").and(predicate::str::contains("cumulative_net_profit")));
    for threads in ["0", "257", "many"] {
        sidecast()
            .args(["run", "scenarios/reseller.toml", "--threads", threads])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--threads").and(predicate::str::contains("1 to 256")));
    }
}
