use super::*;

const SCENARIO: &str = r#"
name = "t"
horizon_months = 12
trajectories = 100
seed = 3
[reseller]
initial_customers = { only = 10 }
arrivals = { ci90 = [0.5, 3] }
churn = 0.1
[reseller.tiers.only]
markup = 0.2
spend = 100
"#;

fn setup(history: &str) -> Result<Setup, SetupError> {
    let scenario = crate::scenario::parse(SCENARIO, "t.toml").unwrap();
    let history = History::parse_csv(history, "h.csv").unwrap();
    Setup::new(&scenario, &history, "t.toml")
}

#[test]
fn gross_profit_counts_only_in_months_without_revenue_and_cogs() {
    let s = setup("month,revenue,cogs,gross_profit,customers\n1,1200,1000,200,10\n2,,,210,\n").unwrap();
    let columns: Vec<Column> = s.entries().iter().map(|e| e.column).collect();
    let all = [Column::Revenue, Column::Cogs, Column::GrossProfit, Column::Customers];
    assert_eq!(columns, all.repeat(2));
    // Month 1: revenue and COGS say it; month 2: only gross profit does.
    assert_eq!(s.observed(), [Some(1200.0), Some(1000.0), None, Some(10.0), None, None, Some(210.0), None]);
    assert_eq!(s.horizon(), 2);
    assert_eq!(s.parameters.len(), 1);
    // A column with no value at all is left out.
    let blank = setup("month,revenue,commission\n1,1200,\n").unwrap();
    assert_eq!(blank.entries().len(), 1);
}

#[test]
fn a_simulation_is_one_trajectory_with_the_parameters_pinned() {
    let s = setup("month,customers\n1,10\n2,11\n3,12\n").unwrap();
    let a = s.simulate(&[2.0], 7);
    // Three counts, then the squared changes between them (the turnover).
    assert_eq!(a.len(), 5);
    assert!(a[0].unwrap() >= 10.0, "{a:?}");
    assert_eq!(a, s.simulate(&[2.0], 7));
    let counts: Vec<f64> = a[..3].iter().flatten().copied().collect();
    assert_eq!(a[3], Some((counts[1] - counts[0]).powi(2)));
    assert_eq!(a[4], Some((counts[2] - counts[1]).powi(2)));
    assert_eq!(s.observed()[3..], [Some(1.0), Some(1.0)]);
    // No arrivals at all: only churn moves the count, which never grows.
    let none = s.simulate(&[0.0], 7);
    assert_eq!(none[0], Some(10.0));
    assert!(none[..3].windows(2).all(|w| w[1] <= w[0]), "{none:?}");
}

#[test]
fn a_history_outside_the_scenario_months_is_refused() {
    assert!(matches!(setup("month,customers\n13,5\n"), Err(SetupError::AfterEnd { month: 13, last: 12 })));
    assert!(matches!(setup("month,commission\n1,5\n"), Err(SetupError::NotModelled { .. })));
}

#[test]
fn the_reason_for_simulation_names_the_columns_in_a_sentence() {
    let scenario = crate::scenario::parse(SCENARIO, "t.toml").unwrap();
    assert_eq!(
        inexact_reasons(&scenario, &[Column::Revenue, Column::Customers]),
        [
            "the history's revenue comes from every customer's spend, tier and effort, whose likelihood has no closed form"
        ]
    );
    let two = inexact_reasons(&scenario, &[Column::Revenue, Column::Hours]);
    assert!(two[0].starts_with("the history's revenue, hours come from"), "{two:?}");
    assert!(inexact_reasons(&scenario, &[Column::Customers]).is_empty());
}

/// Issue 25 §1: a proposal deep in a prior's tail (a billion arrivals a month) is rejected
/// without being simulated, so it costs neither the memory nor the time of the calibration;
/// proposals within the cap are simulated as before.
#[test]
fn a_proposal_beyond_the_cap_is_rejected_unsimulated() {
    use crate::summarize::admission::{Cap, Limits};
    let limits = Limits { max_population: 10_000.0, max_memory: 1e9, max_seconds: 3600.0 };
    let s = setup("month,customers\n1,10\n2,11\n3,12\n").unwrap().with_cap(Cap::per_simulation(&limits, 1000));
    let started = std::time::Instant::now();
    let refused = s.simulate(&[1e9], 7);
    assert!(refused.len() == s.observed().len() && refused.iter().all(Option::is_none), "{refused:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "it was simulated: {:?}", started.elapsed());
    let ordinary = s.simulate(&[2.0], 7);
    assert!(ordinary.iter().all(Option::is_some), "{ordinary:?}");
    assert_eq!(ordinary, setup("month,customers\n1,10\n2,11\n3,12\n").unwrap().simulate(&[2.0], 7));
    // The time limit shares out over the simulations, run one after another whatever the
    // machine: 100,000 of them within a second leave each about 333 customer-months, too few
    // for 100,000 arrivals a month and enough for two.
    let tight = Cap::per_simulation(&Limits { max_seconds: 1.0, ..limits }, 100_000);
    let s = setup("month,customers\n1,10\n2,11\n3,12\n").unwrap().with_cap(tight);
    assert!(s.simulate(&[1e5], 7).iter().all(Option::is_none));
    assert!(s.simulate(&[2.0], 7).iter().all(Option::is_some));
}

/// A history of money alone has a turnover too: the squared change between recorded
/// months, from the simulated record (before, money had none, and a revenue-only history
/// was as biased as counts without theirs).
#[test]
fn money_has_a_turnover_like_the_counts() {
    let s = setup("month,revenue\n1,1000\n2,1300\n3,\n4,1100\n").unwrap();
    assert_eq!(s.observed()[4..], [Some(90_000.0), Some(40_000.0)], "months 1-2 and 2-4, the blank skipped");
    let a = s.simulate(&[2.0], 7);
    assert_eq!(a.len(), 6);
    let revenue: Vec<f64> = [a[0], a[1], a[3]].iter().map(|v| v.unwrap()).collect();
    assert_eq!(a[4], Some((revenue[1] - revenue[0]).powi(2)));
    assert_eq!(a[5], Some((revenue[2] - revenue[1]).powi(2)));
}

/// The evidence names the months each column takes part in: the last month's churned are
/// still active, and with a `reactivated` column a month's arrivals need both it and
/// `new_customers`; a column in no month is left out with the reason.
#[test]
fn the_evidence_counts_the_months_a_column_takes_part_in() {
    let s = setup("month,customers,new_customers,churned,reactivated\n1,11,1,1,0\n2,11,1,1,\n3,11,1,1,0\n").unwrap();
    let e = s.evidence();
    let months: Vec<(&str, usize)> = e.columns.iter().map(|c| (c.column.as_str(), c.months)).collect();
    assert_eq!(months, [("customers", 3), ("new_customers", 2), ("churned", 2), ("reactivated", 2)]);
    assert!(e.left_out.is_empty(), "{:?}", e.left_out);
    let alone = setup("month,customers,reactivated\n1,11,0\n2,12,1\n").unwrap().evidence();
    assert_eq!(alone.columns.iter().map(|c| c.column.as_str()).collect::<Vec<_>>(), ["customers"]);
    assert_eq!(alone.left_out.len(), 1);
    assert_eq!(alone.left_out[0].column, "reactivated");
    assert!(alone.left_out[0].reason.contains("only beside new_customers"), "{:?}", alone.left_out);
    let last = setup("month,customers,churned\n1,11,\n2,12,1\n").unwrap().evidence();
    assert_eq!(last.left_out[0].column, "churned");
    assert!(last.left_out[0].reason.contains("still active"), "{:?}", last.left_out);
}
