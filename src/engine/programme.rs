//! One affiliate programme's month (docs/model.md §2, §4 and §11): its own and the
//! content's referred signups, payments and the commission they earn, the payout threshold
//! and the payout's delay, then churn and plan upgrades at month end.

use std::collections::VecDeque;

use rand_xoshiro::SplitMix64;

use crate::distribution::unit;

use super::arrivals::{Arrivals, growth};
use super::event::EventClock;
use super::mix::pick;
use super::resolve::{DrawnChurn, DrawnProgramme};
use super::rng::{Purpose, Streams, programme_month, subscriber_id};

#[derive(Debug, Clone)]
struct Subscriber {
    plan: usize,
    /// Payments made so far; 0 means this month's payment is the first order.
    payments: u32,
    /// Moved to its current plan by an upgrade (premium commission applies).
    upgraded: bool,
    /// Monthly churn probability.
    churn: f64,
    /// Whether `churn` is the subscriber's own (drawn from its plan's sBG shapes), which it
    /// keeps when it upgrades, rather than its plan's constant rate.
    own_churn: bool,
    churns: EventClock,
    /// The next upgrade from the current plan (when it has an upgrade path).
    upgrade: EventClock,
    upgrades: SplitMix64,
}

/// What one programme did in one month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProgrammeMonth {
    pub billed: u32,
    pub signups: u32,
    pub earned: f64,
    /// The cash that arrived: a payout of this month, or of `delay` months ago.
    pub paid: f64,
}

/// One programme's referred subscribers, unpaid balance and payouts on their way.
#[derive(Debug, Default)]
pub struct ProgrammeState {
    /// Its place among the scenario's programmes, part of its subscribers' identities.
    index: usize,
    subscribers: Vec<Subscriber>,
    balance: f64,
    pub per_plan: Vec<u32>,
    signups: Arrivals,
    content_signups: Arrivals,
    /// Payouts made but not yet paid: (1-based month the cash arrives, amount).
    on_the_way: VecDeque<(usize, f64)>,
}

impl ProgrammeState {
    /// Starts from the initial subscribers (billed in the first month as renewals); `tenure`
    /// is the bills each plan's initial subscribers have already had.
    pub fn reset(
        &mut self,
        index: usize,
        d: &DrawnProgramme,
        (initial, tenure, balance): (&[u32], &[u32], f64),
        streams: &Streams,
    ) {
        self.index = index;
        self.subscribers.clear();
        self.on_the_way.clear();
        self.balance = balance;
        self.per_plan.clear();
        self.per_plan.resize(d.plans.len(), 0);
        let mut n = 0;
        for (plan, &count) in initial.iter().enumerate() {
            let tenure = tenure.get(plan).copied().unwrap_or(0);
            for _ in 0..count {
                let s = new_subscriber(d, streams, subscriber_id(index, false, 0, n), Some((plan, tenure)));
                // Its first bill here is a renewal: at least one payment has been made.
                self.subscribers.push(Subscriber { payments: tenure.max(1), ..s });
                n += 1;
            }
        }
    }

    /// Runs month `month` (1-based) with the content sending `content_rate` signups a month
    /// to all programmes: signups, payments, commission and payout. Churn and upgrades
    /// follow with [`ProgrammeState::end_month`].
    pub fn step(&mut self, month: usize, d: &DrawnProgramme, content_rate: f64, streams: &Streams) -> ProgrammeMonth {
        let p = self.index;
        let rate = d.signups * growth(d.signups_growth, month);
        let own = self.signups.draw(rate, streams, Purpose::AffiliateSignups, programme_month(p, month));
        for n in 0..own {
            self.subscribers.push(new_subscriber(d, streams, subscriber_id(p, false, month, n), None));
        }
        let content = if content_rate > 0.0 {
            let rate = d.share * content_rate;
            self.content_signups.draw(rate, streams, Purpose::ContentSignups, programme_month(p, month))
        } else {
            0
        };
        for n in 0..content {
            self.subscribers.push(new_subscriber(d, streams, subscriber_id(p, true, month, n), None));
        }
        let earned = self.bill(d);
        self.balance += earned;
        let payout = if self.balance >= d.payout_threshold && self.balance > 0.0 { self.balance } else { 0.0 };
        self.balance -= payout;
        let paid = if d.payout_delay == 0 { payout } else { self.delay(month, d.payout_delay, payout) };
        ProgrammeMonth { billed: self.per_plan.iter().sum(), signups: own + content, earned, paid }
    }

