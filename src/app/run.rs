//! `run`: simulate one scenario and produce its report with everything derived from it: the
//! history's backtest, the waterfall of one month, the charts, `summary.json`,
//! `percentiles.csv`, `summary.md` and `report.html`; with `--explore`, the grid of runs
//! behind the explorable, `explore.html` and the explorable in `report.html`.

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::explore::{EXPLORE, ExploreData, ExploreInput, explorable, run_grid};
use super::html::report_page;
use super::view::{lead_metric, view};
use super::{Limits, Monitor, month_index};
use crate::actuals::History;
use crate::analysis::inference::backtest::{actual_series, backtest, summary_only};
use crate::engine::Outcomes;
use crate::export::html::{Block, Section, explore_page, run_page};
use crate::export::markdown::{Image, summary_markdown, with_front_matter};
use crate::metric::Metric;
use crate::present::assumptions::assumptions;
use crate::present::charts::run::{ChartData, fan_metrics, file_stem, histogram_metrics, run_charts};
use crate::present::charts::{Figure, apply};
use crate::report::RunReport;
use crate::scenario::Scenario;
use crate::stats::Percentile;
use crate::summarize::admission::{admit, trajectories_within};
use crate::summarize::waterfall::waterfall;
use crate::summarize::{self, RunOutput, RunPlan};

/// A history and the name it is shown by (its file).
#[derive(Debug, Clone)]
pub struct NamedHistory {
    pub history: History,
    pub name: String,
}

/// What `run` needs, validated.
#[derive(Debug, Clone)]
pub struct RunInput {
    pub scenario: Scenario,
    /// Where the scenario came from, as shown to the user (its path).
    pub source: String,
    pub levels: Vec<Percentile>,
    pub history: Option<NamedHistory>,
    /// The calendar month whose money the waterfall follows; the last month by default.
    pub waterfall_month: Option<u32>,
    /// Add trajectories until the headline's standard errors are at most this fraction.
    pub precision: Option<f64>,
    /// Individual trajectories drawn over each fan chart.
    pub paths: usize,
    pub charts: Charts,
    pub limits: Limits,
    /// The command line that reproduces the run, shown in `report.html`.
    pub command: String,
    /// The Markdown as `index.md` with front matter (a static site's page bundle) instead
    /// of `summary.md`.
    pub page_bundle: bool,
    /// The grid of runs behind an explorable (`--explore`).
    pub explore: Option<ExploreInput>,
}

/// What `run` produced.
#[derive(Debug)]
pub struct RunResult {
    pub report: RunReport,
    pub delivery: Delivery,
    /// Whether the trajectories were kept (exact percentiles, histograms, backtest ranks);
    /// false for a streaming run.
    pub stored: bool,
    /// Whether a precision target was reached (true without one).
    pub precision_reached: bool,
}

/// A run checked and admitted, ready to simulate.
#[derive(Debug)]
pub struct PreparedRun<'a> {
    input: &'a RunInput,
    plan: RunPlan,
    waterfall_month: usize,
}

/// Checks everything before any work.
///
/// # Errors
/// [`Error::Usage`] for a waterfall month outside the simulated months, [`Error::Budget`]
/// for a run too large for the limits.
pub fn prepare(input: &RunInput) -> Result<PreparedRun<'_>, Error> {
    let scenario = &input.scenario;
    let waterfall_month = month_index("--waterfall-month", input.waterfall_month, scenario)?;
    if let Some(named) = &input.history
        && let Some((column, stream)) =
            crate::analysis::inference::calibrate::unmodelled_column(&named.history, scenario)
    {
        // A backtest of commissions against a reseller-only scenario ranks them against a
        // metric that is 0 in every future; calibrate refuses the same history.
        return Err(Error::Usage(format!(
            "{}: the history's `{column}` column has nothing to compare with: the scenario has no {stream}",
            named.name
        )));
    }
    let mut plan = RunPlan { precision: input.precision, ..RunPlan::default() };
    let mut scenarios = vec![scenario];
    scenarios.extend(input.explore.iter().flat_map(|e| e.variants.iter().map(|v| &v.scenario)));
    admit(&scenarios, &plan, 0, &input.limits)?;
    if input.precision.is_some() {
        // Adding trajectories stops where the time budget ends.
        let fits = trajectories_within(scenario, &plan, input.limits.max_seconds);
        plan.max_trajectories = plan.max_trajectories.min(fits.max(scenario.trajectories()));
    }
    Ok(PreparedRun { input, plan, waterfall_month })
}

