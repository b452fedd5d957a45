//! Numbers that may be fixed or a distribution: the distribution forms, their numbers, and
//! the check that a distribution stays within its parameter's range (more than
//! [`MAX_MASS_OUTSIDE`] of its mass outside is refused, with a beta of the same mean and
//! spread suggested for rates).
use std::ops::Range;

use super::{Domain, MAX_MASS_OUTSIDE, Validator, as_number, describe, span};
use crate::distribution::{Distribution, DistributionError, Param};
use crate::scenario::keys::{self, Values};
use crate::scenario::read::raw::RawValue;
use crate::text::did_you_mean;
use crate::text::number::{compact, share, typed_number_hint};

impl Validator {
    pub(super) fn param_or(&mut self, key: &str, raw: Option<&RawValue>, default: f64) -> Param {
        match raw {
            Some(r) => self.param(key, r),
            None => {
                let domain = self.domain(key);
                let given = Param::fixed(default).unwrap_or(Param::ZERO);
                self.keys.push(key.to_string());
                self.set_column(key, domain).unwrap_or(given)
            }
        }
    }

    /// A number or a distribution table, checked against its domain; a column of the
    /// parameter sets replaces it.
    pub(super) fn param(&mut self, key: &str, raw: &RawValue) -> Param {
        let domain = self.domain(key);
        let given = self.given_param(key, raw, domain);
        self.keys.push(key.to_string());
        self.set_column(key, domain).unwrap_or(given)
    }

    /// A number or a distribution drawn afresh for each piece of content: not a number of
    /// the trajectory, so a parameter-sets column cannot give it.
    pub(super) fn per_piece_param(&mut self, key: &str, raw: &RawValue) -> Param {
        let domain = self.domain(key);
        let given = self.given_param(key, raw, domain);
        self.refuse_set_column(key, "it is drawn afresh for each piece, not once per trajectory");
        given
    }

    /// The domain of a parameter's key, from the key table. A key with no entry is a bug
    /// (a test keeps every key in the table); it is reported, never passed silently.
    fn domain(&mut self, key: &str) -> Domain {
        match keys::key(key).map(|k| k.values) {
            Some(Values::Param(d) | Values::PerPiece(d)) => d,
            _ => {
                self.problem(
                    key,
                    None,
                    "has no entry in sidecast's key table (a bug: please report it)".into(),
                    "leave the key out until sidecast is fixed",
                );
                Domain::NonNegative
            }
        }
    }

