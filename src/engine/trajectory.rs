//! One trajectory from start to horizon: each month the reseller's and the affiliate's
//! month (docs/model.md §2), the month end, hours, gross profit, the money that leaves
//! (§10), and the month's record, totals first, then tiers, plans and named programmes.

use crate::metric::Stored;
use crate::scenario::Scenario;

use super::affiliate::{AffiliateMonth, AffiliateState};
use super::money;
use super::record::{Block, Layout, MonthValues, ProgrammeRow, StoredValues};
use super::reseller::{ResellerMonth, ResellerState};
use super::resolve::Drawn;
use super::rng::Streams;

/// Reusable per-worker state for one trajectory at a time.
pub(super) struct Trajectory {
    reseller: ResellerState,
    affiliate: AffiliateState,
    /// Row of each plan's subscriber count, looked up once.
    plan_rows: Vec<usize>,
    /// Each named programme's rows, looked up once.
    programme_rows: Vec<[usize; 3]>,
    /// One month's values, one per row of the layout.
    month_values: MonthValues,
    /// Each programme's cash this month (for the payout fees).
    payouts: Vec<f64>,
}

impl Trajectory {
    pub(super) fn new(layout: &Layout) -> Self {
        let plans = layout.rows.iter().filter(|r| matches!(r, super::Row::PlanSubscribers(_))).count();
        Self {
            reseller: ResellerState::default(),
            affiliate: AffiliateState::default(),
            plan_rows: (0..plans).map(|p| layout.plan_row(p)).collect(),
            programme_rows: (0..layout.programmes())
                .map(|p| ProgrammeRow::ALL.map(|metric| layout.programme_row(p, metric)))
                .collect(),
            month_values: MonthValues::new(layout),
            payouts: Vec::new(),
        }
    }

    pub(super) fn run(
        &mut self,
        scenario: &Scenario,
        layout: &Layout,
        streams: &Streams,
        drawn: &Drawn,
        out: &mut Block,
        k: usize,
    ) {
        let streams = *streams;
        if let (Some(d), Some(s)) = (&drawn.reseller, &scenario.reseller()) {
            self.reseller.reset(d, &s.initial_customers, &s.initial_tenure, &streams);
        }
        if let (Some(d), Some(s)) = (&drawn.affiliate, &scenario.affiliate()) {
            self.affiliate.reset(d, s, (scenario.start_month(), scenario.horizon_months()), &streams);
        }
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
            let hours = self.hours(scenario, drawn, m, &r, &a);
            let profit = r.revenue - r.cogs + a.earned;
            self.payouts.clear();
            self.payouts.extend(self.affiliate.months.iter().map(|p| p.paid));
            let net = money::settle(drawn.costs.as_ref(), m, profit, &r, &self.payouts);
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
            self.record_parts(&values, layout, month, out, k);
            out.record(m, k, self.month_values.as_slice());
        }
        out.first_payout[k] = first_payout;
    }

    /// Fixed, setup (by calendar month, docs/model.md §5.2), onboarding, support, content
    /// and per-piece hours of month `m` (0-based).
    fn hours(&self, scenario: &Scenario, drawn: &Drawn, m: usize, r: &ResellerMonth, a: &AffiliateMonth) -> f64 {
        let e = &drawn.effort;
        let setup = scenario.effort().setup_hours.get(scenario.start_month() as usize - 1 + m).copied().unwrap_or(0.0);
        let pieces = drawn.affiliate.as_ref().map_or(0.0, |d| d.hours_per_piece * f64::from(a.pieces));
        e.fixed_hours + setup + e.onboarding_hours * f64::from(r.arrived) + r.support_hours + e.content_hours + pieces
    }

    /// The month's values: the stored metrics, then tiers, plans and named programmes (whose
    /// first payouts are noted on the way).
    fn record_parts(&mut self, values: &StoredValues, layout: &Layout, month: usize, out: &mut Block, k: usize) {
        let row_values = &mut self.month_values;
        row_values.set_stored(values);
        for (tier, &count) in self.reseller.per_tier.iter().enumerate() {
            row_values.set_row(layout.tier_row(tier), f64::from(count));
        }
        for (&row, count) in self.plan_rows.iter().zip(self.affiliate.per_plan()) {
            row_values.set_row(row, f64::from(count));
        }
        let programmes = self.programme_rows.len();
        for (p, (rows, numbers)) in self.programme_rows.iter().zip(&self.affiliate.months).enumerate() {
            row_values.set_row(rows[0], f64::from(numbers.billed));
            row_values.set_row(rows[1], numbers.earned);
            row_values.set_row(rows[2], numbers.paid);
            let first = &mut out.programme_first_payout[k * programmes + p];
            if *first == 0 && numbers.paid > 0.0 {
                *first = month as u16;
            }
        }
    }
}
