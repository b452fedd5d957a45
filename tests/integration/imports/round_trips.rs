//! Round trips: the simulated business written as each export, imported, and its monthly
//! numbers read back from `history.csv` exactly as `run --actuals` reads it, equal to the
//! business's own (to the cent and the count); cohorts as `fit retention` reads them.

use sidecast::actuals::{Column, History, ReadOptions};
use sidecast::analysis::inference::retention::parse_cohort_csv;
use sidecast::import::{Imported, Input, Options, Source, import};
use sidecast::text::calendar::YearMonth;

use super::business::{Affiliate, Reseller, Truth};
use super::fixtures::{self, Ledger, Locale, StripeVersion};

pub fn input(name: &str, text: String) -> Input {
    Input { name: name.to_string(), text }
}

pub fn file<'a>(imported: &'a Imported, name: &str) -> &'a str {
    imported.files.iter().find(|(n, _)| n == name).map_or_else(|| panic!("no {name}"), |(_, t)| t.as_str())
}

pub fn history(imported: &Imported) -> History {
    History::parse_csv(file(imported, "history.csv"), "history.csv").unwrap_or_else(|e| panic!("{e}"))
}

/// A column in cents (money) or as counts, one value per month.
pub fn cents(history: &History, column: Column) -> Vec<i64> {
    history.months().iter().map(|m| (m.get(column).unwrap_or(f64::NAN) * 100.0).round() as i64).collect()
}

pub fn counts(history: &History, column: Column) -> Vec<u64> {
    history.months().iter().map(|m| m.get(column).map_or(u64::MAX, |v| v as u64)).collect()
}

fn assert_reseller(imported: &Imported, truth: &Truth) {
    let h = history(imported);
    assert_eq!(cents(&h, Column::Revenue), truth.revenue, "revenue");
    assert_eq!(counts(&h, Column::Customers), truth.active, "customers");
    assert_eq!(counts(&h, Column::NewCustomers), truth.new, "new customers");
    assert_eq!(counts(&h, Column::Churned), truth.churned, "churned");
    assert_eq!(counts(&h, Column::Reactivated), truth.reactivated, "reactivated");
    let cohorts = parse_cohort_csv(file(imported, "cohorts.csv"), "cohorts.csv").unwrap_or_else(|e| panic!("{e}"));
    let read: Vec<Vec<u64>> =
        cohorts.cohorts().iter().map(|c| c.active().iter().map(|&v| v as u64).collect()).collect();
    let expected: Vec<Vec<u64>> = truth.cohorts.iter().map(|(_, c)| c.clone()).collect();
    assert_eq!(read, expected, "cohorts");
}

fn business() -> Reseller {
    let b = Reseller::simulate(17, 14, 3.0, 0.12, 0.06);
    let t = b.truth(false);
    assert!(
        t.reactivated.iter().sum::<u64>() >= 2 && t.churned.iter().sum::<u64>() >= 5,
        "the business has comebacks and leavers"
    );
    b
}

#[test]
fn a_stripe_export_in_either_version_gives_the_business_numbers() {
    let b = business();
    let truth = b.truth(false);
    let old = import(
        Source::Stripe,
        &[input("old.csv", fixtures::stripe_payments(&b, 5, StripeVersion::Old))],
        &Options::default(),
    )
    .unwrap();
    assert_reseller(&old, &truth);
    assert_eq!(old.summary.first_month, "2026-01");
    assert!(old.summary.ignored.iter().any(|i| i.reason.contains("failed")), "{:?}", old.summary.ignored);
    assert!(old.summary.ignored.iter().any(|i| i.reason.contains("fully refunded")), "{:?}", old.summary.ignored);
    let new_text = fixtures::stripe_payments(&b, 5, StripeVersion::New);
    let options = Options { currency: Some("usd".into()), ..Options::default() };
    let new = import(Source::Stripe, &[input("new.csv", new_text.clone())], &options).unwrap();
    assert_reseller(&new, &truth);
    assert!(new.summary.ignored.iter().any(|i| i.reason.contains("other currencies than USD")));
    // Without --currency, the mixed export is refused with what to do.
    let message =
        import(Source::Stripe, &[input("new.csv", new_text.clone())], &Options::default()).unwrap_err().to_string();
    assert!(message.contains("mixes currencies (USD (") && message.contains("--currency USD"), "{message}");
    // In two files that overlap by a row: each charge counts once.
    let (a, b2) = fixtures::split(&new_text, 7);
    let two = import(Source::Stripe, &[input("a.csv", a), input("b.csv", b2)], &options).unwrap();
    assert_reseller(&two, &truth);
    assert!(two.summary.ignored.iter().any(|i| i.reason.contains("repeated charges") && i.rows == 1));
}

#[test]
fn the_subscriptions_export_decides_churn() {
    let b = business();
    let with = b.truth(true);
    assert_ne!(with.churned, b.truth(false).churned, "the fixture has churn only the subscriptions show");
    let options =
        Options { subscriptions: Some(input("subs.csv", fixtures::stripe_subscriptions(&b))), ..Options::default() };
    let imported =
        import(Source::Stripe, &[input("p.csv", fixtures::stripe_payments(&b, 5, StripeVersion::Old))], &options)
            .unwrap();
    assert_reseller(&imported, &with);
}

