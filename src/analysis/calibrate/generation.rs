//! One generation of ABC-SMC: proposals are drawn (from the prior, or by perturbing a
//! particle of the previous generation chosen by weight), simulated, and kept when close
//! enough to the history, until the generation has its particles, its acceptance rate has
//! fallen below the floor, or the simulation budget is spent.
//!
//! Proposals are evaluated in parallel rounds; proposal `k` of a generation has its own
//! streams, and the accepted ones are taken in index order, so the particles do not depend
//! on the number of threads or on the round sizes.

use super::distance::{Observed, Scale};
use super::error::CalibrationError;
use super::kernel::Kernel;
use super::population::{Particle, Population};
use super::prior::{Parameter, Prior};
use super::settings::{Control, Settings};
use super::simulator::Simulator;
use super::streams::{CalibrationRng, Streams};
use super::transform::Transform;
use rand::RngExt;
use rayon::prelude::*;

/// Everything fixed during a calibration.
pub(crate) struct Model<'a, P, S> {
    pub parameters: &'a [Parameter<P>],
    pub transforms: Vec<Transform>,
    pub simulator: &'a S,
    pub observed: Observed,
    pub settings: &'a Settings,
    pub streams: Streams,
}

/// Where a generation's proposals come from.
pub(crate) enum Source<'a> {
    Prior,
    Previous { population: &'a Population, cumulative: Vec<f64>, kernel: &'a Kernel },
}

impl<'a> Source<'a> {
    pub(crate) fn previous(population: &'a Population, kernel: &'a Kernel) -> Self {
        let cumulative = population.weights.iter().scan(0.0, |sum, w| Some(*sum + w).inspect(|s| *sum = *s)).collect();
        Self::Previous { population, cumulative, kernel }
    }
}

/// The acceptance rule of a generation after the prior one.
#[derive(Clone, Copy)]
pub(crate) struct Criterion<'a> {
    pub scale: &'a Scale,
    pub tolerance: f64,
}

/// Why a generation stopped proposing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    Complete,
    AcceptanceFloor,
    Budget,
}

/// A generation's accepted particles (in proposal order) and its cost.
#[derive(Debug)]
pub(crate) struct Generation {
    pub accepted: Vec<Particle>,
    /// Proposals up to and including the last accepted one (or all, if incomplete).
    pub proposals: u64,
    pub simulations: usize,
    pub ending: Ending,
}

impl Generation {
    pub(crate) fn acceptance_rate(&self) -> f64 {
        if self.proposals == 0 { 0.0 } else { self.accepted.len() as f64 / self.proposals as f64 }
    }
}

