//! `[affiliate]`: one programme's keys directly, or `[affiliate.programmes.NAME]` tables
//! (never both); each programme's plans, signups, plan mix, commission terms, payout
//! threshold and delay, initial subscribers and balance, and its share of the content's
//! signups.

use toml::Spanned;

use super::{MAX_NAMED, Validator, span};
use crate::distribution::Param;
use crate::scenario::keys::MAX_MONEY;
use crate::scenario::model::{Affiliate, Commission, Plan, Programme};
use crate::scenario::read::raw::{RawAffiliate, RawCommission, RawPlan, RawProgramme};
use crate::text::number::compact;

impl Validator {
    pub(super) fn affiliate(&mut self, mut raw: RawAffiliate, start: i64, horizon: i64) -> Affiliate {
        let content = raw.content.take().map(|c| self.content(c, start, horizon));
        let Some(programmes) = raw.programmes.take() else {
            let programme = self.programme("affiliate", "affiliate", raw.take_programme(), None);
            return Affiliate { programmes: vec![programme], named: false, content };
        };
        if raw.has_programme_keys() {
            self.problem(
                "affiliate",
                span(&programmes),
                "mixes a single programme's keys with [affiliate.programmes.NAME] tables".into(),
                "move plans, commission, signups and the other programme keys into each [affiliate.programmes.NAME], \
                 or drop the programme tables",
            );
        }
        if programmes.get_ref().is_empty() {
            self.problem(
                "affiliate.programmes",
                span(&programmes),
                "no programmes are defined".into(),
                "add an [affiliate.programmes.NAME] table per programme",
            );
        }
        let share = content.as_ref().map(|_| Param::ZERO);
        let at = span(&programmes);
        let mut spans = Vec::new();
        let list: Vec<Programme> = programmes
            .into_inner()
            .into_iter()
            .map(|(name, p)| {
                spans.push(span(&name));
                let key = self.named_key("affiliate.programmes", &name, "programme");
                self.programme(&key, name.get_ref(), p, share.clone())
            })
            .collect();
        if content.is_some() {
            self.check_shares(&list, at);
        }
        let affiliate = Affiliate { programmes: list, named: true, content };
        self.check_series_parts(&affiliate, &spans);
        affiliate
    }

    /// A programme's series (`subscribers.NAME`) and a plan's (`subscribers.PROGRAMME.PLAN`)
    /// must not share a key: a programme named `a.b` beside a programme `a` with a plan `b`
    /// would make one hide the other in every output and a target on it ambiguous.
    fn check_series_parts(&mut self, affiliate: &Affiliate, spans: &[Option<std::ops::Range<usize>>]) {
        let mut seen: Vec<(String, String)> = Vec::new();
        for (i, programme) in affiliate.programmes.iter().enumerate() {
            let key = format!("affiliate.programmes.{}", programme.name);
            let mut places = vec![(programme.name.clone(), format!("programme `{}` ({key})", programme.name))];
            for plan in &programme.plans {
                let place =
                    format!("plan `{}` of programme `{}` ({key}.plans.{})", plan.name, programme.name, plan.name);
                places.push((affiliate.plan_part(programme, plan), place));
            }
            for (part, place) in places {
                if let Some((_, first)) = seen.iter().find(|(p, _)| *p == part) {
                    self.problem(
                        &key,
                        spans.get(i).cloned().flatten(),
                        format!("the series `subscribers.{part}` of {place} is also the series of {first}"),
                        "rename one of them: a programme's series are METRIC.PROGRAMME and its plans' \
                         subscribers.PROGRAMME.PLAN, so a name with a dot can take another's place",
                    );
                } else {
                    seen.push((part, place));
                }
            }
        }
    }

    /// The content's signups are split by share: the shares' means may not exceed 1, and
    /// with content someone must receive them.
    fn check_shares(&mut self, programmes: &[Programme], at: Option<std::ops::Range<usize>>) {
        let total: f64 = programmes.iter().map(|p| p.share.central()).sum();
        // Shares drawn from parameter sets (a calibration's posterior) are draws, not the
        // user's intent: a trajectory whose shares exceed 1 has them scaled down to 1 by the
        // engine, as any trajectory's are.
        let drawn = programmes.iter().any(|p| p.share.column().is_some());
        if total > 1.0 + 1e-9 && !drawn {
            self.problem(
                "affiliate.programmes",
                at,
                format!("the programmes' shares of the content's signups add up to {total:.3}"),
                "shares are fractions of the same signups: give shares that add up to 1 or less",
            );
        } else if total == 0.0 && !programmes.iter().any(|p| p.share.is_uncertain()) {
            self.problem(
                "affiliate.programmes",
                at,
                "no programme has a share of the content's signups".into(),
                "give each programme a `share` (e.g. 0.6 and 0.4) of the signups the content sends",
            );
        }
    }

