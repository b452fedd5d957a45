//! From a scenario to its report, choosing in one place how the statistics are computed
//! (the run plan): runs of up to [`RunPlan::exact_limit`] trajectories that fit in
//! [`RunPlan::exact_memory`] store every trajectory and get exact percentiles ([`exact`]);
//! larger runs keep only mergeable per-block summaries ([`streaming`]) in bounded memory.
//! With a precision target, batches of the next trajectory indices are added until the
//! horizon's mean and median headline cumulative metric are known to that relative standard
//! error ([`precision`](mod@precision)); the result equals one run of the final size. The
//! series a report holds are [`series`]'s; what a run will cost, and the limits that refuse
//! it, are [`admission`]'s; where a month's money goes is [`waterfall`]'s.
//!
//! Every path is reproducible: blocks are aligned to multiples of [`BLOCK_SIZE`], histograms
//! merge in any order and moments are merged in block order.

use std::sync::atomic::Ordering;

use rayon::prelude::*;

pub mod admission;
pub mod exact;
pub mod precision;
pub mod series;
pub mod streaming;
pub mod waterfall;

pub use exact::summarize;
pub use streaming::StreamingSummary;

use crate::engine::{self, BLOCK_SIZE, Block, Cancelled, Control, Layout, Outcomes, simulate_range};
use crate::report::{Precision, RunReport};
use crate::scenario::Scenario;
use crate::stats::Percentile;
use precision::precision_of_column;

/// Largest run whose trajectories are all stored (exact percentiles): about 2.1 KB per
/// trajectory of a reseller scenario, so 1M trajectories take ~2.1 GB.
pub const EXACT_LIMIT: usize = 1_000_000;
/// Most memory the stored trajectories may take before a run streams instead, in bytes:
/// 4 GB, about 1M trajectories of 24 months with 20 rows. A long horizon counts: 1M
/// trajectories of 600 months stream.
pub const EXACT_MEMORY: f64 = 4e9;
/// Blocks per streaming round and worker: each worker runs this many consecutive blocks,
/// then the round's summaries are merged.
const BLOCKS_PER_WORKER: usize = 8;
/// Most trajectories `--precision` will run before giving up on the target.
pub const PRECISION_LIMIT: usize = 50_000_000;

/// How to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunPlan {
    /// Store every trajectory up to this many; above it, stream.
    pub exact_limit: usize,
    /// ... and only while they take at most this many bytes.
    pub exact_memory: f64,
    /// Stop when both standard errors are at most this fraction of their values.
    pub precision: Option<f64>,
    /// Upper bound on trajectories when a precision is asked for.
    pub max_trajectories: usize,
}

impl Default for RunPlan {
    fn default() -> Self {
        Self {
            exact_limit: EXACT_LIMIT,
            exact_memory: EXACT_MEMORY,
            precision: None,
            max_trajectories: PRECISION_LIMIT,
        }
    }
}

/// A run's report, and its trajectories when they were stored.
#[derive(Debug)]
pub struct RunOutput {
    pub report: RunReport,
    /// `None` for streaming runs (above the exact limit).
    pub outcomes: Option<Outcomes>,
    /// Whether the precision target was reached (always true without one).
    pub precision_reached: bool,
}

/// What has been simulated so far.
enum Collected {
    Stored(Vec<Block>),
    Streaming(Box<StreamingSummary>),
}

