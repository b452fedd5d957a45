//! A lever of `sidecast solve`: `--vary KEY=LOW..HIGH` parsed into a key and a range
//! ([`LeverSpec`]), whether it takes whole numbers only (customer and subscriber counts),
//! the TOML text of one of its values, and its value in the scenario today ([`today`]).

use crate::distribution::Param;
use crate::scenario::{Churn, Programme, Scenario};

/// A lever and the range to search.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverSpec {
    pub key: String,
    /// Low end (below `high`), as given or swapped into order.
    pub low: f64,
    pub high: f64,
    /// Whole numbers only.
    pub integer: bool,
}

const FORM: &str = "write KEY=LOW..HIGH, e.g. reseller.arrivals=0.5..8";

impl std::str::FromStr for LeverSpec {
    type Err = String;

    /// Parses `reseller.arrivals=0.5..8`.
    fn from_str(spec: &str) -> Result<Self, String> {
        let (key, range) = spec.split_once('=').ok_or_else(|| format!("expected KEY=LOW..HIGH; {FORM}"))?;
        let key = key.trim();
        if key.is_empty() || key.split('.').any(|p| p.trim().is_empty()) {
            return Err(format!("the key needs a dotted path like reseller.churn; {FORM}"));
        }
        let key = key.split('.').map(str::trim).collect::<Vec<_>>().join(".");
        let range = range.trim();
        if range.contains(':') {
            return Err(format!("solve chooses the values it evaluates, so drop the `:POINTS`; {FORM}"));
        }
        let Some((low, high)) = range.split_once("..") else {
            return Err(if range.contains(',') {
                format!("solve searches a range, not a list of values; {FORM}")
            } else {
                format!("expected a range LOW..HIGH; {FORM}")
            });
        };
        let number = |text: &str, what: &str| {
            let text = text.trim();
            text.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
                if text.is_empty() {
                    format!("the range has no {what}; {FORM}")
                } else {
                    format!("the {what} `{text}` is not a number; {FORM}")
                }
            })
        };
        let (a, b) = (number(low, "low end")?, number(high, "high end")?);
        if a == b {
            return Err(format!("the range starts and ends at {a}; give two different ends"));
        }
        if !(b - a).is_finite() {
            return Err(format!("the range from {a} to {b} is too wide to search; give nearer ends"));
        }
        let integer = is_count(&key);
        if integer && (a.fract() != 0.0 || b.fract() != 0.0) {
            return Err(format!("{key} is a count of whole customers or months: give whole-number ends"));
        }
        Ok(Self { key, low: a.min(b), high: a.max(b), integer })
    }
}

/// Keys whose values are whole numbers: counts of customers and subscribers, months.
fn is_count(key: &str) -> bool {
    let parts: Vec<&str> = key.split('.').collect();
    let parent = parts.len().checked_sub(2).map(|i| parts[i]);
    matches!(parent, Some("initial_customers" | "initial_subscribers" | "customers" | "subscribers"))
        || matches!(parts.last(), Some(&("recurring_months" | "pieces_per_month")))
}

impl LeverSpec {
    /// A value as TOML: whole numbers as integers (count fields refuse `3.0`), other
    /// numbers in their shortest decimal form.
    pub fn toml(&self, x: f64) -> String {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            format!("{}", x as i64)
        } else {
            let text = format!("{x}");
            if text.contains(['.', 'e', 'E']) { text } else { format!("{text}.0") }
        }
    }
}

/// The scenario's own value of a lever.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Today {
    /// The fixed value, or the mean of its distribution.
    pub value: f64,
    pub uncertain: bool,
}

/// The scenario's value of `key`, when it is a number (or a distribution of one) that the
/// key names directly; `None` for keys it cannot read (mixes, sBG churn, unknown keys).
pub fn today(scenario: &Scenario, key: &str) -> Option<Today> {
    let parts: Vec<&str> = key.split('.').collect();
    match parts.as_slice() {
        ["reseller", rest @ ..] => reseller(scenario, rest),
        ["affiliate", rest @ ..] => affiliate(scenario, rest),
        ["effort", field] => {
            let e = &scenario.effort;
            param(match *field {
                "fixed_hours" => &e.fixed_hours,
                "onboarding_hours" => &e.onboarding_hours,
                "content_hours" => &e.content_hours,
                _ => return None,
            })
        }
        ["start", "customers", name] => reseller(scenario, &["initial_customers", name]),
        ["start", "subscribers", name] => affiliate(scenario, &["initial_subscribers", name]),
        ["start", "balance"] => affiliate(scenario, &["initial_balance"]),
        _ => None,
    }
}

fn param(p: &Param) -> Option<Today> {
    Some(Today { value: p.central(), uncertain: p.is_uncertain() })
}

fn fixed(value: f64) -> Option<Today> {
    Some(Today { value, uncertain: false })
}

fn churn(c: &Churn) -> Option<Today> {
    match c {
        Churn::Constant(p) => param(p),
        Churn::ShiftedBetaGeometric { .. } => None,
    }
}

