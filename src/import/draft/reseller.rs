//! The reseller's scenario from a Stripe import: one tier per tier in `customers.csv`
//! (cheapest first), each with the spend its customers' monthly amounts imply at the tier's
//! markup; today's customers per tier with their median tenure; arrivals and churn as priors
//! from the history's `new_customers`, `customers` and `churned`.

use std::collections::BTreeMap;

use super::data::{Data, Draft, Keys, number, one_line, preamble, text};
use super::priors::{churn, churn_said, churn_source, lognormal, median, rate, round};
use crate::actuals::Column;
use crate::import::summary::count;

/// A tier's markup when the data cannot say: the reseller's own (docs/model.md §1.1) by name.
fn markup(name: &str) -> f64 {
    match name {
        "starter" => 0.15,
        "growth" => 0.20,
        "studio" => 0.25,
        _ => 0.20,
    }
}

/// One tier's customers.
#[derive(Default)]
struct Tier {
    /// Median monthly invoice of each customer, dollars.
    amounts: Vec<f64>,
    customers: usize,
    /// Months billed of each customer active today.
    today: Vec<f64>,
    /// The tier as the export writes it.
    written: String,
}

pub(super) fn draft(data: &Data) -> Draft {
    let mut tiers: BTreeMap<String, Tier> = BTreeMap::new();
    let written = |row| if text(row, "tier").is_empty() { "standard" } else { text(row, "tier") };
    let mut keys = Keys::of(data.people.iter().map(written));
    for row in &data.people {
        let written = written(row);
        let tier = tiers.entry(keys.key(written)).or_default();
        tier.written = written.to_string();
        tier.amounts.push(number(row, "median_month"));
        tier.customers += 1;
        if matches!(text(row, "status"), "active" | "reactivated") {
            tier.today.push(number(row, "months_billed"));
        }
    }
    let mut order: Vec<(String, Tier)> = tiers.into_iter().collect();
    order.sort_by(|a, b| median(&a.1.amounts).unwrap_or(0.0).total_cmp(&median(&b.1.amounts).unwrap_or(0.0)));
    let new: f64 = data.column(Column::NewCustomers).iter().sum();
    let (arrivals, arrival_rate) = rate(new, f64::from(data.months));
    let (churned, exposed) = data.churn(Column::Customers, Column::Churned);
    let (churn_prior, churn_mean) = churn(churned, exposed);
    let mut streams = String::from("\n[reseller]\n");
    streams.push_str(&format!(
        "arrivals = {arrivals}   # new customers a month: {new} in {} months from the data ({}), widened to be honest\n",
        data.months,
        round(arrival_rate, 2)
    ));
    let mix: Vec<String> = order.iter().map(|(n, t)| format!("{n} = {}", t.customers)).collect();
    streams
        .push_str(&format!("arrival_mix = {{ {} }}   # like the customers so far (from the data)\n", mix.join(", ")));
    let source = churn_source(&format!("{churned} left"), exposed, "customer", churn_mean);
    streams.push_str(&format!("churn = {churn_prior}   # a month: {source}, as a prior\n"));
    for (name, tier) in &order {
        let m = markup(name);
        let spends: Vec<f64> = tier.amounts.iter().map(|a| a / (1.0 + m)).collect();
        if tier.written == *name {
            streams.push_str(&format!("\n[reseller.tiers.{name}]\n"));
        } else {
            let written = one_line(&tier.written);
            streams.push_str(&format!("\n[reseller.tiers.{name}]   # `{written}` in the export\n"));
        }
        streams.push_str(&format!(
            "markup = {m}   # not in the export: a default to check (invoice = spend × (1 + markup))\n"
        ));
        streams.push_str("minimum = 0   # the smallest invoice you accept, if any: not in the export\n");
        match lognormal(&spends) {
            Some((spend, _)) => streams.push_str(&format!(
                "spend = {spend}   # platform spend a month: the invoices of {} (from the data) ÷ (1 + markup)\n",
                count(tier.amounts.len(), "customer")
            )),
            None => streams.push_str("spend = 100   # no amounts in the data: a default to check\n"),
        }
    }
    streams.push_str(
        "\n[effort]\nfixed_hours = 4   # your hours a month: not in a payments export, a default to check\n\
         \n# Stripe's card fee on every invoice (check your own rate).\n[costs]\npayment_fee = { percent = 0.029, fixed = 0.30 }\n",
    );
    let today: Vec<String> = order.iter().map(|(n, t)| format!("{n} = {}", t.today.len())).collect();
    let tenure: Vec<String> = order
        .iter()
        .filter(|(_, t)| !t.today.is_empty())
        .map(|(n, t)| format!("{n} = {}", median(&t.today).unwrap_or(0.0).round()))
        .collect();
    let start = data.months + 1;
    let mut projection = preamble(data, "My reselling, projected from today", start, 24);
    projection.push_str(&format!(
        "\n# Today: the customers charged in the data's last month, and the bills each has had (median by tier).\n[start]\ncustomers = {{ {} }}\n",
        today.join(", ")
    ));
    if !tenure.is_empty() {
        projection.push_str(&format!("tenure_months = {{ {} }}\n", tenure.join(", ")));
    }
    projection.push_str(&streams);
    let mut calibration = preamble(data, "My reselling from month 1, priors to calibrate", 1, data.months.max(1));
    calibration.push_str(&format!(
        "# Calibrate: sidecast calibrate {} --actuals {}/history.csv --project {}\n",
        one_line(&data.names.1),
        one_line(&data.folder),
        one_line(&data.names.0)
    ));
    calibration.push_str(&streams);
    let total_today: usize = order.iter().map(|(_, t)| t.today.len()).sum();
    let lines = vec![
        format!(
            "{} tiers ({}) from {} customers; {total_today} active today",
            order.len(),
            order.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
            data.people.len()
        ),
        format!(
            "arrivals {arrivals} (the data: {} a month); churn {churn_prior} ({})",
            round(arrival_rate, 2),
            churn_said(exposed, churn_mean)
        ),
        "markups, minimums and hours are not in the export: check them".to_string(),
    ];
    Draft { projection, calibration, lines }
}
