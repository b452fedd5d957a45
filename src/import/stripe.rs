//! `sidecast import stripe`: the Dashboard's payments export (`id, Created date (UTC)` or
//! `Created (UTC)`, `Amount, Amount Refunded, Currency, Converted Amount, ..., Status,
//! Customer ID, ...`, `KEY (metadata)` columns), one file or several (a charge's `id` counts
//! once), and with `--subscriptions` the subscriptions export, whose end dates decide churn.
//!
//! A charge counts when its status is `Paid` (`Failed` ones do not, nor fully refunded ones);
//! its amount is `Amount` − `Amount Refunded` in major units (`Converted Amount` when the
//! export has it); its month is the calendar month of its creation date. The history's
//! columns: `revenue, customers, new_customers, churned, reactivated` (docs/model.md §15).

use std::collections::{BTreeMap, BTreeSet};

use super::activity::{Person, flows};
use super::error::{ImportError, Problem, Problems};
use super::options::{Imported, Input, Options, TierBand, names};
use super::people::{Event, build, customers_csv};
use super::stripe_rows::{Charge, Read, ReadRow, counted_once, join_guests};
use super::summary::{Assumptions, Ignore, Summary, count};
use super::table::{Field, Table, require};
use super::values::{cents, date, date_order, money, refund_cents, required_cents, word};
use super::write::{HistoryColumn, cohorts_csv, history_csv};
use crate::text::calendar::{Date, YearMonth};

const DATE: Field = Field { name: "date", aliases: &["created_date", "created", "created_at", "date"] };
const AMOUNT: Field = Field { name: "amount", aliases: &["amount"] };
const REFUNDED: Field = Field { name: "refunded", aliases: &["amount_refunded", "refunded_amount"] };
const STATUS: Field = Field { name: "status", aliases: &["status"] };
const CUSTOMER: Field = Field { name: "customer", aliases: &["customer_id", "customer"] };
const EMAIL: Field = Field { name: "email", aliases: &["customer_email"] };
const ID: Field = Field { name: "id", aliases: &["id", "charge_id", "payment_id"] };
const CURRENCY: Field = Field { name: "currency", aliases: &["currency"] };
const CONVERTED: Field = Field { name: "converted_amount", aliases: &["converted_amount"] };
const CONVERTED_REFUNDED: Field = Field { name: "converted_refunded", aliases: &["converted_amount_refunded"] };
const CONVERTED_CURRENCY: Field = Field { name: "converted_currency", aliases: &["converted_currency"] };
const CAPTURED: Field = Field { name: "captured", aliases: &["captured"] };

/// Every field of the payments export.
const FIELDS: [Field; 12] = [
    DATE,
    AMOUNT,
    REFUNDED,
    STATUS,
    CUSTOMER,
    EMAIL,
    ID,
    CURRENCY,
    CONVERTED,
    CONVERTED_REFUNDED,
    CONVERTED_CURRENCY,
    CAPTURED,
];

