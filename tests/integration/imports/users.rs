//! The users' own months (docs/model.md §1) as their exports: the reseller's six months as a
//! Stripe payments export, a Notion page of weekly rows and a European spreadsheet; the
//! creator's three as a commission ledger, a Notion page and a European spreadsheet. Each
//! gives the history of `scenarios/history.csv` or `scenarios/creator-history.csv` (every
//! value the file has; an export without a column says nothing about it).

use sidecast::actuals::{Column, History, ReadOptions};
use sidecast::import::{Options, Source, import};

use super::fixtures::{self, dollars, euros};
use super::round_trips::{file, input};

const RESELLER: &str = include_str!("../../../scenarios/history.csv");
const CREATOR: &str = include_str!("../../../scenarios/creator-history.csv");

/// Every value `expected` has equals `actual`'s in the same column and month.
fn same_history(actual: &History, expected: &History, columns: &[Column], what: &str) {
    assert_eq!(actual.months().len(), expected.months().len(), "{what}: months");
    for (a, e) in actual.months().iter().zip(expected.months()) {
        assert_eq!(a.month, e.month, "{what}");
        for &c in columns {
            if let Some(v) = e.get(c) {
                assert_eq!(a.get(c), Some(v), "{what}: {} in month {}", c.name(), e.month);
            }
        }
    }
}

fn shipped(text: &str) -> History {
    History::parse_csv(text, "scenarios").unwrap()
}

/// The reseller's months as (revenue, COGS, hours, customers) in cents and hundredths.
fn reseller_months() -> Vec<(i64, i64, i64, Option<u64>)> {
    shipped(RESELLER)
        .months()
        .iter()
        .map(|m| {
            let c = |v: Option<f64>| (v.unwrap_or(0.0) * 100.0).round() as i64;
            (c(m.revenue), c(m.cogs), c(m.hours), m.customers)
        })
        .collect()
}

/// Three customers in month 1, five in month 2, then two more a month and one in month 6
/// (12), none leaving; each month's revenue shared among them to the cent.
fn reseller_stripe() -> String {
    let arrivals = [3usize, 2, 2, 2, 2, 1];
    let months = reseller_months();
    let mut out =
        String::from("id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\n");
    let mut customers = 0;
    let mut id = 0;
    for (m, &(revenue, ..)) in months.iter().enumerate() {
        customers += arrivals[m];
        let share = revenue / customers as i64;
        for c in 0..customers {
            let cents = if c == 0 { revenue - share * (customers as i64 - 1) } else { share };
            id += 1;
            out.push_str(&format!(
                "ch_{id},2026-{:02}-{:02} 09:30,\"{}\",0.00,usd,Paid,cus_{c},c{c}@example.com\n",
                m + 1,
                c + 1,
                dollars(cents, true)
            ));
            if c == 1 {
                id += 1;
                out.push_str(&format!(
                    "ch_{id},2026-{:02}-28 09:30,\"{}\",0.00,usd,Failed,cus_{c},c{c}@example.com\n",
                    m + 1,
                    dollars(cents, true)
                ));
            }
        }
    }
    out
}

