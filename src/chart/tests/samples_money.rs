//! Made-up inputs for the money charts (the waterfall and the stacked areas), shared by
//! their unit tests and the review gallery; the reseller's numbers are those of
//! `scenarios/reseller.toml` in month 30.

use crate::chart::*;

fn titles(title: &str, subtitle: &str) -> Titles {
    Titles {
        title: title.into(),
        subtitle: Some(subtitle.into()),
        caption: Some("sidecast · /home/me/side-hustle/scenarios/reseller.toml".into()),
    }
}

fn step(label: &str, amount: f64, income: f64) -> WaterfallStep {
    WaterfallStep { label: label.into(), amount, share: (income != 0.0).then(|| amount / income) }
}

fn waterfall_of(title: &str, steps: &[(&str, f64)]) -> WaterfallChart {
    let is_income = |label: &str| label.starts_with("Revenue") || label.starts_with("Commission");
    let income: f64 = steps.iter().filter(|s| is_income(s.0)).map(|s| s.1).sum();
    let net: f64 = steps.iter().map(|s| s.1).sum();
    WaterfallChart {
        titles: titles(
            title,
            "Reseller: 12 customers, 10% churn, ~1 referral a month · 10,000 trajectories · seed 2026 · means, \
             which add up",
        ),
        metric: "Mean in month 30".into(),
        unit: Unit::Dollars,
        steps: steps.iter().map(|(l, a)| step(l, *a, income)).collect(),
        total: step("Net profit", net, income),
    }
}

/// The reseller's month 30: revenue, the platform's cost, fees, costs and tax.
pub(crate) fn waterfall() -> WaterfallChart {
    waterfall_of(
        "Where the money goes in month 30",
        &[
            ("Revenue", 5_529.0),
            ("Platform cost", -4_653.0),
            ("Platform kickback", 120.0),
            ("Payment fees", -163.0),
            ("Running and one-off costs", -10.0),
            ("Tax set-aside", -206.0),
        ],
    )
}

/// Every step the model has, and a month that loses money.
pub(crate) fn waterfall_loss() -> WaterfallChart {
    waterfall_of(
        "A month that loses money",
        &[
            ("Revenue", 1_200.0),
            ("Commission earned", 310.0),
            ("Platform cost", -1_050.0),
            ("Platform kickback", 40.0),
            ("Payment fees", -38.0),
            ("Payout fees", -6.2),
            ("Running and one-off costs", -640.0),
            ("Tax set-aside", 0.0),
        ],
    )
}

/// One step: commission less a payout fee is not even drawn by a run, but the chart copes.
pub(crate) fn waterfall_single() -> WaterfallChart {
    waterfall_of("Where the money goes in month 24", &[("Commission earned", 1_403.0)])
}

/// Labels far longer than a row's name column.
pub(crate) fn waterfall_long_labels() -> WaterfallChart {
    waterfall_of(
        "Where the money goes, with names that go on and on and on",
        &[
            ("Commission earned from the recurring programme of the newsletter and the blog", 1_403.0),
            ("Payout fees charged by the payout provider on every single payout made", -22.0),
            ("Running and one-off costs such as hosting, the domain and the mailing list", -320.0),
        ],
    )
}

/// A fixed fee of $1e9 a payment against an income of thousands (a valid scenario): the
/// amounts in whole dollars and their shares left the bars no room on a phone-sized chart.
pub(crate) fn waterfall_billions() -> WaterfallChart {
    waterfall_of(
        "In month 30, costs take more than the $5,313 coming in",
        &[
            ("Revenue", 5_313.0),
            ("Platform cost", -4_361.0),
            ("Payment fees", -10_365_000_154.0),
            ("Running and one-off costs", -10.0),
        ],
    )
}

fn programme(label: &str, f: impl Fn(f64) -> f64) -> StackedSeries {
    StackedSeries { label: label.into(), values: (1..=24).map(|m| Some(f(f64::from(m)))).collect() }
}

/// Two programmes' mean commission: a recurring one that compounds, a bounty that levels off.
pub(crate) fn stacked() -> StackedChart {
    StackedChart {
        titles: titles(
            "Commission earned per month by programme (means)",
            "Affiliate creator: recurring and bounty programmes · 10,000 trajectories · seed 2026 · means, stacked",
        ),
        metric: "Mean commission earned per month".into(),
        unit: Unit::Dollars,
        first_month: 1,
        timeline: Timeline { calendar: super::samples::calendar(), today: None },
        series: vec![
            programme("recurring", |t| 40.0 + 1_200.0 * (1.0 - (-t / 14.0).exp())),
            programme("bounty", |t| 20.0 + 130.0 * (1.0 - (-t / 4.0).exp())),
        ],
        total: Some("all programmes".into()),
    }
}

/// Eight programmes (the most a stacked chart takes), one with an undefined month.
pub(crate) fn stacked_eight() -> StackedChart {
    let names = ["recurring", "bounty", "hosting", "courses", "tools", "books", "newsletter", "7 others"];
    let mut series: Vec<StackedSeries> = names
        .iter()
        .enumerate()
        .map(|(i, name)| programme(name, |t| (30.0 + 12.0 * i as f64) * (1.0 + t / (6.0 + i as f64))))
        .collect();
    series[3].values[10] = None;
    StackedChart { series, ..stacked() }
}
