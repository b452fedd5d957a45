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
use super::generation::{Budget, Criterion, Ending, Generation, Model, Source};
use super::kernel::Kernel;
use super::measure::{DistanceKind, Measure};
use super::population::{Particle, Population};
use super::prior::{Parameter, Prior, check_prior};
use super::result::{Calibration, GenerationRecord, ParameterSummary, Particles, Quantiles, StopReason};
use super::seeds::Seeds;
use super::settings::{Adjustment, Hooks, Settings};
use super::simulator::Simulator;
use super::transform::Transform;
use crate::numeric::weighted::{covariance, normalise_ln};

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
    control: &Hooks,
) -> Result<Calibration, CalibrationError> {
    let model = Model::new(parameters, history, simulator, settings)?;
    let mut run = Run::default();
    let (mut population, mut metric, prior_ending) = model.prior_generation(&mut run, control)?;
    let floor: Vec<f64> = {
        let cov = covariance(&population.etas(), &population.weights, parameters.len());
        (0..parameters.len()).map(|i| 1e-10 * cov[i * parameters.len() + i]).collect()
    };
    // With a projection to come, a distance gives way as soon as its acceptance rate says
    // it is stalling; the last one runs to the final floor.
    let rounds = if settings.project_summaries { settings.projection_rounds } else { 0 };
    let stalling = settings.projection_acceptance.max(settings.min_acceptance);
    let mut projections = 0;
    let stop = match prior_ending_reason(prior_ending) {
        Some(reason) => reason,
        None => loop {
            let projecting = projections < rounds;
            let stage =
                Stage { floor: if projecting { stalling } else { settings.min_acceptance }, training: projecting };
            let reason = model.refine(&mut population, (&metric, stage), &floor, &mut run, control)?;
            if !(projecting && matches!(reason, StopReason::AcceptanceFloor | StopReason::ToleranceConverged)) {
                break reason;
            }
            match Measure::project(metric.scale(), &model.observed, &run.training) {
                Some(projected) => {
                    metric = projected;
                    population.remeasure(&metric, &model.observed, settings.replicate_rule);
                    projections += 1;
                }
                None if stage.floor > settings.min_acceptance => projections = rounds,
                None => break reason,
            }
        },
    };
    model.finish(population, &metric, run, stop)
}

/// How a run of generations ends: its acceptance floor, and whether it keeps its
/// proposals for a projection to follow.
#[derive(Debug, Clone, Copy)]
struct Stage {
    floor: f64,
    training: bool,
}

/// The reason to stop right after the prior generation, if any.
fn prior_ending_reason(ending: Ending) -> Option<StopReason> {
    match ending {
        Ending::Complete => None,
        Ending::AcceptanceFloor => Some(StopReason::AcceptanceFloor),
        Ending::Budget => Some(StopReason::SimulationBudget),
    }
}

/// The running totals of a calibration.
#[derive(Debug, Default)]
struct Run {
    simulations: usize,
    history: Vec<GenerationRecord>,
    /// The generation the current population comes from.
    generation: usize,
    acceptance_rate: f64,
    /// The last generation's proposals, while the projection may still be fitted.
    training: Vec<(Vec<f64>, Vec<f64>)>,
}

