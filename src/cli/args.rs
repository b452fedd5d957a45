//! Options shared by the subcommands (simulation, charts, output), and the step that turns
//! them into validated values (`--set` and the shortcut flags become TOML overrides, so
//! every value goes through the same validation as the file).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, Args, ValueHint};

use super::limits::{MAX_THREADS, parse_duration, parse_memory, parse_population};
use crate::app::{Charts, Error, Limits};
use crate::chart::{ChartError, ChartOptions, ImageFormat, MAX_SIDE, MIN_SIZE, Theme};
use crate::metric::{Metric, SeriesKey};
use crate::present::charts::Requests;
use crate::scenario::{MAX_HORIZON, MAX_START_MONTH, MAX_TRAJECTORIES};
use crate::scenario::{Override, Scenario, load};
use crate::stats::Percentile;

#[derive(Debug, Clone, Args)]
pub struct SimulationArgs {
    /// Override a scenario value: a dotted key and a TOML value, e.g.
    /// `--set reseller.churn=0.05` or `--set 'reseller.churn={ beta = [2, 18] }'`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Number of simulated trajectories (overrides the scenario's `trajectories`).
    #[arg(long, short = 'n', value_name = "N")]
    pub trajectories: Option<i64>,
    /// Random seed (overrides the scenario's `seed`); the same seed gives the same numbers.
    #[arg(long, value_name = "S")]
    pub seed: Option<i64>,
    /// Horizon in months (overrides the scenario's `horizon_months`).
    #[arg(long, value_name = "H")]
    pub months: Option<i64>,
    /// Number the first simulated month N, continuing a history that ends in month N-1
    /// (overrides the scenario's `start_month`; its initial_* keys are the state today).
    #[arg(long, value_name = "N")]
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
        for (flag, key, value, (min, max)) in [
            ("--trajectories", "trajectories", self.trajectories, (1, MAX_TRAJECTORIES)),
            ("--seed", "seed", self.seed, (0, i64::MAX)),
            ("--months", "horizon_months", self.months, (1, MAX_HORIZON)),
            ("--start-month", "start_month", self.start_month, (1, MAX_START_MONTH)),
        ] {
            if let Some(v) = value {
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

/// `output/<scenario file stem>/`.
pub fn default_output_folder(scenario: &Path) -> PathBuf {
    let stem = scenario.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from("output").join(stem)
}

/// Which image formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartFormats {
    None,
    Png,
    Svg,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// Chart options shared by the subcommands that draw.
#[derive(Debug, Clone, Args)]
pub struct ChartArgs {
    /// Chart formats to write.
    #[arg(long, value_enum, default_value = "png")]
    pub charts: ChartFormats,
    /// Colour theme of the charts.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeArg,
    /// Chart size in logical pixels, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Pixel multiplier for high-DPI screens (2 doubles the PNG's pixels).
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f64,
    /// The lead chart's title, instead of the message computed from the results.
    #[arg(long, value_name = "TEXT", value_parser = parse_title)]
    pub title: Option<String>,
    /// Draw the mean (dashed) beside the median on fan and difference charts.
    #[arg(long)]
    pub mean: bool,
}

/// A `--title`: some words, on one line.
fn parse_title(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("a title needs some words".into());
    }
    if text.chars().any(char::is_control) {
        return Err("a title is one line of text, without control characters".into());
    }
    Ok(text.to_string())
}

impl ChartArgs {
    /// The validated chart options: everything [`ChartOptions::validate`] refuses (a size
    /// too small for the labels, or one whose pixels at `--scale` are too many) is refused
    /// here, as bad input, before a command does any work.
    ///
    /// # Errors
    /// [`Error::Usage`] naming the limit and what to use instead.
    pub fn validated(&self) -> Result<Charts, Error> {
        let options = ChartOptions {
            width: self.size.0,
            height: self.size.1,
            scale: self.scale,
            theme: match self.theme {
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
            },
            text: 1.0,
        };
        options.validate().map_err(|e| {
            Error::Usage(format!(
                "--size {}x{} --scale {}: {}",
                self.size.0,
                self.size.1,
                self.scale,
                option_message(e)
            ))
        })?;
        let requests = Requests { title: self.title.clone(), mean: self.mean };
        Ok(Charts { options, formats: self.formats(), requests })
    }

    /// The formats to write, in order.
    fn formats(&self) -> Vec<ImageFormat> {
        use ImageFormat::{Png, Svg};
        match self.charts {
            ChartFormats::None => vec![],
            ChartFormats::Png => vec![Png],
            ChartFormats::Svg => vec![Svg],
            ChartFormats::Both => vec![Png, Svg],
        }
    }
}

/// The chart module's own words for a refused option, without its "cannot draw" prefix.
fn option_message(error: ChartError) -> String {
    match error {
        ChartError::InvalidInput(message) => message,
        other => other.to_string(),
    }
}

/// `WIDTHxHEIGHT`, each side from the charts' minimum ([`MIN_SIZE`]) to [`MAX_SIDE`].
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) =
        text.split_once(['x', 'X', '×']).ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, e.g. 1600x900"))?;
    let (min_w, min_h) = MIN_SIZE;
    let parse = |s: &str| s.trim().parse::<u32>().ok();
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) if w >= min_w && h >= min_h && w <= MAX_SIDE && h <= MAX_SIDE => Ok((w, h)),
        (Some(_), Some(_)) => Err(format!(
            "`{text}`: charts need at least {min_w}x{min_h} for their labels and at most {MAX_SIDE} a side"
        )),
        _ => Err(format!("`{text}`: width and height must be whole numbers, e.g. 1600x900")),
    }
}

