//! Charts as a reader gets them: PNGs of the right size with the bands drawn where the plot
//! is, SVGs with their text, identical bytes for identical runs, and target probabilities
//! checked against a case with a known answer.

use crate::cli::sidecast;
use crate::common::{assert_within, run};
use sidecast::stats::Percentile;

fn run_into(dir: &std::path::Path, extra: &[&str]) {
    sidecast()
        .args(["run", "scenarios/reseller.toml", "-n", "1000", "-q", "--out"])
        .arg(dir)
        .args(extra)
        .assert()
        .success();
}

#[test]
fn png_fan_chart_has_size_and_bands_in_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    run_into(dir.path(), &[]);
    for name in [
        "fan-gross-profit",
        "fan-cumulative-gross-profit",
        "fan-active-customers",
        "fan-hours",
        "fan-hourly-rate",
        "fan-net-profit",
        "fan-cumulative-net-profit",
        "fan-net-hourly-rate",
        "histogram-net-profit",
        "histogram-cumulative-net-profit",
    ] {
        let image = image::open(dir.path().join(format!("{name}.png"))).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (1600, 900), "{name}");
        let distinct: std::collections::HashSet<_> = image.pixels().step_by(97).collect();
        assert!(distinct.len() > 5, "{name} looks blank");
    }
    // The outer band is a light blue tint: present in the middle of the plot area.
    let fan = image::open(dir.path().join("fan-gross-profit.png")).unwrap().to_rgb8();
    let bluish = (700..1100).flat_map(|x| (300..650).map(move |y| (x, y))).filter(|&(x, y)| {
        let [r, _, b] = fan.get_pixel(x, y).0.map(i32::from);
        b > r + 20 && b > 150
    });
    assert!(bluish.count() > 10_000, "no band colour in the plot area");
    let summary = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    // The alt text is the chart's message.
    assert!(summary.contains("![Gross profit levels off near $"), "{summary}");
    assert!(summary.contains("](fan-gross-profit.png)"));
}

#[test]
fn scale_doubles_pixels_and_svg_has_the_text() {
    let dir = tempfile::tempdir().unwrap();
    run_into(dir.path(), &["--charts", "both", "--scale", "2", "--theme", "dark"]);
    let png = image::open(dir.path().join("fan-gross-profit.png")).unwrap();
    assert_eq!((png.width(), png.height()), (3200, 1800));
    let svg = std::fs::read_to_string(dir.path().join("fan-gross-profit.svg")).unwrap();
    for text in ["Reseller: 12 customers, 10% churn", "Gross profit per month", "Month", "median", "sidecast"] {
        assert!(svg.contains(text), "SVG lacks {text:?}");
    }
}

#[test]
fn same_seed_gives_byte_identical_charts_and_none_gives_no_images() {
    let (a, b, none) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_into(a.path(), &["--paths", "3"]);
    run_into(b.path(), &["--paths", "3"]);
    for name in ["fan-gross-profit.png", "histogram-net-profit.png", "summary.json"] {
        assert!(
            std::fs::read(a.path().join(name)).unwrap() == std::fs::read(b.path().join(name)).unwrap(),
            "{name} differs"
        );
    }
    run_into(none.path(), &["--charts", "none"]);
    assert!(
        std::fs::read_dir(none.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".png"))
    );
}

#[test]
fn target_probability_matches_a_known_answer() {
    // One customer, 10% churn, nothing else: P(still billed in month 5) = 0.9^4 = 0.6561,
    // P(billed in month 1) = 1, and the first month at or above the target is always month 1.
    let report = run(r#"
name = "one customer"
trajectories = 20000
seed = 4
[reseller]
initial_customers = { only = 1 }
churn = 0.1
[reseller.tiers.only]
markup = 0.2
spend = 100
[[targets]]
metric = "active_customers"
at_least = 1
month = 5
"#);
    let target = &report.targets[0];
    let at = target.probability_at_month.unwrap();
    assert_within("P(active in month 5)", at.probability, 0.9f64.powi(4), at.std_error, 4.0);
    assert_eq!(target.probability_by_month.unwrap().probability, 1.0);
    assert_eq!(target.first_month.percentiles[&Percentile::P95], Some(1.0));
}
