//! End-to-end tests of the what-if commands (`compare`, `sweep`, `sensitivity`) through the
//! binary: the variance reduction of common random numbers against docs/model.md §2.4's
//! closed form, the `compare.json` shape other tools read, readable labels, charts on disk,
//! and every kind of bad `--vary` spec giving a clear message and exit status 2.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Sidecast, replaced};

/// 12 customers of one tier, Poisson(1) arrivals a month, constant churn: the setting of
/// docs/model.md §2.4. Fixed spend, so only churn and arrivals are random.
const CHURN_ONLY: &str = r#"
name = "Churn only"
horizon_months = 12
trajectories = 10000
seed = 11
[reseller]
initial_customers = { starter = 12 }
arrivals = 1.0
churn = 0.10
[reseller.tiers.starter]
markup = 0.2
minimum = 0
spend = 100
"#;

/// A scenario with uncertain churn and arrivals, for sensitivity.
const UNCERTAIN: &str = r#"
name = "Uncertain"
horizon_months = 12
trajectories = 2000
seed = 3
[reseller]
initial_customers = { starter = 10 }
arrivals = { uniform = [0.5, 1.5] }
churn = { beta = [2, 18] }
[reseller.tiers.starter]
markup = 0.2
minimum = 0
spend = { median = 120, ci90 = [60, 300] }
"#;

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temporary folder") }
    }

    fn scenario(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write scenario");
        path
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
}

/// `sidecast COMMAND --quiet ARGS...`.
fn sidecast(args: &[&str]) -> Sidecast {
    let mut cmd = crate::common::sidecast();
    let (command, rest) = args.split_first().expect("a subcommand");
    cmd.arg(command).arg("--quiet").args(rest);
    cmd
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read JSON")).expect("valid JSON")
}

