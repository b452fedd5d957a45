//! Reproducibility (docs/model.md §7): same scenario and seed, same numbers, whatever the
//! number of threads; trajectory i depends only on (seed, i); variants share randomness.

use sidecast::engine::{Control, Layout, simulate, simulate_range};
use sidecast::metric::Stored;

use crate::common::{outcomes, replaced, scenario};

const SCENARIO: &str = include_str!("../../scenarios/side-hustle.toml");

/// The shipped scenario with fewer trajectories (the replacement is checked).
fn with_trajectories(n: usize) -> String {
    replaced(SCENARIO, "trajectories = 10000", &format!("trajectories = {n}"))
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(f)
}

#[test]
fn identical_results_on_one_and_two_threads() {
    let s = scenario(&with_trajectories(3000));
    let one = in_pool(1, || outcomes(&s));
    let two = in_pool(2, || outcomes(&s));
    let four = in_pool(4, || outcomes(&s));
    assert!(one == two && two == four, "outcomes differ between thread counts");
}

#[test]
fn trajectory_depends_only_on_seed_and_index() {
    let s = scenario(&with_trajectories(3000));
    let all = outcomes(&s);
    // Trajectories 2048..3000 simulated on their own equal the same trajectories of the full run.
    let tail = simulate_range(&s, 2048, 952, &Control::default()).unwrap();
    let row = Layout::row(Stored::GrossProfit);
    for month in [0, 11, 23] {
        assert_eq!(tail.column(row, month), all.column(row, month)[2048..].to_vec());
    }
}

#[test]
fn different_seeds_give_different_numbers() {
    let a = scenario(&with_trajectories(200));
    let b = scenario(&replaced(&with_trajectories(200), "seed = 2026", "seed = 7"));
    let row = Layout::row(Stored::GrossProfit);
    assert_ne!(outcomes(&a).column(row, 11), outcomes(&b).column(row, 11));
    assert_eq!(outcomes(&a), simulate(&a, &Control::default()).unwrap());
}

#[test]
fn changing_churn_keeps_arrivals_and_spend_aligned() {
    // Common random numbers: only churn differs, so new-customer counts are identical per trajectory
    // and a higher churn never leaves more customers in the same trajectory of a closed cohort.
    let base = with_trajectories(500);
    let low = scenario(&replaced(&base, "churn = { ci90 = [0.05, 0.15] }", "churn = 0.05"));
    let high = scenario(&replaced(&base, "churn = { ci90 = [0.05, 0.15] }", "churn = 0.10"));
    let (low, high) = (outcomes(&low), outcomes(&high));
    let new_customers = Layout::row(Stored::NewCustomers);
    for month in 0..24 {
        assert_eq!(
            low.column(new_customers, month),
            high.column(new_customers, month),
            "arrivals differ in month {}",
            month + 1
        );
    }
    let active = Layout::row(Stored::ActiveCustomers);
    let fewer = low.column(active, 23).iter().zip(high.column(active, 23)).filter(|(l, h)| h <= l).count();
    assert_eq!(fewer, 500, "10% churn left more customers than 5% in some trajectory");
}

#[test]
fn a_shorter_horizon_is_the_start_of_a_longer_one() {
    // Nothing about a month depends on how many follow it (the month end after the last
    // month is skipped, and that must change nothing before it).
    let base = with_trajectories(1000);
    let long = outcomes(&scenario(&base));
    let short = outcomes(&scenario(&replaced(&base, "horizon_months = 24", "horizon_months = 12")));
    assert_eq!(short.horizon(), 12);
    for row in 0..long.layout.rows.len() {
        for month in 0..12 {
            assert_eq!(short.column(row, month), long.column(row, month), "row {row}, month {}", month + 1);
        }
    }
}

#[test]
fn an_affiliate_only_scenario_is_identical_on_one_and_two_threads_and_has_no_reseller_rows() {
    let text = replaced(include_str!("../../scenarios/affiliate.toml"), "trajectories = 10000", "trajectories = 3000");
    let s = scenario(&text);
    let one = in_pool(1, || outcomes(&s));
    let two = in_pool(2, || outcomes(&s));
    assert!(one == two, "outcomes differ between thread counts");
    for metric in [Stored::ActiveCustomers, Stored::NewCustomers, Stored::Revenue, Stored::Cogs] {
        let row = Layout::row(metric);
        assert!(one.layout.is_zero(row), "{metric:?} is stored without a reseller stream");
        assert!(one.column(row, 11).iter().all(|v| *v == 0.0));
    }
    let subscribers = Layout::row(Stored::Subscribers);
    assert!(!one.layout.is_zero(subscribers));
    assert!(one.column(subscribers, 11).iter().any(|v| *v > 0.0));
}
