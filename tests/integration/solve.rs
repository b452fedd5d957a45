//! `sidecast solve` through the binary: the files it writes and the shape of `solve.json`,
//! `--json -`, an unreachable target answered in words with status 0, and every kind of
//! bad input refused with status 2 before anything runs or is written; and snapshots
//! (insta) of the terminal report and `solve.md` of a tiny seeded solve.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Sidecast, sidecast};

/// docs/model.md §2.4's setting, small: 12 customers, Poisson(1) arrivals, 10% churn.
const SCENARIO: &str = r#"
name = "Solve"
horizon_months = 12
trajectories = 1000
seed = 5
[reseller]
initial_customers = { starter = 12 }
arrivals = 1.0
churn = 0.10
[reseller.tiers.starter]
markup = 0.2
spend = 100
"#;

fn scenario(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("solve.toml");
    std::fs::write(&path, SCENARIO).expect("write scenario");
    path
}

fn solve(path: &Path, out: &Path, args: &[&str]) -> Sidecast {
    let mut cmd = sidecast();
    cmd.arg("solve").arg(path).arg("--quiet").arg("--out").arg(out).args(args);
    cmd
}

fn keys(v: &Value) -> Vec<String> {
    let mut keys = v.as_object().expect("object").keys().cloned().collect::<Vec<_>>();
    keys.sort();
    keys
}

#[test]
fn solve_writes_its_files_and_the_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = (scenario(&dir), dir.path().join("out"));
    let levers = ["--vary", "reseller.arrivals=0..6", "--vary", "reseller.churn=0.01..0.5"];
    let said =
        solve(&path, &out, &["--target", "active_customers >= 14 in 12", "--probability", "80%"]).args(levers).stdout();
    for expected in ["To reach it in 80 of 100 futures you need one of:", "arrivals ≥", "churn ≤"] {
        assert!(said.contains(expected), "no {expected:?} in:\n{said}");
    }
    for file in ["solve.json", "solve.csv", "solve.md", "solve-reseller.arrivals.png", "solve-reseller.churn.png"] {
        assert!(out.join(file).is_file(), "{file} written");
    }
    let text = std::fs::read_to_string(out.join("solve.json")).unwrap();
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["target"]["metric"], "active_customers");
    assert_eq!((report["target"]["when"].as_str(), report["target"]["month"].as_u64()), (Some("in"), Some(12)));
    assert_eq!(report["probability"].as_f64(), Some(0.8));
    let lever = &report["levers"][1];
    for key in
        ["key", "value", "interval", "probability_at_value", "std_error", "direction", "reachable", "evaluations"]
    {
        assert!(keys(lever).contains(&key.to_string()), "levers[] has {key}");
    }
    assert_eq!((lever["key"].as_str(), lever["direction"].as_str()), (Some("reseller.churn"), Some("hurts")));
    let [a, b] = [0, 1].map(|i| lever["interval"][i].as_f64().unwrap());
    let value = lever["value"].as_f64().unwrap();
    assert!(a <= value && value <= b && lever["reachable"] == true, "{lever}");
    assert!(lever["evaluations"].as_u64().unwrap() <= 15);
    let csv = std::fs::read_to_string(out.join("solve.csv")).unwrap();
    assert!(csv.starts_with("key,value,probability,std_error\nreseller.arrivals,0,"), "{csv}");
    let md = std::fs::read_to_string(out.join("solve.md")).unwrap();
    assert!(
        md.contains("# What it takes: active customers ≥ 14 in month 12") && md.contains("![solve-reseller.churn.png]")
    );
}

#[test]
fn json_to_stdout_is_json_only_and_out_of_reach_is_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = (scenario(&dir), dir.path().join("out"));
    let report = solve(&path, &out, &["--target", "active_customers >= 40 by 12", "--json", "-", "--charts", "none"])
        .args(["--vary", "reseller.arrivals=0.5..2"])
        .json();
    let lever = &report["levers"][0];
    assert_eq!((lever["status"].as_str(), lever["reachable"].as_bool()), (Some("out_of_reach"), Some(false)));
    assert!(lever["value"].is_null() && lever["interval"].is_null());
    let said = solve(&path, &out, &["--target", "active_customers >= 40 by 12", "--charts", "none"])
        .args(["--vary", "reseller.arrivals=0.5..2"])
        .stdout();
    assert!(said.contains("No lever reaches it in 80 of 100 futures within its range."), "{said}");
    assert!(said.contains("arrivals: out of reach within 0.5 – 2/month ("), "{said}");
}

