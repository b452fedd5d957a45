//! The answer in sentences, for the terminal, `summary.md` and `report.html` alike: a run's
//! headline (its first target's chance, or the lead metric's middle future), each target's
//! chances, and a comparison's verdict. Chances are frequencies out of 100 futures
//! ([`chance`]), never "0%" or "100%" from a finite run; months are dates when the scenario
//! gives `first_month` (docs/model.md §14). Tables and JSON keep the numbers; these are the
//! words a reader meets first.

use crate::metric::{Metric, SeriesKey};
use crate::report::compare::{Better, CompareReport, DifferenceReport, DifferenceSummary};
use crate::report::sensitivity::SensitivityReport;
use crate::report::sweep::{PointSummary, SweepReport};
use crate::report::{FirstMonth, RunReport, TargetReport};
use crate::stats::{Percentile, Proportion};
use crate::text::calendar::Calendar;
use crate::text::number::{chance, value};

/// A month as a reader says it: `Dec 2026` with a calendar, else `month 12`.
pub fn month_words(calendar: Option<Calendar>, month: u32) -> String {
    calendar.and_then(|c| c.date(month)).map_or_else(|| format!("month {month}"), |d| d.label())
}

/// A span of months: `months 7–30` or `Jul 2026 – Jun 2028`.
pub fn months_words(calendar: Option<Calendar>, [from, to]: [u32; 2]) -> String {
    match calendar {
        Some(_) => format!("{} – {}", month_words(calendar, from), month_words(calendar, to)),
        None => format!("months {from}–{to}"),
    }
}

/// "28 of 100", "fewer than 1 of 100": a chance as a count of futures, for "in … futures".
pub fn of_100(p: Option<f64>) -> String {
    chance(p).replace(" in 100", " of 100")
}

/// How often a variant does better than the baseline in month `m` (0-based), "better in
/// 76 of 100", or "the same in every future" when every paired difference is zero (a
/// number the variants share, such as the referred subscribers of two commission plans,
/// is never "better in fewer than 1 of 100"). `None` when undefined.
pub fn better_words(s: &DifferenceSummary, m: usize) -> Option<String> {
    let at = |series: &[Option<f64>]| series.get(m).copied().flatten();
    let better = at(&s.prob_better)?;
    let same = at(&s.mean) == Some(0.0) && at(&s.std_error) == Some(0.0);
    Some(if same { "the same in every future".to_string() } else { format!("better in {}", of_100(Some(better))) })
}

/// The chance of a proportion, "n/a" without one.
fn chance_of(p: Option<Proportion>) -> String {
    chance(p.map(|p| p.probability))
}

/// The first letter in upper case.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A target's goal as the user set it: "$700", "20".
fn goal(t: &TargetReport) -> String {
    value(Some(t.at_least), t.metric.unit())
}

/// The headline sentence of a target: "28 in 100 futures have net profit of $700 or more in
/// month 12."
pub fn target_headline(t: &TargetReport, calendar: Option<Calendar>) -> String {
    let chance = chance_of(t.probability_at_month);
    // "1 in 100 futures has", as "one in ten people has".
    let verb = if chance == "1 in 100" { "has" } else { "have" };
    format!(
        "{} futures {verb} {} of {} or more in {}",
        capitalized(&chance),
        t.metric.lower_label(),
        goal(t),
        month_words(calendar, t.month)
    )
}

/// One target in full: its chance in the month, at least once by then, and when futures
/// first reach it. "Net profit ≥ $700 in month 12: 28 in 100 futures; 40 in 100 reach it at
/// least once by then. Within months 7–30, 81 in 100 reach it, half of those by month 13."
pub fn target_sentence(t: &TargetReport, calendar: Option<Calendar>) -> String {
    let month = month_words(calendar, t.month);
    let mut text = format!(
        "{} ≥ {} in {month}: {} futures; {} reach it at least once by then.",
        t.metric.label(),
        goal(t),
        chance_of(t.probability_at_month),
        chance_of(t.probability_by_month)
    );
    if let Some(first) = first_reach(&t.first_month, calendar) {
        text.push(' ');
        text.push_str(&first);
    }
    text
}

