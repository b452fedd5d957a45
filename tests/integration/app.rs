//! Every command as a library function, called as the coming web page will call it: no
//! binary, no terminal, no files written, `app::Unmonitored` for progress. Each test checks
//! what a user of that command cares about, and that the command's JSON in its `Delivery`
//! is byte for byte what `sidecast COMMAND ... --json -` prints for the same inputs (the
//! page and the command line must never disagree).

use std::path::Path;

use sidecast::app::{self, Charts, Delivery, Limits, Unmonitored};
use sidecast::scenario::{Override, Scenario, ScenarioFile, load};
use sidecast::stats::Percentile;

use crate::common::sidecast;

/// The percentiles the command line reports by default (`--percentiles 5,25,50,75,95`).
fn levels() -> Vec<Percentile> {
    ["5", "25", "50", "75", "95"].map(|p| p.parse().unwrap()).to_vec()
}

/// `-n N` as the command line gives it.
fn trajectories(n: i64) -> Vec<Override> {
    vec![Override::flag("--trajectories", "trajectories", n)]
}

fn scenario(path: &str, n: i64) -> Scenario {
    load(Path::new(path), &trajectories(n)).unwrap_or_else(|e| panic!("{}", e.render(false)))
}

/// The command's JSON from its delivery, checked against the binary's `--json -` for `args`.
fn same_json_as_the_binary(delivery: &Delivery, args: &[&str]) -> serde_json::Value {
    let library = delivery.json_bytes().expect("the command has a JSON");
    let out = tempfile::tempdir().unwrap();
    let output = sidecast().args(args).args(["--charts", "none", "--json", "-", "--out"]).arg(out.path()).code(0);
    assert!(
        output.stdout == library,
        "`sidecast {}` printed other JSON than the library's:\n--- binary\n{}\n--- library\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(library)
    );
    serde_json::from_slice(library).unwrap()
}

#[test]
fn run_gives_the_summary_the_binary_writes() {
    let input = app::run::RunInput {
        scenario: scenario("scenarios/reseller.toml", 2000),
        source: "scenarios/reseller.toml".into(),
        levels: levels(),
        history: None,
        waterfall_month: None,
        precision: None,
        paths: 0,
        charts: Charts::none(),
        limits: Limits::default(),
        command: "sidecast run scenarios/reseller.toml -n 2000".into(),
        explore: None,
        page_bundle: false,
    };
    let result = app::run::run(&input, &Unmonitored).unwrap();
    assert_eq!(result.delivery.names(), ["summary.md", "summary.json", "percentiles.csv"], "no charts, no page");
    let json = same_json_as_the_binary(&result.delivery, &["run", "scenarios/reseller.toml", "-n", "2000", "-q"]);
    assert_eq!((json["trajectories"].as_u64(), json["seed"].as_u64()), (Some(2000), Some(2026)));
    // The CSV says the same median as the JSON (to the 15 digits it writes).
    let p50 = json["metrics"]["gross_profit"]["p50"][11].as_f64().unwrap();
    let month = json["months"][11].as_u64().unwrap();
    let csv = String::from_utf8(result.delivery.bytes("percentiles.csv").unwrap().to_vec()).unwrap();
    let row = format!("\ngross_profit,{month},p50,");
    let value: f64 = csv.split(&row).nth(1).and_then(|r| r.lines().next()).unwrap().parse().unwrap();
    assert!((value - p50).abs() <= 1e-12 * p50.abs(), "CSV {value} vs JSON {p50}");
    assert!(result.stored && result.report.trajectories == 2000);
}

