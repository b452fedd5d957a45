//! Options shared by the subcommands, one file per group (`simulation.rs`, `chart.rs`,
//! `output.rs`), and the value parsers several commands use (`--metric`, `--precision`).
//! Each group turns what was typed into validated values: `--set` and the shortcut flags
//! become TOML overrides, so every value goes through the same validation as the file.

mod chart;
mod output;
mod simulation;

pub use chart::{ChartArgs, ChartFormats, ThemeArg};
pub use output::{OutputArgs, default_output_folder};
pub use simulation::{SimulationArgs, parse_threads};

use std::ffi::OsStr;

use clap::Arg;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::metric::{Metric, SeriesKey};

/// `--metric`: a metric key, which clap lists when a value is not one (and completes in
/// shells), or a metric of one named part (`active_customers.starter`), which the
/// scenario checks once it is read.
pub fn metric_parser() -> MetricParser {
    MetricParser
}

/// The value parser [`metric_parser`] returns.
#[derive(Debug, Clone, Copy)]
pub struct MetricParser;

impl TypedValueParser for MetricParser {
    type Value = String;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, clap::Error> {
        match value.to_str() {
            Some(text) if text.contains('.') && SeriesKey::parse(text).is_some() => Ok(text.to_string()),
            _ => PossibleValuesParser::new(Metric::keys()).parse_ref(cmd, arg, value),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Metric::keys().into_iter().map(PossibleValue::new)))
    }
}

/// Parses `0.5%` or `0.005` into a fraction in (0, 1) (`--precision`).
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
    if (MIN_PRECISION..1.0).contains(&fraction) {
        Ok(fraction)
    } else {
        Err(format!("the precision must be from 0.001% to below 100% (got `{text}`)"))
    }
}

/// The finest `--precision`: a standard error of 0.001% of the value needs some 10^10
/// trajectories even for a quiet metric (a spread of half its mean), more than a run may
/// have (4,294,967,295).
const MIN_PRECISION: f64 = 1e-5;

/// One count of `--counts` (customers still active at an age): a whole number, with a
/// message that says what to write instead of the parser's ("invalid digit found"); the
/// cohort's own check refuses counts above 1e15, with the cohort and age.
///
/// # Errors
/// A message for clap.
pub fn parse_count(text: &str) -> Result<u64, String> {
    text.trim().parse::<u64>().map_err(|_| {
        format!("`{text}` is not a count: write whole numbers of customers from 0 to 1e15, comma-separated (12,11,8)")
    })
}

/// `--waterfall-month`: a calendar month number, with a message that says so instead of the
/// parser's ("number too large to fit in target type"); whether the run has that month is
/// checked with the scenario.
///
/// # Errors
/// A message for clap.
pub fn parse_month(text: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| format!("`{text}` is not a month: write a calendar month number, e.g. 12"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_months_say_what_to_write() {
        assert_eq!(parse_count("12"), Ok(12));
        assert_eq!(parse_count("1000000000000000"), Ok(1_000_000_000_000_000), "above 1e15 the cohort refuses");
        for bad in ["-1", "", "99999999999999999999", "1.5", "x"] {
            assert!(parse_count(bad).unwrap_err().contains("from 0 to 1e15"), "{bad}");
        }
        assert_eq!(parse_month("12"), Ok(12));
        assert!(parse_month("99999999999999999999").unwrap_err().contains("is not a month"));
    }

    #[test]
    fn precision_accepts_percent_and_fraction() {
        assert_eq!(parse_precision("0.5%"), Ok(0.005));
        assert_eq!(parse_precision("0.01"), Ok(0.01));
        assert_eq!(parse_precision("0.001%"), Ok(0.001 * 0.01));
        // Below it a run could never stop, and 1e-300 printed as 300 digits.
        for bad in ["0", "100%", "x", "-1%", "1.5", "1e-300", "0.0009%", "NaN", "inf"] {
            assert!(parse_precision(bad).is_err(), "{bad}");
        }
    }
}
