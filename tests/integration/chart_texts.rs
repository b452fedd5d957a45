//! Every figure every command draws from the shipped scenarios, drawn in both themes at the
//! default size and the smallest: no text touches another, leaves the canvas or is cut;
//! titles and subtitles are words a reader takes in (no scenario keys, no flags, chances
//! out of 100 futures, never "0%" or "100%"), and true for what is drawn (no scenario name
//! that describes another variant). Through the library's command functions, as the
//! command line calls them, with few futures so the suite stays quick.

use std::path::Path;

use sidecast::actuals::{History, ReadOptions};
use sidecast::analysis::inference::retention::{CohortSet, parse_cohort_csv};
use sidecast::analysis::whatif::solve::Solve;
use sidecast::analysis::whatif::vary::{Variant, load_files, load_variants, parse_specs};
use sidecast::app::Unmonitored;
use sidecast::app::calibrate::{CalibrateInput, ScenarioFile};
use sidecast::app::compare::CompareInput;
use sidecast::app::fit::RetentionInput;
use sidecast::app::run::{NamedHistory, RunInput};
use sidecast::app::sensitivity::SensitivityInput;
use sidecast::app::solve::SolveInput;
use sidecast::app::sweep::SweepInput;
use sidecast::app::{Charts, Delivery, Entry, Limits};
use sidecast::chart::{ChartOptions, ImageFormat, MIN_SIZE, PHONE, Theme, text_collisions};
use sidecast::present::charts::{Figure, Requests};
use sidecast::scenario::{Override, Scenario, load};
use sidecast::stats::Percentile;

fn charts() -> Charts {
    Charts { options: ChartOptions::default(), formats: vec![ImageFormat::Png], requests: Requests::default() }
}

fn few(n: usize) -> Vec<Override> {
    vec![Override::parse(&format!("trajectories={n}"), "--set").unwrap()]
}

fn scenario(path: &str, overrides: &[Override]) -> Scenario {
    load(Path::new(path), overrides).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn history(path: &str, scenario: &Scenario) -> NamedHistory {
    let text = std::fs::read_to_string(path).unwrap();
    let options = ReadOptions { first_month: scenario.first_month(), decimal_comma: false };
    NamedHistory { history: History::read(&text, path, &options).unwrap().history, name: path.to_string() }
}

fn figures(delivery: &Delivery) -> Vec<(String, Figure)> {
    delivery
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Figure { stem, figure } => Some((stem.clone(), (**figure).clone())),
            Entry::File { .. } => None,
        })
        .collect()
}

fn run(path: &str, extra: &[&str], actuals: Option<&str>, paths: usize) -> Vec<(String, Figure)> {
    let mut overrides = few(600);
    overrides.extend(extra.iter().map(|s| Override::parse(s, "--set").unwrap()));
    let scenario = scenario(path, &overrides);
    let history = actuals.map(|a| history(a, &scenario));
    let input = RunInput {
        scenario,
        source: path.to_string(),
        levels: Percentile::DEFAULT.to_vec(),
        history,
        waterfall_month: None,
        precision: None,
        paths,
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
        explore: None,
        page_bundle: false,
    };
    figures(&sidecast::app::run::run(&input, &Unmonitored).unwrap().delivery)
}

fn compare(variants: Vec<Variant>, from_one_file: bool, source: &str) -> Vec<(String, Figure)> {
    let input = CompareInput {
        variants,
        from_one_file,
        metric: None,
        source: source.to_string(),
        levels: Percentile::DEFAULT.to_vec(),
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
    };
    figures(&sidecast::app::compare::compare(&input, &Unmonitored).unwrap().delivery)
}