fn series(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

/// `N0·s^(t-1) + λ(1 - s^t)/c`: mean customers billed in month t (docs/model.md §2.4).
fn expected_customers(n0: f64, lambda: f64, churn: f64, t: i32) -> f64 {
    let s = 1.0 - churn;
    n0 * s.powi(t - 1) + lambda * (1.0 - s.powi(t)) / churn
}

#[test]
fn pairing_shrinks_the_standard_error_and_the_mean_difference_matches_the_closed_form() {
    let folder = Folder::new();
    let scenario = folder.scenario("churn.toml", CHURN_ONLY);
    let out = folder.out();
    let said = sidecast(&["compare", scenario.to_str().unwrap(), "--vary", "reseller.churn=0.10,0.11", "--out"])
        .arg(&out)
        .stdout();
    assert!(said.contains("Pairing made the standard error"), "{said}");
    let report = read_json(&out.join("compare.json"));
    let d = &report["differences"][0]["metrics"]["active_customers"];
    let (mean, paired, unpaired) = (series(&d["mean"]), series(&d["std_error"]), series(&d["std_error_unpaired"]));
    // Month 1: nobody has churned yet, so every trajectory's difference is exactly zero.
    assert_eq!((mean[0], paired[0]), (0.0, 0.0));
    for m in 1..12 {
        let t = m as i32 + 1;
        assert!(
            unpaired[m] >= 3.0 * paired[m],
            "month {t}: paired {} is not 3× below unpaired {}",
            paired[m],
            unpaired[m]
        );
        let exact = expected_customers(12.0, 1.0, 0.11, t) - expected_customers(12.0, 1.0, 0.10, t);
        assert!(
            (mean[m] - exact).abs() <= 4.0 * paired[m],
            "month {t}: mean difference {} vs exact {exact} (se {})",
            mean[m],
            paired[m]
        );
    }
}

#[test]
fn compare_json_has_the_documented_shape_and_readable_labels() {
    let folder = Folder::new();
    let scenario = folder.scenario("churn.toml", &replaced(CHURN_ONLY, "trajectories = 10000", "trajectories = 300"));
    let out = folder.out();
    sidecast(&["compare", scenario.to_str().unwrap(), "--vary", "reseller.churn=0.05,0.1", "--vary"])
        .args(["reseller.arrivals=1,1.5", "--out"])
        .arg(&out)
        .stdout();
    let report = read_json(&out.join("compare.json"));
    // Key sets, sorted (serde_json's map is sorted; the file keeps the documented order).
    let keys = |v: &Value| {
        let mut keys = v.as_object().expect("object").keys().cloned().collect::<Vec<_>>();
        keys.sort();
        keys
    };
    assert_eq!(keys(&report), ["differences", "horizon_months", "months", "seed", "trajectories", "variants"]);
    assert_eq!((report["seed"].as_u64(), report["trajectories"].as_u64()), (Some(11), Some(300)));
    let labels: Vec<&str> =
        report["variants"].as_array().unwrap().iter().map(|v| v["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        [
            "churn 5%, arrivals 1/month",
            "churn 5%, arrivals 1.5/month",
            "churn 10%, arrivals 1/month",
            "churn 10%, arrivals 1.5/month"
        ]
    );
    let gp = &report["variants"][0]["metrics"]["gross_profit"];
    for statistic in ["mean", "std_error", "p5", "p25", "p50", "p75", "p95"] {
        assert_eq!(gp[statistic].as_array().map(Vec::len), Some(12), "{statistic}");
    }
    let differences = report["differences"].as_array().unwrap();
    assert_eq!(differences.len(), 3);
    assert_eq!(keys(&differences[0]), ["baseline", "label", "metrics"]);
    assert_eq!(differences[2]["label"], "churn 10%, arrivals 1.5/month");
    assert_eq!(differences[2]["baseline"], "churn 5%, arrivals 1/month");
    let d = &differences[0]["metrics"]["cumulative_gross_profit"];
    assert_eq!(keys(d), ["mean", "p5", "p50", "p95", "prob_better", "std_error", "std_error_unpaired"]);
    assert!(d.as_object().unwrap().values().all(|v| v.as_array().map(Vec::len) == Some(12)));
    for file in ["compare.csv", "overlay.png", "difference-2.png", "difference-4.png"] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let csv = std::fs::read_to_string(out.join("compare.csv")).unwrap();
    assert!(csv.starts_with("variant,metric,month,statistic,value\n"));
    assert!(csv.contains("\"churn 10%, arrivals 1.5/month\",cumulative_gross_profit,12,prob_better,"));
}

#[test]
fn compare_of_two_files_runs_them_alike() {
    let folder = Folder::new();
    let small = replaced(CHURN_ONLY, "trajectories = 10000", "trajectories = 200");
    let a = folder.scenario("a.toml", &small);
    let b = folder.scenario(
        "b.toml",
        &replaced(
            &replaced(&small, "name = \"Churn only\"", "name = \"Faster churn\""),
            "churn = 0.10\n",
            "churn = 0.20\n",
        ),
    );
    let out = folder.out();
    sidecast(&["compare", a.to_str().unwrap(), b.to_str().unwrap(), "--out"]).arg(&out).stdout();
    let report = read_json(&out.join("compare.json"));
    assert_eq!(report["differences"][0]["label"], "Faster churn");
    assert_eq!(report["differences"][0]["baseline"], "Churn only");
}

#[test]
fn sweep_medians_move_monotonically_with_common_random_numbers() {
    let folder = Folder::new();
    let scenario = folder.scenario("churn.toml", &replaced(CHURN_ONLY, "trajectories = 10000", "trajectories = 500"));
    let out = folder.out();
    let said = sidecast(&[
        "sweep",
        scenario.to_str().unwrap(),
        "--vary",
        "reseller.arrivals=0.5..3:6",
        "--target-prob",
        "1500",
    ])
    .arg("--out")
    .arg(&out)
    .stdout();
    assert!(said.contains("arrivals 1.5/month"), "{said}");
    let report = read_json(&out.join("sweep.json"));
    let medians: Vec<f64> = report["points"].as_array().unwrap().iter().map(|p| p["p50"].as_f64().unwrap()).collect();
    assert_eq!(medians.len(), 6);
    assert!(medians.windows(2).all(|w| w[0] < w[1]), "{medians:?}");
    assert!(out.join("sweep.png").is_file() && out.join("sweep.csv").is_file());

    sidecast(&["sweep", scenario.to_str().unwrap(), "--vary", "reseller.arrivals=0.5,1", "--vary"])
        .args(["reseller.churn=0.05,0.1,0.2", "--month", "6", "--out"])
        .arg(&out)
        .stdout();
    assert!(out.join("heatmap.png").is_file());
}

#[test]
fn sensitivity_ranks_churn_against_profit() {
    let folder = Folder::new();
    let scenario = folder.scenario("uncertain.toml", UNCERTAIN);
    let out = folder.out();
    let said =
        sidecast(&["sensitivity", scenario.to_str().unwrap(), "--vary", "reseller.tiers.starter.markup=0.1,0.3"])
            .arg("--out")
            .arg(&out)
            .stdout();
    assert!(said.contains("churn") && said.contains("markup starter 10% – 30%"), "{said}");
    let report = read_json(&out.join("sensitivity.json"));
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 3);
    let swings: Vec<f64> = inputs.iter().map(|i| i["swing"].as_f64().unwrap()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "sorted by swing: {swings:?}");
    let churn = inputs.iter().find(|i| i["key"] == "reseller.churn").unwrap();
    assert!(churn["median_at_low"].as_f64() > churn["median_at_high"].as_f64());
    assert!(churn["rank_correlation"].as_f64().unwrap() < -0.2, "{churn}");
    let arrivals = inputs.iter().find(|i| i["key"] == "reseller.arrivals").unwrap();
    assert!(arrivals["rank_correlation"].as_f64().unwrap() > 0.2, "{arrivals}");
    assert!(out.join("tornado.png").is_file());
}