#[test]
fn tiers_come_from_metadata_or_amount_bands() {
    let b = business();
    let export = fixtures::stripe_payments(&b, 5, StripeVersion::Old);
    let options = Options { tier_column: Some("tier".into()), ..Options::default() };
    let imported = import(Source::Stripe, &[input("p.csv", export.clone())], &options).unwrap();
    let rows = file(&imported, "customers.csv");
    for c in b.customers.iter().filter(|c| c.invoices.iter().any(|&i| i > 0)) {
        assert!(rows.contains(&format!("{},{},", c.id, c.tier)), "{} {} in\n{rows}", c.id, c.tier);
    }
    let bands =
        ["starter=..175", "growth=175..475", "studio=475.."].map(|t| sidecast::import::TierBand::parse(t).unwrap());
    let options = Options { tiers: bands.to_vec(), ..Options::default() };
    let imported = import(Source::Stripe, &[input("p.csv", export)], &options).unwrap();
    let rows = file(&imported, "customers.csv");
    assert!(
        rows.lines().skip(1).all(|r| ["starter", "growth", "studio"].iter().any(|t| r.contains(&format!(",{t},")))),
        "{rows}"
    );
}

#[test]
fn every_commission_ledger_gives_the_business_numbers() {
    let b = Affiliate::simulate(23, 12, 4.0, 0.15);
    let truth = b.truth();
    assert!(b.commissions.iter().any(|c| c.reversed.is_some()) && b.commissions.iter().any(|c| c.status == "voided"));
    for ledger in Ledger::ALL {
        let imported =
            import(Source::Commissions, &[input("ledger.csv", fixtures::ledger(&b, ledger))], &Options::default())
                .unwrap_or_else(|e| panic!("{ledger:?}: {e}"));
        let h = history(&imported);
        assert_eq!(cents(&h, Column::Commission), truth.earned, "{ledger:?} commission");
        if ledger.has_paid_dates() {
            assert_eq!(cents(&h, Column::CommissionPaid), truth.paid, "{ledger:?} paid");
        } else {
            assert!(!h.columns().contains(&Column::CommissionPaid), "{ledger:?}: no paid date, no paid column");
        }
        assert_eq!(counts(&h, Column::Subscribers), truth.subscribers, "{ledger:?} subscribers");
        assert_eq!(counts(&h, Column::NewSubscribers), truth.new, "{ledger:?} new");
        assert_eq!(counts(&h, Column::Cancelled), truth.cancelled, "{ledger:?} cancelled");
        let format = &imported.summary.format;
        let expected = match ledger {
            Ledger::Plain => "commission ledger",
            Ledger::Rewardful => "Rewardful",
            Ledger::FirstPromoter => "FirstPromoter",
            Ledger::Dub => "Dub",
            Ledger::Impact => "Impact",
            Ledger::PartnerStack => "PartnerStack",
        };
        assert!(format.starts_with(expected), "{ledger:?} read as {format}");
    }
}

#[test]
fn a_paypal_download_in_either_locale_gives_the_payouts() {
    let b = Affiliate::simulate(23, 12, 4.0, 0.15);
    for locale in [Locale::Us, Locale::European] {
        let (text, paid, fees) = fixtures::paypal(&b, locale);
        let imported = import(Source::Paypal, &[input("Download.CSV", text)], &Options::default())
            .unwrap_or_else(|e| panic!("{locale:?}: {e}"));
        let h = history(&imported);
        let first = paid.iter().position(|&p| p != 0).unwrap_or(0);
        let len = h.months().len();
        assert_eq!(cents(&h, Column::CommissionPaid), paid[first..first + len], "{locale:?} paid");
        assert_eq!(cents(&h, Column::PayoutFees), fees[first..first + len], "{locale:?} fees");
        assert!(paid[first + len..].iter().all(|&p| p == 0), "{locale:?}: no payout after the download's end");
        let reasons: Vec<&str> = imported.summary.ignored.iter().map(|i| i.reason.as_str()).collect();
        for needle in ["conversion", "memo", "money sent", "status `pending`"] {
            assert!(reasons.iter().any(|r| r.to_lowercase().contains(needle)), "{locale:?}: {needle} in {reasons:?}");
        }
    }
}

#[test]
fn weekly_notion_rows_and_a_european_spreadsheet_read_as_the_business_months() {
    let b = business();
    let t = b.truth(false);
    let months: Vec<(i64, i64, i64, Option<u64>)> = (0..b.months)
        .map(|m| (t.revenue[m], t.revenue[m] * 85 / 100, 300 + 25 * m as i64, Some(t.active[m])))
        .collect();
    let first = YearMonth::new(2025, 10);
    for (name, text) in
        [("notion.csv", fixtures::notion_weekly(&months)), ("european.csv", fixtures::european(&months))]
    {
        let options = ReadOptions { first_month: first, decimal_comma: false };
        let reading = History::read(&text, name, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let h = &reading.history;
        assert_eq!(h.months()[0].month, 4, "{name}: Jan 2026 is month 4 from Oct 2025");
        assert_eq!(cents(h, Column::Revenue), t.revenue, "{name}");
        assert_eq!(cents(h, Column::Cogs), months.iter().map(|m| m.1).collect::<Vec<_>>(), "{name}");
        assert_eq!(cents(h, Column::Hours), months.iter().map(|m| m.2).collect::<Vec<_>>(), "{name}");
        assert_eq!(counts(h, Column::Customers), t.active, "{name}: the month's last row");
    }
}
