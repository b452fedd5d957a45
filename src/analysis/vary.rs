//! What-if variants: `--vary KEY=v1,v2,...` and `--vary KEY=start..end:points` specs, their
//! cross product, and the plain-words labels variants carry in tables, legends and axes
//! ("churn 10%", "arrivals 1.5/month", "markup growth 25%").
//!
//! A spec only says which values to try. Each value becomes an ordinary scenario
//! [`Override`], so a value out of range or a misspelt key gets exactly the validation and
//! messages of a scenario file; [`check_key`] adds the checks that need the scenario's own
//! tiers and plans (a tier that does not exist, a stream the scenario lacks) before any
//! simulation starts.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::scenario::Override;
use crate::scenario::validate::did_you_mean;

/// Most points a range may ask for, and most variants a cross product may make.
pub const MAX_VARIANTS: usize = 400;

/// A `--vary` spec the user has to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("bad --vary `{spec}`: {reason}")]
pub struct VaryError {
    /// What the user typed.
    pub spec: String,
    /// What is wrong and how to fix it.
    pub reason: String,
}

/// One value a spec tries.
#[derive(Debug, Clone, PartialEq)]
pub struct VaryValue {
    /// The TOML text of the value, as it goes into the override (`0.05`, `3`, `{ beta = [2, 18] }`).
    pub toml: String,
    /// The value as a number, when it is one (sweeps and charts need it).
    pub number: Option<f64>,
}

/// One `--vary`: a dotted key and the values to try, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct VarySpec {
    pub key: String,
    pub values: Vec<VaryValue>,
}

impl FromStr for VarySpec {
    type Err = VaryError;

    /// Parses `reseller.churn=0.05,0.10,0.15` or `reseller.arrivals=0.5..3:11`.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let bad = |reason: String| VaryError { spec: spec.to_string(), reason };
        let (key, list) = spec.split_once('=').ok_or_else(|| {
            bad("expected KEY=VALUES, e.g. reseller.churn=0.05,0.10 or reseller.arrivals=0.5..3:11".into())
        })?;
        let key = key.trim();
        if key.is_empty() || key.split('.').any(|part| part.trim().is_empty()) {
            return Err(bad("the key needs a dotted path like reseller.churn or reseller.tiers.growth.markup".into()));
        }
        let list = list.trim();
        if list.is_empty() {
            return Err(bad("the list of values is empty; give at least one value, e.g. 0.05,0.10".into()));
        }
        let values = if is_range(list) { range(list).map_err(bad)? } else { items(list).map_err(bad)? };
        Ok(Self { key: key.split('.').map(str::trim).collect::<Vec<_>>().join("."), values })
    }
}

impl VarySpec {
    /// The override that sets this spec's key to its `i`-th value.
    ///
    /// # Errors
    /// When the value cannot be applied (never for a value this spec parsed).
    pub fn override_for(&self, i: usize) -> Result<Override, VaryError> {
        let value = self.values.get(i).ok_or_else(|| VaryError {
            spec: self.key.clone(),
            reason: format!("there is no value number {}", i + 1),
        })?;
        let text = format!("{}={}", self.key, value.toml);
        text.parse::<Override>().map_err(|e| VaryError { spec: text, reason: e.to_string() })
    }

    /// How the key reads in words: "churn", "markup growth", "kickback first order".
    pub fn words(&self) -> String {
        key_words(&self.key)
    }

    /// The unit the key's values are shown in.
    pub fn unit(&self) -> ValueUnit {
        ValueUnit::of(&self.key)
    }
}

/// Does `list` look like `start..end:points`?
fn is_range(list: &str) -> bool {
    list.contains("..") && !list.contains(['[', '{', '"'])
}

