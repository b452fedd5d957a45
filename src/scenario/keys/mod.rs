//! The one key table: for every number a scenario can hold, its dotted key, its [`Unit`],
//! whether it is a whole number, the values it may take and how it reads in words. The
//! validator takes each number's range from here, and everything that names a key reads it
//! here too: `--set` and `--vary` values, solve's levers, parameter-set columns,
//! calibration's priors, labels, `check` and the web page's sliders.
//!
//! Keys are matched whatever the scenario names its tiers, plans, programmes and costs
//! (`reseller.tiers.growth.markup` is `reseller.tiers.*.markup`); a programme's keys read
//! the same in both forms (`affiliate.programmes.pro.signups` is `affiliate.signups`), and
//! `[start]`'s spellings are the keys they stand for (`start.customers.starter` is
//! `reseller.initial_customers.starter`). List entries are `*` too (`costs.one_off[0].month`
//! and `costs.one_off.0.month` are `costs.one_off.*.month`).

mod domain;
mod table;
mod words;

pub use domain::{Domain, MAX_HOURS, MAX_MONEY};
pub use words::{key_words, label, range_label, unit_of};
pub use table::{KEYS, MAX_PAYOUT_DELAY, MAX_PIECES, MAX_RAMP, MAX_TARGET, MAX_TENURE, MAX_WEIGHT};

use crate::text::Unit;

/// The values a key may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Values {
    /// A number, or a distribution drawn once per trajectory, within a domain.
    Param(Domain),
    /// A number, or a distribution drawn afresh for each piece of content, within a domain.
    PerPiece(Domain),
    /// A plain number within `[min, max]` (never a distribution).
    Number { min: f64, max: f64 },
    /// A whole number within `[min, max]`.
    Whole { min: i64, max: i64 },
}

/// Everything the tool knows about one numeric key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    /// The dotted key, with `*` for a name or a list index.
    pub pattern: &'static str,
    pub unit: Unit,
    /// How the key reads in a label ("churn", "median spend"); the tier, plan or programme
    /// it belongs to is added by [`key_words`].
    pub words: &'static str,
    pub values: Values,
}

impl Key {
    /// Whether values are whole numbers (counts, months).
    pub fn is_whole(&self) -> bool {
        matches!(self.values, Values::Whole { .. })
    }

    /// Whether the key may be a distribution drawn once per trajectory (so calibration can
    /// fit it and a parameter-sets column can give it).
    pub fn is_per_trajectory(&self) -> bool {
        matches!(self.values, Values::Param(_))
    }

    /// The smallest and largest values the key takes.
    pub fn range(&self) -> (f64, f64) {
        match self.values {
            Values::Param(d) | Values::PerPiece(d) => d.bounds(),
            Values::Number { min, max } => (min, max),
            Values::Whole { min, max } => (min as f64, max as f64),
        }
    }

    /// Whether `value` is one the key takes (a whole number for whole keys; open ends
    /// where the domain says so).
    pub fn admits(&self, value: f64) -> bool {
        match self.values {
            Values::Param(d) | Values::PerPiece(d) => d.contains(value),
            Values::Number { min, max } => (min..=max).contains(&value),
            Values::Whole { min, max } => value.fract() == 0.0 && (min as f64..=max as f64).contains(&value),
        }
    }

    /// The values allowed, in words, for messages.
    pub fn rule(&self) -> String {
        match self.values {
            Values::Param(d) | Values::PerPiece(d) => d.rule().to_string(),
            Values::Number { min, max } => {
                format!("a number from {} to {}", self.unit.exact(min), self.unit.exact(max))
            }
            Values::Whole { min, max } => format!("a whole number from {min} to {max}"),
        }
    }
}

/// The entry of a dotted key, whatever its names; `None` for a key that is not a number.
pub fn key(dotted: &str) -> Option<&'static Key> {
    let segments = normalized(dotted);
    KEYS.iter().find(|k| matches(k.pattern, &segments))
}

/// The key in the table's own terms: programme keys in their one-programme form, `[start]`
/// spellings as the keys they stand for, list indices as segments.
pub fn normalized(dotted: &str) -> Vec<String> {
    let mut segments: Vec<String> = Vec::new();
    for part in dotted.split('.') {
        // `one_off[0]` → `one_off`, `0`
        let mut rest = part;
        while let Some(open) = rest.find('[') {
            if open > 0 {
                segments.push(rest[..open].to_string());
            }
            let close = rest[open..].find(']').map_or(rest.len(), |c| open + c);
            segments.push(rest[open + 1..close].to_string());
            rest = rest.get(close + 1..).unwrap_or("");
        }
        if !rest.is_empty() {
            segments.push(rest.to_string());
        }
    }
    if segments.len() > 3 && segments[0] == "affiliate" && segments[1] == "programmes" {
        segments.drain(1..3);
    }
    let alias: Option<&[&str]> = match segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["start", "customers", ..] => Some(&["reseller", "initial_customers"]),
        ["start", "subscribers", ..] => Some(&["affiliate", "initial_subscribers"]),
        ["start", "balance"] => Some(&["affiliate", "initial_balance"]),
        ["start", "month"] => Some(&["start_month"]),
        ["start", "tenure_months", ..] => Some(&["reseller", "initial_tenure_months"]),
        _ => None,
    };
    match alias {
        Some(to) => to.iter().map(|s| (*s).to_string()).chain(segments.into_iter().skip(2)).collect(),
        None => segments,
    }
}

fn matches(pattern: &str, segments: &[String]) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() == segments.len() && parts.iter().zip(segments).all(|(p, s)| *p == "*" || p == s)
}

#[cfg(test)]
mod tests;
