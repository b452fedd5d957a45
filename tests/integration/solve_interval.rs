//! `sidecast solve` against the closed form of docs/model.md §2.4: with N0 customers,
//! constant churn c and Poisson(λ) arrivals, the customers billed in month t are
//! Binomial(N0, s^(t−1)) + Poisson(λ(1 − s^t)/c), so P(customers ≥ K in month t) is known
//! exactly and the λ (or the c) at which it reaches q can be solved for numerically. That
//! exact answer must lie in solve's reported interval, with fixed seeds; a coverage study
//! over many seeds checks that the interval is an honest 95% one. Also: a hurting lever,
//! an unreachable target, a lever with no effect, by-month targets, and the number of
//! simulations each lever costs.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use statrs::distribution::{Binomial, Discrete, DiscreteCDF, Poisson};

use sidecast::analysis::whatif::solve::{MAX_EVALUATIONS, Solve, SolveError};
use sidecast::engine::{Cancelled, Control, Monitor, Unmonitored};
use sidecast::report::solve::{Direction, LeverReport, SolveReport, Status};

/// A one-tier reseller: N0 customers, constant churn, Poisson arrivals, nothing else random.
/// The horizon ends at the month asked about: later months change nothing.
fn scenario(
    n0: u32,
    churn: f64,
    arrivals: f64,
    (months, trajectories): (i32, usize),
    seed: u64,
) -> tempfile::NamedTempFile {
    let text = format!(
        r#"
name = "closed form"
horizon_months = {months}
trajectories = {trajectories}
seed = {seed}
[reseller]
initial_customers = {{ only = {n0} }}
arrivals = {arrivals}
churn = {churn}
[reseller.tiers.only]
markup = 0.2
spend = 100
"#
    );
    let mut file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file
}

/// P(Binomial(N0, s^(t−1)) + Poisson(λ(1 − s^t)/c) ≥ K), exactly (the Poisson mean is λt
/// without churn).
fn probability(n0: u64, churn: f64, arrivals: f64, t: i32, k: u64) -> f64 {
    let s = 1.0 - churn;
    let mean = if churn == 0.0 { arrivals * f64::from(t) } else { arrivals * (1.0 - s.powi(t)) / churn };
    let binomial = Binomial::new(s.powi(t - 1), n0).unwrap();
    (0..=n0)
        .map(|b| {
            let tail = if b >= k {
                1.0
            } else if mean == 0.0 {
                0.0
            } else {
                Poisson::new(mean).unwrap().sf(k - b - 1)
            };
            binomial.pmf(b) * tail
        })
        .sum()
}

