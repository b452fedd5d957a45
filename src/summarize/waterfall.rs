//! Where the money goes in one month (docs/model.md §10.3), derived from a run's report: its
//! **means**, which add up exactly (medians do not), so the steps always sum to the mean net
//! profit.

use crate::metric::Metric;
use crate::report::RunReport;
use crate::report::waterfall::{Step, Waterfall};

/// The waterfall of the 0-based simulated `month`, or `None` when a mean is undefined
/// (no trajectories) or the month is not simulated.
pub fn waterfall(report: &RunReport, month: usize) -> Option<Waterfall> {
    let mean = |m: Metric| report.metric(m).and_then(|s| s.mean.get(month).copied().flatten());
    let (revenue, commission, cogs, kickback) =
        (mean(Metric::Revenue)?, mean(Metric::CommissionEarned)?, mean(Metric::Cogs)?, mean(Metric::Kickback)?);
    let income = revenue + commission;
    let share = |amount: f64| (income != 0.0).then(|| amount / income);
    let has_reseller =
        report.metric(Metric::ActiveCustomers).is_some_and(|s| s.mean.iter().flatten().any(|v| *v != 0.0));
    let mut steps = Vec::new();
    let mut push = |metric: Metric, label: &str, amount: f64, keep: bool| {
        if keep {
            steps.push(Step { metric, label: label.to_string(), amount, share_of_income: share(amount) });
        }
    };
    push(Metric::Revenue, "Revenue", revenue, has_reseller);
    push(Metric::CommissionEarned, "Commission earned", commission, commission != 0.0);
    // COGS is the platform's cost net of its kickback: show the whole cost, then what it gives back.
    push(Metric::Cogs, "Platform cost", 0.0 - (cogs + kickback), has_reseller); // not −0.0 with no reseller
    push(Metric::Kickback, "Platform kickback", kickback, kickback != 0.0);
    for (metric, label) in [
        (Metric::PaymentFees, "Payment fees"),
        (Metric::PayoutFees, "Payout fees"),
        (Metric::Costs, "Running and one-off costs"),
        (Metric::Tax, "Tax set-aside"),
    ] {
        let amount = mean(metric)?;
        push(metric, label, -amount, amount != 0.0);
    }
    let net_profit = mean(Metric::NetProfit)?;
    Some(Waterfall {
        month: *report.months.get(month)?,
        income,
        steps,
        net_profit,
        net_share_of_income: share(net_profit),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Control, simulate};
    use crate::scenario::parse;
    use crate::stats::Percentile;
    use crate::summarize::summarize;

    #[test]
    fn the_steps_add_up_to_net_profit() {
        let text = r#"
name = "waterfall"
horizon_months = 6
trajectories = 500
[reseller]
initial_customers = { a = 10 }
arrivals = 1
churn = 0.1
[reseller.kickback]
first_order = 0.15
recurring = 0.08
[reseller.tiers.a]
markup = 0.2
minimum = 50
spend = { ci90 = [50, 400] }
[affiliate]
signups = 5
payout_threshold = 50
[affiliate.commission]
first_order = 0.15
recurring = 0.08
[affiliate.plans.pro]
price = 20
churn = 0.1
[costs]
payment_fee = { percent = 0.029, fixed = 0.30 }
payout_fee = { percent = 0.02, fixed = 0.25, max = 20 }
monthly = { hosting = 20, tools = 29 }
tax_rate = 0.25
[[costs.one_off]]
month = 6
amount = 50
label = "domain"
"#;
        let scenario = parse(text, "t.toml").unwrap();
        let outcomes = simulate(&scenario, &Control::default()).unwrap();
        let report = summarize(&scenario, "t.toml", &outcomes, &Percentile::DEFAULT);
        let w = waterfall(&report, 5).unwrap();
        assert_eq!(w.month, 6);
        let sum: f64 = w.steps.iter().map(|s| s.amount).sum();
        assert!((sum - w.net_profit).abs() < 1e-9 * w.income.abs().max(1.0), "{sum} vs {}", w.net_profit);
        let labels: Vec<&str> = w.steps.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Revenue",
                "Commission earned",
                "Platform cost",
                "Platform kickback",
                "Payment fees",
                "Payout fees",
                "Running and one-off costs",
                "Tax set-aside"
            ]
        );
        let costs = w.steps.iter().find(|s| s.metric == Metric::Costs).unwrap();
        assert!((costs.amount + 99.0).abs() < 1e-9, "monthly $49 and the $50 one-off: {}", costs.amount);
        let shares: f64 = w.steps.iter().filter_map(|s| s.share_of_income).sum();
        assert!((shares - w.net_share_of_income.unwrap()).abs() < 1e-9);
    }
}
