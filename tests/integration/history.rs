//! History and calendar months (docs/model.md §8.6 and §9): an upgraded sBG subscriber keeps
//! its own churn, a base that has already survived k renewals is less churn-prone, setup
//! hours in the past are not charged again, and every month any output names is the
//! calendar month; `first_month` dates those months (§14).

use statrs::function::beta::ln_beta;

use crate::common::sidecast;
use crate::common::{assert_within, run};

/// sBG survival from the start for a customer already billed `tenure` times:
/// B(α, β + k + t) / B(α, β + k).
fn sbg_survival(alpha: f64, beta: f64, tenure: f64, t: f64) -> f64 {
    (ln_beta(alpha, beta + tenure + t) - ln_beta(alpha, beta + tenure)).exp()
}

#[test]
fn an_upgraded_sbg_subscriber_keeps_its_own_churn() {
    // 1,000 Pro subscribers with churn drawn per subscriber from Beta(1, 5); every survivor
    // upgrades at its first month end to Scale, whose constant churn of 50% must not replace
    // theirs: months 3 and 4 hold 1000·5/7 ≈ 714 and 1000·5/8 = 625 (not 417 and 208).
    let report = run(r#"
name = "sBG upgrade"
horizon_months = 4
trajectories = 4000
seed = 3
[affiliate]
initial_subscribers = { pro = 1000 }
[affiliate.plans.pro]
price = 20
churn = { sbg = [1, 5] }
upgrade = { to = "scale", probability = 1.0, within_months = 1 }
[affiliate.plans.scale]
price = 150
premium = true
churn = 0.5
"#);
    let subscribers = report.series("subscribers").unwrap();
    for t in 1..=4 {
        let expected = 1000.0 * sbg_survival(1.0, 5.0, 0.0, f64::from(t - 1));
        let i = t as usize - 1;
        let (mean, se) = (subscribers.mean[i].unwrap(), subscribers.std_error[i].unwrap());
        assert_within(&format!("subscribers in month {t}"), mean, expected, se.max(1e-9), 5.0);
    }
    assert!((subscribers.mean[2].unwrap() - 714.3).abs() < 5.0);
    assert!((subscribers.mean[3].unwrap() - 625.0).abs() < 5.0);
}

#[test]
fn a_base_that_has_survived_draws_churn_from_the_posterior() {
    // Customers billed k = 6 times before the start have churn ~ Beta(α, β + 6): their
    // survival from the start is B(α, β + 6 + t) / B(α, β + 6), flatter than a new cohort's.
    let scenario = |tenure: &str| {
        format!(
            r#"
name = "tenure"
horizon_months = 12
trajectories = 3000
seed = 5
[reseller]
initial_customers = {{ starter = 200 }}
{tenure}
churn = {{ sbg = [0.7, 1.5] }}
[reseller.tiers.starter]
markup = 0.2
spend = 100
"#
        )
    };
    let seasoned = run(&scenario("initial_tenure_months = 6"));
    let fresh = run(&scenario(""));
    for (report, tenure) in [(&seasoned, 6.0), (&fresh, 0.0)] {
        let active = report.series("active_customers").unwrap();
        for t in [2usize, 6, 12] {
            let expected = 200.0 * sbg_survival(0.7, 1.5, tenure, (t - 1) as f64);
            let (mean, se) = (active.mean[t - 1].unwrap(), active.std_error[t - 1].unwrap());
            assert_within(&format!("tenure {tenure}, month {t}"), mean, expected, se, 5.0);
        }
    }
    let month12 = |r: &::sidecast::report::RunReport| r.series("active_customers").unwrap().mean[11].unwrap();
    assert!(month12(&seasoned) > month12(&fresh) + 20.0, "a seasoned base keeps more customers");
}

#[test]
fn tenure_can_be_given_in_start_per_tier_and_plan() {
    let report = run(r#"
name = "start tenure"
horizon_months = 6
trajectories = 2000
seed = 8
[start]
month = 7
customers = { starter = 100 }
subscribers = { pro = 100 }
tenure_months = { starter = 5, pro = 0 }
[reseller]
churn = { sbg = [1, 2] }
[reseller.tiers.starter]
markup = 0.2
spend = 100
[affiliate]
[affiliate.plans.pro]
price = 20
churn = { sbg = [1, 2] }
"#);
    assert_eq!(report.months[0], 7);
    let last = |key: &str| report.series(key).unwrap().mean[5].unwrap();
    assert_within("customers", last("active_customers"), 100.0 * sbg_survival(1.0, 2.0, 5.0, 5.0), 1.0, 6.0);
    assert_within("subscribers", last("subscribers"), 100.0 * sbg_survival(1.0, 2.0, 0.0, 5.0), 1.0, 6.0);
}

#[test]
fn setup_hours_in_the_past_are_not_charged_again() {
    // setup_hours are by calendar month: a projection from month 2 pays month 2's 6 hours,
    // not month 1's 18.
    let scenario = |start: u32| {
        format!(
            "name = \"setup\"\nhorizon_months = 3\ntrajectories = 20\nstart_month = {start}\n[reseller]\n\
             [reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n[effort]\nfixed_hours = 1\nsetup_hours = [18, 6]\n"
        )
    };
    let hours = |start: u32| run(&scenario(start)).series("hours").unwrap().mean.clone();
    assert_eq!(hours(1), [Some(19.0), Some(7.0), Some(1.0)]);
    assert_eq!(hours(2), [Some(7.0), Some(1.0), Some(1.0)]);
    assert_eq!(hours(3), [Some(1.0), Some(1.0), Some(1.0)]);
}

#[test]
fn every_month_in_the_outputs_is_the_calendar_month() {
    let dir = tempfile::tempdir().unwrap();
    let json = sidecast()
        .args(["run", "scenarios/reseller.toml", "-n", "1000", "--json", "-", "--out"])
        .arg(dir.path().join("out"))
        .json();
    assert_eq!(json["months"][0], 7);
    assert_eq!(json["months"][23], 30);
    let target = &json["targets"][0];
    assert_eq!(target["month"], 12, "the file's month = 12 with start_month = 7");
    assert_eq!(target["first_month"]["months"], serde_json::json!([7, 30]));
    assert!(target["first_month"]["percentiles"]["p5"].as_f64().unwrap() >= 7.0);
    assert_eq!(json["targets"][2]["month"], 30, "a target without a month is the last month");
    assert_eq!(json["precision"]["month"], 30);
    let table =
        sidecast().args(["run", "scenarios/reseller.toml", "-n", "1000", "--out"]).arg(dir.path().join("t")).stdout();
    assert!(table.contains("Within months 7–30, "), "{table}");
    assert!(table.contains("Cumulative net profit in month 30"), "{table}");
}

#[test]
fn with_first_month_every_output_a_person_reads_has_dates_and_the_files_keep_month_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dated");
    let table = sidecast()
        .args(["run", "scenarios/reseller.toml", "-n", "300", "--set", "first_month=\"2026-01\"", "--charts", "svg"])
        .arg("--out")
        .arg(&out)
        .stdout();
    // Month 12 of a business whose month 1 is January 2026 is December 2026 (docs/model.md §14).
    assert!(table.contains("Dec 2026") && table.contains("Jun 2028"), "{table}");
    assert!(table.contains("Target gross profit ≥ $700 in Dec 2026: "), "{table}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!((json["months"][0].clone(), json["dates"][0].clone()), (7.into(), "2026-07".into()));
    assert_eq!(
        (json["targets"][0]["month"].clone(), json["targets"][0]["date"].clone()),
        (12.into(), "2026-12".into())
    );
    let csv = std::fs::read_to_string(out.join("percentiles.csv")).unwrap();
    assert!(csv.starts_with("metric,month,date,statistic,value\nactive_customers,7,2026-07,mean,"), "{csv}");
    for file in ["summary.md", "report.html"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        // The page's words, not its drawings (the charts' own text is the chart module's).
        let words: String =
            text.split("<svg").map(|part| part.split_once("</svg>").map_or(part, |(_, rest)| rest)).collect();
        assert!(words.contains("Dec 2026") && !words.contains("month 12"), "{file} names months by number");
    }
    // Without first_month the files are as they were: no date field, no date column.
    let plain = dir.path().join("plain");
    sidecast().args(["run", "scenarios/reseller.toml", "-n", "100", "--charts", "none", "--out"]).arg(&plain).stdout();
    let json = std::fs::read_to_string(plain.join("summary.json")).unwrap();
    assert!(!json.contains("\"dates\"") && !json.contains("\"date\""));
    assert!(
        std::fs::read_to_string(plain.join("percentiles.csv")).unwrap().starts_with("metric,month,statistic,value\n")
    );
}

#[test]
fn the_first_payout_is_a_calendar_month() {
    let dir = tempfile::tempdir().unwrap();
    let output = sidecast()
        .args(["run", "scenarios/affiliate.toml", "-n", "500", "--start-month", "4", "--json", "-", "--out"])
        .arg(dir.path())
        .output();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &json["first_payout"];
    assert_eq!(first["months"], serde_json::json!([4, 27]));
    assert!(first["percentiles"]["p5"].as_f64().unwrap() >= 4.0, "{first}");
}

#[test]
fn compare_refuses_variants_that_start_in_different_months() {
    let dir = tempfile::tempdir().unwrap();
    let output = sidecast()
        .args(["compare", "scenarios/reseller.toml", "scenarios/side-hustle.toml", "-n", "100", "--out"])
        .arg(dir.path().join("out"))
        .output();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("month 7") && stderr.contains("month 1") && stderr.contains("--start-month"), "{stderr}");
    assert!(!dir.path().join("out").exists(), "nothing written");
    // With one start for both, they compare, and compare.json names the months.
    let json = sidecast()
        .args(["compare", "scenarios/reseller.toml", "scenarios/side-hustle.toml", "-n", "100", "--start-month", "7"])
        .args(["--charts", "none", "--json", "-", "--out"])
        .arg(dir.path().join("out"))
        .json();
    assert_eq!(json["months"][0], 7);
}

#[test]
fn first_month_dates_the_calendar_months_and_bad_ones_are_refused() {
    let base = "start_month = 7\nhorizon_months = 24\n[reseller]\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n";
    let scenario = sidecast::scenario::parse(&format!("first_month = \"2026-01\"\n{base}"), "s.toml").unwrap();
    let calendar = scenario.calendar().unwrap();
    assert_eq!((calendar.label(scenario.start_month()), calendar.label(30)), ("Jul 2026".into(), "Jun 2028".into()));
    assert!(sidecast::scenario::parse(base, "s.toml").unwrap().calendar().is_none(), "no first_month, no dates");
    for (value, needle) in [
        ("\"2026-1\"", "\"2026-1\" is not a month"),
        ("\"Jan 2026\"", "\"Jan 2026\" is not a month"),
        ("\"2026-13\"", "\"2026-13\" is not a month"),
        ("\"2999-01\"", "past the year 2999"),
        ("2026-01-01", "expected text in quotes"),
    ] {
        let error = sidecast::scenario::parse(&format!("first_month = {value}\n{base}"), "s.toml").unwrap_err();
        let text = error.render(false);
        assert!(text.contains("first_month") && text.contains(needle), "{value}: {text}");
    }
}