impl Run {
    fn record(
        &mut self,
        (generation, distance): (usize, DistanceKind),
        tolerance: f64,
        run: &mut Generation,
        kept: Option<&Population>,
    ) {
        self.simulations += run.simulations;
        self.training = std::mem::take(&mut run.training);
        let acceptance_rate = run.acceptance_rate();
        self.history.push(GenerationRecord {
            generation,
            distance,
            tolerance: tolerance.is_finite().then_some(tolerance),
            proposals: run.proposals,
            simulations: run.simulations,
            accepted: run.accepted.len(),
            acceptance_rate,
            effective_sample_size: kept.map(Population::effective_sample_size),
            temperature: None,
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
        Ok(Self { parameters, transforms, simulator, observed, settings, streams: Seeds::new(settings.seed) })
    }

    /// Generation 0: particles from the prior, which also fix the distance's scale.
    fn prior_generation(
        &self,
        run: &mut Run,
        control: &Hooks,
    ) -> Result<(Population, Measure, Ending), CalibrationError> {
        let training = self.settings.project_summaries;
        let limits = Budget {
            budget: self.settings.max_simulations,
            expected_rate: 1.0,
            done: 0,
            training,
            min_acceptance: self.settings.min_acceptance,
        };
        let mut generation = self.run_generation(&Source::Prior, None, 0, limits, control)?;
        if generation.accepted.is_empty() {
            return Err(CalibrationError::AllSimulationsFailed { simulations: generation.simulations });
        }
        let rows: Vec<&[f64]> =
            generation.accepted.iter().flat_map(|p| p.replicates.iter().flatten().map(Vec::as_slice)).collect();
        let metric = Measure::Scaled(Scale::from_simulations(&rows, self.observed.values().len()));
        let rule = self.settings.replicate_rule;
        generation.accepted.iter_mut().for_each(|p| p.measure(&metric, &self.observed, rule));
        let ln: Vec<f64> = generation.accepted.iter().map(|p| p.fraction_within(f64::INFINITY).ln()).collect();
        let failed = CalibrationError::AllSimulationsFailed { simulations: generation.simulations };
        let weights = normalise_ln(&ln).ok_or(failed)?;
        let mut population = Population { particles: Vec::new(), weights, tolerance: f64::INFINITY };
        run.record((0, metric.kind()), f64::INFINITY, &mut generation, Some(&population));
        population.particles = generation.accepted;
        Ok((population, metric, generation.ending))
    }

    /// Generations until a stopping rule holds.
    fn refine(
        &self,
        population: &mut Population,
        stage: (&Measure, Stage),
        floor: &[f64],
        run: &mut Run,
        control: &Hooks,
    ) -> Result<StopReason, CalibrationError> {
        loop {
            if let Some(stop) = self.step(population, stage, floor, run, control)? {
                return Ok(stop);
            }
        }
    }

    /// One more generation with the stage's distance and acceptance floor; `Some(reason)`
    /// when the sequence ends instead.
    fn step(
        &self,
        population: &mut Population,
        (metric, stage): (&Measure, Stage),
        floor: &[f64],
        run: &mut Run,
        control: &Hooks,
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
        let criterion = Some(Criterion { metric, tolerance });
        let limits = Budget {
            budget,
            expected_rate: run.acceptance_rate,
            done: run.simulations,
            training: stage.training,
            min_acceptance: stage.floor,
        };
        let mut result =
            self.run_generation(&Source::previous(population, &kernel), criterion, generation, limits, control)?;
        let next = if 2 * result.accepted.len() >= settings.particles {
            reweight(&result.accepted, population, &kernel, tolerance)
        } else {
            None
        };
        run.record((generation, metric.kind()), tolerance, &mut result, next.as_ref());
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
        metric: &Measure,
        run: Run,
        stop: StopReason,
    ) -> Result<Calibration, CalibrationError> {
        let adjusted = match self.settings.adjustment {
            Adjustment::LocalLinear if population.tolerance.is_finite() => {
                local_linear(&population, metric, &self.observed, self.settings.replicate_rule)
            }
            _ => None,
        }
        .filter(|adjusted| within_reach(adjusted, &population.etas()));
        let projection = if metric.kind() == DistanceKind::Projected { "+projection" } else { "" };
        let adjustment = if adjusted.is_some() { "+local-linear" } else { "" };
        let method = format!("abc-smc{projection}{adjustment}");
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
            method,
            distance: metric.kind(),
            simulations: run.simulations,
            accepted: population.particles.len(),
            acceptance_rate: run.acceptance_rate,
            effective_sample_size: population.effective_sample_size(),
            tolerance: population.tolerance.is_finite().then_some(population.tolerance),
            generations: run.generation,
            stopped_because: stop,
            informative_summaries: metric.scale().informative_entries(),
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

/// Whether the adjusted particles stay within reach of the simulated ones: in each
/// coordinate, no further outside the simulated range than that range is wide. A history
/// far outside what the priors produce makes the linear fit extrapolate (to values no
/// proposal was simulated at, which may be far too large to simulate at all); the final
/// generation is then kept as simulated.
fn within_reach(adjusted: &[Vec<f64>], simulated: &[Vec<f64>]) -> bool {
    let Some(first) = simulated.first() else {
        return false;
    };
    (0..first.len()).all(|k| {
        let (low, high) =
            simulated.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), eta| (lo.min(eta[k]), hi.max(eta[k])));
        let span = (high - low).max(f64::EPSILON);
        adjusted.iter().all(|eta| eta[k].is_finite() && eta[k] >= low - span && eta[k] <= high + span)
    })
}