    /// Sends a payout on its way (`delay` months) and returns the cash arriving this month.
    fn delay(&mut self, month: usize, delay: usize, payout: f64) -> f64 {
        if payout > 0.0 {
            self.on_the_way.push_back((month + delay, payout));
        }
        let mut paid = 0.0;
        while let Some(&(due, amount)) = self.on_the_way.front()
            && due <= month
        {
            paid += amount;
            self.on_the_way.pop_front();
        }
        paid
    }

    fn bill(&mut self, d: &DrawnProgramme) -> f64 {
        self.per_plan.iter_mut().for_each(|c| *c = 0);
        let mut earned = 0.0;
        for s in &self.subscribers {
            let plan = &d.plans[s.plan];
            self.per_plan[s.plan] += 1;
            earned += if s.payments == 0 {
                d.first_order * plan.price + d.bounty
            } else if d.recurring_months.is_some_and(|k| s.payments > k) {
                0.0
            } else if s.upgraded && plan.premium {
                d.premium * plan.price
            } else {
                d.recurring * plan.price
            };
        }
        earned
    }

    /// Month end: churn, then upgrades for the survivors.
    pub fn end_month(&mut self, d: &DrawnProgramme) {
        let plans = &d.plans;
        self.subscribers.retain_mut(|s| {
            if s.churns.tick(s.churn) {
                return false;
            }
            s.payments += 1;
            let plan = &plans[s.plan];
            if s.upgrade.tick(plan.upgrade_hazard)
                && let Some(to) = plan.upgrade_to
            {
                s.plan = to;
                s.upgraded = true;
                s.upgrade = EventClock::new(unit(&mut s.upgrades));
                // A subscriber's own (sBG) churn stays with it (docs/model.md §9.4); one on
                // a plan's constant rate takes the new plan's constant rate.
                if let (false, DrawnChurn::Constant(c)) = (s.own_churn, &plans[to].churn) {
                    s.churn = *c;
                }
            }
            true
        });
    }
}

