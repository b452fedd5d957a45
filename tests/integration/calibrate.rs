//! `sidecast calibrate` wired to the engine: the posterior of a churn rate against the
//! exact Beta posterior of docs/model.md §13 (binomial survival of a closed cohort), a
//! parameter the history says nothing about keeping its prior, the command's files and
//! their shapes, the calibrated scenario running from the posterior, and bad pairs of
//! scenario and history refused before any work with nothing written.

use std::process::Command;

use serde_json::Value;
use statrs::distribution::{Beta, ContinuousCDF};

use sidecast::abc::{Calibration, Settings};
use sidecast::actuals::History;
use sidecast::analysis::inference::calibrate::Setup;
use sidecast::engine::Unmonitored;

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("sidecast")
}

/// A closed cohort of 200 customers, no arrivals, churn drawn from Beta(2, 18).
const COHORT: &str = r#"
name = "Closed cohort"
horizon_months = 6
trajectories = 2000
seed = 11
[reseller]
initial_customers = { only = 200 }
arrivals = 0
churn = { beta = [2, 18] }
[reseller.tiers.only]
markup = 0.2
spend = 100
support_hours = { uniform = [0.1, 0.5] }
"#;

fn calibrated(scenario: &str, history: &str, particles: usize) -> Calibration {
    let scenario = sidecast::scenario::parse(scenario, "test.toml").unwrap_or_else(|e| panic!("{}", e.render(false)));
    let history = History::parse_csv(history, "history.csv").unwrap();
    let setup = Setup::new(&scenario, &history, "test.toml").unwrap();
    let settings = Settings { seed: 5, particles, ..Settings::default() };
    setup.calibrate(&settings, &Unmonitored).unwrap().unwrap()
}

#[test]
fn churn_of_a_closed_cohort_matches_the_exact_beta_posterior_and_hours_keep_their_prior() {
    // Billed 200, 180, 162: 38 of 380 customer-renewals churned. With the Beta(2, 18)
    // prior the posterior is Beta(2 + 38, 18 + 342) exactly (the counts are sufficient).
    let c = calibrated(COHORT, "month,customers\n1,200\n2,180\n3,162\n", 400);
    let churn = c.parameters.iter().find(|p| p.key == "reseller.churn").unwrap();
    let exact = Beta::new(40.0, 360.0).unwrap();
    let (p5, p50, p95) = (exact.inverse_cdf(0.05), exact.inverse_cdf(0.5), exact.inverse_cdf(0.95));
    let sd = (40.0 * 360.0 / (400.0f64.powi(2) * 401.0)).sqrt();
    assert!((churn.posterior.p50 - p50).abs() < 0.5 * sd, "median {} vs exact {p50}", churn.posterior.p50);
    let (width, exact_width) = (churn.posterior.p95 - churn.posterior.p5, p95 - p5);
    assert!((0.8..1.35).contains(&(width / exact_width)), "90% width {width} vs exact {exact_width}");
    // Against the prior's 2-22%, the history pins churn to a few percentage points.
    assert!(churn.width_ratio.unwrap() < 0.3, "{:?}", churn.width_ratio);

    // Support hours leave the customer counts untouched: their posterior is their prior,
    // Uniform(0.1, 0.5), to within the resampling noise of a few hundred particles.
    let hours = c.parameters.iter().find(|p| p.key == "reseller.tiers.only.support_hours").unwrap();
    for (posterior, prior) in [
        (hours.posterior.p5, hours.prior.p5),
        (hours.posterior.p50, hours.prior.p50),
        (hours.posterior.p95, hours.prior.p95),
    ] {
        assert!((posterior - prior).abs() < 0.05, "{posterior} vs prior {prior}");
    }
    assert!((0.85..1.1).contains(&hours.width_ratio.unwrap()), "{:?}", hours.width_ratio);
}

fn calibrate(args: &[&str]) -> std::process::Output {
    Command::new(binary()).arg("calibrate").args(args).output().unwrap()
}

