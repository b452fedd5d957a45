//! A newcomer's first ten minutes: `sidecast init` writes a scenario that runs as it is (in
//! a fresh folder, from defaults or from flags, never over an existing file), and `sidecast
//! check` lists every value it assumes, with units and defaults marked, without simulating.

use assert_cmd::Command;
use predicates::prelude::*;

fn sidecast() -> Command {
    Command::cargo_bin("sidecast").unwrap()
}

/// A folder and a `sidecast` that works in it, as a user who just cloned and ran `init`.
fn fresh() -> (tempfile::TempDir, impl Fn() -> Command) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, move || {
        let mut c = sidecast();
        c.current_dir(&path);
        c
    })
}

#[test]
fn init_then_run_gives_charts_in_a_fresh_folder() {
    let (dir, sidecast) = fresh();
    sidecast()
        .args(["init", "-o", "my.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote my.toml").and(predicate::str::contains("sidecast run my.toml")));
    let text = std::fs::read_to_string(dir.path().join("my.toml")).unwrap();
    // No terminal and no flags: the reseller's own numbers.
    assert!(text.contains("initial_customers = { starter = 8, growth = 3, studio = 1 }"), "{text}");
    assert!(text.contains("churn = 0.1 "), "{text}");
    assert!(text.contains("markup = 0.15"), "{text}");
    sidecast()
        .args(["run", "my.toml", "-n", "400", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Net profit").and(predicate::str::contains("Wrote output/my")));
    for file in ["summary.json", "summary.md", "percentiles.csv", "fan-net-profit.png"] {
        assert!(dir.path().join("output/my").join(file).is_file(), "{file} missing");
    }
}

#[test]
fn init_never_overwrites_without_force() {
    let (dir, sidecast) = fresh();
    std::fs::write(dir.path().join("mine.toml"), "# my own notes\n").unwrap();
    sidecast()
        .args(["init", "-o", "mine.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mine.toml").and(predicate::str::contains("--force")));
    assert_eq!(std::fs::read_to_string(dir.path().join("mine.toml")).unwrap(), "# my own notes\n");
    sidecast().args(["init", "-o", "mine.toml", "--force"]).assert().success();
    assert!(std::fs::read_to_string(dir.path().join("mine.toml")).unwrap().contains("[reseller]"));
}

#[test]
fn init_from_flags_with_a_churn_range_runs() {
    let (dir, sidecast) = fresh();
    sidecast()
        .args(["init", "--reseller", "--customers", "20", "--churn", "5%..15%", "--arrivals", "2", "-o", "r.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("20 customers on 3 tiers, 5%-15% churn"));
    let text = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    assert!(text.contains("churn = { ci90 = [0.05, 0.15] }"), "{text}");
    assert!(text.contains("initial_customers = { starter = 13, growth = 5, studio = 2 }"), "{text}");
    assert!(text.contains("arrivals = 2 "), "{text}");
    sidecast().args(["run", "r.toml", "-n", "300", "-q", "--charts", "none"]).assert().success();
}

#[test]
fn init_both_streams_from_flags_runs() {
    let (dir, sidecast) = fresh();
    sidecast()
        .args(["init", "--reseller", "--affiliate", "--subscribers", "pro=30,scale=4", "--churn", "0.08"])
        .args(["--subscriber-churn", "5-15%", "--first-order", "15%", "--recurring", "0.08", "--goal", "0"])
        .args(["--plan", "pro=19.99", "--plan", "scale=149.99", "--tier", "solo=20%,40", "--tier", "team=25%,300"])
        .args(["-o", "both.toml"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("both.toml")).unwrap();
    assert!(text.contains("initial_subscribers = { pro = 30, scale = 4 }"), "{text}");
    assert!(text.contains("[reseller.tiers.solo]") && text.contains("minimum = 300"), "{text}");
    assert!(text.contains("# [[targets]]"), "a goal of 0 leaves the target commented: {text}");
    sidecast().args(["run", "both.toml", "-n", "300", "-q", "--charts", "none"]).assert().success();
}

#[test]
fn init_keeps_odd_names_out_of_the_files_structure() {
    let out = sidecast().args(["init", "--name", "Tab\there\r\nand \"quotes\" = [x]", "-o", "-"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scenario = sidecast::scenario::parse(&String::from_utf8(out.stdout).unwrap(), "stdout").unwrap();
    assert_eq!(scenario.name(), "Tab\there\r\nand \"quotes\" = [x]");
}

#[test]
fn init_to_stdout_writes_only_the_scenario() {
    let output = sidecast().args(["init", "--affiliate", "-o", "-"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    sidecast::scenario::parse(&text, "stdout").unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert!(
        text.contains("price = 19.99") && text.contains("price = 149.99") && text.contains("payout_threshold = 50")
    );
}

#[test]
fn init_refuses_bad_answers_naming_the_flag() {
    let (dir, sidecast) = fresh();
    for (args, flag) in [
        (&["--churn", "150%"][..], "--churn"),
        (&["--churn", "15%..5%"][..], "--churn"),
        (&["--customers", "gold=3"][..], "--customers"),
        (&["--tier", "starter"][..], "--tier"),
        (&["--months", "0"][..], "--months"),
        (&["--affiliate", "--subscribers", "basic=3"][..], "--subscribers"),
    ] {
        sidecast()
            .arg("init")
            .args(args)
            .args(["-o", "x.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag).and(predicate::str::contains("panicked").not()));
    }
    sidecast()
        .args(["init", "-o", "no/such/folder/x.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output").and(predicate::str::contains("does not exist")));
    assert!(!dir.path().join("x.toml").exists(), "nothing is written after a refusal");
}

#[test]
fn check_lists_every_value_with_units_and_defaults() {
    sidecast().args(["check", "scenarios/reseller.toml", "--set", "reseller.churn=0.12"]).assert().success().stdout(
        predicate::str::contains("a valid scenario")
            .and(predicate::str::contains("reseller.churn"))
            .and(predicate::str::contains("12% a month"))
            .and(predicate::str::contains("reseller.tiers.starter.minimum"))
            .and(predicate::str::contains("$50 a month"))
            .and(predicate::str::contains("reseller.referral_rate"))
            .and(predicate::str::contains("(default)"))
            .and(predicate::str::contains("costs.payment_fee.fixed"))
            .and(predicate::str::contains("$0.30"))
            .and(predicate::str::contains("Nothing was simulated")),
    );
    let out = sidecast().args(["check", "scenarios/side-hustle.toml"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let churn = text.lines().find(|l| l.trim_start().starts_with("reseller.churn ")).unwrap();
    assert!(churn.contains("uncertain") && churn.contains("90% between"), "{churn}");
}

#[test]
fn check_marks_given_values_and_defaults() {
    let (dir, sidecast) = fresh();
    sidecast().args(["init", "-o", "s.toml"]).assert().success();
    let out = sidecast().args(["check", "s.toml"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |key: &str| text.lines().find(|l| l.trim_start().starts_with(&format!("{key} "))).unwrap().to_string();
    assert!(!line("reseller.churn").contains("(default)"), "{text}");
    assert!(line("reseller.spend_growth").contains("(default)"), "{text}");
    assert!(line("effort.fixed_hours").contains("4 h a month"), "{text}");
    drop(dir);
}

#[test]
fn check_reports_a_bad_scenario_exactly_as_run_does() {
    let (dir, sidecast) = fresh();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[reseller]\nchrun = 0.1\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 100\n",
    )
    .unwrap();
    let check = sidecast().args(["check", "bad.toml"]).output().unwrap();
    let run = sidecast().args(["run", "bad.toml", "-q"]).output().unwrap();
    assert_eq!(check.status.code(), Some(2));
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&check.stderr), String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&check.stderr).contains("did you mean `churn`"));
    assert!(check.stdout.is_empty());
}
