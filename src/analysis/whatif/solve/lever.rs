//! A lever of `sidecast solve`: `--vary KEY=LOW..HIGH` parsed with the one `--vary` grammar
//! into a key and a range ([`LeverSpec`]), whether it takes whole numbers only (the key
//! table says), the TOML text of one of its values, and its value in the scenario today
//! ([`today`]).

use crate::analysis::whatif::vary::{RangeText, number_toml, parse_range, split_key};
use crate::scenario::Scenario;
use crate::scenario::keys::{self, Key};

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

    /// Parses `reseller.arrivals=0.5..8` with the `--vary` grammar (a range without points).
    fn from_str(spec: &str) -> Result<Self, String> {
        let (key, range) = split_key(spec, FORM)?;
        if !range.contains("..") {
            return Err(if range.contains(',') {
                format!("solve searches a range, not a list of values; {FORM}")
            } else {
                format!("expected a range LOW..HIGH; {FORM}")
            });
        }
        let RangeText { start: a, end: b, points } = parse_range(range, FORM)?;
        if points.is_some() {
            return Err(format!("solve chooses the values it evaluates, so drop the `:POINTS`; {FORM}"));
        }
        let integer = keys::key(&key).is_some_and(Key::is_whole);
        if integer && (a.fract() != 0.0 || b.fract() != 0.0) {
            return Err(format!("{key} takes whole numbers: give whole-number ends"));
        }
        Ok(Self { key, low: a.min(b), high: a.max(b), integer })
    }
}

impl LeverSpec {
    /// A value as TOML: whole numbers as integers (count fields refuse `3.0`), other
    /// numbers in their shortest decimal form.
    pub fn toml(&self, x: f64) -> String {
        number_toml(x)
    }
}

/// The scenario's own value of a lever.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Today {
    /// The fixed value, or the central value of its distribution.
    pub value: f64,
    pub uncertain: bool,
}

/// The scenario's value of `key`, when it is a number (or a distribution of one) that the
/// key names directly ([`Scenario::number`]); `None` for keys it cannot read (mixes as
/// typed, sBG churn, unknown keys).
pub fn today(scenario: &Scenario, key: &str) -> Option<Today> {
    scenario.number(key).map(|n| Today { value: n.central(), uncertain: n.is_uncertain() })
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
            ("reseller.arrivals", "KEY=LOW..HIGH"),
            ("=1..2", "dotted path"),
            ("reseller.arrivals=1..5:9", "drop the `:POINTS`"),
            ("reseller.arrivals=1,2,3", "not a list"),
            ("reseller.arrivals=3", "expected a range"),
            ("reseller.arrivals=..3", "no start"),
            ("reseller.arrivals=1..x", "`x` is not a number"),
            ("reseller.arrivals=2..2", "starts and ends at 2"),
            ("reseller.arrivals=-1e308..1e308", "too wide"),
            ("reseller.initial_customers.starter=1.5..9", "whole-number ends"),
            ("affiliate.payout_delay_months=0.5..6", "whole-number ends"),
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
        assert_eq!(value("costs.tax_rate"), Some(0.25), "every key the table knows, costs too");
        assert_eq!(value("start.customers.growth"), Some(3.0));
        assert_eq!(value("reseller.tiers.nope.markup"), None);
        assert_eq!(value("affiliate.signups"), None, "no affiliate stream");
        let uncertain = crate::scenario::load(&path, &["reseller.churn={ beta = [2, 18] }".parse().unwrap()]).unwrap();
        let churn = today(&uncertain, "reseller.churn").unwrap();
        assert!(churn.uncertain && (churn.value - 0.1).abs() < 1e-12);
    }
}