/// Runs the scenario (its `trajectories`, or as many as the precision target needs).
///
/// # Errors
/// [`Cancelled`] when the caller's cancel flag was raised; nothing partial is returned.
pub fn run(
    scenario: &Scenario,
    source: &str,
    levels: &[Percentile],
    control: &Control<'_>,
    plan: &RunPlan,
) -> Result<RunOutput, Cancelled> {
    // Where each series lives in a block: worked out once for the whole run.
    let layout = engine::layout(scenario);
    let layout = &layout;
    let Some(target) = plan.precision else {
        let mut collected = empty(scenario, layout, scenario.trajectories(), plan);
        add(&mut collected, scenario, layout, 0, scenario.trajectories(), control)?;
        return Ok(finish(collected, scenario, layout, source, levels, None, true));
    };
    let mut total = scenario.trajectories().max(4 * BLOCK_SIZE).next_multiple_of(BLOCK_SIZE);
    let mut done = 0;
    let mut collected = empty(scenario, layout, total, plan);
    loop {
        if !stores(layout, total, plan)
            && let Collected::Stored(blocks) = &collected
        {
            let mut summary = StreamingSummary::new(scenario, layout);
            for view in blocks.iter().flat_map(|b| b.views(BLOCK_SIZE)) {
                let moments = summary.add_block(&view);
                summary.add_moments(&moments);
            }
            collected = Collected::Streaming(Box::new(summary));
        }
        add(&mut collected, scenario, layout, done, total - done, control)?;
        done = total;
        let worst = precision(&collected, scenario, layout).relative_error();
        if worst.is_some_and(|w| w <= target) || done >= plan.max_trajectories {
            let reached = worst.is_some_and(|w| w <= target);
            return Ok(finish(collected, scenario, layout, source, levels, Some(target), reached));
        }
        // Standard errors shrink as 1/√n: aim 20% past the estimate, at most 4× per batch.
        let ratio = worst.map_or(4.0, |w| (w / target).powi(2) * 1.2).clamp(1.25, 4.0);
        total = ((done as f64 * ratio) as usize).next_multiple_of(BLOCK_SIZE).min(plan.max_trajectories.max(done + 1));
        total = total.next_multiple_of(BLOCK_SIZE);
    }
}

/// Bytes that storing `trajectories` trajectories of the scenario takes: what the engine
/// keeps of them (the rows that take memory, amounts in 8 bytes and counts in 4).
pub fn stored_bytes(scenario: &Scenario, trajectories: usize) -> f64 {
    engine::layout(scenario).stored_bytes(trajectories)
}

/// Whether a run of `trajectories` stores them all (exact percentiles) under `plan`.
pub fn stores_every_trajectory(scenario: &Scenario, trajectories: usize, plan: &RunPlan) -> bool {
    stores(&engine::layout(scenario), trajectories, plan)
}

fn stores(layout: &Layout, trajectories: usize, plan: &RunPlan) -> bool {
    trajectories <= plan.exact_limit && layout.stored_bytes(trajectories) <= plan.exact_memory
}

fn empty(scenario: &Scenario, layout: &Layout, trajectories: usize, plan: &RunPlan) -> Collected {
    if stores(layout, trajectories, plan) {
        Collected::Stored(Vec::new())
    } else {
        Collected::Streaming(Box::new(StreamingSummary::new(scenario, layout)))
    }
}

fn add(
    collected: &mut Collected,
    scenario: &Scenario,
    layout: &Layout,
    first: usize,
    count: usize,
    control: &Control<'_>,
) -> Result<(), Cancelled> {
    match collected {
        Collected::Stored(blocks) => blocks.extend(simulate_range(scenario, first, count, control)?.blocks),
        Collected::Streaming(summary) => stream(summary, scenario, layout, first, count, control)?,
    }
    Ok(())
}