#[test]
fn the_command_writes_the_posterior_the_calibrated_scenario_and_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cal");
    let output = calibrate(&[
        "scenarios/reseller-calibrate.toml",
        "--actuals",
        "scenarios/history.csv",
        "--project",
        "scenarios/reseller.toml",
        "--particles",
        "300",
        "-q",
        "--charts",
        "svg",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("churn (reseller.churn)") && stdout.contains("Posterior predictive check"), "{stdout}");

    let json: Value = serde_json::from_slice(&std::fs::read(out.join("calibrate.json")).unwrap()).unwrap();
    for key in ["method", "simulations", "accepted", "effective_sample_size", "parameters", "predictive"] {
        assert!(json.get(key).is_some(), "calibrate.json lacks {key}");
    }
    let keys = ["reseller.arrivals", "reseller.churn", "reseller.tiers.starter.spend.median"];
    for key in keys {
        for side in ["prior", "posterior"] {
            for q in ["p5", "p50", "p95", "mean"] {
                assert!(json["parameters"][key][side][q].is_f64(), "parameters.{key}.{side}.{q}");
            }
        }
    }
    // Every history cell is checked: 6 months of revenue, COGS, gross profit and hours, and
    // the 3 months with a customer count; each with a rank in 0-1 as `run --actuals` gives it.
    let predictive = json["predictive"].as_array().unwrap();
    assert_eq!(predictive.len(), 27);
    assert!(predictive.iter().all(|p| (0.0..=1.0).contains(&p["percentile_rank"].as_f64().unwrap())));
    assert!(predictive.iter().any(|p| p["percentile_rank"].as_f64().unwrap() > 0.2), "ranks are fractions");
    assert_eq!(json["months"], serde_json::json!([1, 2, 3, 4, 5, 6]));

    let csv = std::fs::read_to_string(out.join("posterior.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), keys.join(","));
    assert_eq!(lines.count(), 4000);
    for name in ["posterior-reseller-churn.svg", "predictive-revenue.svg", "report.html", "calibrated.toml"] {
        assert!(out.join(name).exists(), "{name} missing");
    }

    // The calibrated scenario is the projection from month 7, drawing from the posterior.
    let toml = std::fs::read_to_string(out.join("calibrated.toml")).unwrap();
    assert!(toml.contains("parameter_sets = \"posterior.csv\"") && toml.contains("start_month = 7"), "{toml}");
    let run = Command::new(binary())
        .args(["run", out.join("calibrated.toml").to_str().unwrap(), "-n", "500", "-q", "--charts", "none"])
        .args(["--out", dir.path().join("run").to_str().unwrap(), "--json", "-"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let summary: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(summary["months"][0], 7);
}

#[test]
fn json_on_stdout_is_the_report_and_the_same_seed_gives_the_same_posterior() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let out = dir.path().join(name);
        let output = calibrate(&[
            "scenarios/affiliate.toml",
            "--actuals",
            "scenarios/creator-history.csv",
            "--particles",
            "200",
            "-q",
            "--charts",
            "none",
            "--json",
            "-",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (output.stdout, std::fs::read(out.join("posterior.csv")).unwrap())
    };
    let (a, sets_a) = run("a");
    let (b, sets_b) = run("b");
    assert_eq!(a, b);
    assert_eq!(sets_a, sets_b);
    let json: Value = serde_json::from_slice(&a).unwrap();
    assert!(json["parameters"]["affiliate.plans.pro.churn"]["posterior"]["p50"].is_f64());
    assert_eq!(json["predictive"].as_array().unwrap().len(), 3);
}

#[test]
fn pairs_that_cannot_be_calibrated_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let fixed =
        write("fixed.toml", &COHORT.replace("{ beta = [2, 18] }", "0.1").replace("{ uniform = [0.1, 0.5] }", "0.2"));
    let cohort = write("cohort.toml", COHORT);
    let late = write("late.toml", &format!("start_month = 3\n{COHORT}"));
    let counts = write("counts.csv", "month,customers\n1,200\n2,180\n");
    let commission = write("commission.csv", "month,commission\n1,40\n");
    let beyond = write("beyond.csv", "month,customers\n7,150\n");
    write("sets.csv", "reseller.churn\n0.1\n");
    let joint = write("joint.toml", &format!("parameter_sets = \"sets.csv\"\n{COHORT}"));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![&fixed, "--actuals", &counts], "no uncertain parameter to calibrate"),
        (vec![&late, "--actuals", &counts], "month 1 is before the scenario's first month 3"),
        (vec![&cohort, "--actuals", &commission], "`commission` column has nothing to compare with"),
        (vec![&cohort, "--actuals", &beyond], "month 7 is after the scenario's last month 6"),
        (vec![&joint, "--actuals", &counts], "remove `parameter_sets`"),
        (vec![&cohort, "--actuals", &counts, "--project", &joint], "already draws its parameters from parameter sets"),
        (vec![&cohort, "--actuals", &counts, "--particles", "5"], "--particles"),
        (vec![&cohort, "--actuals", &counts, "--max-time", "1s"], "lower --max-simulations"),
        (vec![&cohort], "--actuals"),
    ];
    for (args, expected) in cases {
        let out = dir.path().join("out");
        let mut all = args.clone();
        all.extend(["-q", "--out", out.to_str().unwrap()]);
        let output = calibrate(&all);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in {stderr}");
        assert!(output.stdout.is_empty() && !out.exists(), "{args:?} wrote something");
    }
}

/// Simulation-based calibration with the engine itself (docs/calibration.md): histories
/// simulated from parameters drawn from the prior, each calibrated; the 90% intervals must
/// contain the truth in 85-98% of cases for every parameter. Minutes in a release build:
/// `cargo test --release --test integration -- --ignored engine_sbc --nocapture`.
#[test]
#[ignore = "minutes of release-build time; the figures are in docs/calibration.md"]
fn engine_sbc_intervals_cover_the_truth() {
    use rand::SeedableRng;
    use sidecast::abc::Prior;
    let histories: usize = std::env::var("SBC_HISTORIES").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let text = std::fs::read_to_string("scenarios/reseller-calibrate.toml").unwrap();
    let scenario = sidecast::scenario::parse(&text, "reseller-calibrate.toml").unwrap();
    let history = History::parse_csv(&std::fs::read_to_string("scenarios/history.csv").unwrap(), "h").unwrap();
    let mut setup = Setup::new(&scenario, &history, "reseller-calibrate.toml").unwrap();
    // The history's shape: the cells it leaves empty stay empty.
    let shape = setup.observed.clone();
    let keys: Vec<String> = setup.parameters.iter().map(|p| p.key.clone()).collect();
    let mut inside = vec![0usize; keys.len()];
    let mut ranks = vec![vec![0usize; 10]; keys.len()];
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(2026);
    for h in 0..histories {
        let truth: Vec<f64> = setup.parameters.iter().map(|p| p.prior.sample(&mut rng)).collect();
        let simulated = setup.simulate(&truth, 1_000_000 + h as u64);
        setup.observed = simulated.into_iter().zip(&shape).map(|(s, o)| o.and(s)).collect();
        let settings = Settings { seed: h as u64, ..Settings::default() };
        let c = setup.calibrate(&settings, &Unmonitored).unwrap().unwrap();
        for (i, p) in c.parameters.iter().enumerate() {
            if (p.posterior.p5..=p.posterior.p95).contains(&truth[i]) {
                inside[i] += 1;
            }
            let rank = c.posterior_cdf(i, truth[i]).unwrap_or(0.5);
            ranks[i][((rank * 10.0) as usize).min(9)] += 1;
        }
    }
    for (i, key) in keys.iter().enumerate() {
        let coverage = inside[i] as f64 / histories as f64;
        println!("{key}: 90% coverage {coverage:.3}, rank histogram {:?}", ranks[i]);
        assert!((0.85..=0.98).contains(&coverage), "{key}: 90% coverage {coverage}");
    }
}
