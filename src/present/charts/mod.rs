//! From the results contracts to chart inputs ([`crate::chart`]'s plain structs): which
//! charts each command draws, their titles, units and series. Every number comes from a
//! report (or, for histograms and sample paths, from values the caller passes in); nothing
//! is recomputed here.

pub mod calibrate;
pub mod compare;
pub mod history;
pub mod money;
pub mod programmes;
pub mod retention;
pub mod run;
pub mod sensitivity;
pub mod solve;
pub mod sweep;

use crate::chart::{
    BandValues, Chart, DifferenceChart, FanChart, HeatmapChart, HistogramChart, MonthlyBands, OverlayChart,
    PosteriorChart, SolveChart, StackedChart, SurvivalChart, SweepChart, Titles, TornadoChart, Unit as ChartUnit,
    WaterfallChart,
};
use crate::metric::Metric;
use crate::report::{MetricSummary, RunReport};
use crate::stats::Percentile;
use crate::text::number::thousands;

/// A chart of any kind, owned: what a command asks the CLI to write, with a file stem.
#[derive(Debug, Clone)]
pub enum Figure {
    Fan(FanChart),
    Histogram(HistogramChart),
    Overlay(OverlayChart),
    Difference(DifferenceChart),
    Sweep(SweepChart),
    Heatmap(HeatmapChart),
    Tornado(TornadoChart),
    Survival(SurvivalChart),
    Solve(SolveChart),
    Posterior(PosteriorChart),
    Waterfall(WaterfallChart),
    Stacked(StackedChart),
}

impl<'a> From<&'a Figure> for Chart<'a> {
    fn from(figure: &'a Figure) -> Self {
        match figure {
            Figure::Fan(c) => Chart::Fan(c),
            Figure::Histogram(c) => Chart::Histogram(c),
            Figure::Overlay(c) => Chart::Overlay(c),
            Figure::Difference(c) => Chart::Difference(c),
            Figure::Sweep(c) => Chart::Sweep(c),
            Figure::Heatmap(c) => Chart::Heatmap(c),
            Figure::Tornado(c) => Chart::Tornado(c),
            Figure::Survival(c) => Chart::Survival(c),
            Figure::Solve(c) => Chart::Solve(c),
            Figure::Posterior(c) => Chart::Posterior(c),
            Figure::Waterfall(c) => Chart::Waterfall(c),
            Figure::Stacked(c) => Chart::Stacked(c),
        }
    }
}

impl Figure {
    /// The chart's titles.
    pub fn titles(&self) -> &Titles {
        match self {
            Figure::Fan(c) => &c.titles,
            Figure::Histogram(c) => &c.titles,
            Figure::Overlay(c) => &c.titles,
            Figure::Difference(c) => &c.titles,
            Figure::Sweep(c) => &c.titles,
            Figure::Heatmap(c) => &c.titles,
            Figure::Tornado(c) => &c.titles,
            Figure::Survival(c) => &c.titles,
            Figure::Solve(c) => &c.titles,
            Figure::Posterior(c) => &c.titles,
            Figure::Waterfall(c) => &c.titles,
            Figure::Stacked(c) => &c.titles,
        }
    }

    /// A description for readers who cannot see the chart: what kind of chart it is, then
    /// its subtitle (alt text, and an inline SVG's `<desc>`); the money charts also read
    /// out their numbers, which are few.
    pub fn description(&self) -> String {
        let kind = match self {
            Figure::Waterfall(c) => return money::waterfall_description(c),
            Figure::Stacked(c) => return programmes::stacked_description(c),
            Figure::Fan(_) => "Fan chart: percentile bands of the simulated futures, month by month",
            Figure::Histogram(_) => "Histogram of the simulated futures' values, with their p5, median and p95",
            Figure::Overlay(_) => "Line chart of each variant's median over the months",
            Figure::Difference(_) => "Fan chart of the paired differences from the baseline, month by month",
            Figure::Sweep(_) => "Band chart of the output against the swept parameter",
            Figure::Heatmap(_) => "Heatmap of the output over the two swept parameters",
            Figure::Tornado(_) => "Tornado chart: the inputs ranked by how far they move the median",
            Figure::Survival(_) => "Survival chart: the share of customers still active by age, observed and fitted",
            Figure::Posterior(_) => {
                "Histogram of a parameter's prior (outline) and posterior (bars): where the history moved it"
            }
            Figure::Solve(_) => {
                "Line chart of the probability of the target against the lever, with the answer and its interval"
            }
        };
        match self.titles().subtitle.as_deref() {
            Some(subtitle) => format!("{kind}. {subtitle}."),
            None => format!("{kind}."),
        }
    }
}

/// A chart's caption, "sidecast compare · a.toml, b.toml": the command, then its inputs by
/// file name only, so published images never reveal where files live.
pub fn caption(command: &str, source: &str) -> String {
    format!("{command} · {}", file_names(source))
}

/// A comma-separated list of inputs with every path shortened to its file name
/// (`/home/me/a.toml, b.toml` → `a.toml, b.toml`); other words are kept.
pub fn file_names(source: &str) -> String {
    let names: Vec<&str> = source
        .split(", ")
        .map(|part| std::path::Path::new(part).file_name().and_then(|n| n.to_str()).unwrap_or(part))
        .collect();
    names.join(", ")
}

/// A subtitle led by the scenario's name (when the command has one), so charts pasted
/// into a post say which scenario they show.
pub fn subtitle(scenario: Option<&str>, rest: &str) -> String {
    match scenario {
        Some(name) if !name.trim().is_empty() => format!("{name} · {rest}"),
        _ => rest.to_string(),
    }
}

/// The chart unit of a metric.
pub fn chart_unit(metric: Metric) -> ChartUnit {
    metric.unit()
}

/// One month (0-based) of a summary as chart band values.
pub fn band_values(summary: &MetricSummary, month: usize) -> BandValues {
    let at = |level| summary.at(level, month);
    BandValues {
        p5: at(Percentile::P5),
        p25: at(Percentile::P25),
        p50: at(Percentile::P50),
        p75: at(Percentile::P75),
        p95: at(Percentile::P95),
        mean: summary.mean.get(month).copied().flatten(),
    }
}

/// Month-by-month bands of one metric summary.
pub fn bands(summary: &MetricSummary, first_month: u32) -> MonthlyBands {
    MonthlyBands { first_month, months: (0..summary.mean.len()).map(|m| band_values(summary, m)).collect() }
}

/// The titles of a run's chart: the title names what the chart shows; the subtitle starts with the scenario, then
/// says whether the history is included, then the trajectories and seed.
fn run_titles(report: &RunReport, title: String, history: Option<&str>, what: &str) -> Titles {
    let history = history.map_or_else(String::new, |h| format!(" · {h}"));
    Titles {
        title,
        subtitle: Some(format!(
            "{}{history} · {} trajectories · seed {} · {what}",
            report.scenario,
            thousands(report.trajectories as u64),
            report.seed
        )),
        caption: Some(caption("sidecast", &report.source)),
    }
}
