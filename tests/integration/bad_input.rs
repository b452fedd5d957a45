//! Bad input gets a clear message naming the file, the key and the line, what is wrong and
//! what is allowed; exit status 2; no panic and nothing written.

use crate::common::replaced;
use crate::common::sidecast;

const VALID: &str = r#"name = "ok"
trajectories = 10
[reseller]
initial_customers = { starter = 2 }
arrival_mix = { starter = 1 }
churn = 0.1
[reseller.tiers.starter]
markup = 0.15
minimum = 50
spend = 100
[affiliate]
signups = 2
plan_mix = { pro = 1 }
[affiliate.plans.pro]
price = 19.99
"#;

/// Runs `sidecast run` on `text` and returns stderr after checking exit 2 and no output.
fn rejected(text: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    let output = sidecast().arg("run").arg(&path).args(extra).arg("--out").arg(&out).output();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "expected exit 2 for:\n{text}\nstderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists(), "output was written for a bad scenario");
    assert!(output.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&output.stdout));
    stderr
}

fn assert_mentions(stderr: &str, needles: &[&str]) {
    for needle in needles {
        assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
    }
}

#[test]
fn the_valid_base_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.toml");
    std::fs::write(&path, VALID).unwrap();
    sidecast().arg("run").arg(&path).arg("--out").arg(dir.path().join("out")).stdout();
}

#[test]
fn each_problem_is_named_with_key_line_and_rule() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("churn = 0.1", "churn = 1.2", &["reseller.churn", "1.2 is out of range", "bad.toml:6", "between 0 and 1"]),
        (
            "churn = 0.1",
            "churn = { normal = [0.1, 0.1] }",
            &["reseller.churn", "outside the allowed range", "beta = ["],
        ),
        ("churn = 0.1", "churn = { uniform = [-0.1, 0.2] }", &["reseller.churn", "outside the allowed range"]),
        ("churn = 0.1", "chrun = 0.1", &["unknown key `chrun`", "did you mean `churn`", "bad.toml:6"]),
        ("churn = 0.1", "churn = \"high\"", &["reseller.churn", "found the text \"high\""]),
        ("churn = 0.1", "churn = { bta = [2, 18] }", &["unknown distribution `bta`", "did you mean `beta`"]),
        (
            "spend = 100",
            "spend = 100\nupgrade = { to = \"grwth\", probability = 0.3 }",
            &["tier `grwth` is not defined", "defined tiers: starter"],
        ),
        (
            "arrival_mix = { starter = 1 }",
            "arrival_mix = { startr = 1 }",
            &["tier `startr` is not defined", "did you mean `starter`"],
        ),
        (
            "arrival_mix = { starter = 1 }",
            "arrival_mix = { starter = 0 }",
            &["reseller.arrival_mix", "do not sum to a positive total"],
        ),
        ("plan_mix = { pro = 1 }", "plan_mix = { pro = -1 }", &["affiliate.plan_mix.pro", "negative"]),
        ("price = 19.99", "price = -5", &["affiliate.plans.pro.price", "-5 is out of range", "from 0 to 1e9"]),
        (
            "initial_customers = { starter = 2 }",
            "initial_customers = { starter = -3 }",
            &["reseller.initial_customers.starter", "not a count"],
        ),
        ("trajectories = 10", "trajectories = 0", &["trajectories", "0 is out of range", "from 1 to"]),
        ("trajectories = 10", "trajectories = 10\nhorizon_months = 0", &["horizon_months", "from 1 to 600"]),
        ("markup = 0.15", "markup = \"fifteen\"", &["reseller.tiers.starter.markup"]),
        ("trajectories = 10", "trajectories = 2.5", &["trajectories", "floating point `2.5`, expected a whole number"]),
        (
            "price = 19.99\n",
            "price = 19.99\n[[targets]]\nmetric = \"gross_proft\"\nat_least = 700\nmonth = 99\n",
            &["unknown metric `gross_proft`", "did you mean `gross_profit`", "month 99 is outside"],
        ),
        ("[reseller]", "[reseller", &["(syntax)", "bad.toml:3"]),
    ];
    for (from, to, needles) in cases {
        assert!(VALID.contains(from), "test case does not apply: {from}");
        let stderr = rejected(&VALID.replacen(from, to, 1), &[]);
        assert_mentions(&stderr, needles);
    }
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = VALID
        .replace("churn = 0.1", "churn = 1.5")
        .replace("markup = 0.15", "markup = -1")
        .replace("price = 19.99", "price = -2");
    let stderr = rejected(&text, &[]);
    assert_mentions(
        &stderr,
        &["reseller.churn", "reseller.tiers.starter.markup", "affiliate.plans.pro.price", "3 problems in"],
    );
}