    fn given_param(&mut self, key: &str, raw: &RawValue, domain: Domain) -> Param {
        match raw.get_ref() {
            toml::Value::Table(t) => {
                let Some(distribution) = self.distribution(key, span(raw), t) else {
                    return Param::ZERO;
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
                        format!("{distribution} puts {} of its draws outside the allowed range", share(outside)),
                        &help,
                    );
                }
                Param::uncertain(key, distribution, (lo, hi)).unwrap_or(Param::ZERO)
            }
            value => match as_number(value) {
                Some(v) if v.is_finite() && domain.contains(v) => Param::fixed(v).unwrap_or(Param::ZERO),
                Some(v) if !v.is_finite() => {
                    self.problem(
                        key,
                        span(raw),
                        format!("{v} is not a finite number"),
                        &format!("use {}", domain.rule()),
                    );
                    Param::ZERO
                }
                Some(v) => {
                    let message = format!("{} is out of range", compact(v));
                    self.problem(key, span(raw), message, &format!("use {}", domain.rule()));
                    Param::ZERO
                }
                None => {
                    let message = format!("expected a number or a distribution, found {}", describe(value));
                    let help = match value {
                        toml::Value::String(text) => typed_number_hint(text),
                        _ => None,
                    };
                    let help = help.unwrap_or_else(|| {
                        format!(
                            "use {}, or a distribution such as {{ beta = [2, 18] }} or {{ uniform = [0.05, 0.15] }}",
                            domain.rule()
                        )
                    });
                    self.problem(key, span(raw), message, &help);
                    Param::ZERO
                }
            },
        }
    }

    pub(super) fn distribution(
        &mut self,
        key: &str,
        at: Option<Range<usize>>,
        table: &toml::Table,
    ) -> Option<Distribution> {
        const FORMS: [&str; 6] = ["beta", "uniform", "normal", "lognormal", "triangular", "ci90"];
        let help = "distributions: { beta = [a, b] }, { uniform = [low, high] }, { normal = [mean, sd] }, { lognormal = { median = m, ci90 = [low, high] } }, { triangular = [min, mode, max] }, { ci90 = [low, high] }";
        let mut entries = table.iter();
        let (Some((form, value)), None) = (entries.next(), entries.next()) else {
            self.problem(key, at, "a distribution table needs exactly one key".into(), help);
            return None;
        };
        let numbers = |v: &mut Self, n: usize, shape: &str| v.numbers(key, at.clone(), form, value, n, shape);
        let built = match form.as_str() {
            "beta" => numbers(self, 2, "[a, b]")
                .and_then(|x| self.shapes(key, at.clone(), "beta", &x))
                .map(|x| Distribution::beta(x[0], x[1])),
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

    pub(super) fn lognormal(
        &mut self,
        key: &str,
        at: Option<Range<usize>>,
        value: &toml::Value,
    ) -> Option<Result<Distribution, DistributionError>> {
        let shape = "{ lognormal = { median = m, ci90 = [low, high] } }";
        let toml::Value::Table(t) = value else {
            self.problem(key, at, "lognormal takes a table".into(), shape);
            return None;
        };
        self.lognormal_table(key, at, t, shape).map(Ok)
    }

    /// `{ median = m, ci90 = [low, high] }` (median optional): every key known, every
    /// number finite, the median inside its own 90% interval.
    pub(super) fn lognormal_table(
        &mut self,
        key: &str,
        at: Option<Range<usize>>,
        t: &toml::Table,
        forms: &str,
    ) -> Option<Distribution> {
        let before = self.problems.len();
        for k in t.keys().filter(|k| *k != "median" && *k != "ci90") {
            let message = format!("unknown key `{k}` in a lognormal{}", did_you_mean(k, ["median", "ci90"]));
            self.problem(&format!("{key}.{k}"), at.clone(), message, "a lognormal takes `median` and `ci90` only");
        }
        let median = match t.get("median") {
            Some(m) => match as_number(m).filter(|m| m.is_finite()) {
                Some(m) => Some(m),
                None => {
                    let message = format!("the median is {}, not a finite number", describe(m));
                    self.problem(&format!("{key}.median"), at.clone(), message, forms);
                    None
                }
            },
            None => None,
        };
        let Some(ci) = t.get("ci90") else {
            self.problem(key, at, "a lognormal needs `ci90 = [low, high]`".into(), forms);
            return None;
        };
        let ci = self.numbers(key, at.clone(), "ci90", ci, 2, "[low, high]")?;
        if self.problems.len() > before {
            return None;
        }
        if let Some(m) = median
            && !(ci[0] <= m && m <= ci[1])
        {
            let message = format!(
                "the median {} lies outside its own 90% interval [{}, {}]",
                compact(m),
                compact(ci[0]),
                compact(ci[1])
            );
            self.problem(key, at, message, "the median is the middle draw: put it between the interval's ends");
            return None;
        }
        match Distribution::lognormal_ci90(median, ci[0], ci[1]) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(key, at, format!("invalid lognormal: {e}"), forms);
                None
            }
        }
    }

    /// Shape parameters of a beta or an sBG: from 0.0001 to 1,000,000 (beyond, draws are all
    /// 0 or 1, or the same number; `fit retention`'s snippets stay within).
    pub(super) fn shapes(&mut self, key: &str, at: Option<Range<usize>>, form: &str, x: &[f64]) -> Option<Vec<f64>> {
        if x.iter().all(|v| (1e-4..=crate::scenario::keys::MAX_SHAPE).contains(v)) {
            return Some(x.to_vec());
        }
        let got: Vec<String> = x.iter().map(|v| compact(*v)).collect();
        let message = format!("`{form}` shapes must be from 0.0001 to 1,000,000 (got {})", got.join(", "));
        self.problem(key, at, message, "e.g. { beta = [2, 18] } for a rate around 10%");
        None
    }

    /// An array of exactly `n` numbers.
    pub(super) fn numbers(
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
        match parsed {
            None => {
                self.problem(key, at, format!("`{form}` needs {n} numbers"), &format!("write {form} = {shape}"));
                None
            }
            Some(x) if x.iter().any(|v| !v.is_finite()) => {
                let got: Vec<String> = x.iter().map(|v| compact(*v)).collect();
                let message = format!("`{form}` needs finite numbers (got {})", got.join(", "));
                self.problem(
                    key,
                    at,
                    message,
                    &format!("write {form} = {shape} with ordinary numbers, not nan or inf"),
                );
                None
            }
            parsed => parsed,
        }
    }
}

/// Beta(a, b) with the same mean and variance, when one exists.
fn moment_matched_beta(d: &Distribution) -> Option<(f64, f64)> {
    let mean = d.mean();
    let sd = (d.quantile(0.8413) - d.quantile(0.1587)) / 2.0;
    let common = mean * (1.0 - mean) / (sd * sd) - 1.0;
    (mean > 0.0 && mean < 1.0 && common > 0.0).then_some((mean * common, (1.0 - mean) * common))
}
