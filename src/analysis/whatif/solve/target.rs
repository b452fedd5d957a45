//! The target of `sidecast solve`: `--target "METRIC >= AMOUNT in|by MONTH"` parsed into
//! a [`TargetSpec`], checked against the scenario's months ([`Goal`]), and counted in a
//! simulation's outcomes: which trajectories reach it ([`Goal::reached`]).
//!
//! "in MONTH" means in that calendar month; "by MONTH" in at least one month from the first
//! simulated month up to and including it. Without a month, the target is the last
//! simulated month. A value that is undefined in a trajectory (an hourly rate in a month
//! with no hours) does not reach the target.

use crate::engine::Outcomes;
use crate::metric::{Metric, SeriesKey};
use crate::report::solve::{TargetSpec, When};
use crate::scenario::Scenario;
use crate::scenario::keys::MAX_TARGET;
use crate::summarize::series::{SeriesSource, source_of, values as series_values};
use crate::text::did_you_mean;

/// What was typed, parsed; the month is still unchecked (`None` = the last month).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetText {
    /// A metric, or a metric of one tier, plan or programme (`active_customers.starter`).
    pub metric: SeriesKey,
    pub at_least: f64,
    pub when: When,
    pub month: Option<u32>,
}

const FORM: &str = "write METRIC >= AMOUNT in MONTH (or by MONTH), e.g. \"gross_profit >= 2500 in 30\"";

/// Parses `gross_profit >= 2500 in 30`, `gross_profit ≥ $2,500 by month 30`, `revenue >= 5k`.
///
/// # Errors
/// What is wrong and what is allowed, for the `--target` message.
pub fn parse(text: &str) -> Result<TargetText, String> {
    let (key, rest) = text.split_once(">=").or_else(|| text.split_once('≥')).ok_or_else(|| {
        match ["<=", "≤", ">", "<", "="].iter().find(|c| text.contains(*c)) {
            Some(c) => {
                format!("solve looks for the value that reaches at least an amount, so `{c}` cannot be used; {FORM}")
            }
            None => format!("no `>=` found; {FORM}"),
        }
    })?;
    let key = key.trim();
    let metric = SeriesKey::parse(key).ok_or_else(|| {
        if key.is_empty() {
            format!("the metric is missing; {FORM}")
        } else {
            format!(
                "unknown metric `{key}`{}; use one of: {}",
                did_you_mean(key, Metric::keys()),
                Metric::keys().join(", ")
            )
        }
    })?;
    let words: Vec<String> = rest.split_whitespace().map(str::to_lowercase).collect();
    let Some((amount, words)) = words.split_first() else {
        return Err(format!("the amount is missing; {FORM}"));
    };
    let at_least = amount_value(amount)?;
    let (when, month) = match words {
        [] => (When::In, None),
        [when, rest @ ..] => {
            let when = match when.as_str() {
                "in" => When::In,
                "by" => When::By,
                other => return Err(format!("expected `in` or `by` after the amount, found `{other}`; {FORM}")),
            };
            let needs = || format!("`{}` needs a month number; {FORM}", words[0]);
            let number = match rest {
                [] => return Err(needs()),
                [m] if m == "month" => return Err(needs()),
                [m, n] if m == "month" => n,
                [n] => n,
                _ => return Err(format!("unexpected words after the month; {FORM}")),
            };
            let month = number
                .parse::<u32>()
                .map_err(|_| format!("the month `{number}` is not a whole month number; {FORM}"))?;
            (when, Some(month))
        }
    };
    Ok(TargetText { metric, at_least, when, month })
}

/// `2500`, `$2,500`, `2.5k`, `-$100`.
fn amount_value(text: &str) -> Result<f64, String> {
    let bad = || format!("the amount `{text}` is not a number (write 2500, $2,500 or 2.5k)");
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('$').unwrap_or(rest);
    let (rest, scale) = match rest.strip_suffix('k') {
        Some(rest) => (rest, 1000.0),
        None => (rest, 1.0),
    };
    let mut groups = rest.split(',');
    let first = groups.next().unwrap_or("");
    let rest_groups: Vec<&str> = groups.collect();
    let (whole, _) = first.split_once('.').unwrap_or((first, ""));
    let separated = rest_groups.iter().enumerate().all(|(i, g)| {
        let digits = if i + 1 == rest_groups.len() { g.split('.').next().unwrap_or("") } else { g };
        digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit())
    });
    if !rest_groups.is_empty() && (!separated || first.contains('.') || whole.is_empty() || whole.len() > 3) {
        return Err(bad());
    }
    let digits: String = std::iter::once(first).chain(rest_groups.iter().copied()).collect();
    let value = digits.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(bad)? * scale;
    let value = if negative { -value } else { value };
    if !(-MAX_TARGET..=MAX_TARGET).contains(&value) {
        // The range of a scenario's `targets.*.at_least`.
        return Err(format!("the amount `{text}` is out of range: use an amount from -1e15 to 1e15"));
    }
    Ok(value)
}

