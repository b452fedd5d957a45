//! calibrate's posterior against the exact one (docs/model.md §16, docs/calibration.md):
//! histories of customer counts and flows of several shapes (flat, volatile, from zero,
//! from a base, months missing; 6, 12 and 24 months), with every prior form, with cohort
//! facts under constant and sBG churn, each calibrated at the default settings through the
//! library function the command calls, and held to the grid posterior of
//! [`exact_grid`](super::exact_grid), which shares no code with sidecast: the posterior mean
//! within 0.25 exact standard deviations, the 90% width within 0.8-1.25× and the
//! Kolmogorov-Smirnov distance at most 0.12. Flows narrow churn as they should.

use sidecast::abc::{Calibration, Settings};
use sidecast::actuals::History;
use sidecast::analysis::inference::calibrate::{Method, Setup};
use sidecast::analysis::inference::retention::CohortSet;
use sidecast::engine::Unmonitored;

use super::exact_grid::{
    Arrivals, GridPrior, Marginal, Record, ks, posterior, posterior_of, posterior_with_cohorts, sbg_posterior,
};

/// A one-tier reseller with fixed spend (so nothing but the counts is random) from `base`
/// customers, with `churn` as the churn key's value.
fn scenario(base: u64, months: usize, arrivals: &str, churn: &str) -> String {
    format!(
        r#"
name = "Counts"
horizon_months = {months}
trajectories = 1000
seed = 2026
[reseller]
initial_customers = {{ only = {base} }}
arrivals = {arrivals}
churn = {churn}
[reseller.tiers.only]
markup = 0.2
spend = 200
"#
    )
}

/// The history CSV of `records` (month 1 first); flows only where a record has them.
fn csv(records: &[Record]) -> String {
    let flows = records.iter().any(|r| r.arrivals.is_some() || r.churned.is_some());
    let cell = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut out = String::from(if flows { "month,customers,new_customers,churned\n" } else { "month,customers\n" });
    for (m, r) in records.iter().enumerate() {
        if flows {
            out.push_str(&format!("{},{},{},{}\n", m + 1, cell(r.count), cell(r.arrivals), cell(r.churned)));
        } else {
            out.push_str(&format!("{},{}\n", m + 1, cell(r.count)));
        }
    }
    out
}

fn counts(values: &[Option<u64>]) -> Vec<Record> {
    values.iter().map(|&count| Record { count, ..Record::default() }).collect()
}

fn setup(scenario_text: &str, history: &str, cohorts: Option<CohortSet>) -> Setup {
    let scenario =
        sidecast::scenario::parse(scenario_text, "counts.toml").unwrap_or_else(|e| panic!("{}", e.render(false)));
    let history = History::parse_csv(history, "counts.csv").unwrap();
    let setup = Setup::new(&scenario, &history, "counts.toml").unwrap();
    match cohorts {
        Some(c) => setup.with_cohorts(c, "counts", None).unwrap(),
        None => setup,
    }
}

/// The default settings of the command (the scenario's seed).
fn calibrated(setup: &Setup) -> Calibration {
    assert!(matches!(setup.method, Method::Exact(_)), "expected the exact path: {:?}", setup.evidence());
    setup.calibrate(&Settings { seed: 2026, ..Settings::default() }, &Unmonitored).unwrap().unwrap()
}

/// (mean shift in exact sds, 90% width ratio, KS) of parameter `k` against `exact`.
fn compare(c: &Calibration, k: usize, exact: &Marginal) -> (f64, f64, f64) {
    let (values, weights) = c.marginal(k).unwrap();
    let q = &c.parameters[k].posterior;
    let shift = (q.mean - exact.mean()) / exact.sd();
    let width = q.width() / (exact.quantile(0.95) - exact.quantile(0.05));
    (shift, width, ks(&values, weights, exact))
}

