//! The scenarios `calibrate` reads and writes besides the user's own: the projection
//! scenario checked before any work, `calibrated.toml` drawing from the posterior's
//! parameter sets, and the posterior predictive over the history's months.

use std::path::{Path, PathBuf};

use crate::app::error::Error;
use crate::scenario::write::calibrated::with_parameter_sets;
use crate::scenario::{LoadContext, Override, Scenario, parse_in};

/// The file the posterior's parameter sets go to, beside `calibrated.toml`.
pub const SETS: &str = "posterior.csv";

/// Most trajectories of the posterior predictive check: far more than its ranks need,
/// and few enough to keep every trajectory.
pub(super) const PREDICTIVE_TRAJECTORIES: usize = 100_000;

/// A projection scenario that already draws from parameter sets is refused (the
/// posterior's would replace them).
pub(super) fn refuse_parameter_sets(scenario: &Scenario, path: &Path) -> Result<(), Error> {
    if scenario.joint().sets.is_some() {
        return Err(Error::Usage(format!(
            "{}: the scenario already draws its parameters from parameter sets; --project needs one that declares \
             them itself (the posterior's sets take their place)",
            path.display()
        )));
    }
    Ok(())
}

/// The scenario of `text` drawing from the parameter sets `sets` (as `calibrated.toml`
/// will), checked as a run would.
pub(super) fn with_sets(
    text: &str,
    name: &str,
    path: &Path,
    overrides: &[Override],
    sets: &str,
) -> Result<Scenario, Error> {
    let text = with_parameter_sets(text, name, SETS).map_err(Error::Usage)?;
    parse_with_sets(&text, path, overrides, sets)
}

pub(super) fn parse_with_sets(text: &str, path: &Path, overrides: &[Override], sets: &str) -> Result<Scenario, Error> {
    let origin = format!("calibrated.toml (from {})", path.display());
    let context = LoadContext {
        folder: path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
        pinned: Vec::new(),
        sets_text: Some(sets.to_string()),
    };
    Ok(parse_in(text, &origin, overrides, &context)?)
}

/// The calibrated scenario over the history's months only (`horizon` of them), without its
/// targets and with at most [`PREDICTIVE_TRAJECTORIES`]: the posterior predictive the
/// history is checked against (every trajectory kept, to rank the actuals among them).
pub(super) fn predictive_scenario(
    text: &str,
    path: &Path,
    overrides: &[Override],
    sets: &str,
    horizon: usize,
) -> Result<Scenario, Error> {
    let scenario = parse_with_sets(text, path, overrides, sets)?;
    let trajectories = scenario.trajectories().min(PREDICTIVE_TRAJECTORIES);
    let scenario = scenario.without_targets().with_horizon(horizon).map_err(Error::Usage)?;
    Ok(scenario.with_trajectories(trajectories))
}

/// Whether arrivals or signups grow month by month (or may).
pub(super) fn grows(scenario: &Scenario) -> bool {
    let reseller = scenario.reseller().is_some_and(|r| r.arrivals_growth.quantile(0.99) != 0.0);
    let affiliate = scenario
        .affiliate()
        .as_ref()
        .is_some_and(|a| a.programmes.iter().any(|p| p.signups_growth.quantile(0.99) != 0.0));
    reseller || affiliate
}
