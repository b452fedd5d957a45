//! The variants a comparison or sweep runs: one scenario per combination of the `--vary`
//! values (each loaded with the command line's overrides first and the combination's
//! after, and validated before anything runs), or several scenario files run alike.

use std::path::PathBuf;

use thiserror::Error;

use super::{MAX_VARIANTS, VaryError, VarySpec, check_key};
use crate::scenario::{Override, Scenario, ScenarioError, ScenarioFile, load};

/// Why the variants cannot be made: always input the user can fix.
#[derive(Debug, Error)]
pub enum VariantError {
    #[error(transparent)]
    Spec(#[from] VaryError),
    #[error(transparent)]
    Key(#[from] super::KeyProblem),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error(
        "bad --vary `{0}`: every variant runs with the same seed, trajectories and horizon so that they can be \
         paired; set them for all with --seed, -n or --months"
    )]
    Shared(String),
    #[error("bad --vary `{specs}`: {reason}")]
    Override { specs: String, reason: String },
    #[error(
        "compare runs every variant over the same calendar months, but {first} starts in month {first_month} and \
         {other} in month {other_month}; give them the same start (e.g. --start-month {first_month})"
    )]
    StartMonths { first: String, first_month: u32, other: String, other_month: u32 },
    /// Problems in several of the files compared, each file's in full.
    #[error("problems in {} of the files", .0.len())]
    Scenarios(Vec<ScenarioError>),
}

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

/// Keys every variant must share.
const SHARED_KEYS: [&str; 4] = ["seed", "trajectories", "horizon_months", "start_month"];

/// Parses every `--vary` spec.
///
/// # Errors
/// [`VariantError`] naming the spec and what is wrong, or a key every variant must share.
pub fn parse_specs(texts: &[String]) -> Result<Vec<VarySpec>, VariantError> {
    let specs = texts.iter().map(|t| t.parse::<VarySpec>()).collect::<Result<Vec<_>, _>>()?;
    if let Some(spec) = specs.iter().find(|s| SHARED_KEYS.contains(&s.key.as_str())) {
        return Err(VariantError::Shared(spec.key.clone()));
    }
    Ok(specs)
}

/// Loads one variant per combination of the specs' values from one reading of the file,
/// each with `base` overrides first and the combination's after, and validates them all
/// before returning.
///
/// # Errors
/// A key the scenario cannot have (a missing tier, a missing stream), a value that fails
/// the scenario's validation (its origin naming the `--vary` value), or too many variants.
pub fn load_variants(file: &ScenarioFile, base: &[Override], specs: &[VarySpec]) -> Result<Vec<Variant>, VariantError> {
    for spec in specs {
        check_key(&file.text, &spec.key)?;
    }
    let combinations = cross_product(specs)?;
    combinations.into_iter().map(|c| load_combination(file, base, c)).collect()
}

fn load_combination(file: &ScenarioFile, base: &[Override], combination: Combination) -> Result<Variant, VariantError> {
    let mut overrides = base.to_vec();
    overrides.extend(combination.overrides.iter().cloned());
    let scenario = file.load(&overrides).map_err(|e| {
        let specs: Vec<&str> = combination.overrides.iter().map(|o| o.spec.as_str()).collect();
        name_vary(e, &specs.join(" "))
    })?;
    Ok(Variant { label: combination.label, scenario, indices: combination.indices, numbers: combination.numbers })
}

/// Says in a scenario error which `--vary` value it came from (problems in the values
/// themselves already name it).
fn name_vary(error: ScenarioError, specs: &str) -> VariantError {
    match error {
        ScenarioError::Override { reason, .. } => VariantError::Override { specs: specs.to_string(), reason },
        other => other.into(),
    }
}

/// Loads several scenario files as variants run alike: the first file's seed, trajectory
/// count and horizon apply to all (after `base`, the command line's own overrides). Labels
/// are the scenario names, or the file names when names repeat.
///
/// # Errors
/// As for [`load`].
pub fn load_files(paths: &[PathBuf], base: &[Override]) -> Result<Vec<Variant>, VariantError> {
    let mut variants = Vec::with_capacity(paths.len());
    let mut refused = Vec::new();
    for path in paths {
        let mut overrides = base.to_vec();
        if let Some(first) = variants.first().map(|v: &Variant| &v.scenario) {
            // Validation keeps the seed at most i64::MAX and the rest far below.
            overrides.push(Override::number("seed", i64::try_from(first.seed()).unwrap_or(i64::MAX)));
            overrides.push(Override::number("trajectories", first.trajectories() as i64));
            overrides.push(Override::number("horizon_months", first.horizon_months() as i64));
        }
        // Every file is read even after one is refused, so each one's problems show at once.
        let scenario = match load(path, &overrides) {
            Ok(scenario) if refused.is_empty() => scenario,
            Ok(_) => continue,
            Err(e) => {
                refused.push(e);
                continue;
            }
        };
        if let (Some(first), Some(first_path)) = (variants.first().map(|v: &Variant| &v.scenario), paths.first())
            && first.start_month() != scenario.start_month()
        {
            return Err(VariantError::StartMonths {
                first: first_path.display().to_string(),
                first_month: first.start_month(),
                other: path.display().to_string(),
                other_month: scenario.start_month(),
            });
        }
        variants.push(Variant {
            label: scenario.name().to_string(),
            scenario,
            indices: Vec::new(),
            numbers: Vec::new(),
        });
    }
    match refused.len() {
        0 => {}
        1 => return Err(VariantError::Scenario(refused.remove(0))),
        _ => return Err(VariantError::Scenarios(refused)),
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
        let label = specs.iter().zip(&indices).map(|(s, &i)| s.label(i)).collect::<Vec<_>>();
        let numbers = specs.iter().zip(&indices).map(|(s, &i)| s.values[i].number).collect();
        out.push(Combination { label: label.join(", "), overrides, indices, numbers });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
