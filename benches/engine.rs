//! Benchmarks of the hot paths: trajectories per second of
//! `scenarios/reference.toml` end to end with every statistic, the cost of the random
//! draws alone, the statistics (percentiles, summaries, merges), chart rendering, and the
//! `solve` search (simulations per lever and its time against one simulation), and a
//! whole `calibrate` run at its default settings.
//!
//! Sample sizes and measurement times are kept small so that `cargo bench` finishes in a
//! couple of minutes on a 2-core machine; the numbers are recorded in docs/performance.md.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sidecast::distribution::{exp, standard_normal, unit};
use sidecast::engine::rng::{Purpose, Streams, entity_id};
use sidecast::engine::{BLOCK_SIZE, Control, Layout, Outcomes, simulate};
use sidecast::metric::{Metric, Stored};
use sidecast::scenario::{Scenario, load};
use sidecast::stats::{Percentile, percentiles};
use sidecast::summarize::{self as pipeline, RunPlan, StreamingSummary, summarize};

/// Trajectories per end-to-end iteration.
const TRAJECTORIES: usize = 20_000;

fn reference(trajectories: usize) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reference.toml");
    match load(&path, &[]) {
        Ok(s) => s.with_trajectories(trajectories),
        Err(e) => panic!("cannot load the reference scenario: {e}"),
    }
}

fn run(scenario: &Scenario) -> Outcomes {
    match simulate(scenario, &Control::default()) {
        Ok(outcomes) => outcomes,
        Err(e) => panic!("{e}"),
    }
}

fn configure<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group
}

/// (a) The reference scenario end to end: simulate plus every statistic of the report.
fn end_to_end(c: &mut Criterion) {
    let scenario = reference(TRAJECTORIES);
    let levels = Percentile::DEFAULT;
    let mut group = configure(c, "reference");
    group.throughput(Throughput::Elements(TRAJECTORIES as u64));
    group.bench_function("simulate+summarize", |b| {
        b.iter(|| {
            let outcomes = run(&scenario);
            black_box(summarize(&scenario, "bench", &outcomes, &levels))
        });
    });
    group.bench_function("simulate", |b| b.iter(|| black_box(run(&scenario))));
    group.finish();
}

/// What the engine draws per trajectory of the reference scenario, on average.
struct DrawCounts {
    /// Customers ever present (initial base plus arrivals): one key, a churn threshold, a
    /// tier (arrivals only), a spend (normal and `exp`), an upgrade threshold and the seeding
    /// of the monthly stream each.
    customers: usize,
    arrivals: usize,
    /// Customer-months billed; each customer's month ends survived (customer-months minus
    /// customers) take one normal and one `exp` (spend drift) each.
    customer_months: usize,
    months: usize,
}

fn draw_counts(scenario: &Scenario) -> DrawCounts {
    let outcomes = run(scenario);
    let total = |metric: Stored| -> f64 {
        let row = Layout::row(metric);
        (0..outcomes.horizon()).map(|m| outcomes.column(row, m).iter().sum::<f64>()).sum()
    };
    let n = outcomes.trajectories as f64;
    let initial: u32 = scenario.reseller().map_or(0, |r| r.initial_customers.iter().sum());
    let arrivals = (total(Stored::NewCustomers) / n).round() as usize;
    let customer_months = (total(Stored::ActiveCustomers) / n).round() as usize;
    DrawCounts { customers: initial as usize + arrivals, arrivals, customer_months, months: outcomes.horizon() }
}

