//! Behaviour of the whole calibration on small models: closed-form posteriors, determinism
//! across thread counts, degenerate inputs, budgets, cancellation and the outputs.

mod accuracy;
mod exact;
mod sbc;
mod test_priors;
mod timing;
mod toy;

use super::*;
use test_priors::TestPrior;
use toy::{Conjugate, Customers};

pub(crate) fn parameters(priors: &[(&str, TestPrior)]) -> Vec<Parameter<TestPrior>> {
    priors.iter().map(|(k, p)| Parameter::new(*k, *p)).collect()
}

#[test]
fn conjugate_posterior_is_the_closed_form() {
    let params = parameters(&[
        ("arrivals", TestPrior::Gamma { shape: 3.0, rate: 2.0 }),
        ("churn", TestPrior::Beta { alpha: 2.0, beta: 18.0 }),
    ]);
    let toy = Conjugate { months: 6, exposure: 60 };
    let settings = Settings { min_acceptance: 0.005, adjustment: Adjustment::None, ..Settings::default() };
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let result = calibrate(&params, &[Some(9.0), Some(5.0)], &simulator, &settings, &Hooks::default()).unwrap();
    assert_eq!(result.stopped_because, StopReason::ExactMatch);
    assert_eq!(result.tolerance, Some(0.0));
    // Gamma(3 + 9, 2 + 6) and Beta(2 + 5, 18 + 55).
    let exact = [TestPrior::Gamma { shape: 12.0, rate: 8.0 }, TestPrior::Beta { alpha: 7.0, beta: 73.0 }];
    for (summary, exact) in result.parameters.iter().zip(exact) {
        let sd = (exact.quantile(0.8413) - exact.quantile(0.1587)) / 2.0;
        let se = 4.0 * sd / result.effective_sample_size.sqrt();
        assert!((summary.posterior.mean - exact.mean()).abs() < se, "{summary:?} vs {exact:?}");
        for (got, p) in [(summary.posterior.p5, 0.05), (summary.posterior.p50, 0.5), (summary.posterior.p95, 0.95)] {
            assert!((got - exact.quantile(p)).abs() < 2.0 * se, "{summary:?} p{p} vs {exact:?}");
        }
    }
}

fn customers() -> (Vec<Parameter<TestPrior>>, Customers) {
    let params = parameters(&[
        ("arrivals", TestPrior::lognormal_ci90(0.8, 4.0)),
        ("churn", TestPrior::Beta { alpha: 2.0, beta: 18.0 }),
    ]);
    (params, Customers { months: 6, base: 3 })
}

fn quick() -> Settings {
    Settings { particles: 200, max_simulations: 60_000, ..Settings::default() }
}

#[test]
fn one_and_two_threads_agree_bit_for_bit() {
    let (params, toy) = customers();
    let history = toy.simulate(&[2.0, 0.1], 5);
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let settings = Settings { replicates: 2, ..quick() };
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| calibrate(&params, &history, &simulator, &settings, &Hooks::default()).unwrap())
    };
    let (one, two) = (on(1), on(2));
    assert!(one.generations >= 3, "{:?}", one.history);
    assert_eq!(one, two);
    let checks = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| posterior_predictive(&simulator, &one, &history, 500, 3, &Hooks::default()).unwrap())
    };
    assert_eq!(checks(1), checks(2));
    assert_eq!(one.draw_parameter_sets(50, 9), two.draw_parameter_sets(50, 9));
}

#[test]
fn failing_simulations_are_rejected_particles() {
    let prior = parameters(&[("x", TestPrior::Uniform { low: 0.0, high: 1.0 })]);
    // NaN above 0.5, a wrong length above 0.8: only x < 0.5 can be in the posterior.
    let simulator = |t: &[f64], s: u64| {
        let noise = (s % 1000) as f64 / 1000.0 - 0.5;
        match t[0] {
            x if x > 0.8 => vec![Some(x)],
            x if x > 0.5 => vec![Some(f64::NAN), None],
            x => vec![Some(x + 0.1 * noise), None],
        }
    };
    let result = calibrate(&prior, &[Some(0.45), None], &simulator, &quick(), &Hooks::default()).unwrap();
    assert!(result.particles.rows.iter().all(|row| row[0] < 0.5 + 1e-9), "{:?}", result.parameters);
    assert!(result.parameters[0].posterior.p95 < 0.5);
    let none = |_: &[f64], _: u64| vec![None, None];
    let error = calibrate(&prior, &[Some(0.45), None], &none, &quick(), &Hooks::default());
    assert_eq!(error, Err(CalibrationError::AllSimulationsFailed { simulations: 10_000 }));
}