/// A subscriber with its draws at arrival, in a fixed order: churn threshold, plan (signups
/// only), then its own churn rate. An initial subscriber comes with its plan and the bills
/// it has already had.
fn new_subscriber(d: &DrawnProgramme, streams: &Streams, id: u64, initial: Option<(usize, u32)>) -> Subscriber {
    let entity = streams.entity(Purpose::Subscriber, id);
    let mut traits = entity.traits();
    let churns = EventClock::new(unit(&mut traits));
    let (plan, tenure) = match initial {
        Some(initial) => initial,
        None => (pick(&d.cumulative_mix, unit(&mut traits)), 0),
    };
    let (churn, own_churn) = d.plans[plan].churn.draw(&mut traits, tenure);
    let mut upgrades = entity.upgrades();
    let upgrade = EventClock::new(unit(&mut upgrades));
    Subscriber { plan, payments: 0, upgraded: false, churn, own_churn, churns, upgrade, upgrades }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::resolve::DrawnPlan;
    use crate::engine::rng::entity_id;

    fn programme(recurring_months: Option<u32>) -> DrawnProgramme {
        let plan = |price, premium, upgrade_to, upgrade_hazard| DrawnPlan {
            price,
            premium,
            churn: DrawnChurn::Constant(0.0),
            upgrade_to,
            upgrade_hazard,
        };
        DrawnProgramme {
            plans: vec![plan(19.99, false, None, 0.0), plan(149.99, true, None, 0.0)],
            share: 1.0,
            signups: 0.0,
            signups_growth: 0.0,
            cumulative_mix: vec![f64::INFINITY],
            payout_threshold: 50.0,
            first_order: 0.15,
            recurring: 0.08,
            premium: 0.10,
            bounty: 0.0,
            recurring_months,
            payout_delay: 0,
        }
    }

    /// A whole month: `step`, then the month end.
    fn month(state: &mut ProgrammeState, m: usize, d: &DrawnProgramme, streams: &Streams) -> ProgrammeMonth {
        let out = state.step(m, d, 0.0, streams);
        state.end_month(d);
        out
    }

    fn one_signup(plan: usize) -> ProgrammeState {
        let d = programme(None);
        let streams = Streams::new(1, 0);
        let mut state = ProgrammeState::default();
        state.reset(0, &d, (&[0, 0], &[0, 0], 0.0), &streams);
        state.subscribers.push(new_subscriber(&d, &streams, entity_id(1, 0), Some((plan, 0))));
        state
    }

    #[test]
    fn one_pro_referral_earns_3_then_1_60_a_month() {
        // docs/model.md §4.7: zero churn, 12 months of one Pro referral: 3.00 + 11 × 1.60 = $20.59.
        let d = programme(None);
        let streams = Streams::new(1, 0);
        let mut state = one_signup(0);
        let months: Vec<ProgrammeMonth> = (1..=12).map(|m| month(&mut state, m, &d, &streams)).collect();
        assert!((months[0].earned - 0.15 * 19.99).abs() < 1e-12);
        assert!((months[1].earned - 0.08 * 19.99).abs() < 1e-12);
        let total: f64 = months.iter().map(|m| m.earned).sum();
        assert!((total - (0.15 * 19.99 + 11.0 * 0.08 * 19.99)).abs() < 1e-9);
        assert!((total - 20.59).abs() < 0.01, "{total}");
        // The $50 threshold is not reached within the year: nothing is paid out.
        assert!(months.iter().all(|m| m.paid == 0.0));
    }

    #[test]
    fn scale_pays_22_50_then_12_and_payout_empties_the_balance() {
        let d = programme(None);
        let streams = Streams::new(1, 0);
        let mut state = one_signup(1);
        let months: Vec<ProgrammeMonth> = (1..=6).map(|m| month(&mut state, m, &d, &streams)).collect();
        assert!((months[0].earned - 22.4985).abs() < 1e-9);
        assert!((months[1].earned - 11.9992).abs() < 1e-9);
        // Balance 22.50, 34.50, 46.50, 58.50 ≥ 50: paid in month 4, then accrues again.
        assert_eq!(months.iter().position(|m| m.paid > 0.0), Some(3));
        assert!((months[3].paid - (22.4985 + 3.0 * 11.9992)).abs() < 1e-9);
        assert_eq!(months[4].paid, 0.0);
    }

    #[test]
    fn recurring_cap_and_premium_after_upgrade() {
        let mut d = programme(Some(2));
        let streams = Streams::new(1, 0);
        let mut state = one_signup(0);
        let earned: Vec<f64> = (1..=4).map(|m| month(&mut state, m, &d, &streams).earned).collect();
        assert!(earned[1] > 0.0 && earned[2] > 0.0 && earned[3] == 0.0, "renewals pay for 2 months: {earned:?}");
        // A Pro subscriber who upgrades (hazard 1) pays the premium rate on Scale from then on.
        d = programme(None);
        d.plans[0].upgrade_to = Some(1);
        d.plans[0].upgrade_hazard = 1.0;
        let mut state = one_signup(0);
        let earned: Vec<f64> = (1..=3).map(|m| month(&mut state, m, &d, &streams).earned).collect();
        assert!((earned[1] - 0.10 * 149.99).abs() < 1e-9, "{earned:?}");
    }
}
