//! A bounded-time property test over mutated shipped scenarios: a fixed-seed proptest
//! takes a file of `scenarios/` (or [`JOINT`], which has every section: costs with fees and
//! one-offs, named programmes with dotted names, content, parameter sets and correlations),
//! applies one to three mutations to its text (a value replaced by an extreme number, NaN,
//! infinity, a huge or negative one, a wrong type, an odd distribution or a name with
//! control characters and dots; a line deleted; a table header repeated; an unknown key
//! inserted; for [`JOINT`], a cell of its parameter sets) and runs the library path:
//! `scenario::parse`, the budget check, `summarize::run` with a few trajectories, then the
//! JSON, the terminal table, the Markdown and the CSV. Nothing may panic, every number of
//! the JSON must be finite, with `null` only where a value is undefined (an hourly rate
//! without hours, the first month of a target never reached), and no text output may hold
//! a raw control character. The long hunt through the binary is [`crate::fuzz_cli`].

use std::ops::Range;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use sidecast::engine::Control;
use sidecast::export::csv::run_percentiles;
use sidecast::export::markdown::summary_markdown;
use sidecast::present::assumptions::assumptions;
use sidecast::present::charts::run::fan_metrics;
use sidecast::present::terminal::run::render;
use sidecast::scenario::{LoadContext, parse_in};
use sidecast::stats::Percentile;
use sidecast::summarize::admission::{self, Limits};
use sidecast::summarize::{self, RunPlan};

pub(crate) const SCENARIOS: [(&str, &str); 7] = [
    ("reseller.toml", include_str!("../../scenarios/reseller.toml")),
    ("affiliate-bounty.toml", include_str!("../../scenarios/affiliate-bounty.toml")),
    ("portfolio.toml", include_str!("../../scenarios/portfolio.toml")),
    ("reseller-backtest.toml", include_str!("../../scenarios/reseller-backtest.toml")),
    ("affiliate.toml", include_str!("../../scenarios/affiliate.toml")),
    ("side-hustle.toml", include_str!("../../scenarios/side-hustle.toml")),
    ("reference.toml", include_str!("../../scenarios/reference.toml")),
];

/// What a value may be replaced with.
pub(crate) const VALUES: [&str; 39] = [
    "0",
    "-1",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "1e-300",
    "4294967295",
    "1e15",
    "2",
    "-0.5",
    "0.999999",
    "1e9",
    "601",
    "\"x\"",
    "true",
    "[]",
    "{}",
    "{ beta = [nan, 1] }",
    "{ uniform = [-1e308, 1e308] }",
    "{ normal = [0, 1e308] }",
    "{ lognormal = { median = 1, ci90 = [2, 3] } }",
    "{ sbg = [1e-300, 1] }",
    "9223372036854775807",
    "-9223372036854775808",
    "[1e308, 1e308]",
    "\"15%\"",
    "1e-9",
    "{ ci90 = [1e-9, 1e9] }",
    "{ triangular = [0, 0, 1e9] }",
    "0.5",
    "{ beta = [1e6, 1e-4] }",
    "1.5",
    "600",
    "[18, 1e308]",
    "\"a\\u001b[31m.b\\u0007\"",
    "\"x.y\"",
    "[{ month = 1.5, amount = 1 }]",
];

/// A scenario with every section the shipped ones have between them and more: costs with
/// capped fees and one-offs, named programmes (one with a dot in its name), content,
/// parameter sets ([`SETS`]) and a correlation.
pub(crate) const JOINT: &str = r#"name = "Joint"
horizon_months = 12
trajectories = 400
parameter_sets = "sets.csv"
[reseller]
initial_customers = { starter = 5, growth = 2 }
arrivals = { ci90 = [0.5, 3] }
arrival_mix = { starter = 0.7, growth = 0.3 }
churn = { beta = [2, 18] }
spend_growth = { uniform = [0, 0.03] }
[reseller.tiers.starter]
markup = 0.15
minimum = 50
spend = { median = { ci90 = [80, 200] }, ci90 = [60, 300] }
upgrade = { to = "growth", probability = 0.3, within_months = 3 }
[reseller.tiers.growth]
markup = 0.2
minimum = 200
spend = 400
[affiliate.programmes."news.letter"]
signups = { triangular = [1, 3, 6] }
share = 0.6
commission = { first_order = 0.15, recurring = 0.08 }
[affiliate.programmes."news.letter".plans.pro]
price = 19.99
churn = 0.1
[affiliate.programmes.bounty]
share = 0.4
payout_delay_months = 1
commission = { bounty = 20 }
[affiliate.programmes.bounty.plans.standard]
price = 20
churn = 0.1
[affiliate.content]
pieces_per_month = [2, 1]
signups_per_piece = { ci90 = [0.5, 8] }
ramp_months = 2
half_life_months = 4
hours_per_piece = 2
[effort]
fixed_hours = 2
setup_hours = [10, 3]
[costs]
payment_fee = { percent = 0.029, fixed = 0.3, max = 5 }
payout_fee = { percent = 0.02, max = 20 }
monthly = { hosting = 10 }
tax_rate = { uniform = [0.15, 0.3] }
[[costs.one_off]]
month = 2
amount = 50
label = "set-up"
[[correlations]]
between = ["reseller.arrivals", "reseller.churn"]
rank = -0.4
[[targets]]
metric = "net_profit"
at_least = 500
month = 12
"#;