fn reseller(scenario: &Scenario, rest: &[&str]) -> Option<Today> {
    let r = scenario.reseller.as_ref()?;
    let k = &r.kickback;
    let tier = |name: &str| r.tiers.iter().position(|t| t.name == name);
    match rest {
        ["arrivals"] => param(&r.arrivals),
        ["arrivals_growth"] => param(&r.arrivals_growth),
        ["referral_rate"] => param(&r.referral_rate),
        ["spend_growth"] => param(&r.spend_growth),
        ["spend_volatility"] => param(&r.spend_volatility),
        ["churn"] => churn(&r.churn),
        ["kickback", "first_order"] => param(&k.first_order),
        ["kickback", "recurring"] => param(&k.recurring),
        ["kickback", "premium"] => param(&k.premium),
        ["kickback", "premium_volume"] => k.premium_volume.as_ref().and_then(param),
        ["initial_customers", name] => fixed(f64::from(*r.initial_customers.get(tier(name)?)?)),
        ["tiers", name, field @ ..] => {
            let t = &r.tiers[tier(name)?];
            match field {
                ["markup"] => param(&t.markup),
                ["minimum"] => param(&t.minimum),
                ["support_hours"] => param(&t.support_hours),
                ["upgrade", "probability"] => t.upgrade.as_ref().and_then(|u| param(&u.probability)),
                ["upgrade", "within_months"] => t.upgrade.as_ref().and_then(|u| fixed(u.within_months)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn affiliate(scenario: &Scenario, rest: &[&str]) -> Option<Today> {
    let a = scenario.affiliate.as_ref()?;
    match rest {
        ["programmes", name, rest @ ..] if a.named => programme(a.programmes.iter().find(|p| p.name == *name)?, rest),
        ["content", "hours_per_piece"] => param(&a.content.as_ref()?.hours_per_piece),
        ["content", "signups_per_piece"] => param(&a.content.as_ref()?.signups_per_piece),
        _ if !a.named => programme(a.programmes.first()?, rest),
        _ => None,
    }
}

/// A key within one programme (`signups`, `commission.recurring`, `plans.pro.price`, ...).
fn programme(p: &Programme, rest: &[&str]) -> Option<Today> {
    let c = &p.commission;
    let plan = |name: &str| p.plans.iter().position(|plan| plan.name == name);
    match rest {
        ["share"] => param(&p.share),
        ["signups"] => param(&p.signups),
        ["signups_growth"] => param(&p.signups_growth),
        ["payout_threshold"] => param(&p.payout_threshold),
        ["payout_delay_months"] => fixed(f64::from(p.payout_delay_months)),
        ["initial_balance"] => fixed(p.initial_balance),
        ["commission", "first_order"] => param(&c.first_order),
        ["commission", "recurring"] => param(&c.recurring),
        ["commission", "premium"] => param(&c.premium),
        ["commission", "bounty"] => param(&c.bounty),
        ["commission", "recurring_months"] => c.recurring_months.and_then(|m| fixed(f64::from(m))),
        ["initial_subscribers", name] => fixed(f64::from(*p.initial_subscribers.get(plan(name)?)?)),
        ["plans", name, field @ ..] => {
            let plan = &p.plans[plan(name)?];
            match field {
                ["price"] => param(&plan.price),
                ["churn"] => churn(&plan.churn),
                ["upgrade", "probability"] => plan.upgrade.as_ref().and_then(|u| param(&u.probability)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_and_counts_are_whole() {
        let spec: LeverSpec = "reseller.arrivals = 8..0.5".parse().unwrap();
        assert_eq!((spec.key.as_str(), spec.low, spec.high, spec.integer), ("reseller.arrivals", 0.5, 8.0, false));
        let spec: LeverSpec = "reseller.initial_customers.starter=2..40".parse().unwrap();
        assert!(spec.integer);
        assert_eq!(
            (spec.toml(12.0), spec.toml(0.25), spec.toml(1e20)),
            ("12".into(), "0.25".into(), "100000000000000000000.0".into())
        );
        let cases = [
            ("reseller.arrivals", "expected KEY=LOW..HIGH"),
            ("=1..2", "dotted path"),
            ("reseller.arrivals=1..5:9", "drop the `:POINTS`"),
            ("reseller.arrivals=1,2,3", "not a list"),
            ("reseller.arrivals=3", "expected a range"),
            ("reseller.arrivals=..3", "no low end"),
            ("reseller.arrivals=1..x", "`x` is not a number"),
            ("reseller.arrivals=2..2", "starts and ends at 2"),
            ("reseller.arrivals=-1e308..1e308", "too wide"),
            ("reseller.initial_customers.starter=1.5..9", "whole-number ends"),
        ];
        for (spec, expected) in cases {
            let error = spec.parse::<LeverSpec>().unwrap_err();
            assert!(error.contains(expected), "{spec}: {error}");
        }
    }

    #[test]
    fn today_reads_the_scenario_values() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reseller.toml");
        let scenario = crate::scenario::load(&path, &[]).unwrap();
        let value = |key: &str| today(&scenario, key).map(|t| t.value);
        assert_eq!(value("reseller.arrivals"), Some(1.0));
        assert_eq!(value("reseller.churn"), Some(0.10));
        assert_eq!(value("reseller.tiers.starter.markup"), Some(0.15));
        assert_eq!(value("reseller.tiers.growth.minimum"), Some(200.0));
        assert_eq!(value("reseller.tiers.starter.upgrade.probability"), Some(0.35));
        assert_eq!(value("reseller.initial_customers.growth"), Some(3.0));
        assert_eq!(value("effort.onboarding_hours"), Some(0.8));
        assert_eq!(value("reseller.tiers.nope.markup"), None);
        assert_eq!(value("affiliate.signups"), None, "no affiliate stream");
        let uncertain = crate::scenario::load(&path, &["reseller.churn={ beta = [2, 18] }".parse().unwrap()]).unwrap();
        let churn = today(&uncertain, "reseller.churn").unwrap();
        assert!(churn.uncertain && (churn.value - 0.1).abs() < 1e-12);
    }
}
