//! Values from the command line, held to the README's promises (issue 25 §10-13, §16):
//! `--set` reaches a list's entries by number (`costs.one_off.0.amount`,
//! `costs.one_off[0].amount`) and a new list's problems carry their full key; a check that
//! reads two values says which came from `--set`, `--vary` or solve; `init`'s flag errors
//! name the flag; numbers in messages are compact; list entries are numbered from 0
//! everywhere.

use crate::common::sidecast;

/// Runs sidecast with `args` and returns (exit code, stderr, stdout).
fn ran(args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = sidecast().args(args).args(["-q", "--out"]).arg(dir.path().join("out")).output();
    assert!(!dir.path().join("out").exists(), "{args:?} wrote its folder");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn refused(args: &[&str], needles: &[&str], absent: &[&str]) {
    let (code, stderr, _) = ran(args);
    assert_eq!(code, Some(2), "{args:?}: {stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{args:?}: no {needle:?} in:\n{stderr}");
    }
    for wrong in absent {
        assert!(!stderr.contains(wrong), "{args:?}: {wrong:?} in:\n{stderr}");
    }
}

#[test]
fn set_reaches_list_entries_by_number_and_new_lists_keep_their_keys() {
    let backtest = "scenarios/reseller-backtest.toml";
    let affiliate = "scenarios/affiliate.toml";
    refused(
        &["run", affiliate, "--set", "costs.one_off=[{ month = 1.5, amount = 1 }]"],
        &["costs.one_off[0].month", "1.5", "whole number", "1 problem"],
        &["integer `0`"],
    );
    for form in ["costs.one_off.0.amount=2e9", "costs.one_off[0].amount=2e9"] {
        refused(&["run", backtest, "--set", form], &["costs.one_off[0].amount", "from --set"], &[]);
    }
    refused(
        &["run", backtest, "--set", "costs.one_off[3].amount=5"],
        &["1 entry", "numbered from 0", "no entry [3]"],
        &[],
    );
    refused(
        &["run", affiliate, "--set", "costs.one_off.0.amount=5"],
        &["costs.one_off", "not in the file", "[0]"],
        &[],
    );
    refused(&["run", backtest, "--set", "costs.one_off.x=5"], &["is a list", "costs.one_off.0.x"], &[]);
    // A value set this way is used: the one-off of month 1 becomes $5.
    let output = sidecast().args(["check", backtest, "--set", "costs.one_off[0].amount=5"]).output();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("costs.one_off[0]") && stdout.contains("$5 in month 1"), "{stdout}");
    assert!(!stdout.contains("one_off[1]"), "entries are numbered from 0, as in messages:\n{stdout}");
}

#[test]
fn a_check_of_two_values_says_which_came_from_the_command_line() {
    let calibrate = "scenarios/reseller-calibrate.toml";
    refused(
        &["run", calibrate, "--set", "reseller.tiers.starter.spend.median=50"],
        &[
            "median 50 lies outside",
            "median from --set reseller.tiers.starter.spend.median=50",
            "reseller-calibrate.toml:",
        ],
        &[],
    );
    refused(
        &[
            "solve",
            calibrate,
            "--target",
            "gross_profit >= 100 in 6",
            "--vary",
            "reseller.tiers.starter.spend.median=50..200",
        ],
        &["median from --vary reseller.tiers.starter.spend.median=50"],
        &[],
    );
    refused(
        &["run", "scenarios/portfolio.toml", "--set", "affiliate.programmes.bounty.share=0.9"],
        &["add up to", "bounty.share from --set affiliate.programmes.bounty.share=0.9"],
        &[],
    );
    refused(
        &["compare", "scenarios/portfolio.toml", "--vary", "affiliate.programmes.bounty.share=0.2,0.9"],
        &["bounty.share from --vary affiliate.programmes.bounty.share=0.9"],
        &[],
    );
    let dir = tempfile::tempdir().unwrap();
    let correlated = dir.path().join("c.toml");
    std::fs::write(
        &correlated,
        "trajectories = 20\n[reseller]\narrivals = { ci90 = [0.5, 3] }\nchurn = { beta = [2, 18] }\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 100\n[[correlations]]\nbetween = [\"reseller.churn\", \"reseller.arrivals\"]\nrank = -0.5\n",
    )
    .unwrap();
    let c = correlated.to_str().unwrap();
    refused(
        &["run", c, "--set", "reseller.churn=0.1"],
        &["correlations[0]", "reseller.churn from --set reseller.churn=0.1"],
        &[],
    );
    refused(
        &["solve", c, "--target", "gross_profit >= 100 in 12", "--vary", "reseller.churn=0.05..0.3"],
        &["reseller.churn from --vary reseller.churn=0.05"],
        &[],
    );
}

