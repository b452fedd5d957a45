//! The simulation options every simulating command shares (`--set`, the shortcut flags,
//! percentiles, threads and the run limits), and the step that turns them into overrides
//! checked against the key table's ranges, so every value goes through the same validation
//! as the file.

use std::path::Path;

use clap::Args;

use crate::app::{Error, Limits};
use crate::cli::limits::{MAX_THREADS, parse_duration, parse_memory, parse_population};
use crate::scenario::keys::{self, Values};
use crate::scenario::{Override, Scenario, load};
use crate::stats::Percentile;

#[derive(Debug, Clone, Args)]
pub struct SimulationArgs {
    /// Override a scenario value: a dotted key and a TOML value, e.g.
    /// `--set reseller.churn=0.05` or `--set 'reseller.churn={ beta = [2, 18] }'`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Number of simulated trajectories (overrides the scenario's `trajectories`).
    #[arg(long, short = 'n', value_name = "N", value_parser = |t: &str| parse_whole(t, "trajectories"))]
    pub trajectories: Option<i64>,
    /// Random seed (overrides the scenario's `seed`); the same seed gives the same numbers.
    #[arg(long, value_name = "S", value_parser = |t: &str| parse_whole(t, "seed"))]
    pub seed: Option<i64>,
    /// Horizon in months (overrides the scenario's `horizon_months`).
    #[arg(long, value_name = "H", value_parser = |t: &str| parse_whole(t, "horizon_months"))]
    pub months: Option<i64>,
    /// Number the first simulated month N, continuing a history that ends in month N-1
    /// (overrides the scenario's `start_month`; its initial_* keys are the state today).
    #[arg(long, value_name = "N", value_parser = |t: &str| parse_whole(t, "start_month"))]
    pub start_month: Option<i64>,
    /// Percentiles to report, comma-separated.
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "5,25,50,75,95")]
    pub percentiles: Vec<String>,
    /// Worker threads (default: all cores; at most 256). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Refuse a run whose expected active customers and subscribers in one trajectory
    /// exceed this (e.g. 5e6).
    #[arg(long, value_name = "N", default_value = "1e6", value_parser = parse_population)]
    pub max_population: f64,
    /// Refuse a run whose statistics would need more memory than this (e.g. 16GB).
    #[arg(long, value_name = "SIZE", default_value = "8GB", value_parser = parse_memory)]
    pub max_memory: f64,
    /// Refuse a run estimated to take longer than this (e.g. 90m, 4h).
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_duration)]
    pub max_time: f64,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl SimulationArgs {
    /// All overrides in order: `--set` first, then the shortcut flags.
    ///
    /// # Errors
    /// A `--set` that is not `KEY=VALUE`.
    pub fn overrides(&self) -> Result<Vec<Override>, Error> {
        let mut out = self.set.iter().map(|s| s.parse::<Override>()).collect::<Result<Vec<_>, _>>()?;
        for (flag, key, value) in [
            ("--trajectories", "trajectories", self.trajectories),
            ("--seed", "seed", self.seed),
            ("--months", "horizon_months", self.months),
            ("--start-month", "start_month", self.start_month),
        ] {
            if let Some(v) = value {
                let (min, max) = whole_range(key);
                if !(min..=max).contains(&v) {
                    let allowed =
                        if max == i64::MAX { format!("at least {min}") } else { format!("from {min} to {max}") };
                    return Err(Error::Usage(format!("{flag} {v}: use a whole number {allowed}")));
                }
                out.push(Override::flag(flag, key, v));
            }
        }
        Ok(out)
    }

    /// The percentile levels, with p5, p50 and p95 always included for the summaries.
    ///
    /// # Errors
    /// A level that is not a percentile.
    pub fn levels(&self) -> Result<Vec<Percentile>, Error> {
        let mut levels = self
            .percentiles
            .iter()
            .map(|s| s.parse::<Percentile>().map_err(|e| Error::Usage(format!("--percentiles {s}: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        for required in [Percentile::P5, Percentile::P25, Percentile::P50, Percentile::P75, Percentile::P95] {
            if !levels.contains(&required) {
                levels.push(required);
            }
        }
        levels.sort_unstable();
        levels.dedup();
        Ok(levels)
    }

    /// Loads the scenario with every override applied.
    ///
    /// # Errors
    /// Any scenario or override problem.
    pub fn load(&self, path: &Path) -> Result<Scenario, Error> {
        Ok(load(path, &self.overrides()?)?)
    }

    /// The limits a run must stay within (`--max-population`, `--max-memory`, `--max-time`).
    pub fn limits(&self) -> Limits {
        Limits { max_population: self.max_population, max_memory: self.max_memory, max_seconds: self.max_time }
    }

    /// Sets the size of rayon's global pool once.
    ///
    /// # Errors
    /// A pool that cannot start (the count was checked by [`parse_threads`]).
    pub fn configure_threads(&self) -> Result<(), Error> {
        if let Some(n) = self.threads {
            rayon::ThreadPoolBuilder::new().num_threads(n).build_global().map_err(|e| Error::Threads(e.to_string()))?;
        }
        Ok(())
    }
}

/// The whole numbers the key table allows for a whole-number key (every key above is one;
/// `0..=i64::MAX` would only be reached by a key the table does not list as whole).
fn whole_range(dotted: &str) -> (i64, i64) {
    match keys::key(dotted).map(|k| k.values) {
        Some(Values::Whole { min, max }) => (min, max),
        _ => (0, i64::MAX),
    }
}

/// A whole-number flag (`-n`, `--seed`, `--months`, `--start-month`) for the scenario key
/// `key`: digits, with a message that says what to write instead of the parser's ("invalid
/// digit found in string"); a number in range of an `i64` is left to the key's check with
/// its words (`SimulationArgs::overrides`), a larger one is refused here with the key's range.
///
/// # Errors
/// A message for clap.
pub fn parse_whole(text: &str, key: &str) -> Result<i64, String> {
    let t = text.trim();
    match t.parse::<i64>() {
        Ok(v) => Ok(v),
        Err(_) if !t.is_empty() && t.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) => {
            let (min, max) = whole_range(key);
            let far = if t.starts_with('-') { "too small" } else { "too large" };
            Err(format!("`{text}` is {far}: use a whole number from {min} to {max}"))
        }
        Err(_) => {
            Err(format!("`{text}` is not a whole number: write digits only, e.g. 2000 (not 2,000, 2k, 1e3 or 2.5)"))
        }
    }
}

/// `--threads`: a whole number from 1 to 256 (the most `configure_threads` accepts), refused
/// by clap otherwise.
///
/// # Errors
/// A message for clap naming the allowed range.
pub fn parse_threads(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(n),
        _ => {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            Err(format!(
                "--threads {text}: use a whole number from 1 to {MAX_THREADS} (this machine has {cores} cores; \
                 more threads than cores only add overhead)"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_refused_outside_1_to_256() {
        assert_eq!(parse_threads("2"), Ok(2));
        assert_eq!(parse_threads("256"), Ok(256));
        for bad in ["0", "257", "-1", "two", ""] {
            assert!(parse_threads(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_shortcut_flags_take_their_ranges_from_the_key_table() {
        assert_eq!(whole_range("trajectories"), (1, keys::MAX_TRAJECTORIES));
        assert_eq!(whole_range("horizon_months"), (1, keys::MAX_HORIZON));
        assert_eq!(whole_range("start_month"), (1, keys::MAX_START_MONTH));
        assert_eq!(whole_range("seed"), (0, i64::MAX));
    }

    #[test]
    fn whole_number_flags_say_what_to_write() {
        assert_eq!(parse_whole("2000", "trajectories"), Ok(2000));
        assert_eq!(parse_whole("-3", "trajectories"), Ok(-3), "the range is the key's to refuse, with its words");
        assert_eq!(parse_whole("9223372036854775807", "seed"), Ok(i64::MAX));
        // Beyond an i64, the key's own range (it said "at most 9223372036854775807" for -n).
        assert_eq!(
            parse_whole("18446744073709551616", "trajectories"),
            Err("`18446744073709551616` is too large: use a whole number from 1 to 4294967295".into())
        );
        assert_eq!(
            parse_whole("-99999999999999999999", "seed"),
            Err("`-99999999999999999999` is too small: use a whole number from 0 to 9223372036854775807".into())
        );
        for bad in ["1e3", "2,000", "2k", "1.5", "", "ten"] {
            let message = parse_whole(bad, "seed").unwrap_err();
            assert!(message.contains("is not a whole number: write digits only"), "{bad}: {message}");
        }
    }
}
