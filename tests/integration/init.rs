//! `sidecast init`: a first scenario that runs as it is, in a fresh folder, from defaults
//! or from flags (both streams, churn ranges, odd names kept out of the file's structure),
//! never over an existing file, and every bad answer refused naming its flag.

use crate::common::{Sidecast, sidecast};

/// A folder and a `sidecast` that works in it, as a user who just cloned and ran `init`.
pub fn fresh() -> (tempfile::TempDir, impl Fn() -> Sidecast) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, move || {
        let mut c = sidecast();
        c.current_dir(&path);
        c
    })
}

#[test]
fn init_then_run_gives_charts_in_a_fresh_folder() {
    let (dir, sidecast) = fresh();
    let said = sidecast().args(["init", "-o", "my.toml"]).stdout();
    assert!(said.contains("Wrote my.toml") && said.contains("sidecast run my.toml"), "{said}");
    let text = std::fs::read_to_string(dir.path().join("my.toml")).unwrap();
    // No terminal and no flags: the reseller's own numbers.
    assert!(text.contains("initial_customers = { starter = 8, growth = 3, studio = 1 }"), "{text}");
    assert!(text.contains("churn = 0.1 "), "{text}");
    assert!(text.contains("markup = 0.15"), "{text}");
    let table = sidecast().args(["run", "my.toml", "-n", "400", "-q"]).stdout();
    assert!(table.contains("Net profit") && table.contains("Wrote output/my"), "{table}");
    for file in ["summary.json", "summary.md", "percentiles.csv", "fan-net-profit.png"] {
        assert!(dir.path().join("output/my").join(file).is_file(), "{file} missing");
    }
}

#[test]
fn init_never_overwrites_without_force() {
    let (dir, sidecast) = fresh();
    std::fs::write(dir.path().join("mine.toml"), "# my own notes\n").unwrap();
    let refusal = sidecast().args(["init", "-o", "mine.toml"]).refused();
    assert!(refusal.contains("mine.toml") && refusal.contains("--force"), "{refusal}");
    assert_eq!(std::fs::read_to_string(dir.path().join("mine.toml")).unwrap(), "# my own notes\n");
    sidecast().args(["init", "-o", "mine.toml", "--force"]).stdout();
    assert!(std::fs::read_to_string(dir.path().join("mine.toml")).unwrap().contains("[reseller]"));
}

#[test]
fn init_from_flags_with_a_churn_range_runs() {
    let (dir, sidecast) = fresh();
    let said = sidecast()
        .args(["init", "--reseller", "--customers", "20", "--churn", "5%..15%", "--arrivals", "2", "-o", "r.toml"])
        .stdout();
    assert!(said.contains("20 customers on 3 tiers, 5%-15% churn"), "{said}");
    let text = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    assert!(text.contains("churn = { ci90 = [0.05, 0.15] }"), "{text}");
    assert!(text.contains("initial_customers = { starter = 13, growth = 5, studio = 2 }"), "{text}");
    assert!(text.contains("arrivals = 2 "), "{text}");
    sidecast().args(["run", "r.toml", "-n", "300", "-q", "--charts", "none"]).stdout();
}

#[test]
fn init_both_streams_from_flags_runs() {
    let (dir, sidecast) = fresh();
    sidecast()
        .args(["init", "--reseller", "--affiliate", "--subscribers", "pro=30,scale=4", "--churn", "0.08"])
        .args(["--subscriber-churn", "5-15%", "--first-order", "15%", "--recurring", "0.08", "--goal", "0"])
        .args(["--plan", "pro=19.99", "--plan", "scale=149.99", "--tier", "solo=20%,40", "--tier", "team=25%,300"])
        .args(["-o", "both.toml"])
        .stdout();
    let text = std::fs::read_to_string(dir.path().join("both.toml")).unwrap();
    assert!(text.contains("initial_subscribers = { pro = 30, scale = 4 }"), "{text}");
    assert!(text.contains("[reseller.tiers.solo]") && text.contains("minimum = 300"), "{text}");
    assert!(text.contains("# [[targets]]"), "a goal of 0 leaves the target commented: {text}");
    sidecast().args(["run", "both.toml", "-n", "300", "-q", "--charts", "none"]).stdout();
}