/// The draws of one trajectory, with no accounting: the floor the engine can approach.
fn draws_only(counts: &DrawCounts, seed: u64, trajectory: u64) -> f64 {
    let streams = Streams::new(seed, trajectory);
    let mut acc = 0.0;
    for month in 1..=counts.months {
        acc += streams.uniform(Purpose::ResellerArrivals, month as u64);
    }
    // A customer billed k months survives k − 1 month ends (the last one either churns it
    // or is after the horizon), and draws one normal at each.
    let month_ends = counts.customer_months.saturating_sub(counts.customers);
    let ends_each = month_ends / counts.customers.max(1);
    let extra = month_ends % counts.customers.max(1);
    for c in 0..counts.customers {
        let entity = streams.entity(Purpose::Customer, entity_id(c / 16, (c % 16) as u32));
        let mut traits = entity.traits();
        acc += unit(&mut traits);
        if c < counts.arrivals {
            acc += unit(&mut traits);
        }
        acc += exp(0.4 * standard_normal(&mut traits));
        acc += unit(&mut entity.upgrades());
        let mut life = entity.life();
        for _ in 0..ends_each + usize::from(c < extra) {
            acc += exp(0.1 * standard_normal(&mut life));
        }
    }
    acc
}

/// (b) The random draws alone, in the engine's numbers per trajectory, on one thread.
fn draws(c: &mut Criterion) {
    let scenario = reference(TRAJECTORIES);
    let counts = draw_counts(&scenario);
    eprintln!(
        "draws per trajectory: {} customers ({} arrivals), {} customer-months, {} months",
        counts.customers, counts.arrivals, counts.customer_months, counts.months
    );
    let mut group = configure(c, "draws");
    group.throughput(Throughput::Elements(TRAJECTORIES as u64));
    group.bench_function("draws-only/1-thread", |b| {
        b.iter(|| (0..TRAJECTORIES as u64).map(|i| draws_only(&counts, scenario.seed(), i)).sum::<f64>());
    });
    group.finish();
}

/// (c) The statistics: exact percentiles of one column, the whole report from stored outcomes.
fn statistics(c: &mut Criterion) {
    let scenario = reference(TRAJECTORIES);
    let outcomes = run(&scenario);
    let row = Layout::row(Stored::CumulativeGrossProfit);
    let column = outcomes.column(row, outcomes.horizon() - 1);
    let levels = Percentile::DEFAULT;
    let mut group = configure(c, "statistics");
    group.throughput(Throughput::Elements(TRAJECTORIES as u64));
    group.bench_with_input(BenchmarkId::new("percentiles", TRAJECTORIES), &column, |b, column| {
        b.iter(|| percentiles(&mut column.clone(), &levels));
    });
    group.bench_function("summarize", |b| b.iter(|| black_box(summarize(&scenario, "bench", &outcomes, &levels))));
    let layout = sidecast::engine::layout(&scenario);
    let empty = StreamingSummary::new(&scenario, &layout);
    group.bench_function("streaming-add-blocks", |b| {
        b.iter(|| {
            let mut summary = empty.empty_like();
            for view in outcomes.blocks.iter().flat_map(|b| b.views(BLOCK_SIZE)) {
                let moments = summary.add_block(&view);
                summary.add_moments(&moments);
            }
            summary
        });
    });
    let views: Vec<_> = outcomes.blocks.iter().flat_map(|b| b.views(BLOCK_SIZE)).collect();
    let halves: Vec<StreamingSummary> = views
        .chunks(views.len().div_ceil(2))
        .map(|views| {
            let mut summary = empty.empty_like();
            for view in views {
                let moments = summary.add_block(view);
                summary.add_moments(&moments);
            }
            summary
        })
        .collect();
    group.bench_function("streaming-merge-two-workers", |b| {
        b.iter(|| {
            let mut merged = halves[0].clone();
            merged.merge_counts(&halves[1]);
            merged
        });
    });
    group.finish();
}