fn range(list: &str) -> Result<Vec<VaryValue>, String> {
    let help = "write a range as start..end:points, e.g. 0.5..3:11 (11 evenly spaced values from 0.5 to 3)";
    let (span, points) = list.split_once(':').ok_or_else(|| format!("the range has no number of points; {help}"))?;
    let (start, end) = span.split_once("..").ok_or_else(|| help.to_string())?;
    let number = |text: &str, what: &str| {
        text.trim().parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
            if text.trim().is_empty() {
                format!("the range has no {what}; {help}")
            } else {
                format!("the {what} `{}` is not a number; {help}", text.trim())
            }
        })
    };
    let (start, end) = (number(start, "start")?, number(end, "end")?);
    let points: usize = points
        .trim()
        .parse()
        .map_err(|_| format!("the number of points `{}` is not a whole number; {help}", points.trim()))?;
    if !(2..=MAX_VARIANTS).contains(&points) {
        return Err(format!("a range needs between 2 and {MAX_VARIANTS} points, got {points}"));
    }
    if start == end {
        return Err(format!("the range starts and ends at {start}; give two different ends or a single value"));
    }
    Ok((0..points)
        .map(|i| {
            let v = tidy(start + (end - start) * i as f64 / (points - 1) as f64);
            VaryValue { toml: number_toml(v), number: Some(v) }
        })
        .collect())
}

/// Splits a list at top-level commas (commas inside `[...]`, `{...}` or quotes belong to
/// the value) and parses each item.
fn items(list: &str) -> Result<Vec<VaryValue>, String> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in list.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' | '{' if !quoted => depth += 1,
            ']' | '}' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                out.push(item(&list[start..i], out.len())?);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(item(&list[start..], out.len())?);
    if out.len() > MAX_VARIANTS {
        return Err(format!("{} values is too many; at most {MAX_VARIANTS}", out.len()));
    }
    Ok(out)
}

fn item(text: &str, index: usize) -> Result<VaryValue, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("value number {} is empty; separate values with single commas", index + 1));
    }
    if let Ok(v) = text.parse::<f64>() {
        if !v.is_finite() {
            return Err(format!("`{text}` is not a finite number"));
        }
        // Keep what the user typed (so `3` stays an integer for counts).
        return Ok(VaryValue { toml: text.to_string(), number: Some(v) });
    }
    Ok(VaryValue { toml: text.to_string(), number: None })
}