fn sweep(vary: &[&str], target_prob: Option<f64>) -> Vec<(String, Figure)> {
    let path = "scenarios/reseller.toml";
    let specs = parse_specs(&vary.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    let variants = load_variants(&ScenarioFile::read(Path::new(path)).unwrap(), &few(300), &specs).unwrap();
    let input = SweepInput {
        specs,
        variants,
        metric: None,
        month: None,
        target_prob,
        source: path.to_string(),
        base: Some(scenario(path, &few(300))),
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
    };
    figures(&sidecast::app::sweep::sweep(&input, &Unmonitored).unwrap().delivery)
}

fn solve() -> Vec<(String, Figure)> {
    let path = "scenarios/reseller.toml";
    let levers = ["reseller.arrivals=0.5..10".to_string(), "reseller.churn=0.01..0.2".to_string()];
    let solve = Solve::prepare(
        &ScenarioFile::read(Path::new(path)).unwrap(),
        &few(400),
        "gross_profit >= 2500 in 30",
        0.8,
        &levers,
    )
    .unwrap();
    let input = SolveInput {
        solve,
        source: path.to_string(),
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
    };
    figures(&sidecast::app::solve::solve(&input, &Unmonitored).unwrap().delivery)
}

fn sensitivity() -> Vec<(String, Figure)> {
    sensitivity_with(&few(300))
}

fn sensitivity_with(overrides: &[Override]) -> Vec<(String, Figure)> {
    let path = "scenarios/side-hustle.toml";
    let input = SensitivityInput {
        scenario: scenario(path, overrides),
        swings: Vec::new(),
        metric: None,
        month: None,
        source: path.to_string(),
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
    };
    figures(&sidecast::app::sensitivity::sensitivity(&input, &Unmonitored).unwrap().delivery)
}

fn fit(cohorts: CohortSet, source: &str) -> Vec<(String, Figure)> {
    let input =
        RetentionInput { cohorts, source: source.to_string(), months: 24, charts: charts(), command: String::new() };
    figures(&sidecast::app::fit::retention(&input).unwrap().delivery)
}

fn calibrate() -> Vec<(String, Figure)> {
    let (path, project) = ("scenarios/reseller-calibrate.toml", "scenarios/reseller.toml");
    let file = |p: &str| ScenarioFile { path: p.into(), text: std::fs::read_to_string(p).unwrap() };
    let scenario = scenario(path, &few(300));
    let history = history("scenarios/history.csv", &scenario);
    let input = CalibrateInput {
        scenario,
        file: file(path),
        overrides: few(300),
        project: (load(Path::new(project), &[]).unwrap(), file(project)),
        history,
        cohorts: None,
        particles: 200,
        max_simulations: 40_000,
        levels: Percentile::DEFAULT.to_vec(),
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
    };
    let prepared = sidecast::app::calibrate::prepare(&input).unwrap();
    figures(&prepared.run(&Unmonitored).unwrap().delivery)
}

/// Every command's figures, named by the command that drew them.
fn every_figure() -> Vec<(String, Figure)> {
    let named = |command: &str, figures: Vec<(String, Figure)>| {
        figures.into_iter().map(|(stem, f)| (format!("{command}/{stem}"), f)).collect::<Vec<_>>()
    };
    let reseller = "scenarios/reseller.toml";
    let mut all = named("run", run(reseller, &[], Some("scenarios/history.csv"), 20));
    all.extend(named("run-dated", run(reseller, &["first_month=\"2026-01\""], Some("scenarios/history.csv"), 5)));
    all.extend(named("portfolio", run("scenarios/portfolio.toml", &[], None, 0)));
    let files = ["scenarios/affiliate.toml", "scenarios/affiliate-bounty.toml"].map(std::path::PathBuf::from);
    all.extend(named(
        "compare",
        compare(load_files(&files, &few(300)).unwrap(), false, "affiliate.toml, affiliate-bounty.toml"),
    ));
    let churn = parse_specs(&["reseller.churn=0.10,0.17".to_string()]).unwrap();
    let variants = load_variants(&ScenarioFile::read(Path::new(reseller)).unwrap(), &few(300), &churn).unwrap();
    all.extend(named("compare-vary", compare(variants, true, reseller)));
    all.extend(named("sweep", sweep(&["reseller.arrivals=0.5..3:4"], None)));
    all.extend(named("sweep-2d", sweep(&["reseller.churn=0.05..0.2:4", "reseller.arrivals=0.5,1,2"], None)));
    all.extend(named(
        "sweep-chance",
        sweep(&["reseller.churn=0.05..0.2:4", "reseller.arrivals=0.5,1,2"], Some(30_000.0)),
    ));
    all.extend(named("solve", solve()));
    all.extend(named("sensitivity", sensitivity()));
    let cohorts = parse_cohort_csv(&std::fs::read_to_string("scenarios/cohorts.csv").unwrap(), "cohorts.csv").unwrap();
    all.extend(named("fit", fit(cohorts, "cohorts.csv")));
    all.extend(named("fit-small", fit(CohortSet::from_counts(&[12, 11, 8]).unwrap(), "counts 12, 11, 8")));
    all.extend(named("calibrate", calibrate()));
    all
}

#[test]
fn no_text_of_any_figure_touches_another_in_either_theme_at_the_default_the_smallest_or_the_pages_phone_size() {
    let figures = every_figure();
    let kinds: std::collections::BTreeSet<&str> = figures.iter().map(|(_, f)| kind(f)).collect();
    assert_eq!(kinds.len(), 12, "every chart kind is drawn: {kinds:?}");
    let (width, height) = MIN_SIZE;
    let mut failures = Vec::new();
    for (name, figure) in &figures {
        for theme in [Theme::Light, Theme::Dark] {
            for (w, h) in [(1600, 900), (width, height)] {
                let options = ChartOptions { width: w, height: h, theme, ..ChartOptions::default() };
                let problems = text_collisions(figure, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
                failures.extend(problems.into_iter().map(|p| format!("{name} {theme:?} {w}x{h}: {p}")));
            }
            // report.html's phone drawing: without titles (the page writes them), larger text.
            let mut untitled = figure.clone();
            *untitled.titles_mut() = Default::default();
            let options = ChartOptions { theme, ..PHONE };
            let problems = text_collisions(&untitled, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
            failures.extend(problems.into_iter().map(|p| format!("{name} {theme:?} phone: {p}")));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

fn kind(figure: &Figure) -> &'static str {
    match figure {
        Figure::Fan(_) => "fan",
        Figure::Histogram(_) => "histogram",
        Figure::Overlay(_) => "overlay",
        Figure::Difference(_) => "difference",
        Figure::Sweep(_) => "sweep",
        Figure::Heatmap(_) => "heatmap",
        Figure::Tornado(_) => "tornado",
        Figure::Survival(_) => "survival",
        Figure::Solve(_) => "solve",
        Figure::Posterior(_) => "posterior",
        Figure::Waterfall(_) => "waterfall",
        Figure::Stacked(_) => "stacked",
    }
}

/// Scenario keys (`reseller.churn`), flags (`--vary`), percent chances and the engine's
/// word for a future, none of which a reader of a post should meet.
fn jargon(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '_' && c != '-');
        let dotted = word.split('.').count() > 1 && word.split('.').all(|p| p.chars().any(char::is_alphabetic));
        if dotted && !word.ends_with(".toml") && !word.ends_with(".csv") {
            found.push(word.to_string());
        }
        if word.starts_with("--") || word.contains('_') {
            found.push(word.to_string());
        }
    }
    for phrase in ["P(", "trajector", "sBG", "search bound", "posterior", "prior", "p25", "p75"] {
        if text.contains(phrase) {
            found.push(phrase.to_string());
        }
    }
    found
}

#[test]
fn titles_and_subtitles_are_words_true_for_what_is_drawn() {
    let figures = every_figure();
    // The scenarios' own names are the user's words, whatever they say.
    let names: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter_map(|text| {
            text.lines().find_map(|l| l.strip_prefix("name = ").map(|n| n.trim_matches('"').to_string()))
        })
        .collect();
    for (name, figure) in &figures {
        let t = figure.titles();
        let words = format!("{} · {}", t.title, t.subtitle.as_deref().unwrap_or(""));
        let own = names.iter().fold(words.clone(), |w, n| w.replace(n.as_str(), ""));
        assert!(jargon(&own).is_empty(), "{name}: {:?} in {words:?}", jargon(&own));
        for certain in ["0%", "100%", "0 in 100", "100 in 100"] {
            let starts = |w: &str| w == certain || w.starts_with(certain);
            assert!(!words.split_whitespace().any(starts), "{name}: {certain:?} in {words:?}");
        }
        if name.starts_with("compare") || name.starts_with("sweep") || name.starts_with("solve") {
            assert!(!words.contains("10% churn"), "{name}: the scenario's name describes today's values: {words:?}");
        }
        assert!(t.title.len() > 20 && !t.title.ends_with("per month"), "{name}: a label, not a message: {:?}", t.title);
    }
    let title = |stem: &str| figures.iter().find(|(n, _)| n == stem).map(|(_, f)| f.titles().title.clone()).unwrap();
    assert!(title("run/fan-net-profit").starts_with("Net profit levels off near $"), "{}", title("run/fan-net-profit"));
    assert!(title("run/fan-net-profit").contains(" in 100 futures reach $700 in month 12"));
    assert!(title("run-dated/fan-net-profit").contains("in Dec 2026"), "{}", title("run-dated/fan-net-profit"));
    assert!(title("compare/difference").contains(" in 100 futures by month 24"), "{}", title("compare/difference"));
}

#[test]
fn the_lead_title_and_the_mean_are_the_readers_to_choose() {
    let path = "scenarios/reseller.toml";
    let mut input = RunInput {
        scenario: scenario(path, &few(300)),
        source: path.to_string(),
        levels: Percentile::DEFAULT.to_vec(),
        history: None,
        waterfall_month: None,
        precision: None,
        paths: 0,
        charts: charts(),
        limits: Limits::default(),
        command: String::new(),
        explore: None,
        page_bundle: false,
    };
    input.charts.requests = Requests { title: Some("My side income".into()), mean: true };
    let figures = figures(&sidecast::app::run::run(&input, &Unmonitored).unwrap().delivery);
    assert_eq!(figures[0].1.titles().title, "My side income");
    assert_ne!(figures[1].1.titles().title, "My side income", "only the lead chart");
    assert!(figures.iter().all(|(_, f)| !matches!(f, Figure::Fan(fan) if !fan.show_mean)));
}

/// `--paths N` names a bad, a typical and a good future: those nearest the 10th, 50th and
/// 90th percentiles of where all the futures end, whatever N (with three drawn, the three
/// first trajectories once got named "a good one (p51)" beside "a typical one (p49)").
#[test]
fn named_futures_are_the_tenth_the_middle_and_the_ninetieth_of_all() {
    for paths in [3, 8] {
        let figures = run("scenarios/reseller.toml", &[], None, paths);
        let fans: Vec<&sidecast::chart::FanChart> =
            figures.iter().filter_map(|(_, f)| if let Figure::Fan(fan) = f { Some(fan) } else { None }).collect();
        assert!(!fans.is_empty());
        for fan in fans {
            let labels: Vec<&str> = fan.named_paths.iter().map(|p| p.label.as_str()).collect();
            let percentile = |label: &str| -> f64 {
                label.rsplit("(p").next().and_then(|p| p.trim_end_matches(')').parse().ok()).unwrap()
            };
            assert_eq!(labels.len(), 3, "{labels:?}");
            let drawn = fan.named_paths.len() + fan.sample_paths.len();
            assert_eq!(drawn, paths, "--paths {paths} draws {paths} futures");
            for (label, (name, want)) in
                labels.iter().zip([("a bad future", 10.0), ("a typical one", 50.0), ("a good one", 90.0)])
            {
                // A metric with many ties (counts) may put the nearest end a few points off.
                assert!(label.starts_with(name) && (percentile(label) - want).abs() <= 6.0, "{labels:?}");
            }
        }
    }
}

#[test]
fn a_month_in_a_title_keeps_its_capital() {
    // "… in nov 2027": the sweep's and the tornado's titles lowered the whole label.
    let mut overrides = few(200);
    overrides.push(Override::parse("first_month=\"2027-01\"", "--set").unwrap());
    let figures = sensitivity_with(&overrides);
    let titles: Vec<String> = figures.iter().map(|(_, f)| f.titles().title.clone()).collect();
    assert!(titles.iter().any(|t| t.contains("in Dec 2028")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("dec 2028")), "{titles:?}");
}

#[test]
fn a_sweep_that_moves_nothing_says_so_rather_than_naming_a_best_point() {
    // Ties named the last point "at best" (a 100% tax); hours do not move profit.
    let figures = sweep(&["effort.fixed_hours=1,2,3"], None);
    let titles: Vec<String> = figures.iter().map(|(_, f)| f.titles().title.clone()).collect();
    assert!(titles.iter().any(|t| t.contains("with every value of fixed hours swept")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains(" to ")), "{titles:?}");
}
