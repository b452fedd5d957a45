//! Shared glue of the what-if subcommands (`compare`, `sweep`, `sensitivity`): turning
//! `--vary` specs into loaded, validated scenario variants before anything runs; choosing
//! the output metric and month; running the engine quietly with pins; and the terminal
//! formatting the three share.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::BadInput;
use super::args::SimulationArgs;
use super::progress;
use crate::analysis::vary::{Combination, VarySpec, check_key, cross_product};
use crate::engine::{Control, Outcomes, simulate};
use crate::metric::Metric;
use crate::scenario::validate::did_you_mean;
use crate::scenario::{Override, Scenario, ScenarioError, load};

/// A scenario ready to run, with its label.
#[derive(Debug, Clone)]
pub struct Variant {
    pub label: String,
    pub scenario: Scenario,
    /// Which value of each `--vary` it takes (empty without `--vary`).
    pub indices: Vec<usize>,
    /// Those values as numbers, where they are numbers.
    pub numbers: Vec<Option<f64>>,
}

/// Parses every `--vary` spec; a bad one is bad input (exit status 2).
///
/// # Errors
/// [`BadInput`] naming the spec and what is wrong.
pub fn parse_specs(texts: &[String]) -> anyhow::Result<Vec<VarySpec>> {
    let specs = texts
        .iter()
        .map(|t| t.parse::<VarySpec>().map_err(|e| BadInput(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(spec) = specs.iter().find(|s| SHARED_KEYS.contains(&s.key.as_str())) {
        return Err(BadInput(format!(
            "bad --vary `{}`: every variant runs with the same seed, trajectories and horizon so that they can be \
             paired; set them for all with --seed, -n or --months",
            spec.key
        ))
        .into());
    }
    Ok(specs)
}

/// Keys every variant must share.
const SHARED_KEYS: [&str; 4] = ["seed", "trajectories", "horizon_months", "start_month"];

/// Loads one variant per combination of the specs' values, each with the command line's
/// overrides first and the combination's after, and validates them all before returning.
///
/// # Errors
/// [`BadInput`] for a key the scenario cannot have (a missing tier, a missing stream),
/// [`ScenarioError`] (exit status 2) for a value that fails the scenario's validation, its
/// origin naming the `--vary` value.
pub fn load_variants(path: &Path, simulation: &SimulationArgs, specs: &[VarySpec]) -> anyhow::Result<Vec<Variant>> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ScenarioError::Read { path: path.to_path_buf(), source })?;
    for spec in specs {
        check_key(&text, &spec.key).map_err(|p| BadInput(p.to_string()))?;
    }
    let base = simulation.overrides()?;
    let combinations = cross_product(specs).map_err(|e| BadInput(e.to_string()))?;
    combinations.into_iter().map(|c| load_combination(path, &base, c)).collect()
}

fn load_combination(path: &Path, base: &[Override], combination: Combination) -> anyhow::Result<Variant> {
    let mut overrides = base.to_vec();
    overrides.extend(combination.overrides.iter().cloned());
    let scenario = load(path, &overrides).map_err(|e| {
        let specs: Vec<&str> = combination.overrides.iter().map(|o| o.spec.as_str()).collect();
        name_vary(e, path, &specs.join(" "))
    })?;
    Ok(Variant { label: combination.label, scenario, indices: combination.indices, numbers: combination.numbers })
}

/// Says in a scenario error which `--vary` value it came from.
fn name_vary(error: ScenarioError, path: &Path, specs: &str) -> anyhow::Error {
    match error {
        ScenarioError::Invalid { text, problems, .. } => {
            ScenarioError::Invalid { origin: format!("{} (with --vary {specs})", path.display()), text, problems }
                .into()
        }
        ScenarioError::Override { reason, .. } => BadInput(format!("bad --vary `{specs}`: {reason}")).into(),
        other => other.into(),
    }
}

/// Loads several scenario files as variants run alike: the first file's seed, trajectory
/// count and horizon apply to all (after the command line's own overrides). Labels are the
/// scenario names, or the file names when names repeat.
///
/// # Errors
/// As for [`load`].
pub fn load_files(paths: &[PathBuf], simulation: &SimulationArgs) -> anyhow::Result<Vec<Variant>> {
    let base = simulation.overrides()?;
    let mut variants = Vec::with_capacity(paths.len());
    for path in paths {
        let mut overrides = base.clone();
        if let Some(first) = variants.first().map(|v: &Variant| &v.scenario) {
            let seed = i64::try_from(first.seed).context("the baseline's seed does not fit the other files")?;
            overrides.push(Override::number("seed", seed));
            overrides.push(Override::number("trajectories", first.trajectories as i64));
            overrides.push(Override::number("horizon_months", first.horizon_months as i64));
        }
        let scenario = load(path, &overrides)?;
        variants.push(Variant { label: scenario.name.clone(), scenario, indices: Vec::new(), numbers: Vec::new() });
    }
    let names: Vec<&str> = variants.iter().map(|v| v.label.as_str()).collect();
    let repeated = names.iter().enumerate().any(|(i, n)| names[..i].contains(n));
    if repeated {
        for (variant, path) in variants.iter_mut().zip(paths) {
            variant.label = path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into());
        }
    }
    Ok(variants)
}

/// The metric named by `--metric`.
///
/// # Errors
/// [`BadInput`] listing the metrics, with the nearest one suggested.
pub fn parse_metric(key: &str) -> anyhow::Result<Metric> {
    Metric::from_key(key).ok_or_else(|| {
        BadInput(format!(
            "unknown metric `{key}`{}; use one of: {}",
            did_you_mean(key, Metric::keys()),
            Metric::keys().join(", ")
        ))
        .into()
    })
}

/// The 0-based simulated month named by `--month` (a calendar month number, as in the
/// tables and the scenario's targets); the last month by default.
///
/// # Errors
/// [`BadInput`] when the month is outside the simulated months.
pub fn parse_month(month: Option<u32>, scenario: &Scenario) -> anyhow::Result<usize> {
    let (first, last) = (scenario.start_month, scenario.start_month + scenario.horizon_months as u32 - 1);
    match month {
        None => Ok(scenario.horizon_months - 1),
        Some(m) if (first..=last).contains(&m) => Ok((m - first) as usize),
        Some(m) => Err(BadInput(format!("--month {m} is outside the simulated months {first} to {last}")).into()),
    }
}

/// Runs one variant with the given pins, with a progress bar (shown after a second, and
/// labelled with `label`) and Ctrl-C cancellation.
///
/// # Errors
/// When interrupted; nothing has been written by then.
pub fn simulate_variant(
    scenario: &Scenario,
    pins: &[(String, f64)],
    quiet: bool,
    label: &str,
) -> anyhow::Result<Outcomes> {
    progress::with_progress(scenario.trajectories, quiet, label, |control| {
        simulate(scenario, &Control { pins, ..*control })
    })
}

/// `2.3×`, `15×`.
pub fn times(ratio: f64) -> String {
    if ratio < 10.0 { format!("{ratio:.1}×") } else { format!("{ratio:.0}×") }
}
