//! The resolved rows of the affiliate stream: the content, then each programme with its
//! signups, payout, commission and plans, keyed as the file writes them (`affiliate.` in the
//! single-programme form, `affiliate.programmes.NAME.` otherwise).

use super::rows::Rows;
use super::words::{by_name, churn, hours, mix, money, rate, shown, shown_drawn, signed_rate, upgrade};
use crate::scenario::{Affiliate, Content, PiecesPerMonth, Programme};
use crate::text::number::{short, thousands};

/// The affiliate rows of a scenario whose first simulated month is `start_month`.
pub fn affiliate(rows: &mut Rows, a: &Affiliate, start_month: u32) {
    if let Some(c) = &a.content {
        content(rows, c, start_month);
    }
    for p in &a.programmes {
        programme(rows, p, if a.named { format!("affiliate.programmes.{}.", p.name) } else { "affiliate.".into() });
        if a.named {
            let share = if a.content.is_some() { shown(&p.share, rate) } else { "no content to share".into() };
            rows.push(&format!("affiliate.programmes.{}.share", p.name), share);
        }
    }
}

fn content(rows: &mut Rows, c: &Content, start_month: u32) {
    let pieces = match &c.pieces_per_month {
        PiecesPerMonth::Every(n) => format!("{n} a month"),
        PiecesPerMonth::ByMonth(list) => {
            let months: Vec<String> = list.iter().enumerate().map(|(i, n)| format!("{n} in month {}", i + 1)).collect();
            let then = format!("{}, then {} a month", months.join(", "), list.last().copied().unwrap_or(0));
            // docs/model.md §11: the list's months before the first simulated one (its last
            // entry continuing) are pieces that already exist when the run starts.
            let before: u64 = (1..start_month).map(|m| u64::from(c.pieces_in(m, start_month))).sum();
            if start_month > 1 {
                let months =
                    if start_month == 2 { "month 1".to_string() } else { format!("months 1-{}", start_month - 1) };
                format!("{then}; the {} pieces of {months} exist when the run starts", thousands(before))
            } else {
                then
            }
        }
    };
    rows.push("affiliate.content.pieces_per_month", pieces);
    rows.push(
        "affiliate.content.signups_per_piece",
        shown_drawn(&c.signups_per_piece, "per piece", |v| format!("{} signups a month at the peak", short(v))),
    );
    rows.push("affiliate.content.ramp_months", format!("{} months to the peak", c.ramp_months));
    let decay = c.half_life_months.map_or_else(|| "evergreen (no decay)".into(), |h| format!("{} months", short(h)));
    rows.push("affiliate.content.half_life_months", decay);
    rows.push("affiliate.content.hours_per_piece", shown(&c.hours_per_piece, |v| format!("{} per piece", hours(v))));
    rows.push("affiliate.content.existing_pieces", c.existing_pieces.to_string());
    rows.push("affiliate.content.existing_age_months", format!("{} months", c.existing_age_months));
}

fn programme(rows: &mut Rows, p: &Programme, prefix: String) {
    let key = |k: &str| format!("{prefix}{k}");
    let names: Vec<&str> = p.plans.iter().map(|plan| plan.name.as_str()).collect();
    rows.push(
        &key("signups"),
        shown(&p.signups, |v| format!("{} a month (new referred signups, on average)", short(v))),
    );
    rows.push(&key("signups_growth"), shown(&p.signups_growth, |v| format!("{} a month", signed_rate(v))));
    rows.push(&key("plan_mix"), mix(&names, &p.plan_mix));
    rows.push(&key("payout_threshold"), shown(&p.payout_threshold, money));
    rows.push(
        &key("payout_delay_months"),
        crate::text::number::counted(u64::from(p.payout_delay_months), "month", "months"),
    );
    let base: u32 = p.initial_subscribers.iter().sum();
    rows.push(&key("initial_subscribers"), format!("{} ({base} subscribers)", by_name(&names, &p.initial_subscribers)));
    rows.push(&key("initial_tenure_months"), format!("{} bills already had", by_name(&names, &p.initial_tenure)));
    rows.push(&key("initial_balance"), money(p.initial_balance));
    let c = &p.commission;
    rows.push(&key("commission.first_order"), shown(&c.first_order, rate));
    rows.push(&key("commission.recurring"), shown(&c.recurring, rate));
    rows.push(&key("commission.premium"), shown(&c.premium, rate));
    rows.push(&key("commission.bounty"), shown(&c.bounty, |v| format!("{} per signup", money(v))));
    let months = c.recurring_months.map_or_else(|| "forever".into(), |m| format!("{m} months after the first order"));
    rows.push(&key("commission.recurring_months"), months);
    for plan in &p.plans {
        let plan_key = |k: &str| key(&format!("plans.{}.{k}", plan.name));
        rows.push(&plan_key("price"), shown(&plan.price, |v| format!("{} a month", money(v))));
        rows.push(&plan_key("premium"), if plan.premium { "yes".into() } else { "no".into() });
        rows.push(&plan_key("churn"), churn(&plan.churn));
        rows.push(&plan_key("upgrade"), upgrade(plan.upgrade.as_ref(), &names));
    }
}
