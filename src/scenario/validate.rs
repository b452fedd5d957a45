//! Turns a [`RawScenario`] into a [`Scenario`], collecting every problem in one pass.
//!
//! Each check names the dotted key, the value, the rule and the fix. A distribution given
//! for a bounded quantity (a rate in [0, 1], a count that cannot be negative) is rejected
//! when it puts more than [`MAX_MASS_OUTSIDE`] of its draws outside the allowed range;
//! draws from an accepted one are clamped into the range by the engine.

use std::ops::Range;

use toml::Spanned;

use super::error::Problem;
use super::model::*;
use super::raw::*;
use crate::distribution::{Distribution, Param};
use crate::metric::Metric;

/// Largest probability a parameter's distribution may put outside the parameter's range.
pub const MAX_MASS_OUTSIDE: f64 = 1e-6;
/// Longest horizon accepted: 50 years of months.
pub const MAX_HORIZON: i64 = 600;

/// The values a number may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// A probability or commission rate, in [0, 1].
    Rate,
    /// Counts, prices, hours: zero or more.
    NonNegative,
    /// A monthly growth rate: above -1 (-100%).
    Growth,
}

impl Domain {
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Domain::Rate => (0.0, 1.0),
            Domain::NonNegative => (0.0, f64::INFINITY),
            Domain::Growth => (-1.0, f64::INFINITY),
        }
    }

    fn contains(self, v: f64) -> bool {
        let (lo, hi) = self.bounds();
        match self {
            Domain::Growth => v > lo && v <= hi,
            _ => v >= lo && v <= hi,
        }
    }

    fn rule(self) -> &'static str {
        match self {
            Domain::Rate => "a rate between 0 and 1 (0.1 = 10%)",
            Domain::NonNegative => "a number of zero or more",
            Domain::Growth => "a monthly growth rate above -1 (0.02 = +2% a month)",
        }
    }
}

