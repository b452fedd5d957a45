//! The sequence of generations (ABC-SMC, the population Monte Carlo form of Beaumont et
//! al. 2009 with an adaptive tolerance): a generation from the prior fixes the distance's
//! scale; each later one accepts proposals within a tolerance that is a quantile of the
//! previous generation's distances, and weighs them by prior over proposal density. It
//! stops when the tolerance stops falling, the acceptance rate falls below its floor, the
//! budget is spent, or the tolerance reaches zero; the final generation is then adjusted
//! by local-linear regression (if asked) and summarised.

use super::adjust::local_linear;
use super::distance::{Observed, Scale};
use super::error::CalibrationError;
use super::generation::{Criterion, Ending, Generation, Model, Source};
use super::kernel::Kernel;
use super::population::{Particle, Population};
use super::prior::{Parameter, Prior, check_prior};
use super::result::{Calibration, GenerationRecord, ParameterSummary, Particles, Quantiles, StopReason};
use super::settings::{Adjustment, Control, Settings};
use super::simulator::Simulator;
use super::streams::Streams;
use super::transform::Transform;
use super::weighted::{covariance, normalise_ln};

/// Calibrates `parameters` (their priors) to the observed `history` with `simulator` as the
/// model, by ABC-SMC: see the module documentation and `docs/calibration.md`.
///
/// `history` holds one entry per summary (`None`: not observed); the simulator returns a
/// vector of the same length for a parameter set and a seed.
///
/// # Errors
/// No parameter, a prior that is not a proper distribution, a history with no finite
/// observation, a setting out of range ([`Settings::check`]), every simulation from the
/// prior failing, or cancellation through `control`.
pub fn calibrate<P: Prior, S: Simulator>(
    parameters: &[Parameter<P>],
    history: &[Option<f64>],
    simulator: &S,
    settings: &Settings,
    control: &Control,
) -> Result<Calibration, CalibrationError> {
    let model = Model::new(parameters, history, simulator, settings)?;
    let mut run = Run::default();
    let (mut population, scale, prior_ending) = model.prior_generation(&mut run, control)?;
    let floor: Vec<f64> = {
        let cov = covariance(&population.etas(), &population.weights, parameters.len());
        (0..parameters.len()).map(|i| 1e-10 * cov[i * parameters.len() + i]).collect()
    };
    let stop = match prior_ending {
        Ending::Complete => loop {
            match model.step(&mut population, &scale, &floor, &mut run, control)? {
                Some(stop) => break stop,
                None => continue,
            }
        },
        Ending::AcceptanceFloor => StopReason::AcceptanceFloor,
        Ending::Budget => StopReason::SimulationBudget,
    };
    model.finish(population, &scale, run, stop)
}

/// The running totals of a calibration.
#[derive(Debug, Default)]
struct Run {
    simulations: usize,
    history: Vec<GenerationRecord>,
    /// The generation the current population comes from.
    generation: usize,
    acceptance_rate: f64,
}

impl Run {
    fn record(&mut self, generation: usize, tolerance: f64, run: &Generation, kept: Option<&Population>) {
        self.simulations += run.simulations;
        let acceptance_rate = run.acceptance_rate();
        self.history.push(GenerationRecord {
            generation,
            tolerance: tolerance.is_finite().then_some(tolerance),
            proposals: run.proposals,
            simulations: run.simulations,
            accepted: run.accepted.len(),
            acceptance_rate,
            effective_sample_size: kept.map(Population::effective_sample_size),
        });
        if kept.is_some() {
            self.generation = generation;
            self.acceptance_rate = acceptance_rate;
        }
    }
}

impl<'a, P: Prior, S: Simulator> Model<'a, P, S> {
    fn new(
        parameters: &'a [Parameter<P>],
        history: &[Option<f64>],
        simulator: &'a S,
        settings: &'a Settings,
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
        let observed = Observed::new(history)?;
        Ok(Self { parameters, transforms, simulator, observed, settings, streams: Streams::new(settings.seed) })
    }

    /// Generation 0: particles from the prior, which also fix the distance's scale.
    fn prior_generation(
        &self,
        run: &mut Run,
        control: &Control,
    ) -> Result<(Population, Scale, Ending), CalibrationError> {
        let mut generation =
            self.run_generation(&Source::Prior, None, 0, (self.settings.max_simulations, 1.0, 0), control)?;
        if generation.accepted.is_empty() {
            return Err(CalibrationError::AllSimulationsFailed { simulations: generation.simulations });
        }
        let rows: Vec<&[f64]> =
            generation.accepted.iter().flat_map(|p| p.replicates.iter().flatten().map(Vec::as_slice)).collect();
        let scale = Scale::from_simulations(&rows, self.observed.values().len());
        generation.accepted.iter_mut().for_each(|p| p.measure(&scale, &self.observed, self.settings.replicate_rule));
        let ln: Vec<f64> = generation.accepted.iter().map(|p| p.fraction_within(f64::INFINITY).ln()).collect();
        let failed = CalibrationError::AllSimulationsFailed { simulations: generation.simulations };
        let mut population =
            Population { particles: Vec::new(), weights: normalise_ln(&ln).ok_or(failed)?, tolerance: f64::INFINITY };
        run.record(0, f64::INFINITY, &generation, Some(&population));
        population.particles = generation.accepted;
        Ok((population, scale, generation.ending))
    }

