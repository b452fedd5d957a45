//! Benchmarks of issue 26, the engine nearer its limit, one group per change:
//!
//! - `storage`: a run's stored trajectories (one block per run, faulted in ahead) filled by
//!   the engine's writers, against blocks of 1024 trajectories allocated one by one;
//! - `month-end`: `exp` over the month's customers at once against one call per customer,
//!   and the reference scenario's simulation on one thread (its time is mostly month ends);
//! - `bookkeeping`: a trajectory with no customers (only the month's bookkeeping), without
//!   and with costs;
//! - `content`: 20 small pieces a month at 24 and 120 months against the same scenario
//!   without content (the rate is carried month to month: linear in the horizon), with a
//!   fixed peak, with a peak drawn per piece, and with the drawn peak's mean fixed (as many
//!   signups as the drawn peak brings, without its draws: the two apart are the draws' cost).
//!
//! The figures are in docs/performance.md with the machine and its load.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sidecast::distribution::{Distribution, exp, exp_in_place};
use sidecast::engine::{BLOCK_SIZE, Block, Control, Place, simulate};
use sidecast::scenario::{Scenario, load, parse};

fn reference(trajectories: usize) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reference.toml");
    match load(&path, &[]) {
        Ok(s) => s.with_trajectories(trajectories),
        Err(e) => panic!("cannot load the reference scenario: {e}"),
    }
}

fn scenario(text: &str, trajectories: usize) -> Scenario {
    match parse(text, "bench.toml") {
        Ok(s) => s.with_trajectories(trajectories),
        Err(e) => panic!("{e}"),
    }
}

/// `scenario` over `months` months.
fn over(scenario: Scenario, months: usize) -> Scenario {
    match scenario.with_horizon(months) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn configure<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group
}

/// Writes every kept value of every trajectory of `block` (the engine's writes, without
/// the engine).
fn fill(block: &mut Block, layout: &sidecast::engine::Layout) {
    let written: Vec<Place> = layout.written().map(|(_, place)| place).collect();
    for mut writer in block.writers(BLOCK_SIZE) {
        for k in 0..writer.len {
            for month in 0..layout.horizon {
                for place in &written {
                    match *place {
                        Place::Amount(slot) => writer.amount(slot, month, k, k as f64),
                        Place::Count(slot) => writer.count(slot, month, k, k as u32),
                        Place::Zero => {}
                    }
                }
            }
        }
    }
}

/// The memory of 200,000 stored trajectories of the reference scenario (365 MB): one block
/// for the run, faulted in ahead, against 196 blocks of 1024 allocated one by one.
fn storage(c: &mut Criterion) {
    let n = 200_000;
    let layout = sidecast::engine::layout(&reference(n));
    let mut group = configure(c, "storage");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("one-block-per-run/200k", |b| {
        b.iter(|| {
            let mut block = Block::new(0, n, &layout);
            block.prefault();
            fill(&mut block, &layout);
            black_box(block.len)
        });
    });
    group.bench_function("blocks-of-1024/200k", |b| {
        b.iter(|| {
            let blocks: Vec<Block> = (0..n)
                .step_by(BLOCK_SIZE)
                .map(|start| {
                    let mut block = Block::new(start, BLOCK_SIZE.min(n - start), &layout);
                    fill(&mut block, &layout);
                    block
                })
                .collect();
            black_box(blocks.len())
        });
    });
    group.finish();
}

/// `exp` of a month's spend noise: all at once against one call each, and the reference
/// scenario's simulation on one thread.
fn month_end(c: &mut Criterion) {
    let noise: Vec<f64> = (0..256).map(|i| 0.1 * ((i as f64) * 0.618).sin() * 3.0).collect();
    let mut group = configure(c, "month-end");
    group.throughput(Throughput::Elements(noise.len() as u64));
    group.bench_function("exp-in-place/256", |b| {
        let mut values = noise.clone();
        b.iter(|| {
            values.copy_from_slice(&noise);
            exp_in_place(&mut values);
            black_box(values[7])
        });
    });
    group.bench_function("exp-one-by-one/256", |b| {
        let mut values = noise.clone();
        b.iter(|| {
            values.copy_from_slice(&noise);
            values.iter_mut().for_each(|v| *v = exp(*v));
            black_box(values[7])
        });
    });
    let scenario = reference(20_000);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool,
        Err(e) => panic!("{e}"),
    };
    group.throughput(Throughput::Elements(scenario.trajectories() as u64));
    group.bench_function("reference-simulate/1-thread/20k", |b| {
        b.iter(|| pool.install(|| black_box(simulate(&scenario, &Control::default()).map(|o| o.trajectories))));
    });
    group.finish();
}