impl PreparedRun<'_> {
    /// Simulates and derives every output.
    ///
    /// # Errors
    /// [`Error::Interrupted`] when the monitor cancelled it, [`Error::Chart`] or
    /// [`Error::Encode`] for an output that could not be made.
    pub fn run(self, monitor: &impl Monitor) -> Result<RunResult, Error> {
        self.run_keeping(monitor, None).map(|(result, _)| result)
    }

    /// Simulates and derives every output, and keeps `metric`'s value in every
    /// trajectory, month by month (months outer), when the run stored its trajectories.
    ///
    /// # Errors
    /// As for [`PreparedRun::run`].
    #[allow(clippy::type_complexity)]
    pub fn run_keeping(
        self,
        monitor: &impl Monitor,
        metric: Option<Metric>,
    ) -> Result<(RunResult, Option<Vec<Vec<Option<f64>>>>), Error> {
        let input = self.input;
        let scenario = &input.scenario;
        let RunOutput { mut report, outcomes, precision_reached } =
            monitor.watch(scenario.name(), scenario.trajectories(), |control| {
                summarize::run(scenario, &input.source, &input.levels, control, &self.plan)
            })?;
        if let Some(named) = &input.history {
            report.actuals = Some(match &outcomes {
                Some(outcomes) => backtest(&named.history, &named.name, outcomes, scenario.start_month()),
                None => summary_only(&named.history, &named.name),
            });
        }
        report.waterfall = waterfall(&report, self.waterfall_month);
        let explored = match &input.explore {
            Some(grid) => {
                let lead = lead_metric(scenario);
                let view = view(scenario, &report, &input.source);
                Some(run_grid(grid, lead, view, &input.levels, &self.plan, monitor)?)
            }
            None => None,
        };
        let delivery = deliver(input, &report, outcomes.as_ref(), explored.as_ref())?;
        let kept = metric
            .zip(outcomes.as_ref())
            .map(|(metric, outcomes)| (0..outcomes.horizon()).map(|m| outcomes.values(metric, m)).collect());
        Ok((RunResult { report, delivery, stored: outcomes.is_some(), precision_reached }, kept))
    }
}

/// Runs the scenario and derives every output: [`prepare`], then [`PreparedRun::run`].
///
/// # Errors
/// As for both.
pub fn run(input: &RunInput, monitor: &impl Monitor) -> Result<RunResult, Error> {
    prepare(input)?.run(monitor)
}

/// The run's files and figures (and the explorable's, when there is a grid).
fn deliver(
    input: &RunInput,
    report: &RunReport,
    outcomes: Option<&Outcomes>,
    explored: Option<&ExploreData>,
) -> Result<Delivery, Error> {
    let scenario = &input.scenario;
    let metrics = fan_metrics(scenario.reseller().is_some(), scenario.affiliate().is_some(), scenario.has_costs());
    let histograms = histogram_metrics(scenario.has_costs());
    let mut data = outcomes.map(|o| chart_data(o, &metrics, &histograms, input.paths)).unwrap_or_default();
    data.actuals = input.history.as_ref().map(|h| actual_series(&h.history)).unwrap_or_default();
    data.calendar = scenario.calendar();
    let mut figures = run_charts(report, &metrics, &data);
    apply(&mut figures, &input.charts.requests);
    let images = alt_texts(&figures, &input.charts);
    let assumptions = assumptions(scenario);
    let markdown = summary_markdown(report, &assumptions, &metrics, &images);
    let lead = lead_metric(scenario);
    let lead_figure = figures.iter().find(|(stem, _)| *stem == file_stem("fan", lead));
    let explorable = explored.map(|data| explorable(data, report, lead, lead_figure)).transpose()?;
    let page = report_page(&input.charts, &figures, &input.command, |context| {
        let mut page = run_page(report, &assumptions, &metrics, context);
        if let Some(explorable) = &explorable {
            let at = page.sections.iter().position(|s| s.heading == "Targets" || s.heading == "Projection");
            let at = page.sections.iter().rposition(|s| s.heading == "Targets").or(at).map_or(0, |i| i + 1);
            let embedded = Block::Embedded { html: explorable.html(3), style: explorable.style() };
            let note = "Move the sliders: the fan and the chances are redrawn from runs made in advance.";
            page.sections.insert(at, Section::new("Explore", vec![Block::Paragraph(note.into()), embedded]));
        }
        page
    })?;
    let mut delivery = Delivery::new(&input.charts);
    if let (Some(explorable), Some(data)) = (&explorable, explored) {
        let words: Vec<String> = data.sliders.iter().map(|s| s.label.clone()).collect();
        let lede = format!(
            "What if? Move the slider{} for {} and watch the projection of {} and the targets' chances change.",
            if words.len() == 1 { "" } else { "s" },
            words.join(" and "),
            data.view.lead.label.to_lowercase()
        );
        let html = explore_page(&report.scenario, &lede, explorable, &input.command);
        delivery.file(EXPLORE, html.into_bytes());
    }
    delivery.figures(figures);
    if input.page_bundle {
        delivery.file("index.md", with_front_matter(&markdown, report).into_bytes());
    } else {
        delivery.file("summary.md", markdown.into_bytes());
    }
    delivery.page(page);
    delivery.json_of("summary.json", report, "the summary as JSON")?;
    delivery.csv("percentiles.csv", crate::export::csv::run_percentiles(report), "the percentiles as CSV")?;
    Ok(delivery)
}

