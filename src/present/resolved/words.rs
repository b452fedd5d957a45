//! Values in words for the resolved listing: rates as written (`15%`), dollars with their
//! cents (`$19.99`), hours, churn, spend, upgrades, tables by name, and uncertain
//! parameters with their 90% range and mean in the same unit.

use crate::distribution::{Param, ParamView};
use crate::scenario::{Churn, Spend, Upgrade};
use crate::text::number::{short, thousands};

/// A parameter: its fixed value by `fixed`, or its distribution with a 90% range and mean.
pub fn shown(p: &Param, fixed: impl Fn(f64) -> String) -> String {
    shown_drawn(p, "per trajectory", fixed)
}

/// [`shown`] for a parameter drawn `per` something other than the trajectory (`per piece`).
pub fn shown_drawn(p: &Param, per: &str, fixed: impl Fn(f64) -> String) -> String {
    match p.view() {
        ParamView::Fixed(v) => fixed(v),
        ParamView::Uncertain { distribution, .. } => format!(
            "uncertain: {distribution}, drawn {per}; 90% between {} and {}, mean {}",
            fixed(p.quantile(0.05)),
            fixed(p.quantile(0.95)),
            fixed(p.central())
        ),
    }
}

/// `15%`, `2.9%`, `0.5%`: a fraction as a percentage, as precise as it was written.
pub fn rate(v: f64) -> String {
    format!("{}%", short(v * 100.0))
}

pub fn signed_rate(v: f64) -> String {
    if v > 0.0 { format!("+{}", rate(v)) } else { rate(v) }
}

/// `$50`, `$19.99`, `$0.30`, `$1,250`: dollars with cents when there are any.
pub fn money(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let cents = (v.abs() * 100.0).round();
    let whole = thousands((cents / 100.0).trunc() as u64);
    if cents % 100.0 == 0.0 { format!("{sign}${whole}") } else { format!("{sign}${whole}.{:02}", cents % 100.0) }
}

/// `4 h`, `0.5 h`.
pub fn hours(v: f64) -> String {
    format!("{} h", short(v))
}

/// Churn in words: a monthly rate, or the sBG shapes with their mean.
pub fn churn(c: &Churn) -> String {
    match c {
        Churn::Constant(p) => shown(p, |v| format!("{} a month", rate(v))),
        Churn::ShiftedBetaGeometric { alpha, beta } => {
            let (a, b) = (alpha.central(), beta.central());
            format!(
                "differs by customer: each draws its churn from beta({}, {}), mean {} a month",
                short(a),
                short(b),
                rate(a / (a + b))
            )
        }
    }
}

/// A tier's spend; `written`, the file's own interval (`ci90 = [60, 300]`), shown as
/// written before the 90% range the lognormal through the median gives.
pub fn spend(s: &Spend, written: Option<&str>) -> String {
    match s {
        Spend::Fixed(v) => format!("{} a month of platform spend, every new customer", money(*v)),
        Spend::LogNormal { median, sigma } if median.is_uncertain() => format!(
            "lognormal per new customer around an uncertain median ({}), spread σ = {}",
            shown(median, money),
            short(*sigma)
        ),
        Spend::LogNormal { median, sigma } => {
            let (median, z) = (median.central(), 1.644_853_626_951_472_2);
            let (low, high) = (money(median * (-z * sigma).exp()), money(median * (z * sigma).exp()));
            match written {
                Some(interval) => format!(
                    "lognormal per new customer: median {} a month, spread by {interval} as written (its width; \
                     around the median 90% are between {low} and {high})",
                    money(median)
                ),
                None => format!(
                    "lognormal per new customer: median {} a month, 90% between {low} and {high}",
                    money(median)
                ),
            }
        }
    }
}

/// An upgrade path in words, with the monthly hazard it implies.
pub fn upgrade(u: Option<&Upgrade>, names: &[&str]) -> String {
    let Some(u) = u else { return "none".to_string() };
    let to = names.get(u.to).copied().unwrap_or("?");
    let p = &u.probability;
    let hazard = if p.is_uncertain() {
        String::new()
    } else {
        format!(" ({} a month)", rate(Upgrade::hazard(p.central(), u.within_months)))
    };
    format!("to {to}: {} within {} months{hazard}", shown(p, rate), short(u.within_months))
}

/// `starter 8, growth 3`.
pub fn by_name(names: &[&str], values: &[u32]) -> String {
    let items: Vec<String> = names.iter().zip(values).map(|(n, v)| format!("{n} {v}")).collect();
    if items.is_empty() { "none".to_string() } else { items.join(", ") }
}

/// `starter 70%, growth 25%, studio 5%`.
pub fn mix(names: &[&str], weights: &[f64]) -> String {
    let items: Vec<String> = names.iter().zip(weights).map(|(n, w)| format!("{n} {}", rate(*w))).collect();
    items.join(", ")
}