fn parse_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.5..=4.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}`: the scale must be a number from 0.5 to 4")),
    }
}

/// Where the what-if commands write: the output folder and an optional extra JSON copy.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output folder [default: output/<command>-<scenario file name>/].
    // The doc is the flag's help, written for a terminal: its `<...>` is not HTML.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Also write the command's JSON here (`-` = stdout, which then gets no tables).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub json: Option<String>,
}

impl OutputArgs {
    /// `--out`, or `output/<command>-<scenario file stem>/`.
    pub fn folder(&self, command: &str, scenario: &Path) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            let stem = scenario.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
            PathBuf::from("output").join(format!("{command}-{stem}"))
        })
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
    if fraction > 0.0 && fraction < 1.0 {
        Ok(fraction)
    } else {
        Err(format!("the precision must be between 0 and 100% (got `{text}`)"))
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
    fn precision_accepts_percent_and_fraction() {
        assert_eq!(parse_precision("0.5%"), Ok(0.005));
        assert_eq!(parse_precision("0.01"), Ok(0.01));
        for bad in ["0", "100%", "x", "-1%", "1.5"] {
            assert!(parse_precision(bad).is_err(), "{bad}");
        }
    }

    fn chart_args(size: (u32, u32), scale: f64) -> ChartArgs {
        ChartArgs { charts: ChartFormats::Png, theme: ThemeArg::Light, size, scale, title: None, mean: false }
    }

    #[test]
    fn sizes_the_charts_cannot_lay_out_are_refused_when_parsing() {
        assert_eq!(parse_size("640x360"), Ok((640, 360)));
        assert_eq!(parse_size("1600×900"), Ok((1600, 900)));
        for bad in ["700x300", "639x360", "20000x900", "1600", "axb", "-1x5"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert!(parse_size("300x200").unwrap_err().contains("at least 640x360"));
        for bad in ["0.4", "5", "NaN", "inf", "x"] {
            assert!(parse_scale(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn everything_the_chart_module_refuses_is_refused_before_a_run() {
        // Each side passes alone; together with the scale the output is too large.
        let error = chart_args((16_000, 9_000), 1.0).validated().unwrap_err();
        assert!(matches!(error, Error::Usage(_)) && error.to_string().contains("too large"), "{error}");
        assert_eq!(error.exit_code(), 2);
        let error = chart_args((8_000, 8_000), 4.0).validated().unwrap_err();
        assert!(error.to_string().contains("--scale 4"), "{error}");
        let ok = chart_args((640, 360), 0.5).validated();
        assert!(ok.is_err(), "640x360 at scale 0.5 is 320x180 pixels, below the minimum");
        let charts = chart_args((1600, 900), 2.0).validated().unwrap();
        assert_eq!((charts.options.width, charts.options.height, charts.formats.len()), (1600, 900, 1));
    }
}
