//! Options shared by the subcommands that simulate a scenario, and the step that turns them
//! into a loaded scenario (`--set` and the shortcut flags become TOML overrides, so every
//! value goes through the same validation as the file).

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use super::BadInput;
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
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl SimulationArgs {
    /// All overrides in order: `--set` first, then the shortcut flags.
    pub fn overrides(&self) -> anyhow::Result<Vec<Override>> {
        let mut out = self.set.iter().map(|s| s.parse::<Override>()).collect::<Result<Vec<_>, _>>()?;
        for (key, value) in [
            ("trajectories", self.trajectories),
            ("seed", self.seed),
            ("horizon_months", self.months),
            ("start_month", self.start_month),
        ] {
            if let Some(v) = value {
                out.push(Override::number(key, v));
            }
        }
        Ok(out)
    }

    /// The percentile levels, with p5, p50 and p95 always included for the summaries.
    pub fn levels(&self) -> anyhow::Result<Vec<Percentile>> {
        let mut levels = self
            .percentiles
            .iter()
            .map(|s| s.parse::<Percentile>().map_err(BadInput))
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
    pub fn load(&self, path: &Path) -> anyhow::Result<Scenario> {
        Ok(load(path, &self.overrides()?)?)
    }

    /// Sets the size of rayon's global pool once.
    pub fn configure_threads(&self) -> anyhow::Result<()> {
        if let Some(n) = self.threads {
            if n == 0 {
                return Err(BadInput("--threads must be at least 1".into()).into());
            }
            rayon::ThreadPoolBuilder::new().num_threads(n).build_global().context("cannot start the worker threads")?;
        }
        Ok(())
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
}

impl ChartArgs {
    pub fn options(&self) -> crate::chart::ChartOptions {
        crate::chart::ChartOptions {
            width: self.size.0,
            height: self.size.1,
            scale: self.scale,
            theme: match self.theme {
                ThemeArg::Light => crate::chart::Theme::Light,
                ThemeArg::Dark => crate::chart::Theme::Dark,
            },
        }
    }

    /// The formats to write, in order.
    pub fn formats(&self) -> Vec<crate::chart::ImageFormat> {
        use crate::chart::ImageFormat::{Png, Svg};
        match self.charts {
            ChartFormats::None => vec![],
            ChartFormats::Png => vec![Png],
            ChartFormats::Svg => vec![Svg],
            ChartFormats::Both => vec![Png, Svg],
        }
    }
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) =
        text.split_once(['x', 'X', '×']).ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, e.g. 1600x900"))?;
    let parse = |s: &str| s.trim().parse::<u32>().ok().filter(|v| (200..=8000).contains(v));
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!("`{text}`: width and height must be whole numbers from 200 to 8000")),
    }
}

fn parse_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (0.5..=4.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}`: the scale must be a number from 0.5 to 4")),
    }
}

/// Writes each chart in each format into `folder`, in parallel; returns the file names.
pub fn write_charts<'a, C>(charts: &'a [(String, C)], folder: &Path, args: &ChartArgs) -> anyhow::Result<Vec<String>>
where
    &'a C: Into<crate::chart::Chart<'a>>,
    C: Sync,
{
    use rayon::prelude::*;
    let names: Vec<Vec<String>> = charts
        .par_iter()
        .map(|(stem, chart)| write_chart_files(chart.into(), folder, stem, args))
        .collect::<anyhow::Result<_>>()?;
    Ok(names.concat())
}

/// Writes one chart as `<stem>.png` and/or `<stem>.svg`; returns the file names.
pub fn write_chart_files(
    chart: crate::chart::Chart<'_>,
    folder: &Path,
    stem: &str,
    args: &ChartArgs,
) -> anyhow::Result<Vec<String>> {
    let options = args.options();
    args.formats()
        .into_iter()
        .map(|format| {
            let name = format!("{stem}.{}", format.extension());
            crate::chart::write_chart(chart, &folder.join(&name), format, &options)
                .with_context(|| format!("cannot draw {name}"))?;
            Ok(name)
        })
        .collect()
}

/// Where the what-if commands write: the output folder and an optional extra JSON copy.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output folder [default: output/<command>-<scenario file name>/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the command's JSON here (`-` = stdout, which then gets no tables).
    #[arg(long, value_name = "PATH")]
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

    /// Where `--json` goes, if given.
    pub fn json(&self) -> Option<crate::export::Destination> {
        self.json.as_deref().map(crate::export::Destination::parse)
    }
}
