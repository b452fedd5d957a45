//! Realistic made-up inputs for the what-if charts (compare's overlay and difference,
//! sweep, heatmap, solve, posterior, tornado, survival), shared by the unit tests and the
//! review gallery.

use super::samples::{Lcg, bands, calendar, titles};
use crate::chart::*;

pub(crate) fn overlay() -> OverlayChart {
    let variant = |label: &str, churn: f64| OverlayVariant {
        label: label.into(),
        bands: bands(
            1,
            |t| 12_000.0 * (1.0 - (-t * churn * 1.3).exp()) / churn * 0.1 * t / 24.0 * 2.0,
            |t| 0.1 + 0.04 * t.sqrt(),
            24,
        ),
    };
    OverlayChart {
        titles: titles(
            "What if churn is 10% or 15%?",
            "10,000 trajectories per variant · seed 2026 · common random numbers",
        ),
        metric: "Cumulative gross profit".into(),
        unit: Unit::Dollars,
        timeline: Timeline { calendar: calendar(), today: None },
        variants: vec![variant("churn 5%", 0.05), variant("churn 10%", 0.10), variant("churn 15%", 0.15)],
    }
}

/// Eight variants of churn, 3% to 17%.
pub(crate) fn overlay_many() -> OverlayChart {
    let variants = (0..8)
        .map(|i| {
            let churn = 0.03 + 0.02 * f64::from(i);
            OverlayVariant {
                label: format!("churn {}%", 3 + 2 * i),
                bands: bands(1, |t| 1_500.0 * t * (1.0 - churn).powf(t / 2.0), |t| 0.1 + 0.04 * t.sqrt(), 24),
            }
        })
        .collect();
    OverlayChart {
        titles: titles(
            "Cumulative gross profit by monthly churn",
            "8 variants · 10,000 trajectories each · seed 2026 · common random numbers",
        ),
        metric: "Cumulative gross profit".into(),
        unit: Unit::Dollars,
        timeline: Timeline::default(),
        variants,
    }
}

pub(crate) fn difference() -> DifferenceChart {
    let mut b = bands(1, |t| 150.0 * t * t / 24.0, |t| 0.1 + 0.05 * t.sqrt(), 24);
    for (i, m) in b.months.iter_mut().enumerate() {
        let shift = 80.0 * (i as f64 + 1.0).sqrt();
        for v in [&mut m.p5, &mut m.p25, &mut m.p50, &mut m.p75, &mut m.p95, &mut m.mean] {
            *v = v.map(|x| -(x - shift));
        }
        std::mem::swap(&mut m.p5, &mut m.p95);
        std::mem::swap(&mut m.p25, &mut m.p75);
    }
    DifferenceChart {
        titles: titles(
            "Churn 10% earns more than churn 5% in only 27 in 100 futures by Dec 2027",
            "churn 10% minus churn 5% in the same future · 10,000 futures for each variant, seed 2026",
        ),
        metric: "Cumulative gross profit: churn 10% minus churn 5%".into(),
        unit: Unit::Dollars,
        bands: b,
        timeline: Timeline { calendar: calendar(), today: None },
        show_mean: true,
        verdict: Some(BetterChance {
            better: "churn 10% earns more than churn 5%".into(),
            month: 24,
            probability: 0.27,
        }),
    }
}

pub(crate) fn sweep() -> SweepChart {
    let points = (0..11)
        .map(|i| {
            let x = 0.5 + 0.25 * f64::from(i);
            let b = bands(1, |_| 9_000.0 * x, |_| 0.35 / x.sqrt(), 1);
            SweepPoint { parameter: x, values: b.months[0] }
        })
        .collect();
    SweepChart {
        titles: titles(
            "More referrals, more profit",
            "cumulative gross profit at month 24 · 10,000 trajectories per point",
        ),
        parameter: "New customers per month".into(),
        parameter_unit: Unit::PerMonth,
        metric: "Cumulative gross profit at month 24".into(),
        unit: Unit::Dollars,
        points,
        today: Some(1.0),
    }
}