pub fn import(inputs: &[Input], options: &Options) -> Result<Imported, ImportError> {
    let fields: Vec<Field> = FIELDS.into_iter().chain(super::stripe_subscriptions::FIELDS).collect();
    super::table::known_fields(&options.columns, &fields, "a Stripe export")?;
    let mut problems = Problems::default();
    let mut assumptions = Assumptions::default();
    let mut ignore = Ignore::default();
    let mut rows_read = 0;
    let mut converted_currency: Option<String> = None;
    // Every row of every file, read: (file, line, row).
    let mut all: Vec<(String, u64, ReadRow)> = Vec::new();
    for input in inputs {
        let table = Table::read(input).map_err(ImportError::many)?;
        rows_read += table.rows.len();
        let Some(read) = read_payments(&table, options, &mut problems, &mut assumptions) else { continue };
        all.extend(table.rows.iter().zip(read).map(|(row, r)| (table.file.clone(), row.line, r)));
        if let Some(i) = table.find(&CONVERTED_CURRENCY, &options.columns) {
            converted_currency = table.rows.iter().map(|r| table.cell(r, i).to_uppercase()).find(|c| !c.is_empty());
        }
    }
    let mut charges = counted_once(&all, &mut ignore, &mut assumptions);
    join_guests(&mut charges, &mut assumptions);
    problems.check()?;
    let charges =
        one_currency(charges, &names(inputs), options, converted_currency.as_deref(), &mut ignore, &mut assumptions)?;
    // The export's months are those of the charges that count: a failed attempt, a refund or
    // a charge in another currency than --currency's dated after the last one counted says
    // nothing about who is still a customer.
    let latest: Option<Date> = charges.iter().map(|c: &Charge| c.event.date).max();
    let Some(first) = charges.iter().map(|c| c.event.date.month).min() else {
        return Err(ImportError::one(Problem::file(&names(inputs), ignore.nothing_counts("charge"))));
    };
    let last = latest.map_or(first, |d| d.month);
    let months = super::values::span(first, last, &names(inputs))?;
    // A paid charge with no customer (no Customer ID, no email: a guest checkout) is
    // revenue, but no one's activity.
    let (guests, events): (Vec<Event>, Vec<Event>) =
        charges.iter().map(|c| c.event.clone()).partition(|e| e.person.is_empty());
    let mut guest_revenue = vec![0i64; months];
    for e in &guests {
        if let Some(m) = usize::try_from(first.months_until(e.date.month)).ok().filter(|&m| m < months) {
            guest_revenue[m] += e.cents;
        }
    }
    if !guests.is_empty() {
        assumptions.add(
            "guests",
            format!(
                "{} with no customer (no Customer ID or email): in revenue, but not counted as customers",
                count(guests.len(), "paid charge")
            ),
        );
    }
    let mut people = build(&events, first, &options.tiers, &names(inputs), &mut problems);
    problems.check()?;
    if let Some(subscriptions) = &options.subscriptions {
        super::stripe_subscriptions::apply(subscriptions, options, &mut people, &mut assumptions)?;
    }
    describe(&mut assumptions, options, &people, latest, last, months);
    let rows_counted = charges.len();
    Ok(output(inputs, people, first, months, latest, rows_read, rows_counted, ignore, assumptions, guest_revenue))
}

