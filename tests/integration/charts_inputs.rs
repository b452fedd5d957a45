//! What the charts of a command are given, checked on the chart inputs (no pixels): titles
//! that tell charts apart, captions without directories, the history on every chart whose
//! metric it has, cumulative charts that include it, and chart options refused before a run.

use predicates::prelude::*;
use sidecast::actuals::History;
use sidecast::analysis::inference::backtest::actual_series;
use sidecast::chart::FanChart;
use sidecast::metric::Metric;
use sidecast::present::charts::Figure;
use sidecast::present::charts::run::{ChartData, fan_metrics, run_charts};
use sidecast::report::RunReport;
use sidecast::stats::Percentile;

use crate::cli::sidecast;
use crate::common::replaced;

/// The reseller (projected from month 7) with 2,000 trajectories, summarised as `run` does.
fn reseller() -> RunReport {
    let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
    let text = replaced(&text, "trajectories = 10000", "trajectories = 2000");
    let scenario = sidecast::scenario::parse(&text, "/home/me/private/reseller.toml").unwrap();
    let outcomes = crate::common::outcomes(&scenario);
    sidecast::summarize::summarize(&scenario, "/home/me/private/reseller.toml", &outcomes, &Percentile::DEFAULT)
}

fn history() -> History {
    History::parse_csv(&std::fs::read_to_string("scenarios/history.csv").unwrap(), "history.csv").unwrap()
}

fn fans(figures: &[(String, Figure)]) -> Vec<(&str, &FanChart)> {
    figures
        .iter()
        .filter_map(|(stem, f)| match f {
            Figure::Fan(fan) => Some((stem.as_str(), fan)),
            _ => None,
        })
        .collect()
}

fn fan<'a>(figures: &'a [(String, Figure)], stem: &str) -> &'a FanChart {
    fans(figures).into_iter().find(|(s, _)| *s == stem).map(|(_, f)| f).unwrap()
}

#[test]
fn charts_of_one_run_have_their_own_titles_the_scenario_in_the_subtitle_and_no_directories() {
    let report = reseller();
    let data = ChartData { final_values: vec![(Metric::GrossProfit, vec![1.0, 2.0])], ..ChartData::default() };
    let figures = run_charts(&report, &fan_metrics(true, false, false), &data);
    let titles: Vec<_> = figures.iter().map(|(_, f)| f.titles().title.clone()).collect();
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), titles.len(), "two charts share a title: {titles:?}");
    for (stem, figure) in &figures {
        let t = figure.titles();
        assert!(t.subtitle.as_deref().unwrap().starts_with("Reseller: 12 customers"), "{stem}: {t:?}");
        assert_eq!(t.caption.as_deref(), Some("sidecast · reseller.toml"), "{stem}");
    }
}

#[test]
fn the_history_is_on_every_chart_whose_metric_it_has() {
    let report = reseller();
    let data = ChartData { actuals: actual_series(&history()), ..ChartData::default() };
    let figures = run_charts(&report, &fan_metrics(true, false, false), &data);
    let months = |stem: &str| fan(&figures, stem).actuals.iter().map(|&(m, _)| m).collect::<Vec<_>>();
    assert_eq!(months("fan-gross-profit"), [1, 2, 3, 4, 5, 6]);
    assert_eq!(months("fan-hours"), [1, 2, 3, 4, 5, 6]);
    assert_eq!(months("fan-hourly-rate"), [1, 2, 3, 4, 5, 6], "earnings / hours of each month");
    assert_eq!(months("fan-active-customers"), [1, 2, 6], "customers are recorded in months 1, 2 and 6");
    assert_eq!(months("fan-cumulative-gross-profit"), [1, 2, 3, 4, 5, 6]);
    let rate = fan(&figures, "fan-hourly-rate").actuals[0].1;
    assert!((rate - 96.0 / 18.0).abs() < 1e-9, "{rate}");
}