/// Holds parameter `k` of `c` to `exact` (the issue's bounds) and returns the figures.
fn agrees(case: &str, c: &Calibration, k: usize, exact: &Marginal) -> (f64, f64, f64) {
    let (shift, width, distance) = compare(c, k, exact);
    let key = &c.parameters[k].key;
    eprintln!("{case}: {key}: mean shift {shift:+.3} sd, width ratio {width:.3}, KS {distance:.3}");
    assert!(shift.abs() <= 0.25, "{case}: {key}: the mean is {shift:.3} exact sds off");
    assert!((0.8..=1.25).contains(&width), "{case}: {key}: 90% width {width:.3} × the exact one");
    assert!(distance <= 0.12, "{case}: {key}: KS distance {distance:.3}");
    (shift, width, distance)
}

/// One history of the comparison: its base, priors, months and any cohort facts (counts
/// of one cohort under the same constant churn).
struct Case {
    name: &'static str,
    base: u64,
    priors: (GridPrior, GridPrior),
    records: Vec<Record>,
    cohorts: Option<Vec<u64>>,
}

/// Every counts-and-flows history the exact path is held to (the sBG cohort has its own
/// test below).
fn cases() -> Vec<Case> {
    let reseller = (GridPrior::Ci90(0.8, 5.0), GridPrior::Beta(2.0, 18.0));
    let from_zero = counts(&[1, 4, 5, 11, 9, 10, 9, 14, 17, 25, 26, 22].map(Some));
    let flat = [10, 10, 11, 10, 10, 9, 10, 10, 11, 11, 10, 10, 9, 10, 10, 11, 10, 9, 10, 10, 11, 10, 10, 10];
    vec![
        Case {
            name: "12 months from zero (the issue's)",
            base: 0,
            priors: reseller,
            records: from_zero.clone(),
            cohorts: None,
        },
        Case {
            name: "6 volatile months from 5 (the issue's)",
            base: 5,
            priors: (GridPrior::Uniform(0.2, 6.0), GridPrior::Uniform(0.0, 0.5)),
            records: counts(&[7, 7, 18, 15, 10, 15].map(Some)),
            cohorts: None,
        },
        Case {
            name: "24 flat months from 10",
            base: 10,
            priors: (GridPrior::LogNormal { median: 1.0, low: 0.3, high: 3.0 }, GridPrior::Triangular(0.0, 0.1, 0.4)),
            records: counts(&flat.map(Some)),
            cohorts: None,
        },
        Case {
            name: "12 volatile months from 8",
            base: 8,
            priors: (GridPrior::Normal(3.5, 0.7), GridPrior::Beta(2.0, 8.0)),
            records: counts(&[8, 12, 9, 14, 8, 11, 15, 10, 13, 9, 14, 12].map(Some)),
            cohorts: None,
        },
        Case {
            name: "counts in months 1, 2 and 6 (the reseller's)",
            base: 0,
            priors: reseller,
            records: counts(&[Some(3), Some(5), None, None, None, Some(12)]),
            cohorts: None,
        },
        Case { name: "12 months from 4 with every flow", base: 4, priors: reseller, records: flows(), cohorts: None },
        Case {
            name: "12 months from zero and cohort facts",
            base: 0,
            priors: reseller,
            records: from_zero,
            cohorts: Some(vec![12, 11, 8]),
        },
    ]
}

/// The case's setup (through the general path when `general` is 1, without the turnover
/// when 2).
fn setup_of(case: &Case, general: u8) -> Setup {
    let text = scenario(case.base, case.records.len(), &case.priors.0.toml(), &case.priors.1.toml());
    let cohorts = case.cohorts.as_ref().map(|c| CohortSet::from_counts(c).unwrap());
    let s = setup(&text, &csv(&case.records), cohorts);
    match general {
        1 => s.by_simulation(),
        2 => s.without_turnover(),
        _ => s,
    }
}

/// The exact marginals of arrivals and churn.
fn exact_of(case: &Case) -> (Marginal, Marginal) {
    let facts = case.cohorts.as_ref().map_or((0.0, 0.0), |c| {
        let churned: u64 = c.windows(2).map(|w| w[0] - w[1]).sum();
        let decisions: u64 = c[..c.len() - 1].iter().sum();
        (churned as f64, decisions as f64)
    });
    posterior_with_cohorts(case.priors, case.base, &case.records, facts, 160)
}