/// Simulates trajectories `first..first + count` into `summary`, in rounds: each worker runs
/// consecutive blocks into its own summary, then the round is merged (moments in block order).
fn stream(
    summary: &mut StreamingSummary,
    scenario: &Scenario,
    layout: &Layout,
    first: usize,
    count: usize,
    control: &Control<'_>,
) -> Result<(), Cancelled> {
    let shared = engine::shared_parameters(scenario, control.pins);
    let blocks = count.div_ceil(BLOCK_SIZE);
    let workers = rayon::current_num_threads().max(1);
    let per_round = workers * BLOCKS_PER_WORKER;
    for round in (0..blocks).step_by(per_round) {
        let end = (round + per_round).min(blocks);
        // A short last round is still shared by every worker.
        let size = (end - round).div_ceil(workers);
        let chunks: Vec<std::ops::Range<usize>> = (round..end).step_by(size).map(|b| b..(b + size).min(end)).collect();
        let partials = chunks
            .into_par_iter()
            .map(|chunk| {
                let mut partial = summary.empty_like();
                let mut moments = Vec::with_capacity(chunk.len());
                // One block for the chunk's trajectories, overwritten block after block.
                let mut reused: Option<Block> = None;
                for b in chunk {
                    if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                        return Err(Cancelled);
                    }
                    let start = first + b * BLOCK_SIZE;
                    let len = BLOCK_SIZE.min(count - b * BLOCK_SIZE);
                    let block = match reused.take() {
                        Some(mut block) if block.len == len => {
                            block.start = start;
                            block
                        }
                        _ => Block::new(start, len, layout),
                    };
                    let block = reused.insert(block);
                    for mut writer in block.writers(len) {
                        engine::simulate_into(scenario, layout, &mut writer, control.pins, shared.as_ref());
                    }
                    moments.push(partial.add_block(&block.view(0, len)));
                    if let Some(progress) = control.progress {
                        progress(len);
                    }
                }
                Ok((partial, moments))
            })
            .collect::<Result<Vec<_>, Cancelled>>()?;
        for (partial, moments) in &partials {
            summary.merge_counts(partial);
            moments.iter().for_each(|m| summary.add_moments(m));
        }
    }
    Ok(())
}

fn precision(collected: &Collected, scenario: &Scenario, layout: &Layout) -> Precision {
    match collected {
        Collected::Stored(blocks) => {
            let metric = scenario.headline();
            let last = scenario.horizon_months().saturating_sub(1);
            let values: Vec<f64> = blocks.iter().flat_map(|b| column_values(layout, b, metric, last)).collect();
            precision_of_column(metric, scenario.calendar_month(last), values)
        }
        Collected::Streaming(summary) => summary.precision(),
    }
}

/// A metric's defined values in one block and month.
fn column_values(layout: &Layout, block: &Block, metric: crate::metric::Metric, month: usize) -> Vec<f64> {
    match series::SeriesSource::of(metric, layout) {
        series::SeriesSource::Row(r) => block.column(r, month).to_vec(),
        series::SeriesSource::Ratio { numerator, denominator } => block
            .column(numerator, month)
            .iter()
            .zip(block.column(denominator, month).iter())
            .filter(|(_, d)| *d > 0.0)
            .map(|(n, d)| n / d)
            .collect(),
    }
}

