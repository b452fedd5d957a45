//! The reseller's customers of one trajectory and their month end (docs/model.md §2-3) in
//! three passes: churn, upgrades and the normal draw of each survivor's spend noise; `exp`
//! of all the draws at once (two per instruction); the drift and the next month's bills.
//! Every pass does for each customer what the model does for one customer, in the model's
//! order for that customer, and each customer draws from its own streams, so the numbers
//! are those of one customer at a time, bit for bit.

use rand_xoshiro::SplitMix64;

use crate::distribution::{exp_in_place, standard_normal, unit};

use super::event::EventClock;
use super::resolve::DrawnTier;
use super::rng::StreamRng;

/// One reseller customer as drawn at arrival.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Customer {
    pub tier: usize,
    /// Monthly platform spend at platform prices.
    pub spend: f64,
    /// Monthly churn probability.
    pub churn: f64,
    pub churns: EventClock,
    /// The next upgrade from the current tier (when it has an upgrade path).
    pub upgrade: EventClock,
    pub upgrades: SplitMix64,
    /// Spend noise, one normal draw per month end survived.
    pub life: StreamRng,
}

/// The bills of a month, summed as customers are billed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Bills {
    pub revenue: f64,
    /// Platform spend of every bill, and of first orders only.
    pub volume: f64,
    pub first_order_volume: f64,
    pub support_hours: f64,
}

impl Bills {
    /// Adds the bill of a customer of tier `tier` spending `spend`.
    #[inline(always)]
    pub fn add(&mut self, tiers: &[DrawnTier], tier: usize, spend: f64, per_tier: &mut [u32]) {
        let t = &tiers[tier];
        self.revenue += (spend * (1.0 + t.markup)).max(t.minimum);
        self.volume += spend;
        self.support_hours += t.support_hours;
        per_tier[tier] += 1;
    }
}

/// The spend drift of a month end: `spend × drift × exp(volatility × z)` with z a standard
/// normal, or `spend × drift` without volatility.
#[derive(Debug, Clone, Copy)]
pub(super) struct Drift {
    pub volatility: f64,
    pub drift: f64,
}

/// Every customer of a trajectory, the renewing ones first, this month's arrivals last.
#[derive(Debug, Default)]
pub(super) struct Customers {
    all: Vec<Customer>,
    /// Scratch of the month end: each survivor's spend noise, then its `exp`.
    noise: Vec<f64>,
}

impl Customers {
    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn clear(&mut self) {
        self.all.clear();
    }

    pub fn push(&mut self, c: Customer) {
        self.all.push(c);
    }

    /// Month end: churn, then upgrades and spend drift for the survivors, whose next bills
    /// are summed into `renewals` (in customer order) and counted per tier.
    ///
    /// One pass churns, moves the survivors down over the churned, upgrades and draws each
    /// survivor's normal; then `exp` runs over all the draws at once; a last pass applies
    /// the drift and sums the bills. Until the first churn a survivor is updated in place;
    /// after it, each one is updated in registers and written once, to its new place
    /// (copying it after updating it in place reads back a whole customer just stored field
    /// by field, which stalls).
    pub fn end_month(&mut self, tiers: &[DrawnTier], drift: Drift, renewals: &mut Bills, per_tier: &mut [u32]) {
        let Drift { volatility, drift } = drift;
        let (customers, noise) = (&mut self.all, &mut self.noise);
        noise.clear();
        noise.resize(customers.len(), 0.0);
        let mut kept = 0;
        for i in 0..customers.len() {
            let stays = if kept == i {
                churn_and_upgrade(&mut customers[i], tiers, volatility, &mut noise[kept])
            } else {
                let mut c = customers[i].clone();
                let stays = churn_and_upgrade(&mut c, tiers, volatility, &mut noise[kept]);
                customers[kept] = c;
                stays
            };
            kept += usize::from(stays);
        }
        customers.truncate(kept);
        noise.truncate(kept);
        if volatility > 0.0 {
            exp_in_place(noise);
            for (c, noise) in customers.iter_mut().zip(noise.iter()) {
                c.spend *= drift * noise;
                renewals.add(tiers, c.tier, c.spend, per_tier);
            }
        } else {
            for c in customers.iter_mut() {
                c.spend *= drift;
                renewals.add(tiers, c.tier, c.spend, per_tier);
            }
        }
    }

    /// Customer `i` (for tests).
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Customer {
        self.all[i].clone()
    }
}

/// One customer's churn, then, if it stays, its upgrade and its spend noise's normal draw
/// (`volatility × z`, into `noise`). Whether it stays.
#[inline(always)]
fn churn_and_upgrade(c: &mut Customer, tiers: &[DrawnTier], volatility: f64, noise: &mut f64) -> bool {
    if c.churns.tick(c.churn) {
        return false;
    }
    let tier = &tiers[c.tier];
    if c.upgrade.tick(tier.upgrade_hazard) {
        c.spend = tier.upgraded_spend(c.spend);
        c.tier = tier.upgrade_to;
        c.upgrade = EventClock::new(unit(&mut c.upgrades));
    }
    if volatility > 0.0 {
        *noise = volatility * standard_normal(&mut c.life);
    }
    true
}