/// A case calibrated by the exact path, both marginals held to the grid.
fn check(name: &str) {
    let case = cases().into_iter().find(|c| c.name.starts_with(name)).unwrap();
    let c = calibrated(&setup_of(&case, 0));
    let (arrivals, churn) = exact_of(&case);
    agrees(case.name, &c, 0, &arrivals);
    agrees(case.name, &c, 1, &churn);
}

#[test]
fn twelve_months_from_zero_the_issues_first_reproducer() {
    check("12 months from zero (the issue's)");
}

#[test]
fn six_volatile_months_from_a_base_the_issues_second_reproducer() {
    check("6 volatile months");
}

#[test]
fn twenty_four_flat_months_from_a_base() {
    check("24 flat months");
}

#[test]
fn twelve_volatile_months_from_a_base() {
    check("12 volatile months");
}

#[test]
fn months_without_a_count_like_the_resellers() {
    check("counts in months 1, 2 and 6");
}

/// Twelve months from 4 customers with every flow: 15 churned in 108 renewal decisions.
fn flows() -> Vec<Record> {
    let rows = [
        (6, 2, Some(1)),
        (6, 1, Some(0)),
        (9, 3, Some(2)),
        (9, 2, Some(1)),
        (8, 0, Some(1)),
        (11, 4, Some(2)),
        (11, 2, Some(1)),
        (11, 1, Some(2)),
        (12, 3, Some(1)),
        (13, 2, Some(3)),
        (12, 2, Some(1)),
        (14, 3, None),
    ];
    rows.iter()
        .map(|&(count, arrivals, churned)| Record { count: Some(count), arrivals: Some(arrivals), churned })
        .collect()
}

#[test]
fn a_history_with_every_flow_is_exact() {
    check("12 months from 4 with every flow");
}

#[test]
fn flows_sharpen_churn_where_they_say() {
    // The issue's setting: 12 months from zero, 2 arrivals a month and 12% churn, uniform
    // priors; 12 churned in 92 renewal decisions.
    let rows = [
        (2, 2, Some(0)),
        (5, 3, Some(1)),
        (5, 1, Some(0)),
        (7, 2, Some(1)),
        (8, 2, Some(1)),
        (10, 3, Some(2)),
        (9, 1, Some(1)),
        (10, 2, Some(1)),
        (12, 3, Some(2)),
        (12, 2, Some(1)),
        (12, 1, Some(2)),
        (12, 2, None),
    ];
    let records: Vec<Record> = rows
        .iter()
        .map(|&(count, arrivals, churned)| Record { count: Some(count), arrivals: Some(arrivals), churned })
        .collect();
    let priors = (GridPrior::Uniform(0.5, 5.0), GridPrior::Uniform(0.01, 0.4));
    let text = scenario(0, 12, &priors.0.toml(), &priors.1.toml());
    let with_flows = calibrated(&setup(&text, &csv(&records), None));
    let (_, churn) = posterior(priors, 0, &records, 160);
    agrees("12 months with flows, uniform priors", &with_flows, 1, &churn);
    // The same counts without the flows: churn is far less certain.
    let bare: Vec<Record> = records.iter().map(|r| Record { count: r.count, ..Record::default() }).collect();
    let counts_only = calibrated(&setup(&text, &csv(&bare), None));
    let (_, churn_from_counts) = posterior(priors, 0, &bare, 160);
    agrees("the same 12 counts", &counts_only, 1, &churn_from_counts);
    let ratio = with_flows.parameters[1].posterior.width() / counts_only.parameters[1].posterior.width();
    eprintln!("flows: churn's 90% width {ratio:.3} × the counts-only width");
    assert!(ratio < 0.6, "flows narrow churn's interval to {ratio:.3} of the counts' only");
    // Centred where the flows say: 12 churned of 92 decisions (a flat prior: Beta(13, 81)
    // within its range).
    let flows_say = 13.0 / 94.0;
    assert!((with_flows.parameters[1].posterior.mean - flows_say).abs() < 0.25 * churn.sd(), "{flows_say}");
}