/// Validates a whole scenario.
///
/// # Errors
/// Every problem found, in file order where possible.
pub fn validate(mut raw: RawScenario) -> Result<Scenario, Vec<Problem>> {
    let mut v = Validator::default();
    v.merge_start(&mut raw);
    let scenario = v.scenario(raw);
    // File order; problems without a place go last.
    v.problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    if v.problems.is_empty() { Ok(scenario) } else { Err(v.problems) }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

fn span<T>(s: &Spanned<T>) -> Option<Range<usize>> {
    Some(s.span())
}

impl Validator {
    fn problem(&mut self, key: &str, span: Option<Range<usize>>, message: String, help: &str) {
        let mut p = Problem::new(key, span, message);
        if !help.is_empty() {
            p = p.help(help);
        }
        self.problems.push(p);
    }

    /// Moves `[start]` into `start_month` and the streams' `initial_*` keys; giving both
    /// spellings of one value, or a value for a stream the scenario lacks, is a problem.
    fn merge_start(&mut self, raw: &mut RawScenario) {
        let Some(start) = raw.start.take() else { return };
        let at = span(&start);
        let start = start.into_inner();
        if let Some(month) = start.month {
            self.place("start.month", &at, Some(&mut raw.start_month), month);
        }
        if let Some(customers) = start.customers {
            let slot = raw.reseller.as_mut().map(|r| &mut r.initial_customers);
            self.place("start.customers", &at, slot, customers);
        }
        if let Some(subscribers) = start.subscribers {
            let slot = raw.affiliate.as_mut().map(|a| &mut a.initial_subscribers);
            self.place("start.subscribers", &at, slot, subscribers);
        }
        if let Some(balance) = start.balance {
            let slot = raw.affiliate.as_mut().map(|a| &mut a.initial_balance);
            self.place("start.balance", &at, slot, balance);
        }
    }

    fn place<T>(&mut self, key: &str, at: &Option<Range<usize>>, slot: Option<&mut Option<T>>, value: T) {
        match slot {
            None => self.problem(
                key,
                at.clone(),
                "has no stream to describe".into(),
                "add the [reseller] or [affiliate] section it belongs to",
            ),
            Some(Some(_)) => self.problem(
                key,
                at.clone(),
                "is given twice".into(),
                "give it either in [start] or in its own section, not both",
            ),
            Some(slot) => *slot = Some(value),
        }
    }

    fn scenario(&mut self, raw: RawScenario) -> Scenario {
        let horizon = self.whole("horizon_months", raw.horizon_months.as_ref(), 1, MAX_HORIZON, DEFAULT_HORIZON as i64);
        let trajectories =
            self.whole("trajectories", raw.trajectories.as_ref(), 1, i64::from(u32::MAX), DEFAULT_TRAJECTORIES as i64);
        let seed = self.whole("seed", raw.seed.as_ref(), 0, i64::MAX, DEFAULT_SEED as i64);
        let start_month = self.whole("start_month", raw.start_month.as_ref(), 1, 10_000, 1);
        if raw.reseller.is_none() && raw.affiliate.is_none() {
            self.problem(
                "reseller",
                None,
                "the scenario has neither a [reseller] nor an [affiliate] section".into(),
                "add at least one of them; see scenarios/reseller.toml and scenarios/affiliate.toml",
            );
        }
        let name = raw.name.map_or_else(|| "Untitled scenario".to_string(), |n| n.into_inner());
        let reseller = raw.reseller.map(|r| self.reseller(r));
        let affiliate = raw.affiliate.map(|a| self.affiliate(a));
        let effort = self.effort(raw.effort);
        let targets =
            raw.targets.iter().enumerate().filter_map(|(i, t)| self.target(i, t, start_month, horizon)).collect();
        Scenario {
            name,
            horizon_months: horizon as usize,
            trajectories: trajectories as usize,
            seed: seed as u64,
            start_month: start_month as u32,
            reseller,
            affiliate,
            effort,
            targets,
        }
    }

    /// A whole number within `[min, max]`, or the default when absent.
    fn whole(&mut self, key: &str, raw: Option<&Spanned<i64>>, min: i64, max: i64, default: i64) -> i64 {
        let Some(raw) = raw else { return default };
        let value = *raw.get_ref();
        if value < min || value > max {
            let allowed = if max == i64::MAX { format!("at least {min}") } else { format!("from {min} to {max}") };
            self.problem(key, span(raw), format!("{value} is out of range"), &format!("use a whole number {allowed}"));
            return default;
        }
        value
    }

    fn reseller(&mut self, raw: RawReseller) -> Reseller {
        let names: Vec<String> = raw.tiers.get_ref().keys().map(|k| k.get_ref().clone()).collect();
        if names.is_empty() {
            self.problem(
                "reseller.tiers",
                span(&raw.tiers),
                "no tiers are defined".into(),
                "add a [reseller.tiers.NAME] table",
            );
        }
        let tiers = raw
            .tiers
            .get_ref()
            .iter()
            .map(|(name, t)| self.tier(&format!("reseller.tiers.{}", name.get_ref()), name.get_ref(), t, &names))
            .collect();
        let initial_customers =
            self.counts("reseller.initial_customers", raw.initial_customers.as_ref(), &names, "tier");
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
            arrivals: self.param_or("reseller.arrivals", raw.arrivals.as_ref(), Domain::NonNegative, 0.0),
            arrivals_growth: self.param_or(
                "reseller.arrivals_growth",
                raw.arrivals_growth.as_ref(),
                Domain::Growth,
                0.0,
            ),
            referral_rate: self.param_or(
                "reseller.referral_rate",
                raw.referral_rate.as_ref(),
                Domain::NonNegative,
                0.0,
            ),
            arrival_mix,
            churn: self.churn("reseller.churn", raw.churn.as_ref()),
            spend_growth: self.param_or("reseller.spend_growth", raw.spend_growth.as_ref(), Domain::Growth, 0.0),
            spend_volatility: self.param_or(
                "reseller.spend_volatility",
                raw.spend_volatility.as_ref(),
                Domain::NonNegative,
                0.0,
            ),
            kickback: Kickback {
                first_order: self.param_or(
                    "reseller.kickback.first_order",
                    kickback.first_order.as_ref(),
                    Domain::Rate,
                    0.0,
                ),
                recurring: self.param_or("reseller.kickback.recurring", kickback.recurring.as_ref(), Domain::Rate, 0.0),
                premium: self.param_or("reseller.kickback.premium", kickback.premium.as_ref(), Domain::Rate, 0.0),
                premium_volume: kickback
                    .premium_volume
                    .as_ref()
                    .map(|v| self.param("reseller.kickback.premium_volume", v, Domain::NonNegative)),
            },
        }
    }

    fn tier(&mut self, key: &str, name: &str, raw: &RawTier, names: &[String]) -> Tier {
        Tier {
            name: name.to_string(),
            markup: self.param(&format!("{key}.markup"), &raw.markup, Domain::NonNegative),
            minimum: self.param_or(&format!("{key}.minimum"), raw.minimum.as_ref(), Domain::NonNegative, 0.0),
            spend: self.spend(&format!("{key}.spend"), &raw.spend),
            support_hours: self.param_or(
                &format!("{key}.support_hours"),
                raw.support_hours.as_ref(),
                Domain::NonNegative,
                0.0,
            ),
            upgrade: raw.upgrade.as_ref().and_then(|u| self.upgrade(&format!("{key}.upgrade"), name, u, names, "tier")),
        }
    }

    fn upgrade(&mut self, key: &str, from: &str, raw: &RawUpgrade, names: &[String], what: &str) -> Option<Upgrade> {
        let probability = self.param(&format!("{key}.probability"), &raw.probability, Domain::Rate);
        let within_months = raw.within_months.as_ref().map_or(1.0, |w| *w.get_ref());
        if !(within_months.is_finite() && within_months > 0.0) {
            let w = raw.within_months.as_ref().and_then(span);
            self.problem(
                &format!("{key}.within_months"),
                w,
                format!("{within_months} is not a positive number of months"),
                "use e.g. 3 for \"35% within 3 months\"",
            );
        }
        let to = raw.to.get_ref();
        let index = self.reference(&format!("{key}.to"), &raw.to, names, what)?;
        if to == from {
            self.problem(
                &format!("{key}.to"),
                span(&raw.to),
                format!("a {what} cannot upgrade to itself"),
                "name another one",
            );
            return None;
        }
        Some(Upgrade { to: index, probability, within_months })
    }

    /// The index of a named tier or plan.
    fn reference(&mut self, key: &str, raw: &Spanned<String>, names: &[String], what: &str) -> Option<usize> {
        let name = raw.get_ref();
        let found = names.iter().position(|n| n == name);
        if found.is_none() {
            let help = format!(
                "defined {what}s: {}{}",
                names.join(", "),
                did_you_mean(name, names.iter().map(String::as_str))
            );
            self.problem(key, span(raw), format!("{what} `{name}` is not defined"), &help);
        }
        found
    }

    /// Per-name whole counts, in the order of `names`.
    fn counts(&mut self, key: &str, raw: Option<&Named<Spanned<i64>>>, names: &[String], what: &str) -> Vec<u32> {
        let mut out = vec![0; names.len()];
        for (name, count) in raw.into_iter().flatten() {
            let Some(i) = self.reference(&format!("{key}.{}", name.get_ref()), name, names, what) else {
                continue;
            };
            match u32::try_from(*count.get_ref()) {
                Ok(c) => out[i] = c,
                Err(_) => self.problem(
                    &format!("{key}.{}", name.get_ref()),
                    span(count),
                    format!("{} is not a count", count.get_ref()),
                    "use a whole number of zero or more",
                ),
            }
        }
        out
    }

    /// Normalised weights in the order of `names`; without a mix, everything goes to the first.
    fn mix(&mut self, key: &str, raw: Option<&Spanned<Named<Spanned<f64>>>>, names: &[String], what: &str) -> Vec<f64> {
        let mut weights = vec![0.0; names.len()];
        let Some(raw) = raw else {
            if let Some(first) = weights.first_mut() {
                *first = 1.0;
            }
            return weights;
        };
        let before = self.problems.len();
        for (name, weight) in raw.get_ref() {
            let Some(i) = self.reference(&format!("{key}.{}", name.get_ref()), name, names, what) else {
                continue;
            };
            let w = *weight.get_ref();
            if !(w.is_finite() && w >= 0.0) {
                self.problem(
                    &format!("{key}.{}", name.get_ref()),
                    span(weight),
                    format!("weight {w} is negative"),
                    "weights are zero or more; they are normalised to sum to 1",
                );
            } else {
                weights[i] = w;
            }
        }
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            if self.problems.len() > before {
                return weights; // an unknown name already explains the empty mix
            }
            self.problem(
                key,
                span(raw),
                "the weights do not sum to a positive total".into(),
                &format!(
                    "give at least one {what} a positive weight, e.g. {{ {} = 1 }}",
                    names.first().map_or("name", String::as_str)
                ),
            );
            return weights;
        }
        weights.iter().map(|w| w / total).collect()
    }

    fn churn(&mut self, key: &str, raw: Option<&RawValue>) -> Churn {
        let Some(raw) = raw else {
            return Churn::Constant(Param::Fixed(0.0));
        };
        if let toml::Value::Table(t) = raw.get_ref()
            && let Some(v) = t.get("sbg")
        {
            let shapes = self.numbers(key, span(raw), "sbg", v, 2, "[alpha, beta], e.g. { sbg = [0.7, 1.2] }");
            if t.len() > 1 {
                self.problem(
                    key,
                    span(raw),
                    "`sbg` must be the only key of the table".into(),
                    "use { sbg = [alpha, beta] }",
                );
            }
            let Some(s) = shapes else {
                return Churn::Constant(Param::Fixed(0.0));
            };
            if s[0] <= 0.0 || s[1] <= 0.0 {
                self.problem(
                    key,
                    span(raw),
                    format!("sbg shapes must be positive (got {}, {})", s[0], s[1]),
                    "fit them from your cohorts with `sidecast fit retention`",
                );
            }
            return Churn::ShiftedBetaGeometric { alpha: Param::Fixed(s[0]), beta: Param::Fixed(s[1]) };
        }
        Churn::Constant(self.param(key, raw, Domain::Rate))
    }

    fn spend(&mut self, key: &str, raw: &RawValue) -> Spend {
        const FORMS: &str =
            "a number (every customer the same) or { median = 120, ci90 = [60, 300] } or { ci90 = [60, 300] }";
        match raw.get_ref() {
            toml::Value::Table(t) => {
                for k in t.keys().filter(|k| *k != "median" && *k != "ci90") {
                    self.problem(
                        key,
                        span(raw),
                        format!("unknown key `{k}` in a spend distribution{}", did_you_mean(k, ["median", "ci90"])),
                        FORMS,
                    );
                }
                let median = match t.get("median") {
                    Some(m) => match as_number(m) {
                        Some(m) => Some(m),
                        None => {
                            self.problem(
                                &format!("{key}.median"),
                                span(raw),
                                "the median is not a number".into(),
                                FORMS,
                            );
                            return Spend::Fixed(0.0);
                        }
                    },
                    None => None,
                };
                let Some(ci) = t.get("ci90") else {
                    self.problem(key, span(raw), "a spend distribution needs `ci90`".into(), FORMS);
                    return Spend::Fixed(0.0);
                };
                let Some(ci) = self.numbers(key, span(raw), "ci90", ci, 2, "[low, high]") else {
                    return Spend::Fixed(0.0);
                };
                match Distribution::lognormal_ci90(median, ci[0], ci[1]) {
                    Ok(Distribution::LogNormal { mu, sigma }) => Spend::LogNormal { median: mu.exp(), sigma },
                    Ok(_) => Spend::Fixed(0.0),
                    Err(e) => {
                        self.problem(key, span(raw), format!("invalid spend distribution: {e}"), FORMS);
                        Spend::Fixed(0.0)
                    }
                }
            }
            value => match as_number(value) {
                Some(v) if v.is_finite() && v >= 0.0 => Spend::Fixed(v),
                _ => {
                    self.problem(key, span(raw), format!("{} is not a valid spend", describe(value)), FORMS);
                    Spend::Fixed(0.0)
                }
            },
        }
    }

    fn affiliate(&mut self, raw: RawAffiliate) -> Affiliate {
        let names: Vec<String> = raw.plans.get_ref().keys().map(|k| k.get_ref().clone()).collect();
        if names.is_empty() {
            self.problem(
                "affiliate.plans",
                span(&raw.plans),
                "no plans are defined".into(),
                "add an [affiliate.plans.NAME] table with a price",
            );
        }
        let plans = raw
            .plans
            .get_ref()
            .iter()
            .map(|(name, p)| {
                let key = format!("affiliate.plans.{}", name.get_ref());
                Plan {
                    name: name.get_ref().clone(),
                    price: self.param(&format!("{key}.price"), &p.price, Domain::NonNegative),
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
            if !(v.is_finite() && v >= 0.0) {
                self.problem(
                    "affiliate.initial_balance",
                    span(b),
                    format!("{v} is negative"),
                    "the unpaid balance is zero or more dollars",
                );
            }
            v
        });
        Affiliate {
            signups: self.param_or("affiliate.signups", raw.signups.as_ref(), Domain::NonNegative, 0.0),
            signups_growth: self.param_or("affiliate.signups_growth", raw.signups_growth.as_ref(), Domain::Growth, 0.0),
            plan_mix: self.mix("affiliate.plan_mix", raw.plan_mix.as_ref(), &names, "plan"),
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
                Domain::NonNegative,
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
                bounty: self.param_or("affiliate.commission.bounty", c.bounty.as_ref(), Domain::NonNegative, 0.0),
                recurring_months,
            },
            initial_balance,
        }
    }

    fn effort(&mut self, raw: Option<RawEffort>) -> Effort {
        let raw = raw.unwrap_or(RawEffort {
            fixed_hours: None,
            setup_hours: None,
            onboarding_hours: None,
            content_hours: None,
        });
        let setup_hours = match &raw.setup_hours {
            None => Vec::new(),
            Some(s) => match s.get_ref() {
                toml::Value::Array(items) => {
                    items.iter().filter_map(|x| self.hours("effort.setup_hours", s, x)).collect()
                }
                x => self.hours("effort.setup_hours", s, x).into_iter().collect(),
            },
        };
        Effort {
            fixed_hours: self.param_or("effort.fixed_hours", raw.fixed_hours.as_ref(), Domain::NonNegative, 0.0),
            setup_hours,
            onboarding_hours: self.param_or(
                "effort.onboarding_hours",
                raw.onboarding_hours.as_ref(),
                Domain::NonNegative,
                0.0,
            ),
            content_hours: self.param_or("effort.content_hours", raw.content_hours.as_ref(), Domain::NonNegative, 0.0),
        }
    }

    fn hours(&mut self, key: &str, raw: &RawValue, value: &toml::Value) -> Option<f64> {
        match as_number(value) {
            Some(h) if h.is_finite() && h >= 0.0 => Some(h),
            _ => {
                self.problem(
                    key,
                    span(raw),
                    format!("{} is not a number of hours", describe(value)),
                    "use hours of zero or more: a number for month 1, or a list by month like [18, 6, 4]",
                );
                None
            }
        }
    }

    /// Target months are calendar months: `start_month` to `start_month + horizon - 1`.
    fn target(&mut self, index: usize, raw: &RawTarget, start: i64, horizon: i64) -> Option<Target> {
        let key = format!("targets[{index}]");
        let name = raw.metric.get_ref();
        let metric = Metric::from_key(name);
        if metric.is_none() {
            let keys = Metric::keys();
            let help = format!("metrics: {}{}", keys.join(", "), did_you_mean(name, keys.iter().copied()));
            self.problem(&format!("{key}.metric"), span(&raw.metric), format!("unknown metric `{name}`"), &help);
        }
        let at_least = *raw.at_least.get_ref();
        if !at_least.is_finite() {
            self.problem(
                &format!("{key}.at_least"),
                span(&raw.at_least),
                "the target is not a finite number".into(),
                "use a number such as 700",
            );
        }
        let month = match &raw.month {
            Some(m) if !(start..start + horizon).contains(m.get_ref()) => {
                let last = start + horizon - 1;
                self.problem(
                    &format!("{key}.month"),
                    span(m),
                    format!("month {} is outside the simulated months", m.get_ref()),
                    &format!("use a month from {start} to {last}, or leave it out for \"by the end\""),
                );
                None
            }
            Some(m) => Some((*m.get_ref() - start + 1) as usize),
            None => None,
        };
        Some(Target { metric: metric?, at_least, month })
    }

    fn param_or(&mut self, key: &str, raw: Option<&RawValue>, domain: Domain, default: f64) -> Param {
        raw.map_or(Param::Fixed(default), |r| self.param(key, r, domain))
    }

    /// A number or a distribution table, checked against its domain.
    pub(super) fn param(&mut self, key: &str, raw: &RawValue, domain: Domain) -> Param {
        match raw.get_ref() {
            toml::Value::Table(t) => {
                let Some(distribution) = self.distribution(key, span(raw), t) else {
                    return Param::Fixed(0.0);
                };
                let (lo, hi) = domain.bounds();
                let outside = distribution.mass_outside(lo, hi);
                if outside > MAX_MASS_OUTSIDE {
                    let help = match (domain, moment_matched_beta(&distribution)) {
                        (Domain::Rate, Some((a, b))) => format!(
                            "{}; a beta with the same mean and spread is {{ beta = [{a:.3}, {b:.3}] }}",
                            domain.rule()
                        ),
                        _ => format!("{}; pick a distribution that stays in range", domain.rule()),
                    };
                    self.problem(
                        key,
                        span(raw),
                        format!("{distribution} puts {} of its draws outside the allowed range", percent(outside)),
                        &help,
                    );
                }
                Param::Uncertain { key: key.to_string(), distribution, bounds: (lo, hi) }
            }
            value => {
                match as_number(value) {
                    Some(v) if v.is_finite() && domain.contains(v) => Param::Fixed(v),
                    Some(v) => {
                        self.problem(key, span(raw), format!("{v} is out of range"), &format!("use {}", domain.rule()));
                        Param::Fixed(0.0)
                    }
                    None => {
                        self.problem(key, span(raw), format!("expected a number or a distribution, found {}", describe(value)), &format!("use {}, or a distribution such as {{ beta = [2, 18] }} or {{ uniform = [0.05, 0.15] }}", domain.rule()));
                        Param::Fixed(0.0)
                    }
                }
            }
        }
    }

    fn distribution(&mut self, key: &str, at: Option<Range<usize>>, table: &toml::Table) -> Option<Distribution> {
        const FORMS: [&str; 6] = ["beta", "uniform", "normal", "lognormal", "triangular", "ci90"];
        let help = "distributions: { beta = [a, b] }, { uniform = [low, high] }, { normal = [mean, sd] }, { lognormal = { median = m, ci90 = [low, high] } }, { triangular = [min, mode, max] }, { ci90 = [low, high] }";
        let mut entries = table.iter();
        let (Some((form, value)), None) = (entries.next(), entries.next()) else {
            self.problem(key, at, "a distribution table needs exactly one key".into(), help);
            return None;
        };
        let numbers = |v: &mut Self, n: usize, shape: &str| v.numbers(key, at.clone(), form, value, n, shape);
        let built = match form.as_str() {
            "beta" => numbers(self, 2, "[a, b]").map(|x| Distribution::beta(x[0], x[1])),
            "uniform" => numbers(self, 2, "[low, high]").map(|x| Distribution::uniform(x[0], x[1])),
            "normal" => numbers(self, 2, "[mean, sd]").map(|x| Distribution::normal(x[0], x[1])),
            "triangular" => numbers(self, 3, "[min, mode, max]").map(|x| Distribution::triangular(x[0], x[1], x[2])),
            "ci90" => numbers(self, 2, "[low, high]").map(|x| Distribution::lognormal_ci90(None, x[0], x[1])),
            "lognormal" => self.lognormal(key, at.clone(), value),
            other => {
                self.problem(key, at, format!("unknown distribution `{other}`{}", did_you_mean(other, FORMS)), help);
                return None;
            }
        }?;
        built.map_err(|e| self.problem(key, at, format!("invalid {form} distribution: {e}"), help)).ok()
    }

    fn lognormal(
        &mut self,
        key: &str,
        at: Option<Range<usize>>,
        value: &toml::Value,
    ) -> Option<Result<Distribution, crate::distribution::DistributionError>> {
        let shape = "{ lognormal = { median = m, ci90 = [low, high] } }";
        let toml::Value::Table(t) = value else {
            self.problem(key, at, "lognormal takes a table".into(), shape);
            return None;
        };
        let median = t.get("median").and_then(as_number);
        let ci = self.numbers(key, at, "ci90", t.get("ci90").unwrap_or(&toml::Value::Boolean(false)), 2, shape)?;
        Some(Distribution::lognormal_ci90(median, ci[0], ci[1]))
    }

    /// An array of exactly `n` numbers.
    fn numbers(
        &mut self,
        key: &str,
        at: Option<Range<usize>>,
        form: &str,
        value: &toml::Value,
        n: usize,
        shape: &str,
    ) -> Option<Vec<f64>> {
        let parsed: Option<Vec<f64>> = match value {
            toml::Value::Array(items) if items.len() == n => items.iter().map(as_number).collect(),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(key, at, format!("`{form}` needs {n} numbers"), &format!("write {form} = {shape}"));
        }
        parsed
    }
}

fn as_number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("the text \"{s}\""),
        toml::Value::Boolean(b) => format!("the boolean {b}"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
        toml::Value::Datetime(_) => "a date".into(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
    }
}

fn percent(p: f64) -> String {
    if p >= 0.001 { format!("{:.1}%", p * 100.0) } else { format!("{:.2e}", p) }
}

/// Beta(a, b) with the same mean and variance, when one exists.
fn moment_matched_beta(d: &Distribution) -> Option<(f64, f64)> {
    let mean = d.mean();
    let sd = (d.quantile(0.8413) - d.quantile(0.1587)) / 2.0;
    let common = mean * (1.0 - mean) / (sd * sd) - 1.0;
    (mean > 0.0 && mean < 1.0 && common > 0.0).then_some((mean * common, (1.0 - mean) * common))
}

/// " (did you mean `x`?)" when a known name is close, else "".
pub fn did_you_mean<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(given, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or_else(String::new, |(_, k)| format!(" (did you mean `{k}`?)"))
}
