//! One trajectory from start to horizon: each month the reseller's and the affiliate's
//! month (docs/model.md §2), the month end, hours, gross profit, the money that leaves
//! (§10), and the month's record, written straight into the run's block: the stored
//! metrics that take memory, then tiers, plans and named programmes.
//!
//! The bookkeeping follows the parts the scenario has, decided once per run ([`Recipe`]):
//! without costs net profit is gross profit and no fee is computed; rows that are zero by
//! construction or share their twin's place are not written.

use crate::metric::Stored;
use crate::scenario::Scenario;

use super::affiliate::{AffiliateMonth, AffiliateState};
use super::layout::{Layout, Place, ProgrammeRow};
use super::money::{self, NetMonth};
use super::record::{BlockWriter, StoredValues};
use super::reseller::{ResellerMonth, ResellerState};
use super::resolve::Drawn;
use super::rng::Streams;

/// Where a month's values go, decided once per run from the layout.
#[derive(Debug, Clone)]
struct Recipe {
    /// Stored amounts that take memory: (metric, column).
    amounts: Vec<(Stored, usize)>,
    /// Stored counts that take memory: (metric, column).
    counts: Vec<(Stored, usize)>,
    /// Column of each tier's customer count and each plan's subscriber count.
    tiers: Vec<usize>,
    plans: Vec<usize>,
    /// Each named programme's columns: subscribers (a count), earned and paid (amounts).
    programmes: Vec<[usize; 3]>,
    /// Stored metrics that are zero by construction (checked in debug builds).
    zero: Vec<Stored>,
}

impl Recipe {
    fn new(layout: &Layout) -> Self {
        let column = |row: usize| match layout.place(row) {
            Place::Amount(slot) | Place::Count(slot) => slot,
            Place::Zero => usize::MAX,
        };
        let written: Vec<(usize, Place)> = layout.written().collect();
        let stored = |row: usize| Stored::ALL.get(row).copied();
        let count_rows = |kind: fn(&super::Row) -> bool| -> Vec<usize> {
            layout.rows.iter().enumerate().filter(|(_, r)| kind(r)).map(|(row, _)| column(row)).collect()
        };
        Self {
            amounts: written
                .iter()
                .filter_map(|&(row, place)| match place {
                    Place::Amount(slot) => stored(row).map(|s| (s, slot)),
                    _ => None,
                })
                .collect(),
            counts: written
                .iter()
                .filter_map(|&(row, place)| match place {
                    Place::Count(slot) => stored(row).map(|s| (s, slot)),
                    _ => None,
                })
                .collect(),
            tiers: count_rows(|r| matches!(r, super::Row::TierCustomers(_))),
            plans: count_rows(|r| matches!(r, super::Row::PlanSubscribers(_))),
            programmes: (0..layout.programmes())
                .map(|p| ProgrammeRow::ALL.map(|metric| column(layout.programme_row(p, metric))))
                .collect(),
            zero: Stored::ALL.iter().copied().filter(|&s| layout.is_zero(Layout::row(s))).collect(),
        }
    }
}

/// Reusable per-worker state for one trajectory at a time.
pub(super) struct Trajectory {
    reseller: ResellerState,
    affiliate: AffiliateState,
    recipe: Recipe,
    /// Each programme's cash this month (for the payout fees).
    payouts: Vec<f64>,
}

impl Trajectory {
    pub(super) fn new(layout: &Layout) -> Self {
        Self {
            reseller: ResellerState::default(),
            affiliate: AffiliateState::default(),
            recipe: Recipe::new(layout),
            payouts: Vec::new(),
        }
    }