/// [`JOINT`]'s parameter sets.
pub(crate) const SETS: &str =
    "reseller.spend_growth,affiliate.programmes.bounty.share\n0.01,0.4\n0.02,0.3\n0.0,0.45\n0.03,0.2\n";

/// The sets with one cell replaced by an odd value.
pub(crate) fn mutate_sets(text: &str, at: usize, which: usize) -> String {
    let mut cells: Vec<Vec<String>> = text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect();
    let rows = cells.len();
    if rows < 2 {
        return text.to_string();
    }
    let row = 1 + at % (rows - 1);
    let columns = cells[row].len().max(1);
    if let Some(cell) = cells[row].get_mut(at / rows % columns) {
        *cell = ["1e308", "nan", "-1", "", "x", "2", "1e-300", "0.5"][which % 8].to_string();
    }
    cells.iter().map(|r| r.join(",")).collect::<Vec<_>>().join("\n") + "\n"
}

/// The spans of every value in the document, compound ones included.
fn value_spans(text: &str) -> Vec<Range<usize>> {
    fn value(v: &toml_edit::Value, out: &mut Vec<Range<usize>>) {
        out.extend(v.span());
        match v {
            toml_edit::Value::Array(a) => a.iter().for_each(|x| value(x, out)),
            toml_edit::Value::InlineTable(t) => t.iter().for_each(|(_, x)| value(x, out)),
            _ => {}
        }
    }
    fn item(i: &toml_edit::Item, out: &mut Vec<Range<usize>>) {
        match i {
            toml_edit::Item::Value(v) => value(v, out),
            toml_edit::Item::Table(t) => t.iter().for_each(|(_, x)| item(x, out)),
            toml_edit::Item::ArrayOfTables(a) => a.iter().for_each(|t| t.iter().for_each(|(_, x)| item(x, out))),
            toml_edit::Item::None => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(doc) = toml_edit::Document::parse(text) {
        item(doc.as_item(), &mut out);
    }
    out
}

/// Applies one mutation (`kind`, a position and a value, all from the generator).
pub(crate) fn mutate(text: &str, kind: u8, at: usize, pick: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let line_at = |n: usize| n % lines.len().max(1);
    match kind % 8 {
        0 | 1 => {
            let spans = value_spans(text);
            let Some(span) = spans.get(at % spans.len().max(1)) else { return text.to_string() };
            format!("{}{}{}", &text[..span.start], VALUES[pick % VALUES.len()], &text[span.end..])
        }
        2 => {
            let drop = line_at(at);
            lines.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, l)| format!("{l}\n")).collect()
        }
        3 => {
            let headers: Vec<&&str> = lines.iter().filter(|l| l.trim_start().starts_with('[')).collect();
            match headers.get(at % headers.len().max(1)) {
                Some(h) => format!("{text}\n{h}\n"),
                None => text.to_string(),
            }
        }
        4 => {
            let n = line_at(at);
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out.insert(n, format!("zz_unknown_{pick} = {}", VALUES[pick % VALUES.len()]));
            out.join("\n")
        }
        5 => {
            // A number shifted by up to 20 orders of magnitude either way.
            scale(text, at, 10f64.powi((pick % 41) as i32 - 20))
        }
        _ => {
            // A plausible but unusual number: most of these still run.
            scale(text, at, [0.0, 0.1, 0.5, 2.0, 3.0, 10.0, 100.0][pick % 7])
        }
    }
}

/// The number at a value span multiplied by `factor` (other values are left alone).
fn scale(text: &str, at: usize, factor: f64) -> String {
    let spans = value_spans(text);
    let Some(span) = spans.get(at % spans.len().max(1)) else { return text.to_string() };
    match text[span.clone()].parse::<f64>() {
        Ok(v) => format!("{}{:?}{}", &text[..span.start], v * factor, &text[span.end..]),
        Err(_) => text.to_string(),
    }
}