/// The images the run writes, each with its chart's title as alt text.
fn alt_texts(figures: &[(String, Figure)], charts: &Charts) -> Vec<Image> {
    figures
        .iter()
        .flat_map(|(stem, figure)| {
            charts.formats.iter().map(move |format| Image {
                file: format!("{stem}.{}", format.extension()),
                alt: figure.titles().title.clone(),
            })
        })
        .collect()
}

/// `paths` single futures of each metric, where each ends among all of them, and the last
/// month's values for histograms. The futures nearest the 10th, 50th and 90th percentiles of
/// where all of them end are among those drawn (the chart names them: a bad, a typical and a
/// good one); the rest are the first trajectories.
fn chart_data(outcomes: &Outcomes, metrics: &[Metric], histograms: &[Metric], paths: usize) -> ChartData {
    let last = outcomes.horizon() - 1;
    let paths = paths.min(outcomes.trajectories);
    let drawn = |metric: Metric| -> Vec<usize> {
        let ends = outcomes.values(metric, last);
        let end = |i: usize| ends[i].filter(|v| v.is_finite());
        let mut order: Vec<usize> = (0..ends.len()).filter(|&i| end(i).is_some()).collect();
        order.sort_by(|&a, &b| end(a).unwrap_or(0.0).total_cmp(&end(b).unwrap_or(0.0)));
        let ranks: &[f64] = match paths {
            0 => &[],
            1 => &[0.5],
            2 => &[0.1, 0.9],
            _ => &[0.1, 0.5, 0.9],
        };
        let at = |q: f64| order.get((q * order.len().saturating_sub(1) as f64).round() as usize).copied();
        let mut chosen: Vec<usize> = Vec::with_capacity(paths);
        for index in ranks.iter().filter_map(|&q| at(q)).chain(0..ends.len()) {
            if chosen.len() == paths {
                break;
            }
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen
    };
    let sample = |metric: Metric, chosen: &[usize]| -> Vec<Vec<Option<f64>>> {
        let months: Vec<Vec<Option<f64>>> = (0..=last).map(|m| outcomes.values(metric, m)).collect();
        chosen.iter().map(|&i| months.iter().map(|month| month[i]).collect()).collect()
    };
    let ends = |metric: Metric, chosen: &[usize]| -> Vec<Option<f64>> {
        let all = outcomes.values(metric, last);
        let mut sorted: Vec<f64> = all.iter().flatten().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len() as f64;
        // Ties count half, as the backtest's ranks do (counts tie often).
        let rank =
            |v: f64| (sorted.partition_point(|x| *x < v) + sorted.partition_point(|x| *x <= v)) as f64 / (2.0 * n);
        chosen.iter().map(|&i| all[i].filter(|v| v.is_finite() && n > 0.0).map(rank)).collect()
    };
    let (paths, path_ends) = if paths == 0 {
        (Vec::new(), Vec::new())
    } else {
        metrics
            .iter()
            .map(|&m| {
                let chosen = drawn(m);
                ((m, sample(m, &chosen)), (m, ends(m, &chosen)))
            })
            .unzip()
    };
    ChartData {
        paths,
        path_ends,
        final_values: histograms
            .iter()
            .map(|&m| (m, outcomes.values(m, last).into_iter().flatten().collect()))
            .collect(),
        actuals: Vec::new(),
        calendar: None,
    }
}
