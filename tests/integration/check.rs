//! `sidecast check`: every value a scenario makes the simulation use, with its unit, given
//! values and defaults marked, nothing simulated; a bad scenario reported exactly as `run`
//! reports it.

use crate::common::sidecast;
use crate::init::fresh;

#[test]
fn check_lists_every_value_with_units_and_defaults() {
    let listing = sidecast().args(["check", "scenarios/reseller.toml", "--set", "reseller.churn=0.12"]).stdout();
    for expected in [
        "a valid scenario",
        "reseller.churn",
        "12% a month",
        "reseller.tiers.starter.minimum",
        "$50 a month",
        "reseller.referral_rate",
        "(default)",
        "costs.payment_fee.fixed",
        "$0.30",
        "Nothing was simulated",
    ] {
        assert!(listing.contains(expected), "no {expected:?} in:\n{listing}");
    }
    let text = sidecast().args(["check", "scenarios/side-hustle.toml"]).stdout();
    let churn = text.lines().find(|l| l.trim_start().starts_with("reseller.churn ")).unwrap();
    assert!(churn.contains("uncertain") && churn.contains("90% between"), "{churn}");
}

#[test]
fn check_marks_given_values_and_defaults() {
    let (dir, sidecast) = fresh();
    sidecast().args(["init", "-o", "s.toml"]).stdout();
    let text = sidecast().args(["check", "s.toml"]).stdout();
    let line = |key: &str| text.lines().find(|l| l.trim_start().starts_with(&format!("{key} "))).unwrap().to_string();
    assert!(!line("reseller.churn").contains("(default)"), "{text}");
    assert!(line("reseller.spend_growth").contains("(default)"), "{text}");
    assert!(line("effort.fixed_hours").contains("4 h a month"), "{text}");
    drop(dir);
}

#[test]
fn check_reports_a_bad_scenario_exactly_as_run_does() {
    let (dir, sidecast) = fresh();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[reseller]\nchrun = 0.1\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 100\n",
    )
    .unwrap();
    let check = sidecast().args(["check", "bad.toml"]).refused();
    let run = sidecast().args(["run", "bad.toml", "-q"]).refused();
    assert_eq!(check, run);
    assert!(check.contains("did you mean `churn`"), "{check}");
}

#[test]
fn check_names_the_file_as_given_and_shows_intervals_as_written() {
    let (dir, sidecast) = fresh();
    sidecast().args(["init", "-o", "my.toml"]).stdout();
    let text = sidecast().args(["check", "my.toml"]).stdout();
    assert!(text.starts_with("my.toml: a valid scenario."), "{text}");
    assert!(text.contains("Run it: sidecast run my.toml"), "{text}");
    let spend = text.lines().find(|l| l.trim_start().starts_with("reseller.tiers.starter.spend ")).unwrap();
    assert!(spend.contains("ci90 = [60, 300] as written"), "{spend}");
    drop(dir);
}

#[test]
fn with_first_month_every_month_check_names_is_a_date() {
    // A target "in month 12" and a one-off cost "in month 3" beside a first_month line that
    // gave dates (docs/model.md §14: every output that names a month shows its date).
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
    let dated = text.replacen("horizon_months", "first_month = \"2026-12\"\nhorizon_months", 1)
        + "\n[[costs.one_off]]\nmonth = 8\namount = 500\nlabel = \"a laptop\"\n";
    let path = dir.path().join("dated.toml");
    std::fs::write(&path, dated).unwrap();
    let listing = sidecast().arg("check").arg(&path).stdout();
    assert!(listing.contains("$500 in Jul 2027 (a laptop)"), "{listing}");
    let target = listing.lines().find(|l| l.trim_start().starts_with("targets[0]")).unwrap();
    assert!(target.contains(" in ") && !target.contains("month"), "{target}");
}
