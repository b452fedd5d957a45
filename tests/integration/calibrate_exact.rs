//! calibrate's posterior against the exact one (docs/model.md §16): histories of customer
//! counts of several shapes (flat, volatile, from zero, from a base; 6, 12 and 24 months),
//! each calibrated at the default settings through the library function the command calls,
//! and held to the grid posterior of [`exact_grid`](super::exact_grid), which shares no
//! code with sidecast: the posterior mean within 0.25 exact standard deviations, the 90%
//! width within 0.8-1.25× and the Kolmogorov-Smirnov distance at most 0.12.

use sidecast::abc::{Calibration, Settings};
use sidecast::actuals::History;
use sidecast::analysis::inference::calibrate::{Method, Setup};
use sidecast::engine::Unmonitored;

use super::exact_grid::{GridPrior, Marginal, Record, ks, posterior};

/// A one-tier reseller with fixed spend (so nothing but the counts is random) from
/// `base` customers, with the two priors.
fn scenario(base: u64, months: usize, priors: (GridPrior, GridPrior)) -> String {
    format!(
        r#"
name = "Counts"
horizon_months = {months}
trajectories = 1000
seed = 2026
[reseller]
initial_customers = {{ only = {base} }}
arrivals = {}
churn = {}
[reseller.tiers.only]
markup = 0.2
spend = 200
"#,
        priors.0.toml(),
        priors.1.toml()
    )
}

/// A case: its name, base, priors and monthly counts.
struct Case {
    name: &'static str,
    base: u64,
    priors: (GridPrior, GridPrior),
    counts: Vec<u64>,
}

fn calibrate(case: &Case, settings: &Settings, general: bool) -> (Calibration, bool) {
    let text = scenario(case.base, case.counts.len(), case.priors);
    let scenario = sidecast::scenario::parse(&text, "counts.toml").unwrap_or_else(|e| panic!("{}", e.render(false)));
    let mut csv = String::from("month,customers\n");
    for (m, c) in case.counts.iter().enumerate() {
        csv.push_str(&format!("{},{c}\n", m + 1));
    }
    let history = History::parse_csv(&csv, "counts.csv").unwrap();
    let setup = Setup::new(&scenario, &history, "counts.toml").unwrap();
    let setup = if general { setup.by_simulation() } else { setup };
    let exact = matches!(setup.method, Method::Exact(_));
    (setup.calibrate(settings, &Unmonitored).unwrap().unwrap(), exact)
}

/// (mean shift in exact sds, 90% width ratio, KS) of parameter `k` against `exact`.
fn compare(c: &Calibration, k: usize, exact: &Marginal) -> (f64, f64, f64) {
    let (values, weights) = c.marginal(k).unwrap();
    let q = &c.parameters[k].posterior;
    let shift = (q.mean - exact.mean()) / exact.sd();
    let width = q.width() / (exact.quantile(0.95) - exact.quantile(0.05));
    (shift, width, ks(&values, weights, exact))
}

fn cases() -> Vec<Case> {
    let reseller = (GridPrior::Ci90(0.8, 5.0), GridPrior::Beta(2.0, 18.0));
    let uniform = (GridPrior::Uniform(0.2, 6.0), GridPrior::Uniform(0.0, 0.5));
    vec![
        Case {
            name: "12 months from zero (the issue's)",
            base: 0,
            priors: reseller,
            counts: vec![1, 4, 5, 11, 9, 10, 9, 14, 17, 25, 26, 22],
        },
        Case {
            name: "6 months from 5, volatile (the issue's)",
            base: 5,
            priors: uniform,
            counts: vec![7, 7, 18, 15, 10, 15],
        },
    ]
}

#[test]
#[ignore = "a report: cargo test --test integration calibrate_exact -- --ignored --nocapture"]
fn report_against_the_grid() {
    let general = std::env::var("GENERAL").is_ok();
    for case in cases() {
        let start = std::time::Instant::now();
        let (c, exact_path) = calibrate(&case, &Settings { seed: 2026, ..Settings::default() }, general);
        let took = start.elapsed();
        let records: Vec<Record> =
            case.counts.iter().map(|&n| Record { count: Some(n), ..Record::default() }).collect();
        let start = std::time::Instant::now();
        let (arrivals, churn) = posterior(case.priors, case.base, &records, 160);
        eprintln!(
            "{}: exact path {exact_path}, {:?} (grid {:?}); churn exact {:.3} ({:.3}-{:.3}) calibrate {:.3} ({:.3}-{:.3}); \
             arrivals {:?}, churn {:?}",
            case.name,
            took,
            start.elapsed(),
            churn.mean(),
            churn.quantile(0.05),
            churn.quantile(0.95),
            c.parameters[1].posterior.mean,
            c.parameters[1].posterior.p5,
            c.parameters[1].posterior.p95,
            compare(&c, 0, &arrivals),
            compare(&c, 1, &churn)
        );
    }
}
