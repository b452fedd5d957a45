//! The reseller stream's month (docs/model.md §2-3): arrivals, billing with tier
//! markups and minimums, COGS net of the platform kickback, then churn, upgrades and spend
//! drift at month end.

use crate::distribution::{exp, standard_normal, unit};

use super::arrivals::{Arrivals, growth};
use super::customers::{Bills, Customer, Customers, Drift};
use super::event::EventClock;
use super::mix::pick;
use super::resolve::{DrawnReseller, DrawnSpend};
use super::rng::{Purpose, Streams, entity_id};

/// What the reseller stream did in one month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResellerMonth {
    pub billed: u32,
    pub arrived: u32,
    pub revenue: f64,
    pub cogs: f64,
    /// The platform's kickback, already taken off `cogs`.
    pub kickback: f64,
    pub support_hours: f64,
}

/// The reseller's customers within one trajectory.
#[derive(Debug, Default)]
pub struct ResellerState {
    /// Customers active this month; the renewing ones come first, this month's arrivals last.
    customers: Customers,
    /// Billed customers per tier in the last month.
    pub per_tier: Vec<u32>,
    /// The renewals of the coming month, summed during the last month-end pass, in total
    /// and per tier.
    renewals: Bills,
    renewal_tiers: Vec<u32>,
    arrivals: Arrivals,
}

impl ResellerState {
    /// Starts from the initial base (billed in the first month as renewals); `tenure` is
    /// the bills each tier's initial customers have already had.
    pub fn reset(&mut self, d: &DrawnReseller, initial: &[u32], tenure: &[u32], streams: &Streams) {
        self.customers.clear();
        self.per_tier.clear();
        self.per_tier.resize(d.tiers.len(), 0);
        self.renewals = Bills::default();
        self.renewal_tiers.clear();
        self.renewal_tiers.resize(d.tiers.len(), 0);
        let mut n = 0;
        for (tier, &count) in initial.iter().enumerate() {
            let tenure = tenure.get(tier).copied().unwrap_or(0);
            for _ in 0..count {
                let customer = new_customer(d, streams, entity_id(0, n), Some((tier, tenure)));
                self.renewals.add(&d.tiers, customer.tier, customer.spend, &mut self.renewal_tiers);
                self.customers.push(customer);
                n += 1;
            }
        }
    }

    pub fn active(&self) -> usize {
        self.customers.len()
    }

    /// Runs month `month` (1-based): arrivals, billing and accounting. The transitions
    /// follow with [`ResellerState::end_month`].
    ///
    /// Billing is folded into the passes that already touch every customer: renewals are
    /// summed at the previous month end (after churn, upgrades and drift, which is what the
    /// bill of this month sees), first orders as the newcomers arrive.
    pub fn step(&mut self, month: usize, d: &DrawnReseller, streams: &Streams) -> ResellerMonth {
        let rate = d.arrivals * growth(d.arrivals_growth, month) + d.referral_rate * self.customers.len() as f64;
        let arrived = self.arrivals.draw(rate, streams, Purpose::ResellerArrivals, month as u64);
        let mut bills = std::mem::take(&mut self.renewals);
        let renewal_volume = bills.volume;
        self.per_tier.copy_from_slice(&self.renewal_tiers);
        for n in 0..arrived {
            let customer = new_customer(d, streams, entity_id(month, n), None);
            bills.add(&d.tiers, customer.tier, customer.spend, &mut self.per_tier);
            self.customers.push(customer);
        }
        bills.first_order_volume = bills.volume - renewal_volume;
        self.account(d, &bills, arrived)
    }

    fn account(&self, d: &DrawnReseller, bills: &Bills, arrived: u32) -> ResellerMonth {
        let renewal_rate = if bills.volume >= d.premium_volume { d.kickback_premium } else { d.kickback_recurring };
        let first = bills.first_order_volume;
        let kickback = d.kickback_first_order * first + renewal_rate * (bills.volume - first);
        ResellerMonth {
            billed: self.customers.len() as u32,
            arrived,
            revenue: bills.revenue,
            cogs: bills.volume - kickback,
            kickback,
            support_hours: bills.support_hours,
        }
    }

    /// Month end: churn, then upgrades and spend drift for the survivors, whose next bill is
    /// summed on the way. Not needed after the horizon's last month.
    pub fn end_month(&mut self, d: &DrawnReseller) {
        let mut renewals = Bills::default();
        self.renewal_tiers.iter_mut().for_each(|c| *c = 0);
        let drift = Drift { volatility: d.spend_volatility, drift: d.spend_drift };
        self.customers.end_month(&d.tiers, drift, &mut renewals, &mut self.renewal_tiers);
        self.renewals = renewals;
    }
}

