//! The charts of `sidecast compare`: the overlay of up to twelve variants' medians and inner
//! bands, and one paired-difference chart per non-baseline variant.

use super::{Figure, bands, caption, chart_unit, subtitle};
use crate::chart::{self, BandValues, DifferenceChart, MonthlyBands, OverlayChart, Titles};
use crate::metric::SeriesKey;
use crate::report::compare::{CompareReport, DifferenceSummary};
use crate::text::number::thousands;

/// Most variants the overlay chart shows (the size of its colour-blind-safe palette).
pub const OVERLAY_VARIANTS: usize = chart::MAX_VARIANTS;

/// "Cumulative gross profit: median and middle 50% by variant"; with more variants than
/// the overlay shades, only the medians are drawn and the title says so.
fn overlay_title(metric: &SeriesKey, variants: usize) -> String {
    let what = if variants <= chart::BANDED_VARIANTS { "median and middle 50%" } else { "median" };
    format!("{}: {what} by variant", metric.label())
}

/// A paired difference's bands over every month.
pub fn difference_bands(d: &DifferenceSummary, first_month: u32) -> MonthlyBands {
    let months = (0..d.mean.len())
        .map(|m| BandValues {
            p5: d.p5[m],
            p25: d.p25[m],
            p50: d.p50[m],
            p75: d.p75[m],
            p95: d.p95[m],
            mean: d.mean[m],
        })
        .collect();
    MonthlyBands { first_month, months }
}

/// The overlay (`overlay`) and the difference charts (`difference`, or `difference-2`,
/// `difference-3`, ... with several variants), with their file stems. `scenario` is the
/// base scenario's name when the variants are made from one file (`--vary`).
pub fn compare_charts(
    report: &CompareReport,
    metric: &SeriesKey,
    scenario: Option<&str>,
    source: &str,
) -> Vec<(String, Figure)> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let lead = format!(
        "{} trajectories per variant, seed {}, the same random numbers in every variant",
        thousands(report.trajectories as u64),
        report.seed
    );
    let titles = |title: String, note: &str| Titles {
        title,
        subtitle: Some(subtitle(scenario, &format!("{lead}{note}"))),
        caption: Some(caption("sidecast compare", source)),
    };
    let shown = &report.variants[..report.variants.len().min(OVERLAY_VARIANTS)];
    let note = if shown.len() < report.variants.len() {
        format!("; the first {} of {} variants", shown.len(), report.variants.len())
    } else {
        String::new()
    };
    let overlay = OverlayChart {
        titles: titles(overlay_title(metric, shown.len()), &note),
        metric: metric.label().to_string(),
        unit: chart_unit(metric.metric()),
        variants: shown
            .iter()
            .filter_map(|v| {
                let bands = bands(v.metrics.get(metric)?, first_month);
                Some(chart::Variant { label: v.label.clone(), bands })
            })
            .collect(),
    };
    let mut out = vec![("overlay".to_string(), Figure::Overlay(overlay))];
    for (i, d) in report.differences.iter().enumerate() {
        let Some(summary) = d.metrics.get(metric) else { continue };
        let chart = DifferenceChart {
            titles: titles(format!("{}: {} minus {}", metric.label(), d.label, d.baseline), ", paired by trajectory"),
            metric: format!("{} difference", metric.label()),
            unit: chart_unit(metric.metric()),
            bands: difference_bands(summary, first_month),
        };
        let stem =
            if report.differences.len() == 1 { "difference".to_string() } else { format!("difference-{}", i + 2) };
        out.push((stem, Figure::Difference(chart)));
    }
    out
}
