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
        (
            "month,profit\n1,640\n",
            "history.csv line 1: unknown column `profit` holds numbers (`640`); known columns: month (or date),",
        ),
        ("month,hours,Hours\n1,2,3\n", "history.csv line 1: column `hours` appears twice"),
        (
            "month,revenue\n1,640\n2,1180\n3,1950\n4,12a\n",
            "history.csv line 5, column `revenue`: `12a` is not a number",
        ),
        (
            "month,revenue\n1,640\n3,1950\n2,1180\n",
            "history.csv: 2 problems, each listed:\n  line 3, column `month`: month 3 follows month 1; months must be consecutive",
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
        ("month,revenue\n1,1,180\n", "history.csv line 2: 3 cells but the header has 2 columns"),
        (
            "month,hours\n1,$4\n",
            "history.csv line 2, column `hours`: `$4` is not a number of hours: it has a currency sign",
        ),
        ("month,revenue\n1,1e3\n", "history.csv line 2, column `revenue`: `1e3` is not a number"),
        ("month,hours\n1,-2\n", "history.csv line 2, column `hours`: -2 is negative"),
        ("month,customers\n1,2.5\n", "history.csv line 2, column `customers`: `2.5` is not a whole number"),
        ("month,revenue\n1,12a\n2,x\n", "history.csv: 2 problems, each listed:\n  line 2, column `revenue`: `12a`"),
        ("month,revenue\n", "history.csv: no months after the header"),
        // A misspelled column and the rows' problems, all at once (the header's used to
        // hide the rest).
        (
            "month,revnue,customers,widgets\n1,640,2.5,7\n",
            "history.csv: 3 problems, each listed:\n  line 1: unknown column `revnue` (did you mean `revenue`?)",
        ),
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

fn read(text: &str, options: &ReadOptions) -> Reading {
    History::read(text, "h.csv", options).unwrap_or_else(|e| panic!("{e}"))
}

fn money(history: &History, column: Column) -> Vec<Option<f64>> {
    history.months().iter().map(|m| m.get(column)).collect()
}

#[test]
fn a_european_spreadsheet_reads_as_the_shipped_history() {
    let expected = History::parse_csv(EXAMPLE, "history.csv").unwrap();
    let text = "\u{feff}Month;Revenue;COGS;Gross profit;Hours;Customers\n\
                1;640,00 €;544,00 €;96,00 €;18;3\n2;1.180,00 €;1.003,00 €;177,00 €;6;5\n3;1.950 €;1.657 €;293 €;4;\n\
                4;2.410,00 €;2.048,00 €;362,00 €;5;\n5;3.125,00 €;2.656,00 €;469,00 €;3;\n6;3.890,00 €;3.307,00 €;583,00 €;4;12\n";
    let reading = read(text, &ReadOptions::default());
    assert_eq!(reading.history.months(), expected.months());
    let notes = reading.notes.join("\n");
    assert!(notes.contains("separated by `;`") && notes.contains("decimal commas"), "{notes}");
    assert!(notes.contains("amounts written in €"), "{notes}");
    // The same with tabs and a decimal-comma flag.
    let tabs = text.replace(';', "\t").replace(" €", "");
    let options = ReadOptions { decimal_comma: true, ..ReadOptions::default() };
    assert_eq!(read(&tabs, &options).history.months(), expected.months());
}

#[test]
fn weekly_notion_rows_add_up_money_and_take_the_last_count() {
    let text = "Name,Date,Revenue,Hours,Customers,New customers\n\
                Week 2,\"January 16, 2026\",\"$300.50\",2,3,1\n\
                Week 1,\"January 9, 2026\",\"$339.50\",16,2,2\n\
                Week 5,\"February 6, 2026\",\"$1,180.00\",6,5,2\n";
    let reading = read(text, &ReadOptions::default());
    let h = &reading.history;
    assert_eq!(money(h, Column::Revenue), [Some(640.0), Some(1180.0)]);
    assert_eq!(money(h, Column::Hours), [Some(18.0), Some(6.0)]);
    assert_eq!(money(h, Column::Customers), [Some(3.0), Some(5.0)], "the later row by date, not by line");
    assert_eq!(money(h, Column::NewCustomers), [Some(3.0), Some(2.0)], "flows add up");
    assert_eq!(h.calendar().map(|c| c.label(2)), Some("Feb 2026".to_string()));
    let notes = reading.notes.join("\n");
    assert!(notes.contains("ignored column `Name`"), "{notes}");
    assert!(notes.contains("start in Jan 2026, taken as month 1"), "{notes}");
    assert!(notes.contains("several rows in a month (1-2 a month)"), "{notes}");
}

#[test]
fn a_refund_week_is_added_up_and_a_month_below_zero_is_refused() {
    // A week of refunds, `($12.00)`, in a month that earns: the month's money adds up.
    let text = "Date,Revenue,Cost of goods\n\"March 6, 2026\",$300.00,$255.00\n\"March 13, 2026\",($12.00),$0.00\n";
    let reading = read(text, &ReadOptions::default());
    assert_eq!(money(&reading.history, Column::Revenue), [Some(288.0)]);
    // A month whose revenue adds up below 0 is refused, naming the month and its lines.
    let text = "date,revenue,cogs\n2026-01-09,640,544\n2026-02-06,100,20\n2026-02-13,(120.00),0\n";
    let message = History::parse_csv(text, "h.csv").unwrap_err().to_string();
    assert!(message.contains("h.csv: month 2: revenue adds up to -20 (lines 3, 4); it cannot be below 0"), "{message}");
    // Hours and counts are never negative, in any row.
    let message = History::parse_csv("date,hours\n2026-01-09,4\n2026-01-16,-1\n", "h.csv").unwrap_err().to_string();
    assert!(message.contains("-1 is negative"), "{message}");
}

#[test]
fn dates_map_through_the_scenarios_first_month() {
    let first = crate::text::calendar::YearMonth::new(2025, 11);
    let options = ReadOptions { first_month: first, ..ReadOptions::default() };
    for months in ["2026-01\n2026-02", "Jan 2026\nFeb 2026", "2026-01-31\n2026-02-28", "31/01/2026\n28/02/2026"] {
        let text = format!("month,revenue\n{}\n", months.replace('\n', ",640\n") + ",1180");
        let history = read(&text, &options).history;
        assert_eq!(history.months()[0].month, 3, "{months}: Nov 2025 is month 1");
        assert_eq!(money(&history, Column::Revenue), [Some(640.0), Some(1180.0)]);
    }
    let message = History::read("date,revenue\n2025-10-15,1\n", "h.csv", &options).unwrap_err().to_string();
    assert!(message.contains("Oct 2025 is before the scenario's first_month 2025-11"), "{message}");
    // sidecast import's own form: month numbers and dates side by side.
    let imported = "month,date,revenue\n1,2026-01,640\n2,2026-02,1180\n";
    assert_eq!(read(imported, &ReadOptions::default()).history.months()[0].month, 1);
    let renumbered = read(imported, &options);
    assert_eq!(renumbered.history.months()[0].month, 3);
    assert!(renumbered.notes.iter().any(|n| n.contains("months from the `date` column")), "{:?}", renumbered.notes);
    let same = ReadOptions { first_month: crate::text::calendar::YearMonth::new(2026, 1), ..ReadOptions::default() };
    assert!(read(imported, &same).notes.is_empty(), "numbers and dates agree: nothing to say");
}

#[test]
fn every_bad_cell_is_named_in_one_message() {
    let text = "month,revenue,hours,customers\n1,12a,3,2\n2,640,-1,2.5\n3,15%,x,4\n";
    let message = History::parse_csv(text, "h.csv").unwrap_err().to_string();
    for needle in [
        "h.csv: 5 problems",
        "line 2, column `revenue`: `12a` is not a number",
        "line 3, column `hours`: -1 is negative",
        "line 3, column `customers`: `2.5` is not a whole number",
        "line 4, column `revenue`: `15%` is a percentage",
        "line 4, column `hours`: `x` is not a number; write a number such as 4.5",
    ] {
        assert!(message.contains(needle), "{needle} in\n{message}");
    }
    let gap = History::parse_csv("date,revenue\n2026-01,1\n2026-04,2\n", "h.csv").unwrap_err().to_string();
    assert!(gap.contains("no row in Feb 2026 (month 2), Mar 2026 (month 3)"), "{gap}");
    let mixed = History::parse_csv("date,revenue\n13/01/2026,1\n01/13/2026,2\n", "h.csv").unwrap_err().to_string();
    assert!(mixed.contains("mixes day-first dates (`13/01/2026`) and month-first dates (`01/13/2026`)"), "{mixed}");
    let money = History::parse_csv("month,revenue\n1,\"1,180.50\"\n2,\"3,5\"\n", "h.csv").unwrap_err().to_string();
    assert!(money.contains("decimal points (`1,180.50`) and with decimal commas (`3,5`)"), "{money}");
    let currencies = History::parse_csv("month,revenue\n1,$5\n2,5 €\n", "h.csv").unwrap_err().to_string();
    assert!(currencies.contains("more than one currency: $ (line 2) and € (line 3)"), "{currencies}");
}

#[test]
fn thousands_separators_and_derived_columns_are_read_as_a_spreadsheet_means_them() {
    let text = "Month,Revenue,$/hour,Notes\n1,\"$1,180.00\",29.50,first month\n";
    let reading = read(text, &ReadOptions::default());
    assert_eq!(reading.history.months()[0].revenue, Some(1180.0));
    let notes = reading.notes.join("\n");
    assert!(notes.contains("ignored column `$/hour`: sidecast computes it"), "{notes}");
    assert!(notes.contains("ignored column `Notes`: text"), "{notes}");
    let near = History::parse_csv("Month,Gross proft\n1,5\n", "h.csv").unwrap_err().to_string();
    assert!(near.contains("did you mean `gross_profit`"), "{near}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a spreadsheet holds, reading it gives a history or problems, never a panic.
        #[test]
        fn any_text_reads_or_is_refused(
            header in prop::sample::select(vec!["month,revenue,hours,customers", "Date;Revenue;Customers", "date\trevenue\tnotes", "Name,Date,Revenue,Customers"]),
            rows in prop::collection::vec("[0-9a-zA-Z ,.;$€%/:\\-\t\"]{0,40}", 0..12),
            first in prop::option::of((1990i32..2100, 1u32..13)),
            comma in any::<bool>(),
        ) {
            let text = format!("{header}\n{}", rows.join("\n"));
            let options = ReadOptions {
                first_month: first.and_then(|(y, m)| crate::text::calendar::YearMonth::new(y, m)),
                decimal_comma: comma,
            };
            if let Ok(reading) = History::read(&text, "h.csv", &options) {
                prop_assert!(!reading.history.months().is_empty());
            }
        }
    }
}