fn read_payments(
    table: &Table,
    options: &Options,
    problems: &mut Problems,
    assumptions: &mut Assumptions,
) -> Option<Vec<ReadRow>> {
    let ambiguous = table.ambiguous(&FIELDS, &options.columns);
    if !ambiguous.is_empty() {
        ambiguous.into_iter().for_each(|p| problems.push(p));
        return None;
    }
    let mut missing = Vec::new();
    let found =
        require(table, &[DATE, AMOUNT, STATUS, CUSTOMER], &options.columns, "a Stripe payments export", &mut missing);
    let [Some(date_col), Some(amount_col), Some(status_col), Some(customer_col)] = found[..] else {
        missing.into_iter().for_each(|p| problems.push(p));
        return None;
    };
    let find = |f: &Field| table.find(f, &options.columns);
    let converted = find(&CONVERTED).filter(|&c| table.rows.iter().any(|r| !table.cell(r, c).trim().is_empty()));
    // Without `Converted Amount Refunded`, a refund is converted at its charge's own rate:
    // the share of `Amount` refunded, of `Converted Amount` (the two columns' units cancel).
    let mut refund_share = None;
    let (amount_col, refunded_col) = match converted {
        Some(c) => {
            assumptions
                .add("currency", format!("{}: amounts from `Converted Amount`, in the account's currency", table.file));
            let refunded = find(&CONVERTED_REFUNDED);
            if let (None, Some(original)) = (refunded, find(&REFUNDED)) {
                assumptions.add(
                    "refunds",
                    format!(
                        "{}: no `Converted Amount Refunded` column: each refund is converted at its charge's rate (Converted Amount ÷ Amount)",
                        table.file
                    ),
                );
                refund_share = Some((amount_col, original));
            }
            (c, refunded)
        }
        None => (amount_col, find(&REFUNDED)),
    };
    let tier_col = match &options.tier_column {
        Some(name) => match table.metadata(name) {
            Some(c) => Some(c),
            None => {
                let message = format!(
                    "--tier-column {name}: no column `{name} (metadata)` or `{name}`{}; its columns: {}",
                    table.suggest(&format!("{name} (metadata)")),
                    table.headers.join(", ")
                );
                problems.push(Problem::file(&table.file, message));
                return None;
            }
        },
        None => None,
    };
    let order = date_order(table, &[date_col], options.date_order, problems, assumptions);
    let money_cols: Vec<usize> = [Some(amount_col), refunded_col].into_iter().flatten().collect();
    let units = money(table, &money_cols, options.decimal_comma, options.units, problems, assumptions);
    let (email, id, currency, captured) = (find(&EMAIL), find(&ID), find(&CURRENCY), find(&CAPTURED));
    let mut out = Vec::with_capacity(table.rows.len());
    let mut by_email = 0;
    for row in &table.rows {
        let before = problems.0.len();
        let when = date(table, row, date_col, order, false, problems);
        let amount = required_cents(table, row, amount_col, units, problems);
        let refunded = match (refunded_col, refund_share) {
            (Some(c), _) => refund_cents(table, row, c, units, problems),
            (None, Some((original, original_refunded))) => {
                let of = cents(table, row, original, units, problems).unwrap_or(0);
                let part = refund_cents(table, row, original_refunded, units, problems);
                if of > 0 { (amount.unwrap_or(0) as f64 * part as f64 / of as f64).round() as i64 } else { 0 }
            }
            (None, None) => 0,
        };
        let id = id.map(|c| table.cell(row, c).trim().to_string()).filter(|i| !i.is_empty());
        if problems.0.len() > before {
            out.push(ReadRow { read: Read::Bad, id, state: (0, 0) });
            continue;
        }
        let status = word(table, row, Some(status_col));
        let reason = match status.as_str() {
            "paid" | "succeeded" | "partially refunded" | "refunded" => None,
            "failed" => Some("failed charges (Status Failed)".to_string()),
            "" => Some("charges with no status".to_string()),
            other => Some(format!("charges with status `{other}` (only Paid counts)")),
        };
        let net = amount.unwrap_or(0) - refunded;
        let reason =
            reason.or_else(|| (word(table, row, captured) == "false").then(|| "uncaptured charges".to_string()));
        let reason = reason.or_else(|| match (amount.unwrap_or(0), net) {
            (..=0, _) => Some("charges with an amount of 0 or less (to the cent)".to_string()),
            (_, ..=0) => Some("fully refunded charges".to_string()),
            _ => None,
        });
        // Without a Customer ID the customer is the email, in any case (`Pat@Example.com`
        // and `pat@example.com` are one person).
        let address = email.map_or("", |e| table.cell(row, e).trim()).to_lowercase();
        let customer = table.cell(row, customer_col).trim();
        let guest = customer.is_empty();
        let customer = if guest {
            by_email += usize::from(!address.is_empty() && reason.is_none());
            address.clone()
        } else {
            customer.to_string()
        };
        let (Some(when), None) = (when, &reason) else {
            let state = (refunded, 1);
            out.push(ReadRow { read: Read::Ignored(reason.unwrap_or_default()), id, state });
            continue;
        };
        let label = tier_col.map(|c| table.cell(row, c).trim().to_string());
        let event = Event { person: customer, date: when, cents: net, label, programme: None };
        let currency = word(table, row, currency).to_uppercase();
        let charge = Charge { event, email: address, guest, currency, file: table.file.clone(), line: row.line };
        out.push(ReadRow { read: Read::Counted(charge), id, state: (refunded, 0) });
    }
    if by_email > 0 {
        assumptions.add(
            "customers",
            format!(
                "{}: {} with no Customer ID belong to the customer of their email (in any case), the Customer ID that paid with it if there is one",
                table.file,
                count(by_email, "paid charge")
            ),
        );
    }
    Some(out)
}

/// The charges in one currency: all of them when there is one (or they were converted),
/// those in `--currency` when it is given, else a refusal saying what to do.
fn one_currency(
    charges: Vec<Charge>,
    files: &str,
    options: &Options,
    converted: Option<&str>,
    ignore: &mut Ignore,
    assumptions: &mut Assumptions,
) -> Result<Vec<Charge>, ImportError> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &charges {
        *counts.entry(c.currency.clone()).or_default() += 1;
    }
    if let Some(wanted) = &options.currency {
        let wanted = wanted.to_uppercase();
        let (kept, other): (Vec<Charge>, Vec<Charge>) =
            charges.into_iter().partition(|c| c.currency == wanted || c.currency.is_empty());
        for c in &other {
            ignore.add(&format!("charges in other currencies than {wanted} (--currency)"), &c.file, c.line);
        }
        return Ok(kept);
    }
    let named: Vec<&String> = counts.keys().filter(|k| !k.is_empty()).collect();
    match (converted, &named[..]) {
        (Some(c), _) => assumptions.add("currency", format!("every amount in {c} (the export's converted amounts)")),
        (None, []) => {
            assumptions.add("currency", "the export names no currency: every amount is taken as one currency".into())
        }
        (None, [one]) => assumptions.add("currency", format!("every charge is in {one}")),
        (None, _) => {
            let (list, most) = super::values::mixed_currencies(&counts, "charge").unwrap_or_default();
            return Err(ImportError::one(Problem::file(
                files,
                format!(
                    "the export mixes currencies ({list}) and has no `Converted Amount` column: export it with Converted Amount (Stripe converts into your account's currency), or keep one currency with --currency {most}"
                ),
            )));
        }
    }
    Ok(charges)
}