#[test]
fn the_resellers_six_months_as_exports_give_the_shipped_history() {
    let expected = shipped(RESELLER);
    let imported = import(Source::Stripe, &[input("payments.csv", reseller_stripe())], &Options::default()).unwrap();
    let history = History::parse_csv(file(&imported, "history.csv"), "history.csv").unwrap();
    same_history(&history, &expected, &[Column::Revenue, Column::Customers], "Stripe export");
    assert_eq!(imported.summary.rows_read - imported.summary.rows_counted, 6, "one failed charge a month, left out");
    // The shipped example export (README, "Your own numbers"): the same months, with three
    // customers who left and a refunded charge.
    let example = include_str!("../../../scenarios/stripe-payments.csv").to_string();
    let options = Options { tier_column: Some("tier".into()), ..Options::default() };
    let imported = import(Source::Stripe, &[input("stripe-payments.csv", example)], &options).unwrap();
    let history = History::parse_csv(file(&imported, "history.csv"), "history.csv").unwrap();
    same_history(&history, &expected, &[Column::Revenue, Column::Customers], "scenarios/stripe-payments.csv");
    let churned: Vec<Option<u64>> = history.months().iter().map(|m| m.churned).collect();
    assert_eq!(churned, [Some(0), Some(0), Some(1), Some(1), Some(1), Some(0)]);
    let months = reseller_months();
    let all = [Column::Revenue, Column::Cogs, Column::GrossProfit, Column::Hours, Column::Customers];
    for (name, text) in [("notion.csv", fixtures::notion_weekly(&months)), ("sheet.csv", fixtures::european(&months))] {
        let reading = History::read(&text, name, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_history(&reading.history, &expected, &all, name);
    }
}

/// The creator's commissions: three referrals in month 1 ($47), two more in month 2 ($112 with
/// the renewals), one more in month 3 ($186); a voided commission and a payout in month 3.
fn creator_ledger() -> String {
    let rows = [
        ("2026-01-04", "ana@example.com", 1200, "paid", "2026-03-01"),
        ("2026-01-09", "ben@example.com", 1500, "paid", "2026-03-01"),
        ("2026-01-20", "cy@example.com", 2000, "paid", "2026-03-01"),
        ("2026-02-04", "ana@example.com", 1200, "due", ""),
        ("2026-02-09", "ben@example.com", 1500, "due", ""),
        ("2026-02-20", "cy@example.com", 2000, "due", ""),
        ("2026-02-11", "dee@example.com", 3000, "due", ""),
        ("2026-02-12", "eve@example.com", 3500, "due", ""),
        ("2026-02-13", "fay@example.com", 900, "voided", ""),
        ("2026-03-04", "ana@example.com", 1200, "pending", ""),
        ("2026-03-09", "ben@example.com", 1500, "pending", ""),
        ("2026-03-20", "cy@example.com", 2000, "pending", ""),
        ("2026-03-11", "dee@example.com", 3000, "pending", ""),
        ("2026-03-12", "eve@example.com", 3500, "pending", ""),
        ("2026-03-15", "gus@example.com", 7400, "pending", ""),
    ];
    let mut out = String::from("date,referral,amount,status,paid_at,plan\n");
    for (date, who, cents, status, paid) in rows {
        out.push_str(&format!("{date},{who},{},{status},{paid},pro\n", dollars(cents, false)));
    }
    out
}

#[test]
fn the_creators_three_months_as_exports_give_the_shipped_history() {
    let expected = shipped(CREATOR);
    let imported = import(Source::Commissions, &[input("ledger.csv", creator_ledger())], &Options::default()).unwrap();
    let history = History::parse_csv(file(&imported, "history.csv"), "history.csv").unwrap();
    same_history(&history, &expected, &[Column::Commission], "commission ledger");
    assert_eq!(history.month(3).and_then(|m| m.commission_paid), Some(47.0), "month 1's commissions, paid in month 3");
    assert_eq!(history.months().iter().map(|m| m.subscribers).collect::<Vec<_>>(), [Some(3), Some(5), Some(6)]);
    let weekly = "\u{feff}Name,Date,Commission\nWk 1,\"January 9, 2026\",$20.00\nWk 2,\"January 30, 2026\",$27.00\n\
                  Wk 3,\"February 13, 2026\",$56.00\nWk 4,\"February 27, 2026\",$56.00\nWk 5,\"March 27, 2026\",$186.00\n";
    let sheet = format!("Month;Commission\n01.2026;{} €\n", euros(4700)).replace("01.2026", "31.01.2026")
        + &format!("28.02.2026;{} €\n31.03.2026;{} €\n", euros(11200), euros(18600));
    for (name, text) in [("notion.csv", weekly.to_string()), ("sheet.csv", sheet)] {
        let reading = History::read(&text, name, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_history(&reading.history, &expected, &[Column::Commission], name);
    }
}
