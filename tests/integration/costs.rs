//! Money that leaves (docs/model.md §10): fees per invoice and per payout, the payout cap,
//! one-off months, tax only on positive months, net = gross − fees − costs − tax to the
//! cent; no `[costs]` gives the same numbers as before; uncertain costs behave like other
//! parameters; paired comparisons of a cost change are tight; bad costs are refused.

use sidecast::engine::{Layout, simulate};
use sidecast::metric::Stored;
use sidecast::stats::Percentile;

use crate::common::sidecast;
use crate::common::{assert_within, outcomes, replaced, run, scenario};

/// Ten customers paying a fixed $100 of platform spend at 20% markup ($120 invoices), no
/// churn, no arrivals; an affiliate whose 40 Pro subscribers earn $64 a month and reach the
/// $100 payout threshold every other month.
const DETERMINISTIC: &str = r#"
name = "costs"
horizon_months = 6
trajectories = 3
[reseller]
initial_customers = { a = 10 }
[reseller.tiers.a]
markup = 0.2
spend = 100
[affiliate]
initial_subscribers = { pro = 40 }
payout_threshold = 100
[affiliate.commission]
recurring = 0.08
[affiliate.plans.pro]
price = 20
[costs]
payment_fee = { percent = 0.029, fixed = 0.30 }
payout_fee = { percent = 0.02, fixed = 0.25, max = 2 }
monthly = { hosting = 20, tools = 29 }
tax_rate = 0.25
[[costs.one_off]]
month = 3
amount = 500
label = "a laptop"
"#;

#[test]
fn every_rule_holds_to_the_cent_on_a_deterministic_business() {
    let s = scenario(DETERMINISTIC);
    let o = outcomes(&s);
    let at = |stored: Stored, m: usize| o.column(Layout::row(stored), m)[0];
    for m in 0..6 {
        let (revenue, gross) = (at(Stored::Revenue, m), at(Stored::GrossProfit, m));
        assert_eq!(revenue, 1200.0);
        assert!((gross - (200.0 + 64.0)).abs() < 1e-9);
        let payment = at(Stored::PaymentFees, m);
        assert!((payment - (0.029 * 1200.0 + 10.0 * 0.30)).abs() < 1e-9, "one fee per invoice: {payment}");
        let paid = at(Stored::CommissionPaid, m);
        let payout = at(Stored::PayoutFees, m);
        if paid > 0.0 {
            assert!((payout - (0.02 * paid + 0.25).min(2.0)).abs() < 1e-9, "month {m}: {payout}");
        } else {
            assert_eq!(payout, 0.0, "no payout, no payout fee");
        }
        let costs = at(Stored::Costs, m);
        assert_eq!(costs, if m == 2 { 549.0 } else { 49.0 }, "month {}", m + 1);
        let pre_tax = gross - payment - payout - costs;
        let tax = at(Stored::Tax, m);
        assert!((tax - 0.25 * pre_tax.max(0.0)).abs() < 1e-9);
        if m == 2 {
            assert!(pre_tax < 0.0 && tax == 0.0, "a loss pays no tax");
        }
        let net = at(Stored::NetProfit, m);
        assert!((net - (gross - payment - payout - costs - tax)).abs() < 0.005, "to the cent");
    }
    let total: f64 = (0..6).map(|m| at(Stored::NetProfit, m)).sum();
    assert!((at(Stored::CumulativeNetProfit, 5) - total).abs() < 1e-9);
    assert_eq!((1..6).filter(|&m| at(Stored::CommissionPaid, m) > 0.0).count(), 3, "paid every other month");
}

#[test]
fn no_costs_section_gives_the_same_numbers_and_net_equals_gross() {
    let text = include_str!("../../scenarios/reference.toml");
    let base = scenario(&replaced(text, "trajectories = 10000", "trajectories = 600"));
    let zeros = scenario(&(replaced(text, "trajectories = 10000", "trajectories = 600") + "\n[costs]\ntax_rate = 0\n"));
    let (a, b) = (outcomes(&base), outcomes(&zeros));
    for stored in [Stored::Revenue, Stored::Cogs, Stored::GrossProfit, Stored::CumulativeGrossProfit, Stored::Hours] {
        for m in [0, 11, 23] {
            assert_eq!(a.stored(stored, m), b.stored(stored, m), "{stored:?} month {m}");
        }
    }
    for m in [0, 23] {
        assert_eq!(a.stored(Stored::NetProfit, m), a.stored(Stored::GrossProfit, m));
        assert_eq!(a.stored(Stored::CumulativeNetProfit, m), a.stored(Stored::CumulativeGrossProfit, m));
        assert!(a.stored(Stored::Tax, m).iter().all(|v| *v == 0.0));
    }
}