#[test]
fn cohort_facts_join_the_counts_in_one_exact_posterior() {
    check("12 months from zero and cohort facts");
    // The facts move the posterior: the counts alone give a lower churn.
    let cases = cases();
    let (_, with) = exact_of(&cases[6]);
    let (_, alone) = exact_of(&cases[0]);
    assert!(with.mean() > alone.mean() + 0.1 * alone.sd(), "{} vs {}", with.mean(), alone.mean());
}

/// The general path against the exact posterior on the same histories: what docs/calibration.md
/// reports. `GENERAL=2` runs it without the turnover summaries.
#[test]
#[ignore = "a report: cargo test --release --test integration calibrate_exact -- --ignored --nocapture"]
fn report_the_general_path_against_the_exact_posterior() {
    let general: u8 = std::env::var("GENERAL").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    for case in cases() {
        let start = std::time::Instant::now();
        let c = setup_of(&case, general)
            .calibrate(&Settings { seed: 2026, ..Settings::default() }, &Unmonitored)
            .unwrap()
            .unwrap();
        let (arrivals, churn) = exact_of(&case);
        let (a, b) = (compare(&c, 0, &arrivals), compare(&c, 1, &churn));
        println!(
            "{} | {:+.2} / {:.2} / {:.3} | {:+.2} / {:.2} / {:.3} | {} simulations, {:.2?}",
            case.name,
            a.0,
            a.1,
            a.2,
            b.0,
            b.1,
            b.2,
            c.simulations,
            start.elapsed()
        );
    }
}

/// The counts of `records` as the revenue they bill: the scenario's one tier charges
/// 200 × 1.2 = $240 a customer, so the money says exactly what the counts say.
fn revenue_csv(records: &[Record]) -> String {
    let mut out = String::from("month,revenue\n");
    for (m, r) in records.iter().enumerate() {
        out.push_str(&format!("{},{}\n", m + 1, r.count.map(|c| (240 * c).to_string()).unwrap_or_default()));
    }
    out
}

#[test]
fn money_alone_that_is_the_counts_agrees_with_their_exact_posterior() {
    // A history of revenue only, where revenue is $240 a customer: the same evidence as the
    // counts, through the general path. Without the turnover of money the posterior sat
    // 1.5-1.8 exact sds off with every seed; the general path's accuracy on the counts
    // themselves is the bound.
    money_alone_agrees(&[("12 months from zero (the issue's)", 0.5)]);
}

/// The same on the flat history (1.5 sds high without the turnover of money), kept out of
/// the debug suite for its time (15 s): the first history catches the same fault.
#[test]
#[ignore = "a report: cargo test --release --test integration calibrate_exact -- --ignored --nocapture"]
fn money_alone_on_a_flat_history_agrees_with_its_exact_posterior() {
    money_alone_agrees(&[("24 flat months", 0.8)]);
}

/// Each named case's counts given as revenue alone, held to the exact posterior within
/// `bound` exact sds of the mean and 0.7-1.4 × its 90% width.
fn money_alone_agrees(named: &[(&str, f64)]) {
    for &(name, bound) in named {
        let case = cases().into_iter().find(|c| c.name.starts_with(name)).unwrap();
        let text = scenario(case.base, case.records.len(), &case.priors.0.toml(), &case.priors.1.toml());
        let s = setup(&text, &revenue_csv(&case.records), None);
        assert!(matches!(s.method, Method::General { .. }), "money takes the general path");
        let c = s.calibrate(&Settings { seed: 2026, ..Settings::default() }, &Unmonitored).unwrap().unwrap();
        let (arrivals, churn) = exact_of(&case);
        for (k, exact) in [(0, &arrivals), (1, &churn)] {
            let (shift, width, _) = compare(&c, k, exact);
            eprintln!("{name} as revenue: {}: mean shift {shift:+.3} sd, width ratio {width:.3}", c.parameters[k].key);
            assert!(shift.abs() <= bound, "{name} as revenue: the mean is {shift:.3} exact sds off");
            assert!((0.7..=1.4).contains(&width), "{name} as revenue: 90% width {width:.3} × the exact one");
        }
    }
}