/// A reseller with no customers at all: each trajectory is 24 months of bookkeeping.
const NO_CUSTOMERS: &str = "name = \"bookkeeping\"\nhorizon_months = 24\n[reseller]\narrivals = 0\nchurn = 0.1\n\
                            [reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n[effort]\nfixed_hours = 2\n";

/// The month's bookkeeping alone, without and with costs (fees, a monthly cost and tax).
fn bookkeeping(c: &mut Criterion) {
    let n = 50_000;
    let plain = scenario(NO_CUSTOMERS, n);
    let costs = scenario(
        &format!(
            "{NO_CUSTOMERS}[costs]\nmonthly = {{ tools = 20 }}\ntax_rate = 0.25\npayment_fee = {{ percent = 0.029 }}\n"
        ),
        n,
    );
    let mut group = configure(c, "bookkeeping");
    group.throughput(Throughput::Elements(n as u64));
    for (name, scenario) in [("no-costs", &plain), ("costs", &costs)] {
        group.bench_with_input(BenchmarkId::new(name, n), scenario, |b, s| {
            b.iter(|| black_box(simulate(s, &Control::default()).map(|o| o.trajectories)));
        });
    }
    group.finish();
}

/// One programme with its own 3 signups a month and 20 small pieces of content a month
/// (peak `PEAK` signups a month, ramp 2, half-life 6).
const CONTENT: &str = "name = \"content\"\nhorizon_months = 24\n[affiliate]\nsignups = 3\nplan_mix = { pro = 1.0 }\n\
                       payout_threshold = 50\n[affiliate.content]\npieces_per_month = 20\nsignups_per_piece = PEAK\n\
                       ramp_months = 2\nhalf_life_months = 6\n[affiliate.commission]\nfirst_order = 0.15\n\
                       recurring = 0.08\n[affiliate.plans.pro]\nprice = 19.99\nchurn = 0.10\n";

/// Content at 24 and 120 months against the same scenario without it.
fn content(c: &mut Criterion) {
    let n = 2_000;
    let with_peak = |peak: &str, months: usize| over(scenario(&CONTENT.replace("PEAK", peak), n), months);
    let without = |months: usize| {
        let text = CONTENT.replace("PEAK", "0.01");
        let start = text.find("[affiliate.content]").unwrap_or(0);
        let end = text.find("[affiliate.commission]").unwrap_or(text.len());
        over(scenario(&format!("{}{}", &text[..start], &text[end..]), n), months)
    };
    let mean = match Distribution::lognormal_ci90(Some(0.01), 0.002, 0.05) {
        Ok(drawn) => drawn.mean().to_string(),
        Err(e) => panic!("{e}"),
    };
    let mut group = configure(c, "content");
    group.throughput(Throughput::Elements(n as u64));
    for months in [24, 120] {
        let cases = [
            ("none", without(months)),
            ("fixed-peak", with_peak("0.01", months)),
            ("drawn-peak", with_peak("{ lognormal = { median = 0.01, ci90 = [0.002, 0.05] } }", months)),
            ("drawn-mean-fixed", with_peak(&mean, months)),
        ];
        for (name, s) in &cases {
            group.bench_with_input(BenchmarkId::new(*name, format!("{months}-months")), s, |b, s| {
                b.iter(|| black_box(simulate(s, &Control::default()).map(|o| o.trajectories)));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, storage, month_end, bookkeeping, content);
criterion_main!(benches);