#[test]
fn cumulative_charts_include_the_history_and_say_so() {
    let report = reseller();
    let data = ChartData {
        actuals: actual_series(&history()),
        final_values: vec![(Metric::CumulativeGrossProfit, vec![100.0, 200.0])],
        ..ChartData::default()
    };
    let figures = run_charts(&report, &fan_metrics(true, false, false), &data);
    let cumulative = fan(&figures, "fan-cumulative-gross-profit");
    assert_eq!(cumulative.actuals.last(), Some(&(6, 1980.0)), "the running total of months 1-6");
    assert_eq!(cumulative.actuals[1], (2, 96.0 + 177.0));
    let summary = report.metric(Metric::CumulativeGrossProfit).unwrap();
    for (m, band) in cumulative.bands.months.iter().enumerate() {
        assert_eq!(band.p50, summary.at(Percentile::P50, m).map(|v| v + 1980.0));
        assert_eq!(band.p5, summary.at(Percentile::P5, m).map(|v| v + 1980.0));
        assert_eq!(band.mean, summary.mean[m].map(|v| v + 1980.0));
    }
    let subtitle = cumulative.titles.subtitle.as_deref().unwrap();
    assert!(subtitle.contains("includes the $1,980 earned in months 1-6"), "{subtitle}");
    // Monthly charts are not shifted and say nothing about it.
    let monthly = fan(&figures, "fan-gross-profit");
    assert_eq!(monthly.bands.months[0].p50, report.metric(Metric::GrossProfit).unwrap().at(Percentile::P50, 0));
    assert!(!monthly.titles.subtitle.as_deref().unwrap().contains("includes"));
    let histogram = figures.iter().find_map(|(_, f)| match f {
        Figure::Histogram(h) => Some(h),
        _ => None,
    });
    let histogram = histogram.unwrap();
    assert_eq!(histogram.values, [2080.0, 2180.0]);
    assert!(histogram.titles.subtitle.as_deref().unwrap().contains("includes the $1,980"));
}

#[test]
fn a_backtest_from_month_one_adds_nothing_to_the_bands() {
    let text = std::fs::read_to_string("scenarios/reseller-backtest.toml").unwrap();
    let report = crate::common::run(&replaced(&text, "trajectories = 10000", "trajectories = 500"));
    let data = ChartData { actuals: actual_series(&history()), ..ChartData::default() };
    let figures = run_charts(&report, &fan_metrics(true, false, false), &data);
    let cumulative = fan(&figures, "fan-cumulative-gross-profit");
    let summary = report.metric(Metric::CumulativeGrossProfit).unwrap();
    assert_eq!(cumulative.bands.months[0].p50, summary.at(Percentile::P50, 0));
    assert_eq!(cumulative.actuals.last(), Some(&(6, 1980.0)), "compared with the simulated months 1-6");
    assert!(!cumulative.titles.subtitle.as_deref().unwrap().contains("includes"));
}

#[test]
fn chart_options_the_charts_cannot_draw_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for (options, message) in [
        (&["--size", "700x300"][..], "at least 640x360"),
        (&["--size", "16000x9000"][..], "too large"),
        (&["--size", "800x450", "--scale", "0.5"][..], "too small"),
        (&["--scale", "9"][..], "from 0.5 to 4"),
    ] {
        let out = dir.path().join("out");
        sidecast()
            .args(["run", "scenarios/reseller.toml", "-n", "100", "-q", "--out"])
            .arg(&out)
            .args(options)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.exists(), "{options:?}: something was written");
    }
    let out = dir.path().join("sweep");
    sidecast()
        .args(["sweep", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05,0.1", "-n", "100", "-q"])
        .args(["--size", "12000x8000", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
}

/// The text of an SVG chart (each text is kept as its outline's `aria-label`).
fn svg_text(path: &std::path::Path) -> String {
    let svg = std::fs::read_to_string(path).unwrap();
    svg.split("aria-label=\"").skip(1).filter_map(|s| s.split('"').next()).collect::<Vec<_>>().join(" | ")
}

#[test]
fn what_if_charts_lead_with_the_scenario_and_an_overlay_of_many_says_it_shows_medians() {
    let dir = tempfile::tempdir().unwrap();
    let quick = ["-n", "200", "-q", "--charts", "svg", "--out"];
    sidecast()
        .args(["compare", "scenarios/reseller.toml", "--vary", "reseller.churn=0.04,0.06,0.08,0.1,0.12"])
        .args(quick)
        .arg(dir.path().join("compare"))
        .assert()
        .success();
    let overlay = svg_text(&dir.path().join("compare/overlay.svg"));
    assert!(overlay.contains("Cumulative net profit: median by variant"), "{overlay}");
    assert!(overlay.contains("Reseller: 12 customers, 10% churn · 200 trajectories per variant"), "{overlay}");
    assert!(overlay.contains("sidecast compare · reseller.toml"), "{overlay}");
    sidecast()
        .args(["compare", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05,0.15"])
        .args(quick)
        .arg(dir.path().join("two"))
        .assert()
        .success();
    assert!(svg_text(&dir.path().join("two/overlay.svg")).contains("median and middle 50% by variant"));
    sidecast()
        .args(["sweep", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05..0.15:3"])
        .args(quick)
        .arg(dir.path().join("sweep"))
        .assert()
        .success();
    assert!(
        svg_text(&dir.path().join("sweep/sweep.svg")).contains("Reseller: 12 customers, 10% churn · 200 trajectories")
    );
    sidecast()
        .args(["sensitivity", "scenarios/side-hustle.toml"])
        .args(quick)
        .arg(dir.path().join("s"))
        .assert()
        .success();
    let tornado = svg_text(&dir.path().join("s/tornado.svg"));
    assert!(tornado.contains("· 200 trajectories, seed"), "{tornado}");
}
