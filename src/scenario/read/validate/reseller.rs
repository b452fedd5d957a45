//! `[reseller]`: tiers (markup, minimum, spend distribution, support hours, upgrade),
//! the initial base, arrivals, churn, spend drift and the platform kickback.
use toml::Spanned;

use super::{MAX_NAMED, Validator, as_number, describe, span};
use crate::scenario::keys::MAX_MONEY;
use crate::scenario::model::{Kickback, Reseller, Spend, Tier};
use crate::scenario::read::raw::{RawKickback, RawReseller, RawTier, RawValue};
use crate::text::number::compact;

impl Validator {
    pub(super) fn reseller(&mut self, raw: RawReseller) -> Reseller {
        let names: Vec<String> = raw.tiers.get_ref().keys().map(|k| k.get_ref().clone()).collect();
        if names.is_empty() {
            self.problem(
                "reseller.tiers",
                span(&raw.tiers),
                "no tiers are defined".into(),
                "add a [reseller.tiers.NAME] table",
            );
        }
        if names.len() > MAX_NAMED {
            let message = format!("{} tiers are defined; at most {MAX_NAMED}", names.len());
            self.problem("reseller.tiers", span(&raw.tiers), message, "each tier adds a series to every output");
        }
        let tiers = raw
            .tiers
            .get_ref()
            .iter()
            .map(|(name, t)| {
                let key = self.named_key("reseller.tiers", name, "tier");
                self.tier(&key, name.get_ref(), t, &names)
            })
            .collect();
        let initial_customers =
            self.counts("reseller.initial_customers", raw.initial_customers.as_ref(), &names, "tier");
        let initial_tenure =
            self.tenure("reseller.initial_tenure_months", raw.initial_tenure_months.as_ref(), &names, "tier");
        let arrival_mix = self.mix("reseller.arrival_mix", raw.arrival_mix.as_ref(), &names, "tier");
        let kickback = raw.kickback.unwrap_or(RawKickback {
            first_order: None,
            recurring: None,
            premium: None,
            premium_volume: None,
        });
        Reseller {
            tiers,
            initial_customers,
            initial_tenure,
            arrivals: self.param_or("reseller.arrivals", raw.arrivals.as_ref(), 0.0),
            arrivals_growth: self.param_or("reseller.arrivals_growth", raw.arrivals_growth.as_ref(), 0.0),
            referral_rate: self.param_or("reseller.referral_rate", raw.referral_rate.as_ref(), 0.0),
            arrival_mix,
            churn: self.churn("reseller.churn", raw.churn.as_ref()),
            spend_growth: self.param_or("reseller.spend_growth", raw.spend_growth.as_ref(), 0.0),
            spend_volatility: self.param_or("reseller.spend_volatility", raw.spend_volatility.as_ref(), 0.0),
            kickback: Kickback {
                first_order: self.param_or("reseller.kickback.first_order", kickback.first_order.as_ref(), 0.0),
                recurring: self.param_or("reseller.kickback.recurring", kickback.recurring.as_ref(), 0.0),
                premium: self.param_or("reseller.kickback.premium", kickback.premium.as_ref(), 0.0),
                premium_volume: kickback
                    .premium_volume
                    .as_ref()
                    .map(|v| self.param("reseller.kickback.premium_volume", v)),
            },
        }
    }

    pub(super) fn tier(&mut self, key: &str, name: &str, raw: &RawTier, names: &[String]) -> Tier {
        Tier {
            name: name.to_string(),
            markup: self.param(&format!("{key}.markup"), &raw.markup),
            minimum: self.param_or(&format!("{key}.minimum"), raw.minimum.as_ref(), 0.0),
            spend: self.spend(&format!("{key}.spend"), &raw.spend),
            support_hours: self.param_or(&format!("{key}.support_hours"), raw.support_hours.as_ref(), 0.0),
            upgrade: raw.upgrade.as_ref().and_then(|u| self.upgrade(&format!("{key}.upgrade"), name, u, names, "tier")),
        }
    }

    pub(super) fn spend(&mut self, key: &str, raw: &RawValue) -> Spend {
        const FORMS: &str = "a number of dollars a month (every customer the same) or { median = 120, ci90 = [60, 300] } \
                             or { ci90 = [60, 300] }, from 0 to 1e9";
        match raw.get_ref() {
            toml::Value::Table(t) => {
                // `{ lognormal = { ... } }`, the general form, means the same.
                let t = match (t.len(), t.get("lognormal")) {
                    (1, Some(toml::Value::Table(inner))) => inner,
                    _ => t,
                };
                // The median may itself be uncertain (a distribution drawn once per
                // trajectory); the interval then sets only the spread around its centre.
                let uncertain = match t.get("median") {
                    Some(m @ toml::Value::Table(_)) => {
                        let at = span(raw).unwrap_or_default();
                        Some(self.param(&format!("{key}.median"), &Spanned::new(at, m.clone())))
                    }
                    _ => None,
                };
                // A distribution's centre must lie inside the interval (a median of { ci90 =
                // [400, 500] } beside customers spread over [60, 300] is a slip); medians drawn
                // from parameter sets (a calibration's posterior) are draws, which the data may
                // have moved anywhere, and the interval gives only their customers' spread
                // (the spread never depends on where the median is).
                let centred;
                let t = match &uncertain {
                    Some(median) => {
                        let mut table = t.clone();
                        if median.column().is_some() {
                            table.remove("median");
                        } else {
                            table.insert("median".into(), toml::Value::Float(median.central()));
                        }
                        centred = table;
                        &centred
                    }
                    None => t,
                };
                let Some(d) = self.lognormal_table(key, span(raw), t, FORMS) else {
                    return Spend::Fixed(0.0);
                };
                let high = d.quantile(0.95);
                if high > MAX_MONEY {
                    let message = format!("its 90% interval reaches {} a month", compact(high));
                    self.problem(key, span(raw), message, FORMS);
                    return Spend::Fixed(0.0);
                }
                d.lognormal_median_sigma().map_or(Spend::Fixed(0.0), |(centre, sigma)| {
                    // A fixed median is the lognormal's own (exp of its log), as it always was.
                    let median = uncertain.unwrap_or_else(|| self.param_or(&format!("{key}.median"), None, centre));
                    Spend::LogNormal { median, sigma }
                })
            }
            value => match as_number(value) {
                Some(v) if v.is_finite() && (0.0..=MAX_MONEY).contains(&v) => Spend::Fixed(v),
                _ => {
                    self.problem(key, span(raw), format!("{} is not a valid spend", describe(value)), FORMS);
                    Spend::Fixed(0.0)
                }
            },
        }
    }
}
