//! Likelihood-based SMC against closed-form posteriors: conjugate Beta-binomial and
//! Gamma-Poisson pieces, a strongly correlated pair, the KS distance of each marginal to
//! the exact distribution function; reproducibility across threads, impossible evidence,
//! the budget and cancellation.

use super::super::*;
use super::test_priors::TestPrior;
use statrs::distribution::{Beta, ContinuousCDF, Gamma, Normal};
use std::sync::atomic::AtomicBool;

use super::parameters;

/// The largest distance between the particles' distribution function and `cdf`.
fn ks(calibration: &Calibration, k: usize, cdf: impl Fn(f64) -> f64) -> f64 {
    let mut values: Vec<f64> = calibration.particles.rows.iter().map(|r| r[k]).collect();
    values.sort_by(f64::total_cmp);
    let n = values.len() as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, &x)| (cdf(x) - i as f64 / n).abs().max((cdf(x) - (i + 1) as f64 / n).abs()))
        .fold(0.0, f64::max)
}

fn settings(seed: u64) -> Settings {
    Settings { seed, ..Settings::default() }
}

#[test]
fn conjugate_posteriors_are_reached() {
    // Churn: Beta(2, 18) prior, 38 of 380 churned: Beta(40, 360). Arrivals: Gamma(2, 1)
    // prior, 25 arrivals in 8 months: Gamma(27, 9).
    let params = parameters(&[
        ("churn", TestPrior::Beta { alpha: 2.0, beta: 18.0 }),
        ("arrivals", TestPrior::Gamma { shape: 2.0, rate: 1.0 }),
    ]);
    let likelihood = |t: &[f64]| 38.0 * t[0].ln() + 342.0 * (1.0 - t[0]).ln() + 25.0 * t[1].ln() - 8.0 * t[1];
    let c = sample_posterior(&params, &likelihood, &settings(7), &Hooks::default()).unwrap();
    let beta = Beta::new(40.0, 360.0).unwrap();
    let gamma = Gamma::new(27.0, 9.0).unwrap();
    assert!(ks(&c, 0, |x| beta.cdf(x)) < 0.06, "churn KS {}", ks(&c, 0, |x| beta.cdf(x)));
    assert!(ks(&c, 1, |x| gamma.cdf(x)) < 0.06, "arrivals KS {}", ks(&c, 1, |x| gamma.cdf(x)));
    let churn = &c.parameters[0].posterior;
    let sd = (40.0 * 360.0 / (400.0f64.powi(2) * 401.0)).sqrt();
    assert!((churn.mean - 0.1).abs() < 0.1 * sd, "{churn:?}");
    let width = churn.width() / (beta.inverse_cdf(0.95) - beta.inverse_cdf(0.05));
    assert!((0.9..1.1).contains(&width), "{width}");
    assert_eq!(c.distance, DistanceKind::Likelihood);
    assert_eq!(c.stopped_because, StopReason::PosteriorReached);
    assert_eq!(c.history.last().and_then(|g| g.temperature), Some(1.0));
    assert!(c.generations >= 3, "{:?}", c.history);
}

#[test]
fn a_ridge_between_two_parameters_is_followed() {
    // A likelihood that pins x + y to 1 ± 0.02 and leaves x − y to the prior: uniform
    // priors on (0, 1) make x uniform on (0, 1) given x + y = 1, and x + y normal.
    let params = parameters(&[
        ("x", TestPrior::Uniform { low: 0.0, high: 1.0 }),
        ("y", TestPrior::Uniform { low: 0.0, high: 1.0 }),
    ]);
    let likelihood = |t: &[f64]| -0.5 * ((t[0] + t[1] - 1.0) / 0.02).powi(2);
    let c = sample_posterior(&params, &likelihood, &settings(3), &Hooks::default()).unwrap();
    let sums: Vec<f64> = c.particles.rows.iter().map(|r| r[0] + r[1]).collect();
    let normal = Normal::new(1.0, 0.02).unwrap();
    let mut sorted = sums.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let d = sorted.iter().enumerate().map(|(i, &x)| (normal.cdf(x) - (i as f64 + 0.5) / n).abs()).fold(0.0, f64::max);
    assert!(d < 0.07, "KS of x + y: {d}");
    // x spreads along the whole ridge: uniform within ±0.02 of its ends.
    assert!(ks(&c, 0, |x| x.clamp(0.0, 1.0)) < 0.08, "{}", ks(&c, 0, |x| x.clamp(0.0, 1.0)));
}

#[test]
fn one_and_two_threads_agree_bit_for_bit() {
    let params = parameters(&[("rate", TestPrior::lognormal_ci90(0.8, 5.0))]);
    let likelihood = |t: &[f64]| 14.0 * t[0].ln() - 6.0 * t[0];
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| sample_posterior(&params, &likelihood, &settings(5), &Hooks::default()).unwrap())
    };
    assert_eq!(on(1), on(2));
}

#[test]
fn impossible_evidence_budgets_and_cancellation_are_errors() {
    let params = parameters(&[("x", TestPrior::Uniform { low: 0.0, high: 1.0 })]);
    let impossible = |_: &[f64]| f64::NEG_INFINITY;
    let e = sample_posterior(&params, &impossible, &settings(1), &Hooks::default());
    assert!(matches!(e, Err(CalibrationError::ImpossibleHistory { draws: 1000 })), "{e:?}");
    let sharp = |t: &[f64]| -0.5 * ((t[0] - 0.5) / 1e-3).powi(2);
    let small = Settings { max_simulations: 3000, ..settings(1) };
    let e = sample_posterior(&params, &sharp, &small, &Hooks::default());
    assert!(matches!(e, Err(CalibrationError::BudgetSpent { .. })), "{e:?}");
    let cancel = AtomicBool::new(true);
    let control = Hooks { progress: None, cancel: Some(&cancel) };
    assert_eq!(sample_posterior(&params, &sharp, &settings(1), &control), Err(CalibrationError::Cancelled));
    // Half the prior impossible: the posterior stays where the evidence is possible.
    let half = |t: &[f64]| if t[0] < 0.5 { 0.0 } else { f64::NEG_INFINITY };
    let c = sample_posterior(&params, &half, &settings(2), &Hooks::default()).unwrap();
    assert!(c.particles.rows.iter().all(|r| r[0] < 0.5));
    assert!(ks(&c, 0, |x| (2.0 * x).clamp(0.0, 1.0)) < 0.06);
}
