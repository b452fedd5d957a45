//! Conditional simulation-based calibration of `calibrate` (docs/calibration.md): histories
//! simulated from parameters drawn from the prior, each calibrated at the default settings,
//! and the rank of each true value in its posterior, split into thirds by the history's
//! turnover (how much its customer count moves month to month). An honest posterior gives
//! uniform ranks in every third, not only on average: a method that sees the level of the
//! counts but not their turnover puts the truth low in flat histories and high in volatile
//! ones, which the marginal check cannot see. Minutes of release-build time:
//! `cargo test --release --test integration calibrate_sbc -- --ignored --nocapture`
//! (`SBC_HISTORIES` sets how many; `SBC_GENERAL=1` runs the counts through the general
//! path, `SBC_GENERAL=2` without the turnover summaries, to measure what they add).

use rand::SeedableRng;
use sidecast::abc::{Prior, Settings};
use sidecast::actuals::History;
use sidecast::analysis::inference::calibrate::Setup;
use sidecast::engine::Unmonitored;

fn histories() -> usize {
    std::env::var("SBC_HISTORIES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

/// Customers counted every month for 12 months, from zero: the exact path.
const COUNTS: &str = r#"
name = "Counts"
horizon_months = 12
trajectories = 1000
seed = 2026
[reseller]
arrivals = { ci90 = [0.8, 5] }
churn = { beta = [2, 18] }
[reseller.tiers.only]
markup = 0.2
spend = 200
"#;

/// The reseller's money and hours beside every month's count: the general path.
const MIXED: &str = r#"
name = "Mixed"
horizon_months = 12
trajectories = 1000
seed = 2026
[reseller]
arrivals = { ci90 = [0.8, 5] }
churn = { beta = [2, 18] }
[reseller.tiers.only]
markup = 0.2
spend = { median = { ci90 = [70, 220] }, ci90 = [60, 300] }
support_hours = 0.1
[effort]
fixed_hours = 1.2
onboarding_hours = 0.8
"#;

/// The month-to-month turnover of a history's customer counts: the mean squared change
/// per customer at risk.
fn turnover(history: &History) -> f64 {
    let counts: Vec<f64> = history.months().iter().filter_map(|m| m.customers.map(|c| c as f64)).collect();
    let changes: f64 = counts.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    let at_risk: f64 = counts.iter().take(counts.len().saturating_sub(1)).map(|c| c.max(1.0)).sum();
    changes / at_risk.max(1.0)
}

/// One parameter's ranks of the true values, by third of turnover (flattest first).
struct Thirds {
    key: String,
    ranks: [Vec<f64>; 3],
}

/// Runs the check: `n` histories of `template`'s shape simulated from the priors of
/// `scenario`, each calibrated (through the general path when `general` is 1, without
/// turnover when 2).
fn conditional_sbc(scenario: &str, template: &str, n: usize, general: u8) -> Vec<Thirds> {
    let scenario = sidecast::scenario::parse(scenario, "sbc.toml").unwrap();
    let template = History::parse_csv(template, "template.csv").unwrap();
    let base = Setup::new(&scenario, &template, "sbc.toml").unwrap();
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(2026);
    let mut rows: Vec<(f64, Vec<f64>)> = Vec::new();
    for h in 0..n {
        let truth: Vec<f64> = base.parameters.iter().map(|p| p.prior.sample(&mut rng)).collect();
        let history = base.simulate_history(&truth, 1_000_000 + h as u64).unwrap();
        let setup = Setup::new(&scenario, &history, "sbc.toml").unwrap();
        let setup = match general {
            1 => setup.by_simulation(),
            2 => setup.without_turnover(),
            _ => setup,
        };
        let c = setup.calibrate(&Settings { seed: h as u64, ..Settings::default() }, &Unmonitored).unwrap().unwrap();
        let ranks = (0..truth.len()).map(|i| c.posterior_cdf(i, truth[i]).unwrap_or(0.5)).collect();
        rows.push((turnover(&history), ranks));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let third = rows.len().div_ceil(3);
    base.parameters
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ranks = [0, 1, 2].map(|t| rows.iter().skip(t * third).take(third).map(|r| r.1[i]).collect());
            Thirds { key: p.key.clone(), ranks }
        })
        .collect()
}

/// Prints each third's mean rank, 90% coverage and 10-bin histogram, and holds them to
/// what uniform ranks allow (3 standard errors).
fn report_and_check(name: &str, thirds: &[Thirds], strict: bool) {
    for t in thirds {
        for (k, ranks) in t.ranks.iter().enumerate() {
            let n = ranks.len() as f64;
            let mean = ranks.iter().sum::<f64>() / n;
            let inside = ranks.iter().filter(|r| (0.05..=0.95).contains(*r)).count() as f64 / n;
            let mut bins = [0usize; 10];
            ranks.iter().for_each(|r| bins[((r * 10.0) as usize).min(9)] += 1);
            let third = ["flattest", "middle", "most volatile"][k];
            println!(
                "{name}: {}: {third} third ({n} histories): mean rank {mean:.3}, 90% coverage {inside:.3}, ranks {bins:?}",
                t.key
            );
            if strict {
                let se = (1.0f64 / 12.0 / n).sqrt();
                assert!((mean - 0.5).abs() < 3.0 * se, "{name}: {}: {third}: mean rank {mean:.3}", t.key);
                let cover_se = (0.09 / n).sqrt();
                assert!((inside - 0.9).abs() < 3.0 * cover_se, "{name}: {}: {third}: 90% coverage {inside:.3}", t.key);
            }
        }
    }
}

fn counts_template() -> String {
    let mut csv = String::from("month,customers\n");
    (1..=12).for_each(|m| csv.push_str(&format!("{m},0\n")));
    csv
}

#[test]
#[ignore = "minutes of release-build time; the figures are in docs/calibration.md"]
fn ranks_are_uniform_whatever_the_turnover_of_counts() {
    let general: u8 = std::env::var("SBC_GENERAL").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let thirds = conditional_sbc(COUNTS, &counts_template(), histories(), general);
    report_and_check(&format!("counts, 12 months (path {general})"), &thirds, general == 0);
}

#[test]
#[ignore = "minutes of release-build time; the figures are in docs/calibration.md"]
fn ranks_are_uniform_whatever_the_turnover_of_a_mixed_history() {
    let mut csv = String::from("month,revenue,cogs,hours,customers\n");
    (1..=12).for_each(|m| csv.push_str(&format!("{m},1,1,1,0\n")));
    let thirds = conditional_sbc(MIXED, &csv, histories(), 0);
    report_and_check("revenue, COGS, hours and counts, 12 months (general path)", &thirds, true);
}