/// The assumptions every Stripe import makes.
fn describe(
    assumptions: &mut Assumptions,
    options: &Options,
    people: &[Person],
    latest: Option<Date>,
    last: YearMonth,
    months: usize,
) {
    assumptions.add(
        "time zone",
        "dates are UTC, as the export's header says (a time with an offset, `20:30-05:00`, is taken to UTC): a charge late on the last day of a month where you live may count in the next month".into(),
    );
    assumptions.add(
        "month boundary",
        "a charge counts in the calendar month it was created, not the period it pays for".into(),
    );
    let active_last = people.iter().filter(|p| p.amounts.get(&(months - 1)).is_some_and(|&c| c > 0)).count();
    assumptions.add(
        "right-censoring",
        format!(
            "the export ends in {}: {} charged then count as active, not churned, though some may not renew",
            last.label(),
            super::summary::count(active_last, "customer")
        ),
    );
    if let Some(day) = latest.and_then(|d| d.day).filter(|&d| d < 28) {
        assumptions.add(
            "partial month",
            format!("the export's last date is {day} {}: that month's revenue covers only part of it", last.label()),
        );
    }
    let tiers: BTreeSet<&str> = people.iter().filter_map(Person::label).collect();
    let text = match (&options.tier_column, options.tiers.is_empty()) {
        (Some(c), _) => format!(
            "each customer's tier is its `{c}` value in its last month ({})",
            tiers.into_iter().collect::<Vec<_>>().join(", ")
        ),
        (None, false) => format!(
            "each customer's tier is the --tier band its monthly amount falls in ({}), its last month's for customers.csv",
            options.tiers.iter().map(TierBand::describe).collect::<Vec<_>>().join(", ")
        ),
        (None, true) => {
            "no tiers: every customer in one tier (give --tier-column or --tier bands to split them)".into()
        }
    };
    assumptions.add("tiers", text);
    assumptions.add("revenue", "a month's revenue is its counted charges less their refunds, to the cent".into());
}

#[allow(clippy::too_many_arguments)]
fn output(
    inputs: &[Input],
    people: Vec<Person>,
    first: YearMonth,
    months: usize,
    latest: Option<Date>,
    rows_read: usize,
    rows_counted: usize,
    ignore: Ignore,
    assumptions: Assumptions,
    guest_revenue: Vec<i64>,
) -> Imported {
    let f = flows(&people, months);
    let mut revenue = guest_revenue;
    for p in &people {
        for (&m, &c) in &p.amounts {
            revenue[m] += c;
        }
    }
    let columns = [
        HistoryColumn::money("revenue", &revenue),
        HistoryColumn::counts("customers", &f.active),
        HistoryColumn::counts("new_customers", &f.new),
        HistoryColumn::counts("churned", &f.churned),
        HistoryColumn::counts("reactivated", &f.reactivated),
    ];
    let last = first.plus(months as u32 - 1).unwrap_or(first);
    let summary = Summary {
        source: "stripe".into(),
        format: "Stripe payments export".into(),
        files: inputs.iter().map(|i| i.name.clone()).collect(),
        rows_read,
        rows_counted,
        ignored: ignore.list(),
        first_month: first.to_string(),
        last_month: last.to_string(),
        last_date: latest.and_then(|d| d.day.map(|day| format!("{}-{day:02}", d.month))),
        months: months as u32,
        people: people.len(),
        active_last_month: f.active.last().copied().unwrap_or(0) as usize,
        totals: [("revenue".to_string(), revenue.iter().sum::<i64>() as f64 / 100.0)].into_iter().collect(),
        assumptions: assumptions.0,
        outputs: Vec::new(),
    };
    let files = vec![
        ("history.csv".to_string(), history_csv(first, months, &columns)),
        ("cohorts.csv".to_string(), cohorts_csv(first, months, &people, "Customers")),
        ("customers.csv".to_string(), customers_csv(&people, first, months)),
    ];
    Imported { files, summary }
}