    /// One more generation; `Some(reason)` when the sequence ends instead.
    fn step(
        &self,
        population: &mut Population,
        scale: &Scale,
        floor: &[f64],
        run: &mut Run,
        control: &Control,
    ) -> Result<Option<StopReason>, CalibrationError> {
        let settings = self.settings;
        let generation = run.history.len();
        if generation > settings.max_generations {
            return Ok(Some(StopReason::GenerationLimit));
        }
        if population.largest_distance() == 0.0 {
            return Ok(Some(StopReason::ExactMatch));
        }
        let Some(tolerance) = population.next_tolerance(settings.tolerance_quantile) else {
            return Ok(Some(StopReason::ToleranceConverged));
        };
        if tolerance >= population.tolerance * (1.0 - settings.min_tolerance_drop) {
            return Ok(Some(StopReason::ToleranceConverged));
        }
        let budget = settings.max_simulations.saturating_sub(run.simulations);
        if budget < settings.replicates {
            return Ok(Some(StopReason::SimulationBudget));
        }
        let kernel = Kernel::from_particles(&population.etas(), &population.weights, floor);
        let criterion = Some(Criterion { scale, tolerance });
        let limits = (budget, run.acceptance_rate, run.simulations);
        let result =
            self.run_generation(&Source::previous(population, &kernel), criterion, generation, limits, control)?;
        let next = if 2 * result.accepted.len() >= settings.particles {
            reweight(&result.accepted, population, &kernel, tolerance)
        } else {
            None
        };
        run.record(generation, tolerance, &result, next.as_ref());
        let ending = result.ending;
        if let Some(mut next) = next {
            next.particles = result.accepted;
            *population = next;
        }
        Ok(match ending {
            Ending::Complete if tolerance == 0.0 => Some(StopReason::ExactMatch),
            Ending::Complete => None,
            Ending::AcceptanceFloor => Some(StopReason::AcceptanceFloor),
            Ending::Budget => Some(StopReason::SimulationBudget),
        })
    }

    /// The result: the final population, adjusted if asked, summarised.
    fn finish(
        &self,
        population: Population,
        scale: &Scale,
        run: Run,
        stop: StopReason,
    ) -> Result<Calibration, CalibrationError> {
        let adjusted = match self.settings.adjustment {
            Adjustment::LocalLinear if population.tolerance.is_finite() => {
                local_linear(&population, scale, &self.observed, self.settings.replicate_rule)
            }
            _ => None,
        };
        let method = if adjusted.is_some() { "abc-smc+local-linear" } else { "abc-smc" };
        let etas = adjusted.unwrap_or_else(|| population.etas());
        let rows: Vec<Vec<f64>> =
            etas.iter().map(|eta| self.transforms.iter().zip(eta).map(|(t, &e)| t.constrained(e)).collect()).collect();
        let mut summaries = Vec::with_capacity(self.parameters.len());
        for (k, parameter) in self.parameters.iter().enumerate() {
            let column: Vec<f64> = rows.iter().map(|row| row[k]).collect();
            let posterior =
                Quantiles::of_particles(&column, &population.weights).ok_or(CalibrationError::EmptyPosterior)?;
            summaries.push(ParameterSummary::new(parameter, posterior));
        }
        Ok(Calibration {
            method: method.to_string(),
            simulations: run.simulations,
            accepted: population.particles.len(),
            acceptance_rate: run.acceptance_rate,
            effective_sample_size: population.effective_sample_size(),
            tolerance: population.tolerance.is_finite().then_some(population.tolerance),
            generations: run.generation,
            stopped_because: stop,
            informative_summaries: scale.informative_entries(),
            parameters: summaries,
            particles: Particles {
                keys: self.parameters.iter().map(|p| p.key.clone()).collect(),
                rows,
                weights: population.weights,
            },
            history: run.history,
            settings: self.settings.clone(),
        })
    }
}

/// The population made of a generation's accepted particles, weighted by prior density
/// times ABC likelihood over the density of the mixture they were proposed from. The
/// particles themselves are moved in by the caller.
fn reweight(accepted: &[Particle], previous: &Population, kernel: &Kernel, tolerance: f64) -> Option<Population> {
    let targets: Vec<(&[f64], f64)> =
        accepted.iter().map(|p| (p.eta.as_slice(), p.ln_prior + p.fraction_within(tolerance).ln())).collect();
    let ln = kernel.ln_weights(&targets, &previous.etas(), &previous.weights);
    let weights = normalise_ln(&ln)?;
    Some(Population { particles: Vec::new(), weights, tolerance })
}
