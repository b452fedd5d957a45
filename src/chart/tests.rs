//! Unit tests of the chart module: PNGs read back with the `image` crate, SVG text, byte-
//! identical re-renders, atomic writes, unit formatting; plus the ignored review gallery.

use std::path::Path;

use super::samples;
use super::*;

fn gallery() -> Vec<(&'static str, Box<dyn Fn() -> Chart<'static>>)> {
    fn leak<T>(value: T) -> &'static T {
        Box::leak(Box::new(value))
    }
    vec![
        ("fan", Box::new(|| Chart::Fan(leak(samples::fan())))),
        (
            "fan-hourly",
            Box::new(|| Chart::Fan(leak(samples::hourly_fan()))),
        ),
        (
            "fan-customers",
            Box::new(|| Chart::Fan(leak(samples::customers_fan()))),
        ),
        (
            "histogram",
            Box::new(|| Chart::Histogram(leak(samples::histogram()))),
        ),
        (
            "overlay",
            Box::new(|| Chart::Overlay(leak(samples::overlay()))),
        ),
        (
            "difference",
            Box::new(|| Chart::Difference(leak(samples::difference()))),
        ),
        ("sweep", Box::new(|| Chart::Sweep(leak(samples::sweep())))),
        (
            "heatmap",
            Box::new(|| Chart::Heatmap(leak(samples::heatmap()))),
        ),
        (
            "tornado",
            Box::new(|| Chart::Tornado(leak(samples::tornado()))),
        ),
        (
            "survival",
            Box::new(|| Chart::Survival(leak(samples::survival()))),
        ),
    ]
}

/// Writes every sample chart, light and dark, for a human to look at.
#[test]
#[ignore = "writes the review gallery to $CHART_REVIEW_DIR or /tmp/chart-review"]
fn review_gallery() {
    let dir = std::env::var("CHART_REVIEW_DIR").unwrap_or_else(|_| "/tmp/chart-review".into());
    std::fs::create_dir_all(&dir).unwrap();
    for (name, make) in gallery() {
        for theme in [Theme::Light, Theme::Dark] {
            let options = ChartOptions {
                theme,
                ..ChartOptions::default()
            };
            let suffix = if theme == Theme::Dark { "-dark" } else { "" };
            let path = Path::new(&dir).join(format!("{name}{suffix}.png"));
            write_chart(make(), &path, ImageFormat::Png, &options).unwrap();
        }
    }
}