    /// Runs one trajectory and writes it as the `k`-th of `out`.
    pub(super) fn run(
        &mut self,
        scenario: &Scenario,
        streams: &Streams,
        drawn: &Drawn,
        out: &mut BlockWriter,
        k: usize,
    ) {
        let streams = *streams;
        if let (Some(d), Some(s)) = (&drawn.reseller, &scenario.reseller()) {
            self.reseller.reset(d, &s.initial_customers, &s.initial_tenure, &streams);
        }
        if let (Some(d), Some(s)) = (&drawn.affiliate, &scenario.affiliate()) {
            self.affiliate.reset(d, s, (scenario.start_month(), scenario.horizon_months()), &streams);
        }
        let programmes = self.recipe.programmes.len();
        out.programme_first_payout[k * programmes..(k + 1) * programmes].fill(0);
        let (mut cumulative_profit, mut cumulative_net, mut cumulative_hours) = (0.0, 0.0, 0.0);
        let mut first_payout = 0u16;
        for m in 0..scenario.horizon_months() {
            let month = m + 1;
            let r = drawn.reseller.as_ref().map(|d| self.reseller.step(month, d, &streams)).unwrap_or_default();
            let a = match (&drawn.affiliate, &scenario.affiliate()) {
                (Some(d), Some(s)) => self.affiliate.step(month, d, s, &streams),
                _ => AffiliateMonth::default(),
            };
            // Nothing reads the state after the last month: its month end is skipped.
            if month < scenario.horizon_months() {
                if let Some(d) = &drawn.reseller {
                    self.reseller.end_month(d);
                }
                if let Some(d) = &drawn.affiliate {
                    self.affiliate.end_month(d);
                }
            }
            let hours = hours(scenario, drawn, m, &r, &a);
            let profit = r.revenue - r.cogs + a.earned;
            let net = match &drawn.costs {
                None => NetMonth { net_profit: profit, ..NetMonth::default() },
                Some(costs) => {
                    self.payouts.clear();
                    self.payouts.extend(self.affiliate.months.iter().map(|p| p.paid));
                    money::settle(Some(costs), m, profit, &r, &self.payouts)
                }
            };
            cumulative_profit += profit;
            cumulative_net += net.net_profit;
            cumulative_hours += hours;
            if first_payout == 0 && a.paid > 0.0 {
                first_payout = month as u16;
            }
            let mut values = StoredValues::default();
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
            self.record(&values, (&r, &a), month, out, k);
        }
        out.first_payout[k] = first_payout;
    }

    /// Writes month `month` (1-based) of trajectory `k`: the stored metrics that take
    /// memory, then tiers, plans and named programmes (whose first payouts are noted).
    fn record(
        &self,
        values: &StoredValues,
        (r, a): (&ResellerMonth, &AffiliateMonth),
        month: usize,
        out: &mut BlockWriter,
        k: usize,
    ) {
        let m = month - 1;
        let recipe = &self.recipe;
        for &(stored, slot) in &recipe.amounts {
            out.amount(slot, m, k, values[stored]);
        }
        for &(stored, slot) in &recipe.counts {
            let count = match stored {
                Stored::ActiveCustomers => r.billed,
                Stored::NewCustomers => r.arrived,
                _ => a.billed,
            };
            out.count(slot, m, k, count);
        }
        debug_assert!(recipe.zero.iter().all(|&s| values[s] == 0.0), "a zero row got a value: {values:?}");
        for (&slot, &count) in recipe.tiers.iter().zip(&self.reseller.per_tier) {
            out.count(slot, m, k, count);
        }
        for (&slot, count) in recipe.plans.iter().zip(self.affiliate.per_plan()) {
            out.count(slot, m, k, count);
        }
        let programmes = recipe.programmes.len();
        for (p, (columns, numbers)) in recipe.programmes.iter().zip(&self.affiliate.months).enumerate() {
            out.count(columns[0], m, k, numbers.billed);
            out.amount(columns[1], m, k, numbers.earned);
            out.amount(columns[2], m, k, numbers.paid);
            let first = &mut out.programme_first_payout[k * programmes + p];
            if *first == 0 && numbers.paid > 0.0 {
                *first = month as u16;
            }
        }
    }
}

/// Fixed, setup (by calendar month, docs/model.md §5.2), onboarding, support, content and
/// per-piece hours of month `m` (0-based).
fn hours(scenario: &Scenario, drawn: &Drawn, m: usize, r: &ResellerMonth, a: &AffiliateMonth) -> f64 {
    let e = &drawn.effort;
    let setup = scenario.effort().setup_hours.get(scenario.start_month() as usize - 1 + m).copied().unwrap_or(0.0);
    let pieces = drawn.affiliate.as_ref().map_or(0.0, |d| d.hours_per_piece * f64::from(a.pieces));
    e.fixed_hours + setup + e.onboarding_hours * f64::from(r.arrived) + r.support_hours + e.content_hours + pieces
}
