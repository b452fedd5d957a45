//! The Metropolis moves of likelihood-based SMC: each particle takes random-walk steps in
//! the unconstrained coordinates, with a Gaussian step whose covariance is a scaled copy
//! of the particles' own, and keeps a step with the usual Metropolis probability under the
//! current tempered target `prior(η) · L(θ)^φ` (the prior's density in η, Jacobian
//! included, so the target is the same whichever coordinates the steps are taken in).
//!
//! Each particle's steps come from its own stream, so the particles do not depend on the
//! number of threads.

use super::seeds::CalibrationRng;
use crate::numeric::linalg::{cholesky, lower_times};
use rand::RngExt;
use rand_distr::StandardNormal;

/// One particle of likelihood-based SMC.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct State {
    pub theta: Vec<f64>,
    /// The unconstrained coordinates of `theta`.
    pub eta: Vec<f64>,
    /// The prior's log-density in η (Jacobian included).
    pub ln_prior: f64,
    pub ln_likelihood: f64,
}

impl State {
    /// The log-density of the tempered target at power `phi` (−∞ outside the support; a
    /// likelihood of zero has no mass even at `phi` = 0).
    pub(crate) fn ln_target(&self, phi: f64) -> f64 {
        if self.ln_likelihood == f64::NEG_INFINITY {
            return f64::NEG_INFINITY;
        }
        self.ln_prior + phi * self.ln_likelihood
    }
}

/// A Gaussian random-walk step with a fixed covariance `L Lᵀ`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    factor: Vec<f64>,
    dimension: usize,
}

impl Step {
    /// `scale²` times the covariance `cov` (row-major), each variance at least `floor[i]`;
    /// the diagonal alone when the covariance is not positive definite.
    pub(crate) fn new(cov: &[f64], scale: f64, floor: &[f64]) -> Self {
        let dimension = floor.len();
        let mut scaled: Vec<f64> = cov.iter().map(|c| c * scale * scale).collect();
        for (i, &minimum) in floor.iter().enumerate() {
            let v = &mut scaled[i * dimension + i];
            if v.is_nan() || *v < minimum {
                *v = minimum;
            }
        }
        let factor = cholesky(&scaled, dimension).unwrap_or_else(|| {
            let mut diagonal = vec![0.0; dimension * dimension];
            for i in 0..dimension {
                let v = scaled[i * dimension + i];
                diagonal[i * dimension + i] = if v > 0.0 && v.is_finite() { v.sqrt() } else { 1.0 };
            }
            diagonal
        });
        Self { factor, dimension }
    }

    /// A proposal from `eta`.
    pub(crate) fn propose(&self, eta: &[f64], rng: &mut CalibrationRng) -> Vec<f64> {
        let z: Vec<f64> = (0..self.dimension).map(|_| rng.sample::<f64, _>(StandardNormal)).collect();
        lower_times(&self.factor, &z).iter().zip(eta).map(|(s, e)| e + s).collect()
    }
}

/// `steps` Metropolis steps of one particle at power `phi`; `evaluate` gives the state at
/// a proposed η (`None` when cancelled). Returns the steps accepted and the likelihood
/// evaluations made.
pub(crate) fn walk(
    state: &mut State,
    (step, steps, phi): (&Step, usize, f64),
    rng: &mut CalibrationRng,
    evaluate: &impl Fn(Vec<f64>) -> Option<State>,
) -> (usize, usize) {
    let (mut accepted, mut evaluations) = (0, 0);
    for _ in 0..steps {
        let proposal = step.propose(&state.eta, rng);
        let u: f64 = rng.random();
        let Some(candidate) = evaluate(proposal) else { break };
        evaluations += usize::from(candidate.ln_prior.is_finite());
        let ratio = candidate.ln_target(phi) - state.ln_target(phi);
        if ratio.is_finite() && u.ln() < ratio || ratio == f64::INFINITY {
            *state = candidate;
            accepted += 1;
        }
    }
    (accepted, evaluations)
}

/// The steps each particle takes after a first round with acceptance rate `rate`: enough
/// for `moves` accepted steps on average, at least 2 and at most `most` in all.
pub(crate) fn steps_for(rate: f64, moves: f64, most: usize) -> usize {
    if rate.is_nan() || rate <= 0.0 {
        return most;
    }
    ((moves / rate).ceil() as usize).clamp(2, most)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_walk_samples_its_target() {
        // Target N(1, 0.5²) in one coordinate; a flat prior in η.
        let evaluate = |eta: Vec<f64>| {
            let x = eta[0];
            Some(State { theta: eta.clone(), eta, ln_prior: 0.0, ln_likelihood: -0.5 * ((x - 1.0) / 0.5).powi(2) })
        };
        let step = Step::new(&[0.25], 2.38, &[1e-9]);
        let mut rng = CalibrationRng::seed_from_u64(3);
        let mut state = evaluate(vec![0.0]).unwrap();
        let mut draws = Vec::new();
        let mut accepted = 0;
        for _ in 0..40_000 {
            accepted += walk(&mut state, (&step, 1, 1.0), &mut rng, &evaluate).0;
            draws.push(state.eta[0]);
        }
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!((mean - 1.0).abs() < 0.03, "{mean}");
        assert!((var.sqrt() - 0.5).abs() < 0.03, "{}", var.sqrt());
        let rate = accepted as f64 / 40_000.0;
        assert!((0.2..0.6).contains(&rate), "{rate}");
    }

    #[test]
    fn steps_grow_as_acceptance_falls() {
        assert_eq!(steps_for(1.0, 4.0, 40), 4);
        assert_eq!(steps_for(0.5, 4.0, 40), 8);
        assert_eq!(steps_for(0.2, 4.0, 40), 20);
        assert_eq!(steps_for(0.0, 4.0, 40), 40);
        assert_eq!(steps_for(0.01, 4.0, 40), 40);
        assert_eq!(steps_for(0.9, 1.0, 40), 2);
    }
}
