//! The charts of a portfolio's programmes (docs/model.md §11.1): a fan chart of each
//! named programme's commission earned, and their means stacked month by month, whose top
//! is the mean total. A scenario with fewer than two programmes gets neither (one
//! programme's charts would repeat the total's). Programme names are TOML keys and may hold
//! anything, so their file stems are slugs: see [`slugs`].

use std::collections::HashSet;

use super::medians;
use super::titles::{run_titles as titles, timeline};
use super::words::{Subject, amount, trend};
use super::{Figure, bands};
use crate::chart::{Calendar, FanChart, MAX_STACKED, StackedChart, StackedSeries, Timeline, Unit};
use crate::metric::{Metric, SeriesKey};
use crate::report::RunReport;

/// The stem of the stacked chart.
pub const STACKED_STEM: &str = "commission-by-programme";

/// The longest slug, before any "-2" that keeps it unique.
const SLUG_LENGTH: usize = 40;

/// The programmes' fan charts, then the stacked chart of their means, with file stems.
pub fn programme_figures(report: &RunReport, calendar: Option<Calendar>) -> Vec<(String, Figure)> {
    let names: Vec<&str> = report.first_payout_by_programme.keys().map(String::as_str).collect();
    if names.len() < 2 {
        return Vec::new();
    }
    let summary = |name: &str| report.metrics.get(&SeriesKey::part(Metric::CommissionEarned, name));
    let mut out = Vec::new();
    for (name, slug) in names.iter().zip(slugs(&names)) {
        let Some(s) = summary(name).filter(|s| s.defined.iter().any(|&n| n > 0)) else { continue };
        let first_month = report.months.first().copied().unwrap_or(1);
        let timeline = timeline(report, calendar);
        let subject = Subject { name: "Commission", plural: false, per: " a month" };
        let message = trend(subject, Unit::Dollars, &medians(s, first_month), &timeline)
            .unwrap_or_else(|| "Commission month by month".into());
        let title = format!("{}: {}", super::words::capitalised(&shown(name)), super::words::lowered(&message));
        let fan = FanChart {
            titles: titles(report, title, "shaded: where the middle 50 and 90 of 100 futures fall each month"),
            metric: "Commission earned per month".into(),
            unit: Unit::Dollars,
            bands: bands(s, first_month),
            timeline,
            ..FanChart::default()
        };
        out.push((format!("fan-commission-earned-{slug}"), Figure::Fan(fan)));
    }
    let layers: Option<Vec<StackedSeries>> = names
        .iter()
        .map(|name| Some(StackedSeries { label: shown(name), values: summary(name)?.mean.clone() }))
        .collect();
    let timeline = timeline(report, calendar);
    if let Some(chart) = layers.map(|layers| stacked_chart(report, layers, timeline)).filter(|c| c.validate().is_ok()) {
        out.push((STACKED_STEM.to_string(), Figure::Stacked(chart)));
    }
    out
}

fn stacked_chart(report: &RunReport, layers: Vec<StackedSeries>, timeline: Timeline) -> StackedChart {
    let first_month = report.months.first().copied().unwrap_or(1);
    let last = |s: &StackedSeries| s.values.iter().rev().find_map(|v| v.filter(|v| v.is_finite()));
    let total: f64 = layers.iter().filter_map(last).sum();
    let largest = layers.iter().filter_map(|s| Some((s, last(s)?))).max_by(|a, b| a.1.total_cmp(&b.1));
    let months = layers.iter().map(|s| s.values.len()).max().unwrap_or(1);
    let when = timeline.month(first_month + months.saturating_sub(1) as u32);
    let title = match largest {
        Some((s, v)) if total > 0.0 => format!(
            "By {when}, the {} programme brings {} of the {} a month of commission (means)",
            s.label,
            amount(Unit::Dollars, v),
            amount(Unit::Dollars, total)
        ),
        _ => "Commission earned per month by programme (means)".into(),
    };
    StackedChart {
        titles: titles(report, title, "each programme's mean commission, stacked: the top is the total"),
        metric: "Mean commission earned per month".into(),
        unit: Unit::Dollars,
        first_month,
        timeline,
        series: at_most(layers, MAX_STACKED),
        total: Some("all programmes".into()),
    }
}

/// The first `max - 1` layers and the rest summed as "N others" when there are more than
/// `max` (a sum of means is the mean of the sum, so the top is unchanged).
fn at_most(mut layers: Vec<StackedSeries>, max: usize) -> Vec<StackedSeries> {
    if layers.len() <= max || max == 0 {
        return layers;
    }
    let rest = layers.split_off(max - 1);
    let months = rest.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let values =
        (0..months).map(|m| rest.iter().map(|s| s.values.get(m).copied().flatten()).sum::<Option<f64>>()).collect();
    layers.push(StackedSeries { label: format!("{} others", rest.len()), values });
    layers
}

/// A name as a chart shows it: control characters written as escapes.
fn shown(name: &str) -> String {
    name.chars().flat_map(|c| if c.is_control() { c.escape_default().collect() } else { vec![c] }).collect()
}

/// File-safe, distinct slugs of programme names, in order: ASCII letters and digits kept
/// (lowercased), every other run of characters one `-`, none at the ends, at most 40
/// characters; a name with nothing left becomes `programme-<its position>`; a slug already
/// taken gets `-2`, `-3`, ... ("My Shop" and "my.shop" → `my-shop`, `my-shop-2`).
pub fn slugs(names: &[&str]) -> Vec<String> {
    let mut taken = HashSet::new();
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let base = match slug(name) {
            s if s.is_empty() => format!("programme-{}", i + 1),
            s => s,
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while !taken.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(SLUG_LENGTH);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe_distinct_and_read_like_the_name() {
        let names = [
            "recurring",
            "My Shop",
            "my.shop",
            "my-shop-2",
            "café ☕",
            "日本語",
            "../../etc/passwd",
            "a\nb",
            "",
            "CON",
            &"x".repeat(300),
            "  --  ",
        ];
        let got = slugs(&names);
        assert_eq!(
            got[..10],
            [
                "recurring",
                "my-shop",
                "my-shop-2",
                "my-shop-2-2",
                "caf",
                "programme-6",
                "etc-passwd",
                "a-b",
                "programme-9",
                "con"
            ]
        );
        assert_eq!(got[10], "x".repeat(40));
        assert_eq!(got[11], "programme-12");
        let unique: HashSet<_> = got.iter().collect();
        assert_eq!(unique.len(), got.len());
        for s in &got {
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{s}");
            assert!(!s.starts_with('-') && !s.ends_with('-') && !s.is_empty(), "{s}");
        }
    }

    #[test]
    fn more_layers_than_colours_group_the_rest_without_changing_the_top() {
        let layer = |i: usize| StackedSeries { label: format!("p{i}"), values: vec![Some(i as f64), None] };
        let grouped = at_most((0..11).map(layer).collect(), 8);
        assert_eq!(grouped.len(), 8);
        assert_eq!(grouped[7].label, "4 others");
        assert_eq!(grouped[7].values, [Some((7..11).sum::<usize>() as f64), None]);
        assert_eq!(at_most((0..8).map(layer).collect(), 8).len(), 8);
    }
}