    /// One programme; `share` is `None` in the single-programme form (all the content's
    /// signups), else the default share when none is given.
    fn programme(&mut self, key: &str, name: &str, raw: RawProgramme, share: Option<Param>) -> Programme {
        let names: Vec<String> =
            raw.plans.as_ref().map(|p| p.get_ref().keys().map(|k| k.get_ref().clone()).collect()).unwrap_or_default();
        if names.is_empty() {
            self.problem(
                &format!("{key}.plans"),
                raw.plans.as_ref().and_then(span),
                "no plans are defined".into(),
                &format!("add a [{key}.plans.NAME] table with a price"),
            );
        }
        if names.len() > MAX_NAMED {
            let message = format!("{} plans are defined; at most {MAX_NAMED}", names.len());
            let at = raw.plans.as_ref().and_then(span);
            self.problem(&format!("{key}.plans"), at, message, "each plan adds a series to every output");
        }
        let plans =
            raw.plans.iter().flat_map(|p| p.get_ref().iter()).map(|(n, p)| self.plan(key, n, p, &names)).collect();
        let share = match (share, &raw.share) {
            (None, _) => Param::fixed(1.0).unwrap_or(Param::ZERO),
            (Some(default), None) => default,
            (Some(_), Some(v)) => self.param(&format!("{key}.share"), v),
        };
        Programme {
            name: name.to_string(),
            share,
            signups: self.param_or(&format!("{key}.signups"), raw.signups.as_ref(), 0.0),
            signups_growth: self.param_or(&format!("{key}.signups_growth"), raw.signups_growth.as_ref(), 0.0),
            plan_mix: self.mix(&format!("{key}.plan_mix"), raw.plan_mix.as_ref(), &names, "plan"),
            initial_tenure: self.tenure(
                &format!("{key}.initial_tenure_months"),
                raw.initial_tenure_months.as_ref(),
                &names,
                "plan",
            ),
            initial_subscribers: self.counts(
                &format!("{key}.initial_subscribers"),
                raw.initial_subscribers.as_ref(),
                &names,
                "plan",
            ),
            plans,
            payout_threshold: self.param_or(&format!("{key}.payout_threshold"), raw.payout_threshold.as_ref(), 0.0),
            payout_delay_months: raw
                .payout_delay_months
                .as_ref()
                .map_or(0, |d| self.whole(&format!("{key}.payout_delay_months"), Some(d), 0) as u32),
            commission: self.commission(key, raw.commission),
            initial_balance: self.balance(key, raw.initial_balance.as_ref()),
        }
    }

    fn plan(&mut self, programme: &str, name: &Spanned<String>, p: &RawPlan, names: &[String]) -> Plan {
        let key = self.named_key(&format!("{programme}.plans"), name, "plan");
        Plan {
            name: name.get_ref().clone(),
            price: self.param(&format!("{key}.price"), &p.price),
            premium: p.premium.unwrap_or(false),
            churn: self.churn(&format!("{key}.churn"), p.churn.as_ref()),
            upgrade: p
                .upgrade
                .as_ref()
                .and_then(|u| self.upgrade(&format!("{key}.upgrade"), name.get_ref(), u, names, "plan")),
        }
    }

    fn commission(&mut self, programme: &str, raw: Option<RawCommission>) -> Commission {
        let c = raw.unwrap_or(RawCommission {
            first_order: None,
            recurring: None,
            premium: None,
            bounty: None,
            recurring_months: None,
        });
        let key = format!("{programme}.commission");
        Commission {
            first_order: self.param_or(&format!("{key}.first_order"), c.first_order.as_ref(), 0.0),
            recurring: self.param_or(&format!("{key}.recurring"), c.recurring.as_ref(), 0.0),
            premium: self.param_or(&format!("{key}.premium"), c.premium.as_ref(), 0.0),
            bounty: self.param_or(&format!("{key}.bounty"), c.bounty.as_ref(), 0.0),
            recurring_months: c
                .recurring_months
                .as_ref()
                .map(|m| self.whole(&format!("{key}.recurring_months"), Some(m), 0) as u32),
        }
    }

    fn balance(&mut self, programme: &str, raw: Option<&Spanned<f64>>) -> f64 {
        raw.map_or(0.0, |b| {
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
                    &format!("{programme}.initial_balance"),
                    span(b),
                    format!("{} {what}", compact(v)),
                    "the unpaid balance is dollars from 0 to 1e9",
                );
                return 0.0;
            }
            v
        })
    }
}