fn finish(
    collected: Collected,
    scenario: &Scenario,
    layout: &Layout,
    source: &str,
    levels: &[Percentile],
    target: Option<f64>,
    precision_reached: bool,
) -> RunOutput {
    let (mut report, outcomes) = match collected {
        Collected::Stored(blocks) => {
            let trajectories = blocks.iter().map(|b| b.len).sum();
            let outcomes = Outcomes { layout: layout.clone(), trajectories, blocks };
            (summarize(scenario, source, &outcomes, levels), Some(outcomes))
        }
        Collected::Streaming(summary) => (summary.finish(scenario, source, levels), None),
    };
    report.precision.target_relative_error = target;
    let report = report.with_calendar(scenario.calendar());
    RunOutput { report, outcomes, precision_reached }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::report::PercentileMethod;

    fn reference(trajectories: usize) -> Scenario {
        crate::scenario::parse(include_str!("../../scenarios/reference.toml"), "reference.toml")
            .unwrap()
            .with_trajectories(trajectories)
    }

    fn side_hustle(trajectories: usize) -> Scenario {
        crate::scenario::parse(include_str!("../../scenarios/side-hustle.toml"), "side-hustle.toml")
            .unwrap()
            .with_trajectories(trajectories)
    }

    fn json(scenario: &Scenario, plan: &RunPlan, threads: usize) -> String {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let output = pool.install(|| run(scenario, "t", &Percentile::DEFAULT, &Control::default(), plan)).unwrap();
        serde_json::to_string_pretty(&output.report).unwrap()
    }

    #[test]
    fn one_and_two_threads_give_identical_summaries() {
        let streaming = RunPlan { exact_limit: 1000, ..RunPlan::default() };
        for scenario in [reference(5000), side_hustle(3000)] {
            for plan in [RunPlan::default(), streaming] {
                let (one, two) = (json(&scenario, &plan, 1), json(&scenario, &plan, 2));
                assert!(one == two, "{} with {plan:?}", scenario.name());
            }
        }
    }

    #[test]
    fn streaming_percentiles_are_within_half_a_percent_of_exact() {
        let scenario = side_hustle(20_000);
        let levels = Percentile::DEFAULT;
        let control = Control::default();
        let exact = run(&scenario, "t", &levels, &control, &RunPlan::default()).unwrap().report;
        let approx =
            run(&scenario, "t", &levels, &control, &RunPlan { exact_limit: 0, ..RunPlan::default() }).unwrap().report;
        assert_eq!(
            (exact.percentile_method, approx.percentile_method),
            (PercentileMethod::Exact, PercentileMethod::Approximate)
        );
        let mut checked = 0;
        for (key, e) in &exact.metrics {
            let a = &approx.metrics[key];
            assert_eq!(e.defined, a.defined, "{key}");
            for (level, series) in &e.percentiles {
                for (m, (x, y)) in series.iter().zip(&a.percentiles[level]).enumerate() {
                    let (x, y) = (x.unwrap(), y.unwrap());
                    assert!((x - y).abs() <= 0.005 * x.abs(), "{key} {level} month {m}: exact {x}, approximate {y}");
                    checked += 1;
                }
            }
            for (x, y) in e.mean.iter().zip(&a.mean) {
                let (x, y) = (x.unwrap(), y.unwrap());
                assert!((x - y).abs() <= 1e-9 * (1.0 + x.abs()), "{key} mean");
            }
        }
        assert!(checked > 1000);
        assert_eq!(exact.targets, approx.targets, "targets and first months are exact on both paths");
        assert_eq!(exact.first_payout, approx.first_payout);
    }

    #[test]
    fn precision_batches_equal_one_run_of_the_final_size() {
        for exact_limit in [EXACT_LIMIT, 6000] {
            let plan = RunPlan { exact_limit, precision: Some(0.004), ..RunPlan::default() };
            let scenario = reference(1000);
            let batched = run(&scenario, "t", &Percentile::DEFAULT, &Control::default(), &plan).unwrap();
            assert!(batched.precision_reached);
            let n = batched.report.trajectories;
            assert!(n > 4096 && n.is_multiple_of(BLOCK_SIZE), "{n}");
            let mut report = batched.report;
            report.precision.target_relative_error = None;
            let single_plan = RunPlan { exact_limit, ..RunPlan::default() };
            let single = run(&reference(n), "t", &Percentile::DEFAULT, &Control::default(), &single_plan).unwrap();
            assert_eq!(report, single.report, "exact limit {exact_limit}");
            assert!(report.precision.relative_error().unwrap() <= 0.004);
        }
    }

    #[test]
    fn a_raised_cancel_flag_stops_every_path() {
        let cancel = AtomicBool::new(true);
        let control = Control { cancel: Some(&cancel), ..Control::default() };
        let scenario = reference(3000);
        assert_eq!(engine::simulate(&scenario, &control).unwrap_err(), Cancelled);
        for plan in [RunPlan::default(), RunPlan { exact_limit: 0, ..RunPlan::default() }] {
            assert_eq!(run(&scenario, "t", &Percentile::DEFAULT, &control, &plan).unwrap_err(), Cancelled);
        }
    }
}