impl<P: Prior, S: Simulator> Model<'_, P, S> {
    /// Runs one generation; `budget` is the simulations it may use, `expected_rate` the
    /// acceptance rate its first round is sized for, `done` the simulations run before it.
    ///
    /// # Errors
    /// [`CalibrationError::Cancelled`] when the caller's flag is set.
    pub(crate) fn run_generation(
        &self,
        source: &Source,
        criterion: Option<Criterion>,
        generation: usize,
        (budget, expected_rate, done): (usize, f64, usize),
        control: &Control,
    ) -> Result<Generation, CalibrationError> {
        let wanted = self.settings.particles;
        let replicates = self.settings.replicates;
        let cap = (wanted as f64 / self.settings.min_acceptance).ceil() as u64;
        let mut run =
            Generation { accepted: Vec::with_capacity(wanted), proposals: 0, simulations: 0, ending: Ending::Complete };
        let mut next = 0u64;
        while run.accepted.len() < wanted {
            let rate = if next == 0 { expected_rate } else { run.accepted.len().max(1) as f64 / next as f64 };
            let size = round_size(wanted - run.accepted.len(), rate.max(self.settings.min_acceptance))
                .min(((budget - run.simulations) / replicates) as u64)
                .min(cap - next);
            if size == 0 {
                run.ending = if next >= cap { Ending::AcceptanceFloor } else { Ending::Budget };
                run.proposals = next;
                return Ok(run);
            }
            let results: Vec<(Option<Particle>, usize)> = (0..size as usize)
                .into_par_iter()
                .with_min_len(8)
                .map(|j| self.propose(source, criterion, generation, next + j as u64, control))
                .collect();
            if control.cancelled() {
                return Err(CalibrationError::Cancelled);
            }
            for (j, (particle, simulations)) in results.into_iter().enumerate() {
                run.simulations += simulations;
                if let Some(particle) = particle.filter(|_| run.accepted.len() < wanted) {
                    run.accepted.push(particle);
                    run.proposals = next + j as u64 + 1;
                }
            }
            next += size;
            control.report(done + run.simulations);
        }
        Ok(run)
    }

    /// Proposal `index`: its particle if accepted, and the simulations it ran.
    fn propose(
        &self,
        source: &Source,
        criterion: Option<Criterion>,
        generation: usize,
        index: u64,
        control: &Control,
    ) -> (Option<Particle>, usize) {
        if control.cancelled() {
            return (None, 0);
        }
        let mut rng = self.streams.proposal(generation, index);
        let Some((theta, eta, ln_prior)) = self.draw(source, &mut rng) else {
            return (None, 0);
        };
        let replicates: Vec<Option<Vec<f64>>> = (0..self.settings.replicates)
            .map(|r| {
                let seed = self.streams.simulation(generation, index, r);
                self.observed.extract(&self.simulator.simulate(&theta, seed))
            })
            .collect();
        let simulations = replicates.len();
        let mut particle = Particle { theta, eta, ln_prior, replicates, distances: Vec::new() };
        let accepted = match criterion {
            None => particle.replicates.iter().any(Option::is_some),
            Some(c) => {
                particle.measure(c.scale, &self.observed, self.settings.replicate_rule);
                particle.within(c.tolerance) > 0
            }
        };
        (accepted.then_some(particle), simulations)
    }

    /// A parameter set (values, unconstrained coordinates, prior log-density there), or
    /// `None` when it falls outside the prior's support.
    fn draw(&self, source: &Source, rng: &mut CalibrationRng) -> Option<(Vec<f64>, Vec<f64>, f64)> {
        let eta = match source {
            Source::Prior => self.draw_from_prior(rng)?,
            Source::Previous { population, cumulative, kernel } => {
                let u: f64 = rng.random();
                let parent = cumulative.partition_point(|&c| c <= u).min(population.particles.len() - 1);
                kernel.perturb(&population.particles[parent].eta, rng)
            }
        };
        let theta: Vec<f64> = self.transforms.iter().zip(&eta).map(|(t, &e)| t.constrained(e)).collect();
        let ln_prior = self.ln_prior(&theta, &eta);
        (ln_prior.is_finite() && theta.iter().all(|x| x.is_finite())).then_some((theta, eta, ln_prior))
    }

    /// Unconstrained coordinates of a prior draw (a draw on the support's boundary, which
    /// has no finite coordinate, is drawn again, a few times at most).
    fn draw_from_prior(&self, rng: &mut CalibrationRng) -> Option<Vec<f64>> {
        (0..4).find_map(|_| {
            let eta: Vec<f64> = self
                .parameters
                .iter()
                .zip(&self.transforms)
                .map(|(p, t)| t.unconstrained(p.prior.sample(rng)))
                .collect();
            eta.iter().all(|e| e.is_finite()).then_some(eta)
        })
    }

    /// The prior log-density of the unconstrained coordinates.
    pub(crate) fn ln_prior(&self, theta: &[f64], eta: &[f64]) -> f64 {
        let mut total = 0.0;
        for ((parameter, transform), (&x, &e)) in
            self.parameters.iter().zip(&self.transforms).zip(theta.iter().zip(eta))
        {
            total += parameter.prior.ln_pdf(x) + transform.ln_jacobian(e);
        }
        if total.is_nan() { f64::NEG_INFINITY } else { total }
    }
}

/// Proposals for a round expected to yield `missing` particles at `rate` (with a margin
/// unless every proposal is expected to be accepted), at least a few dozen (so threads have work) and at most a few thousand (so progress and
/// cancellation stay prompt).
fn round_size(missing: usize, rate: f64) -> u64 {
    let expected = if rate >= 1.0 { missing as f64 } else { (missing as f64 / rate * 1.15).ceil() + 16.0 };
    (expected as u64).clamp(64, 16_384)
}
