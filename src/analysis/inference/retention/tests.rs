//! End-to-end tests of the retention fit: a published fit of real data, recovery of known
//! parameters from a synthetic cohort, and the users' own 12/11/8 cohort.

use super::*;
use crate::report::retention::RetentionModel;
use rand::{RngExt, SeedableRng};
use rand_distr::{Beta, Distribution};
use rand_xoshiro::Xoshiro256PlusPlus;

fn quick() -> FitOptions {
    FitOptions { bootstrap_replicates: 100, ..FitOptions::default() }
}

/// Rounds to `digits` significant figures.
fn round_sig(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// Fader, P. S. and Hardie, B. G. S. (2007), "How to Project Customer Retention",
/// Journal of Interactive Marketing 21(1), 76-90 (http://www.brucehardie.com/papers/021/):
/// survival of 1000 "high end" and 1000 "regular" customers over years 0-7, fitted on those
/// 7 years; published estimates high end α = 0.668, β = 3.806 and regular α = 0.704,
/// β = 1.182. The same data and high-end estimates are used as the test case of
/// jdmaturen/shifted_beta_geometric_py (`sbg.py`, `test()`).
#[test]
fn reproduces_fader_hardie_2007_to_three_significant_figures() {
    let cases: [(&[u64], f64, f64); 2] = [
        (&[1000, 869, 743, 653, 593, 551, 517, 491], 0.668, 3.806),
        (&[1000, 631, 468, 382, 326, 289, 262, 241], 0.704, 1.182),
    ];
    for (counts, alpha, beta) in cases {
        let fit = fit_sbg(&CohortSet::from_counts(counts).unwrap());
        assert_eq!(round_sig(fit.alpha, 3), round_sig(alpha, 3), "{counts:?}: {fit:?}");
        assert_eq!(round_sig(fit.beta, 3), round_sig(beta, 3), "{counts:?}: {fit:?}");
        // Stronger: agree with every published digit.
        assert!((fit.alpha - alpha).abs() < 5e-4 && (fit.beta - beta).abs() < 5e-4, "{fit:?}");
        assert!(!fit.at_boundary);
    }
}

#[test]
fn published_percentages_give_the_same_fit_with_the_assumed_size() {
    let set = CohortSet::from_survival_percent(&[100.0, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1], None).unwrap();
    let report = fit_retention(&set, &quick());
    assert!((report.sbg.alpha - 0.668).abs() < 5e-4 && (report.sbg.beta - 3.806).abs() < 5e-4);
    assert_eq!(report.data.assumed_cohort_size, Some(DEFAULT_ASSUMED_COHORT_SIZE));
    assert!(report.toml_snippet.contains("assumed cohort size of 1000"));
    assert_eq!(report.comparison.preferred, RetentionModel::Sbg);
    assert!(report.toml_snippet.contains("\nchurn = { sbg = [0.668"), "{}", report.toml_snippet);
}

/// Three cohorts of different lengths drawn from a known sBG with a fixed seed.
fn synthetic(alpha: f64, beta: f64, seed: u64) -> CohortSet {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let churn = Beta::new(alpha, beta).unwrap();
    let cohorts = [(1500usize, 12usize), (1000, 8), (800, 4)]
        .iter()
        .enumerate()
        .map(|(i, &(size, last_age))| {
            let mut active = vec![0u64; last_age + 1];
            for _ in 0..size {
                let theta: f64 = churn.sample(&mut rng);
                let mut age = 0;
                active[0] += 1;
                while age < last_age && rng.random::<f64>() >= theta {
                    age += 1;
                    active[age] += 1;
                }
            }
            Cohort::from_counts(format!("synthetic {i}"), &active).unwrap()
        })
        .collect();
    CohortSet::new(cohorts).unwrap()
}

#[test]
fn recovers_known_parameters_within_two_bootstrap_standard_errors() {
    let (alpha, beta) = (0.9, 3.0);
    let report = fit_retention(&synthetic(alpha, beta, 42), &quick());
    let b = &report.sbg.bootstrap;
    let z_alpha = (report.sbg.alpha - alpha) / b.alpha_standard_error;
    let z_beta = (report.sbg.beta - beta) / b.beta_standard_error;
    assert!(z_alpha.abs() < 2.0 && z_beta.abs() < 2.0, "z = {z_alpha}, {z_beta}: {report:#?}");
    // The errors are informative, not huge: a few tens of percent at most.
    assert!(b.alpha_standard_error < 0.3 * alpha && b.beta_standard_error < 0.5 * beta);
    assert!(b.alpha_ci90[0] < alpha && alpha < b.alpha_ci90[1]);
    assert!(b.beta_ci90[0] < beta && beta < b.beta_ci90[1]);
    assert_eq!(report.comparison.preferred, RetentionModel::Sbg);
}

#[test]
fn the_users_twelve_customers_fit_and_carry_a_small_sample_warning() {
    let report = fit_retention(&CohortSet::from_counts(&[12, 11, 8]).unwrap(), &quick());
    // 4 churned (1 + 3) in 23 renewal decisions (12 + 11).
    assert!((report.constant.churn - 4.0 / 23.0).abs() < 1e-12);
    assert_eq!(report.constant.churn_beta, [5.0, 20.0]);
    assert!(report.small_sample);
    assert_eq!(report.comparison.preferred, RetentionModel::Constant);
    assert!(report.sbg.at_boundary);
    let snippet = &report.toml_snippet;
    assert!(snippet.contains("# SMALL SAMPLE: only 12 customers"), "{snippet}");
    assert!(snippet.contains("\nchurn = { beta = [5, 20] }\n"), "{snippet}");
    assert!(snippet.contains("\n# churn = { sbg = ["), "{snippet}");
    let [lo, hi] = report.constant.churn_ci90;
    assert!(lo < 0.1 && hi > 0.3, "12 customers leave churn wide open: {lo}..{hi}");
    // Exactly one active TOML line, and it parses as TOML.
    let active: Vec<&str> = snippet.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(active, vec!["churn = { beta = [5, 20] }"]);
    assert!(snippet.parse::<toml::Table>().is_ok());
}

#[test]
fn report_serializes_to_the_documented_json_shape() {
    let report = fit_retention(&CohortSet::from_counts(&[100, 80, 70, 64]).unwrap(), &quick());
    let json = serde_json::to_value(&report).unwrap();
    for key in ["alpha", "beta", "log_likelihood"] {
        assert!(json["sbg"][key].is_f64(), "sbg.{key}");
    }
    for key in ["churn", "log_likelihood"] {
        assert!(json["constant"][key].is_f64(), "constant.{key}");
    }
    assert_eq!(json["sbg"]["implied_churn"][2]["month"], 12);
    assert!(json["comparison"]["preferred"].is_string());
    let survival = json["survival"].as_array().unwrap();
    assert_eq!(survival.len(), 25);
    assert_eq!(survival[3]["observed"], 0.64);
    assert!(survival[4]["observed"].is_null());
}

#[test]
fn survival_projection_starts_at_one_and_falls() {
    let report = fit_retention(&synthetic(0.9, 3.0, 1), &quick());
    let points = &report.survival;
    assert_eq!(points[0].sbg, 1.0);
    assert!(points.windows(2).all(|w| w[1].sbg <= w[0].sbg && w[1].constant <= w[0].constant));
    // Heterogeneity: sBG survival ends above constant churn's in the long run.
    assert!(points[24].sbg > points[24].constant);
}

#[test]
fn fit_is_reproducible() {
    let data = CohortSet::from_counts(&[40, 33, 30, 28]).unwrap();
    assert_eq!(fit_retention(&data, &quick()), fit_retention(&data, &quick()));
}

#[test]
fn rejects_bad_cohorts() {
    let cases: &[(&[u64], &str)] = &[
        (&[], "cohort `counts` is empty"),
        (&[0, 0], "cohort `counts` starts with 0 customers"),
        (&[12, 13], "cohort `counts`, age 1: 13 is more than the 12 active at age 0"),
        (&[12], "no cohort has been observed past age 0"),
    ];
    for (counts, expected) in cases {
        let message = CohortSet::from_counts(counts).unwrap_err().to_string();
        assert!(message.starts_with(expected), "{counts:?}: {message}");
    }
    let percent: &[(&[f64], Option<f64>, &str)] = &[
        (&[90.0, 80.0], None, "survival must start at 100"),
        (&[100.0, 120.0], None, "survival at age 1 is 120%"),
        (&[100.0, 90.0, 95.0], None, "cohort `survival`, age 2: 950 is more than the 900"),
        (&[100.0, 90.0], Some(0.0), "the assumed cohort size 0 must be a positive number"),
        (&[100.0, f64::NAN], None, "survival at age 1 is NaN%"),
    ];
    for (values, size, expected) in percent {
        let message = CohortSet::from_survival_percent(values, *size).unwrap_err().to_string();
        assert!(message.starts_with(expected), "{values:?}: {message}");
    }
    assert_eq!(CohortSet::new(vec![]).unwrap_err(), CohortError::NoCohorts);
}
