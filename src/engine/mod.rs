//! The Monte Carlo engine: [`simulate`] runs every trajectory of a scenario in parallel and
//! returns their monthly records.
//!
//! The engine is pure: values in, values out. Trajectory `i` depends only on (seed, i), and
//! blocks of trajectories are collected in index order, so the result is identical for any
//! number of threads. Progress and cancellation reach the caller through [`Control`].

pub mod affiliate;
pub mod arrivals;
pub mod event;
pub mod money;
pub mod record;
pub mod reseller;
pub mod resolve;
pub mod rng;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use thiserror::Error;

use crate::metric::Stored;
use crate::scenario::Scenario;

use affiliate::AffiliateState;
pub use record::{Block, Layout, MonthValues, Outcomes, Parts, Row, StoredValues};
use reseller::ResellerState;
pub use resolve::Pins;
use resolve::{Drawn, Resolver};
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
    let shared = shared_parameters(scenario, control.pins);
    let blocks = count.div_ceil(BLOCK_SIZE);
    let blocks: Vec<Block> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(Cancelled);
            }
            let start = b * BLOCK_SIZE;
            let len = BLOCK_SIZE.min(count - start);
            let block = simulate_block(scenario, &layout, first + start, len, control.pins, shared.as_ref());
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
    let parts = Parts {
        tiers: scenario.reseller.as_ref().map(|r| r.tiers.len()),
        plans: scenario.affiliate.as_ref().map(|a| a.plans.len()),
        costs: scenario.costs.is_some(),
        kickback: scenario.reseller.as_ref().is_some_and(|r| r.kickback.can_be_positive()),
    };
    Layout::new(scenario.horizon_months, parts)
}

/// The parameters of every trajectory when none of them is uncertain: resolved once per
/// run instead of once per trajectory (the resolver then draws nothing, so the values are
/// the same as resolving them per trajectory).
pub fn shared_parameters(scenario: &Scenario, pins: &Pins) -> Option<Drawn> {
    scenario
        .uncertain_parameters()
        .is_empty()
        .then(|| Drawn::new(scenario, &Resolver { streams: &Streams::new(scenario.seed, 0), pins }))
}

/// Simulates trajectories `start..start + len` into one block.
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
    let mut trajectory = Trajectory::new(layout);
    for k in 0..len {
        let index = (start + k) as u64;
        let streams = Streams::new(scenario.seed, index);
        match shared {
            Some(drawn) => trajectory.run(scenario, layout, &streams, drawn, &mut block, k),
            None => {
                let drawn = Drawn::new(scenario, &Resolver { streams: &streams, pins });
                trajectory.run(scenario, layout, &streams, &drawn, &mut block, k);
            }
        }
    }
    block
}

/// Reusable per-worker state for one trajectory at a time.
struct Trajectory {
    reseller: ResellerState,
    affiliate: AffiliateState,
    /// Row of each plan's subscriber count, looked up once.
    plan_rows: Vec<usize>,
    /// One month's values, one per row of the layout.
    month_values: MonthValues,
}

impl Trajectory {
    fn new(layout: &Layout) -> Self {
        let plans = layout.rows.iter().filter(|r| matches!(r, Row::PlanSubscribers(_))).count();
        Self {
            reseller: ResellerState::default(),
            affiliate: AffiliateState::default(),
            plan_rows: (0..plans).map(|p| layout.plan_row(p)).collect(),
            month_values: MonthValues::new(layout),
        }
    }

    fn run(
        &mut self,
        scenario: &Scenario,
        layout: &Layout,
        streams: &Streams,
        drawn: &Drawn,
        out: &mut Block,
        k: usize,
    ) {
        let streams = *streams;
        if let (Some(d), Some(s)) = (&drawn.reseller, &scenario.reseller) {
            self.reseller.reset(d, &s.initial_customers, &s.initial_tenure, &streams);
        }
        if let (Some(d), Some(s)) = (&drawn.affiliate, &scenario.affiliate) {
            self.affiliate.reset(d, &s.initial_subscribers, &s.initial_tenure, s.initial_balance, &streams);
        }
        let (mut cumulative_profit, mut cumulative_net, mut cumulative_hours) = (0.0, 0.0, 0.0);
        let mut first_payout = 0u16;
        for m in 0..scenario.horizon_months {
            let month = m + 1;
            let r = drawn.reseller.as_ref().map(|d| self.reseller.step(month, d, &streams)).unwrap_or_default();
            let a = drawn.affiliate.as_ref().map(|d| self.affiliate.step(month, d, &streams)).unwrap_or_default();
            // Nothing reads the state after the last month: its month end is skipped.
            if month < scenario.horizon_months {
                if let Some(d) = &drawn.reseller {
                    self.reseller.end_month(d);
                }
                if let Some(d) = &drawn.affiliate {
                    self.affiliate.end_month(d);
                }
            }
            let e = &drawn.effort;
            // Setup hours are indexed by calendar month (docs/model.md §5.2).
            let setup = scenario.effort.setup_hours.get(scenario.start_month as usize - 1 + m).copied().unwrap_or(0.0);
            let hours =
                e.fixed_hours + setup + e.onboarding_hours * f64::from(r.arrived) + r.support_hours + e.content_hours;
            let profit = r.revenue - r.cogs + a.earned;
            let net = money::settle(drawn.costs.as_ref(), m, profit, &r, &a);
            cumulative_profit += profit;
            cumulative_net += net.net_profit;
            cumulative_hours += hours;
            if first_payout == 0 && a.paid > 0.0 {
                first_payout = month as u16;
            }
            let mut values = StoredValues::default();
            values[Stored::ActiveCustomers] = f64::from(r.billed);
            values[Stored::NewCustomers] = f64::from(r.arrived);
            values[Stored::Subscribers] = f64::from(a.billed);
            values[Stored::Revenue] = r.revenue;
            values[Stored::Cogs] = r.cogs;
            values[Stored::CommissionEarned] = a.earned;
            values[Stored::CommissionPaid] = a.paid;
            values[Stored::Kickback] = r.kickback;
            values[Stored::GrossProfit] = profit;
            values[Stored::CumulativeGrossProfit] = cumulative_profit;
            values[Stored::PaymentFees] = net.payment_fees;
            values[Stored::PayoutFees] = net.payout_fees;
            values[Stored::Costs] = net.costs;
            values[Stored::Tax] = net.tax;
            values[Stored::NetProfit] = net.net_profit;
            values[Stored::CumulativeNetProfit] = cumulative_net;
            values[Stored::Hours] = hours;
            values[Stored::CumulativeHours] = cumulative_hours;
            let row_values = &mut self.month_values;
            row_values.set_stored(&values);
            for (tier, &count) in self.reseller.per_tier.iter().enumerate() {
                row_values.set_row(layout.tier_row(tier), f64::from(count));
            }
            for (&row, &count) in self.plan_rows.iter().zip(&self.affiliate.per_plan) {
                row_values.set_row(row, f64::from(count));
            }
            out.record(m, k, row_values.as_slice());
        }
        out.first_payout[k] = first_payout;
    }
}