/// A target checked against the scenario: its month is a simulated one, and its metric
/// belongs to a stream the scenario has.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub spec: TargetSpec,
    /// 0-based simulated month.
    index: usize,
    /// What the series is read from.
    source: SeriesSource,
}

impl Goal {
    /// # Errors
    /// A month outside the simulated months, saying which months are simulated; a metric
    /// of a stream the scenario lacks.
    pub fn new(text: &TargetText, scenario: &Scenario) -> Result<Self, String> {
        let key = text.metric.metric().key();
        if text.metric.metric().affiliate_only() && scenario.affiliate().is_none() {
            return Err(format!("{key} is always 0: the scenario has no [affiliate] section"));
        }
        if text.metric.metric().reseller_only() && scenario.reseller().is_none() {
            return Err(format!("{key} is always 0: the scenario has no [reseller] section"));
        }
        let layout = crate::engine::layout(scenario);
        let source = source_of(scenario, &layout, &text.metric).ok_or_else(|| {
            let parts: Vec<String> = crate::summarize::series::sources(scenario, &layout)
                .into_iter()
                .filter(|(k, _)| k.part_name().is_some())
                .map(|(k, _)| k.to_string())
                .collect();
            format!("the scenario has no series `{}`; its own series are: {}", text.metric, parts.join(", "))
        })?;
        let first = scenario.start_month();
        let last = first + scenario.horizon_months() as u32 - 1;
        let month = text.month.unwrap_or(last);
        if month < first {
            return Err(format!(
                "month {month} is before the first simulated month {first} (the scenario starts there: start_month)"
            ));
        }
        if month > last {
            return Err(format!(
                "month {month} is after the last simulated month {last}; simulate longer with --months {}",
                month - first + 1
            ));
        }
        let spec = TargetSpec { metric: text.metric.clone(), at_least: text.at_least, when: text.when, month };
        Ok(Self { spec, index: (month - first) as usize, source })
    }

    /// Whether each trajectory of `outcomes` reaches the target, in trajectory order.
    pub fn reached(&self, outcomes: &Outcomes) -> Vec<bool> {
        let reached = |m: usize| -> Vec<bool> {
            let at_least = self.spec.at_least;
            series_values(outcomes, self.source, m).into_iter().map(|v| v.is_some_and(|v| v >= at_least)).collect()
        };
        match self.spec.when {
            When::In => reached(self.index),
            When::By => {
                let mut any = vec![false; outcomes.trajectories];
                for m in 0..=self.index {
                    for (a, r) in any.iter_mut().zip(reached(m)) {
                        *a |= r;
                    }
                }
                any
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_in_their_plain_forms() {
        let t = parse("gross_profit >= 2500 in 30").unwrap();
        assert_eq!(
            t,
            TargetText { metric: Metric::GrossProfit.into(), at_least: 2500.0, when: When::In, month: Some(30) }
        );
        let t = parse("gross_profit≥$2,500 BY month 30").unwrap();
        assert_eq!((t.at_least, t.when, t.month), (2500.0, When::By, Some(30)));
        assert_eq!(parse("revenue >= 2.5k").unwrap().at_least, 2500.0);
        assert_eq!(parse("revenue >= 1,234,567.5 in 3").unwrap().at_least, 1_234_567.5);
        assert_eq!(parse("gross_profit >= -$100").unwrap().at_least, -100.0);
        assert_eq!(parse("active_customers >= 20").unwrap().month, None);
        assert_eq!(parse("revenue >= 1e15").unwrap().at_least, 1e15);
    }

    #[test]
    fn bad_targets_say_what_is_wrong() {
        let cases = [
            ("gross_profit > 2500", "`>` cannot be used"),
            ("gross_profit <= 2500", "`<=` cannot be used"),
            ("gross_profit 2500", "no `>=`"),
            (">= 2500", "metric is missing"),
            ("gross_proft >= 2500", "did you mean `gross_profit`"),
            ("gross_profit >=", "amount is missing"),
            ("gross_profit >= lots", "`lots` is not a number"),
            ("gross_profit >= 2,50", "`2,50` is not a number"),
            ("gross_profit >= 1.5,000", "is not a number"),
            ("gross_profit >= 2500 at 30", "expected `in` or `by`"),
            ("gross_profit >= 2500 by", "needs a month"),
            ("gross_profit >= 2500 in month", "needs a month"),
            ("gross_profit >= 2500 in 3.5", "not a whole month"),
            ("gross_profit >= 2500 in 30 please", "unexpected words"),
            // f64::MAX and the like reached solve.json before.
            ("net_profit >= 1.7976931348623157e308 in 12", "out of range: use an amount from -1e15 to 1e15"),
            ("net_profit >= -1e300", "out of range"),
            ("net_profit >= 1000000000001k", "out of range"),
        ];
        for (text, expected) in cases {
            let error = parse(text).unwrap_err();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }
}
