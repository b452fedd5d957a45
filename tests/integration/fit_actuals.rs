//! Your own numbers in: `fit retention` and `run --actuals`.

use crate::cli::sidecast;

#[test]
fn fit_retention_json_shape_and_the_snippet_pastes_into_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let output = sidecast()
        .args(["fit", "retention", "--counts", "12,11,8", "--json", "-", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in ["alpha", "beta", "log_likelihood"] {
        assert!(json["sbg"][key].is_number(), "sbg.{key}");
    }
    assert!((json["constant"]["churn"].as_f64().unwrap() - 4.0 / 23.0).abs() < 1e-3);
    assert!(json["constant"]["log_likelihood"].is_number());
    assert_eq!(json["small_sample"], true);
    assert!(dir.path().join("survival.png").exists());
    // The active line of the snippet is a valid churn for a scenario.
    let snippet = json["toml_snippet"].as_str().unwrap();
    let churn = snippet.lines().find(|l| l.starts_with("churn =")).unwrap();
    let scenario =
        format!("name = \"x\"\ntrajectories = 10\n[reseller]\n{churn}\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 10\n");
    sidecast::scenario::parse(&scenario, "pasted.toml").unwrap_or_else(|e| panic!("{}", e.render(false)));
}

#[test]
fn fit_retention_text_and_bad_counts() {
    let dir = tempfile::tempdir().unwrap();
    let ok = sidecast()
        .args(["fit", "retention", "--survival", "100,86.9,74.3,65.3,59.3,55.1,51.7,49.1", "--charts", "none", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(text.contains("α = 0.668") && text.contains("β = 3.80"), "{text}");
    assert!(text.contains("shifted-beta-geometric"), "{text}");
    for bad in [&["--counts", "12,13,8"][..], &["--counts", "0"], &["--survival", "90,80"], &[]] {
        let output = sidecast().args(["fit", "retention"]).args(bad).arg("--out").arg(dir.path()).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn fit_retention_from_a_cohort_file() {
    let dir = tempfile::tempdir().unwrap();
    let ok = sidecast()
        .args(["fit", "retention", "--cohorts", "scenarios/cohorts.csv", "--charts", "none", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("5 cohort(s), 308 customers"));
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "2025-01,40,33,29\n2025-02,50,52,40\n").unwrap();
    let output =
        sidecast().args(["fit", "retention", "--cohorts"]).arg(&bad).arg("--out").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.csv line 2"), "{stderr}");
}

#[test]
fn actuals_summary_backtest_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let output = sidecast()
        .args([
            "run",
            "scenarios/reseller-backtest.toml",
            "-n",
            "2000",
            "--actuals",
            "scenarios/history.csv",
            "--charts",
            "none",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for text in [
        "revenue $13,195",
        "COGS $11,215",
        "gross profit $1,980",
        "40.0 h",
        "$49.50/h",
        "month   6 gross profit: $583 at rank",
    ] {
        assert!(stdout.contains(text), "expected {text:?} in:\n{stdout}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(json["actuals"]["summary"]["revenue"], 13195.0);
    let ranks = json["actuals"]["backtest"].as_array().unwrap();
    assert!(ranks.iter().all(|p| (0.0..=1.0).contains(&p["percentile_rank"].as_f64().unwrap())));
    assert_eq!(ranks.len(), 6 * 4 + 3, "revenue, cogs, gross profit, hours every month; customers in months 1, 2, 6");
}

#[test]
fn malformed_history_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("revenue,cogs\n640,544\n", "no `month` column"),
        ("month,revenue\n1,640\n2,12a\n", "line 3, column `revenue`"),
        ("month,revenue\n2,640\n1,700\n", "line 3"),
    ];
    for (text, needle) in cases {
        let path = dir.path().join("history.csv");
        std::fs::write(&path, text).unwrap();
        let output = sidecast()
            .args(["run", "scenarios/reseller.toml", "-n", "10", "--actuals"])
            .arg(&path)
            .arg("--out")
            .arg(dir.path().join("out"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(needle), "expected {needle:?} in {stderr}");
        assert!(!dir.path().join("out").exists(), "output written despite a bad history");
    }
}