#[test]
fn init_keeps_odd_names_out_of_the_files_structure() {
    let text = sidecast().args(["init", "--name", "Tab\there\r\nand \"quotes\" = [x]", "-o", "-"]).stdout();
    let scenario = sidecast::scenario::parse(&text, "stdout").unwrap();
    assert_eq!(scenario.name(), "Tab\there\r\nand \"quotes\" = [x]");
}

#[test]
fn init_to_stdout_writes_only_the_scenario() {
    let text = sidecast().args(["init", "--affiliate", "-o", "-"]).stdout();
    sidecast::scenario::parse(&text, "stdout").unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert!(
        text.contains("price = 19.99") && text.contains("price = 149.99") && text.contains("payout_threshold = 50")
    );
}

#[test]
fn init_refuses_bad_answers_naming_the_flag() {
    let (dir, sidecast) = fresh();
    for (args, flag) in [
        (&["--churn", "150%"][..], "--churn"),
        (&["--churn", "15%..5%"][..], "--churn"),
        (&["--customers", "gold=3"][..], "--customers"),
        (&["--tier", "starter"][..], "--tier"),
        (&["--months", "0"][..], "--months"),
        (&["--start-month", "10001"][..], "--start-month"),
        (&["--affiliate", "--subscribers", "basic=3"][..], "--subscribers"),
    ] {
        let refusal = sidecast().arg("init").args(args).args(["-o", "x.toml"]).refused();
        assert!(refusal.contains(flag), "{args:?}: {refusal}");
    }
    let refusal = sidecast().args(["init", "-o", "no/such/folder/x.toml"]).refused();
    assert!(refusal.contains("--output") && refusal.contains("does not exist"), "{refusal}");
    assert!(!dir.path().join("x.toml").exists(), "nothing is written after a refusal");
}

#[test]
fn init_takes_about_n_and_answers_in_the_words_of_its_question() {
    let (dir, sidecast) = fresh();
    let said = sidecast()
        .args([
            "init",
            "--reseller",
            "--affiliate",
            "--arrivals",
            "about 2",
            "--signups",
            "~12",
            "--hours",
            "about 6 h",
        ])
        .args(["-o", "a.toml"])
        .stdout();
    // Churn once for both streams, and every assumption no question asked.
    for words in [
        "both with 10% churn",
        "new signups pick plans as today's subscribers did, pro 40 : scale 6",
        "new customers pick tiers as today's customers did",
    ] {
        assert!(said.contains(words), "no {words:?} in:\n{said}");
    }
    let text = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(
        text.contains("arrivals = 2 ") && text.contains("signups = 12 ") && text.contains("fixed_hours = 6 "),
        "{text}"
    );
    for (flag, value, words) in [
        ("--arrivals", "lots", "write an average such as 2 or 1.5"),
        ("--hours", "x", "write hours a month such as 4 or 6.5"),
        ("--goal", "big", "write dollars such as 50 or 19.99"),
    ] {
        let refusal = sidecast().args(["init", flag, value, "-o", "b.toml"]).refused();
        assert!(refusal.contains(words), "{flag} {value}: {refusal}");
    }
    // A range of churn is not repeated by the commented example.
    sidecast().args(["init", "--churn", "5-15%", "-o", "c.toml"]).stdout();
    let text = std::fs::read_to_string(dir.path().join("c.toml")).unwrap();
    assert_eq!(text.matches("churn = { ci90").count(), 1, "{text}");
}

#[test]
fn init_takes_every_start_month_a_scenario_may_have() {
    // The key table allows start_month up to 10,000; init asks within the same range.
    let text = sidecast().args(["init", "--start-month", "10000", "-o", "-"]).stdout();
    let scenario = sidecast::scenario::parse(&text, "stdout").unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert_eq!(scenario.start_month(), 10_000);
}