#[test]
fn bad_input_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = (scenario(&dir), dir.path().join("out"));
    let arrivals = ["--vary", "reseller.arrivals=0..6"];
    let target = ["--target", "active_customers >= 14 in 12"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--target", "active_customers > 14", arrivals[0], arrivals[1]], "bad --target `active_customers > 14`"),
        (vec!["--target", "active_customer >= 14", arrivals[0], arrivals[1]], "did you mean `active_customers`"),
        (
            vec!["--target", "active_customers >= 14 in 13", arrivals[0], arrivals[1]],
            "after the last simulated month 12",
        ),
        (vec![target[0], target[1], "--probability", "1.5", arrivals[0], arrivals[1]], "--probability"),
        (vec![target[0], target[1], "--vary", "reseller.arrivals=1..5:3"], "drop the `:POINTS`"),
        (vec![target[0], target[1], "--vary", "reseller.arrivals=1,2"], "not a list"),
        (vec![target[0], target[1], "--vary", "reseller.arrivals=-1..5"], "reseller.arrivals"),
        (vec![target[0], target[1], "--vary", "reseller.tiers.nope.markup=0.1..0.5"], "no tier `nope`"),
        (vec![target[0], target[1], "--vary", "seed=1..5"], "same seed"),
        (vec![target[0], target[1], "--vary", "reseller.initial_customers.starter=1.5..3"], "whole-number ends"),
        (vec![target[0], target[1], arrivals[0], arrivals[1], arrivals[0], arrivals[1]], "given twice"),
        (vec![target[0], target[1]], "--vary"),
        (vec![arrivals[0], arrivals[1]], "--target"),
    ];
    for (args, expected) in cases {
        let stderr = solve(&path, &out, &args).refused();
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?}: nothing written");
    }
}

#[test]
fn terminal_report_and_markdown_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.toml");
    std::fs::write(&path, SCENARIO.replace("trajectories = 1000", "trajectories = 200")).unwrap();
    let levers = ["reseller.arrivals=0..6", "reseller.churn=0.01..0.5", "reseller.tiers.starter.markup=0.1..0.4"]
        .map(String::from);
    let solve = sidecast::analysis::whatif::solve::Solve::prepare(
        &sidecast::scenario::ScenarioFile::read(&path).unwrap(),
        &[],
        "active_customers >= 14 in 12",
        0.8,
        &levers,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = solve.run(&sidecast::app::Unmonitored).unwrap();
    insta::assert_snapshot!(sidecast::present::terminal::solve::render(&report, "tiny.toml"));
    let charts = ["solve-reseller.arrivals.png".to_string()];
    insta::assert_snapshot!(sidecast::export::markdown::solve_markdown(&report, &charts));
}

#[test]
fn a_target_reached_today_is_said_so_with_dates() {
    // "You need churn ≤ 0.43% (+0.43 points)" read as advice to raise churn when the target
    // was already met; and with first_month the target still said "month 12".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dated.toml");
    std::fs::write(&path, SCENARIO.replace("seed = 5", "seed = 5\nfirst_month = \"2026-12\"")).unwrap();
    let out = dir.path().join("out");
    let said = solve(&path, &out, &["--target", "active_customers >= 5 in 12", "--probability", "80%"])
        .args(["--vary", "reseller.churn=0.01..0.5"])
        .stdout();
    assert!(said.contains("active customers ≥ 5 in Nov 2027"), "{said}");
    assert!(said.contains("It is reached in 80 of 100 futures today, and stays so with churn ≤"), "{said}");
    assert!(!said.contains("you need"), "{said}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(out.join("solve.json")).unwrap()).unwrap();
    assert_eq!((report["target"]["month"].as_u64(), report["target_date"].as_str()), (Some(12), Some("2027-11")));
    let md = std::fs::read_to_string(out.join("solve.md")).unwrap();
    assert!(md.contains("in Nov 2027") && md.contains("stays so with"), "{md}");
}