/// Scaling: the whole pipeline on 1 and 2 worker threads (local pools), the exact and the
/// streaming path, and the per-block progress callback against a per-trajectory one.
fn scaling(c: &mut Criterion) {
    let scenario = reference(TRAJECTORIES);
    let levels = Percentile::DEFAULT;
    let mut group = configure(c, "scaling");
    group.throughput(Throughput::Elements(TRAJECTORIES as u64));
    for threads in [1, 2] {
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool,
            Err(e) => panic!("{e}"),
        };
        for (path, plan) in
            [("exact", RunPlan::default()), ("streaming", RunPlan { exact_limit: 0, ..RunPlan::default() })]
        {
            group.bench_function(BenchmarkId::new(path, format!("{threads}-threads")), |b| {
                b.iter(|| pool.install(|| pipeline::run(&scenario, "bench", &levels, &Control::default(), &plan)));
            });
        }
    }
    let bar = indicatif::ProgressBar::hidden();
    let per_block = |n: usize| bar.inc(n as u64);
    let per_trajectory = |n: usize| (0..n).for_each(|_| bar.inc(1));
    for (name, tick) in
        [("progress-per-block", &per_block as &(dyn Fn(usize) + Sync)), ("progress-per-trajectory", &per_trajectory)]
    {
        let control = Control { progress: Some(tick), ..Control::default() };
        group.bench_function(name, |b| b.iter(|| simulate(&scenario, &control)));
    }
    group.finish();
}

/// (d) Chart rendering: the fan chart and the histogram of the reference report, to an
/// in-memory PNG bitmap at the default 1600x900 and as SVG text.
fn charts(c: &mut Criterion) {
    use sidecast::chart::{ChartOptions, render_rgb, render_svg};
    use sidecast::present::charts::Figure;
    use sidecast::present::charts::run::{ChartData, run_charts};
    let scenario = reference(TRAJECTORIES);
    let outcomes = run(&scenario);
    let report = summarize(&scenario, "scenarios/reference.toml", &outcomes, &Percentile::DEFAULT);
    let last = scenario.horizon_months() - 1;
    let data = ChartData {
        final_values: vec![(Metric::GrossProfit, outcomes.stored(Stored::GrossProfit, last))],
        ..ChartData::default()
    };
    let charts = run_charts(&report, &[Metric::GrossProfit], &data);
    let options = ChartOptions::default();
    let mut group = configure(c, "charts");
    for (_, chart) in &charts {
        let kind = if matches!(chart, Figure::Fan(_)) { "fan" } else { "histogram" };
        group.bench_function(format!("{kind}-png"), |b| b.iter(|| black_box(render_rgb(chart, &options))));
        group.bench_function(format!("{kind}-svg"), |b| b.iter(|| black_box(render_svg(chart, &options))));
    }
    group.finish();
}

/// (e) `solve` on the reseller (`scenarios/reseller.toml`, 10,000 trajectories): the whole
/// search for the arrival rate and for the churn at which P(gross profit ≥ $2,500 in month
/// 30) reaches 80%, against one simulation of the scenario as it is. The simulations each
/// search takes are printed once; each lever's budget is `MAX_EVALUATIONS` (15).
fn solve(c: &mut Criterion) {
    use sidecast::analysis::whatif::solve::Solve;
    use sidecast::engine::Unmonitored;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reseller.toml");
    let target = "gross_profit >= 2500 in 30";
    let mut group = configure(c, "solve");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    let file = match sidecast::scenario::ScenarioFile::read(&path) {
        Ok(file) => file,
        Err(e) => panic!("{e}"),
    };
    for lever in ["reseller.arrivals=0.5..10", "reseller.churn=0.01..0.2"] {
        let solve = match Solve::prepare(&file, &[], target, 0.8, &[lever.to_string()]) {
            Ok(solve) => solve,
            Err(e) => panic!("{e}"),
        };
        match solve.run(&Unmonitored) {
            Ok(report) => {
                for l in &report.levers {
                    eprintln!("solve {lever}: {} simulations for the lever, 1 for today", l.evaluations);
                }
            }
            Err(e) => panic!("{e}"),
        }
        let key = lever.split('=').next().unwrap_or(lever);
        group.bench_function(key, |b| b.iter(|| black_box(solve.run(&Unmonitored).is_ok())));
    }
    let scenario = match load(&path, &[]) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    group.bench_function("one-simulation", |b| b.iter(|| black_box(run(&scenario))));
    group.finish();
}