#[test]
fn start_table_conflicts_are_named() {
    let twice = replaced(VALID, "trajectories = 10", "trajectories = 10\nstart_month = 3\n[start]\nmonth = 7");
    assert_mentions(&rejected(&twice, &[]), &["start.month", "given twice"]);
    let customers_twice = format!("{VALID}[start]\ncustomers = {{ starter = 4 }}\n");
    assert_mentions(&rejected(&customers_twice, &[]), &["start.customers", "given twice"]);
}

#[test]
fn bad_overrides_are_rejected() {
    assert_mentions(&rejected(VALID, &["--set", "reseller.churn"]), &["bad --set", "KEY=VALUE"]);
    assert_mentions(&rejected(VALID, &["--set", "name.first=1"]), &["bad --set name.first=1:", "not a table"]);
    // The flag once, not "bad --set `--set ...`".
    let message = rejected(VALID, &["--set", "costs.one_off.1.amount=5"]);
    assert_mentions(&message, &["bad --set costs.one_off.1.amount=5:", "set the whole list"]);
    assert!(!message.contains("--set `--set"), "{message}");
    // A table with a bracket missing is malformed TOML, not "the text".
    let message = rejected(VALID, &["--set", "reseller.churn={ beta = [2, 18 }"]);
    assert_mentions(&message, &["is not a TOML table or list: check its brackets and commas"]);
    assert_mentions(
        &rejected(VALID, &["--set", "reseller.churn=2"]),
        &["reseller.churn", "2 is out of range", "from --set reseller.churn=2"],
    );
    assert_mentions(
        &rejected(VALID, &["--set", "reseller.chrun=0.2"]),
        &["unknown key `chrun`", "did you mean `churn`"],
    );
    assert_mentions(&rejected(VALID, &["--percentiles", "5,500"]), &["500"]);
    assert_mentions(&rejected(VALID, &["--threads", "0"]), &["--threads"]);
}

#[test]
fn unreadable_and_non_toml_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = sidecast().args(["run"]).arg(dir.path().join("missing.toml")).output();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.toml"));
    let stderr = rejected("this is not toml at all\n", &[]);
    assert_mentions(&stderr, &["bad.toml:1"]);
    let stderr = rejected("", &[]);
    assert_mentions(&stderr, &["neither a [reseller] nor an [affiliate]"]);
}

/// `compare` of two bad files names every problem of both (it stopped at the first file).
#[test]
fn compare_names_the_problems_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.toml"), VALID.replace("churn = 0.1", "churn = nan")).unwrap();
    std::fs::write(
        d.join("b.toml"),
        VALID.replace("price = 19.99", "price = -1").replace("markup = 0.15", "markup = -1"),
    )
    .unwrap();
    std::fs::write(d.join("ok.toml"), VALID).unwrap();
    let output = sidecast().current_dir(d).args(["compare", "a.toml", "ok.toml", "b.toml", "--out", "out"]).output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_mentions(&stderr, &["a.toml", "reseller.churn", "b.toml", "affiliate.plans.pro.price", "markup"]);
    assert!(stderr.contains("1 problem in a.toml") && stderr.contains("2 problems in b.toml"), "{stderr}");
    assert!(!d.join("out").exists());
}
