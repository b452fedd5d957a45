//! `sidecast run` as a user meets it: a summary on the terminal, `summary.json` and
//! `percentiles.csv` in the output folder, `--json -` on stdout (null, never NaN, for an
//! undefined value), `--set` and the flags over the file, the same bytes on one thread or
//! two, and a `[start]` table projecting from today.

use crate::common::sidecast;

#[test]
fn run_writes_summary_json_and_percentiles_csv() {
    let out = tempfile::tempdir().unwrap();
    let table = sidecast().args(["run", "scenarios/reseller.toml", "-n", "2000", "--out"]).arg(out.path()).stdout();
    assert!(table.contains("Gross profit") && table.contains("month 30"), "{table}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(json["trajectories"], 2000);
    assert_eq!(json["horizon_months"], 24);
    assert_eq!(json["seed"], 2026);
    for key in [
        "active_customers",
        "subscribers",
        "revenue",
        "cogs",
        "commission_earned",
        "commission_paid",
        "gross_profit",
        "cumulative_gross_profit",
        "hours",
        "hourly_rate",
    ] {
        let metric = &json["metrics"][key];
        for statistic in ["mean", "std_error", "p5", "p25", "p50", "p75", "p95"] {
            assert_eq!(metric[statistic].as_array().map(Vec::len), Some(24), "{key}.{statistic}");
        }
    }
    let csv = std::fs::read_to_string(out.path().join("percentiles.csv")).unwrap();
    assert!(csv.starts_with("metric,month,statistic,value\n"));
    assert!(csv.contains("\ngross_profit,12,p50,"));
}

#[test]
fn json_to_stdout_and_undefined_hourly_rate_is_null() {
    // No hours at all: the hourly rate is undefined every month and must be null, never NaN.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nohours.toml");
    std::fs::write(&path, "name = \"no hours\"\ntrajectories = 50\n[reseller]\ninitial_customers = { a = 2 }\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n").unwrap();
    let json = sidecast().arg("run").arg(&path).args(["--json", "-", "--out"]).arg(dir.path().join("out")).json();
    assert!(json["metrics"]["hourly_rate"]["p50"].as_array().unwrap().iter().all(serde_json::Value::is_null));
    assert_eq!(json["metrics"]["hourly_rate"]["defined"][0], 0);
    assert_eq!(json["metrics"]["gross_profit"]["p50"][0], 40.0);
}

#[test]
fn set_and_flags_override_the_file() {
    let out = tempfile::tempdir().unwrap();
    let json = sidecast()
        .args([
            "run",
            "scenarios/reseller.toml",
            "--set",
            "reseller.churn=0.5",
            "--months",
            "6",
            "--seed",
            "1",
            "-n",
            "300",
            "--json",
            "-",
            "--out",
        ])
        .arg(out.path())
        .json();
    assert_eq!(json["horizon_months"], 6);
    assert_eq!(json["seed"], 1);
    assert_eq!(json["trajectories"], 300);
    // Half the base leaves each month: about 12·0.5^5 + 1·(1-0.5^6)/0.5 ≈ 2.4 customers in month 6.
    let mean = json["metrics"]["active_customers"]["mean"][5].as_f64().unwrap();
    assert!((1.8..3.0).contains(&mean), "{mean}");
}

#[test]
fn same_output_with_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(threads);
        sidecast()
            .args(["run", "scenarios/side-hustle.toml", "-n", "1500", "-q", "--threads", threads, "--out"])
            .arg(&out)
            .stdout();
        files.push(std::fs::read(out.join("summary.json")).unwrap());
    }
    assert!(files[0] == files[1], "summary.json differs between 1 and 2 threads");
}

#[test]
fn start_table_projects_from_today() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("today.toml");
    let text = "name = \"today\"\ntrajectories = 20\n[start]\nmonth = 7\ncustomers = { a = 12 }\n[reseller]\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n";
    std::fs::write(&path, text).unwrap();
    let json = sidecast()
        .arg("run")
        .arg(&path)
        .args(["--json", "-", "--charts", "none", "--out"])
        .arg(dir.path().join("out"))
        .json();
    assert_eq!(json["months"][0], 7);
    assert_eq!(json["metrics"]["active_customers"]["p50"][0], 12.0);
}

#[test]
fn precision_says_how_many_trajectories_it_took_as_a_person_reads_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = sidecast()
        .args(["run", "scenarios/reseller.toml", "-n", "2000", "--precision", "50%", "--charts", "none", "-q", "--out"])
        .arg(dir.path().join("out"))
        .output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // It starts from a batch of a few thousand; the count is grouped as every count is.
    let count = stderr.split("--precision 50%: reached with ").nth(1).and_then(|s| s.split(' ').next()).unwrap_or("");
    let (thousands, units) = count.split_once(',').unwrap_or_else(|| panic!("{stderr}"));
    assert!(!thousands.is_empty() && units.len() == 3, "{stderr}");
}