/// The root of an increasing (or decreasing) function on [low, high] by bisection.
fn root(mut low: f64, mut high: f64, f: impl Fn(f64) -> f64) -> f64 {
    let increasing = f(high) > f(low);
    for _ in 0..100 {
        let mid = 0.5 * (low + high);
        if (f(mid) < 0.0) == increasing {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

fn solve(file: &tempfile::NamedTempFile, target: &str, q: f64, levers: &[&str]) -> SolveReport {
    let levers: Vec<String> = levers.iter().map(|s| s.to_string()).collect();
    let solve = Solve::prepare(&sidecast::scenario::ScenarioFile::read(file.path()).unwrap(), &[], target, q, &levers)
        .unwrap_or_else(|e| panic!("{e}"));
    solve.run(&Unmonitored).unwrap()
}

fn contains(lever: &LeverReport, exact: f64) -> bool {
    lever.interval.is_some_and(|[a, b]| a <= exact && exact <= b)
}

/// (N0, churn, K, month t, q): the smallest λ with P(customers ≥ K in month t) ≥ q.
const ARRIVAL_CASES: [(u32, f64, u64, i32, f64); 5] = [
    (12, 0.10, 15, 12, 0.8),
    (12, 0.10, 20, 18, 0.5),
    (0, 0.20, 8, 6, 0.9),
    (30, 0.15, 12, 12, 0.95),
    (5, 0.05, 20, 24, 0.2),
];

#[test]
fn the_smallest_arrival_rate_lies_in_the_interval() {
    for (i, (n0, churn, k, t, q)) in ARRIVAL_CASES.into_iter().enumerate() {
        let exact = root(0.0, 20.0, |l| probability(u64::from(n0), churn, l, t, k) - q);
        let file = scenario(n0, churn, 1.0, (t, 2_000), 100 + i as u64);
        let report = solve(&file, &format!("active_customers >= {k} in {t}"), q, &["reseller.arrivals=0..20"]);
        let lever = &report.levers[0];
        let what = format!("K {k}, month {t}, q {q}: exact λ {exact:.4}, {lever:?}");
        assert_eq!((lever.status, lever.direction), (Status::Solved, Direction::Helps), "{what}");
        assert!(contains(lever, exact), "{what}");
        assert!(lever.evaluations <= MAX_EVALUATIONS && lever.converged, "{what}");
        assert!(lever.probability_at_value.unwrap() >= q, "{what}");
    }
}

#[test]
fn the_largest_churn_lies_in_the_interval() {
    // Churn hurts: the answer is the largest churn with P ≥ q.
    for (i, (n0, arrivals, k, t, q)) in [(20u32, 1.0, 12u64, 12, 0.8), (10, 2.0, 15, 24, 0.6)].into_iter().enumerate() {
        let exact = root(0.001, 0.9, |c| probability(u64::from(n0), c, arrivals, t, k) - q);
        let file = scenario(n0, 0.1, arrivals, (t, 2_000), 200 + i as u64);
        let report = solve(&file, &format!("active_customers >= {k} in {t}"), q, &["reseller.churn=0.001..0.9"]);
        let lever = &report.levers[0];
        let what = format!("exact churn {exact:.5}: {lever:?}");
        assert_eq!((lever.status, lever.direction), (Status::Solved, Direction::Hurts), "{what}");
        assert!(contains(lever, exact), "{what}");
        assert!(lever.value.unwrap() <= lever.interval.unwrap()[1], "{what}");
        assert_eq!(lever.today, Some(0.1));
        assert!((lever.change.unwrap() - (lever.value.unwrap() - 0.1)).abs() < 1e-12);
    }
}

#[test]
fn by_month_targets_follow_the_closed_form_without_churn() {
    // Without churn nobody leaves, so "at least once by month t" is "in month t":
    // N0 + Poisson(λt) ≥ K.
    let (n0, k, t, q) = (3u32, 30u64, 12, 0.8);
    let exact = root(0.0, 10.0, |l| probability(u64::from(n0), 0.0, l, t, k) - q);
    let file = scenario(n0, 0.0, 1.0, (t, 2_000), 300);
    let by = solve(&file, &format!("active_customers >= {k} by {t}"), q, &["reseller.arrivals=0..10"]);
    assert!(contains(&by.levers[0], exact), "exact {exact}: {:?}", by.levers[0]);
    // With churn, reaching it once by month t is easier than in month t: a smaller rate.
    let file = scenario(12, 0.10, 1.0, (12, 2_000), 301);
    let target = |when: &str| format!("active_customers >= 20 {when} 12");
    let report = |when: &str| solve(&file, &target(when), 0.8, &["reseller.arrivals=0..10"]).levers[0].clone();
    let (by, in_month) = (report("by"), report("in"));
    assert!(by.value.unwrap() < in_month.value.unwrap(), "by {:?} in {:?}", by.value, in_month.value);
}

#[test]
fn unreachable_targets_and_idle_levers_are_answers_not_errors() {
    let file = scenario(12, 0.10, 1.0, (12, 2_000), 400);
    let far = solve(&file, "active_customers >= 40 in 12", 0.8, &["reseller.arrivals=0.5..2"]);
    let arrivals = &far.levers[0];
    assert_eq!((arrivals.status, arrivals.reachable, arrivals.value), (Status::OutOfReach, false, None));
    assert!(arrivals.probability_at_range.iter().all(|&p| p < 0.8), "{arrivals:?}");
    // The markup moves no customer: P(customers ≥ 12) is the same at every markup.
    let idle = solve(&file, "active_customers >= 12 in 12", 0.8, &["reseller.tiers.only.markup=0.1..0.6"]);
    let markup = &idle.levers[0];
    assert_eq!((markup.status, markup.direction, markup.reachable), (Status::NoEffect, Direction::None, false));
    assert_eq!(markup.evaluations, 5, "both ends and three values inside: {markup:?}");
    assert_eq!(markup.points.len(), 6, "and today's 20% markup: {markup:?}");
    let p = idle.probability_today.unwrap().probability;
    assert!(p > 0.1 && markup.points.iter().all(|pt| pt.probability == p), "{markup:?}");
}

/// Counts the trajectories simulated, through the engine's progress hook.
#[derive(Default)]
struct Counting {
    trajectories: AtomicUsize,
}

impl Monitor for Counting {
    fn watch<T>(
        &self,
        _label: &str,
        _trajectories: usize,
        work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
    ) -> Result<T, Cancelled> {
        let tick = |n: usize| {
            self.trajectories.fetch_add(n, Ordering::Relaxed);
        };
        work(&Control { progress: Some(&tick), ..Control::default() })
    }
}

#[test]
fn each_lever_costs_at_most_fifteen_simulations() {
    let file = scenario(12, 0.10, 2.0, (6, 2_000), 500);
    let levers: Vec<String> =
        ["reseller.arrivals=0..20", "reseller.churn=0.001..0.9", "reseller.initial_customers.only=0..100"]
            .map(String::from)
            .to_vec();
    let solve = Solve::prepare(
        &sidecast::scenario::ScenarioFile::read(file.path()).unwrap(),
        &[],
        "active_customers >= 20 in 6",
        0.8,
        &levers,
    )
    .unwrap();
    let counting = Counting::default();
    let report = solve.run(&counting).unwrap();
    let simulations = counting.trajectories.load(Ordering::Relaxed) / 2_000;
    let evaluations: usize = report.levers.iter().map(|l| l.evaluations).sum();
    assert_eq!(simulations, 1 + evaluations, "one run for today, then each lever's own");
    for lever in &report.levers {
        assert_eq!(lever.status, Status::Solved, "{lever:?}");
        assert!(lever.evaluations <= MAX_EVALUATIONS, "{lever:?}");
    }
    let customers = &report.levers[2];
    assert!(customers.integer && customers.points.iter().all(|p| p.value.fract() == 0.0), "{customers:?}");
}

#[test]
fn the_interval_covers_the_exact_answer_about_95_percent_of_the_time() {
    // 40 seeds of a small run: the exact λ falls outside a 95% interval in about 2 of
    // them; outward rounding makes the interval a little wider, so fewer. More than 6
    // misses (p < 0.006 under 95% coverage) would mean the interval is too narrow.
    let (n0, churn, k, t, q) = (12u32, 0.10, 14u64, 6, 0.8);
    let exact = root(0.0, 20.0, |l| probability(u64::from(n0), churn, l, t, k) - q);
    let misses = (0..40)
        .filter(|seed| {
            let file = scenario(n0, churn, 1.0, (t, 400), 1_000 + seed);
            let report = solve(&file, &format!("active_customers >= {k} in {t}"), q, &["reseller.arrivals=0..20"]);
            !contains(&report.levers[0], exact)
        })
        .count();
    assert!(misses <= 6, "{misses} of 40 intervals miss the exact λ {exact}");
}

/// Cancels every simulation, as Ctrl-C does.
struct Interrupted;

impl Monitor for Interrupted {
    fn watch<T>(
        &self,
        _label: &str,
        _trajectories: usize,
        work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
    ) -> Result<T, Cancelled> {
        let cancel = AtomicBool::new(true);
        work(&Control { cancel: Some(&cancel), ..Control::default() })
    }
}

#[test]
fn a_cancelled_solve_returns_no_report() {
    let file = scenario(12, 0.10, 1.0, (6, 2_000), 600);
    let levers = vec!["reseller.arrivals=0..20".to_string()];
    let solve = Solve::prepare(
        &sidecast::scenario::ScenarioFile::read(file.path()).unwrap(),
        &[],
        "active_customers >= 20 in 6",
        0.8,
        &levers,
    )
    .unwrap();
    assert!(matches!(solve.run(&Interrupted), Err(SolveError::Cancelled)));
}
