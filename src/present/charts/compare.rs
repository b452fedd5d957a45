//! The charts of `sidecast compare`: the overlay of up to twelve variants' medians and inner
//! bands, and one paired-difference chart per non-baseline variant, whose title is the
//! verdict ("The bounty programme earns more than the creator in only 27 in 100 futures by
//! month 24") and whose label says the chance of doing better. Subtitles name no scenario:
//! a scenario's name describes one variant ("10% churn"), not the one drawn.

use super::words::{amount, capitalised, futures, lowered};
use super::{Figure, bands, caption};
use crate::chart::{
    self, BandValues, BetterChance, Calendar, DifferenceChart, MonthlyBands, OverlayChart, Timeline, Titles,
};
use crate::metric::{SeriesKey, Unit};
use crate::present::answer::Ahead;
use crate::report::compare::{Better, CompareReport, DifferenceSummary};

/// Most variants the overlay chart shows (the size of its colour-blind-safe palette).
pub const OVERLAY_VARIANTS: usize = chart::MAX_VARIANTS;

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

/// What doing better means for a metric, as a verb phrase: "earns more than", "takes
/// fewer hours than", "has more active customers than".
fn does_better(metric: &SeriesKey) -> String {
    let unit = metric.unit();
    match (Better::of(metric.metric()), unit) {
        (Better::Lower, Unit::Hours) => "takes fewer hours than".into(),
        (Better::Lower, _) => format!("has a lower {} than", metric.lower_label()),
        (Better::Higher, Unit::Dollars | Unit::DollarsPerHour) => "earns more than".into(),
        (Better::Higher, Unit::Count { .. }) => format!("has more {} than", metric.lower_label()),
        (Better::Higher, _) => format!("has a higher {} than", metric.lower_label()),
    }
}

/// Two variants' names without the words they share at the front ("Affiliate creator:
/// recurring commission" and "Affiliate creator: $20 one-time bounty" → "recurring
/// commission", "$20 one-time bounty"), cut only after a ":" or "·", so each still reads.
pub fn distinct_names(a: &str, b: &str) -> (String, String) {
    match distinct(&[a, b]).as_slice() {
        [a, b] => (a.clone(), b.clone()),
        _ => (a.to_string(), b.to_string()),
    }
}

/// Names without the words all of them share at the front, as [`distinct_names`].
pub fn distinct(names: &[&str]) -> Vec<String> {
    let first = names.first().copied().unwrap_or("");
    let shared = names.iter().map(|n| first.chars().zip(n.chars()).take_while(|(x, y)| x == y).count()).min();
    let prefix: String = first.chars().take(shared.unwrap_or(0)).collect();
    let cut = prefix.rfind([':', '·']).map(|i| i + prefix[i..].chars().next().map_or(1, char::len_utf8));
    match cut {
        Some(cut) if names.len() > 1 && names.iter().all(|n| !n[cut..].trim().is_empty()) => {
            names.iter().map(|n| n[cut..].trim().to_string()).collect()
        }
        _ => names.iter().map(|n| n.to_string()).collect(),
    }
}

/// The last month's value of a per-month series, with its month.
fn last_defined(values: &[Option<f64>], first_month: u32) -> Option<(u32, f64)> {
    values.iter().enumerate().rev().find_map(|(i, v)| Some((first_month + i as u32, v.filter(|v| v.is_finite())?)))
}