/// "Within months 7–30, 81 in 100 reach it, half of those by month 13."
fn first_reach(first: &FirstMonth, calendar: Option<Calendar>) -> Option<String> {
    let reached = first.reached?;
    let median = first.median()?;
    Some(format!(
        "Within {}, {} reach it, half of those by {}.",
        months_words(calendar, first.months),
        chance(Some(reached.probability)),
        month_words(calendar, median as u32)
    ))
}

/// "First affiliate payout: within months 1–24 in 97 in 100 futures, half of them by month 4."
pub fn first_payout_sentence(what: &str, first: &FirstMonth, calendar: Option<Calendar>) -> String {
    let within = months_words(calendar, first.months);
    let reached = first.reached.map(|p| p.probability);
    match first.median() {
        Some(m) => format!(
            "{what}: within {within} in {} futures, half of them by {}",
            of_100(reached),
            month_words(calendar, m as u32)
        ),
        None => format!("{what}: within {within} in {} futures", of_100(reached)),
    }
}

/// When the affiliate's cash first arrives, for the written outputs: the stream's first
/// payout, then each programme's (with two or more). Empty without an affiliate stream.
pub fn payout_sentences(report: &RunReport) -> Vec<String> {
    let mut out: Vec<String> = report
        .first_payout
        .iter()
        .map(|first| first_payout_sentence("First affiliate payout", first, report.calendar))
        .collect();
    for (name, first) in &report.first_payout_by_programme {
        out.push(first_payout_sentence(&format!("First payout of {name}"), first, report.calendar));
    }
    out
}

/// The metric a run's headline is about: net profit when the run has costs, else gross
/// profit.
pub fn lead_metric(report: &RunReport) -> Metric {
    let rows = crate::present::headline::headline_metrics(&report.metrics);
    if rows.contains(&Metric::NetProfit) { Metric::NetProfit } else { Metric::GrossProfit }
}

/// "Net profit in month 30: $571 in the middle future, between $212 and $1,184 in 90 of 100."
pub fn middle_sentence(report: &RunReport, metric: Metric, m: usize) -> Option<String> {
    let s = report.metric(metric)?;
    let unit = metric.unit();
    let month = month_words(report.calendar, *report.months.get(m)?);
    let median = value(Some(s.at(Percentile::P50, m)?), unit);
    Some(match (s.at(Percentile::P5, m), s.at(Percentile::P95, m)) {
        (Some(lo), Some(hi)) => format!(
            "{} in {month}: {median} in the middle future, between {} and {} in 90 of 100",
            metric.label(),
            value(Some(lo), unit),
            value(Some(hi), unit)
        ),
        _ => format!("{} in {month}: {median} in the middle future", metric.label()),
    })
}

/// A run's answer in one sentence: its first target's chance, or else where the lead metric
/// ends in the middle future.
pub fn run_headline(report: &RunReport) -> String {
    if let Some(t) = report.targets.first() {
        return format!("{}.", target_headline(t, report.calendar));
    }
    let last = report.horizon_months.saturating_sub(1);
    middle_sentence(report, lead_metric(report), last).map_or_else(|| report.scenario.clone(), |s| format!("{s}."))
}

/// A comparison's verdict: who comes out ahead and how often ("B beats A in 73 of 100
/// futures on cumulative net profit by month 24"), and by how much ("median difference
/// +$1,240 (p5 −$300, p95 +$2,900)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub claim: String,
    pub difference: Option<String>,
}

