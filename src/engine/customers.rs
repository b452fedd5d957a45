//! The reseller's customers of one trajectory, field by field (one vector per field), and
//! their month end (docs/model.md §3-4) as passes over those vectors: churn; the survivors
//! moved down over the churned; upgrades; the spend noise, its normal draws first and then
//! `exp` of all of them at once; the drift; the next month's bills. Every pass does for
//! each customer what the model does for one customer, in the model's order for that
//! customer, and each customer draws from its own streams, so the numbers are those of one
//! customer at a time, bit for bit; only the arithmetic is batched (the churn and `exp`
//! passes run two customers per instruction).

use rand_xoshiro::SplitMix64;

use crate::distribution::{exp_in_place, standard_normal, unit};

use super::event::{EventClock, tick};
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
    tier: Vec<usize>,
    spend: Vec<f64>,
    churn: Vec<f64>,
    churn_survival: Vec<f64>,
    churn_threshold: Vec<f64>,
    upgrade_survival: Vec<f64>,
    upgrade_threshold: Vec<f64>,
    upgrades: Vec<SplitMix64>,
    life: Vec<StreamRng>,
    /// Scratch of the month end: who stays, and each one's spend noise.
    stays: Vec<bool>,
    noise: Vec<f64>,
}

impl Customers {
    pub fn len(&self) -> usize {
        self.tier.len()
    }

    pub fn clear(&mut self) {
        self.truncate(0);
    }

    pub fn push(&mut self, c: Customer) {
        let (churn_survival, churn_threshold) = c.churns.parts();
        let (upgrade_survival, upgrade_threshold) = c.upgrade.parts();
        self.tier.push(c.tier);
        self.spend.push(c.spend);
        self.churn.push(c.churn);
        self.churn_survival.push(churn_survival);
        self.churn_threshold.push(churn_threshold);
        self.upgrade_survival.push(upgrade_survival);
        self.upgrade_threshold.push(upgrade_threshold);
        self.upgrades.push(c.upgrades);
        self.life.push(c.life);
    }

    fn truncate(&mut self, n: usize) {
        self.tier.truncate(n);
        self.spend.truncate(n);
        self.churn.truncate(n);
        self.churn_survival.truncate(n);
        self.churn_threshold.truncate(n);
        self.upgrade_survival.truncate(n);
        self.upgrade_threshold.truncate(n);
        self.upgrades.truncate(n);
        self.life.truncate(n);
    }

    /// Month end: churn, then upgrades and spend drift for the survivors, whose next bills
    /// are summed into `renewals` (in customer order) and counted per tier.
    pub fn end_month(&mut self, tiers: &[DrawnTier], drift: Drift, renewals: &mut Bills, per_tier: &mut [u32]) {
        let kept = self.churn_out();
        self.upgrade(tiers);
        self.drift(drift);
        for (&tier, &spend) in self.tier[..kept].iter().zip(&self.spend[..kept]) {
            renewals.add(tiers, tier, spend, per_tier);
        }
    }

    /// Each customer's churn clock ticks; the churned ones leave, the others keep their
    /// order. Returns how many stay.
    fn churn_out(&mut self) -> usize {
        let n = self.len();
        self.stays.clear();
        self.stays.resize(n, false);
        let clocks = self.churn_survival.iter_mut().zip(&self.churn_threshold).zip(&self.churn);
        for (((survival, &threshold), &churn), stays) in clocks.zip(self.stays.iter_mut()) {
            *stays = !tick(survival, threshold, churn);
        }
        let Some(first) = self.stays.iter().position(|s| !s) else { return n };
        let mut kept = first;
        for i in first..n {
            if self.stays[i] {
                self.tier[kept] = self.tier[i];
                self.spend[kept] = self.spend[i];
                self.churn[kept] = self.churn[i];
                self.churn_survival[kept] = self.churn_survival[i];
                self.churn_threshold[kept] = self.churn_threshold[i];
                self.upgrade_survival[kept] = self.upgrade_survival[i];
                self.upgrade_threshold[kept] = self.upgrade_threshold[i];
                self.upgrades[kept] = self.upgrades[i].clone();
                self.life[kept] = self.life[i].clone();
                kept += 1;
            }
        }
        self.truncate(kept);
        kept
    }

    /// Each customer's upgrade clock ticks with its tier's hazard; an upgrade moves it up a
    /// tier with its spend scaled, and draws the threshold of the next upgrade.
    fn upgrade(&mut self, tiers: &[DrawnTier]) {
        let clocks = self.upgrade_survival.iter_mut().zip(&mut self.upgrade_threshold);
        for ((i, (survival, threshold)), tier) in clocks.enumerate().zip(&mut self.tier) {
            let t = &tiers[*tier];
            if tick(survival, *threshold, t.upgrade_hazard) {
                self.spend[i] *= t.upgrade_spend_ratio;
                *tier = t.upgrade_to;
                (*survival, *threshold) = EventClock::new(unit(&mut self.upgrades[i])).parts();
            }
        }
    }

    /// The month's spend drift: one normal draw from each customer's own stream, then the
    /// `exp` of all of them at once.
    fn drift(&mut self, Drift { volatility, drift }: Drift) {
        if volatility > 0.0 {
            self.noise.clear();
            self.noise.extend(self.life.iter_mut().map(|life| volatility * standard_normal(life)));
            exp_in_place(&mut self.noise);
            for (spend, noise) in self.spend.iter_mut().zip(&self.noise) {
                *spend *= drift * noise;
            }
        } else {
            self.spend.iter_mut().for_each(|spend| *spend *= drift);
        }
    }

    /// Customer `i` as a whole (for tests).
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Customer {
        Customer {
            tier: self.tier[i],
            spend: self.spend[i],
            churn: self.churn[i],
            churns: EventClock::from_parts((self.churn_survival[i], self.churn_threshold[i])),
            upgrade: EventClock::from_parts((self.upgrade_survival[i], self.upgrade_threshold[i])),
            upgrades: self.upgrades[i].clone(),
            life: self.life[i].clone(),
        }
    }
}
