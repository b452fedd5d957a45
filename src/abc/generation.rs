//! One generation of ABC-SMC: proposals are drawn (from the prior, or by perturbing a
//! particle of the previous generation chosen by weight), simulated, and kept when close
//! enough to the history, until the generation has its particles, its acceptance rate has
//! fallen below the floor, or the simulation budget is spent.
//!
//! Proposals are evaluated in parallel rounds; proposal `k` of a generation has its own
//! streams, and the accepted ones are taken in index order, so the particles do not depend
//! on the number of threads or on the round sizes.

use super::distance::Observed;
use super::error::CalibrationError;
use super::kernel::Kernel;
use super::measure::Measure;
use super::population::{Particle, Population};
use super::prior::{Parameter, Prior};
use super::seeds::{CalibrationRng, Seeds};
use super::settings::{Hooks, Settings};
use super::simulator::Simulator;
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
    pub streams: Seeds,
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
    pub metric: &'a Measure,
    pub tolerance: f64,
}

/// Proposals of a generation whose simulations are kept as the projection's training set.
const TRAINING: u64 = 20_000;

/// One evaluated proposal.
struct Outcome {
    /// The particle, if accepted.
    particle: Option<Particle>,
    /// Its parameters and first successful replicate, for the training set.
    sample: Option<(Vec<f64>, Vec<f64>)>,
    simulations: usize,
}

/// What a generation may spend, and what it should keep.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// Simulations it may run.
    pub budget: usize,
    /// The acceptance rate its first round is sized for.
    pub expected_rate: f64,
    /// Simulations run before it (for progress).
    pub done: usize,
    /// Keep every proposal as training data for the projection.
    pub training: bool,
    /// Give up once fewer than this fraction of proposals can be accepted.
    pub min_acceptance: f64,
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
    /// The first proposals' unconstrained parameters and first successful replicate,
    /// accepted or not, when asked for: the training set of the projection.
    pub training: Vec<(Vec<f64>, Vec<f64>)>,
}

impl Generation {
    pub(crate) fn acceptance_rate(&self) -> f64 {
        if self.proposals == 0 { 0.0 } else { self.accepted.len() as f64 / self.proposals as f64 }
    }
}

impl<P: Prior, S: Simulator> Model<'_, P, S> {
    /// Runs one generation within `limits`.
    ///
    /// # Errors
    /// [`CalibrationError::Cancelled`] when the caller's flag is set.
    pub(crate) fn run_generation(
        &self,
        source: &Source,
        criterion: Option<Criterion>,
        generation: usize,
        limits: Budget,
        control: &Hooks,
    ) -> Result<Generation, CalibrationError> {
        let Budget { budget, expected_rate, done, training, min_acceptance } = limits;
        let wanted = self.settings.particles;
        let replicates = self.settings.replicates;
        let cap = (wanted as f64 / min_acceptance).ceil() as u64;
        let mut run = Generation {
            accepted: Vec::with_capacity(wanted),
            proposals: 0,
            simulations: 0,
            ending: Ending::Complete,
            training: Vec::new(),
        };
        let mut next = 0u64;
        while run.accepted.len() < wanted {
            let rate = if next == 0 { expected_rate } else { run.accepted.len().max(1) as f64 / next as f64 };
            let size = round_size(wanted - run.accepted.len(), rate.max(min_acceptance))
                .min((budget.saturating_sub(run.simulations) / replicates) as u64)
                .min(cap - next);
            if size == 0 {
                run.ending = if next >= cap { Ending::AcceptanceFloor } else { Ending::Budget };
                run.proposals = next;
                return Ok(run);
            }
            let outcomes: Vec<Outcome> = (0..size as usize)
                .into_par_iter()
                .with_min_len(8)
                .map(|j| {
                    let index = next + j as u64;
                    self.propose(source, criterion, (generation, index), training && index < TRAINING, control)
                })
                .collect();
            if control.cancelled() {
                return Err(CalibrationError::Cancelled);
            }
            for (j, outcome) in outcomes.into_iter().enumerate() {
                run.simulations += outcome.simulations;
                run.training.extend(outcome.sample);
                if let Some(particle) = outcome.particle.filter(|_| run.accepted.len() < wanted) {
                    run.accepted.push(particle);
                    run.proposals = next + j as u64 + 1;
                }
            }
            next += size;
            control.report(done + run.simulations);
        }
        Ok(run)
    }

    /// Proposal `index` of `generation`, evaluated (on a worker thread: what is rejected is
    /// dropped there).
    fn propose(
        &self,
        source: &Source,
        criterion: Option<Criterion>,
        (generation, index): (usize, u64),
        training: bool,
        control: &Hooks,
    ) -> Outcome {
        let nothing = Outcome { particle: None, sample: None, simulations: 0 };
        if control.cancelled() {
            return nothing;
        }
        let mut rng = self.streams.proposal(generation, index);
        let Some((theta, eta)) = self.draw(source, &mut rng) else {
            return nothing;
        };
        let replicates: Vec<Option<Vec<f64>>> = (0..self.settings.replicates)
            .map(|r| {
                let seed = self.streams.simulation(generation, index, r);
                self.observed.extract(&self.simulator.simulate(&theta, seed))
            })
            .collect();
        let simulations = replicates.len();
        let mut particle = Particle { theta, eta, ln_prior: f64::NEG_INFINITY, replicates, distances: Vec::new() };
        let mut accepted = match criterion {
            None => particle.replicates.iter().any(Option::is_some),
            Some(c) => {
                particle.measure(c.metric, &self.observed, self.settings.replicate_rule);
                particle.within(c.tolerance) > 0
            }
        };
        if accepted {
            // Only the accepted need their prior density (for their weight).
            particle.ln_prior = self.ln_prior(&particle.theta, &particle.eta);
            accepted = particle.ln_prior.is_finite();
        }
        let sample = if !training {
            None
        } else if accepted {
            particle.replicates.iter().flatten().next().map(|row| (particle.eta.clone(), row.clone()))
        } else {
            let Particle { eta, replicates, .. } = particle;
            return Outcome {
                particle: None,
                sample: replicates.into_iter().flatten().next().map(|row| (eta, row)),
                simulations,
            };
        };
        Outcome { particle: accepted.then_some(particle), sample, simulations }
    }

    /// A parameter set (values and unconstrained coordinates), or `None` when rounding put
    /// it on the boundary of the prior's support.
    fn draw(&self, source: &Source, rng: &mut CalibrationRng) -> Option<(Vec<f64>, Vec<f64>)> {
        let eta = match source {
            Source::Prior => self.draw_from_prior(rng)?,
            Source::Previous { population, cumulative, kernel } => {
                let u: f64 = rng.random();
                let parent = cumulative.partition_point(|&c| c <= u).min(population.particles.len() - 1);
                kernel.perturb(&population.particles[parent].eta, rng)
            }
        };
        let theta: Vec<f64> = self.transforms.iter().zip(&eta).map(|(t, &e)| t.constrained(e)).collect();
        let inside = self.parameters.iter().zip(&theta).all(|(p, &x)| {
            let (low, high) = p.prior.support();
            x > low && x < high
        });
        inside.then_some((theta, eta))
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
/// unless every proposal is expected to be accepted), at least a few dozen (so threads
/// have work) and at most a few thousand (so progress and cancellation stay prompt).
fn round_size(missing: usize, rate: f64) -> u64 {
    let expected = if rate >= 1.0 { missing as f64 } else { (missing as f64 / rate * 1.15).ceil() + 16.0 };
    (expected as u64).clamp(64, 16_384)
}
