//! The posterior predictive check: histories simulated from parameter sets drawn from the
//! posterior, and where each observed value falls among them (its percentile rank). A
//! history the calibrated model could have produced has its ranks spread over 0-100; an
//! actual outside the 5-95 band is one the model finds surprising.

use super::distance::Observed;
use super::error::CalibrationError;
use super::result::Calibration;
use super::seeds::Seeds;
use super::settings::Hooks;
use super::simulator::Simulator;
use rayon::prelude::*;
use serde::Serialize;

/// Where one observed value falls among the posterior predictive simulations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictiveCheck {
    /// The entry's position in the history vector.
    pub position: usize,
    pub observed: f64,
    /// Percent of simulated values below the observed one (ties count half); `None` when
    /// no simulation produced this entry.
    pub percentile_rank: Option<f64>,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    /// The rank lies outside 5-95.
    pub surprising: bool,
}

/// The posterior predictive check of `history` with `draws` simulations, each from a
/// parameter set resampled from `calibration` (reproducible from `seed`).
///
/// # Errors
/// [`CalibrationError::NoObservations`] or [`CalibrationError::ObservationNotFinite`] for
/// an unusable history, [`CalibrationError::EmptyPosterior`] for a calibration without
/// particles, [`CalibrationError::Cancelled`] when the caller's flag is set.
pub fn posterior_predictive<S: Simulator>(
    simulator: &S,
    calibration: &Calibration,
    history: &[Option<f64>],
    draws: usize,
    seed: u64,
    control: &Hooks,
) -> Result<Vec<PredictiveCheck>, CalibrationError> {
    let observed = Observed::new(history)?;
    let sets = calibration.draw_parameter_sets(draws, seed);
    if sets.is_empty() && draws > 0 {
        return Err(CalibrationError::EmptyPosterior);
    }
    let streams = Seeds::new(seed);
    let simulated: Vec<Vec<Option<f64>>> = sets
        .par_iter()
        .enumerate()
        .with_min_len(16)
        .map(
            |(i, theta)| {
                if control.cancelled() { Vec::new() } else { simulator.simulate(theta, streams.predictive(i as u64)) }
            },
        )
        .collect();
    if control.cancelled() {
        return Err(CalibrationError::Cancelled);
    }
    control.report(simulated.len());
    let checks = observed
        .positions()
        .iter()
        .zip(observed.values())
        .map(|(&position, &value)| {
            let mut column: Vec<f64> =
                simulated.iter().filter_map(|s| s.get(position).copied().flatten()).filter(|x| x.is_finite()).collect();
            check(position, value, &mut column)
        })
        .collect();
    Ok(checks)
}

fn check(position: usize, observed: f64, column: &mut [f64]) -> PredictiveCheck {
    column.sort_unstable_by(f64::total_cmp);
    let n = column.len();
    let rank = (n > 0).then(|| {
        let below = column.partition_point(|&x| x < observed);
        let at_or_below = column.partition_point(|&x| x <= observed);
        100.0 * (below as f64 + (at_or_below - below) as f64 / 2.0) / n as f64
    });
    let quantile = |p: f64| (n > 0).then(|| column[((p * n as f64).ceil() as usize).clamp(1, n) - 1]);
    PredictiveCheck {
        position,
        observed,
        percentile_rank: rank,
        p5: quantile(0.05),
        p50: quantile(0.5),
        p95: quantile(0.95),
        surprising: rank.is_some_and(|r| !(5.0..=95.0).contains(&r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_count_ties_half() {
        let mut column: Vec<f64> = (1..=100).map(f64::from).collect();
        let c = check(3, 50.0, &mut column);
        assert_eq!(c.percentile_rank, Some(49.5));
        assert_eq!((c.p5, c.p50, c.p95), (Some(5.0), Some(50.0), Some(95.0)));
        assert!(!c.surprising);
        assert!(check(0, 0.0, &mut column).surprising);
        let empty = check(0, 1.0, &mut []);
        assert_eq!((empty.percentile_rank, empty.p50, empty.surprising), (None, None, false));
    }
}