/// Rounds away binary noise (0.30000000000000004 → 0.3) so labels and files read cleanly.
fn tidy(v: f64) -> f64 {
    let rounded = (v * 1e9).round() / 1e9;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A number as TOML: whole numbers as integers (count fields reject `3.0`).
fn number_toml(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// How values of a key are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueUnit {
    /// Rates and growth: 0.1 → "10%".
    Percent,
    Dollars,
    /// Per month: 1.5 → "1.5/month".
    PerMonth,
    Hours,
    Number,
}

impl ValueUnit {
    /// The unit of a dotted key, judged by its last segment.
    pub fn of(key: &str) -> Self {
        let last = key.rsplit('.').next().unwrap_or(key);
        let section = key.split('.').nth(1).unwrap_or("");
        match last {
            "churn" | "markup" | "spend_growth" | "arrivals_growth" | "signups_growth" | "probability"
            | "first_order" | "recurring" | "premium" => Self::Percent,
            _ if section == "kickback" && last != "premium_volume" => Self::Percent,
            "minimum" | "price" | "payout_threshold" | "premium_volume" | "bounty" | "initial_balance" => Self::Dollars,
            "arrivals" | "signups" => Self::PerMonth,
            _ if last.ends_with("hours") => Self::Hours,
            _ => Self::Number,
        }
    }

    /// A value in this unit, for labels: "10%", "$200", "1.5/month", "2 h", "0.1".
    pub fn format(self, v: f64) -> String {
        match self {
            Self::Percent => format!("{}%", short(v * 100.0)),
            Self::Dollars => format!("${}", short(v)),
            Self::PerMonth => format!("{}/month", short(v)),
            Self::Hours => format!("{} h", short(v)),
            Self::Number => short(v),
        }
    }
}

/// Up to three decimals, trailing zeros dropped: 12.5, 10, 0.125.
fn short(v: f64) -> String {
    let text = format!("{v:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_string() } else { text.to_string() }
}

/// A dotted key in plain words: the last segment with underscores as spaces, plus the tier
/// or plan it belongs to, and the programme for kickback and commission rates.
pub fn key_words(key: &str) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    let words = |s: &str| s.replace('_', " ");
    let Some((&last, parents)) = parts.split_last() else {
        return key.to_string();
    };
    let mut out = words(last);
    if last == "probability" && parents.last() == Some(&"upgrade") {
        out = "upgrade probability".to_string();
    }
    // reseller.tiers.growth.markup → "markup growth"; affiliate.plans.pro.upgrade.probability → "... pro"
    if let Some(i) = parents.iter().position(|p| *p == "tiers" || *p == "plans")
        && let Some(name) = parents.get(i + 1)
    {
        out = format!("{out} {}", words(name));
    }
    // initial_customers.starter → "initial customers starter"
    if let Some(parent @ ("initial_customers" | "initial_subscribers" | "arrival_mix" | "plan_mix")) =
        parents.last().copied()
    {
        out = format!("{} {out}", words(parent));
    }
    if let Some(section @ ("kickback" | "commission")) = parents.get(1).copied() {
        out = format!("{section} {out}");
    }
    out
}

/// The label of one value of a key: "churn 10%", or the TOML text for non-numbers.
pub fn label(key: &str, value: &VaryValue) -> String {
    let shown = value.number.map_or_else(|| value.toml.clone(), |v| ValueUnit::of(key).format(v));
    format!("{} {shown}", key_words(key))
}

/// A key with a range of values, rounded to three significant digits for reading:
/// "churn 5.65% – 13.3%", "arrivals 0.774 – 1.61/month".
pub fn range_label(key: &str, low: f64, high: f64) -> String {
    let unit = ValueUnit::of(key);
    let (low, high) = (significant(low, 3), significant(high, 3));
    let shown = match unit {
        ValueUnit::PerMonth => format!("{} – {}/month", short(low), short(high)),
        _ => format!("{} – {}", unit.format(low), unit.format(high)),
    };
    format!("{} {shown}", key_words(key))
}

/// `v` rounded to `digits` significant digits.
fn significant(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// One combination of values from several specs.
#[derive(Debug, Clone)]
pub struct Combination {
    /// "churn 10%, arrivals 1.5/month".
    pub label: String,
    /// One override per spec, in spec order.
    pub overrides: Vec<Override>,
    /// The index of the value taken from each spec.
    pub indices: Vec<usize>,
    /// Each spec's value as a number, where it is one.
    pub numbers: Vec<Option<f64>>,
}

/// Every combination of the specs' values; the last spec varies fastest. The first
/// combination (every spec's first value) is the baseline.
///
/// # Errors
/// When the same key is varied twice or the product has more than [`MAX_VARIANTS`] members.
pub fn cross_product(specs: &[VarySpec]) -> Result<Vec<Combination>, VaryError> {
    for (i, a) in specs.iter().enumerate() {
        if specs[..i].iter().any(|b| b.key == a.key) {
            return Err(VaryError {
                spec: a.key.clone(),
                reason: "this key is varied twice; put all its values in one --vary".into(),
            });
        }
    }
    let total = specs.iter().try_fold(1usize, |n, s| n.checked_mul(s.values.len())).unwrap_or(usize::MAX);
    if total > MAX_VARIANTS {
        return Err(VaryError {
            spec: specs.iter().map(|s| s.key.as_str()).collect::<Vec<_>>().join(" × "),
            reason: format!("these --vary make {total} variants; at most {MAX_VARIANTS}, use fewer values"),
        });
    }
    let mut out = Vec::with_capacity(total);
    for n in 0..total {
        let mut rest = n;
        let mut indices = vec![0; specs.len()];
        for (slot, spec) in indices.iter_mut().zip(specs).rev() {
            *slot = rest % spec.values.len();
            rest /= spec.values.len();
        }
        let overrides = specs.iter().zip(&indices).map(|(s, &i)| s.override_for(i)).collect::<Result<_, _>>()?;
        let label = specs.iter().zip(&indices).map(|(s, &i)| label(&s.key, &s.values[i])).collect::<Vec<_>>();
        let numbers = specs.iter().zip(&indices).map(|(s, &i)| s.values[i].number).collect();
        out.push(Combination { label: label.join(", "), overrides, indices, numbers });
    }
    Ok(out)
}

/// A key that cannot name anything in this scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    pub key: String,
    pub reason: String,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--vary {}: {}", self.key, self.reason)
    }
}

