//! Tests of the history reader and summary, including the shipped example.

use super::*;

const EXAMPLE: &str = include_str!("../../scenarios/history.csv");

#[test]
fn the_shipped_example_gives_the_users_totals() {
    let history = History::parse_csv(EXAMPLE, "history.csv").unwrap();
    let s = history.summary();
    assert_eq!((s.first_month, s.last_month, s.months), (1, 6, 6));
    assert_eq!(s.revenue, Some(13_195.0));
    assert_eq!(s.cogs, Some(11_215.0));
    assert_eq!(s.gross_profit, Some(1_980.0));
    assert_eq!(s.hours, Some(40.0));
    assert_eq!(s.hourly_rate, Some(49.5));
    assert_eq!(s.commission, None);
    assert_eq!(s.latest_customers, Some((6, 12)));
    let month2 = history.month(2).unwrap();
    assert_eq!(month2.customers, Some(5));
    assert_eq!(month2.hourly_rate(), Some(29.5));
    assert_eq!(history.month(3).unwrap().customers, None);
    assert!(history.month(7).is_none() && history.month(0).is_none());
    assert_eq!(history.columns().len(), 5);
}

#[test]
fn derives_gross_profit_accepts_dollars_and_empty_cells() {
    let text = " Month , Revenue,COGS,Hours,Commission\n4,$640,$544,0,\n5,1180.5,1003.5,,12\n6,,,2,-$0\n";
    let history = History::parse_csv(text, "h.csv").unwrap();
    let [m4, m5, m6] = history.months() else { panic!("three months") };
    assert_eq!((m4.gross_profit, m4.gross_profit_derived), (Some(96.0), true));
    assert_eq!(m4.hourly_rate(), None, "0 hours: undefined, not inf");
    assert_eq!(m5.earnings(), Some(189.0));
    assert_eq!(m5.hourly_rate(), None, "unknown hours");
    assert_eq!((m6.gross_profit, m6.earnings(), m6.hourly_rate()), (None, Some(0.0), Some(0.0)));
    let s = history.summary();
    assert_eq!((s.gross_profit, s.commission, s.hours), (Some(273.0), Some(12.0), Some(2.0)));
    assert_eq!(s.hourly_rate, Some(96.0 / 2.0), "months 4 and 6 have both earnings and hours");
}

#[test]
fn negative_gross_profit_is_allowed() {
    let history = History::parse_csv("month,gross_profit\n1,-$20\n", "h.csv").unwrap();
    assert_eq!(history.months()[0].gross_profit, Some(-20.0));
}

#[test]
fn rejects_malformed_files_naming_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("revenue,cogs\n640,544\n", "history.csv line 1: no `month` column"),
        ("month,revnue\n1,640\n", "history.csv line 1: unknown column `revnue` (did you mean `revenue`?)"),
        ("month,profit\n1,640\n", "history.csv line 1: unknown column `profit`; known columns: month,"),
        ("month,hours,Hours\n1,2,3\n", "history.csv line 1: column `hours` appears twice"),
        (
            "month,revenue\n1,640\n2,1180\n3,1950\n4,12a\n",
            "history.csv line 5, column `revenue`: `12a` is not a number",
        ),
        (
            "month,revenue\n1,640\n3,1950\n2,1180\n",
            "history.csv line 3, column `month`: month 3 follows month 1; months must be consecutive",
        ),
        (
            "month,revenue\n2,640\n1,1180\n",
            "history.csv line 3, column `month`: month 1 comes after month 2; rows must be in increasing month order",
        ),
        (
            "month,revenue\n1,640\n1,1180\n",
            "history.csv line 3, column `month`: month 1 appears twice (also on line 2)",
        ),
        ("month,revenue\n0,640\n", "history.csv line 2, column `month`: `0` is not a month number"),
        ("month,revenue\n1.5,640\n", "history.csv line 2, column `month`: `1.5` is not a month number"),
        ("month,revenue\n,640\n", "history.csv line 2, column `month`: the month is empty"),
        ("month,revenue\n1,\"1,180\"\n", "history.csv line 2, column `revenue`: `1,180` has a thousands separator"),
        ("month,revenue\n1,1,180\n", "history.csv line 2: 3 cells but the header has 2 columns"),
        (
            "month,hours\n1,$4\n",
            "history.csv line 2, column `hours`: `$4` is not a number; write plain numbers such as 1180 or 1180.50\n",
        ),
        ("month,revenue\n1,1e3\n", "history.csv line 2, column `revenue`: `1e3` is not a number"),
        ("month,hours\n1,-2\n", "history.csv line 2, column `hours`: -2 is negative"),
        ("month,customers\n1,2.5\n", "history.csv line 2, column `customers`: `2.5` is not a whole number"),
        ("month,revenue\n", "history.csv: no months after the header"),
        ("", "history.csv: no header line"),
    ];
    for (text, expected) in cases {
        let message = History::parse_csv(text, "history.csv").unwrap_err().to_string() + "\n";
        assert!(message.starts_with(expected), "for {text:?}:\n  got  {message}  want {expected}");
    }
}

#[test]
fn comment_lines_keep_line_numbers_true() {
    let text = "# reseller actuals\nmonth,revenue\n1,640\n2,x\n";
    let message = History::parse_csv(text, "h.csv").unwrap_err().to_string();
    assert!(message.starts_with("h.csv line 4, column `revenue`"), "{message}");
}

#[test]
fn reads_the_flows_and_commission_paid() {
    let text = "month,customers,new_customers,churned,reactivated,subscribers,new_subscribers,cancelled,commission,commission_paid\n\
                1,3,3,0,0,10,10,0,47,0\n2,5,3,1,1,14,6,2,112,$159\n";
    let history = History::parse_csv(text, "h.csv").unwrap();
    assert_eq!(history.columns()[..2], [Column::Customers, Column::NewCustomers]);
    assert_eq!(history.columns().len(), 9);
    let m2 = history.month(2).unwrap();
    assert_eq!((m2.customers, m2.new_customers, m2.churned, m2.reactivated), (Some(5), Some(3), Some(1), Some(1)));
    assert_eq!((m2.subscribers, m2.new_subscribers, m2.cancelled), (Some(14), Some(6), Some(2)));
    assert_eq!((m2.commission, m2.commission_paid), (Some(112.0), Some(159.0)));
    assert_eq!(m2.get(Column::Cancelled), Some(2.0));
    let message = History::parse_csv("month,churned\n1,0.5\n", "h.csv").unwrap_err().to_string();
    assert!(message.starts_with("h.csv line 2, column `churned`: `0.5` is not a whole number"), "{message}");
    let message = History::parse_csv("month,cancelled\n1,$2\n", "h.csv").unwrap_err().to_string();
    assert!(message.contains("`$2` is not a number"), "{message}");
}
