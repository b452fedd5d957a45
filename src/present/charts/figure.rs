//! What a command's charts are before they are drawn: a [`Figure`] of any kind with its
//! titles and alt text, the overrides a user asks for ([`Requests`]), and the small parts
//! every command's charts share (captions, subtitles, units, bands from a report).

use crate::chart::{
    BandValues, Chart, DifferenceChart, FanChart, HeatmapChart, HistogramChart, MonthlyBands, OverlayChart,
    PosteriorChart, SolveChart, StackedChart, SurvivalChart, SweepChart, Titles, TornadoChart, WaterfallChart,
};
use crate::report::MetricSummary;
use crate::stats::Percentile;

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

    /// The chart's titles, to change.
    pub fn titles_mut(&mut self) -> &mut Titles {
        match self {
            Figure::Fan(c) => &mut c.titles,
            Figure::Histogram(c) => &mut c.titles,
            Figure::Overlay(c) => &mut c.titles,
            Figure::Difference(c) => &mut c.titles,
            Figure::Sweep(c) => &mut c.titles,
            Figure::Heatmap(c) => &mut c.titles,
            Figure::Tornado(c) => &mut c.titles,
            Figure::Survival(c) => &mut c.titles,
            Figure::Solve(c) => &mut c.titles,
            Figure::Posterior(c) => &mut c.titles,
            Figure::Waterfall(c) => &mut c.titles,
            Figure::Stacked(c) => &mut c.titles,
        }
    }

    /// A description for readers who cannot see the chart: what kind of chart it is, its
    /// title (the message), then its subtitle (alt text, and an inline SVG's `<desc>`); the money charts also read
    /// out their numbers, which are few.
    pub fn description(&self) -> String {
        let kind = match self {
            Figure::Waterfall(c) => return waterfall_description(c),
            Figure::Stacked(c) => return stacked_description(c),
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
        let title = &self.titles().title;
        match self.titles().subtitle.as_deref() {
            Some(subtitle) => format!("{kind}. {title}. {subtitle}."),
            None => format!("{kind}. {title}."),
        }
    }
}

/// What the reader asked of a command's charts beyond the data (`--title`, `--mean`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requests {
    /// The lead chart's title in the reader's words, instead of the computed message.
    pub title: Option<String>,
    /// Draw the mean beside the median on fans and difference charts.
    pub mean: bool,
}

/// Applies the reader's requests to a command's figures: `--title` to the lead chart (the
/// first), `--mean` to every fan and difference chart.
pub fn apply(figures: &mut [(String, Figure)], requests: &Requests) {
    if let (Some(title), Some((_, lead))) = (&requests.title, figures.first_mut()) {
        lead.titles_mut().title = title.clone();
    }
    for (_, figure) in figures.iter_mut() {
        match figure {
            Figure::Fan(c) => c.show_mean = requests.mean,
            Figure::Difference(c) => c.show_mean = requests.mean,
            _ => {}
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

/// The medians of a summary with their months, where defined.
pub fn medians(summary: &MetricSummary, first_month: u32) -> Vec<(u32, f64)> {
    (0..summary.mean.len())
        .filter_map(|m| Some((first_month + m as u32, summary.at(Percentile::P50, m)?)))
        .filter(|(_, v)| v.is_finite())
        .collect()
}

/// Alt text that reads the waterfall out: each step with its share of income, then the total.
pub fn waterfall_description(chart: &WaterfallChart) -> String {
    let unit = &chart.unit;
    let share = |s: Option<f64>| s.map_or_else(String::new, |s| format!(" ({:.1}% of income)", s.abs() * 100.0));
    let steps: Vec<String> = chart
        .steps
        .iter()
        .map(|s| format!("{} {}{}", s.label, unit.format_amount(s.amount, true), share(s.share)))
        .collect();
    let total = &chart.total;
    let mut text = format!(
        "Waterfall chart of where the money goes, from the means across the simulated futures (means add up; \
         medians would not). {}. {}; leaving {} of {}{}.",
        chart.titles.title,
        steps.join(", "),
        total.label.to_lowercase(),
        unit.format_amount(total.amount, false),
        share(total.share)
    );
    if let Some(subtitle) = chart.titles.subtitle.as_deref() {
        text.push_str(&format!(" {subtitle}."));
    }
    text
}

/// Alt text that names the layers and reads out the last month.
pub fn stacked_description(chart: &StackedChart) -> String {
    let last = chart.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let month = chart.first_month + u32::try_from(last.saturating_sub(1)).unwrap_or(0);
    let parts: Vec<String> = chart
        .series
        .iter()
        .map(|s| {
            let value = s.values.get(last.saturating_sub(1)).copied().flatten();
            format!("{} {}", s.label, value.map_or("n/a".to_string(), |v| chart.unit.format_amount(v, false)))
        })
        .collect();
    let mut text = format!(
        "Stacked area chart of each programme's mean commission earned per month, bottom to top: {}; the top edge \
         is the mean total. In month {month}: {}.",
        chart.series.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join(", "),
        parts.join(", ")
    );
    if let Some(subtitle) = chart.titles.subtitle.as_deref() {
        text.push_str(&format!(" {subtitle}."));
    }
    text
}
