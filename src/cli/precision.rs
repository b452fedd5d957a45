//! `--precision` and the one call `sidecast run` makes into the pipeline: parses the target
//! ("0.5%" or "0.005"), runs with progress, and says on stderr how many trajectories the
//! target needed (or that it was not reached within the limit).

use crate::pipeline::{self, Plan, RunOutput};
use crate::scenario::Scenario;
use crate::stats::Percentile;

use super::progress;

/// Parses `0.5%` or `0.005` into a fraction in (0, 1).
///
/// # Errors
/// A message for clap when the text is not such a number.
pub fn parse_precision(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(n) => (n.trim(), 0.01),
        None => (trimmed, 1.0),
    };
    let value = number.parse::<f64>().map_err(|_| format!("`{text}` is not a precision; use e.g. 0.5% or 0.005"))?;
    let fraction = value * scale;
    if fraction > 0.0 && fraction < 1.0 {
        Ok(fraction)
    } else {
        Err(format!("the precision must be between 0 and 100% (got `{text}`)"))
    }
}

/// Runs the scenario through [`pipeline::run`] with a progress bar and Ctrl-C handling.
///
/// # Errors
/// When the run was stopped by Ctrl-C.
pub fn run_pipeline(
    scenario: &Scenario,
    source: &str,
    levels: &[Percentile],
    precision: Option<f64>,
    quiet: bool,
) -> anyhow::Result<RunOutput> {
    let plan = Plan { precision, ..Plan::default() };
    let output = progress::with_progress(scenario.trajectories, quiet, &scenario.name, |control| {
        pipeline::run(scenario, source, levels, control, &plan)
    })?;
    if let Some(target) = precision {
        let n = output.report.trajectories;
        if output.precision_reached {
            eprintln!("--precision {}%: reached with {n} trajectories", target * 100.0);
        } else {
            eprintln!("--precision {}%: not reached within {n} trajectories; reporting what they give", target * 100.0);
        }
    }
    Ok(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_accepts_percent_and_fraction() {
        assert_eq!(parse_precision("0.5%"), Ok(0.005));
        assert_eq!(parse_precision("0.01"), Ok(0.01));
        for bad in ["0", "100%", "x", "-1%", "1.5"] {
            assert!(parse_precision(bad).is_err(), "{bad}");
        }
    }
}
