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
    let columns: Vec<Column> = s.entries.iter().map(|e| e.column).collect();
    let all = [Column::Revenue, Column::Cogs, Column::GrossProfit, Column::Customers];
    assert_eq!(columns, all.repeat(2));
    // Month 1: revenue and COGS say it; month 2: only gross profit does.
    assert_eq!(s.observed, [Some(1200.0), Some(1000.0), None, Some(10.0), None, None, Some(210.0), None]);
    assert_eq!(s.horizon(), 2);
    assert_eq!(s.parameters.len(), 1);
    // A column with no value at all is left out.
    let blank = setup("month,revenue,commission\n1,1200,\n").unwrap();
    assert_eq!(blank.entries.len(), 1);
}

#[test]
fn a_simulation_is_one_trajectory_with_the_parameters_pinned() {
    let s = setup("month,customers\n1,10\n2,11\n3,12\n").unwrap();
    let a = s.simulate(&[2.0], 7);
    assert_eq!(a.len(), 3);
    assert!(a[0].unwrap() >= 10.0, "{a:?}");
    assert_eq!(a, s.simulate(&[2.0], 7));
    // No arrivals at all: only churn moves the count, which never grows.
    let none = s.simulate(&[0.0], 7);
    assert_eq!(none[0], Some(10.0));
    assert!(none.windows(2).all(|w| w[1] <= w[0]), "{none:?}");
}

#[test]
fn a_history_outside_the_scenario_months_is_refused() {
    assert!(matches!(setup("month,customers\n13,5\n"), Err(SetupError::AfterEnd { month: 13, last: 12 })));
    assert!(matches!(setup("month,commission\n1,5\n"), Err(SetupError::NotModelled { .. })));
}
