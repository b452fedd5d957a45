//! `[affiliate]`: plans, signups, the plan mix, commission terms, payout threshold, the
//! initial subscribers and balance.
use super::domain::MAX_MONEY;
use super::{Domain, MAX_NAMED, Validator, span};
use crate::scenario::model::{Affiliate, Commission, Plan};
use crate::scenario::raw::{RawAffiliate, RawCommission};
use crate::text::number::compact;

impl Validator {
    pub(super) fn affiliate(&mut self, raw: RawAffiliate) -> Affiliate {
        let names: Vec<String> = raw.plans.get_ref().keys().map(|k| k.get_ref().clone()).collect();
        if names.is_empty() {
            self.problem(
                "affiliate.plans",
                span(&raw.plans),
                "no plans are defined".into(),
                "add an [affiliate.plans.NAME] table with a price",
            );
        }
        if names.len() > MAX_NAMED {
            let message = format!("{} plans are defined; at most {MAX_NAMED}", names.len());
            self.problem("affiliate.plans", span(&raw.plans), message, "each plan adds a series to every output");
        }
        let plans = raw
            .plans
            .get_ref()
            .iter()
            .map(|(name, p)| {
                let key = format!("affiliate.plans.{}", name.get_ref());
                Plan {
                    name: name.get_ref().clone(),
                    price: self.param(&format!("{key}.price"), &p.price, Domain::Money),
                    premium: p.premium.unwrap_or(false),
                    churn: self.churn(&format!("{key}.churn"), p.churn.as_ref()),
                    upgrade: p
                        .upgrade
                        .as_ref()
                        .and_then(|u| self.upgrade(&format!("{key}.upgrade"), name.get_ref(), u, &names, "plan")),
                }
            })
            .collect();
        let c = raw.commission.unwrap_or(RawCommission {
            first_order: None,
            recurring: None,
            premium: None,
            bounty: None,
            recurring_months: None,
        });
        let recurring_months = c
            .recurring_months
            .as_ref()
            .map(|m| self.whole("affiliate.commission.recurring_months", Some(m), 0, 10_000, 0) as u32);
        let initial_balance = raw.initial_balance.as_ref().map_or(0.0, |b| {
            let v = *b.get_ref();
            if !(0.0..=MAX_MONEY).contains(&v) {
                let what = if v.is_nan() {
                    "is not a number"
                } else if v < 0.0 {
                    "is negative"
                } else {
                    "is too large"
                };
                self.problem(
                    "affiliate.initial_balance",
                    span(b),
                    format!("{} {what}", compact(v)),
                    "the unpaid balance is dollars from 0 to 1e9",
                );
                return 0.0;
            }
            v
        });
        Affiliate {
            signups: self.param_or("affiliate.signups", raw.signups.as_ref(), Domain::NonNegative, 0.0),
            signups_growth: self.param_or("affiliate.signups_growth", raw.signups_growth.as_ref(), Domain::Growth, 0.0),
            plan_mix: self.mix("affiliate.plan_mix", raw.plan_mix.as_ref(), &names, "plan"),
            initial_tenure: self.tenure(
                "affiliate.initial_tenure_months",
                raw.initial_tenure_months.as_ref(),
                &names,
                "plan",
            ),
            initial_subscribers: self.counts(
                "affiliate.initial_subscribers",
                raw.initial_subscribers.as_ref(),
                &names,
                "plan",
            ),
            plans,
            payout_threshold: self.param_or(
                "affiliate.payout_threshold",
                raw.payout_threshold.as_ref(),
                Domain::Money,
                0.0,
            ),
            commission: Commission {
                first_order: self.param_or(
                    "affiliate.commission.first_order",
                    c.first_order.as_ref(),
                    Domain::Rate,
                    0.0,
                ),
                recurring: self.param_or("affiliate.commission.recurring", c.recurring.as_ref(), Domain::Rate, 0.0),
                premium: self.param_or("affiliate.commission.premium", c.premium.as_ref(), Domain::Rate, 0.0),
                bounty: self.param_or("affiliate.commission.bounty", c.bounty.as_ref(), Domain::Money, 0.0),
                recurring_months,
            },
            initial_balance,
        }
    }
}
