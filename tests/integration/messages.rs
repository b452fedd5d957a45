//! Messages a user can act on, and the inputs that used to be refused for no good reason
//! (issue 11 §6): flags compose with `[start]`, `--vary` reaches initial counts, per-tier
//! and per-plan metric keys work everywhere, names cannot act on the terminal or break the
//! Markdown, and `fit retention` says where its snippet goes.

use crate::common::sidecast;

const START: &str = "name = \"From today\"\ntrajectories = 30\nhorizon_months = 6\n[start]\nmonth = 7\ncustomers = { starter = 8, growth = 3 }\n[reseller]\narrivals = 1\nchurn = 0.1\n[reseller.tiers.starter]\nmarkup = 0.15\nspend = 120\n[reseller.tiers.growth]\nmarkup = 0.2\nspend = 400\n";

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn start_month_flag_composes_with_a_start_table_and_vary_reaches_initial_counts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), START).unwrap();
    let run = sidecast()
        .current_dir(dir.path())
        .args(["run", "s.toml", "-q", "--charts", "none", "--start-month", "9", "--out", "o"])
        .output();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(json(&dir.path().join("o/summary.json"))["months"][0], 9, "the flag wins over [start] month");
    let args = ["compare", "s.toml", "-q", "--charts", "none", "--out", "c"];
    let compare = sidecast()
        .current_dir(dir.path())
        .args([&args[..], &["--vary", "reseller.initial_customers.starter=2,8"]].concat())
        .output();
    assert!(compare.status.success(), "{}", String::from_utf8_lossy(&compare.stderr));
    let report = json(&dir.path().join("c/compare.json"));
    let first = |v: usize| report["variants"][v]["metrics"]["active_customers.starter"]["p50"][0].as_f64().unwrap();
    assert!(first(0) <= 3.0 && first(1) >= 8.0, "starter 2 vs 8: {} vs {}", first(0), first(1));
}

#[test]
fn per_tier_and_per_plan_keys_work_as_targets_and_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{START}[[targets]]\nmetric = \"active_customers.growth\"\nat_least = 3\n");
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    let run =
        sidecast().current_dir(dir.path()).args(["run", "s.toml", "-q", "--charts", "none", "--out", "o"]).output();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let summary = json(&dir.path().join("o/summary.json"));
    assert_eq!(summary["targets"][0]["metric"], "active_customers.growth");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("Target active customers (growth) ≥ 3"), "{stdout}");
    for command in [
        &["sweep", "s.toml", "--vary", "reseller.churn=0.1,0.2"][..],
        &["compare", "s.toml", "--vary", "reseller.churn=0.1,0.2"][..],
        &["sensitivity", "s.toml", "--vary", "reseller.churn=0.1,0.2"][..],
    ] {
        let args =
            [command, &["--metric", "active_customers.starter", "-q", "--charts", "none", "--out", "w"]].concat();
        let output = sidecast().current_dir(dir.path()).args(&args).output();
        assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stdout).contains("active customers (starter)"), "{command:?}");
    }
    let solve =
        ["solve", "s.toml", "--target", "active_customers.growth >= 2 in 12", "--vary", "reseller.churn=0.01..0.5"];
    let output = sidecast()
        .current_dir(dir.path())
        .args([&solve[..], &["-q", "--charts", "none", "--out", "v"]].concat())
        .output();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("active customers (growth) ≥ 2 in month 12"));
}

#[test]
fn names_cannot_act_on_the_terminal_or_break_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let text = START
        .replace("From today", "Red\\u001b[31m <script>")
        .replace("starter", "st\\u001b[2Jarter")
        .replace("customers = { st", "customers = { \"st")
        .replace("arter = 8", "arter\" = 8")
        .replace("tiers.st\\u001b[2Jarter]", "tiers.\"st\\u001b[2Jarter\"]");
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    let run =
        sidecast().current_dir(dir.path()).args(["run", "s.toml", "-q", "--charts", "none", "--out", "o"]).output();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(!run.stdout.contains(&0x1b) && !run.stderr.contains(&0x1b), "a raw escape reached the terminal");
    assert!(String::from_utf8_lossy(&run.stdout).contains("\\u{1b}"), "it is shown, escaped");
    let markdown = std::fs::read_to_string(dir.path().join("o/summary.md")).unwrap();
    assert!(markdown.contains("&lt;script&gt;") && !markdown.contains("<script>"), "{markdown}");
    let summary = json(&dir.path().join("o/summary.json"));
    assert_eq!(summary["scenario"], "Red\u{1b}[31m <script>", "machine outputs keep the name as typed");
    let bad = "[reseller]\n[reseller.tiers.\"a\\u001b[31m\"]\nmarkup = 2000\nspend = 1\n";
    std::fs::write(dir.path().join("bad.toml"), bad).unwrap();
    let refused = sidecast().current_dir(dir.path()).args(["run", "bad.toml", "--out", "b"]).output();
    assert_eq!(refused.status.code(), Some(2));
    assert!(!refused.stderr.contains(&0x1b), "{}", String::from_utf8_lossy(&refused.stderr));
}

#[test]
fn the_retention_snippet_says_where_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let fit = sidecast()
        .current_dir(dir.path())
        .args(["fit", "retention", "--counts", "12,11,8", "--charts", "none", "--out", "f"])
        .output();
    let stdout = String::from_utf8_lossy(&fit.stdout);
    assert!(
        stdout.contains("under [reseller] (reseller.churn") && stdout.contains("[affiliate.plans.NAME]"),
        "{stdout}"
    );
    assert!(!stdout.contains("Paste it into the tier"), "{stdout}");
}

#[test]
fn big_cohorts_fit_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    for counts in ["10000000,9000000", "1000000000000,900000000000,850000000000"] {
        let fit = sidecast()
            .current_dir(dir.path())
            .args(["fit", "retention", "--counts", counts, "--charts", "none", "--out", "f"])
            .output();
        assert!(fit.status.success(), "{}", String::from_utf8_lossy(&fit.stderr));
    }
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}
