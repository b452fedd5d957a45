//! A scenario's key assumptions in plain words, for the Markdown report a blogger pastes.

use crate::distribution::{Param, ParamView};
use crate::scenario::{Churn, Scenario, Spend};
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
    out
}