#[test]
fn summaries_that_never_vary_are_left_out() {
    let prior = parameters(&[("x", TestPrior::Beta { alpha: 2.0, beta: 2.0 })]);
    let constant = |_: &[f64], _: u64| vec![Some(3.0), Some(3.0)];
    let result = calibrate(&prior, &[Some(3.0), Some(7.0)], &constant, &quick(), &Hooks::default()).unwrap();
    assert_eq!((result.informative_summaries, result.stopped_because), (0, StopReason::ExactMatch));
    assert_eq!((result.generations, result.tolerance), (0, None));
    assert!((result.parameters[0].posterior.p50 - 0.5).abs() < 0.08, "{:?}", result.parameters);
    let half = |t: &[f64], s: u64| vec![Some(3.0), Some(t[0] + 0.01 * (s % 7) as f64)];
    let result = calibrate(&prior, &[Some(3.0), Some(0.3)], &half, &quick(), &Hooks::default()).unwrap();
    assert_eq!(result.informative_summaries, 1);
    assert!((result.parameters[0].posterior.p50 - 0.3).abs() < 0.05, "{:?}", result.parameters);
    let json = serde_json::to_value(&result).unwrap();
    let numbers = format!("{} {} {}", json["parameters"], json["particles"], json["effective_sample_size"]);
    assert!(!numbers.contains("null"), "{numbers}");
}

#[test]
fn unusable_inputs_are_errors() {
    let (params, toy) = customers();
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let history = toy.simulate(&[2.0, 0.1], 1);
    let run = |params: &[Parameter<TestPrior>], history: &[Option<f64>], settings: &Settings| {
        calibrate(params, history, &simulator, settings, &Hooks::default()).map(|_| ())
    };
    assert_eq!(run(&[], &history, &quick()), Err(CalibrationError::NoParameters));
    assert_eq!(run(&params, &[None; 12], &quick()), Err(CalibrationError::NoObservations));
    assert_eq!(
        run(&params, &[Some(f64::INFINITY)], &quick()),
        Err(CalibrationError::ObservationNotFinite { index: 0 })
    );
    let bad_prior = parameters(&[("x", TestPrior::Uniform { low: 1.0, high: 1.0 })]);
    assert!(matches!(run(&bad_prior, &history, &quick()), Err(CalibrationError::Prior { .. })));
    let inverted = parameters(&[("x", TestPrior::Beta { alpha: -1.0, beta: 1.0 })]);
    assert!(matches!(run(&inverted, &history, &quick()), Err(CalibrationError::Prior { .. })));
    for settings in [
        Settings { particles: 1, ..quick() },
        Settings { replicates: 0, ..quick() },
        Settings { tolerance_quantile: 1.0, ..quick() },
        Settings { min_acceptance: 0.0, ..quick() },
        Settings { min_tolerance_drop: f64::NAN, ..quick() },
        Settings { max_simulations: 100, ..quick() },
        Settings { particles: usize::MAX / 2, replicates: 4, ..quick() },
        Settings { projection_acceptance: 1.5, ..quick() },
    ] {
        assert!(matches!(run(&params, &history, &settings), Err(CalibrationError::Setting { .. })), "{settings:?}");
    }
}

#[test]
fn budget_progress_and_cancellation_are_honoured() {
    let (params, toy) = customers();
    let history = toy.simulate(&[2.0, 0.1], 2);
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |n: usize| seen.lock().unwrap().push(n);
    let settings = Settings { max_simulations: 3_000, ..quick() };
    let result =
        calibrate(&params, &history, &simulator, &settings, &Hooks { progress: Some(&progress), cancel: None })
            .unwrap();
    assert_eq!(result.stopped_because, StopReason::SimulationBudget);
    assert!(result.simulations <= 3_000);
    let seen = seen.into_inner().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]) && seen.last() == Some(&result.simulations), "{seen:?}");

    let cancel = std::sync::atomic::AtomicBool::new(false);
    let stop = |n: usize| cancel.store(n > 500, std::sync::atomic::Ordering::Relaxed);
    let control = Hooks { progress: Some(&stop), cancel: Some(&cancel) };
    assert_eq!(calibrate(&params, &history, &simulator, &quick(), &control), Err(CalibrationError::Cancelled));
}

#[test]
fn parameter_sets_are_reproducible_draws_from_the_weights() {
    let (params, toy) = customers();
    let history = toy.simulate(&[2.0, 0.1], 3);
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let result = calibrate(&params, &history, &simulator, &quick(), &Hooks::default()).unwrap();
    let sets = result.draw_parameter_sets(20_000, 1);
    assert_eq!(sets, result.draw_parameter_sets(20_000, 1));
    assert_ne!(sets[..10], result.draw_parameter_sets(10, 2)[..]);
    assert!(sets.iter().all(|row| result.particles.rows.contains(row)));
    for k in 0..2 {
        let mean = sets.iter().map(|row| row[k]).sum::<f64>() / sets.len() as f64;
        let p = &result.parameters[k].posterior;
        assert!((mean - p.mean).abs() < 0.03 * p.width(), "{k}: {mean} vs {p:?}");
    }
    assert!(result.draw_parameter_sets(0, 1).is_empty());
}

