//! The top level of a scenario: horizon, trajectories, seed, start month and the `[start]`
//! table merged into the streams' `initial_*` keys, then each section, and the targets
//! (calendar months within the simulated months).
use super::MAX_NAME;
use std::ops::Range;

use toml::Spanned;

use super::{Validator, span};
use crate::metric::{Metric, SeriesKey};
use crate::scenario::keys::MAX_TARGET;
use crate::scenario::model::{
    Affiliate, DEFAULT_HORIZON, DEFAULT_SEED, DEFAULT_TRAJECTORIES, Reseller, Scenario, Target,
};
use crate::scenario::read::raw::{RawScenario, RawTarget, RawValue};
use crate::text::calendar::YearMonth;
use crate::text::did_you_mean;

/// The tiers and plans a scenario defines, for per-tier and per-plan metric keys.
pub(super) struct Parts {
    /// `active_customers.TIER`, `subscribers.PLAN` (`subscribers.PROGRAMME.PLAN` with named
    /// programmes) and a named programme's own `subscribers`, `commission_earned` and
    /// `commission_paid` (the engine's programme rows).
    keys: Vec<String>,
    /// Which streams the scenario has: a metric of a missing one is always 0.
    reseller: bool,
    affiliate: bool,
}

impl Parts {
    pub(super) fn of(reseller: Option<&Reseller>, affiliate: Option<&Affiliate>) -> Self {
        let (has_reseller, has_affiliate) = (reseller.is_some(), affiliate.is_some());
        let mut keys: Vec<String> = Vec::new();
        keys.extend(reseller.iter().flat_map(|r| r.tiers.iter().map(|t| format!("active_customers.{}", t.name))));
        if let Some(a) = affiliate {
            for (programme, plan) in a.plans() {
                let name = if a.named { format!("{}.{}", programme.name, plan.name) } else { plan.name.clone() };
                keys.push(format!("subscribers.{name}"));
            }
            for programme in a.programmes.iter().filter(|_| a.named) {
                for metric in [Metric::Subscribers, Metric::CommissionEarned, Metric::CommissionPaid] {
                    keys.push(format!("{}.{}", metric.key(), programme.name));
                }
            }
        }
        Self { keys, reseller: has_reseller, affiliate: has_affiliate }
    }

    /// The section a metric needs when the scenario lacks it (the metric is then always 0).
    pub(super) fn missing_stream(&self, metric: Metric) -> Option<&'static str> {
        if metric.affiliate_only() && !self.affiliate {
            Some("[affiliate]")
        } else if metric.reseller_only() && !self.reseller {
            Some("[reseller]")
        } else {
            None
        }
    }

    /// Whether the scenario has this series (a per-part key names one of its tiers, plans or
    /// programmes).
    pub(super) fn has(&self, key: &SeriesKey) -> bool {
        key.part_name().is_none() || self.keys.contains(&key.to_string())
    }

    /// Every key the scenario accepts: the metrics, then one per tier, plan and programme.
    pub(super) fn keys(&self) -> Vec<String> {
        Metric::keys().into_iter().map(str::to_string).chain(self.keys.iter().cloned()).collect()
    }
}

impl Validator {
    /// Moves `[start]` into `start_month` and the streams' `initial_*` keys; giving both
    /// spellings of one value, or a value for a stream the scenario lacks, is a problem.
    pub(super) fn merge_start(&mut self, raw: &mut RawScenario) {
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
        if let Some(tenure) = start.tenure_months {
            self.merge_tenure(raw, tenure);
        }
    }

