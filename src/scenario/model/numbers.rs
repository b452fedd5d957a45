//! Every number of a validated scenario with its dotted key, as a user would `--set` it:
//! what solve reads as a lever's value today, what the web page makes a slider of, and what
//! the key table is checked against (every key listed here has an entry there).

use super::{Affiliate, Costs, Effort, PiecesPerMonth, Programme, Reseller, Scenario, Spend};
use crate::distribution::Param;

/// A number of the scenario: fixed, or a parameter that may be drawn per trajectory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberValue<'a> {
    Param(&'a Param),
    Fixed(f64),
}

impl NumberValue<'_> {
    /// The value, or the central value of its distribution.
    pub fn central(&self) -> f64 {
        match self {
            NumberValue::Param(p) => p.central(),
            NumberValue::Fixed(v) => *v,
        }
    }

    /// Whether it is drawn from a distribution.
    pub fn is_uncertain(&self) -> bool {
        matches!(self, NumberValue::Param(p) if p.is_uncertain())
    }

    /// The parameter, when it is one.
    pub fn param(&self) -> Option<&Param> {
        match self {
            NumberValue::Param(p) => Some(p),
            NumberValue::Fixed(_) => None,
        }
    }
}

/// One number and its dotted key.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioNumber<'a> {
    pub key: String,
    pub value: NumberValue<'a>,
}

/// Collects numbers under their keys.
struct Numbers<'a>(Vec<ScenarioNumber<'a>>);

impl<'a> Numbers<'a> {
    fn param(&mut self, key: impl Into<String>, p: &'a Param) {
        self.0.push(ScenarioNumber { key: key.into(), value: NumberValue::Param(p) });
    }

    fn fixed(&mut self, key: impl Into<String>, v: f64) {
        self.0.push(ScenarioNumber { key: key.into(), value: NumberValue::Fixed(v) });
    }
}

impl Scenario {
    /// Every number of the scenario with its dotted key, in the order of the README's
    /// reference (lists by month, sBG shapes and mixes as typed are left out: they are not
    /// one number).
    pub fn numbers(&self) -> Vec<ScenarioNumber<'_>> {
        let mut out = Numbers(Vec::new());
        out.fixed("horizon_months", self.horizon_months as f64);
        out.fixed("trajectories", self.trajectories as f64);
        out.fixed("seed", self.seed as f64);
        out.fixed("start_month", f64::from(self.start_month));
        if let Some(r) = &self.reseller {
            reseller(&mut out, r);
        }
        if let Some(a) = &self.affiliate {
            affiliate(&mut out, a);
        }
        effort(&mut out, &self.effort);
        if let Some(c) = &self.costs {
            costs(&mut out, c);
        }
        for (i, t) in self.targets.iter().enumerate() {
            out.fixed(format!("targets[{i}].at_least"), t.at_least);
            if let Some(m) = t.month {
                out.fixed(format!("targets[{i}].month"), f64::from(m));
            }
        }
        out.0
    }

    /// The number at `key`, if the scenario has one there (keys as [`Scenario::numbers`]
    /// writes them; `[start]` spellings and list indices as `.0` are read too).
    pub fn number(&self, key: &str) -> Option<NumberValue<'_>> {
        let wanted = crate::scenario::keys::canonical(key);
        self.numbers().into_iter().find(|n| crate::scenario::keys::canonical(&n.key) == wanted).map(|n| n.value)
    }
}

fn reseller<'a>(out: &mut Numbers<'a>, r: &'a Reseller) {
    out.param("reseller.arrivals", &r.arrivals);
    out.param("reseller.arrivals_growth", &r.arrivals_growth);
    out.param("reseller.referral_rate", &r.referral_rate);
    if let super::Churn::Constant(p) = &r.churn {
        out.param("reseller.churn", p);
    }
    out.param("reseller.spend_growth", &r.spend_growth);
    out.param("reseller.spend_volatility", &r.spend_volatility);
    for (i, tier) in r.tiers.iter().enumerate() {
        out.fixed(format!("reseller.initial_customers.{}", tier.name), f64::from(r.initial_customers[i]));
        out.fixed(format!("reseller.initial_tenure_months.{}", tier.name), f64::from(r.initial_tenure[i]));
        out.fixed(format!("reseller.arrival_mix.{}", tier.name), r.arrival_mix[i]);
    }
    let k = &r.kickback;
    out.param("reseller.kickback.first_order", &k.first_order);
    out.param("reseller.kickback.recurring", &k.recurring);
    out.param("reseller.kickback.premium", &k.premium);
    if let Some(v) = &k.premium_volume {
        out.param("reseller.kickback.premium_volume", v);
    }
    for tier in &r.tiers {
        let key = format!("reseller.tiers.{}", tier.name);
        out.param(format!("{key}.markup"), &tier.markup);
        out.param(format!("{key}.minimum"), &tier.minimum);
        match &tier.spend {
            Spend::Fixed(v) => out.fixed(format!("{key}.spend"), *v),
            Spend::LogNormal { median, .. } => out.param(format!("{key}.spend.median"), median),
        }
        out.param(format!("{key}.support_hours"), &tier.support_hours);
        if let Some(u) = &tier.upgrade {
            out.param(format!("{key}.upgrade.probability"), &u.probability);
            out.fixed(format!("{key}.upgrade.within_months"), u.within_months);
        }
    }
}

