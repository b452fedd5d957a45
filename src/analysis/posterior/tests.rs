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
fn gross_profit_is_left_out_when_revenue_and_cogs_are_both_given() {
    let s = setup("month,revenue,cogs,gross_profit,customers\n1,1200,1000,200,10\n2,1300,1100,200,\n").unwrap();
    let columns: Vec<Column> = s.entries.iter().map(|e| e.column).collect();
    assert_eq!(columns, [Column::Revenue, Column::Cogs, Column::Customers].repeat(2));
    assert_eq!(s.observed[5], None);
    assert_eq!(s.horizon(), 2);
    assert_eq!(s.parameters.len(), 1);
    let gross = setup("month,gross_profit\n1,200\n").unwrap();
    assert_eq!(gross.entries[0].column, Column::GrossProfit);
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