#[test]
fn predictive_ranks_flag_only_surprising_actuals() {
    let (params, toy) = customers();
    let mut history = toy.simulate(&[2.0, 0.1], 4);
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let result = calibrate(&params, &history, &simulator, &quick(), &Hooks::default()).unwrap();
    let checks = posterior_predictive(&simulator, &result, &history, 1000, 5, &Hooks::default()).unwrap();
    assert_eq!(checks.len(), 12);
    assert!(checks.iter().all(|c| c.percentile_rank.is_some_and(|r| (0.0..=100.0).contains(&r))));
    assert!(checks.iter().filter(|c| c.surprising).count() <= 2, "{checks:?}");
    history[5] = Some(500.0);
    let checks = posterior_predictive(&simulator, &result, &history, 1000, 5, &Hooks::default()).unwrap();
    assert!(checks[5].surprising && checks[5].percentile_rank == Some(100.0), "{:?}", checks[5]);
    let json = serde_json::to_value(&result).unwrap();
    for key in [
        "method",
        "simulations",
        "accepted",
        "effective_sample_size",
        "tolerance",
        "generations",
        "parameters",
        "particles",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
}

#[test]
fn a_parameter_the_history_cannot_see_keeps_its_prior() {
    let (mut params, toy) = customers();
    let unseen = TestPrior::Beta { alpha: 2.0, beta: 5.0 };
    params.push(Parameter::new("price_rise_in_month_13", unseen));
    let history = toy.simulate(&[2.0, 0.1], 8);
    let simulator = |t: &[f64], s: u64| toy.simulate(t, s);
    let settings = Settings { particles: 600, ..quick() };
    let result = calibrate(&params, &history, &simulator, &settings, &Hooks::default()).unwrap();
    let summary = &result.parameters[2];
    eprintln!("{summary:?}");
    let prior = summary.prior;
    for (got, want) in
        [(summary.posterior.p5, prior.p5), (summary.posterior.p50, prior.p50), (summary.posterior.p95, prior.p95)]
    {
        assert!((got - want).abs() < 0.08 * prior.width(), "{summary:?}");
    }
    assert!((summary.posterior.mean - prior.mean).abs() < 0.05 * prior.width(), "{summary:?}");
    assert!(summary.width_ratio.is_some_and(|r| (0.85..1.15).contains(&r)), "{summary:?}");
    // ... while the history does say something about the others.
    assert!(result.parameters[0].width_ratio.is_some_and(|r| r < 0.8), "{:?}", result.parameters[0]);
}

#[test]
fn twelve_months_say_more_than_six() {
    let (params, _) = customers();
    let (six, twelve) = (Customers { months: 6, base: 3 }, Customers { months: 12, base: 3 });
    let settings = Settings { max_simulations: 200_000, ..quick() };
    let truths = [[1.2, 0.08], [2.5, 0.12], [0.9, 0.05], [3.0, 0.15], [1.8, 0.1], [2.2, 0.07]];
    let mut narrower = [0; 2];
    let mut ratios = [[0.0; 2]; 2];
    for (i, truth) in truths.iter().enumerate() {
        let long = twelve.simulate(truth, 100 + i as u64);
        let short: Vec<Option<f64>> = long[..6].iter().chain(&long[12..18]).copied().collect();
        assert_eq!(short, six.simulate(truth, 100 + i as u64), "the six months begin the twelve");
        let run = |history: &[Option<f64>], toy: Customers| {
            calibrate(&params, history, &|t: &[f64], s| toy.simulate(t, s), &settings, &Hooks::default()).unwrap()
        };
        let (a, b) = (run(&short, six), run(&long, twelve));
        for k in 0..2 {
            let (wa, wb) = (a.parameters[k].posterior.width(), b.parameters[k].posterior.width());
            narrower[k] += usize::from(wb < wa);
            ratios[0][k] += a.parameters[k].width_ratio.unwrap_or(1.0) / truths.len() as f64;
            ratios[1][k] += b.parameters[k].width_ratio.unwrap_or(1.0) / truths.len() as f64;
        }
    }
    eprintln!("mean width ratios, 6 months {:?}, 12 months {:?}; narrower in {narrower:?}", ratios[0], ratios[1]);
    assert!(narrower.iter().all(|&n| n >= truths.len() - 1), "{narrower:?}");
    assert!((0..2).all(|k| ratios[1][k] < 0.85 * ratios[0][k]), "{ratios:?}");
}