#[test]
fn compare_pairs_the_variants_and_says_so_in_the_binarys_json() {
    let variants = app::compare::prepare(
        &["scenarios/reseller.toml".into()],
        &trajectories(1000),
        &["reseller.churn=0.05,0.15".to_string()],
    )
    .unwrap();
    let input = app::compare::CompareInput {
        variants,
        from_one_file: true,
        metric: Some("active_customers".into()),
        source: "scenarios/reseller.toml".into(),
        levels: levels(),
        charts: Charts::none(),
        limits: Limits::default(),
        command: String::new(),
    };
    let result = app::compare::compare(&input, &Unmonitored).unwrap();
    let json = same_json_as_the_binary(
        &result.delivery,
        &[
            "compare",
            "scenarios/reseller.toml",
            "--vary",
            "reseller.churn=0.05,0.15",
            "-n",
            "1000",
            "--metric",
            "active_customers",
            "-q",
        ],
    );
    // Three times the churn keeps fewer customers in every month after the first, and the
    // same random numbers make the difference far surer than two independent runs would.
    let difference = &json["differences"][0]["metrics"]["active_customers"];
    let means: Vec<f64> = difference["mean"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(means[1..].iter().all(|&d| d < 0.0), "{means:?}");
    let last = means.len() - 1;
    let (paired, unpaired) =
        (difference["std_error"][last].as_f64().unwrap(), difference["std_error_unpaired"][last].as_f64().unwrap());
    assert!(paired < unpaired, "paired {paired} vs unpaired {unpaired}");
}

#[test]
fn sweep_medians_grow_with_arrivals() {
    let grid = app::sweep::prepare(
        &ScenarioFile::read(Path::new("scenarios/reseller.toml")).unwrap(),
        &trajectories(500),
        &["reseller.arrivals=0.5..3:4".to_string()],
        None,
    )
    .unwrap();
    let input = app::sweep::SweepInput {
        specs: grid.specs,
        variants: grid.variants,
        metric: Some("active_customers".into()),
        month: None,
        target_prob: None,
        base: None,
        source: "scenarios/reseller.toml".into(),
        charts: Charts::none(),
        limits: Limits::default(),
        command: String::new(),
    };
    let result = app::sweep::sweep(&input, &Unmonitored).unwrap();
    let json = same_json_as_the_binary(
        &result.delivery,
        &[
            "sweep",
            "scenarios/reseller.toml",
            "--vary",
            "reseller.arrivals=0.5..3:4",
            "-n",
            "500",
            "--metric",
            "active_customers",
            "-q",
        ],
    );
    let medians: Vec<f64> = json["points"].as_array().unwrap().iter().map(|p| p["p50"].as_f64().unwrap()).collect();
    assert_eq!(medians.len(), 4);
    assert!(medians.windows(2).all(|w| w[0] < w[1]), "more arrivals, more customers: {medians:?}");
}

#[test]
fn the_what_if_preparations_refuse_a_bad_vary_as_the_binary_does() {
    let file = ScenarioFile::read(Path::new("scenarios/reseller.toml")).unwrap();
    let message = |error: app::Error| {
        assert_eq!(error.exit_code(), 2, "bad input: {error}");
        error.render(false)
    };
    // A key the scenario has no number at, a value list that is not one, and a third key.
    for (vary, wanted) in [
        (vec!["reseller.no_such_key=1,2"], "no_such_key"),
        (vec!["reseller.churn=0.05..x:3"], "reseller.churn"),
        (vec!["reseller.churn=0.05,0.1", "reseller.arrivals=1,2", "seed=1,2"], "seed"),
    ] {
        let texts: Vec<String> = vary.iter().map(ToString::to_string).collect();
        let mut args = vec!["sweep", "scenarios/reseller.toml", "-q"];
        vary.iter().for_each(|v| args.extend(["--vary", v]));
        let library = message(app::sweep::prepare(&file, &[], &texts, None).unwrap_err());
        let binary = sidecast().args(&args).refused();
        assert_eq!(binary.trim_end(), library.trim_end(), "sweep --vary {vary:?}");
        assert!(library.contains(wanted), "{library}");
    }
    // compare's preparation says the same as `sidecast compare --vary`.
    let texts = ["reseller.churn=two,three".to_string()];
    let library = message(app::compare::prepare(&["scenarios/reseller.toml".into()], &[], &texts).unwrap_err());
    let binary = sidecast().args(["compare", "scenarios/reseller.toml", "--vary", &texts[0], "-q"]).refused();
    assert_eq!(binary.trim_end(), library.trim_end());
}

#[test]
fn sensitivity_ranks_every_uncertain_input() {
    let scenario = scenario("scenarios/side-hustle.toml", 400);
    let uncertain = scenario.uncertain_parameters().len();
    let input = app::sensitivity::SensitivityInput {
        scenario,
        swings: Vec::new(),
        metric: None,
        month: None,
        source: "scenarios/side-hustle.toml".into(),
        charts: Charts::none(),
        limits: Limits::default(),
        command: String::new(),
    };
    let result = app::sensitivity::sensitivity(&input, &Unmonitored).unwrap();
    let json =
        same_json_as_the_binary(&result.delivery, &["sensitivity", "scenarios/side-hustle.toml", "-n", "400", "-q"]);
    let swings: Vec<f64> = json["inputs"].as_array().unwrap().iter().map(|i| i["swing"].as_f64().unwrap()).collect();
    assert_eq!(swings.len(), uncertain, "one row per uncertain input");
    assert!(swings.windows(2).all(|w| w[0].abs() >= w[1].abs()), "ranked by swing: {swings:?}");
}

#[test]
fn solve_finds_a_lever_value_inside_its_range_and_interval() {
    let levers = ["reseller.arrivals=0..6".to_string()];
    let target = "active_customers >= 14 in 12";
    let path = Path::new("scenarios/reseller.toml");
    let solve =
        app::solve::prepare(&ScenarioFile::read(path).unwrap(), &trajectories(500), target, 0.8, &levers).unwrap();
    let input = app::solve::SolveInput {
        solve,
        source: "scenarios/reseller.toml".into(),
        charts: Charts::none(),
        limits: Limits::default(),
        command: String::new(),
    };
    let result = app::solve::solve(&input, &Unmonitored).unwrap();
    let json = same_json_as_the_binary(
        &result.delivery,
        &["solve", "scenarios/reseller.toml", "--target", target, "--vary", &levers[0], "-n", "500", "-q"],
    );
    let lever = &json["levers"][0];
    let value = lever["value"].as_f64().unwrap();
    let [low, high] = [0, 1].map(|i| lever["interval"][i].as_f64().unwrap());
    assert!((0.0..=6.0).contains(&value) && low <= value && value <= high, "{lever}");
    assert_eq!(lever["direction"], "helps");
    assert!(result.delivery.bytes("solve.md").is_some_and(|md| !md.is_empty()));
}

/// A closed cohort of 200 customers whose churn is uncertain (Beta(2, 18)).
const COHORT: &str = "name = \"Cohort\"\nhorizon_months = 6\ntrajectories = 200\nseed = 3\n[reseller]\n\
                      initial_customers = { only = 200 }\narrivals = 0\nchurn = { beta = [2, 18] }\n\
                      [reseller.tiers.only]\nmarkup = 0.2\nspend = 100\n";

#[test]
fn calibrate_narrows_churn_to_what_the_history_says() {
    let path = Path::new("cohort.toml");
    let scenario = sidecast::scenario::parse(COHORT, "cohort.toml").unwrap();
    let file = app::calibrate::ScenarioFile { path: path.to_path_buf(), text: COHORT.to_string() };
    let text = "month,customers\n1,200\n2,180\n3,162\n";
    let history = sidecast::actuals::History::parse_csv(text, "history.csv").unwrap();
    let input = app::calibrate::CalibrateInput {
        scenario: scenario.clone(),
        file: file.clone(),
        overrides: Vec::new(),
        project: (scenario, file),
        history: app::run::NamedHistory { history, name: "history.csv".into() },
        cohorts: None,
        particles: 200,
        max_simulations: 20_000,
        levels: levels(),
        charts: Charts::none(),
        limits: Limits::default(),
        command: String::new(),
    };
    let result = app::calibrate::calibrate(&input, &Unmonitored).unwrap();
    // 38 of 380 customer-renewals churned: the exact posterior is Beta(40, 360), median 0.099.
    let churn = &result.report.parameters["reseller.churn"];
    assert!((0.08..0.12).contains(&churn.posterior.p50), "{:?}", churn.posterior);
    assert!(churn.width_ratio.unwrap() < 0.4, "the history narrows the prior: {:?}", churn.width_ratio);
    let names = result.delivery.names();
    for name in ["calibrate.json", "posterior.csv", "calibrated.toml"] {
        assert!(names.contains(&name.to_string()), "{names:?}");
    }
    let calibrated = String::from_utf8(result.delivery.bytes("calibrated.toml").unwrap().to_vec()).unwrap();
    assert!(calibrated.contains("parameter_sets = \"posterior.csv\""), "{calibrated}");
}

#[test]
fn fit_retention_gives_the_closed_form_constant_churn() {
    let cohorts = sidecast::analysis::inference::retention::cohort::CohortSet::from_counts(&[12, 11, 8]).unwrap();
    let input = app::fit::RetentionInput {
        cohorts,
        source: "counts 12, 11, 8".into(),
        months: 24,
        charts: Charts::none(),
        command: String::new(),
    };
    let result = app::fit::retention(&input).unwrap();
    let json = same_json_as_the_binary(&result.delivery, &["fit", "retention", "--counts", "12,11,8"]);
    // Constant churn's maximum likelihood: 4 left out of 23 customer-months at risk.
    assert!((json["constant"]["churn"].as_f64().unwrap() - 4.0 / 23.0).abs() < 1e-9);
}

#[test]
fn check_lists_what_the_binary_prints() {
    let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
    let overrides = vec!["reseller.churn=0.12".parse::<Override>().unwrap()];
    let scenario = load(Path::new("scenarios/reseller.toml"), &overrides).unwrap();
    let listing = app::check::check(&scenario, &text, &overrides, None);
    let churn = listing.lines().find(|l| l.trim_start().starts_with("reseller.churn ")).unwrap();
    assert!(churn.contains("12% a month") && !churn.contains("(default)"), "{churn}");
    let printed = sidecast().args(["check", "scenarios/reseller.toml", "--set", "reseller.churn=0.12"]).stdout();
    assert!(printed.contains(&listing), "the binary prints the library's listing:\n{printed}");
}

#[test]
fn init_writes_the_scenario_the_binary_writes_and_it_loads() {
    let answers = sidecast::scenario::write::template::Answers::defaults(false, false);
    let text = app::init::init(&answers).unwrap();
    assert_eq!(text, sidecast().args(["init", "-o", "-"]).stdout());
    let scenario = sidecast::scenario::parse(&text, "scenario.toml").unwrap();
    assert_eq!(scenario.reseller().map(|r| r.tiers.len()), Some(3));
    assert_eq!(app::init::summary(&answers), "a reseller with 12 customers on 3 tiers, 10% churn");
}