#[test]
fn bad_what_if_input_gets_a_clear_message_and_exit_status_2() {
    let folder = Folder::new();
    let scenario = folder.scenario("churn.toml", &replaced(CHURN_ONLY, "trajectories = 10000", "trajectories = 50"));
    let s = scenario.to_str().unwrap();
    let fixed = folder.scenario("fixed.toml", &replaced(CHURN_ONLY, "trajectories = 10000", "trajectories = 50"));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["compare", s, "--vary", "reseller.churnn=0.1,0.2"], "did you mean `churn`"),
        (vec!["compare", s, "--vary", "reseller.churn=0.1,1.5"], "1.5 is out of range"),
        (vec!["compare", s, "--vary", "reseller.churn=0.1,1.5"], "from --vary reseller.churn=1.5"),
        (vec!["compare", s, "--vary", "reseller.churn="], "the list of values is empty"),
        (vec!["compare", s, "--vary", "reseller.churn=0.1,,0.2"], "value number 2 is empty"),
        (vec!["compare", s, "--vary", "reseller.arrivals=0.5..3"], "no number of points"),
        (vec!["compare", s, "--vary", "reseller.arrivals=0.5..x:3"], "`x` is not a number"),
        (vec!["compare", s, "--vary", "reseller.tiers.startr.markup=0.1,0.2"], "did you mean `starter`"),
        (vec!["compare", s, "--vary", "affiliate.signups=1,2"], "no [affiliate] section"),
        (vec!["compare", s, "--vary", "reseller.churn=0.1"], "at least two variants"),
        (vec!["compare", s, "--vary", "seed=1,2"], "the same seed, trajectories and horizon"),
        (vec!["compare", s], "at least two variants"),
        (
            vec!["compare", s, "--vary", "reseller.churn=0.1,0.2", "--metric", "profit"],
            "a similar value exists: 'net_profit'",
        ),
        (vec!["sweep", s, "--vary", "reseller.churn={ beta = [2, 18] },0.1"], "a sweep needs numbers"),
        (vec!["sweep", s, "--vary", "a=1,2", "--vary", "b=1,2", "--vary", "c=1,2"], "one --vary"),
        (vec!["sweep", s, "--vary", "reseller.churn=0.1,0.2", "--month", "13"], "outside the simulated months 1 to 12"),
        (vec!["sensitivity", fixed.to_str().unwrap()], "no uncertain inputs"),
        (vec!["sensitivity", s, "--vary", "reseller.churn=0.1"], "needs a numeric low and high"),
    ];
    for (args, message) in cases {
        let refusal = sidecast(&args).arg("--out").arg(folder.out()).refused();
        assert!(refusal.contains(message), "{args:?}: {refusal}");
    }
    assert!(!folder.out().exists(), "bad input must not leave any output");
}

/// Every command reads its scenario once: given as a pipe (`<(...)`, readable once), each
/// works as with the file, and `check` marks defaults from the text it loaded.
#[test]
fn a_scenario_given_as_a_pipe_is_read_once_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).display().to_string();
    let piped = "\"$0\" \"$1\" <(cat scenarios/reseller.toml) \"${@:2}\"";
    let quick = ["-n", "200", "-q", "--charts", "none"];
    let listing = crate::common::sidecast().args(["check"]).through(piped).stdout();
    let line =
        |key: &str| listing.lines().find(|l| l.trim_start().starts_with(&format!("{key} "))).unwrap().to_string();
    assert!(!line("reseller.churn").contains("(default)"), "given in the file:\n{listing}");
    assert!(line("reseller.referral_rate").contains("(default)"), "not in the file:\n{listing}");
    let cases: [(&str, Vec<&str>); 5] = [
        ("compare", vec!["--vary", "reseller.churn=0.05,0.1"]),
        ("sweep", vec!["--vary", "reseller.churn=0.05,0.1"]),
        ("sensitivity", vec!["--vary", "reseller.churn=0.05,0.15"]),
        ("solve", vec!["--target", "gross_profit >= 700 in 12", "--vary", "reseller.arrivals=0.5..5"]),
        ("run", vec!["--explore", "reseller.churn=0.05..0.15:3"]),
    ];
    for (command, extra) in cases {
        crate::common::sidecast()
            .arg(command)
            .args(&extra)
            .args(quick)
            .args(["--out", &out(command)])
            .through(piped)
            .stdout();
        assert!(Path::new(&out(command)).is_dir(), "{command} wrote nothing");
    }
}
