//! The affiliate stream's month (MODEL.md sections 3 and 5): referred signups, payments and
//! the commission they earn, the payout threshold, then churn and plan upgrades.

use crate::distribution::unit;

use super::arrivals::Arrivals;
use super::resolve::{DrawnAffiliate, DrawnChurn, pick};
use super::rng::{Purpose, StreamRng, Streams, entity_id};

#[derive(Debug, Clone)]
struct Subscriber {
    plan: usize,
    /// Payments made so far; 0 means this month's payment is the first order.
    payments: u32,
    /// Moved to its current plan by an upgrade (premium commission applies).
    upgraded: bool,
    churn: f64,
    life: StreamRng,
}

/// What the affiliate stream did in one month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AffiliateMonth {
    pub billed: u32,
    pub signups: u32,
    pub earned: f64,
    pub paid: f64,
}

/// The referred subscribers and the unpaid balance within one trajectory.
#[derive(Debug, Default)]
pub struct AffiliateState {
    subscribers: Vec<Subscriber>,
    balance: f64,
    pub per_plan: Vec<u32>,
    signups: Arrivals,
}

impl AffiliateState {
    /// Starts from the initial subscribers (billed in the first month as renewals).
    pub fn reset(&mut self, d: &DrawnAffiliate, initial: &[u32], balance: f64, streams: &Streams) {
        self.subscribers.clear();
        self.balance = balance;
        self.per_plan.clear();
        self.per_plan.resize(d.plans.len(), 0);
        let mut n = 0;
        for (plan, &count) in initial.iter().enumerate() {
            for _ in 0..count {
                let s = new_subscriber(d, streams, entity_id(0, n), Some(plan));
                self.subscribers.push(Subscriber { payments: 1, ..s });
                n += 1;
            }
        }
    }

    /// Runs month `month` (1-based).
    pub fn step(&mut self, month: usize, d: &DrawnAffiliate, streams: &Streams) -> AffiliateMonth {
        let rate = d.signups * (1.0 + d.signups_growth).powi(month as i32 - 1);
        let signups = self.signups.draw(rate, streams, Purpose::AffiliateSignups, month as u64);
        for n in 0..signups {
            self.subscribers.push(new_subscriber(d, streams, entity_id(month, n), None));
        }
        let earned = self.bill(d);
        self.balance += earned;
        let paid = if self.balance >= d.payout_threshold && self.balance > 0.0 { self.balance } else { 0.0 };
        self.balance -= paid;
        self.transition(d);
        AffiliateMonth { billed: self.per_plan.iter().sum(), signups, earned, paid }
    }

    fn bill(&mut self, d: &DrawnAffiliate) -> f64 {
        self.per_plan.iter_mut().for_each(|c| *c = 0);
        let mut earned = 0.0;
        for s in &self.subscribers {
            let plan = &d.plans[s.plan];
            self.per_plan[s.plan] += 1;
            earned += if s.payments == 0 {
                d.first_order * plan.price + d.bounty
            } else if s.payments > d.recurring_months {
                0.0
            } else if s.upgraded && plan.premium {
                d.premium * plan.price
            } else {
                d.recurring * plan.price
            };
        }
        earned
    }

    fn transition(&mut self, d: &DrawnAffiliate) {
        let plans = &d.plans;
        self.subscribers.retain_mut(|s| {
            let churn_draw = unit(&mut s.life);
            let upgrade_draw = unit(&mut s.life);
            if churn_draw < s.churn {
                return false;
            }
            s.payments += 1;
            let plan = &plans[s.plan];
            if upgrade_draw < plan.upgrade_hazard {
                s.plan = plan.upgrade_to;
                s.upgraded = true;
                if let DrawnChurn::Constant(c) = plans[s.plan].churn {
                    s.churn = c;
                }
            }
            true
        });
    }
}

fn new_subscriber(d: &DrawnAffiliate, streams: &Streams, id: u64, plan: Option<usize>) -> Subscriber {
    let mut traits = streams.rng(Purpose::SubscriberTraits, id);
    let plan = plan.unwrap_or_else(|| pick(&d.cumulative_mix, unit(&mut traits)));
    let churn = match &d.plans[plan].churn {
        DrawnChurn::Constant(c) => *c,
        DrawnChurn::Individual(beta) => beta.sample(&mut traits),
    };
    Subscriber { plan, payments: 0, upgraded: false, churn, life: streams.rng(Purpose::SubscriberLife, id) }
}
