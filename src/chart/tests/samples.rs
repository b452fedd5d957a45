//! Realistic made-up inputs for every chart kind, shared by the unit tests and by the
//! review gallery (`cargo test --lib chart::tests::review_gallery -- --ignored`).

use crate::chart::*;

const Z: [f64; 4] = [-1.645, -0.674, 0.674, 1.645];

/// A tiny deterministic generator so sample paths are reproducible without `rand`.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub fn normal(&mut self) -> f64 {
        let mut uniform = || {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let (u, v) = (uniform(), uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Lognormal-looking bands around a median curve with a spread growing like √t.
pub(crate) fn bands(first: u32, median: impl Fn(f64) -> f64, spread: impl Fn(f64) -> f64, n: u32) -> MonthlyBands {
    let months = (first..first + n)
        .map(|m| {
            let t = f64::from(m);
            let (mid, sigma) = (median(t), spread(t));
            let q = |z: f64| Some(mid * (z * sigma).exp());
            BandValues {
                p5: q(Z[0]),
                p25: q(Z[1]),
                p50: Some(mid),
                p75: q(Z[2]),
                p95: q(Z[3]),
                mean: Some(mid * (sigma * sigma / 2.0).exp()),
            }
        })
        .collect();
    MonthlyBands { first_month: first, months }
}

fn profit_median(t: f64) -> f64 {
    96.0 + 760.0 * (1.0 - (-(t - 1.0) / 9.0).exp())
}

pub(crate) fn titles(title: &str, subtitle: &str) -> Titles {
    Titles {
        title: title.into(),
        subtitle: Some(subtitle.into()),
        caption: Some("sidecast · /home/me/side-hustle/scenarios/reseller.toml".into()),
    }
}

const SUBTITLE: &str = "Reseller: 12 customers, 10% churn, ~1 referral a month · 10,000 trajectories · seed 2026 · \
                        bands: month-by-month p5–p95 and p25–p75";

/// The calendar of the samples: month 1 is January 2026.
pub(crate) fn calendar() -> Option<Calendar> {
    crate::text::calendar::YearMonth::new(2026, 1).map(|first| Calendar { first })
}

/// Gross profit of a projection from month 7 (Jul 2026), handed off from six months of
/// history, with twenty single futures of which three are named.
pub(crate) fn fan() -> FanChart {
    let bands = bands(7, profit_median, |t| 0.08 + 0.06 * (t - 6.0).sqrt(), 24);
    let mut rng = Lcg(2026);
    let paths: Vec<Vec<Option<f64>>> = (0..20)
        .map(|_| {
            let mut level = 0.0;
            (7..=30)
                .map(|m| {
                    level = 0.8 * level + 0.12 * rng.normal();
                    Some(profit_median(f64::from(m)) * level.exp())
                })
                .collect()
        })
        .collect();
    let named = ["a bad future (p10)", "a typical one (p50)", "a good one (p90)"]
        .iter()
        .zip([3, 7, 11])
        .map(|(label, i)| NamedPath { label: (*label).into(), values: paths[i].clone() })
        .collect();
    let sample_paths = paths.iter().enumerate().filter(|(i, _)| ![3, 7, 11].contains(i)).map(|(_, p)| p.clone());
    FanChart {
        titles: titles(
            "Gross profit levels off near $820 a month; 75 in 100 futures reach $700 in Dec 2026",
            "Reseller: 12 customers, 10% churn · shaded: where the middle 50 and 90 of 100 futures fall each month · \
             10,000 futures, seed 2026",
        ),
        metric: "Gross profit per month".into(),
        unit: Unit::Dollars,
        bands,
        timeline: Timeline { calendar: calendar(), today: Some(6) },
        start: Some((6, 583.0)),
        target: Some(TargetLine {
            value: 700.0,
            label: "target $700".into(),
            month: Some(12),
            probability_in_month: Some(0.749),
            probability_by_month: Some(0.933),
        }),
        sample_paths: sample_paths.collect(),
        named_paths: named,
        actuals: vec![(1, 96.0), (2, 177.0), (3, 293.0), (4, 362.0), (5, 469.0), (6, 583.0)],
        show_mean: false,
    }
}

/// An hourly-rate fan with undefined months (zero hours) to exercise the gaps.
pub(crate) fn hourly_fan() -> FanChart {
    let mut bands = bands(1, |t| 20.0 + 130.0 * (1.0 - (-t / 5.0).exp()), |t| 0.25 + 0.05 * t.sqrt(), 24);
    for m in [10, 11] {
        bands.months[m] = BandValues { p5: None, p25: None, p50: None, p75: None, p95: None, mean: None };
    }
    bands.months[15].p5 = None;
    FanChart {
        titles: titles("Effective hourly rate", SUBTITLE),
        metric: "Gross profit per hour worked".into(),
        unit: Unit::DollarsPerHour,
        bands,
        ..FanChart::default()
    }
}

/// Cumulative gross profit of a projection from month 7, counted from today: the bands
/// start from zero at month 6, without a calendar.
pub(crate) fn cumulative_fan() -> FanChart {
    let bands = bands(7, |t| 650.0 * (t - 6.0) + 6.0 * (t - 6.0).powi(2), |t| 0.02 + 0.2 / (t - 6.0).sqrt(), 18);
    FanChart {
        titles: titles(
            "Gross profit from today adds up to $17.6k by month 24; 90 in 100 futures: $13k to $23k",
            "Reseller · counted from today, as in the tables · 10,000 futures, seed 2026",
        ),
        metric: "Gross profit from today, added up".into(),
        unit: Unit::Dollars,
        bands,
        timeline: Timeline { calendar: None, today: Some(6) },
        start: Some((6, 0.0)),
        target: Some(TargetLine {
            value: 12_000.0,
            label: "target $12k".into(),
            month: Some(18),
            probability_in_month: Some(0.412),
            probability_by_month: Some(0.412),
        }),
        ..FanChart::default()
    }
}

/// Hours that are the same in every trajectory and month (a fixed commitment).
pub(crate) fn constant_hours_fan() -> FanChart {
    let flat = BandValues {
        p5: Some(20.0),
        p25: Some(20.0),
        p50: Some(20.0),
        p75: Some(20.0),
        p95: Some(20.0),
        mean: Some(20.0),
    };
    FanChart {
        titles: titles("Hours worked per month", "Affiliate · 10,000 trajectories · effort fixed at 20 hours a month"),
        metric: "Hours worked per month".into(),
        unit: Unit::Hours,
        bands: MonthlyBands { first_month: 1, months: vec![flat; 24] },
        ..FanChart::default()
    }
}

/// Zero hours everywhere (a passive stream).
pub(crate) fn zero_hours_fan() -> FanChart {
    let zero =
        BandValues { p5: Some(0.0), p25: Some(0.0), p50: Some(0.0), p75: Some(0.0), p95: Some(0.0), mean: Some(0.0) };
    FanChart {
        titles: titles("Hours worked per month", "Passive reseller · 10,000 trajectories · no effort modelled"),
        metric: "Hours worked per month".into(),
        unit: Unit::Hours,
        bands: MonthlyBands { first_month: 1, months: vec![zero; 24] },
        ..FanChart::default()
    }
}

pub(crate) fn customers_fan() -> FanChart {
    FanChart {
        titles: titles("Active customers drift toward λ/c = 10", SUBTITLE),
        metric: "Active customers".into(),
        unit: Unit::count("customers"),
        bands: bands(1, |t| 10.0 + 2.0 * 0.9f64.powf(t - 1.0), |t| 0.05 + 0.06 * t.sqrt(), 24),
        ..FanChart::default()
    }
}

pub(crate) fn histogram() -> HistogramChart {
    let mut rng = Lcg(7);
    let values: Vec<f64> = (0..10_000).map(|_| 820.0 * (0.45 * rng.normal()).exp()).collect();
    let markers = [("p5", 390.0), ("p50", 820.0), ("p95", 1720.0)];
    HistogramChart {
        titles: titles("Gross profit in month 24", "10,000 trajectories · seed 2026"),
        metric: "Gross profit in month 24".into(),
        unit: Unit::Dollars,
        values,
        markers: markers.iter().map(|(l, v)| Marker { label: (*l).into(), value: *v }).collect(),
    }
}