/// The overlay's title: the variants' medians at the end, highest and lowest.
fn overlay_title(report: &CompareReport, metric: &SeriesKey, timeline: &Timeline) -> String {
    let first_month = report.months.first().copied().unwrap_or(1);
    let ends: Vec<(&str, u32, f64)> = report
        .variants
        .iter()
        .filter_map(|v| {
            let s = v.metrics.get(metric)?;
            let medians: Vec<Option<f64>> = (0..s.mean.len()).map(|m| s.at(crate::stats::Percentile::P50, m)).collect();
            let (month, value) = last_defined(&medians, first_month)?;
            Some((v.label.as_str(), month, value))
        })
        .collect();
    let unit = metric.unit();
    let Some(&(_, month, _)) = ends.first() else { return format!("{}: the median of each variant", metric.label()) };
    let when = timeline.month(month);
    let names = distinct(&ends.iter().map(|e| e.0).collect::<Vec<_>>());
    let ends: Vec<(&str, f64)> = names.iter().zip(&ends).map(|(n, e)| (n.as_str(), e.2)).collect();
    match ends.as_slice() {
        [(a, va), (b, vb)] => {
            format!(
                "{} by {when}: {} with {b}, {} with {a} (medians)",
                metric.label(),
                amount(unit, *vb),
                amount(unit, *va)
            )
        }
        _ => {
            let lo = ends.iter().min_by(|x, y| x.1.total_cmp(&y.1));
            let hi = ends.iter().max_by(|x, y| x.1.total_cmp(&y.1));
            match (lo, hi) {
                (Some(lo), Some(hi)) => format!(
                    "{} by {when}: from {} with {} to {} with {} (medians)",
                    metric.label(),
                    amount(unit, lo.1),
                    lo.0,
                    amount(unit, hi.1),
                    hi.0
                ),
                _ => format!("{}: the median of each variant", metric.label()),
            }
        }
    }
}

/// The difference chart's title, the verdict, naming first the variant that comes out
/// ahead in most futures (as the page's headline does): "churn 10% earns more than churn
/// 17% in 97 in 100 futures by month 30", from the chance of doing better in the last
/// month. Where futures can tie (counts, hours), the one behind in most futures is said to
/// do "at least as well" in the rest.
fn verdict_title(
    label: &str,
    baseline: &str,
    better: &str,
    chances: Option<(f64, f64, u32)>,
    timeline: &Timeline,
) -> String {
    let Some((better_p, worse_p, month)) = chances else {
        return format!("{label} against {baseline}, future by future");
    };
    let chance = |p: f64| crate::text::number::chance(Some(p));
    // Without ties the words say what winning means: "B earns more than A in 73 in 100".
    let claim = match Ahead::of(better_p, worse_p) {
        Ahead::Variant { wins, losses } if wins + losses >= 1.0 - 1e-12 => {
            format!("{} {better} {baseline} in {} futures", capitalised(label), chance(wins))
        }
        Ahead::Baseline { wins, losses } if wins + losses >= 1.0 - 1e-12 => {
            format!("{} {better} {label} in {} futures", capitalised(baseline), chance(wins))
        }
        ahead => ahead.claim(label, baseline, chance),
    };
    format!("{claim} by {}", timeline.month(month))
}

