//! What tiers and plans share: references by name (upgrade targets, initial counts, mix
//! weights), upgrade paths and churn (a rate, or per-customer sBG shapes).
use super::MAX_PART_NAME;
use toml::Spanned;

use super::{Validator, span};
use crate::scenario::keys::{MAX_TENURE, MAX_WEIGHT};

use crate::distribution::Param;
use crate::scenario::model::{Churn, Upgrade};
use crate::scenario::read::raw::{Named, RawUpgrade, RawValue};
use crate::text::did_you_mean;
use crate::text::number::compact;

impl Validator {
    pub(super) fn upgrade(
        &mut self,
        key: &str,
        from: &str,
        raw: &RawUpgrade,
        names: &[String],
        what: &str,
    ) -> Option<Upgrade> {
        let probability = self.param(&format!("{key}.probability"), &raw.probability);
        let within_months = raw.within_months.as_ref().map_or(1.0, |w| *w.get_ref());
        if !(within_months > 0.0 && within_months <= 1200.0) {
            let w = raw.within_months.as_ref().and_then(span);
            self.problem(
                &format!("{key}.within_months"),
                w,
                format!("{} is not a number of months above 0 and at most 1200", compact(within_months)),
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

    /// The dotted key of the table `prefix.NAME` for `name` (a tier, programme or plan),
    /// after checking the name: it names series in every output (`active_customers.NAME`),
    /// so it must show at least one character that is not a space (control characters are
    /// shown escaped wherever a name is written). An empty name's key is written
    /// `prefix.""`, as TOML writes it.
    pub(super) fn named_key(&mut self, prefix: &str, name: &Spanned<String>, what: &str) -> String {
        let text = name.get_ref();
        let key = if text.is_empty() { format!("{prefix}.\"\"") } else { format!("{prefix}.{text}") };
        if text.trim().is_empty() {
            self.problem(
                &key,
                span(name),
                format!("the {what}'s name is empty or only spaces"),
                &format!("name the {what} with letters, digits, `-` or `_`, e.g. [{prefix}.starter]"),
            );
        } else if text.chars().count() > MAX_PART_NAME {
            self.problem(
                &format!("{prefix}.{}…", text.chars().take(20).collect::<String>()),
                span(name),
                format!("the {what}'s name is {} characters long; at most {MAX_PART_NAME}", text.chars().count()),
                "shorten it: it names the series, columns and labels of every output",
            );
        }
        key
    }

    /// The index of a named tier or plan.
    pub(super) fn reference(
        &mut self,
        key: &str,
        raw: &Spanned<String>,
        names: &[String],
        what: &str,
    ) -> Option<usize> {
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
    pub(super) fn counts(
        &mut self,
        key: &str,
        raw: Option<&Named<Spanned<i64>>>,
        names: &[String],
        what: &str,
    ) -> Vec<u32> {
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

    /// Bills each initial customer or subscriber has had, per name: one whole number for
    /// all, or a table by name (names left out have 0).
    pub(super) fn tenure(&mut self, key: &str, raw: Option<&RawValue>, names: &[String], what: &str) -> Vec<u32> {
        let mut out = vec![0; names.len()];
        let Some(raw) = raw else { return out };
        let months = |v: &mut Self, key: &str, value: &toml::Value| match value {
            toml::Value::Integer(k) if (0..=MAX_TENURE).contains(k) => Some(*k as u32),
            other => {
                v.problem(
                    key,
                    span(raw),
                    format!("{} is not a number of months billed", super::describe(other)),
                    &format!("use a whole number from 0 to {MAX_TENURE}, or a table by {what} name"),
                );
                None
            }
        };
        match raw.get_ref() {
            toml::Value::Table(table) => {
                for (name, value) in table {
                    let Some(i) = names.iter().position(|n| n == name) else {
                        let help = format!("defined {what}s: {}", names.join(", "));
                        let message = format!(
                            "{what} `{name}` is not defined{}",
                            did_you_mean(name, names.iter().map(String::as_str))
                        );
                        self.problem(&format!("{key}.{name}"), span(raw), message, &help);
                        continue;
                    };
                    if let Some(k) = months(self, &format!("{key}.{name}"), value) {
                        out[i] = k;
                    }
                }
            }
            value => {
                if let Some(k) = months(self, key, value) {
                    out.iter_mut().for_each(|t| *t = k);
                }
            }
        }
        out
    }

    /// Normalised weights in the order of `names`; without a mix, everything goes to the first.
    pub(super) fn mix(
        &mut self,
        key: &str,
        raw: Option<&Spanned<Named<Spanned<f64>>>>,
        names: &[String],
        what: &str,
    ) -> Vec<f64> {
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
            let wrong = if w.is_nan() {
                Some(format!("weight {w} is not a number"))
            } else if w < 0.0 {
                Some(format!("weight {} is negative", compact(w)))
            } else if w > MAX_WEIGHT {
                Some(format!("weight {} is too large", compact(w)))
            } else {
                None
            };
            match wrong {
                Some(message) => self.problem(
                    &format!("{key}.{}", name.get_ref()),
                    span(weight),
                    message,
                    "weights are numbers from 0 to 1,000,000, normalised to sum to 1 (e.g. 0.7 and 0.3, or 70 and 30)",
                ),
                None => weights[i] = w,
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

    pub(super) fn churn(&mut self, key: &str, raw: Option<&RawValue>) -> Churn {
        let Some(raw) = raw else {
            return Churn::Constant(Param::ZERO);
        };
        if let toml::Value::Table(t) = raw.get_ref()
            && let Some(v) = t.get("sbg")
        {
            if t.len() > 1 {
                self.problem(
                    key,
                    span(raw),
                    "`sbg` must be the only key of the table".into(),
                    "use { sbg = [alpha, beta] }",
                );
            }
            return self.sbg(key, raw, v).unwrap_or(Churn::Constant(Param::ZERO));
        }
        Churn::Constant(self.param(key, raw))
    }

    /// `{ sbg = [alpha, beta] }`: two shapes, each a number or a distribution drawn once per
    /// trajectory (`KEY.alpha`, `KEY.beta`), which calibration can then learn.
    fn sbg(&mut self, key: &str, raw: &RawValue, value: &toml::Value) -> Option<Churn> {
        let shape = "[alpha, beta], e.g. { sbg = [0.7, 1.2] } or { sbg = [{ ci90 = [0.3, 3] }, 1.2] }";
        let items = match value {
            toml::Value::Array(items) if items.len() == 2 && items.iter().any(|i| i.is_table()) => items,
            _ => {
                let shapes = self.numbers(key, span(raw), "sbg", value, 2, shape)?;
                let s = self.shapes(key, span(raw), "sbg", &shapes)?;
                return Some(Churn::ShiftedBetaGeometric {
                    alpha: Param::fixed(s[0]).ok()?,
                    beta: Param::fixed(s[1]).ok()?,
                });
            }
        };
        let mut shape_param = |name: &str, item: &toml::Value| {
            let spanned = toml::Spanned::new(raw.span(), item.clone());
            self.param(&format!("{key}.{name}"), &spanned)
        };
        let alpha = shape_param("alpha", &items[0]);
        let beta = shape_param("beta", &items[1]);
        Some(Churn::ShiftedBetaGeometric { alpha, beta })
    }
}
