//! What-if specs: `--vary KEY=v1,v2,...` and `--vary KEY=start..end:points` ([`VarySpec`]),
//! their cross product and the variants they make ([`variants`]), and the checks a key
//! needs against the scenario's own tiers and plans ([`key`]).
//!
//! A spec only says which values to try. Each value becomes an ordinary scenario
//! [`Override`], so a value out of range or a misspelt key gets exactly the validation and
//! messages of a scenario file; [`check_key`] adds the checks that need the scenario's own
//! tiers and plans (a tier that does not exist, a stream the scenario lacks) before any
//! simulation starts.

pub mod key;
pub mod variants;

use std::str::FromStr;

use thiserror::Error;

pub use key::{KeyProblem, check_key};
pub use variants::{Combination, Variant, VariantError, cross_product, load_files, load_variants, parse_specs};

use crate::scenario::Override;
use crate::scenario::keys::{key_words, label, unit_of};
use crate::text::Unit;

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
        let (key, list) = split_key(spec, FORM).map_err(bad)?;
        if list.is_empty() {
            return Err(bad("the list of values is empty; give at least one value, e.g. 0.05,0.10".into()));
        }
        let values = if is_range(list) { range(list).map_err(bad)? } else { items(list).map_err(bad)? };
        Ok(Self { key, values })
    }
}

/// How a `--vary` is written, for messages.
const FORM: &str = "e.g. reseller.churn=0.05,0.10 or reseller.arrivals=0.5..3:11";

/// The one grammar's first step, for `--vary` and solve's levers alike: `KEY=REST` split at
/// the first `=`, the key a dotted path (spaces around its parts dropped), `REST` trimmed.
/// `form` shows how the whole is written, for messages.
///
/// # Errors
/// What is wrong, with `form`.
pub fn split_key<'a>(spec: &'a str, form: &str) -> Result<(String, &'a str), String> {
    let (key, rest) = spec.split_once('=').ok_or_else(|| format!("expected KEY=VALUES, {form}"))?;
    let key = key.trim();
    if key.is_empty() || key.split('.').any(|part| part.trim().is_empty()) {
        return Err(format!("the key needs a dotted path like reseller.churn or reseller.tiers.growth.markup; {form}"));
    }
    Ok((key.split('.').map(str::trim).collect::<Vec<_>>().join("."), rest.trim()))
}

/// A range as written: `start..end`, with `:points` when it asks for evenly spaced values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeText {
    pub start: f64,
    pub end: f64,
    pub points: Option<usize>,
}

/// The one grammar's range: `start..end` or `start..end:points`, each end a finite number,
/// two different ends (`help` ends every message).
///
/// # Errors
/// What is wrong, with `help`.
pub fn parse_range(text: &str, help: &str) -> Result<RangeText, String> {
    let (span, points) = match text.split_once(':') {
        Some((span, points)) => (span, Some(points.trim())),
        None => (text, None),
    };
    let (start, end) = span.split_once("..").ok_or_else(|| format!("expected a range START..END; {help}"))?;
    let number = |text: &str, what: &str| {
        let text = text.trim();
        text.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
            if text.is_empty() {
                format!("the range has no {what}; {help}")
            } else {
                format!("the {what} `{text}` is not a number; {help}")
            }
        })
    };
    let (start, end) = (number(start, "start")?, number(end, "end")?);
    if start == end {
        return Err(format!("the range starts and ends at {start}; give two different ends"));
    }
    if !(end - start).is_finite() {
        return Err(format!("the range from {start} to {end} is too wide; give nearer ends"));
    }
    let points = points
        .map(|p| p.parse::<usize>().map_err(|_| format!("the number of points `{p}` is not a whole number; {help}")))
        .transpose()?;
    Ok(RangeText { start, end, points })
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
        Override::parse(&text, "--vary").map_err(|e| VaryError { spec: text, reason: e.to_string() })
    }

    /// How the key reads in words: "churn", "markup growth", "kickback first order".
    pub fn words(&self) -> String {
        key_words(&self.key)
    }

    /// The unit the key's values are shown in.
    pub fn unit(&self) -> Unit {
        unit_of(&self.key)
    }

    /// The label of its `i`-th value: "churn 10%".
    pub fn label(&self, i: usize) -> String {
        self.values.get(i).map_or_else(String::new, |v| label(&self.key, &v.toml, v.number))
    }
}

/// Does `list` look like `start..end:points`?
fn is_range(list: &str) -> bool {
    list.contains("..") && !list.contains(['[', '{', '"'])
}

fn range(list: &str) -> Result<Vec<VaryValue>, String> {
    let help = "write a range as start..end:points, e.g. 0.5..3:11 (11 evenly spaced values from 0.5 to 3)";
    let RangeText { start, end, points } = parse_range(list, help)?;
    let points = points.ok_or_else(|| format!("the range has no number of points; {help}"))?;
    if !(2..=MAX_VARIANTS).contains(&points) {
        return Err(format!("a range needs between 2 and {MAX_VARIANTS} points, got {points}"));
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

/// A number as TOML: whole numbers as integers (count fields reject `3.0`), others in
/// their shortest decimal form.
pub fn number_toml(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let text = format!("{v}");
        if text.contains(['.', 'e', 'E']) { text } else { format!("{text}.0") }
    }
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
}
