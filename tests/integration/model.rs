//! Statistical behaviour against the closed forms of docs/model.md, with fixed seeds and
//! tolerances of several standard errors: deterministic, and still sensitive to a wrong model.

use statrs::distribution::{Binomial, Discrete, Poisson};
use statrs::function::beta::ln_beta;

use crate::common::{assert_percentile_consistent, assert_within, replaced, run, scenario};
use sidecast::stats::Percentile;

/// docs/model.md §2.4: constant churn c, N0 initial customers, Poisson(λ) arrivals.
fn churn_scenario(n0: u32, churn: f64, arrivals: f64, trajectories: usize) -> String {
    format!(
        r#"
name = "section 3"
trajectories = {trajectories}
seed = 11
[reseller]
initial_customers = {{ only = {n0} }}
arrivals = {arrivals}
churn = {churn}
[reseller.tiers.only]
markup = 0.2
spend = 100
"#
    )
}

/// Exact pmf of Binomial(n0, s^(t-1)) + Poisson(λ(1 - s^t)/c) by convolution.
fn billed_pmf(n0: u64, churn: f64, arrivals: f64, t: i32) -> Vec<f64> {
    let s = 1.0 - churn;
    let binomial = Binomial::new(s.powi(t - 1), n0).unwrap();
    let poisson = Poisson::new(arrivals * (1.0 - s.powi(t)) / churn).unwrap();
    let size = n0 as usize + 200;
    let mut pmf = vec![0.0; size];
    for b in 0..=n0 {
        for p in 0..(size - n0 as usize) {
            pmf[b as usize + p] += binomial.pmf(b) * poisson.pmf(p as u64);
        }
    }
    pmf
}

#[test]
fn customers_billed_follow_binomial_plus_poisson() {
    let (n0, churn, arrivals, n) = (12u32, 0.10, 1.0, 20_000);
    let report = run(&churn_scenario(n0, churn, arrivals, n));
    let active = report.series("active_customers").unwrap();
    let s = 1.0 - churn;
    for t in [1, 2, 6, 12, 24] {
        let i = t as usize - 1;
        let expected = f64::from(n0) * s.powi(t - 1) + arrivals * (1.0 - s.powi(t)) / churn;
        assert_within(
            &format!("mean billed in month {t}"),
            active.mean[i].unwrap(),
            expected,
            active.std_error[i].unwrap(),
            4.0,
        );
        let pmf = billed_pmf(u64::from(n0), churn, arrivals, t);
        let cdf = |x: f64| if x < 0.0 { 0.0 } else { pmf[..=(x as usize).min(pmf.len() - 1)].iter().sum::<f64>() };
        for level in Percentile::DEFAULT {
            let value = active.percentile(level).unwrap()[i].unwrap();
            assert_eq!(value.fract(), 0.0, "type-1 percentiles of counts are whole numbers");
            assert_percentile_consistent(&format!("month {t}"), value, level.fraction(), cdf, n, 4.0);
        }
    }
}

#[test]
fn the_base_drifts_toward_arrivals_over_churn() {
    // 12 customers, 10% churn, 1 arrival a month: the long-run level is 10, so the base drifts down.
    let report = run(&churn_scenario(12, 0.10, 1.0, 4_000));
    let mean = &report.series("active_customers").unwrap().mean;
    assert!(mean[23].unwrap() < mean[0].unwrap());
    let expected = 12.0 * 0.9f64.powi(23) + (1.0 - 0.9f64.powi(24)) / 0.1;
    assert_within(
        "month 24",
        mean[23].unwrap(),
        expected,
        report.series("active_customers").unwrap().std_error[23].unwrap(),
        4.0,
    );
}

#[test]
fn shifted_beta_geometric_cohort_survival() {
    // Fader & Hardie's "regular" segment: alpha 0.704, beta 1.182. A closed cohort (no arrivals).
    let (alpha, beta, n0) = (0.704, 1.182, 500);
    let text = format!(
        r#"
name = "sBG cohort"
trajectories = 400
seed = 5
[reseller]
initial_customers = {{ only = {n0} }}
churn = {{ sbg = [{alpha}, {beta}] }}
[reseller.tiers.only]
markup = 0.2
spend = 100
"#
    );
    let report = run(&text);
    let active = report.series("active_customers").unwrap();
    for t in [2usize, 3, 5, 8, 13, 24] {
        // Billed in month t = survived t - 1 month-ends: S(t-1) = B(a, b + t - 1) / B(a, b).
        let survival = (ln_beta(alpha, beta + (t - 1) as f64) - ln_beta(alpha, beta)).exp();
        let i = t - 1;
        let share = active.mean[i].unwrap() / f64::from(n0);
        let se = active.std_error[i].unwrap() / f64::from(n0);
        assert_within(&format!("sBG survival to month {t}"), share, survival, se, 4.0);
    }
    // Retention rises with tenure (the churn-prone leave first): r(t) = (b + t - 1)/(a + b + t - 1).
    let r = |t: usize| active.mean[t].unwrap() / active.mean[t - 1].unwrap();
    assert!(r(1) < r(5) && r(5) < r(20), "retention should rise: {} {} {}", r(1), r(5), r(20));
}