fn affiliate<'a>(out: &mut Numbers<'a>, a: &'a Affiliate) {
    for p in &a.programmes {
        let prefix = if a.named { format!("affiliate.programmes.{}", p.name) } else { "affiliate".to_string() };
        programme(out, &prefix, p, a.named);
    }
    if let Some(c) = &a.content {
        if let PiecesPerMonth::Every(n) = c.pieces_per_month {
            out.fixed("affiliate.content.pieces_per_month", f64::from(n));
        }
        out.param("affiliate.content.signups_per_piece", &c.signups_per_piece);
        out.fixed("affiliate.content.ramp_months", f64::from(c.ramp_months));
        if let Some(h) = c.half_life_months {
            out.fixed("affiliate.content.half_life_months", h);
        }
        out.param("affiliate.content.hours_per_piece", &c.hours_per_piece);
        out.fixed("affiliate.content.existing_pieces", f64::from(c.existing_pieces));
        out.fixed("affiliate.content.existing_age_months", f64::from(c.existing_age_months));
    }
}

fn programme<'a>(out: &mut Numbers<'a>, prefix: &str, p: &'a Programme, named: bool) {
    if named {
        out.param(format!("{prefix}.share"), &p.share);
    }
    out.param(format!("{prefix}.signups"), &p.signups);
    out.param(format!("{prefix}.signups_growth"), &p.signups_growth);
    out.param(format!("{prefix}.payout_threshold"), &p.payout_threshold);
    out.fixed(format!("{prefix}.payout_delay_months"), f64::from(p.payout_delay_months));
    out.fixed(format!("{prefix}.initial_balance"), p.initial_balance);
    for (i, plan) in p.plans.iter().enumerate() {
        out.fixed(format!("{prefix}.initial_subscribers.{}", plan.name), f64::from(p.initial_subscribers[i]));
        out.fixed(format!("{prefix}.initial_tenure_months.{}", plan.name), f64::from(p.initial_tenure[i]));
        out.fixed(format!("{prefix}.plan_mix.{}", plan.name), p.plan_mix[i]);
    }
    let c = &p.commission;
    out.param(format!("{prefix}.commission.first_order"), &c.first_order);
    out.param(format!("{prefix}.commission.recurring"), &c.recurring);
    out.param(format!("{prefix}.commission.premium"), &c.premium);
    out.param(format!("{prefix}.commission.bounty"), &c.bounty);
    if let Some(m) = c.recurring_months {
        out.fixed(format!("{prefix}.commission.recurring_months"), f64::from(m));
    }
    for plan in &p.plans {
        let key = format!("{prefix}.plans.{}", plan.name);
        out.param(format!("{key}.price"), &plan.price);
        if let super::Churn::Constant(c) = &plan.churn {
            out.param(format!("{key}.churn"), c);
        }
        if let Some(u) = &plan.upgrade {
            out.param(format!("{key}.upgrade.probability"), &u.probability);
            out.fixed(format!("{key}.upgrade.within_months"), u.within_months);
        }
    }
}

fn effort<'a>(out: &mut Numbers<'a>, e: &'a Effort) {
    out.param("effort.fixed_hours", &e.fixed_hours);
    out.param("effort.onboarding_hours", &e.onboarding_hours);
    out.param("effort.content_hours", &e.content_hours);
}

fn costs<'a>(out: &mut Numbers<'a>, c: &'a Costs) {
    for (name, fee) in [("payment_fee", &c.payment_fee), ("payout_fee", &c.payout_fee)] {
        out.param(format!("costs.{name}.percent"), &fee.percent);
        out.param(format!("costs.{name}.fixed"), &fee.fixed);
        if let Some(max) = &fee.max {
            out.param(format!("costs.{name}.max"), max);
        }
    }
    for (name, p) in &c.monthly {
        out.param(format!("costs.monthly.{name}"), p);
    }
    for (i, o) in c.one_off.iter().enumerate() {
        out.param(format!("costs.one_off[{i}].amount"), &o.amount);
        out.fixed(format!("costs.one_off[{i}].month"), f64::from(o.month));
    }
    out.param("costs.tax_rate", &c.tax_rate);
}
