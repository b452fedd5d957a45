//! The perturbation kernel of ABC-SMC: a Gaussian step in the unconstrained coordinates
//! with twice the weighted covariance of the previous generation (Beaumont et al. 2009,
//! the choice that minimises the Kullback-Leibler divergence between proposal and target
//! for a Gaussian posterior), and the importance weights it implies.
//!
//! The weight of a new particle is its prior density (in the unconstrained coordinates,
//! Jacobian included) over the density of the mixture it was drawn from,
//! `Σⱼ Wⱼ K(η | ηⱼ)`; the mixture's density is evaluated in whitened coordinates
//! (`L⁻¹ η`, `L Lᵀ` the kernel covariance), so each pair costs one squared distance.

use super::seeds::CalibrationRng;
use crate::numeric::linalg::{cholesky, lower_times, solve_lower};
use crate::numeric::weighted::covariance;
use rand::RngExt;
use rand_distr::StandardNormal;
use rayon::prelude::*;

/// A Gaussian kernel with a fixed covariance `L Lᵀ`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Kernel {
    dimension: usize,
    cholesky: Vec<f64>,
}

impl Kernel {
    /// Twice the weighted covariance of `etas`, each variance at least `floor[i]`; falls
    /// back to the diagonal when the covariance is not positive definite.
    pub(crate) fn from_particles(etas: &[Vec<f64>], weights: &[f64], floor: &[f64]) -> Self {
        let dimension = floor.len();
        let mut cov: Vec<f64> = covariance(etas, weights, dimension).iter().map(|c| 2.0 * c).collect();
        for (i, &minimum) in floor.iter().enumerate() {
            let variance = &mut cov[i * dimension + i];
            if variance.is_nan() || *variance < minimum {
                *variance = minimum;
            }
        }
        let cholesky = cholesky(&cov, dimension).unwrap_or_else(|| diagonal_factor(&cov, dimension));
        Self { dimension, cholesky }
    }

    /// A draw from the kernel centred on `center`.
    pub(crate) fn perturb(&self, center: &[f64], rng: &mut CalibrationRng) -> Vec<f64> {
        let z: Vec<f64> = (0..self.dimension).map(|_| rng.sample::<f64, _>(StandardNormal)).collect();
        lower_times(&self.cholesky, &z).iter().zip(center).map(|(step, c)| c + step).collect()
    }

    /// `L⁻¹ η`: coordinates in which the kernel is the standard normal.
    pub(crate) fn whiten(&self, eta: &[f64]) -> Vec<f64> {
        solve_lower(&self.cholesky, eta)
    }

    /// The log-weights of new particles (their prior log-density in η plus the log of the
    /// fraction of their replicates accepted) over the mixture drawn from: the previous
    /// particles `sources` with weights `source_weights`.
    pub(crate) fn ln_weights(&self, new: &[(&[f64], f64)], sources: &[Vec<f64>], source_weights: &[f64]) -> Vec<f64> {
        let centres: Vec<(Vec<f64>, f64)> = sources
            .iter()
            .zip(source_weights)
            .filter(|(_, w)| **w > 0.0)
            .map(|(eta, w)| (self.whiten(eta), w.ln()))
            .collect();
        new.par_iter()
            .with_min_len(16)
            .map(|&(eta, ln_target)| ln_target - ln_mixture(&self.whiten(eta), &centres))
            .collect()
    }
}

/// `ln Σⱼ exp(ln wⱼ − ½ |z − zⱼ|²)`, in index order.
fn ln_mixture(z: &[f64], centres: &[(Vec<f64>, f64)]) -> f64 {
    let terms: Vec<f64> = centres
        .iter()
        .map(|(c, ln_w)| ln_w - 0.5 * z.iter().zip(c).map(|(a, b)| (a - b) * (a - b)).sum::<f64>())
        .collect();
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln()
}

/// The square roots of the diagonal, as a (diagonal) Cholesky factor.
fn diagonal_factor(cov: &[f64], dimension: usize) -> Vec<f64> {
    let mut l = vec![0.0; dimension * dimension];
    for i in 0..dimension {
        let variance = cov[i * dimension + i];
        l[i * dimension + i] = if variance > 0.0 && variance.is_finite() { variance.sqrt() } else { 1.0 };
    }
    l
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn steps_have_twice_the_particles_covariance() {
        let etas: Vec<Vec<f64>> =
            (0..400).map(|i| vec![(i % 20) as f64 / 10.0, (i / 20) as f64 / 10.0 + (i % 20) as f64 / 20.0]).collect();
        let weights = vec![1.0 / 400.0; 400];
        let kernel = Kernel::from_particles(&etas, &weights, &[1e-9, 1e-9]);
        let target = covariance(&etas, &weights, 2);
        let mut rng = CalibrationRng::seed_from_u64(7);
        let steps: Vec<Vec<f64>> = (0..20_000).map(|_| kernel.perturb(&[1.0, -1.0], &mut rng)).collect();
        let got = covariance(&steps, &vec![1.0 / 20_000.0; 20_000], 2);
        for (g, t) in got.iter().zip(&target) {
            assert!((g - 2.0 * t).abs() < 0.05 * 2.0 * target[0], "{got:?} vs 2 × {target:?}");
        }
    }

    #[test]
    fn degenerate_particles_still_give_a_kernel() {
        let etas = vec![vec![1.0, 1.0]; 5];
        let kernel = Kernel::from_particles(&etas, &[0.2; 5], &[1e-4, 1e-6]);
        let mut rng = CalibrationRng::seed_from_u64(1);
        let step = kernel.perturb(&[0.0, 0.0], &mut rng);
        assert!(step.iter().all(|x| x.is_finite()));
        let collinear: Vec<Vec<f64>> = (0..5).map(|i| vec![i as f64, 2.0 * i as f64]).collect();
        let kernel = Kernel::from_particles(&collinear, &[0.2; 5], &[0.0, 0.0]);
        assert!(kernel.perturb(&[0.0, 0.0], &mut rng).iter().all(|x| x.is_finite()));
    }

    #[test]
    fn weights_are_prior_over_mixture() {
        let kernel = Kernel { dimension: 1, cholesky: vec![1.0] };
        let sources = vec![vec![0.0], vec![2.0]];
        let ln = kernel.ln_weights(&[(&[1.0][..], 0.0)], &sources, &[0.5, 0.5]);
        assert!((ln[0] - 0.5).abs() < 1e-12, "{ln:?}");
    }
}
