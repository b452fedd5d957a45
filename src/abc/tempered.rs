//! Likelihood-based SMC: the posterior of parameters whose likelihood can be computed
//! exactly, reached from the prior by tempering (Del Moral, Doucet and Jasra 2006; the
//! adaptive form of Jasra et al. 2011). The particles start as prior draws; each step
//! raises the power φ of the likelihood as far as keeps half the particles' effective
//! sample size, reweights, resamples, and moves every particle by Metropolis steps that
//! leave the new tempered target `prior · L^φ` unchanged; at φ = 1 the particles are draws
//! from the posterior, equally weighted.
//!
//! The same interface as [`calibrate`](super::calibrate) and the same result, so a caller
//! chooses the method by what it can compute, and everything downstream (parameter sets,
//! summaries) is shared. Every draw comes from a stream derived from the seed.

use rayon::prelude::*;

use super::DistanceKind;
use super::error::CalibrationError;
use super::moves::{State, Step, steps_for, walk};
use super::prior::{Parameter, Prior, check_prior};
use super::result::{Calibration, GenerationRecord, ParameterSummary, Particles, Quantiles, StopReason};
use super::seeds::{CalibrationRng, Seeds};
use super::settings::{Hooks, Settings};
use super::transform::Transform;
use crate::numeric::weighted::{covariance, effective_sample_size, normalise_ln};
use rand::RngExt;

/// A log-likelihood the sampler can evaluate at any parameter set.
pub trait LogLikelihood: Sync {
    /// `ln p(evidence | parameters)`, parameters in the order they were given; −∞ where
    /// the evidence is impossible.
    fn ln_likelihood(&self, parameters: &[f64]) -> f64;
}

impl<F> LogLikelihood for F
where
    F: Fn(&[f64]) -> f64 + Sync,
{
    fn ln_likelihood(&self, parameters: &[f64]) -> f64 {
        self(parameters)
    }
}

/// The share of the particles' effective sample size each tempering step keeps.
const KEPT_ESS: f64 = 0.5;
/// Accepted Metropolis steps a particle takes on average in a tempering step, and at the
/// last one (φ = 1), whose particles are the posterior; and the most steps either may take.
const MOVES: f64 = 4.0;
const FINAL_MOVES: f64 = 10.0;
const MOST_STEPS: usize = 40;
const MOST_FINAL_STEPS: usize = 100;
/// Tempering steps at most (each keeps half the effective sample size, so this allows a
/// likelihood concentrated far beyond any history's).
const MAX_STEPS: usize = 500;

/// The posterior of `parameters` (their priors) given `likelihood`, by tempered SMC with
/// `settings.particles` particles; the budget `settings.max_simulations` counts likelihood
/// evaluations.
///
/// # Errors
/// No parameter or an unusable prior or setting; [`CalibrationError::ImpossibleHistory`]
/// when no prior draw gives the evidence a positive likelihood;
/// [`CalibrationError::BudgetSpent`]; [`CalibrationError::Cancelled`].
pub fn sample_posterior<P: Prior, L: LogLikelihood>(
    parameters: &[Parameter<P>],
    likelihood: &L,
    settings: &Settings,
    control: &Hooks,
) -> Result<Calibration, CalibrationError> {
    let sampler = Sampler::new(parameters, likelihood, settings, control)?;
    let mut particles = sampler.prior_draws()?;
    let mut phi = 0.0;
    let mut scale = 2.38 / (parameters.len() as f64).sqrt();
    let mut history = Vec::new();
    let mut evaluations = settings.particles;
    while phi < 1.0 {
        let generation = history.len() + 1;
        if generation > MAX_STEPS {
            return Err(CalibrationError::BudgetSpent { evaluations });
        }
        let increment = next_increment(&particles, 1.0 - phi);
        phi = if phi + increment >= 1.0 - 1e-12 { 1.0 } else { phi + increment };
        let ln: Vec<f64> = particles.iter().map(|p| increment * p.ln_likelihood).collect();
        let weights = normalise_ln(&ln).ok_or(CalibrationError::ImpossibleHistory { draws: particles.len() })?;
        let ess = effective_sample_size(&weights);
        let etas: Vec<Vec<f64>> = particles.iter().map(|p| p.eta.clone()).collect();
        let step = Step::new(&covariance(&etas, &weights, parameters.len()), scale, &sampler.floor);
        particles = resample(&particles, &weights, &mut sampler.streams.resample(generation));
        let (accepted, steps, spent) = sampler.move_all(&mut particles, (&step, phi), generation, evaluations)?;
        evaluations += spent;
        let rate = accepted as f64 / (steps * particles.len()).max(1) as f64;
        scale *= if rate < 0.15 {
            0.7
        } else if rate > 0.45 {
            1.3
        } else {
            1.0
        };
        history.push(GenerationRecord {
            generation,
            distance: DistanceKind::Likelihood,
            tolerance: None,
            proposals: (steps * particles.len()) as u64,
            simulations: spent,
            accepted,
            acceptance_rate: rate,
            effective_sample_size: Some(ess),
            temperature: Some(phi),
        });
    }
    sampler.finish(particles, history, evaluations)
}