#[test]
fn growth_and_word_of_mouth_stay_exact() {
    // Arrivals grow 5% a month and each customer entering a month brings 0.03 more.
    let priors = (GridPrior::Ci90(0.8, 5.0), GridPrior::Beta(2.0, 18.0));
    let records = counts(&[5, 6, 8, 9, 10, 13, 13, 15, 17, 18, 21, 22].map(Some));
    let text = scenario(3, 12, &priors.0.toml(), &priors.1.toml())
        .replace("churn = ", "arrivals_growth = 0.05\nreferral_rate = 0.03\nchurn = ");
    let c = calibrated(&setup(&text, &csv(&records), None));
    let more = Arrivals { growth: 0.05, referral: 0.03 };
    let (arrivals, churn) = posterior_of(priors, (3, more), &records, (0.0, 0.0), 160);
    agrees("growth and word of mouth", &c, 0, &arrivals);
    agrees("growth and word of mouth", &c, 1, &churn);
}

#[test]
fn subscribers_of_one_plan_are_exact_too() {
    // An affiliate programme's subscribers from 5, with the flows in some months only.
    let priors = (GridPrior::Ci90(1.0, 6.0), GridPrior::Beta(2.0, 18.0));
    let text = format!(
        r#"
name = "Subscribers"
horizon_months = 10
trajectories = 1000
seed = 2026
[affiliate]
signups = {}
payout_threshold = 50
initial_subscribers = {{ pro = 5 }}
[affiliate.commission]
first_order = 0.15
recurring = 0.08
[affiliate.plans.pro]
price = 19.99
churn = {}
"#,
        priors.0.toml(),
        priors.1.toml()
    );
    let rows: [(Option<u64>, Option<u64>, Option<u64>); 10] = [
        (Some(8), Some(3), Some(1)),
        (Some(9), Some(2), None),
        (None, None, None),
        (Some(12), None, Some(2)),
        (Some(13), Some(3), Some(1)),
        (Some(14), Some(2), None),
        (None, Some(4), None),
        (Some(16), None, None),
        (Some(17), Some(3), Some(3)),
        (Some(15), Some(1), None),
    ];
    let records: Vec<Record> =
        rows.iter().map(|&(count, arrivals, churned)| Record { count, arrivals, churned }).collect();
    let cell = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut history = String::from("month,subscribers,new_subscribers,cancelled\n");
    for (m, r) in records.iter().enumerate() {
        history.push_str(&format!("{},{},{},{}\n", m + 1, cell(r.count), cell(r.arrivals), cell(r.churned)));
    }
    let c = calibrated(&setup(&text, &history, None));
    let (signups, churn) = posterior(priors, 5, &records, 160);
    assert_eq!(c.parameters[0].key, "affiliate.signups");
    agrees("subscribers with some flows", &c, 0, &signups);
    agrees("subscribers with some flows", &c, 1, &churn);
}

#[test]
fn cohorts_under_sbg_churn_are_exact_too() {
    // Fader and Hardie's "regular" cohort as counts of 1,000; the history counts arrivals
    // only, which say nothing about churn.
    let survival = [1000, 869, 743, 653, 593, 551, 517, 491];
    let priors = (GridPrior::Ci90(0.2, 3.0), GridPrior::Ci90(0.5, 10.0));
    let churn = format!("{{ sbg = [{}, {}] }}", priors.0.toml(), priors.1.toml());
    let text = scenario(0, 6, "2", &churn).replace("arrivals = 2", "arrivals = 2\nreferral_rate = 0");
    let history = "month,new_customers\n1,2\n2,1\n3,3\n4,2\n5,2\n6,1\n";
    let cohorts = CohortSet::from_counts(&survival).unwrap();
    let setup = setup(&text, history, Some(cohorts));
    let c = calibrated(&setup);
    let cohort: Vec<f64> = survival.iter().map(|&x| x as f64).collect();
    let (alpha, beta) = sbg_posterior(priors, &[cohort], 200);
    assert_eq!(c.parameters[0].key, "reseller.churn.alpha");
    agrees("sBG cohort", &c, 0, &alpha);
    agrees("sBG cohort", &c, 1, &beta);
}
