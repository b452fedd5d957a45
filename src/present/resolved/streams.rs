//! The resolved rows of the reseller stream, the effort and the costs.

use super::rows::Rows;
use super::words::{by_name, churn, hours, mix, money, rate, shown, signed_rate, spend, upgrade};
use crate::scenario::{Costs, Effort, Reseller};
use crate::text::calendar::Calendar;
use crate::text::number::short;

pub fn reseller(rows: &mut Rows, r: &Reseller) {
    let names: Vec<&str> = r.tiers.iter().map(|t| t.name.as_str()).collect();
    let base: u32 = r.initial_customers.iter().sum();
    rows.push("reseller.initial_customers", format!("{} ({base} customers)", by_name(&names, &r.initial_customers)));
    rows.push("reseller.initial_tenure_months", format!("{} bills already had", by_name(&names, &r.initial_tenure)));
    rows.push("reseller.arrivals", shown(&r.arrivals, |v| format!("{} a month (new customers, on average)", short(v))));
    rows.push("reseller.arrivals_growth", shown(&r.arrivals_growth, |v| format!("{} a month", signed_rate(v))));
    rows.push(
        "reseller.referral_rate",
        shown(&r.referral_rate, |v| format!("{} extra arrivals a month per active customer", short(v))),
    );
    rows.push("reseller.arrival_mix", mix(&names, &r.arrival_mix));
    rows.push("reseller.churn", churn(&r.churn));
    rows.push("reseller.spend_growth", shown(&r.spend_growth, |v| format!("{} a month", signed_rate(v))));
    rows.push("reseller.spend_volatility", shown(&r.spend_volatility, |v| format!("σ = {} a month", short(v))));
    let k = &r.kickback;
    rows.push("reseller.kickback.first_order", shown(&k.first_order, rate));
    rows.push("reseller.kickback.recurring", shown(&k.recurring, rate));
    rows.push("reseller.kickback.premium", shown(&k.premium, rate));
    let volume = k.premium_volume.as_ref().map_or_else(
        || "never (no premium months)".to_string(),
        |p| shown(p, |v| format!("{} of platform volume a month", money(v))),
    );
    rows.push("reseller.kickback.premium_volume", volume);
    for t in &r.tiers {
        let key = |k: &str| format!("reseller.tiers.{}.{k}", t.name);
        rows.push(&key("markup"), shown(&t.markup, rate));
        rows.push(&key("minimum"), shown(&t.minimum, |v| format!("{} a month", money(v))));
        let written = rows.written(&key("spend"));
        rows.push(&key("spend"), spend(&t.spend, written.as_deref()));
        rows.push(&key("support_hours"), shown(&t.support_hours, |v| format!("{} per customer-month", hours(v))));
        rows.push(&key("upgrade"), upgrade(t.upgrade.as_ref(), &names));
    }
}

pub fn effort(rows: &mut Rows, e: &Effort) {
    rows.push("effort.fixed_hours", shown(&e.fixed_hours, |v| format!("{} a month", hours(v))));
    let setup = if e.setup_hours.is_empty() {
        "none".to_string()
    } else {
        let by_month: Vec<String> =
            e.setup_hours.iter().enumerate().map(|(i, h)| format!("{} in month {}", hours(*h), i + 1)).collect();
        by_month.join(", ")
    };
    rows.push("effort.setup_hours", setup);
    rows.push("effort.onboarding_hours", shown(&e.onboarding_hours, |v| format!("{} per new customer", hours(v))));
    rows.push("effort.content_hours", shown(&e.content_hours, |v| format!("{} a month", hours(v))));
}

pub fn costs(rows: &mut Rows, c: &Costs, calendar: Option<Calendar>) {
    for (name, fee) in [("payment_fee", &c.payment_fee), ("payout_fee", &c.payout_fee)] {
        rows.push(&format!("costs.{name}.percent"), shown(&fee.percent, rate));
        rows.push(&format!("costs.{name}.fixed"), shown(&fee.fixed, money));
        if name == "payout_fee" {
            let max = fee.max.as_ref().map_or_else(|| "no cap".to_string(), |m| shown(m, money));
            rows.push("costs.payout_fee.max", max);
        }
    }
    if c.monthly.is_empty() {
        rows.push("costs.monthly", "none".into());
    }
    for (name, p) in &c.monthly {
        rows.push(&format!("costs.monthly.{name}"), shown(p, |v| format!("{} a month", money(v))));
    }
    for (i, o) in c.one_off.iter().enumerate() {
        let amount = shown(&o.amount, money);
        let month = crate::present::answer::month_words(calendar, o.month);
        rows.push(&format!("costs.one_off[{i}]"), format!("{amount} in {month} ({})", o.label));
    }
    rows.push("costs.tax_rate", shown(&c.tax_rate, |v| format!("{} of each month's positive pre-tax profit", rate(v))));
}
