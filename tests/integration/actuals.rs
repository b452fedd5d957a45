//! `sidecast run --actuals`: your own months summarised, backtested against the bands (a
//! rank for every month and metric the history has, in `summary.json` too), and a
//! malformed history refused naming its line and column before anything is written.

use crate::common::sidecast;

#[test]
fn actuals_summary_backtest_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = sidecast()
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
        .stdout();
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
        // A reseller's scenario has nothing to rank commissions against (they are 0 in every
        // future): the backtest said "rank 100%, outside the band"; calibrate refused it.
        ("month,commission\n1,47\n2,112\n", "the history's `commission` column has nothing to compare with"),
    ];
    for (text, needle) in cases {
        let path = dir.path().join("history.csv");
        std::fs::write(&path, text).unwrap();
        let stderr = sidecast()
            .args(["run", "scenarios/reseller.toml", "-n", "10", "--actuals"])
            .arg(&path)
            .arg("--out")
            .arg(dir.path().join("out"))
            .refused();
        assert!(stderr.contains(needle), "expected {needle:?} in {stderr}");
        assert!(!dir.path().join("out").exists(), "output written despite a bad history");
    }
}