/// A customer with its draws at arrival, in a fixed order: churn threshold, tier (arrivals
/// only), spend, then its own churn rate (which may take a varying number of draws). An
/// initial customer comes with its tier and the bills it has already had.
fn new_customer(d: &DrawnReseller, streams: &Streams, id: u64, initial: Option<(usize, u32)>) -> Customer {
    let entity = streams.entity(Purpose::Customer, id);
    let mut traits = entity.traits();
    let churns = EventClock::new(unit(&mut traits));
    let (tier, tenure) = match initial {
        Some(initial) => initial,
        None => (pick(&d.cumulative_mix, unit(&mut traits)), 0),
    };
    let spend = match d.tiers[tier].spend {
        DrawnSpend::Fixed(v) => v,
        DrawnSpend::LogNormal { median, sigma } => median * exp(sigma * standard_normal(&mut traits)),
    };
    let (churn, _) = d.churn.draw(&mut traits, tenure);
    let mut upgrades = entity.upgrades();
    let upgrade = EventClock::new(unit(&mut upgrades));
    Customer { tier, spend, churn, churns, upgrade, upgrades, life: entity.life() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::resolve::{Drawn, Resolver};
    use crate::scenario::parse;

    const HIGH_CHURN: &str = r#"
name = "Month-end test"
horizon_months = 12
[reseller]
initial_customers = { starter = 20, growth = 8, studio = 2 }
arrivals = 3
arrival_mix = { starter = 0.6, growth = 0.3, studio = 0.1 }
churn = 0.3
spend_growth = 0.02
spend_volatility = 0.2
[reseller.tiers.starter]
markup = 0.15
minimum = 50
spend = { median = 120, ci90 = [60, 300] }
support_hours = 0.15
upgrade = { to = "growth", probability = 0.6, within_months = 2 }
[reseller.tiers.growth]
markup = 0.20
minimum = 200
spend = { median = 400, ci90 = [200, 900] }
support_hours = 0.30
upgrade = { to = "studio", probability = 0.3, within_months = 2 }
[reseller.tiers.studio]
markup = 0.25
minimum = 500
spend = { median = 1000, ci90 = [500, 2500] }
support_hours = 0.60
"#;

    /// The model's month end for one customer, as the engine once ran it customer by
    /// customer: churn, then upgrade and spend drift if it stays. Whether it stays.
    fn survive(c: &mut Customer, d: &DrawnReseller) -> bool {
        if c.churns.tick(c.churn) {
            return false;
        }
        let tier = &d.tiers[c.tier];
        if c.upgrade.tick(tier.upgrade_hazard) {
            c.spend = tier.upgraded_spend(c.spend);
            c.tier = tier.upgrade_to;
            c.upgrade = EventClock::new(unit(&mut c.upgrades));
        }
        let sigma = d.spend_volatility;
        c.spend *= if sigma > 0.0 { d.spend_drift * exp(sigma * standard_normal(&mut c.life)) } else { d.spend_drift };
        true
    }

    #[test]
    fn the_month_end_in_passes_equals_one_customer_at_a_time() {
        // 30% churn and fast upgrades: churns come first, last, in runs and not at all, and
        // customers move up two tiers; the passes must keep the survivors, in order, with
        // the numbers one customer at a time gives (`retain_mut` with the model's rule), bit
        // for bit, and sum their next bills. Without volatility too.
        for text in [HIGH_CHURN.to_string(), HIGH_CHURN.replace("spend_volatility = 0.2", "spend_volatility = 0")] {
            let scenario = parse(&text, "test").unwrap();
            let s = scenario.reseller().unwrap();
            let (mut moved, mut upgraded) = (0, 0);
            for trajectory in 0..200 {
                let streams = Streams::new(7, trajectory);
                let drawn = Drawn::new(&scenario, &Resolver::new(&scenario, &streams, &[]));
                let d = drawn.reseller.as_ref().unwrap();
                let mut state = ResellerState::default();
                state.reset(d, &s.initial_customers, &s.initial_tenure, &streams);
                for month in 1..=12 {
                    state.step(month, d, &streams);
                    let mut expected: Vec<Customer> =
                        (0..state.customers.len()).map(|i| state.customers.get(i)).collect();
                    let before = expected.clone();
                    expected.retain_mut(|c| survive(c, d));
                    moved += usize::from(expected.len() < before.len());
                    upgraded += expected
                        .iter()
                        .filter(|c| before.iter().all(|b| b.upgrades != c.upgrades || b.tier != c.tier))
                        .count();
                    state.end_month(d);
                    let got: Vec<Customer> = (0..state.customers.len()).map(|i| state.customers.get(i)).collect();
                    assert_eq!(got, expected, "trajectory {trajectory}, month {month}");
                    let mut bills = Bills::default();
                    let mut per_tier = vec![0; d.tiers.len()];
                    expected.iter().for_each(|c| bills.add(&d.tiers, c.tier, c.spend, &mut per_tier));
                    assert_eq!(state.renewals, bills);
                    assert_eq!(state.renewal_tiers, per_tier);
                }
            }
            assert!(moved > 1000 && upgraded > 100, "too few churns or upgrades to test: {moved}, {upgraded}");
        }
    }
}
