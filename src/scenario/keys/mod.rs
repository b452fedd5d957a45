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
pub use table::{
    KEYS, MAX_HORIZON, MAX_NOISE, MAX_PAYOUT_DELAY, MAX_PIECES, MAX_RAMP, MAX_SHAPE, MAX_START_MONTH, MAX_TARGET,
    MAX_TENURE, MAX_TRAJECTORIES, MAX_WEIGHT,
};
pub use words::{key_words, label, range_label, unit_of};

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

/// The entry of a dotted key, whatever its names (which may hold dots or brackets
/// themselves); `None` for a key that is not a number.
pub fn key(dotted: &str) -> Option<&'static Key> {
    let key = canonical(dotted);
    KEYS.iter().find(|entry| {
        glob(entry.pattern, &key)
            || entry.pattern.strip_prefix("affiliate.").is_some_and(|rest| {
                key.strip_prefix("affiliate.programmes.").is_some_and(|named| {
                    // `NAME.rest`: some split of the name from the programme's key matches.
                    named.match_indices('.').any(|(i, _)| i > 0 && glob(rest, &named[i + 1..]))
                })
            })
    })
}

/// A key in one spelling: `[start]`'s keys as the keys they stand for, list indices as
/// `.N` (`costs.one_off[0].month` is `costs.one_off.0.month`).
pub fn canonical(dotted: &str) -> String {
    let mut key = String::with_capacity(dotted.len());
    let mut rest = dotted;
    // `[N]` with digits only is an index; other brackets belong to a name.
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|c| open + c);
        match close.filter(|&c| c > open + 1 && rest[open + 1..c].bytes().all(|b| b.is_ascii_digit())) {
            Some(c) => {
                key.push_str(&rest[..open]);
                key.push('.');
                key.push_str(&rest[open + 1..c]);
                rest = &rest[c + 1..];
            }
            None => {
                key.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    key.push_str(rest);
    for (from, to) in [
        ("start.customers.", "reseller.initial_customers."),
        ("start.subscribers.", "affiliate.initial_subscribers."),
        ("start.tenure_months", "reseller.initial_tenure_months"),
    ] {
        if let Some(tail) = key.strip_prefix(from) {
            return format!("{to}{tail}");
        }
    }
    match key.as_str() {
        "start.balance" => "affiliate.initial_balance".to_string(),
        "start.month" => "start_month".to_string(),
        _ => key,
    }
}

/// Whether `text` is `pattern` with each `*` standing for one or more characters.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(after) = text.strip_prefix(head) else { return false };
            (1..=after.len()).filter(|&i| after.is_char_boundary(i)).any(|i| glob(tail, &after[i..]))
        }
    }
}

#[cfg(test)]
mod tests;
