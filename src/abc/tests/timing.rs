//! Wall time of a calibration the size of the reseller's: six months, five uncertain
//! parameters, default settings, with the toy simulator padded to the real engine's cost
//! per six-month trajectory (2-5 µs), so the core's own overhead shows. Run in release:
//! `cargo test --release --lib abc::tests::timing -- --ignored --nocapture`.

use super::sbc::tests::reseller_parameters;
use super::toy::Reseller;
use crate::abc::{Hooks, Settings, calibrate};
use std::time::{Duration, Instant};

/// The toy reseller, taking at least `cost` per simulation.
fn padded(toy: Reseller, cost: Duration) -> impl Fn(&[f64], u64) -> Vec<Option<f64>> + Sync {
    move |theta: &[f64], seed: u64| {
        let start = Instant::now();
        let summaries = toy.simulate(theta, seed);
        while start.elapsed() < cost {
            std::hint::spin_loop();
        }
        summaries
    }
}

#[test]
#[ignore = "a timing, in release: cargo test --release --lib calibrate::timing -- --ignored --nocapture"]
fn reseller_six_months_in_under_ten_seconds() {
    let toy = Reseller { months: 6, base: 3 };
    let history = toy.simulate(&[2.0, 0.1, 200.0, 0.3, 0.5], 99);
    let threads = rayon::current_num_threads();
    for cost in [0, 2, 5] {
        let simulator = padded(toy, Duration::from_micros(cost));
        let start = Instant::now();
        let result = calibrate(&reseller_parameters(), &history, &simulator, &Settings::default(), &Hooks::default());
        let elapsed = start.elapsed();
        let result = result.unwrap_or_else(|e| panic!("{e}"));
        let per = elapsed.as_secs_f64() * threads as f64 / result.simulations as f64 * 1e6;
        eprintln!(
            "padded to {cost} µs: {:.2} s for {} simulations on {threads} threads ({per:.2} µs of core time each), \
             {} generations, ESS {:.0}, stopped: {:?}",
            elapsed.as_secs_f64(),
            result.simulations,
            result.generations,
            result.effective_sample_size,
            result.stopped_because
        );
        assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    }
}

#[test]
#[ignore = "a timing, in release"]
fn overhead_per_simulation() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let toy = Reseller { months: 6, base: 3 };
    let history = toy.simulate(&[2.0, 0.1, 200.0, 0.3, 0.5], 99);
    let inside = AtomicU64::new(0);
    let simulator = |t: &[f64], s: u64| {
        let start = Instant::now();
        let summaries = toy.simulate(t, s);
        inside.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        summaries
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let result = pool
        .install(|| calibrate(&reseller_parameters(), &history, &simulator, &Settings::default(), &Hooks::default()));
    let total = start.elapsed().as_secs_f64();
    let simulations = result.map_or(1, |r| r.simulations) as f64;
    let simulating = inside.load(Ordering::Relaxed) as f64 * 1e-9;
    eprintln!(
        "1 thread: {:.2} s for {simulations} simulations; inside the simulator {:.2} µs each, the core's overhead {:.2} µs each",
        total,
        simulating / simulations * 1e6,
        (total - simulating) / simulations * 1e6
    );
}
