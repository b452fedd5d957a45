//! The validated scenario: the only form of a scenario the engine ever sees.
//!
//! Every value here has passed validation in [`super::validate`]: rates are within [0, 1],
//! mixes are normalised, tier and plan references are indices that exist. Numbers a user
//! may leave uncertain are [`Param`]s, resolved once per trajectory by the engine.

use crate::distribution::Param;
use crate::metric::SeriesKey;

/// Default number of months simulated.
pub const DEFAULT_HORIZON: usize = 24;
/// Default number of trajectories.
pub const DEFAULT_TRAJECTORIES: usize = 10_000;
/// Default seed: the year the tool was written, documented in the README.
pub const DEFAULT_SEED: u64 = 2026;

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub horizon_months: usize,
    pub trajectories: usize,
    pub seed: u64,
    /// Calendar number of the first simulated month (1 unless projecting from today).
    pub start_month: u32,
    pub reseller: Option<Reseller>,
    pub affiliate: Option<Affiliate>,
    pub effort: Effort,
    pub targets: Vec<Target>,
}

impl Scenario {
    /// The calendar month of the 0-based simulated month `index`.
    pub fn calendar_month(&self, index: usize) -> u32 {
        self.start_month + index as u32
    }

    /// The simulated calendar months, in order.
    pub fn months(&self) -> Vec<u32> {
        (0..self.horizon_months).map(|m| self.calendar_month(m)).collect()
    }

    /// The 0-based simulated month of a calendar month, if it is simulated.
    pub fn month_index(&self, calendar: u32) -> Option<usize> {
        let index = calendar.checked_sub(self.start_month)? as usize;
        (index < self.horizon_months).then_some(index)
    }

    /// Every uncertain parameter with its dotted key.
    pub fn uncertain_parameters(&self) -> Vec<&Param> {
        let mut out = Vec::new();
        self.visit_params(&mut |p| {
            if p.is_uncertain() {
                out.push(p);
            }
        });
        out
    }

    /// Calls `f` on every parameter of the scenario.
    pub fn visit_params<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        if let Some(r) = &self.reseller {
            for p in [&r.arrivals, &r.arrivals_growth, &r.referral_rate, &r.spend_growth, &r.spend_volatility] {
                f(p);
            }
            r.churn.visit(f);
            let k = &r.kickback;
            for p in [&k.first_order, &k.recurring, &k.premium] {
                f(p);
            }
            if let Some(v) = &k.premium_volume {
                f(v);
            }
            for t in &r.tiers {
                for p in [&t.markup, &t.minimum, &t.support_hours] {
                    f(p);
                }
                if let Some(u) = &t.upgrade {
                    f(&u.probability);
                }
            }
        }
        if let Some(a) = &self.affiliate {
            for p in [&a.signups, &a.signups_growth, &a.payout_threshold] {
                f(p);
            }
            let c = &a.commission;
            for p in [&c.first_order, &c.recurring, &c.premium, &c.bounty] {
                f(p);
            }
            for plan in &a.plans {
                f(&plan.price);
                plan.churn.visit(f);
                if let Some(u) = &plan.upgrade {
                    f(&u.probability);
                }
            }
        }
        let e = &self.effort;
        for p in [&e.fixed_hours, &e.onboarding_hours, &e.content_hours] {
            f(p);
        }
    }
}

/// How long customers stay.
#[derive(Debug, Clone)]
pub enum Churn {
    /// The same monthly churn probability for everyone (which may itself be uncertain).
    Constant(Param),
    /// Shifted-beta-geometric: each customer's own churn probability ~ Beta(α, β).
    ShiftedBetaGeometric { alpha: Param, beta: Param },
}

impl Churn {
    fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        match self {
            Churn::Constant(p) => f(p),
            Churn::ShiftedBetaGeometric { alpha, beta } => {
                f(alpha);
                f(beta);
            }
        }
    }
}