/// Every number finite, and `null` only where a value may be undefined.
/// Whether a text shows a number that is not one: `inf` or `NaN` as a word of its own
/// ("$inf", "-inf", "inf%"), not inside one ("infinitely", "information").
pub(crate) fn shows_non_number(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| word == "inf" || word == "NaN")
}

pub(crate) fn check_json(value: &serde_json::Value, path: &str, problems: &mut Vec<String>) {
    match value {
        serde_json::Value::Null => {
            let allowed = path.contains("hourly_rate")
                || path.contains(".first_month.percentiles")
                || (path.starts_with("first_payout") && path.contains(".percentiles"))
                || path == "actuals"
                || path.starts_with("precision.target_relative_error")
                // No share of a month without income (README, Where the money goes).
                || (path.starts_with("waterfall.") && path.ends_with("share_of_income"))
                // No rank correlation with an input or output that does not vary (README).
                || (path.starts_with("inputs[") && path.ends_with(".rank_correlation"))
                // No interval (nor value) for a lever without an answer, no today for a key the file
                // gives no one number for (README, solve).
                || (path.starts_with("levers[")
                    && [".interval", ".value", ".probability_at_value", ".std_error", ".today", ".change"]
                        .iter()
                        .any(|f| path.ends_with(f)));
            if !allowed {
                problems.push(format!("null at {path}"));
            }
        }
        serde_json::Value::Number(n) if n.as_f64().is_none_or(|v| !v.is_finite() || v.abs() > 1e300) => {
            problems.push(format!("{n} at {path}"));
        }
        serde_json::Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| check_json(v, &format!("{path}[{i}]"), problems));
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                check_json(v, &path, problems);
            }
        }
        _ => {}
    }
}

/// How a mutated scenario ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Refused,
    TooCostly,
    Ran,
}

/// The library path on one mutated text (with its parameter sets' text, if it names
/// some); `Err` describes a broken promise.
fn run(text: &str, sets: Option<&str>) -> Result<Ending, String> {
    let context = LoadContext { sets_text: sets.map(str::to_string), ..LoadContext::default() };
    let scenario = match parse_in(text, "fuzz.toml", &[], &context) {
        Ok(s) => s,
        Err(e) => {
            let message = e.render(false);
            return if message.contains("error") {
                Ok(Ending::Refused)
            } else {
                Err(format!("an empty message: {message}"))
            };
        }
    };
    let scenario = scenario.clone().with_trajectories(scenario.trajectories().min(16));
    let limits = Limits { max_population: 5_000.0, max_memory: 1e9, max_seconds: 0.05 };
    let plan = RunPlan::default();
    if admission::check(&scenario, &admission::estimate(&scenario, &plan, 1, 0), &limits).is_err() {
        return Ok(Ending::TooCostly);
    }
    let output = summarize::run(&scenario, "fuzz.toml", &Percentile::DEFAULT, &Control::default(), &plan)
        .map_err(|e| format!("{e}"))?;
    let json = serde_json::to_value(&output.report).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    check_json(&json, "", &mut problems);
    let table = render(&output.report);
    let metrics = fan_metrics(scenario.reseller().is_some(), scenario.affiliate().is_some(), scenario.has_costs());
    let markdown = summary_markdown(&output.report, &assumptions(&scenario), &metrics, &[]);
    let csv =
        String::from_utf8(run_percentiles(&output.report).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    for (what, text) in [("table", &table), ("markdown", &markdown), ("csv", &csv)] {
        if shows_non_number(text) || text.contains("18,446,744,073,709,551,615") {
            problems.push(format!("the {what} shows a number that is not one:\n{text}"));
        }
        if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
            problems.push(format!("the {what} holds a raw {c:?}"));
        }
    }
    if problems.is_empty() { Ok(Ending::Ran) } else { Err(problems.join("\n")) }
}