/// The increase of φ (at most `room`) that keeps [`KEPT_ESS`] of the effective sample size
/// the particles with a positive likelihood have (equally weighted after resampling).
fn next_increment(particles: &[State], room: f64) -> f64 {
    let ess = |delta: f64| {
        let ln: Vec<f64> = particles.iter().map(|p| delta * p.ln_likelihood).collect();
        normalise_ln(&ln).map_or(0.0, |w| effective_sample_size(&w))
    };
    let possible = particles.iter().filter(|p| p.ln_likelihood.is_finite()).count() as f64;
    let target = KEPT_ESS * possible;
    if ess(room) >= target {
        return room;
    }
    let (mut low, mut high) = (0.0, room);
    for _ in 0..60 {
        let mid = 0.5 * (low + high);
        if ess(mid) >= target { low = mid } else { high = mid }
    }
    low.max(f64::MIN_POSITIVE)
}

/// Systematic resampling: `n` particles, each chosen in proportion to its weight.
fn resample(particles: &[State], weights: &[f64], rng: &mut CalibrationRng) -> Vec<State> {
    let n = particles.len();
    let start: f64 = rng.random::<f64>() / n as f64;
    let mut out = Vec::with_capacity(n);
    let (mut cumulative, mut i) = (0.0, 0);
    for k in 0..n {
        let u = start + k as f64 / n as f64;
        while i + 1 < n && cumulative + weights[i] <= u {
            cumulative += weights[i];
            i += 1;
        }
        out.push(particles[i].clone());
    }
    out
}

/// Everything fixed while sampling.
struct Sampler<'a, P, L> {
    parameters: &'a [Parameter<P>],
    transforms: Vec<Transform>,
    likelihood: &'a L,
    settings: &'a Settings,
    control: &'a Hooks<'a>,
    streams: Seeds,
    /// The smallest variance of a step in each coordinate.
    floor: Vec<f64>,
}

impl<'a, P: Prior, L: LogLikelihood> Sampler<'a, P, L> {
    fn new(
        parameters: &'a [Parameter<P>],
        likelihood: &'a L,
        settings: &'a Settings,
        control: &'a Hooks<'a>,
    ) -> Result<Self, CalibrationError> {
        settings.check()?;
        if parameters.is_empty() {
            return Err(CalibrationError::NoParameters);
        }
        let mut transforms = Vec::with_capacity(parameters.len());
        for parameter in parameters {
            check_prior(parameter)?;
            let (low, high) = parameter.prior.support();
            transforms.push(Transform::for_support(low, high).ok_or_else(|| CalibrationError::Prior {
                key: parameter.key.clone(),
                rule: "its support must be an interval with low < high".to_string(),
            })?);
        }
        let floor = vec![1e-12; parameters.len()];
        Ok(Self { parameters, transforms, likelihood, settings, control, streams: Seeds::new(settings.seed), floor })
    }

    /// The state at `eta`: its values, prior density and (inside the support) likelihood.
    fn state(&self, eta: Vec<f64>) -> State {
        let theta: Vec<f64> = self.transforms.iter().zip(&eta).map(|(t, &e)| t.constrained(e)).collect();
        let mut ln_prior = 0.0;
        for ((parameter, transform), (&x, &e)) in
            self.parameters.iter().zip(&self.transforms).zip(theta.iter().zip(&eta))
        {
            let (low, high) = parameter.prior.support();
            ln_prior += if x > low && x < high {
                parameter.prior.ln_pdf(x) + transform.ln_jacobian(e)
            } else {
                f64::NEG_INFINITY
            };
        }
        if !ln_prior.is_finite() {
            return State { theta, eta, ln_prior: f64::NEG_INFINITY, ln_likelihood: f64::NEG_INFINITY };
        }
        let ln_likelihood = self.likelihood.ln_likelihood(&theta);
        let ln_likelihood = if ln_likelihood.is_nan() { f64::NEG_INFINITY } else { ln_likelihood };
        State { theta, eta, ln_prior, ln_likelihood }
    }