#[test]
fn init_flag_errors_name_the_flag_never_a_line_of_an_unwritten_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 9] = [
        (&["--hours", "1e308"], "--hours"),
        (&["--goal", "1e308"], "--goal"),
        (&["--tier", "a=15%,1e308"], "--tier"),
        (&["--tier", "a=15%,50,1e9"], "--tier"),
        (&["--plan", "p=1e308"], "--plan"),
        (&["--signups", "1e308"], "--signups"),
        (&["--arrivals", "1e308"], "--arrivals"),
        (&["--tier", "a=15%,50", "--tier", "a=20%,60"], "--tier: `a` is given twice"),
        (&["--plan", "p=10", "--plan", "p=20"], "--plan: `p` is given twice"),
    ];
    for (args, flag) in cases {
        let output = sidecast().args(["init", "-y", "-o", "my.toml"]).args(args).current_dir(dir.path()).output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(flag), "{args:?}: no {flag:?} in:\n{stderr}");
        assert!(!stderr.contains("my.toml:") && !stderr.contains("(syntax)"), "{args:?} names a file line:\n{stderr}");
        assert!(!stderr.contains("0000000000000000"), "a number printed in full:\n{stderr}");
        assert!(!dir.path().join("my.toml").exists(), "{args:?} wrote the file");
    }
    // A churn range the scenario cannot take is said of its flag.
    let output =
        sidecast().args(["init", "-y", "-o", "my.toml", "--churn", "1%..99%"]).current_dir(dir.path()).output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--churn") && !stderr.contains("my.toml:"), "{stderr}");
}

#[test]
fn numbers_in_messages_are_compact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sets.csv"), "reseller.churn\n1e308\n").unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "parameter_sets = \"sets.csv\"\ntrajectories = 10\n[reseller]\narrivals = 1\nchurn = 0.1\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 100\n",
    )
    .unwrap();
    let s = scenario.to_str().unwrap();
    let cases: [&[&str]; 5] = [
        &["run", "scenarios/affiliate.toml", "--set", "affiliate.content.half_life_months=1e308"],
        &["run", s],
        &["run", "scenarios/reseller.toml", "--set", "reseller.tiers.starter.minimum=1e300"],
        &["run", "scenarios/reseller.toml", "--set", "reseller.churn={ uniform = [0, 1e308] }"],
        &["run", "scenarios/reseller.toml", "--set", "costs.monthly.hosting=-1e200"],
    ];
    for args in cases {
        let (code, stderr, _) = ran(args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        let longest = stderr.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
        assert!(longest <= 16, "{args:?}: a {longest}-digit number in:\n{stderr}");
    }
}

/// Issue 25 §5 and §9: whole-number levers (the key table says which) are searched on whole
/// numbers only and run; a `[costs]` lever has its value today.
#[test]
fn solve_searches_whole_levers_on_whole_numbers_and_knows_costs_today() {
    let cases: [(&str, &str, &str); 5] = [
        ("scenarios/affiliate.toml", "commission_paid >= 300 in 12", "affiliate.payout_delay_months=0..6"),
        (
            "scenarios/portfolio.toml",
            "commission_paid >= 300 in 12",
            "affiliate.programmes.bounty.payout_delay_months=0..6",
        ),
        ("scenarios/portfolio.toml", "commission_earned >= 300 in 12", "affiliate.content.ramp_months=1..6"),
        ("scenarios/reseller.toml", "gross_profit >= 900 in 12", "reseller.initial_tenure_months.starter=0..12"),
        ("scenarios/reseller.toml", "net_profit >= 700 in 12", "costs.tax_rate=0..1"),
    ];
    for (scenario, target, lever) in cases {
        let output = sidecast()
            .args([
                "solve", scenario, "--target", target, "--vary", lever, "-n", "100", "-q", "--json", "-", "--charts",
                "none", "--out",
            ])
            .arg(tempfile::tempdir().unwrap().path().join("out"))
            .output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{lever}: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let solved = &json["levers"][0];
        let points = solved["points"].as_array().unwrap();
        assert!(!points.is_empty(), "{lever}: nothing evaluated");
        if !lever.starts_with("costs.") {
            assert_eq!(solved["integer"], true, "{lever}");
            for p in points {
                let v = p["value"].as_f64().unwrap();
                assert_eq!(v.fract(), 0.0, "{lever}: evaluated {v}");
            }
        } else {
            assert_eq!(solved["today"], 0.25, "{lever}: today's tax rate");
        }
    }
}
