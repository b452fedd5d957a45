//! A scenario's key assumptions in plain words, for the Markdown report a blogger pastes.

use crate::distribution::{Param, ParamView};
use crate::scenario::{Churn, Costs, Fee, Scenario, Spend};
use crate::text::number::{dollars, percent};

/// A parameter in words: its fixed value formatted by `fixed`, or its distribution.
fn shown(p: &Param, fixed: impl Fn(f64) -> String) -> String {
    match p.view() {
        ParamView::Fixed(v) => fixed(v),
        ParamView::Uncertain { distribution, .. } => format!("uncertain, {distribution}"),
    }
}

fn rate(p: &Param) -> String {
    shown(p, percent)
}

fn number(p: &Param) -> String {
    shown(p, |v| format!("{v}"))
}

fn money(p: &Param) -> String {
    shown(p, dollars)
}

fn churn(c: &Churn) -> String {
    match c {
        Churn::Constant(p) => format!("{} a month", rate(p)),
        Churn::ShiftedBetaGeometric { alpha, beta } => {
            format!("varies by customer (sBG, α = {}, β = {})", number(alpha), number(beta))
        }
    }
}

/// One line per assumption.
pub fn assumptions(scenario: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = &scenario.reseller {
        let base: u32 = r.initial_customers.iter().sum();
        out.push(format!(
            "Reseller: {base} customers at the start, {} new a month, churn {}",
            number(&r.arrivals),
            churn(&r.churn)
        ));
        for t in &r.tiers {
            let spend = match t.spend {
                Spend::Fixed(v) => dollars(v),
                Spend::LogNormal { median, .. } => format!("median {}", dollars(median)),
            };
            out.push(format!(
                "Tier {}: markup {}, minimum {}, platform spend {spend}",
                t.name,
                rate(&t.markup),
                money(&t.minimum)
            ));
        }
        let k = &r.kickback;
        out.push(format!(
            "Platform kickback: {} on first orders, {} on renewals, {} in premium months",
            rate(&k.first_order),
            rate(&k.recurring),
            rate(&k.premium)
        ));
    }
    if let Some(a) = &scenario.affiliate {
        out.push(format!(
            "Affiliate: {} referred signups a month, payout at {}",
            number(&a.signups),
            money(&a.payout_threshold)
        ));
        let c = &a.commission;
        out.push(format!(
            "Commission: {} of the first order, {} of renewals, {} on premium upgrades",
            rate(&c.first_order),
            rate(&c.recurring),
            rate(&c.premium)
        ));
        for p in &a.plans {
            out.push(format!("Plan {}: {} a month, churn {}", p.name, money(&p.price), churn(&p.churn)));
        }
    }
    if let Some(c) = &scenario.costs {
        out.extend(costs(c));
    }
    out
}

/// The costs in words: fees, running costs, one-offs and tax.
fn costs(c: &Costs) -> Vec<String> {
    let fee = |f: &Fee| {
        let cap = f.max.as_ref().map_or_else(String::new, |m| format!(", at most {}", money(m)));
        format!("{} + {}{cap}", rate(&f.percent), money(&f.fixed))
    };
    let is_zero = |f: &Fee| {
        !f.percent.is_uncertain() && f.percent.central() == 0.0 && !f.fixed.is_uncertain() && f.fixed.central() == 0.0
    };
    let mut out = Vec::new();
    if !is_zero(&c.payment_fee) {
        out.push(format!("Payment fee on each invoice: {}", fee(&c.payment_fee)));
    }
    if !is_zero(&c.payout_fee) {
        out.push(format!("Payout fee on each payout: {}", fee(&c.payout_fee)));
    }
    if !c.monthly.is_empty() {
        let items: Vec<String> = c.monthly.iter().map(|(name, p)| format!("{name} {}", money(p))).collect();
        out.push(format!("Running costs a month: {}", items.join(", ")));
    }
    for o in &c.one_off {
        out.push(format!("One-off cost in month {}: {} ({})", o.month, money(&o.amount), o.label));
    }
    out.push(format!("Tax set-aside: {} of each month's positive pre-tax profit", rate(&c.tax_rate)));
    out
}
