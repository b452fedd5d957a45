//! The creator's scenario from a commission ledger: one plan per plan in `referrals.csv`,
//! its price and the first-order rate chosen so that the ledger's own commissions come out
//! (a renewal's commission ÷ the recurring rate is the price; a first order's ÷ the price is
//! the first-order rate); today's subscribers per plan with their median tenure, the balance
//! not yet paid out; signups and churn as priors from the history.

use std::collections::BTreeMap;

use super::data::{Data, Draft, Keys, number, one_line, preamble, text};
use super::priors::{churn, churn_said, churn_source, median, rate, round};
use crate::actuals::Column;
use crate::import::summary::count;

/// The recurring rate when the ledger cannot say (the creator's programme, docs/model.md §1.2).
const RECURRING: f64 = 0.08;
/// The first-order rate when no referral has renewed yet.
const FIRST_ORDER: f64 = 0.15;

#[derive(Default)]
struct Plan {
    first_orders: Vec<f64>,
    renewals: Vec<f64>,
    referrals: usize,
    today: Vec<f64>,
}

pub(super) fn draft(data: &Data) -> Draft {
    let mut plans: BTreeMap<String, Plan> = BTreeMap::new();
    let mut programmes: Vec<String> = Vec::new();
    let written = |row| if text(row, "plan").is_empty() { "referred" } else { text(row, "plan") };
    let mut keys = Keys::of(data.people.iter().map(written));
    for row in &data.people {
        let name = keys.key(written(row));
        let plan = plans.entry(name).or_default();
        plan.referrals += 1;
        plan.first_orders.push(number(row, "first_order"));
        if !text(row, "renewal_median").is_empty() {
            plan.renewals.push(number(row, "renewal_median"));
        }
        if matches!(text(row, "status"), "active" | "reactivated") {
            plan.today.push(number(row, "months_paid"));
        }
        let programme = text(row, "programme");
        if !programme.is_empty() && !programmes.iter().any(|p| p == programme) {
            programmes.push(programme.to_string());
        }
    }
    // Prices from renewals at the recurring rate; the first-order rate from first orders.
    let mut priced: Vec<(String, f64, &Plan)> = Vec::new();
    let mut first_rates = Vec::new();
    for (name, plan) in &plans {
        let first = median(&plan.first_orders).unwrap_or(0.0);
        let price = match median(&plan.renewals) {
            Some(r) if r > 0.0 => {
                if first > 0.0 {
                    first_rates.push(first / (r / RECURRING));
                }
                r / RECURRING
            }
            _ => first / FIRST_ORDER,
        };
        priced.push((name.clone(), round(price.max(0.01), 2), plan));
    }
    let first_order = median(&first_rates).map_or(FIRST_ORDER, |r| round(r.clamp(0.001, 1.0), 4));
    let new: f64 = data.column(Column::NewSubscribers).iter().sum();
    let (signups, signup_rate) = rate(new, f64::from(data.months));
    let (cancelled, exposed) = data.churn(Column::Subscribers, Column::Cancelled);
    let (churn_prior, churn_mean) = churn(cancelled, exposed);
    let earned: f64 = data.column(Column::Commission).iter().sum();
    let paid: f64 = data.column(Column::CommissionPaid).iter().sum();
    let has_paid = data.history.columns().contains(&Column::CommissionPaid);
    let mut streams = String::from("\n[affiliate]\n");
    streams.push_str(&format!(
        "signups = {signups}   # new referrals a month: {new} in {} months from the data ({}), widened to be honest\n",
        data.months,
        round(signup_rate, 2)
    ));
    let mix: Vec<String> = priced.iter().map(|(n, _, p)| format!("{n} = {}", p.referrals)).collect();
    streams.push_str(&format!("plan_mix = {{ {} }}   # like the referrals so far (from the data)\n", mix.join(", ")));
    streams
        .push_str("payout_threshold = 50   # the programme's minimum payout: not in the ledger, a default to check\n");
    streams.push_str(&format!(
        "\n[affiliate.commission]\nfirst_order = {first_order}   # from the data: first orders' commission ÷ the price below\nrecurring = {RECURRING}   # not in the ledger: a default to check (the prices follow from it)\n"
    ));
    let source = churn_source(&format!("{cancelled} cancelled"), exposed, "subscriber", churn_mean);
    for (name, price, plan) in &priced {
        streams.push_str(&format!(
            "\n[affiliate.plans.{name}]\nprice = {price}   # from the data: a renewal's commission ÷ the recurring rate ({})\nchurn = {churn_prior}   # a month: {source}, as a prior\n",
            count(plan.referrals, "referral"),
        ));
    }
    let start = data.months + 1;
    let mut projection = preamble(data, "My affiliate income, projected from today", start, 24);
    let today: Vec<String> = priced.iter().map(|(n, _, p)| format!("{n} = {}", p.today.len())).collect();
    let tenure: Vec<String> = priced
        .iter()
        .filter(|(_, _, p)| !p.today.is_empty())
        .map(|(n, _, p)| format!("{n} = {}", median(&p.today).unwrap_or(0.0).round()))
        .collect();
    projection.push_str(&format!(
        "\n# Today: the referrals with a commission in the data's last month, and their months so far.\n[start]\nsubscribers = {{ {} }}\n",
        today.join(", ")
    ));
    if !tenure.is_empty() {
        projection.push_str(&format!("tenure_months = {{ {} }}\n", tenure.join(", ")));
    }
    if has_paid {
        projection.push_str(&format!(
            "balance = {}   # earned and not yet paid out (from the data: {} earned, {} paid)\n",
            round((earned - paid).max(0.0), 2),
            round(earned, 2),
            round(paid, 2)
        ));
    }
    projection.push_str(&streams);
    let mut calibration =
        preamble(data, "My affiliate income from month 1, priors to calibrate", 1, data.months.max(1));
    calibration.push_str(&format!(
        "# Calibrate: sidecast calibrate {} --actuals {}/history.csv --project {}\n",
        one_line(&data.names.1),
        one_line(&data.folder),
        one_line(&data.names.0)
    ));
    calibration.push_str(&streams);
    let mut lines = vec![
        format!(
            "{} plans ({}) from {} referrals; {} subscribers today",
            priced.len(),
            priced.iter().map(|(n, price, _)| format!("{n} ${price}")).collect::<Vec<_>>().join(", "),
            data.people.len(),
            priced.iter().map(|(_, _, p)| p.today.len()).sum::<usize>()
        ),
        format!(
            "signups {signups} (the data: {} a month); churn {churn_prior} ({})",
            round(signup_rate, 2),
            churn_said(exposed, churn_mean)
        ),
        format!("the recurring rate ({RECURRING}) and the payout threshold are not in the ledger: check them"),
    ];
    if programmes.len() > 1 {
        lines.push(format!(
            "the ledger names {} programmes ({}); the draft puts them in one",
            programmes.len(),
            programmes.join(", ")
        ));
    }
    Draft { projection, calibration, lines }
}