/// A move to another tier or plan: "probability P within M months" is the constant monthly
/// hazard `1 - (1 - P)^(1/M)`.
#[derive(Debug, Clone)]
pub struct Upgrade {
    pub to: usize,
    pub probability: Param,
    pub within_months: f64,
}

impl Upgrade {
    /// Monthly hazard for a given cumulative probability.
    pub fn hazard(probability: f64, within_months: f64) -> f64 {
        1.0 - (1.0 - probability).powf(1.0 / within_months)
    }
}

/// A customer's monthly platform spend when it arrives.
#[derive(Debug, Clone, PartialEq)]
pub enum Spend {
    Fixed(f64),
    LogNormal { median: f64, sigma: f64 },
}

impl Spend {
    /// The median spend of new customers of the tier.
    pub fn median(&self) -> f64 {
        match *self {
            Spend::Fixed(v) => v,
            Spend::LogNormal { median, .. } => median,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Tier {
    pub name: String,
    pub markup: Param,
    pub minimum: Param,
    pub spend: Spend,
    pub support_hours: Param,
    pub upgrade: Option<Upgrade>,
}

#[derive(Debug, Clone)]
pub struct Kickback {
    pub first_order: Param,
    pub recurring: Param,
    pub premium: Param,
    /// Monthly platform volume at which `premium` replaces `recurring`; `None` = never.
    pub premium_volume: Option<Param>,
}

#[derive(Debug, Clone)]
pub struct Reseller {
    pub tiers: Vec<Tier>,
    /// Customers per tier at the start, billed in the first month as renewals.
    pub initial_customers: Vec<u32>,
    /// Bills each initial customer of a tier has already had (docs/model.md §9.3).
    pub initial_tenure: Vec<u32>,
    /// Poisson mean of new customers per month.
    pub arrivals: Param,
    /// Monthly growth of the arrival rate (0.05 = +5% a month).
    pub arrivals_growth: Param,
    /// Word of mouth: extra arrivals per month per customer active last month.
    pub referral_rate: Param,
    /// Tier weights of new customers, summing to 1.
    pub arrival_mix: Vec<f64>,
    pub churn: Churn,
    pub spend_growth: Param,
    pub spend_volatility: Param,
    pub kickback: Kickback,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub name: String,
    pub price: Param,
    pub premium: bool,
    pub churn: Churn,
    pub upgrade: Option<Upgrade>,
}

#[derive(Debug, Clone)]
pub struct Commission {
    pub first_order: Param,
    pub recurring: Param,
    pub premium: Param,
    /// Fixed amount per new signup (one-time bounty programmes).
    pub bounty: Param,
    /// Renewals earn commission only for this many months after the first order.
    pub recurring_months: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Affiliate {
    pub signups: Param,
    pub signups_growth: Param,
    /// Plan weights of new signups, summing to 1.
    pub plan_mix: Vec<f64>,
    pub plans: Vec<Plan>,
    pub payout_threshold: Param,
    pub commission: Commission,
    /// Referred subscribers per plan at the start, billed in the first month as renewals.
    pub initial_subscribers: Vec<u32>,
    /// Bills each initial subscriber of a plan has already had (docs/model.md §9.3).
    pub initial_tenure: Vec<u32>,
    /// Commission already accrued but not yet paid out at the start.
    pub initial_balance: f64,
}

#[derive(Debug, Clone)]
pub struct Effort {
    pub fixed_hours: Param,
    /// Setup hours by calendar month: `setup_hours[0]` is month 1 of the business, so a
    /// projection from a later month does not pay them again (docs/model.md §5.2).
    pub setup_hours: Vec<f64>,
    pub onboarding_hours: Param,
    pub content_hours: Param,
}

/// "P(metric ≥ at_least at / by month)".
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// A metric, or the customers of one tier or the subscribers of one plan.
    pub metric: SeriesKey,
    pub at_least: f64,
    /// The calendar month, within the simulated months; `None` = the last one.
    pub month: Option<u32>,
}