/// The overlay (`overlay`) and the difference charts (`difference`, or `difference-2`,
/// `difference-3`, ... with several variants), with their file stems.
pub fn compare_charts(
    report: &CompareReport,
    metric: &SeriesKey,
    calendar: Option<Calendar>,
    source: &str,
) -> Vec<(String, Figure)> {
    let first_month = report.months.first().copied().unwrap_or(1);
    let timeline = Timeline { calendar, today: None };
    let lead = format!(
        "{} for each variant, the same random numbers in each, seed {}",
        futures(report.trajectories),
        report.seed
    );
    let titles = |title: String, note: &str| Titles {
        title,
        subtitle: Some(format!("{note}{lead}")),
        caption: Some(caption("sidecast compare", source)),
    };
    let shown = &report.variants[..report.variants.len().min(OVERLAY_VARIANTS)];
    let note = if shown.len() < report.variants.len() {
        format!("the first {} of {} variants · ", shown.len(), report.variants.len())
    } else {
        String::new()
    };
    let what = if shown.len() <= chart::BANDED_VARIANTS {
        "each variant's median, shaded where its middle 50 of 100 futures fall · "
    } else {
        "each variant's median · "
    };
    let overlay = OverlayChart {
        titles: titles(overlay_title(report, metric, &timeline), &format!("{what}{note}")),
        metric: metric.label().to_string(),
        unit: metric.metric().unit(),
        timeline,
        variants: shown
            .iter()
            .zip(distinct(&shown.iter().map(|v| v.label.as_str()).collect::<Vec<_>>()))
            .filter_map(|(v, label)| {
                let bands = bands(v.metrics.get(metric)?, first_month);
                Some(chart::OverlayVariant { label, bands })
            })
            .collect(),
    };
    let mut out = vec![("overlay".to_string(), Figure::Overlay(overlay))];
    let better = does_better(metric);
    for (i, d) in report.differences.iter().enumerate() {
        let Some(summary) = d.metrics.get(metric) else { continue };
        let (label, baseline) = distinct_names(&d.label, &d.baseline);
        let verdict = last_defined(&summary.prob_better, first_month).map(|(month, probability)| BetterChance {
            better: format!("{label} {better} {baseline}"),
            month,
            probability,
        });
        let chances = verdict.as_ref().and_then(|v| {
            let worse = summary.prob_worse.get(v.month.checked_sub(first_month)? as usize).copied().flatten()?;
            Some((v.probability, worse, v.month))
        });
        let drawn = format!(
            "{label} minus {baseline} in the same future: shaded where the middle 50 and 90 of 100 differences fall · "
        );
        let chart = DifferenceChart {
            titles: titles(verdict_title(&label, &baseline, &better, chances, &timeline), &drawn),
            metric: format!("{}: {} minus {}", metric.label(), lowered(&label), lowered(&baseline)),
            unit: metric.metric().unit(),
            bands: difference_bands(summary, first_month),
            timeline,
            show_mean: false,
            verdict,
        };
        let stem =
            if report.differences.len() == 1 { "difference".to_string() } else { format!("difference-{}", i + 2) };
        out.push((stem, Figure::Difference(chart)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metric::Metric;

    #[test]
    fn the_verdict_names_the_variant_ahead_first_in_frequency_words() {
        let timeline = Timeline::default();
        let better = does_better(&SeriesKey::from(Metric::CumulativeGrossProfit));
        assert_eq!(
            verdict_title("the bounty", "the creator", &better, Some((0.27, 0.73, 24)), &timeline),
            "The creator earns more than the bounty in 73 in 100 futures by month 24"
        );
        let title = verdict_title("B", "A", &better, Some((0.999_6, 0.000_4, 24)), &timeline);
        assert_eq!(title, "B earns more than A in more than 99 in 100 futures by month 24");
        assert_eq!(does_better(&SeriesKey::from(Metric::Hours)), "takes fewer hours than");
        let title = verdict_title("B", "A", &better, Some((0.0, 1.0, 24)), &timeline);
        assert_eq!(title, "A earns more than B in more than 99 in 100 futures by month 24");
        // Futures can tie (counts, or money a change never touches): a tie is no one's win.
        let counts = does_better(&SeriesKey::from(Metric::ActiveCustomers));
        let title = verdict_title("B", "A", &counts, Some((0.27, 0.0, 24)), &timeline);
        assert_eq!(title, "B does at least as well as A in every future, better in 27 in 100 by month 24");
        let title = verdict_title("B", "A", &better, Some((0.0, 0.0, 24)), &timeline);
        assert_eq!(title, "B and A are the same in every future by month 24");
        let title = verdict_title("B", "A", &counts, Some((0.1, 0.3, 24)), &timeline);
        assert_eq!(title, "A beats B in 30 in 100 futures, B beats A in 10 in 100 by month 24");
    }

    #[test]
    fn variant_names_drop_the_words_they_share() {
        let (a, b) =
            distinct_names("Affiliate creator: $20 one-time bounty", "Affiliate creator: recurring commission");
        assert_eq!((a.as_str(), b.as_str()), ("$20 one-time bounty", "recurring commission"));
        let (a, b) = distinct_names("churn 17%", "churn 10%");
        assert_eq!((a.as_str(), b.as_str()), ("churn 17%", "churn 10%"), "no cut inside a phrase");
    }
}
