//! A scenario's key assumptions in plain words, for the Markdown report a blogger pastes.

use crate::distribution::{Param, ParamView};
use crate::scenario::{Affiliate, Churn, Costs, Fee, Joint, PiecesPerMonth, Scenario, Spend};
use crate::text::number::counted;
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
    if let Some(r) = &scenario.reseller() {
        let base: u32 = r.initial_customers.iter().sum();
        out.push(format!(
            "Reseller: {base} customers at the start, {} new a month, churn {}",
            number(&r.arrivals),
            churn(&r.churn)
        ));
        for t in &r.tiers {
            let spend = match &t.spend {
                Spend::Fixed(v) => dollars(*v),
                Spend::LogNormal { median, .. } => format!("median {}", money(median)),
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
    if let Some(a) = &scenario.affiliate() {
        out.extend(affiliate(a));
    }
    if let Some(c) = &scenario.costs() {
        out.extend(costs(c, scenario.calendar()));
    }
    out.extend(joint(scenario.joint()));
    out
}

/// Parameters drawn together, in words.
fn joint(joint: &Joint) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(sets) = &joint.sets {
        out.push(format!(
            "Drawn together from {} parameter sets in {} (one set per trajectory): {}",
            sets.rows.len(),
            sets.file,
            sets.keys.join(", ")
        ));
    }
    for (a, b, rank) in joint.copula.iter().flat_map(|c| &c.pairs) {
        let direction = if *rank < 0.0 { "opposite ways" } else { "together" };
        out.push(format!("{a} and {b} move {direction} (rank correlation {rank})"));
    }
    out
}

/// The affiliate stream in words: the content, then each programme and its plans.
fn affiliate(a: &Affiliate) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &a.content {
        let pieces = match &c.pieces_per_month {
            PiecesPerMonth::Every(n) => format!("{} a month", counted(u64::from(*n), "piece", "pieces")),
            PiecesPerMonth::ByMonth(list) => format!("pieces by month {list:?}"),
        };
        let decay = c.half_life_months.map_or_else(
            || "evergreen".to_string(),
            |h| format!("half-life {h} month{}", if h == 1.0 { "" } else { "s" }),
        );
        out.push(format!(
            "Content: {pieces}, {} signups a month each at the peak, ramp {}, {decay}",
            number(&c.signups_per_piece),
            counted(u64::from(c.ramp_months), "month", "months")
        ));
    }
    for p in &a.programmes {
        let who = if a.named { format!("Programme {}", p.name) } else { "Affiliate".to_string() };
        let share = if a.named && a.content.is_some() {
            format!(", {} of the content's signups", rate(&p.share))
        } else {
            String::new()
        };
        let delay = if p.payout_delay_months > 0 {
            format!(
                ", paid {} later",
                crate::text::number::counted(u64::from(p.payout_delay_months), "month", "months")
            )
        } else {
            String::new()
        };
        out.push(format!(
            "{who}: {} referred signups a month{share}, payout at {}{delay}",
            number(&p.signups),
            money(&p.payout_threshold)
        ));
        let c = &p.commission;
        let bounty = if c.bounty.is_uncertain() || c.bounty.central() != 0.0 {
            format!(", a {} bounty per signup", money(&c.bounty))
        } else {
            String::new()
        };
        out.push(format!(
            "Commission: {} of the first order, {} of renewals, {} on premium upgrades{bounty}",
            rate(&c.first_order),
            rate(&c.recurring),
            rate(&c.premium)
        ));
        for plan in &p.plans {
            out.push(format!("Plan {}: {} a month, churn {}", plan.name, money(&plan.price), churn(&plan.churn)));
        }
    }
    out
}

/// The costs in words: fees, running costs, one-offs and tax.
fn costs(c: &Costs, calendar: Option<crate::text::calendar::Calendar>) -> Vec<String> {
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
        let month = crate::present::answer::month_words(calendar, o.month);
        out.push(format!("One-off cost in {month}: {} ({})", money(&o.amount), o.label));
    }
    out.push(format!("Tax set-aside: {} of each month's positive pre-tax profit", rate(&c.tax_rate)));
    out
}
