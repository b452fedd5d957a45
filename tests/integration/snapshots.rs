//! Snapshot tests (insta) of a tiny seeded run: the JSON, CSV and Markdown exporters and the
//! terminal table, so that any change to the numbers or their presentation shows up in
//! review as a diff. Review changes with `cargo insta review` (or accept with
//! `INSTA_UPDATE=always cargo test`).

use sidecast::export::{
    csv::run_percentiles as percentiles_csv,
    json::to_json,
    markdown::{Image, summary_markdown},
};
use sidecast::metric::Metric;
use sidecast::present::terminal::run as table;

use crate::common::run;

const TINY: &str = r#"
name = "Tiny seeded run"
horizon_months = 3
trajectories = 40
seed = 7
[reseller]
initial_customers = { starter = 3, growth = 1 }
arrivals = 1.0
arrival_mix = { starter = 0.8, growth = 0.2 }
churn = 0.1
[reseller.kickback]
first_order = 0.15
recurring = 0.08
[reseller.tiers.starter]
markup = 0.15
minimum = 50
spend = { median = 120, ci90 = [60, 300] }
support_hours = 0.15
upgrade = { to = "growth", probability = 0.35, within_months = 3 }
[reseller.tiers.growth]
markup = 0.20
minimum = 200
spend = { median = 400, ci90 = [200, 900] }
support_hours = 0.3
[affiliate]
signups = 3
payout_threshold = 50
[affiliate.commission]
first_order = 0.15
recurring = 0.08
[affiliate.plans.pro]
price = 19.99
churn = 0.08
[effort]
fixed_hours = 1
setup_hours = [10]
[[targets]]
metric = "gross_profit"
at_least = 150
month = 2
"#;

#[test]
fn summary_json() {
    let report = run(TINY);
    insta::assert_snapshot!(String::from_utf8(to_json(&report).unwrap()).unwrap());
}

#[test]
fn percentiles_csv_head() {
    let report = run(TINY);
    let csv = String::from_utf8(percentiles_csv(&report).unwrap()).unwrap();
    let head: Vec<&str> = csv.lines().filter(|l| l.starts_with("gross_profit,") || l.starts_with("metric,")).collect();
    insta::assert_snapshot!(head.join("\n"));
}

#[test]
fn markdown_and_terminal_table() {
    let report = run(TINY);
    let metrics = [Metric::GrossProfit, Metric::CumulativeGrossProfit, Metric::ActiveCustomers];
    let md = summary_markdown(
        &report,
        &["An assumption".to_string()],
        &metrics,
        &[Image { file: "fan-gross-profit.png".into(), alt: "Gross profit per month".into() }],
    );
    insta::assert_snapshot!("markdown", md);
    insta::assert_snapshot!("table", table::render(&report));
}
