//! The distance a generation accepts on. First the scaled summaries (every observed entry
//! over its spread across the prior's simulations); once that distance stops falling, the
//! summaries projected on estimated posterior means (semi-automatic ABC, Fearnhead and
//! Prangle 2012): a linear regression of the unconstrained parameters on the scaled
//! summaries, fitted to every proposal of the last generation, turns a few dozen noisy
//! entries into one number per parameter, in units of that parameter's residual spread.
//!
//! Any summary gives a calibrated posterior as the tolerance goes to zero; what the
//! projection buys is a much smaller tolerance for the same number of simulations, because
//! a distance over a few dozen entries cannot fall below their joint noise.

use super::distance::{Observed, Scale};
use crate::numeric::regression::fit;
use serde::Serialize;

/// Which distance a generation used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceKind {
    Scaled,
    Projected,
}

/// The distance between a simulated history and the observed one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Measure {
    Scaled(Scale),
    /// `rows[k]`: the regression slopes of parameter `k` over its residual sd.
    Projected {
        scale: Scale,
        rows: Vec<Vec<f64>>,
    },
}

impl Measure {
    pub(crate) fn kind(&self) -> DistanceKind {
        match self {
            Self::Scaled(_) => DistanceKind::Scaled,
            Self::Projected { .. } => DistanceKind::Projected,
        }
    }

    pub(crate) fn scale(&self) -> &Scale {
        match self {
            Self::Scaled(scale) | Self::Projected { scale, .. } => scale,
        }
    }

    /// The coordinates the distance is the Euclidean norm of (0 at the observed history).
    pub(crate) fn features(&self, row: &[f64], observed: &Observed) -> Vec<f64> {
        let x = self.scale().differences(row, observed);
        match self {
            Self::Scaled(_) => x,
            Self::Projected { rows, .. } => rows.iter().map(|r| r.iter().zip(&x).map(|(a, b)| a * b).sum()).collect(),
        }
    }

    pub(crate) fn distance(&self, row: &[f64], observed: &Observed) -> f64 {
        match self {
            Self::Scaled(scale) => scale.distance(row, observed),
            Self::Projected { .. } => self.features(row, observed).iter().map(|f| f * f).sum::<f64>().sqrt(),
        }
    }

    /// The projection fitted to `training` (unconstrained parameters, simulated summaries);
    /// `None` when there are too few samples for the number of summaries or no parameter
    /// depends on them.
    pub(crate) fn project(scale: &Scale, observed: &Observed, training: &[(Vec<f64>, Vec<f64>)]) -> Option<Self> {
        let columns = observed.values().len();
        let parameters = training.first()?.0.len();
        if training.len() < 5 * (columns + 1) {
            return None;
        }
        let x: Vec<Vec<f64>> = training.iter().map(|(_, s)| scale.differences(s, observed)).collect();
        let y: Vec<Vec<f64>> = training.iter().map(|(eta, _)| eta.clone()).collect();
        let weights = vec![1.0 / training.len() as f64; training.len()];
        let (slopes, residual_variance) = fit(&x, &y, &weights, columns, parameters)?;
        let rows: Vec<Vec<f64>> = (0..parameters)
            .map(|k| {
                let sd = residual_variance[k].sqrt();
                (0..columns).map(|j| if sd > 0.0 { slopes[j * parameters + k] / sd } else { 0.0 }).collect()
            })
            .collect();
        let informative = rows.iter().flatten().any(|v| *v != 0.0);
        let finite = rows.iter().flatten().all(|v| v.is_finite());
        (informative && finite).then(|| Self::Projected { scale: scale.clone(), rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_keeps_what_predicts_the_parameter() {
        // η depends on the first summary only; the second is noise.
        let observed = Observed::new(&[Some(0.0), Some(0.0)]).unwrap();
        let training: Vec<(Vec<f64>, Vec<f64>)> = (0..200)
            .map(|i| {
                let a = (i % 20) as f64;
                let noise = ((i * 7919) % 13) as f64 / 13.0 - 0.5;
                (vec![0.5 * a + noise], vec![a, ((i * 104_729) % 17) as f64])
            })
            .collect();
        let rows: Vec<&[f64]> = training.iter().map(|(_, s)| s.as_slice()).collect();
        let scale = Scale::from_simulations(&rows, 2);
        let metric = Measure::project(&scale, &observed, &training).unwrap();
        let Measure::Projected { rows, .. } = &metric else { panic!("not projected") };
        assert!(rows[0][0].abs() > 20.0 * rows[0][1].abs(), "{rows:?}");
        assert_eq!(metric.kind(), DistanceKind::Projected);
        assert_eq!(metric.distance(&[0.0, 5.0], &observed), metric.features(&[0.0, 5.0], &observed)[0].abs());
        assert_eq!(Measure::project(&scale, &observed, &training[..10]), None);
    }
}
