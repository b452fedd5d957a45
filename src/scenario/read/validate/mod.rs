//! Turns a [`RawScenario`] into a [`Scenario`], collecting every problem in one pass; one
//! file per section (`top.rs`, `reseller.rs`, `affiliate.rs`, `content.rs`, `effort.rs`,
//! `costs.rs`, `calibration.rs`, and `joint.rs` for parameter sets and correlations), with
//! what tiers and plans share in `named.rs` and numbers and distributions in `params.rs`.
//! Each number's range comes from the key table ([`crate::scenario::keys`]).
//!
//! Each check names the dotted key, the value, the rule and the fix. A distribution given
//! for a bounded quantity (a rate in [0, 1], a count that cannot be negative) is rejected
//! when it puts more than [`MAX_MASS_OUTSIDE`] of its draws outside the allowed range;
//! draws from an accepted one are clamped into the range by the engine.

mod affiliate;
mod calibration;
mod content;
mod costs;
mod effort;
mod joint;
pub use joint::SetsInput;
mod named;
mod params;
mod reseller;
mod top;

use std::ops::Range;

use toml::Spanned;

pub use crate::scenario::keys::Domain;

use crate::scenario::error::Problem;
use crate::scenario::model::Scenario;
use crate::scenario::model::joint::ParameterSets;
pub use crate::scenario::model::{MAX_HORIZON, MAX_START_MONTH, MAX_TRAJECTORIES};
use crate::scenario::read::raw::RawScenario;

/// Largest probability a parameter's distribution may put outside the parameter's range.
pub const MAX_MASS_OUTSIDE: f64 = 1e-6;
/// Most tiers, and most plans, a scenario may define.
pub const MAX_NAMED: usize = 100;
/// Longest scenario `name`, in characters: it titles every chart and page.
pub const MAX_NAME: usize = 200;
/// Longest name of a tier, plan or programme, in characters: it names series and labels.
pub const MAX_PART_NAME: usize = 100;

/// Validates a whole scenario.
///
/// # Errors
/// Every problem found, in file order where possible.
pub fn validate(mut raw: RawScenario, sets: Option<SetsInput>, pinned: &[String]) -> Result<Scenario, Vec<Problem>> {
    let mut v = Validator { pinned: pinned.to_vec(), ..Validator::default() };
    v.merge_start(&mut raw);
    v.load_sets(sets);
    let correlations = raw.correlations.take();
    let mut scenario = v.scenario(raw);
    scenario.joint.sets = v.finish_sets();
    scenario.joint.copula = v.copula(&scenario, correlations.unwrap_or_default());
    // File order; problems without a place go last.
    v.problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    if v.problems.is_empty() { Ok(scenario) } else { Err(v.problems) }
}

#[derive(Default)]
pub(super) struct Validator {
    pub(super) problems: Vec<Problem>,
    /// Parameter sets being applied, and which of their columns a parameter took.
    pub(super) sets: Option<(ParameterSets, Vec<bool>, Option<Range<usize>>)>,
    /// Keys set on the command line (they win over parameter-set columns).
    pub(super) pinned: Vec<String>,
    /// Every parameter key seen, for "did you mean".
    pub(super) keys: Vec<String>,
}

pub(super) fn span<T>(s: &Spanned<T>) -> Option<Range<usize>> {
    Some(s.span())
}

impl Validator {
    pub(super) fn problem(&mut self, key: &str, span: Option<Range<usize>>, message: String, help: &str) {
        let mut p = Problem::new(key, span, message);
        if !help.is_empty() {
            p = p.help(help);
        }
        self.problems.push(p);
    }
}

pub(super) fn as_number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    }
}

pub(super) fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("the text \"{s}\""),
        toml::Value::Boolean(b) => format!("the boolean {b}"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
        toml::Value::Datetime(_) => "a date".into(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => crate::text::number::compact(*f),
    }
}
