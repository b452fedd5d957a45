//! `sidecast fit retention`: the JSON's shape and a snippet that pastes into a scenario,
//! the fitted shifted-beta-geometric of a published survival curve, cohorts from a file,
//! and bad counts and cohort files refused naming the line.

use crate::common::sidecast;

#[test]
fn fit_retention_json_shape_and_the_snippet_pastes_into_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let json =
        sidecast().args(["fit", "retention", "--counts", "12,11,8", "--json", "-", "--out"]).arg(dir.path()).json();
    for key in ["alpha", "beta", "log_likelihood"] {
        assert!(json["sbg"][key].is_number(), "sbg.{key}");
    }
    assert!((json["constant"]["churn"].as_f64().unwrap() - 4.0 / 23.0).abs() < 1e-3);
    assert!(json["constant"]["log_likelihood"].is_number());
    assert_eq!(json["small_sample"], true);
    assert!(dir.path().join("survival.png").exists());
    // Every churn line of the snippet, active or the commented alternative, is a valid churn
    // for a scenario; with millions of customers too (Beta(380001, 3420001) was pasted, and
    // refused: shapes go up to 1,000,000).
    for counts in ["12,11,8", "2000000,1800000,1620000", "5000000,4500000,4100000"] {
        let json =
            sidecast().args(["fit", "retention", "--counts", counts, "--json", "-", "--out"]).arg(dir.path()).json();
        let snippet = json["toml_snippet"].as_str().unwrap();
        let lines: Vec<&str> =
            snippet.lines().map(|l| l.trim_start_matches("# ")).filter(|l| l.starts_with("churn =")).collect();
        assert!(!lines.is_empty(), "{snippet}");
        for churn in lines {
            let scenario = format!(
                "name = \"x\"\ntrajectories = 10\n[reseller]\n{churn}\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 10\n"
            );
            sidecast::scenario::parse(&scenario, "pasted.toml")
                .unwrap_or_else(|e| panic!("{counts}: {churn}: {}", e.render(false)));
        }
    }
}

#[test]
fn fit_retention_text_and_bad_counts() {
    let dir = tempfile::tempdir().unwrap();
    let text = sidecast()
        .args(["fit", "retention", "--survival", "100,86.9,74.3,65.3,59.3,55.1,51.7,49.1", "--charts", "none", "--out"])
        .arg(dir.path())
        .stdout();
    assert!(text.contains("α = 0.668") && text.contains("β = 3.80"), "{text}");
    assert!(text.contains("shifted-beta-geometric"), "{text}");
    for bad in [&["--counts", "12,13,8"][..], &["--counts", "0"], &["--survival", "90,80"], &[]] {
        sidecast().args(["fit", "retention"]).args(bad).arg("--out").arg(dir.path()).refused();
    }
}

#[test]
fn fit_retention_from_a_cohort_file() {
    let dir = tempfile::tempdir().unwrap();
    let said = sidecast()
        .args(["fit", "retention", "--cohorts", "scenarios/cohorts.csv", "--charts", "none", "--out"])
        .arg(dir.path())
        .stdout();
    assert!(said.contains("5 cohort(s), 308 customers"), "{said}");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "2025-01,40,33,29\n2025-02,50,52,40\n").unwrap();
    let stderr = sidecast().args(["fit", "retention", "--cohorts"]).arg(&bad).arg("--out").arg(dir.path()).refused();
    assert!(stderr.contains("bad.csv line 2"), "{stderr}");
}
