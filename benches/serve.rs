//! The live page's redraw, the whole request as the server answers it: the query parsed,
//! the scenario parsed with the `--set` values and validated, 10,000 trajectories of
//! `scenarios/reseller.toml` run with every statistic of `run`, `summary.json` written (and,
//! for the page's own request, the paired difference from the file's own run). The budget
//! is 150 ms on 2 cores (issue 24); the figures and the machine's load are recorded in
//! docs/performance.md. `SIDECAST_BENCH_QUICK=N` answers `/api/run` N times and nothing
//! else, for counting instructions (callgrind) or CPU time without criterion around it.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sidecast::app::Unmonitored;
use sidecast::app::live::Source;
use sidecast::serve::{Request, Site};

fn site() -> Site {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reseller.toml");
    let source = Source::read(&path).unwrap_or_else(|e| panic!("{}", e.render(false)));
    Site::new(source).unwrap_or_else(|e| panic!("{}", e.render(false)))
}

fn answer(site: &Site, target: &str) -> usize {
    let response = site.respond(&Request::new("GET", target, b""), &Unmonitored);
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.body.len()
}

/// Churn from the file's 10% to 15%: `/api/run` (the summary) and `/api/view` (what the
/// page redraws, with the difference from the file's own run, made once beforehand).
fn redraw(c: &mut Criterion) {
    let site = site();
    let run = "/api/run?set=reseller.churn%3D0.15";
    let view = "/api/view?client=bench&set=reseller.churn%3D0.15";
    if let Some(n) = std::env::var("SIDECAST_BENCH_QUICK").ok().and_then(|n| n.parse::<usize>().ok()) {
        for _ in 0..n {
            black_box(answer(&site, run));
        }
        return;
    }
    answer(&site, "/api/view?client=bench");
    let mut group = c.benchmark_group("serve reseller 10k");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(6));
    group.bench_function("GET /api/run churn=0.15", |b| b.iter(|| black_box(answer(&site, run))));
    group.bench_function("GET /api/view churn=0.15", |b| b.iter(|| black_box(answer(&site, view))));
    group.finish();
}

criterion_group!(benches, redraw);
criterion_main!(benches);