    /// `[start] tenure_months`: a number goes to both streams; a table's entries go to the
    /// stream whose tier or plan they name.
    fn merge_tenure(&mut self, raw: &mut RawScenario, tenure: RawValue) {
        let key = "start.tenure_months";
        let tiers: Vec<String> =
            raw.reseller.iter().flat_map(|r| r.tiers.get_ref().keys().map(|k| k.get_ref().clone())).collect();
        let plans: Vec<String> = raw
            .affiliate
            .iter()
            .flat_map(|a| a.plans.iter().flat_map(|p| p.get_ref().keys().map(|k| k.get_ref().clone())))
            .collect();
        let (for_reseller, for_affiliate) = match tenure.get_ref() {
            toml::Value::Table(table) => {
                let part = |names: &[String]| {
                    let entries: toml::Table =
                        table.iter().filter(|(k, _)| names.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
                    (!entries.is_empty()).then(|| Spanned::new(tenure.span(), toml::Value::Table(entries)))
                };
                for name in table.keys().filter(|k| !tiers.contains(k) && !plans.contains(k)) {
                    let known = tiers.iter().chain(&plans).map(String::as_str);
                    self.problem(
                        &format!("{key}.{name}"),
                        span(&tenure),
                        format!("`{name}` is neither a tier nor a plan{}", did_you_mean(name, known)),
                        "name a tier of [reseller.tiers] or a plan of [affiliate.plans]",
                    );
                }
                (part(&tiers), part(&plans))
            }
            _ => (Some(tenure.clone()), Some(tenure.clone())),
        };
        if let Some(value) = for_reseller.filter(|_| raw.reseller.is_some()) {
            let slot = raw.reseller.as_mut().map(|r| &mut r.initial_tenure_months);
            self.place(key, &span(&tenure), slot, value);
        }
        if let Some(value) = for_affiliate.filter(|_| raw.affiliate.is_some()) {
            let slot = raw.affiliate.as_mut().map(|a| &mut a.initial_tenure_months);
            self.place(key, &span(&tenure), slot, value);
        }
    }

    pub(super) fn place<T>(&mut self, key: &str, at: &Option<Range<usize>>, slot: Option<&mut Option<T>>, value: T) {
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

    pub(super) fn scenario(&mut self, raw: RawScenario) -> Scenario {
        let horizon = self.whole("horizon_months", raw.horizon_months.as_ref(), DEFAULT_HORIZON as i64);
        let trajectories = self.whole("trajectories", raw.trajectories.as_ref(), DEFAULT_TRAJECTORIES as i64);
        let seed = self.whole("seed", raw.seed.as_ref(), DEFAULT_SEED as i64);
        let start_month = self.whole("start_month", raw.start_month.as_ref(), 1);
        let first_month = raw.first_month.as_ref().and_then(|m| self.first_month(m, start_month, horizon));
        if raw.reseller.is_none() && raw.affiliate.is_none() {
            self.problem(
                "reseller",
                None,
                "the scenario has neither a [reseller] nor an [affiliate] section".into(),
                "add at least one of them; see scenarios/reseller.toml and scenarios/affiliate.toml",
            );
        }
        if let Some(name) = &raw.name
            && name.get_ref().chars().count() > MAX_NAME
        {
            // It is written into every title, caption and file: a 9 MB name took 1.3 GB.
            self.problem(
                "name",
                span(name),
                format!("the name is {} characters long; at most {MAX_NAME}", name.get_ref().chars().count()),
                "shorten it: it titles every chart and page",
            );
        }
        let name = raw.name.map_or_else(|| "Untitled scenario".to_string(), |n| n.into_inner());
        let reseller = raw.reseller.map(|r| self.reseller(r));
        let affiliate = raw.affiliate.map(|a| self.affiliate(a, start_month, horizon));
        let effort = self.effort(raw.effort);
        let mut notes = Vec::new();
        let costs = raw.costs.map(|c| self.costs(c, start_month, horizon, &mut notes)).filter(|c| c.can_be_positive());
        let record_noise = self.record_noise(raw.calibration);
        let parts = Parts::of(reseller.as_ref(), affiliate.as_ref());
        let targets = raw
            .targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| self.target(i, t, start_month, horizon, &parts))
            .collect();
        Scenario {
            name,
            horizon_months: horizon as usize,
            trajectories: trajectories as usize,
            seed: seed as u64,
            start_month: start_month as u32,
            first_month,
            reseller,
            affiliate,
            effort,
            costs,
            joint: Default::default(),
            record_noise,
            targets,
            notes,
        }
    }

    /// `first_month = "2026-01"`: a month as YYYY-MM, whose simulated months all have dates.
    fn first_month(&mut self, raw: &Spanned<String>, start: i64, horizon: i64) -> Option<YearMonth> {
        let text = raw.get_ref().trim();
        let well_formed = text.len() == 7 && text.as_bytes()[4] == b'-';
        let Some(month) = YearMonth::parse(text).filter(|_| well_formed) else {
            self.problem(
                "first_month",
                span(raw),
                format!("\"{text}\" is not a month"),
                "write the business's first month as \"YYYY-MM\", e.g. first_month = \"2026-01\" (years 1900-2999)",
            );
            return None;
        };
        if month.plus((start + horizon - 2) as u32).is_none() {
            self.problem(
                "first_month",
                span(raw),
                format!("the simulated months would run past the year 2999 from {}", month.label()),
                "use an earlier first month, or fewer months",
            );
            return None;
        }
        Some(month)
    }

    /// A whole number within its key's range (the key table's), or the default when absent.
    pub(super) fn whole(&mut self, key: &str, raw: Option<&Spanned<i64>>, default: i64) -> i64 {
        let Some(raw) = raw else { return default };
        let value = *raw.get_ref();
        let (min, max) = match crate::scenario::keys::key(key).map(|k| k.values) {
            Some(crate::scenario::keys::Values::Whole { min, max }) => (min, max),
            _ => {
                self.problem(
                    key,
                    span(raw),
                    "has no whole-number entry in sidecast's key table (a bug: please report it)".into(),
                    "leave the key out until sidecast is fixed",
                );
                return default;
            }
        };
        if value < min || value > max {
            let allowed = if max == i64::MAX { format!("at least {min}") } else { format!("from {min} to {max}") };
            self.problem(key, span(raw), format!("{value} is out of range"), &format!("use a whole number {allowed}"));
            return default;
        }
        value
    }

    /// Target months are calendar months: `start_month` to `start_month + horizon - 1`.
    pub(super) fn target(
        &mut self,
        index: usize,
        raw: &RawTarget,
        start: i64,
        horizon: i64,
        parts: &Parts,
    ) -> Option<Target> {
        let key = format!("targets[{index}]");
        let name = raw.metric.get_ref();
        let parsed = SeriesKey::parse(name).filter(|k| parts.has(k));
        let missing = parsed.as_ref().and_then(|k| parts.missing_stream(k.metric()));
        if let Some(section) = missing {
            // As `solve --target` says it: a target nothing can reach is refused, not reported 0%.
            self.problem(
                &format!("{key}.metric"),
                span(&raw.metric),
                format!("`{name}` is always 0: the scenario has no {section} section"),
                "target a metric of the streams the scenario has (gross_profit, net_profit, ...)",
            );
        } else if parsed.is_none() {
            let keys = parts.keys();
            let help = format!("metrics: {}{}", keys.join(", "), did_you_mean(name, keys.iter().map(String::as_str)));
            self.problem(&format!("{key}.metric"), span(&raw.metric), format!("unknown metric `{name}`"), &help);
        }
        let metric = parsed.filter(|_| missing.is_none());
        let at_least = *raw.at_least.get_ref();
        if !(-MAX_TARGET..=MAX_TARGET).contains(&at_least) {
            self.problem(
                &format!("{key}.at_least"),
                span(&raw.at_least),
                format!("{} is not a target a run can reach", crate::text::number::compact(at_least)),
                "use a finite number from -1e15 to 1e15, such as 700",
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
            Some(m) => Some(*m.get_ref() as u32),
            None => None,
        };
        Some(Target { metric: metric?, at_least, month })
    }
}
