//! How close the ABC posterior comes to the exact one on the toy models (the exact one by
//! quadrature, see `exact.rs`): the medians' distance in exact standard deviations and the
//! ratio of the 90% widths, for arrivals, churn and hours per customer.

use super::exact::{self, Marginal};
use super::sbc::tests::reseller_parameters;
use super::test_priors::TestPrior;
use super::toy::{Customers, Reseller};
use crate::abc::{Calibration, Hooks, Parameter, Settings, calibrate};
use crate::random::splitmix64;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

/// (median shift in exact sds, ABC width / exact width) of parameter `k`.
fn compare(calibration: &Calibration, k: usize, exact: &Marginal) -> (f64, f64) {
    let q = exact.quantiles(&[0.05, 0.5, 0.95]);
    let abc = &calibration.parameters[k].posterior;
    ((abc.p50 - q[1]) / exact.sd(), abc.width() / (q[2] - q[0]))
}

fn draw_truth(parameters: &[Parameter<TestPrior>], i: u64) -> (Vec<f64>, u64) {
    use crate::abc::prior::Prior;
    let key = splitmix64(0xACC ^ splitmix64(i));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(key);
    (parameters.iter().map(|p| p.prior.sample(&mut rng)).collect(), splitmix64(key))
}

/// ABC against exact on `datasets` reseller histories: per parameter (arrivals, churn,
/// hours), the mean median shift, mean |shift| and mean width ratio.
pub(crate) fn reseller(datasets: usize, months: usize, settings: &Settings) -> Vec<[f64; 3]> {
    let parameters = reseller_parameters();
    let toy = Reseller { months, base: 3 };
    let rows: Vec<[(f64, f64); 3]> = (0..datasets as u64)
        .into_par_iter()
        .filter_map(|i| {
            let (truth, seed) = draw_truth(&parameters, i);
            let history = toy.simulate(&truth, seed);
            let column =
                |c: usize| history[c * months..(c + 1) * months].iter().map(|x| x.unwrap_or(0.0)).collect::<Vec<f64>>();
            let settings = Settings { seed: seed ^ 1, ..settings.clone() };
            let abc =
                calibrate(&parameters, &history, &|t: &[f64], s| toy.simulate(t, s), &settings, &Hooks::default())
                    .ok()?;
            let [rate, churn] =
                exact::customers([&parameters[0].prior, &parameters[1].prior], 3.0, &column(0), None, 160);
            let hours = exact::hours(&parameters[3].prior, &column(0), &column(2), 2000);
            Some([compare(&abc, 0, &rate), compare(&abc, 1, &churn), compare(&abc, 3, &hours)])
        })
        .collect();
    summarise(&rows)
}

fn summarise<const N: usize>(rows: &[[(f64, f64); N]]) -> Vec<[f64; 3]> {
    let n = rows.len().max(1) as f64;
    (0..N)
        .map(|k| {
            let shift = rows.iter().map(|r| r[k].0).sum::<f64>() / n;
            let abs = rows.iter().map(|r| r[k].0.abs()).sum::<f64>() / n;
            let width = rows.iter().map(|r| r[k].1).sum::<f64>() / n;
            [shift, abs, width]
        })
        .collect()
}

/// ABC against exact on toy (a) histories with arrivals observed.
pub(crate) fn customers(datasets: usize, months: usize, settings: &Settings) -> Vec<[f64; 3]> {
    let parameters: Vec<Parameter<TestPrior>> = reseller_parameters().into_iter().take(2).collect();
    let toy = Customers { months, base: 3 };
    let rows: Vec<[(f64, f64); 2]> = (0..datasets as u64)
        .into_par_iter()
        .filter_map(|i| {
            let (truth, seed) = draw_truth(&parameters, i);
            let history = toy.simulate(&truth, seed);
            let values: Vec<f64> = history.iter().map(|x| x.unwrap_or(0.0)).collect();
            let settings = Settings { seed: seed ^ 1, ..settings.clone() };
            let abc =
                calibrate(&parameters, &history, &|t: &[f64], s| toy.simulate(t, s), &settings, &Hooks::default())
                    .ok()?;
            let exact = exact::customers(
                [&parameters[0].prior, &parameters[1].prior],
                3.0,
                &values[..months],
                Some(&values[months..]),
                200,
            );
            Some([compare(&abc, 0, &exact[0]), compare(&abc, 1, &exact[1])])
        })
        .collect();
    summarise(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abc::Adjustment;

    fn env(name: &str, default: usize) -> usize {
        std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    #[test]
    #[ignore = "a report, in release: cargo test --release --lib abc::tests::accuracy -- --ignored --nocapture"]
    fn report_abc_against_exact() {
        let datasets = env("ACC_DATASETS", 40);
        let months = env("ACC_MONTHS", 6);
        let all = [(false, Adjustment::None), (false, Adjustment::LocalLinear), (true, Adjustment::None)];
        let configurations = if env("ACC_ALL", 1) == 1 { &all[..] } else { &[] };
        for &(project_summaries, adjustment) in configurations.iter().chain(&[(true, Adjustment::LocalLinear)]) {
            let settings = Settings {
                project_summaries,
                adjustment,
                particles: env("ACC_PARTICLES", 1000),
                min_acceptance: env("ACC_FLOOR_PERMILLE", 20) as f64 / 1000.0,
                ..Settings::default()
            };
            eprintln!(
                "projection {project_summaries}, {adjustment:?}, {months} months: [median shift, |shift|, width ratio]"
            );
            if env("ACC_CUSTOMERS", 1) == 1 {
                eprintln!("  customers (arrivals, churn): {:.3?}", customers(datasets, months, &settings));
            }
            eprintln!("  reseller (arrivals, churn, hours): {:.3?}", reseller(datasets, months, &settings));
        }
    }
}
