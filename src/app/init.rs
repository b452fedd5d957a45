//! `init`: a first scenario that runs as it is, from a few answers (the users' own numbers
//! by default), or drafted from an import's folder (`--from`): the commented TOML text,
//! checked exactly as `run` would load it.

use super::error::Error;
use crate::import::draft::{Draft, Folder, draft};
use crate::scenario::write::template::{Answers, scenario_text};

/// The scenario text of `answers`, validated (`origin` names it in any problem).
///
/// # Errors
/// [`Error::Scenario`] when the answers do not make a valid scenario.
pub fn init(answers: &Answers, origin: &str) -> Result<String, Error> {
    let text = scenario_text(answers);
    crate::scenario::parse(&text, origin)?;
    Ok(text)
}

/// `init --from`: the projection and its calibration twin drafted from an import's folder,
/// each validated as `run` would load it (`projection` and `calibration` are their names).
///
/// # Errors
/// [`Error::Import`] for a folder that cannot be drafted from; [`Error::Scenario`] if a
/// draft did not load (a bug).
pub fn init_from(folder: &Folder, projection: &str, calibration: &str) -> Result<Draft, Error> {
    let drafted = draft(folder, projection, calibration)?;
    crate::scenario::parse(&drafted.projection, projection)?;
    crate::scenario::parse(&drafted.calibration, calibration)?;
    Ok(drafted)
}

/// One line saying what the scenario holds ("a reseller with 12 customers on 3 tiers, 10%
/// churn").
pub fn summary(answers: &Answers) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &answers.reseller {
        let n: u32 = r.tiers.iter().map(|t| t.customers).sum();
        parts.push(format!("a reseller with {n} customers on {} tiers, {} churn", r.tiers.len(), r.churn.words()));
    }
    if let Some(f) = &answers.affiliate {
        let n: u32 = f.plans.iter().map(|p| p.subscribers).sum();
        parts.push(format!("an affiliate with {n} subscribers on {} plans, {} churn", f.plans.len(), f.churn.words()));
    }
    parts.join(" and ")
}