    /// `settings.particles` draws from the prior with their likelihoods.
    fn prior_draws(&self) -> Result<Vec<State>, CalibrationError> {
        let n = self.settings.particles;
        let particles: Vec<State> = (0..n)
            .into_par_iter()
            .with_min_len(8)
            .map(|i| {
                let mut rng = self.streams.proposal(0, i as u64);
                let eta = (0..16)
                    .map(|_| {
                        self.parameters
                            .iter()
                            .zip(&self.transforms)
                            .map(|(p, t)| t.unconstrained(p.prior.sample(&mut rng)))
                            .collect::<Vec<f64>>()
                    })
                    .find(|eta| eta.iter().all(|e| e.is_finite()))
                    .unwrap_or_else(|| vec![0.0; self.parameters.len()]);
                self.state(eta)
            })
            .collect();
        if self.control.cancelled() {
            return Err(CalibrationError::Cancelled);
        }
        self.control.report(n);
        if particles.iter().all(|p| !p.ln_target(1.0).is_finite()) {
            return Err(CalibrationError::ImpossibleHistory { draws: n });
        }
        Ok(particles)
    }

    /// Moves every particle at power `phi`: one step each, then as many more as the first
    /// round's acceptance rate calls for ([`MOVES`] accepted steps on average, or
    /// [`FINAL_MOVES`] at φ = 1). Returns the steps accepted, the steps per
    /// particle and the likelihood evaluations.
    fn move_all(
        &self,
        particles: &mut [State],
        (step, phi): (&Step, f64),
        generation: usize,
        done: usize,
    ) -> Result<(usize, usize, usize), CalibrationError> {
        let evaluate = |eta: Vec<f64>| (!self.control.cancelled()).then(|| self.state(eta));
        let mut rngs: Vec<CalibrationRng> =
            (0..particles.len()).map(|i| self.streams.moves(generation, i as u64)).collect();
        let round = |particles: &mut [State], rngs: &mut [CalibrationRng], steps: usize| -> (usize, usize) {
            particles
                .par_iter_mut()
                .zip(rngs.par_iter_mut())
                .with_min_len(8)
                .map(|(state, rng)| walk(state, (step, steps, phi), rng, &evaluate))
                .collect::<Vec<(usize, usize)>>()
                .iter()
                .fold((0, 0), |(a, e), (x, y)| (a + x, e + y))
        };
        let (first, mut evaluations) = round(particles, &mut rngs, 1);
        self.check(done + evaluations)?;
        let rate = first as f64 / particles.len().max(1) as f64;
        let steps = if phi >= 1.0 {
            steps_for(rate, FINAL_MOVES, MOST_FINAL_STEPS)
        } else {
            steps_for(rate, MOVES, MOST_STEPS)
        };
        let (more, spent) = round(particles, &mut rngs, steps - 1);
        evaluations += spent;
        self.check(done + evaluations)?;
        Ok((first + more, steps, evaluations))
    }

    /// Cancellation and the budget, after `evaluations` in all.
    fn check(&self, evaluations: usize) -> Result<(), CalibrationError> {
        if self.control.cancelled() {
            return Err(CalibrationError::Cancelled);
        }
        self.control.report(evaluations);
        if evaluations > self.settings.max_simulations {
            return Err(CalibrationError::BudgetSpent { evaluations });
        }
        Ok(())
    }

    /// The result: equally weighted particles at φ = 1, summarised.
    fn finish(
        &self,
        particles: Vec<State>,
        history: Vec<GenerationRecord>,
        evaluations: usize,
    ) -> Result<Calibration, CalibrationError> {
        let n = particles.len();
        let weights = vec![1.0 / n as f64; n];
        let rows: Vec<Vec<f64>> = particles.into_iter().map(|p| p.theta).collect();
        let mut summaries = Vec::with_capacity(self.parameters.len());
        for (k, parameter) in self.parameters.iter().enumerate() {
            let column: Vec<f64> = rows.iter().map(|row| row[k]).collect();
            let posterior = Quantiles::of_particles(&column, &weights).ok_or(CalibrationError::EmptyPosterior)?;
            summaries.push(ParameterSummary::new(parameter, posterior));
        }
        let last = history.last();
        Ok(Calibration {
            method: "likelihood-smc".to_string(),
            distance: DistanceKind::Likelihood,
            simulations: evaluations,
            accepted: n,
            acceptance_rate: last.map_or(1.0, |g| g.acceptance_rate),
            effective_sample_size: n as f64,
            tolerance: None,
            generations: history.len(),
            stopped_because: StopReason::PosteriorReached,
            informative_summaries: 0,
            parameters: summaries,
            particles: Particles { keys: self.parameters.iter().map(|p| p.key.clone()).collect(), rows, weights },
            history,
            settings: self.settings.clone(),
        })
    }
}
