//! What the charts of a command are given, checked on the chart inputs (no pixels): titles
//! that tell charts apart, captions without directories, the history on every chart whose
//! metric it has and the bands that start from its last month, cumulative charts on the
//! tables' base (from today), and chart options refused before a run.

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
fn the_history_is_on_every_chart_whose_metric_it_has_and_hands_off_today() {
    let report = reseller();
    let data = ChartData { actuals: actual_series(&history()), ..ChartData::default() };
    let figures = run_charts(&report, &fan_metrics(true, false, true), &data);
    let months = |stem: &str| fan(&figures, stem).actuals.iter().map(|&(m, _)| m).collect::<Vec<_>>();
    assert_eq!(months("fan-gross-profit"), [1, 2, 3, 4, 5, 6]);
    assert_eq!(months("fan-hours"), [1, 2, 3, 4, 5, 6]);
    assert_eq!(months("fan-hourly-rate"), [1, 2, 3, 4, 5, 6], "earnings / hours of each month");
    assert_eq!(months("fan-active-customers"), [1, 2, 6], "customers are recorded in months 1, 2 and 6");
    let rate = fan(&figures, "fan-hourly-rate").actuals[0].1;
    assert!((rate - 96.0 / 18.0).abs() < 1e-9, "{rate}");
    // The bands start from the last actual month, today: no bridge over a jump.
    assert_eq!(fan(&figures, "fan-gross-profit").start, Some((6, 583.0)));
    assert_eq!(fan(&figures, "fan-active-customers").start, Some((6, 12.0)));
    assert_eq!(fan(&figures, "fan-hours").timeline.today, Some(6));
    // A history with no net profit says so on the lead chart rather than drawing another metric.
    let net = fan(&figures, "fan-net-profit");
    assert!(net.actuals.is_empty() && net.start.is_none());
    assert!(net.titles.subtitle.as_deref().unwrap().contains("your history (months 1–6) has no net profit"));
}

#[test]
fn cumulative_charts_count_from_today_as_the_tables_do() {
    let report = reseller();
    let data = ChartData {
        actuals: actual_series(&history()),
        final_values: vec![(Metric::CumulativeGrossProfit, vec![100.0, 200.0])],
        ..ChartData::default()
    };
    let figures = run_charts(&report, &fan_metrics(true, false, true), &data);
    for (stem, metric) in [
        ("fan-cumulative-gross-profit", Metric::CumulativeGrossProfit),
        ("fan-cumulative-net-profit", Metric::CumulativeNetProfit),
    ] {
        let cumulative = fan(&figures, stem);
        assert!(cumulative.actuals.is_empty(), "{stem}: a running total of the history is on another base");
        assert_eq!(cumulative.start, Some((6, 0.0)), "{stem}: from zero today");
        let summary = report.metric(metric).unwrap();
        for (m, band) in cumulative.bands.months.iter().enumerate() {
            assert_eq!(band.p50, summary.at(Percentile::P50, m), "{stem}: the table's numbers");
            assert_eq!(band.p5, summary.at(Percentile::P5, m));
        }
        let subtitle = cumulative.titles.subtitle.as_deref().unwrap();
        assert!(subtitle.contains("counted from today, as in the tables"), "{subtitle}");
    }
    let histogram = figures.iter().find_map(|(_, f)| match f {
        Figure::Histogram(h) => Some(h),
        _ => None,
    });
    let histogram = histogram.unwrap();
    assert_eq!(histogram.values, [100.0, 200.0], "the values as the JSON has them");
    assert!(histogram.titles.subtitle.as_deref().unwrap().contains("counted from today"));
}

#[test]
fn a_backtest_from_month_one_has_no_today_and_compares_the_months_it_simulates() {
    let text = std::fs::read_to_string("scenarios/reseller-backtest.toml").unwrap();
    let report = crate::common::run(&replaced(&text, "trajectories = 10000", "trajectories = 500"));
    let data = ChartData { actuals: actual_series(&history()), ..ChartData::default() };
    let figures = run_charts(&report, &fan_metrics(true, false, false), &data);
    let cumulative = fan(&figures, "fan-cumulative-gross-profit");
    let summary = report.metric(Metric::CumulativeGrossProfit).unwrap();
    assert_eq!(cumulative.bands.months[0].p50, summary.at(Percentile::P50, 0));
    assert_eq!((cumulative.start, cumulative.timeline.today), (None, None));
    let monthly = fan(&figures, "fan-gross-profit");
    assert_eq!(monthly.actuals.len(), 6, "the history over the months it simulates");
    assert_eq!(monthly.start, None, "nothing before month 1 to start from");
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
fn what_if_charts_name_no_scenario_and_an_overlay_of_many_says_it_shows_medians() {
    let dir = tempfile::tempdir().unwrap();
    let quick = ["-n", "200", "-q", "--charts", "svg", "--out"];
    sidecast()
        .args(["compare", "scenarios/reseller.toml", "--vary", "reseller.churn=0.04,0.06,0.08,0.1,0.12"])
        .args(quick)
        .arg(dir.path().join("compare"))
        .assert()
        .success();
    let overlay = svg_text(&dir.path().join("compare/overlay.svg"));
    assert!(overlay.contains("Cumulative net profit by month 30: from $"), "{overlay}");
    assert!(overlay.contains("median of each of the 5 variants"), "{overlay}");
    assert!(overlay.contains("200 futures for each variant"), "{overlay}");
    assert!(!overlay.contains("10% churn"), "the scenario's name describes one variant: {overlay}");
    assert!(overlay.contains("sidecast compare · reseller.toml"), "{overlay}");
    sidecast()
        .args(["compare", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05,0.15"])
        .args(quick)
        .arg(dir.path().join("two"))
        .assert()
        .success();
    assert!(svg_text(&dir.path().join("two/overlay.svg")).contains("shaded: the middle 50 of 100 futures"));
    sidecast()
        .args(["sweep", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05..0.15:3"])
        .args(quick)
        .arg(dir.path().join("sweep"))
        .assert()
        .success();
    let sweep = svg_text(&dir.path().join("sweep/sweep.svg"));
    assert!(sweep.contains("200 futures at each point") && !sweep.contains("10% churn"), "{sweep}");
    assert!(sweep.contains("today 10%"), "today's value is marked: {sweep}");
    sidecast()
        .args(["sensitivity", "scenarios/side-hustle.toml"])
        .args(quick)
        .arg(dir.path().join("s"))
        .assert()
        .success();
    let tornado = svg_text(&dir.path().join("s/tornado.svg"));
    assert!(tornado.contains("· 200 futures, seed"), "{tornado}");
}
