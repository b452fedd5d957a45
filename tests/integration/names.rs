//! Names as typed, written safely (issue 25 §7, §8): a scenario, tier, plan or programme
//! name with control characters reaches no output raw (every SVG stays well-formed XML,
//! report.html, Markdown and CSV show `\u{1b}`, JSON escapes it as JSON does), for every
//! command that draws; and two series that would share one key are refused, naming both
//! places, before anything runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn binary() -> PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_sidecast"))
}

/// A scenario whose every name holds an escape and a bell (and a tab, which is text).
const CONTROLLED: &str = r#"name = "Shop\u001b[31m red\u0007"
trajectories = 30
horizon_months = 6
[reseller]
initial_customers = { "st\u001bart" = 3 }
arrivals = { ci90 = [0.5, 2] }
churn = 0.1
[reseller.tiers."st\u001bart"]
markup = 0.2
spend = 100
upgrade = { to = "gro\u0007w", probability = 0.3, within_months = 3 }
[reseller.tiers."gro\u0007w"]
markup = 0.2
spend = 300
[affiliate.programmes."pro\u001bgramme"]
signups = 2
commission = { first_order = 0.2, recurring = 0.1 }
[affiliate.programmes."pro\u001bgramme".plans."p\u0007lan"]
price = 20
churn = 0.1
[effort]
fixed_hours = 2
[costs]
monthly = { "host\u001bing" = 5 }
"#;

/// Every file of `dir` (and below) with a control character other than newline, tab or
/// carriage return, and every SVG that is not well-formed.
fn raw_controls(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".png") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
            found.push(format!("{name}: a raw {c:?}"));
        }
        if name.ends_with(".svg")
            && let Err(e) = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
        {
            found.push(format!("{name}: not a well-formed SVG: {e}"));
        }
    }
    found
}

#[test]
fn control_characters_in_names_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("s.toml"), CONTROLLED).unwrap();
    std::fs::write(d.join("history.csv"), "month,customers\n1,3\n2,4\n3,4\n").unwrap();
    let commands: Vec<(&str, Vec<&str>)> = vec![
        ("run", vec!["run", "s.toml"]),
        ("compare", vec!["compare", "s.toml", "--vary", "reseller.churn=0.1,0.2"]),
        ("sweep", vec!["sweep", "s.toml", "--vary", "reseller.churn=0.1,0.2"]),
        ("sensitivity", vec!["sensitivity", "s.toml"]),
        (
            "solve",
            vec![
                "solve",
                "s.toml",
                "--target",
                "gross_profit >= 300 in 6",
                "--vary",
                "reseller.tiers.st\u{1b}art.markup=0.1..0.5",
            ],
        ),
        (
            "calibrate",
            vec!["calibrate", "s.toml", "--actuals", "history.csv", "--particles", "100", "--max-simulations", "3000"],
        ),
    ];
    for (name, args) in commands {
        let out = d.join(name);
        let output = Command::new(binary())
            .args(&args)
            .args(["-q", "--charts", "both", "--out"])
            .arg(&out)
            .current_dir(d)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: {stderr}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.contains('\u{1b}') && !stderr.contains('\u{7}'), "{name}: a raw control on the terminal");
        if stdout.contains("Shop") {
            assert!(stdout.contains("Shop\\u{1b}[31m red\\u{7}"), "{name}: the name is shown escaped:\n{stdout}");
        }
        let raw = raw_controls(&out);
        assert!(raw.is_empty(), "{name}: {raw:#?}");
        let page = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(page.contains("\\u{1b}"), "{name}: report.html shows the escape");
    }
    let json = std::fs::read_to_string(d.join("run/summary.json")).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["scenario"], "Shop\u{1b}[31m red\u{7}", "JSON keeps the name as typed, escaped as JSON");
}

#[test]
fn two_series_that_would_share_a_key_are_refused_with_both_places() {
    let programme = |name: &str, plan: &str| {
        format!(
            "[affiliate.programmes.\"{name}\"]\nsignups = 2\ncommission = {{ first_order = 0.1 }}\n[affiliate.programmes.\"{name}\".plans.\"{plan}\"]\nprice = 10\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    for (first, second) in [(programme("a", "b"), programme("a.b", "c")), (programme("a.b", "c"), programme("a", "b"))]
    {
        let path = dir.path().join("s.toml");
        std::fs::write(&path, format!("trajectories = 10\n{first}{second}")).unwrap();
        let output =
            Command::new(binary()).arg("run").arg(&path).arg("--out").arg(dir.path().join("out")).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        for needle in ["subscribers.a.b", "affiliate.programmes.a.b", "affiliate.programmes.a.plans.b", "s.toml:"] {
            assert!(stderr.contains(needle), "no {needle:?} in:\n{stderr}");
        }
        assert!(!dir.path().join("out").exists());
    }
    // Dots alone are no collision: a programme `a.b` with a plan `c` and a programme `x`.
    let path = dir.path().join("ok.toml");
    std::fs::write(&path, format!("trajectories = 10\n{}{}", programme("a.b", "c"), programme("x", "b"))).unwrap();
    let output = Command::new(binary()).args(["check"]).arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