pub(crate) fn heatmap() -> HeatmapChart {
    let x_values: Vec<f64> = (0..6).map(|i| 0.05 + 0.02 * f64::from(i)).collect();
    let y_values: Vec<f64> = (0..5).map(|i| 0.15 + 0.025 * f64::from(i)).collect();
    let cells = y_values
        .iter()
        .map(|m| x_values.iter().map(|c| Some(42_000.0 * m / 0.2 * (0.06 / c).powf(0.8))).collect())
        .collect();
    HeatmapChart {
        titles: titles(
            "Median cumulative gross profit at month 24 by monthly churn and markup",
            "Reseller · 30 runs of 10,000 trajectories · seed 2026",
        ),
        x_parameter: "Monthly churn".into(),
        x_unit: Unit::Percent,
        x_values,
        y_parameter: "Markup".into(),
        y_unit: Unit::Percent,
        y_values,
        metric: "Median cumulative gross profit".into(),
        unit: Unit::Dollars,
        cells,
        probabilities: false,
        today: Some((0.1, 0.2)),
    }
}

/// Chances of a target over churn and arrivals, from tiny to 68 in 100; today between cells.
pub(crate) fn heatmap_chances() -> HeatmapChart {
    let x_values: Vec<f64> = vec![0.05, 0.1, 0.15, 0.2];
    let y_values: Vec<f64> = vec![0.5, 1.0, 2.0];
    let cells = y_values
        .iter()
        .map(|a| x_values.iter().map(|c| Some((0.684 * (a / 2.0f64).powi(3) * (0.05 / c).powi(2)).min(1.0))).collect())
        .collect();
    HeatmapChart {
        titles: titles(
            "At best 68 in 100 futures reach $30k of cumulative gross profit in Jun 2028 (churn 5% and arrivals 2/month)",
            "colour and number: how many of 100 futures reach it · 2,000 futures at each point, seed 2026",
        ),
        x_parameter: "Churn".into(),
        x_unit: Unit::Percent,
        x_values,
        y_parameter: "Arrivals per month".into(),
        y_unit: Unit::PerMonth,
        y_values,
        metric: "Futures in 100 where cumulative gross profit in Jun 2028 reaches $30k".into(),
        unit: Unit::Percent,
        cells,
        probabilities: true,
        today: Some((0.1, 1.5)),
    }
}

/// The chance of $2,500 in month 30 against arrivals, solved at 3.72 a month.
pub(crate) fn solve() -> SolveChart {
    let p = |x: f64| 1.0 / (1.0 + (-(x - 3.0) * 1.6).exp());
    let points = [0.5, 1.0, 2.0, 3.0, 3.5, 3.72, 4.0, 5.0, 7.0, 10.0]
        .iter()
        .map(|&x| {
            let q: f64 = p(x);
            let se = (q * (1.0 - q) / 1000.0).sqrt();
            SolveChartPoint {
                parameter: x,
                probability: q,
                low: (q - 2.0 * se).max(0.0),
                high: (q + 2.0 * se).min(1.0),
            }
        })
        .collect();
    SolveChart {
        titles: titles(
            "With arrivals ≥ 3.72/month, 80 in 100 futures reach $2,500 of gross profit in month 30",
            "today, at 1/month: 3 in 100 futures · 1,000 futures at each value, seed 2026",
        ),
        parameter: "Arrivals per month".into(),
        parameter_unit: Unit::PerMonth,
        metric: "Futures in 100 that reach it".into(),
        points,
        probability: 0.8,
        margin: 0.025,
        answer: Some(SolveMark { value: 3.72, label: "arrivals ≥ 3.72/month".into() }),
        interval: Some((3.5, 4.0)),
        reached_above: true,
        today: Some(SolveMark { value: 1.0, label: "today 1/month".into() }),
    }
}

/// Churn before and after six months of history: 1,000 weighted draws worth about 370.
pub(crate) fn posterior() -> PosteriorChart {
    let mut rng = Lcg(11);
    let prior: Vec<f64> = (0..4000).map(|_| (0.12 * (0.5 * rng.normal()).exp()).min(0.6)).collect();
    let posterior: Vec<f64> = (0..1000).map(|_| (0.17 * (0.2 * rng.normal()).exp()).min(0.6)).collect();
    PosteriorChart {
        titles: titles(
            "Your history puts churn near 17%: 9 in 10 chances it is 12% to 24% (5.3% to 27% before)",
            "outline: what the scenario assumed; bars: what months 1–6 of history.csv leave",
        ),
        parameter: "churn".into(),
        unit: Unit::Percent,
        prior,
        posterior,
        prior_interval: Interval { p5: 0.053, p50: 0.12, p95: 0.27 },
        posterior_interval: Interval { p5: 0.12, p50: 0.17, p95: 0.24 },
        effective_draws: Some(366.0),
    }
}

