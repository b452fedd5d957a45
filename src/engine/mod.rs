//! The Monte Carlo engine: [`simulate`] runs every trajectory of a scenario in parallel and
//! returns their monthly records.
//!
//! The engine is pure: values in, values out. Trajectory `i` depends only on (seed, i), and
//! blocks of trajectories are collected in index order, so the result is identical for any
//! number of threads. Progress and cancellation reach the caller through [`Control`].

pub mod affiliate;
pub mod arrivals;
pub mod record;
pub mod reseller;
pub mod resolve;
pub mod rng;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use thiserror::Error;

use crate::metric::Metric;
use crate::scenario::Scenario;

use affiliate::AffiliateState;
pub use record::{Block, Layout, Outcomes, Row};
use reseller::ResellerState;
use resolve::{Drawn, Pins, Resolver};
use rng::Streams;

/// Trajectories per block: the unit of parallel work, progress and cancellation.
pub const BLOCK_SIZE: usize = 1024;

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

/// The run was cancelled through [`Control::cancel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the simulation was cancelled")]
pub struct Cancelled;

/// Simulates all of the scenario's trajectories.
///
/// # Errors
/// [`Cancelled`] when the caller's cancel flag was raised.
pub fn simulate(scenario: &Scenario, control: &Control<'_>) -> Result<Outcomes, Cancelled> {
    simulate_range(scenario, 0, scenario.trajectories, control)
}

/// Simulates trajectories `first..first + count` (blocks aligned to `first`).
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
    let blocks = count.div_ceil(BLOCK_SIZE);
    let blocks: Vec<Block> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(Cancelled);
            }
            let start = b * BLOCK_SIZE;
            let len = BLOCK_SIZE.min(count - start);
            let block = simulate_block(scenario, &layout, first + start, len, control.pins);
            if let Some(progress) = control.progress {
                progress(len);
            }
            Ok(block)
        })
        .collect::<Result<_, _>>()?;
    Ok(Outcomes { layout, trajectories: count, blocks })
}

/// The rows a scenario's runs record.
pub fn layout(scenario: &Scenario) -> Layout {
    let tiers = scenario.reseller.as_ref().map_or(0, |r| r.tiers.len());
    let plans = scenario.affiliate.as_ref().map_or(0, |a| a.plans.len());
    Layout::new(scenario.horizon_months, tiers, plans)
}

fn simulate_block(scenario: &Scenario, layout: &Layout, start: usize, len: usize, pins: &Pins) -> Block {
    let mut block = Block::new(start, len, layout);
    let mut trajectory = Trajectory::default();
    for k in 0..len {
        trajectory.run(scenario, layout, (start + k) as u64, pins, &mut block, k);
    }
    block
}

/// Reusable per-worker state for one trajectory at a time.
#[derive(Default)]
struct Trajectory {
    reseller: ResellerState,
    affiliate: AffiliateState,
}

/// Row indices of the stored metrics, resolved once.
fn row(metric: Metric) -> usize {
    Layout::metric_row(metric).unwrap_or(usize::MAX)
}

impl Trajectory {
    fn run(&mut self, scenario: &Scenario, layout: &Layout, index: u64, pins: &Pins, out: &mut Block, k: usize) {
        let streams = Streams::new(scenario.seed, index);
        let drawn = Drawn::new(scenario, &Resolver { streams: &streams, pins });
        if let (Some(d), Some(s)) = (&drawn.reseller, &scenario.reseller) {
            self.reseller.reset(d, &s.initial_customers, &streams);
        }
        if let (Some(d), Some(s)) = (&drawn.affiliate, &scenario.affiliate) {
            self.affiliate.reset(d, &s.initial_subscribers, s.initial_balance, &streams);
        }
        let (mut cumulative_profit, mut cumulative_hours) = (0.0, 0.0);
        let mut first_payout = 0u16;
        for m in 0..scenario.horizon_months {
            let month = m + 1;
            let r = drawn.reseller.as_ref().map(|d| self.reseller.step(month, d, &streams)).unwrap_or_default();
            let a = drawn.affiliate.as_ref().map(|d| self.affiliate.step(month, d, &streams)).unwrap_or_default();
            let e = &drawn.effort;
            let setup = scenario.effort.setup_hours.get(m).copied().unwrap_or(0.0);
            let hours =
                e.fixed_hours + setup + e.onboarding_hours * f64::from(r.arrived) + r.support_hours + e.content_hours;
            let profit = r.revenue - r.cogs + a.earned;
            cumulative_profit += profit;
            cumulative_hours += hours;
            if first_payout == 0 && a.paid > 0.0 {
                first_payout = month as u16;
            }
            let values = [
                (Metric::ActiveCustomers, f64::from(r.billed)),
                (Metric::NewCustomers, f64::from(r.arrived)),
                (Metric::Subscribers, f64::from(a.billed)),
                (Metric::Revenue, r.revenue),
                (Metric::Cogs, r.cogs),
                (Metric::CommissionEarned, a.earned),
                (Metric::CommissionPaid, a.paid),
                (Metric::GrossProfit, profit),
                (Metric::CumulativeGrossProfit, cumulative_profit),
                (Metric::Hours, hours),
                (Metric::CumulativeHours, cumulative_hours),
            ];
            for (metric, value) in values {
                out.set(row(metric), m, k, value);
            }
            for (tier, &count) in self.reseller.per_tier.iter().enumerate() {
                out.set(layout.tier_row(tier), m, k, f64::from(count));
            }
            for (plan, &count) in self.affiliate.per_plan.iter().enumerate() {
                out.set(layout.plan_row(plan), m, k, f64::from(count));
            }
        }
        out.first_payout[k] = first_payout;
    }
}