#[test]
fn upgrade_hazard_from_probability_within_months() {
    // 35% within 3 months: h = 1 - 0.65^(1/3) = 0.1338; without churn, (1-h)^3 = 0.65 still Starter after 3 month-ends.
    let text = r#"
name = "upgrades"
trajectories = 2000
seed = 3
[reseller]
initial_customers = { starter = 50 }
[reseller.tiers.starter]
markup = 0.15
spend = 100
upgrade = { to = "growth", probability = 0.35, within_months = 3 }
[reseller.tiers.growth]
markup = 0.20
spend = 400
"#;
    let report = run(text);
    let starter = report.series("active_customers.starter").unwrap();
    let h = 1.0 - 0.65f64.powf(1.0 / 3.0);
    assert!((h - 0.1338).abs() < 1e-4);
    for t in [2usize, 4, 7] {
        let expected = (1.0 - h).powi(t as i32 - 1);
        let i = t - 1;
        assert_within(
            &format!("still Starter in month {t}"),
            starter.mean[i].unwrap() / 50.0,
            expected,
            starter.std_error[i].unwrap() / 50.0,
            4.0,
        );
    }
    // An upgraded customer pays the Growth markup on a spend scaled by the ratio of medians (400/100).
    let revenue = report.series("revenue").unwrap();
    let expected_month_4 = 50.0 * (0.65 * 100.0 * 1.15 + 0.35 * 400.0 * 1.20);
    assert_within("revenue in month 4", revenue.mean[3].unwrap(), expected_month_4, revenue.std_error[3].unwrap(), 4.0);
}

#[test]
fn affiliate_commission_means() {
    // Poisson(λ) Pro signups, churn c: E[earned_t] = λ·p·(first + recurring·Σ_{k=1}^{t-1} s^k).
    let (lambda, churn, price) = (20.0, 0.08, 19.99);
    let text = format!(
        r#"
name = "affiliate"
trajectories = 4000
seed = 9
[affiliate]
signups = {lambda}
[affiliate.commission]
first_order = 0.15
recurring = 0.08
[affiliate.plans.pro]
price = {price}
churn = {churn}
"#
    );
    let report = run(&text);
    let earned = report.series("commission_earned").unwrap();
    let s = 1.0f64 - churn;
    for t in [1usize, 6, 12, 24] {
        let renewals: f64 = (1..t).map(|k| s.powi(k as i32)).sum();
        let expected = lambda * price * (0.15 + 0.08 * renewals);
        let i = t - 1;
        assert_within(
            &format!("commission in month {t}"),
            earned.mean[i].unwrap(),
            expected,
            earned.std_error[i].unwrap(),
            4.0,
        );
    }
}

#[test]
fn reseller_invoices_respect_tier_minimums_and_kickback() {
    // Fixed spend $40 with a $50 minimum: every invoice is $50; COGS is spend less the kickback
    // (15% on first orders, 8% on renewals; the initial base renews from month 1).
    let text = r#"
name = "minimums"
trajectories = 10
[reseller]
initial_customers = { starter = 10 }
[reseller.kickback]
first_order = 0.15
recurring = 0.08
[reseller.tiers.starter]
markup = 0.15
minimum = 50
spend = 40
"#;
    let report = run(text);
    let median = |key: &str| report.series(key).unwrap().percentile(Percentile::P50).unwrap()[0].unwrap();
    assert_eq!(median("revenue"), 500.0);
    let cogs = median("cogs");
    assert!((cogs - 10.0 * 40.0 * 0.92).abs() < 1e-9, "{cogs}");
    assert!((median("gross_profit") - (500.0 - 368.0)).abs() < 1e-9);
}

/// A tier's median spend may itself be uncertain (drawn once per trajectory): 50 customers,
/// no churn, markup 0, spend lognormal across customers with σ from its interval around a
/// median drawn uniformly from $100-200. Month 1 revenue has mean 50 · E[M] · exp(σ²/2).
#[test]
fn an_uncertain_median_spend_is_drawn_once_per_trajectory() {
    let text = r#"
name = "uncertain spend"
horizon_months = 1
trajectories = 20000
seed = 8
[reseller]
initial_customers = { a = 50 }
arrivals = 0
churn = 0
[reseller.tiers.a]
markup = 0
minimum = 0
spend = { median = { uniform = [100, 200] }, ci90 = [50, 200] }
"#;
    let scenario = scenario(text);
    let keys: Vec<_> = scenario.uncertain_parameters().iter().filter_map(|p| p.key()).collect();
    assert_eq!(keys, ["reseller.tiers.a.spend.median"]);
    let report = run(text);
    let revenue = report.series("revenue").unwrap();
    let sigma = (200.0f64 / 50.0).ln() / (2.0 * 1.6448536269514722);
    let expected = 50.0 * 150.0 * (sigma * sigma / 2.0).exp();
    assert_within("month 1 revenue", revenue.mean[0].unwrap(), expected, revenue.std_error[0].unwrap(), 4.0);
    // Most of the spread between futures is the median's: with a fixed median of $150 the
    // futures' revenues differ only by which customers they drew.
    let fixed = run(&replaced(text, "median = { uniform = [100, 200] }", "median = 150"));
    let sd = |r: &sidecast::report::RunReport| r.series("revenue").unwrap().std_error[0].unwrap();
    assert!(sd(&report) > 2.0 * sd(&fixed), "{} vs {}", sd(&report), sd(&fixed));
}