/// Checks a key against the scenario's TOML before anything runs: the stream section must
/// exist, and a tier or plan named in the key must be defined. Misspelt key names are left
/// to scenario validation, which knows every allowed key and suggests the nearest one.
///
/// # Errors
/// A [`KeyProblem`] saying what the scenario has instead.
pub fn check_key(scenario_text: &str, key: &str) -> Result<(), KeyProblem> {
    let problem = |reason: String| KeyProblem { key: key.to_string(), reason };
    let Ok(doc) = scenario_text.parse::<toml_edit::DocumentMut>() else {
        return Ok(()); // the scenario's own syntax error is reported when it is loaded
    };
    let parts: Vec<&str> = key.split('.').collect();
    let root = doc.as_table();
    if let Some(&section @ ("reseller" | "affiliate")) = parts.first()
        && parts.len() > 1
        && !root.contains_key(section)
    {
        return Err(problem(format!(
            "the scenario has no [{section}] section, so there is nothing to vary there{}",
            if root.contains_key("reseller") || root.contains_key("affiliate") {
                format!(
                    "; it has [{}]",
                    ["reseller", "affiliate"]
                        .into_iter()
                        .filter(|s| root.contains_key(s))
                        .collect::<Vec<_>>()
                        .join("], [")
                )
            } else {
                String::new()
            }
        )));
    }
    for (i, collection) in parts.iter().enumerate() {
        let what = match *collection {
            "tiers" if i == 1 && parts[0] == "reseller" => "tier",
            "plans" if i == 1 && parts[0] == "affiliate" => "plan",
            _ => continue,
        };
        let Some(name) = parts.get(i + 1) else { continue };
        let names: Vec<String> = root
            .get(parts[0])
            .and_then(|s| s.as_table_like())
            .and_then(|s| s.get(collection))
            .and_then(|c| c.as_table_like())
            .map(|c| c.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default();
        if !names.iter().any(|n| n == name) {
            return Err(problem(format!(
                "the scenario has no {what} `{name}`{}; its {what}s are: {}",
                did_you_mean(name, names.iter().map(String::as_str)),
                if names.is_empty() { "(none)".to_string() } else { names.join(", ") }
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(spec: &str) -> Vec<f64> {
        spec.parse::<VarySpec>().unwrap().values.iter().map(|v| v.number.unwrap()).collect()
    }

    #[test]
    fn lists_and_ranges_parse() {
        assert_eq!(numbers("reseller.churn=0.05,0.10,0.15"), [0.05, 0.10, 0.15]);
        assert_eq!(
            numbers("reseller.arrivals=0.5..3:11"),
            [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0]
        );
        assert_eq!(numbers("reseller.churn=0.3..0.1:3"), [0.3, 0.2, 0.1]);
        assert_eq!(numbers("x = 0.1..0.3:3"), [0.1, 0.2, 0.3], "binary noise is rounded away");
        let spec: VarySpec = "reseller.initial_customers.starter=2..8:4".parse().unwrap();
        let toml: Vec<&str> = spec.values.iter().map(|v| v.toml.as_str()).collect();
        assert_eq!(toml, ["2", "4", "6", "8"], "whole numbers stay integers for count keys");
        let spec: VarySpec = "reseller.churn={ beta = [2, 18] },{ beta = [1, 9] }".parse().unwrap();
        assert_eq!(spec.values.len(), 2);
        assert_eq!(spec.values[0].toml, "{ beta = [2, 18] }");
        assert_eq!(spec.values[0].number, None);
    }

    #[test]
    fn bad_specs_say_what_is_wrong() {
        let cases = [
            ("reseller.churn", "expected KEY=VALUES"),
            ("=0.1", "dotted path"),
            ("reseller..churn=0.1", "dotted path"),
            ("reseller.churn=", "empty"),
            ("reseller.churn=0.1,,0.2", "value number 2 is empty"),
            ("reseller.churn=0.1,", "value number 2 is empty"),
            ("reseller.arrivals=0.5..3", "no number of points"),
            ("reseller.arrivals=0.5..:4", "no end"),
            ("reseller.arrivals=..3:4", "no start"),
            ("reseller.arrivals=a..3:4", "`a` is not a number"),
            ("reseller.arrivals=0.5..3:x", "not a whole number"),
            ("reseller.arrivals=0.5..3:1", "between 2 and"),
            ("reseller.arrivals=1..1:3", "starts and ends"),
            ("reseller.arrivals=0.5..3:100000", "between 2 and"),
        ];
        for (spec, expected) in cases {
            let error = spec.parse::<VarySpec>().unwrap_err().to_string();
            assert!(error.contains(expected), "{spec}: {error}");
        }
    }

    #[test]
    fn labels_read_as_plain_words() {
        let v = |toml: &str| VaryValue { toml: toml.into(), number: toml.parse().ok() };
        assert_eq!(label("reseller.churn", &v("0.1")), "churn 10%");
        assert_eq!(label("reseller.churn", &v("0.125")), "churn 12.5%");
        assert_eq!(label("reseller.arrivals", &v("1.5")), "arrivals 1.5/month");
        assert_eq!(label("reseller.tiers.growth.markup", &v("0.25")), "markup growth 25%");
        assert_eq!(label("reseller.tiers.starter.minimum", &v("50")), "minimum starter $50");
        assert_eq!(label("reseller.tiers.starter.upgrade.probability", &v("0.35")), "upgrade probability starter 35%");
        assert_eq!(label("reseller.kickback.first_order", &v("0.15")), "kickback first order 15%");
        assert_eq!(label("affiliate.commission.recurring", &v("0")), "commission recurring 0%");
        assert_eq!(label("affiliate.plans.pro.price", &v("19.99")), "price pro $19.99");
        assert_eq!(label("affiliate.signups", &v("20")), "signups 20/month");
        assert_eq!(label("reseller.spend_growth", &v("0.02")), "spend growth 2%");
        assert_eq!(label("effort.content_hours", &v("2")), "content hours 2 h");
        assert_eq!(label("reseller.initial_customers.starter", &v("8")), "initial customers starter 8");
        assert_eq!(label("reseller.churn", &v("{ beta = [2, 18] }")), "churn { beta = [2, 18] }");
        assert_eq!(range_label("reseller.churn", 0.056_45, 0.132_86), "churn 5.65% – 13.3%");
        assert_eq!(range_label("reseller.arrivals", 0.7742, 1.6131), "arrivals 0.774 – 1.61/month");
        assert_eq!(range_label("affiliate.plans.pro.price", 15.0, 25.0), "price pro $15 – $25");
    }

    #[test]
    fn cross_product_varies_the_last_spec_fastest() {
        let specs: Vec<VarySpec> =
            ["reseller.churn=0.05,0.1", "reseller.arrivals=1,2,3"].iter().map(|s| s.parse().unwrap()).collect();
        let all = cross_product(&specs).unwrap();
        assert_eq!(all.len(), 6);
        assert_eq!(all[0].label, "churn 5%, arrivals 1/month");
        assert_eq!(all[1].label, "churn 5%, arrivals 2/month");
        assert_eq!(all[5].label, "churn 10%, arrivals 3/month");
        assert_eq!(all[4].indices, [1, 1]);
        assert_eq!(all[4].overrides[1].spec, "reseller.arrivals=2");
        let twice: Vec<VarySpec> =
            ["reseller.churn=0.05", "reseller.churn=0.1"].iter().map(|s| s.parse().unwrap()).collect();
        assert!(cross_product(&twice).unwrap_err().to_string().contains("varied twice"));
        let big: Vec<VarySpec> = ["a=0..1:100", "b=0..1:100"].iter().map(|s| s.parse().unwrap()).collect();
        assert!(cross_product(&big).unwrap_err().to_string().contains("10000 variants"));
    }

    #[test]
    fn keys_are_checked_against_the_scenario() {
        let text =
            "[reseller]\nchurn = 0.1\n[reseller.tiers.starter]\nmarkup = 0.15\n[reseller.tiers.growth]\nmarkup = 0.2\n";
        assert!(check_key(text, "reseller.churn").is_ok());
        assert!(check_key(text, "reseller.tiers.growth.markup").is_ok());
        assert!(check_key(text, "reseller.kickback.recurring").is_ok(), "absent keys with defaults are fine");
        let e = check_key(text, "reseller.tiers.grwoth.markup").unwrap_err().to_string();
        assert!(
            e.contains("no tier `grwoth`") && e.contains("did you mean `growth`") && e.contains("starter, growth"),
            "{e}"
        );
        let e = check_key(text, "affiliate.signups").unwrap_err().to_string();
        assert!(e.contains("no [affiliate] section") && e.contains("[reseller]"), "{e}");
    }
}