pub(crate) fn tornado() -> TornadoChart {
    let bar = |input: &str, at_low: f64, at_high: f64| TornadoBar { input: input.into(), at_low, at_high };
    TornadoChart {
        titles: titles(
            "What moves cumulative gross profit most",
            "median at month 24 with each input at its p10 and p90",
        ),
        metric: "Cumulative gross profit at month 24".into(),
        unit: Unit::Dollars,
        baseline: 14_200.0,
        bars: vec![
            bar("Spend growth", 13_100.0, 15_600.0),
            bar("Monthly churn", 19_800.0, 9_400.0),
            bar("New customers per month", 11_300.0, 17_900.0),
            bar("Starter → Growth upgrades", 13_700.0, 14_900.0),
        ],
    }
}

/// Long input names and costs of a billion (valid scenarios): the names left the bars no
/// room and the chart failed with "the canvas is too small for its labels".
pub(crate) fn tornado_long() -> TornadoChart {
    let bar = |input: &str, at_low: f64, at_high: f64| TornadoBar { input: input.into(), at_low, at_high };
    TornadoChart {
        bars: vec![
            bar("markup tttttttttttttttttttttttttttttttttttttttt 10% – 30%", -1.2e9, 2.1e9),
            bar("running cost hosting the whole infrastructure $100,000,000 – $900,000,000", -9.1e8, 1.0e9),
            bar("churn 5.64% – 13.3%", 1.0e8, 1.4e8),
        ],
        baseline: 1.2e8,
        ..tornado()
    }
}

pub(crate) fn survival() -> SurvivalChart {
    let (alpha, beta) = (0.7, 3.1);
    let mut sbg = vec![(0, 1.0)];
    let mut s = 1.0;
    for t in 1..=12u32 {
        s *= (beta + f64::from(t) - 1.0) / (alpha + beta + f64::from(t) - 1.0);
        sbg.push((t, s));
    }
    let constant = (0..=12).map(|t| (t, 0.82f64.powi(t as i32))).collect();
    SurvivalChart {
        titles: titles("Retention of the first 12 customers", "12 started · 11 renewed · 8 reached month 3"),
        observed: vec![(0, 1.0), (1, 11.0 / 12.0), (2, 8.0 / 12.0)],
        curves: vec![
            SurvivalCurve { label: "sBG fit".into(), points: sbg, interval: Vec::new() },
            SurvivalCurve { label: "constant churn".into(), points: constant, interval: Vec::new() },
        ],
        ..SurvivalChart::default()
    }
}

/// A degenerate fit on 12 customers: the sBG hit its search bound and equals constant
/// churn (17.4%, 90% interval 9-34%).
pub(crate) fn survival_degenerate() -> SurvivalChart {
    let curve = |churn: f64| (0..=24).map(|t| (t, (1.0f64 - churn).powi(t as i32))).collect::<Vec<_>>();
    let interval: Vec<_> = (0..=24).map(|t| (t, 0.66f64.powi(t as i32), 0.91f64.powi(t as i32))).collect();
    SurvivalChart {
        titles: titles("Customer retention: observed and fitted", "12 customers · dashed = projection beyond the data"),
        observed: vec![(0, 1.0), (1, 10.0 / 12.0), (2, 8.0 / 12.0), (3, 7.0 / 12.0)],
        curves: vec![
            SurvivalCurve {
                label: "fit: churn that differs by customer".into(),
                points: curve(0.174),
                interval: interval.clone(),
            },
            SurvivalCurve { label: "constant churn 17%".into(), points: curve(0.174), interval },
        ],
        note: Some(
            "12 customers cannot tell churn that differs by customer from one churn for everyone, \
             which could be anywhere from 9% to 34% a month."
                .into(),
        ),
        interval_label: Some("shading: each fit's 90% interval".into()),
    }
}