impl Verdict {
    /// Both parts as one sentence (no final stop).
    pub fn sentence(&self) -> String {
        match &self.difference {
            Some(d) => format!("{}; {}", self.claim, lower_first(d)),
            None => self.claim.clone(),
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The variants' labels without the words they all start with ("Affiliate creator:
/// recurring commission", "Affiliate creator: $20 one-time bounty" → "recurring commission",
/// "$20 one-time bounty"), when what is left still tells them apart.
pub fn short_labels(labels: &[&str]) -> Vec<String> {
    let Some(first) = labels.first() else { return Vec::new() };
    let mut prefix_len = 0;
    for (i, _) in first.match_indices(": ") {
        let prefix = &first[..i + 2];
        if labels.iter().all(|l| l.starts_with(prefix) && l.len() > prefix.len()) {
            prefix_len = i + 2;
        }
    }
    labels.iter().map(|l| l[prefix_len..].to_string()).collect()
}

/// Who comes out ahead of a pairing, from each side's share of strict wins (the rest are
/// ties): the side that wins more often, and how often each side wins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ahead {
    /// Every future ties.
    Neither,
    /// The variant wins at least as often as the baseline.
    Variant { wins: f64, losses: f64 },
    /// The baseline wins more often.
    Baseline { wins: f64, losses: f64 },
}

impl Ahead {
    pub fn of(better: f64, worse: f64) -> Self {
        if better == 0.0 && worse == 0.0 {
            Ahead::Neither
        } else if better >= worse {
            Ahead::Variant { wins: better, losses: worse }
        } else {
            Ahead::Baseline { wins: worse, losses: better }
        }
    }

    /// The claim with the side ahead first: "B beats A in 73 of 100 futures"; with ties
    /// where the other side never wins, "B does at least as well as A in every future,
    /// better in 13 of 100"; with ties both ways, "B beats A in 40 of 100 futures, A beats
    /// B in 20 of 100"; all ties, "A and B are the same in every future". `frequency` writes a
    /// share ("73 of 100").
    pub fn claim(&self, variant: &str, baseline: &str, frequency: impl Fn(f64) -> String) -> String {
        let (first, second, wins, losses) = match *self {
            Ahead::Neither => return format!("{} and {baseline} are the same in every future", capitalized(variant)),
            Ahead::Variant { wins, losses } => (variant, baseline, wins, losses),
            Ahead::Baseline { wins, losses } => (baseline, variant, wins, losses),
        };
        let leader = capitalized(first);
        let ties = 1.0 - wins - losses > 1e-12;
        if !ties {
            format!("{leader} beats {second} in {} futures", frequency(wins))
        } else if losses == 0.0 {
            format!("{leader} does at least as well as {second} in every future, better in {}", frequency(wins))
        } else {
            let (a, b) = (frequency(wins), frequency(losses));
            format!("{leader} beats {second} in {a} futures, {second} beats {first} in {b}")
        }
    }
}

/// A comparison's verdict for one variant on `metric` at the horizon, said of the side
/// that comes out ahead: "B beats A in 73 of 100 futures on cumulative net profit by month
/// 24; median difference +$1,240 (p5 −$300, p95 +$2,900)", or, when A wins more often, "A
/// beats B …" with the difference A − B; ties are said as such ([`Ahead::claim`]). `None`
/// when the month has no defined difference.
pub fn verdict(report: &CompareReport, d: &DifferenceReport, metric: &SeriesKey) -> Option<Verdict> {
    let s = d.metrics.get(metric)?;
    let m = report.horizon_months.checked_sub(1)?;
    let at = |series: &[Option<f64>]| series.get(m).copied().flatten();
    let ahead = Ahead::of(at(&s.prob_better)?, at(&s.prob_worse)?);
    let unit = metric.unit();
    let month = month_words(report.calendar, *report.months.get(m)?);
    let cumulative = matches!(
        metric.metric(),
        Metric::CumulativeGrossProfit | Metric::CumulativeNetProfit | Metric::CumulativeHours
    );
    let when = if cumulative { format!("by {month}") } else { format!("in {month}") };
    let lower = if Better::of(metric.metric()) == Better::Lower { " (less is better)" } else { "" };
    let labels: Vec<&str> = report.variants.iter().map(|v| v.label.as_str()).collect();
    let short = short_labels(&labels);
    let name = |label: &str| labels.iter().position(|l| *l == label).map_or(label.to_string(), |i| short[i].clone());
    let claim = format!(
        "{} on {}{lower} {when}",
        ahead.claim(&name(&d.label), &name(&d.baseline), |p| of_100(Some(p))),
        metric.lower_label()
    );
    let flipped = matches!(ahead, Ahead::Baseline { .. });
    let sign = if flipped { -1.0 } else { 1.0 };
    let amount = |v: f64| unit.format_amount(sign * v, true);
    let difference = at(&s.p50).filter(|_| ahead != Ahead::Neither).map(|median| {
        let (lo, hi) = if flipped { (at(&s.p95), at(&s.p5)) } else { (at(&s.p5), at(&s.p95)) };
        match (lo, hi) {
            (Some(lo), Some(hi)) => {
                format!("Median difference {} (p5 {}, p95 {})", amount(median), amount(lo), amount(hi))
            }
            _ => format!("Median difference {}", amount(median)),
        }
    });
    Some(Verdict { claim, difference })
}

/// A sweep's answer: how far the output's median (or, with a target, its chance) moves
/// between the points where it is lowest and highest. "Median cumulative gross profit in
/// month 30: from $8,012 (churn 20%) to $40,377 (churn 5%)"; "Cumulative gross profit ≥
/// $30,000 in month 30: in fewer than 1 of 100 futures (churn 20%, arrivals 0.5/month) to
/// 68 of 100 (churn 5%, arrivals 2/month)".
pub fn sweep_headline(report: &SweepReport) -> Option<String> {
    let unit = report.metric.unit();
    let month = month_words(report.calendar, report.month);
    let extremes = |score: &dyn Fn(&PointSummary) -> Option<f64>| {
        let scored = report.points.iter().filter_map(|p| Some((p, score(p)?)));
        let (low, high) = (first_extreme(scored.clone(), false)?, first_extreme(scored, true)?);
        Some(((low.1, low.0), (high.1, high.0)))
    };
    if let Some(target) = report.target {
        let ((lo, low), (hi, high)) = extremes(&|p| p.prob_target.map(|x| x.probability))?;
        if lo == hi {
            return Some(format!(
                "{} ≥ {} in {month}: in {} futures at every point swept",
                report.metric.label(),
                value(Some(target), unit),
                of_100(Some(lo)),
            ));
        }
        return Some(format!(
            "{} ≥ {} in {month}: from {} futures ({}) to {} ({})",
            report.metric.label(),
            value(Some(target), unit),
            of_100(Some(lo)),
            low.label,
            of_100(Some(hi)),
            high.label
        ));
    }
    let ((lo, low), (hi, high)) = extremes(&|p| p.p50)?;
    if lo == hi {
        return Some(format!(
            "Median {} in {month}: {} at every point swept",
            report.metric.lower_label(),
            value(Some(lo), unit)
        ));
    }
    Some(format!(
        "Median {} in {month}: from {} ({}) to {} ({})",
        report.metric.lower_label(),
        value(Some(lo), unit),
        low.label,
        value(Some(hi), unit),
        high.label
    ))
}

/// The first item where a value is largest (`largest`) or smallest: among equal values the
/// first one, so a tie never names the last point swept (a 100% tax "at best").
pub fn first_extreme<T>(items: impl Iterator<Item = (T, f64)>, largest: bool) -> Option<(T, f64)> {
    items.filter(|(_, v)| v.is_finite()).fold(None, |best, (item, v)| match best {
        Some((_, b)) if (largest && v <= b) || (!largest && v >= b) => best,
        _ => Some((item, v)),
    })
}

/// A sensitivity ranking's answer: the input that moves the median most, and by how much.
/// "Churn 5.64% – 13.3% moves the median cumulative gross profit in month 30 most: $75,876
/// at its low end, $50,946 at its high end".
pub fn sensitivity_headline(report: &SensitivityReport) -> Option<String> {
    let top = report.inputs.first()?;
    let unit = report.metric.unit();
    if top.swing.is_some_and(|swing| swing == 0.0) {
        // The largest swing is none: no input "moves it most".
        return Some(format!(
            "No input moves the median {} in {}: {} at each input's low end and at its high end",
            report.metric.lower_label(),
            month_words(report.calendar, report.month),
            value(top.median_at_low, unit)
        ));
    }
    Some(format!(
        "{} moves the median {} in {} most: {} at its low end, {} at its high end",
        capitalized(&top.label),
        report.metric.lower_label(),
        month_words(report.calendar, report.month),
        value(top.median_at_low, unit),
        value(top.median_at_high, unit)
    ))
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use super::*;

    #[test]
    fn a_sensitivity_where_nothing_moves_says_so() {
        use crate::report::sensitivity::{InputEffect, InputKind};
        let input = |label: &str, low: f64, high: f64| InputEffect {
            key: "reseller.churn".into(),
            label: label.into(),
            kind: InputKind::Distribution,
            low: 0.05,
            high: 0.15,
            median_at_low: Some(low),
            median_at_high: Some(high),
            swing: Some((high - low).abs()),
            rank_correlation: None,
        };
        let mut report = SensitivityReport {
            seed: 1,
            trajectories: 50,
            horizon_months: 24,
            months: (1..=24).collect(),
            metric: SeriesKey::from(Metric::CumulativeGrossProfit),
            month: 24,
            date: None,
            calendar: None,
            baseline_median: Some(32_196.0),
            inputs: vec![input("churn 5% – 15%", 40_000.0, 30_000.0)],
        };
        assert_eq!(
            sensitivity_headline(&report).as_deref(),
            Some(
                "Churn 5% – 15% moves the median cumulative gross profit in month 24 most: $40,000 at its low end, $30,000 at its high end"
            )
        );
        report.inputs = vec![input("minimum growth $1 – $1", 32_196.0, 32_196.0)];
        assert_eq!(
            sensitivity_headline(&report).as_deref(),
            Some(
                "No input moves the median cumulative gross profit in month 24: $32,196 at each input's low end and at its high end"
            )
        );
    }

    #[test]
    fn a_difference_that_is_zero_in_every_future_is_the_same_not_worse() {
        let summary = |mean: f64, se: f64, better: f64| DifferenceSummary::one_month(mean, se, 1.0, better);
        assert_eq!(better_words(&summary(0.0, 0.0, 0.0), 0).as_deref(), Some("the same in every future"));
        // Mostly tied but a few futures worse: that is said as a chance.
        assert_eq!(better_words(&summary(-0.4, 0.1, 0.0), 0).as_deref(), Some("better in fewer than 1 of 100"));
        assert_eq!(better_words(&summary(2.0, 0.5, 0.76), 0).as_deref(), Some("better in 76 of 100"));
        assert_eq!(better_words(&summary(0.0, 0.0, 0.0), 3), None);
    }

    fn comparison(better: f64, worse: f64, [p5, p50, p95]: [f64; 3]) -> (CompareReport, DifferenceReport) {
        let one = |v: f64| vec![Some(v)];
        let summary = DifferenceSummary {
            mean: one(p50),
            std_error: one(1.0),
            std_error_unpaired: one(2.0),
            p5: one(p5),
            p25: one(p5),
            p50: one(p50),
            p75: one(p95),
            p95: one(p95),
            prob_better: one(better),
            prob_worse: one(worse),
        };
        let key = SeriesKey::from(Metric::CumulativeNetProfit);
        let d = DifferenceReport { label: "B".into(), baseline: "A".into(), metrics: IndexMap::from([(key, summary)]) };
        let report = CompareReport {
            seed: 1,
            trajectories: 100,
            horizon_months: 1,
            months: vec![24],
            dates: None,
            calendar: None,
            variants: Vec::new(),
            differences: vec![d.clone()],
        };
        (report, d)
    }

    #[test]
    fn the_verdict_names_the_side_ahead_with_a_signed_difference() {
        let key = SeriesKey::from(Metric::CumulativeNetProfit);
        let (report, d) = comparison(0.73, 0.27, [-300.0, 1240.0, 2900.0]);
        assert_eq!(
            verdict(&report, &d, &key).unwrap().sentence(),
            "B beats A in 73 of 100 futures on cumulative net profit by month 24; median difference +$1,240 \
             (p5 \u{2212}$300, p95 +$2,900)"
        );
        let (report, d) = comparison(0.004, 0.996, [-15_274.0, -7_405.0, -2_736.0]);
        assert_eq!(
            verdict(&report, &d, &key).unwrap().sentence(),
            "A beats B in more than 99 of 100 futures on cumulative net profit by month 24; median difference \
             +$7,405 (p5 +$2,736, p95 +$15,274)"
        );
    }

    #[test]
    fn the_first_of_equal_extremes_is_named() {
        let items = [("a", 1.0), ("b", 3.0), ("c", 3.0), ("d", 1.0), ("e", f64::NAN)];
        assert_eq!(first_extreme(items.into_iter(), true), Some(("b", 3.0)));
        assert_eq!(first_extreme(items.into_iter(), false), Some(("a", 1.0)));
        assert_eq!(first_extreme(std::iter::empty::<(&str, f64)>(), true), None);
    }

    #[test]
    fn ties_are_not_wins_for_either_side() {
        // A premium kickback that can only help: better in 13 futures, the same in 87. The
        // verdict said "A beats B in 87 of 100", counting every tie as A's win.
        let key = SeriesKey::from(Metric::CumulativeNetProfit);
        let (report, d) = comparison(0.13, 0.0, [0.0, 0.0, 2179.0]);
        assert_eq!(
            verdict(&report, &d, &key).unwrap().sentence(),
            "B does at least as well as A in every future, better in 13 of 100 on cumulative net profit by month 24; \
             median difference $0 (p5 $0, p95 +$2,179)"
        );
        let (report, d) = comparison(0.0, 0.0, [0.0, 0.0, 0.0]);
        assert_eq!(
            verdict(&report, &d, &key).unwrap().sentence(),
            "B and A are the same in every future on cumulative net profit by month 24"
        );
        let (report, d) = comparison(0.2, 0.4, [-50.0, 0.0, 20.0]);
        assert_eq!(
            verdict(&report, &d, &key).unwrap().claim,
            "A beats B in 40 of 100 futures, B beats A in 20 of 100 on cumulative net profit by month 24"
        );
    }

    #[test]
    fn labels_lose_the_words_every_variant_starts_with() {
        let labels = ["Affiliate creator: recurring commission", "Affiliate creator: $20 one-time bounty"];
        assert_eq!(short_labels(&labels), ["recurring commission", "$20 one-time bounty"]);
        assert_eq!(short_labels(&["churn 5%", "churn 15%"]), ["churn 5%", "churn 15%"]);
        assert_eq!(short_labels(&["A: x", "A: "]), ["A: x", "A: "], "nothing left to tell one apart");
    }

    #[test]
    fn months_read_as_dates_with_a_calendar() {
        let calendar = Calendar { first: crate::text::calendar::YearMonth::new(2026, 1).unwrap() };
        assert_eq!(month_words(Some(calendar), 12), "Dec 2026");
        assert_eq!(month_words(None, 12), "month 12");
        assert_eq!(months_words(Some(calendar), [7, 30]), "Jul 2026 – Jun 2028");
        assert_eq!(months_words(None, [7, 30]), "months 7–30");
        assert_eq!(of_100(Some(0.999_9)), "more than 99 of 100");
    }
}