#[test]
fn mutated_shipped_scenarios_never_panic_hang_or_print_non_numbers() {
    // A longer hunt: SIDECAST_FUZZ_CASES=20000 SIDECAST_FUZZ_SEED=3 cargo test --release fuzz
    let number = |name: &str, default: u32| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let cases = number("SIDECAST_FUZZ_CASES", 500);
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[number("SIDECAST_FUZZ_SEED", 11) as u8; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let mutation = (any::<u8>(), any::<usize>(), any::<usize>());
    // The last index is JOINT, with its parameter sets.
    let strategy = (0..=SCENARIOS.len(), proptest::collection::vec(mutation, 1..=3));
    let started = std::time::Instant::now();
    let endings = std::sync::Mutex::new(Vec::new());
    let result = runner.run(&strategy, |(index, mutations)| {
        let (name, original) = SCENARIOS.get(index).copied().unwrap_or(("joint.toml", JOINT));
        let joint = index == SCENARIOS.len();
        let mut sets = SETS.to_string();
        let mut text = original.to_string();
        for &(k, a, p) in &mutations {
            if joint && k % 5 == 0 {
                sets = mutate_sets(&sets, a, p);
            } else {
                text = mutate(&text, k, a, p);
            }
        }
        let sets = joint.then_some(sets.as_str());
        let outcome =
            std::panic::catch_unwind(|| run(&text, sets)).map_err(|_| "it panicked".to_string()).and_then(|r| r);
        match outcome {
            Ok(ending) => endings.lock().unwrap().push(ending),
            Err(e) => prop_assert!(
                false,
                "{name} mutated by {mutations:?}: {e}\n--- text ---\n{text}\n--- sets ---\n{sets:?}"
            ),
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(cases > 500 || started.elapsed().as_secs() < 120, "the property test took {:?}", started.elapsed());
    let endings = endings.into_inner().unwrap();
    let count = |e: Ending| endings.iter().filter(|&&x| x == e).count();
    let (refused, costly, ran) = (count(Ending::Refused), count(Ending::TooCostly), count(Ending::Ran));
    eprintln!("mutated scenarios: {refused} refused, {costly} too costly for the test, {ran} run");
    assert!(
        ran >= cases as usize / 6 && refused >= cases as usize / 6,
        "{refused} refused, {costly} too costly, {ran} run: the mutations miss"
    );
}

/// Scenarios at the edges of the allowed ranges still give finite numbers everywhere.
#[test]
fn the_edges_of_every_range_give_finite_outputs() {
    let cases = [
        "horizon_months = 600\n[reseller]\ninitial_customers = { a = 3 }\nchurn = 0\n[reseller.tiers.a]\nmarkup = 100\nminimum = 1e9\nspend = 1e9\n",
        "horizon_months = 24\n[reseller]\ninitial_customers = { a = 3 }\narrivals = 5\nspend_volatility = 5\nspend_growth = 0.2\n[reseller.tiers.a]\nmarkup = 100\nspend = { ci90 = [100, 1000] }\n",
        "horizon_months = 60\n[reseller]\narrivals = 100\narrivals_growth = -0.999999\nchurn = { beta = [0.0001, 1000000] }\n[reseller.tiers.a]\nmarkup = 0\nspend = 0\n",
        "horizon_months = 120\n[affiliate]\nsignups = 20\npayout_threshold = 1e9\ninitial_balance = 1e9\n[affiliate.commission]\nfirst_order = 1\nrecurring = 1\nbounty = 1e9\n[affiliate.plans.p]\nprice = 1e9\nchurn = { sbg = [0.0001, 1000000] }\n",
        "horizon_months = 36\n[reseller]\narrivals = 20\nreferral_rate = 0.2\nchurn = 0.5\narrival_mix = { a = 1000000, b = 0.000001 }\n[reseller.tiers.a]\nmarkup = 0.1\nspend = 1e-9\nupgrade = { to = \"b\", probability = 1, within_months = 0.000001 }\n[reseller.tiers.b]\nmarkup = 0.1\nspend = 1e9\nupgrade = { to = \"a\", probability = 1, within_months = 1200 }\n",
        // Issue 25 §6: the ratio of the medians overflows a float; the spend must not.
        "horizon_months = 24\n[reseller]\ninitial_customers = { a = 10 }\nchurn = 0.01\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 1e-300\nupgrade = { to = \"b\", probability = 1, within_months = 1 }\n[reseller.tiers.b]\nmarkup = 0.2\nspend = { median = 3e8, ci90 = [1e8, 5e8] }\nupgrade = { to = \"a\", probability = 0.5, within_months = 2 }\n",
    ];
    for case in cases {
        let text = format!("trajectories = 16\n{case}[effort]\nfixed_hours = 0.000001\n");
        let outcome = run(&text, None).unwrap_or_else(|e| panic!("{e}\n--- text ---\n{text}"));
        assert!(outcome == Ending::Ran, "a valid edge case ended {outcome:?}:\n{text}");
    }
}

#[test]
fn a_number_that_is_not_one_is_told_from_a_word() {
    for shown in ["$inf", "-inf", "median inf", "inf%", "NaN", "│ NaN │", "p5 -inf"] {
        assert!(shows_non_number(shown), "{shown}");
    }
    for words in ["infinitely smaller", "information", "Infinite", "nan", "a NaNny"] {
        assert!(!shows_non_number(words), "{words}");
    }
}
