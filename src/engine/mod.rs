//! The Monte Carlo engine: [`simulate`] runs every trajectory of a scenario in parallel and
//! returns their monthly records.
//!
//! The engine is pure: values in, values out. Trajectory `i` depends only on (seed, i), and
//! each is written to its own place in the run's one [`Block`], so the result is identical
//! for any number of threads. Progress and cancellation reach the caller through [`Control`].

pub mod affiliate;
mod arena;
pub mod arrivals;
pub mod content;
mod customers;
pub mod event;
pub mod layout;
mod mix;
pub mod money;
pub mod outcomes;
pub mod programme;
pub mod record;
pub mod reseller;
pub mod resolve;
pub mod rng;
mod trajectory;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use thiserror::Error;

use crate::scenario::Scenario;

pub use layout::{Layout, Parts, Place, ProgrammeRow, Row};
pub use outcomes::Outcomes;
pub use record::{BLOCK_SIZE, Block, BlockView, BlockWriter, Column, StoredValues};
pub use resolve::Pins;
use resolve::{Drawn, Resolver};
use rng::Streams;
use trajectory::Trajectory;

/// Hooks the caller may supply; the default does nothing.
#[derive(Default)]
pub struct Control<'a> {
    /// Called after each block with the number of trajectories it completed.
    pub progress: Option<&'a (dyn Fn(usize) + Sync)>,
    /// Checked before each block; when set, the run stops with [`Cancelled`].
    pub cancel: Option<&'a AtomicBool>,
    /// Parameters pinned to a value in every trajectory (sensitivity analysis).
    pub pins: &'a Pins,
}

/// Runs simulations on behalf of an analysis, with progress and cancellation: the CLI's
/// monitor shows a progress bar and turns Ctrl-C into [`Cancelled`]; [`Unmonitored`] does
/// nothing. The engine itself never prints.
pub trait Monitor {
    /// Runs `work`, a simulation of about `trajectories` trajectories described by `label`,
    /// handing it the [`Control`] to report progress to and to check for cancellation.
    ///
    /// # Errors
    /// [`Cancelled`] when the run was stopped.
    fn watch<T>(
        &self,
        label: &str,
        trajectories: usize,
        work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
    ) -> Result<T, Cancelled>;
}

/// A [`Monitor`] that shows nothing and never cancels (tests, benchmarks, libraries).
#[derive(Debug, Clone, Copy, Default)]
pub struct Unmonitored;

impl Monitor for Unmonitored {
    fn watch<T>(
        &self,
        _label: &str,
        _trajectories: usize,
        work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
    ) -> Result<T, Cancelled> {
        work(&Control::default())
    }
}

/// The run was cancelled through [`Control::cancel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the simulation was cancelled")]
pub struct Cancelled;

/// Simulates all of the scenario's trajectories.
///
/// # Errors
/// [`Cancelled`] when the caller's cancel flag was raised.
pub fn simulate(scenario: &Scenario, control: &Control<'_>) -> Result<Outcomes, Cancelled> {
    simulate_range(scenario, 0, scenario.trajectories(), control)
}

/// Simulates trajectories `first..first + count` into one block: one allocation for the
/// run, filled in parallel by [`BLOCK_SIZE`] trajectories at a time (aligned to `first`).
///
/// # Errors
/// [`Cancelled`] when the caller's cancel flag was raised.
pub fn simulate_range(
    scenario: &Scenario,
    first: usize,
    count: usize,
    control: &Control<'_>,
) -> Result<Outcomes, Cancelled> {
    let layout = layout(scenario);
    let shared = shared_parameters(scenario, control.pins);
    let mut block = Block::new(first, count, &layout);
    block.prefault();
    block
        .writers(BLOCK_SIZE)
        .into_par_iter()
        .map(|mut writer| {
            if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(Cancelled);
            }
            simulate_into(scenario, &layout, &mut writer, control.pins, shared.as_ref());
            if let Some(progress) = control.progress {
                progress(writer.len);
            }
            Ok(())
        })
        .collect::<Result<(), _>>()?;
    Ok(Outcomes { layout, trajectories: count, blocks: vec![block] })
}

/// The rows a scenario's runs record.
pub fn layout(scenario: &Scenario) -> Layout {
    let parts = Parts {
        tiers: scenario.reseller().map(|r| r.tiers.len()),
        plans: scenario.affiliate().map(|a| a.plans().count()),
        programmes: scenario.affiliate().filter(|a| a.named).map_or(0, |a| a.programmes.len()),
        costs: scenario.costs().is_some(),
        kickback: scenario.reseller().is_some_and(|r| r.kickback.can_be_positive()),
    };
    Layout::new(scenario.horizon_months(), parts)
}

/// The parameters of every trajectory when none of them is uncertain: resolved once per
/// run instead of once per trajectory (the resolver then draws nothing, so the values are
/// the same as resolving them per trajectory).
pub fn shared_parameters(scenario: &Scenario, pins: &Pins) -> Option<Drawn> {
    scenario
        .uncertain_parameters()
        .is_empty()
        .then(|| Drawn::new(scenario, &Resolver::new(scenario, &Streams::new(scenario.seed(), 0), pins)))
}

/// Simulates trajectories `start..start + len` into a block of their own.
///
/// `shared` is the result of [`shared_parameters`] for this scenario and `pins`.
pub fn simulate_block(
    scenario: &Scenario,
    layout: &Layout,
    start: usize,
    len: usize,
    pins: &Pins,
    shared: Option<&Drawn>,
) -> Block {
    let mut block = Block::new(start, len, layout);
    for mut writer in block.writers(len) {
        simulate_into(scenario, layout, &mut writer, pins, shared);
    }
    block
}

/// Simulates the trajectories a writer holds (`writer.start..writer.start + writer.len`),
/// overwriting whatever it held before.
///
/// `shared` is the result of [`shared_parameters`] for this scenario and `pins`.
pub fn simulate_into(
    scenario: &Scenario,
    layout: &Layout,
    writer: &mut BlockWriter<'_>,
    pins: &Pins,
    shared: Option<&Drawn>,
) {
    let mut trajectory = Trajectory::new(layout);
    for k in 0..writer.len {
        let index = (writer.start + k) as u64;
        let streams = Streams::new(scenario.seed(), index);
        match shared {
            Some(drawn) => trajectory.run(scenario, &streams, drawn, writer, k),
            None => {
                let drawn = Drawn::new(scenario, &Resolver::new(scenario, &streams, pins));
                trajectory.run(scenario, &streams, &drawn, writer, k);
            }
        }
    }
}