/// (f) `calibrate` at its default settings (docs/calibration.md, "Timings"): the
/// reseller's six months with three uncertain parameters (`scenarios/reseller-calibrate.toml`
/// against `scenarios/history.csv`, the general path), the same with the reseller's cohort
/// facts (three calibrations: both sources, each alone), 24 months of customer counts (the
/// exact path) and 24 months of revenue, COGS, hours and counts (the general path). The
/// targets: the six months under 5 s and the 24 months under 20 s of wall time on 2 cores.
fn calibrate(c: &mut Criterion) {
    use sidecast::abc::Settings;
    use sidecast::actuals::History;
    use sidecast::analysis::inference::calibrate::Setup;
    use sidecast::analysis::inference::retention::CohortSet;
    use sidecast::engine::Unmonitored;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenario = match load(&root.join("scenarios/reseller-calibrate.toml"), &[]) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let history = |text: &str| match History::parse_csv(text, "history.csv") {
        Ok(h) => h,
        Err(e) => panic!("{e}"),
    };
    let setup = |scenario: &Scenario, history: &History| match Setup::new(scenario, history, "scenario.toml") {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let settings = Settings { seed: scenario.seed(), ..Settings::default() };
    let simulations = |setup: &Setup| match setup.calibrate(&settings, &Unmonitored) {
        Ok(Ok(c)) => c.simulations,
        other => panic!("{other:?}"),
    };
    let six =
        setup(&scenario, &history(&std::fs::read_to_string(root.join("scenarios/history.csv")).unwrap_or_default()));
    let cohorts = match CohortSet::from_counts(&[12, 11, 8])
        .map(|c| setup(&scenario, six.history()).with_cohorts(c, "counts", None))
    {
        Ok(Ok(s)) => s,
        _ => panic!("the reseller's cohort facts"),
    };
    let with_cohorts = |setup: &Setup| {
        let series = setup.series_alone().map(|s| simulations(&s)).unwrap_or(0);
        let alone = match setup.cohorts_alone(&settings, &Unmonitored) {
            Some(Ok(Ok(c))) => c.simulations,
            other => panic!("{other:?}"),
        };
        simulations(setup) + series + alone
    };
    // 24 months of the reseller, recorded from one trajectory at the priors' medians.
    let long = match scenario.clone().with_horizon(24) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let template: String = std::iter::once("month,revenue,cogs,hours,customers\n".to_string())
        .chain((1..=24).map(|m| format!("{m},1,1,1,0\n")))
        .collect();
    let shape = setup(&long, &history(&template));
    let medians: Vec<f64> = shape.parameters.iter().map(|p| sidecast::abc::Prior::quantile(&p.prior, 0.5)).collect();
    let mixed = match shape.simulate_history(&medians, 7) {
        Ok(h) => setup(&long, &h),
        Err(e) => panic!("{e}"),
    };
    let counts_text: String = std::iter::once("month,customers\n".to_string())
        .chain(mixed.history().months().iter().filter_map(|m| Some(format!("{},{}\n", m.month, m.customers?))))
        .collect();
    let counts = setup(&long, &history(&counts_text));
    for (name, s) in [("six months", &six), ("24 months of counts", &counts), ("24 months, every column", &mixed)] {
        eprintln!("calibrate, {name}: {} simulations or likelihood evaluations", simulations(s));
    }
    eprintln!("calibrate, six months and cohort facts: {}", with_cohorts(&cohorts));
    let mut group = configure(c, "calibrate");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.bench_function("reseller-six-months", |b| b.iter(|| black_box(simulations(&six))));
    group.bench_function("reseller-six-months-and-cohort-facts", |b| b.iter(|| black_box(with_cohorts(&cohorts))));
    group.bench_function("counts-24-months", |b| b.iter(|| black_box(simulations(&counts))));
    group.bench_function("reseller-24-months", |b| b.iter(|| black_box(simulations(&mixed))));
    group.finish();
}

criterion_group!(benches, end_to_end, draws, statistics, scaling, charts, solve, calibrate);
criterion_main!(benches);