#[test]
fn an_uncertain_tax_rate_is_drawn_once_per_trajectory() {
    // A constant pre-tax profit P each month; tax_rate ~ uniform(0.2, 0.3): the tax is 0.25·P
    // on average, and its p5/p95 are 0.205·P and 0.295·P.
    let text = replaced(
        &replaced(DETERMINISTIC, "tax_rate = 0.25", "tax_rate = { uniform = [0.2, 0.3] }"),
        "trajectories = 3",
        "trajectories = 4000",
    );
    let report = run(&text);
    let tax = report.series("tax").unwrap();
    let p = 264.0 - (0.029 * 1200.0 + 3.0) - 49.0; // month 1: no payout yet
    assert_within("mean tax", tax.mean[0].unwrap(), 0.25 * p, tax.std_error[0].unwrap(), 4.0);
    let (p5, p95) = (tax.at(Percentile::P5, 0).unwrap(), tax.at(Percentile::P95, 0).unwrap());
    assert!((p5 / p - 0.205).abs() < 0.003 && (p95 / p - 0.295).abs() < 0.003, "{p5} {p95}");
    // The same draw in every month of a trajectory: month 2 pays a $2 payout fee, and its
    // tax is the same rate of its pre-tax profit.
    let s = scenario(&text);
    let o = simulate(&s, &Default::default()).unwrap();
    let (t1, t2) = (o.stored(Stored::Tax, 0), o.stored(Stored::Tax, 1));
    assert!(t1.iter().zip(&t2).all(|(a, b)| (a / p - b / (p - 2.0)).abs() < 1e-9));
}

#[test]
fn a_cost_change_is_compared_trajectory_by_trajectory() {
    let dir = tempfile::tempdir().unwrap();
    let json = sidecast()
        .args(["compare", "scenarios/reseller.toml", "--vary", "costs.tax_rate=0.25,0.30", "-n", "2000"])
        .args(["--charts", "none", "--json", "-", "--out"])
        .arg(dir.path())
        .json();
    let d = &json["differences"][0]["metrics"]["cumulative_net_profit"];
    let (paired, unpaired) = (d["std_error"][23].as_f64().unwrap(), d["std_error_unpaired"][23].as_f64().unwrap());
    assert!(d["mean"][23].as_f64().unwrap() < 0.0, "more tax, less net profit");
    assert!(unpaired > 10.0 * paired, "pairing: {paired} vs {unpaired}");
    assert_eq!(d["prob_better"][23], 0.0, "a higher tax never helps");
}

#[test]
fn the_waterfall_adds_up_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let output = sidecast()
        .args(["run", "scenarios/reseller.toml", "-n", "2000", "--waterfall-month", "12", "--json", "-"])
        .args(["--charts", "none", "--out"])
        .arg(dir.path())
        .output();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let w = &json["waterfall"];
    assert_eq!(w["month"], 12);
    let sum: f64 = w["steps"].as_array().unwrap().iter().map(|s| s["amount"].as_f64().unwrap()).sum();
    let net = json["metrics"]["net_profit"]["mean"][5].as_f64().unwrap();
    assert!((sum - net).abs() < 1e-6 && (w["net_profit"].as_f64().unwrap() - net).abs() < 1e-9);
}

#[test]
fn bad_costs_are_refused_and_past_one_offs_are_noted() {
    let dir = tempfile::tempdir().unwrap();
    let case = |name: &str, from: &str, to: &str| {
        let path = dir.path().join(format!("{name}.toml"));
        std::fs::write(&path, replaced(DETERMINISTIC, from, to)).unwrap();
        let out = dir.path().join(format!("{name}-out"));
        let output = sidecast().arg("run").arg(&path).arg("--out").arg(&out).output();
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned(), out.exists())
    };
    let refused = [
        ("percent", "percent = 0.029", "percent = 1", "costs.payment_fee.percent"),
        ("negative", "amount = 500", "amount = -5", "costs.one_off[0].amount"),
        ("late", "month = 3", "month = 9", "outside the simulation"),
        ("cap", "max = 2", "max = 0.1", "below the fixed part"),
        ("unknown", "tax_rate = 0.25", "tax = 0.25", "unknown key `tax`"),
        ("monthly", "tools = 29", "tools = -29", "costs.monthly.tools"),
    ];
    for (name, from, to, needle) in refused {
        let (code, stderr, wrote) = case(name, from, to);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert!(stderr.contains(needle), "{name}: {stderr}");
        assert!(!wrote, "{name}: nothing written");
    }
    let (code, stderr, _) = case("past", "name = \"costs\"", "name = \"costs\"\nstart_month = 5");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("costs.one_off[0]") && stderr.contains("not charged"), "{stderr}");
}

#[test]
fn no_output_writes_a_negative_zero() {
    // A reseller with card fees but no affiliate and no running costs: payout fees and
    // costs are empty sums, which are −0.0, and `percentiles.csv` read "-0", summary.json
    // "-0.0", the waterfall's platform cost of an affiliate-only month "amount": -0.0.
    let text = r#"
name = "no payouts"
horizon_months = 3
trajectories = 50
[reseller]
initial_customers = { a = 3 }
[reseller.tiers.a]
markup = 0.2
spend = 100
[costs]
payment_fee = { percent = 0.029, fixed = 0.30 }
"#;
    let report = run(text);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("-0.0,") && !json.contains("-0.0]") && !json.contains("-0.0}"), "{json}");
    let csv = String::from_utf8(sidecast::export::csv::run_percentiles(&report).unwrap()).unwrap();
    assert!(!csv.lines().any(|l| l.ends_with(",-0")), "{csv}");
    let creator = replaced(
        DETERMINISTIC,
        "[reseller]\ninitial_customers = { a = 10 }\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n",
        "",
    );
    let waterfall = sidecast::summarize::waterfall::waterfall(&run(&creator), 2).unwrap();
    assert!(waterfall.steps.iter().all(|s| !(s.amount == 0.0 && s.amount.is_sign_negative())), "{waterfall:?}");
}
