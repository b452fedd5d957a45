//! `sidecast import paypal`: PayPal's activity download (`Date, Time, TimeZone, Name, Type,
//! Status, Currency, Gross, Fee, Net, ...`, with `Balance Impact` in newer ones), day-first
//! or month-first as the account's locale writes dates, decimal points or commas. Payouts
//! received are cash (docs/model.md §15): each completed incoming payment counts, its
//! `Gross` as commission paid and its `Fee` as the payout fee, in the month of its date; a
//! reversed payout counts back. `--payer NAME` keeps only one sender's payments.

use std::collections::BTreeMap;

use super::error::{ImportError, Problem, Problems};
use super::options::{Imported, Input, Options};
use super::summary::{Assumptions, Ignore, Summary};
use super::table::{Field, Table, require};
use super::values::{cents, date, date_order, money, required_cents, word};
use super::write::{HistoryColumn, history_csv};
use crate::text::calendar::{Date, YearMonth};

const DATE: Field = Field { name: "date", aliases: &["date", "transaction_date"] };
const GROSS: Field = Field { name: "gross", aliases: &["gross", "amount"] };
const FEE: Field = Field { name: "fee", aliases: &["fee", "fees"] };
const NAME: Field = Field { name: "name", aliases: &["name", "from_name", "payer"] };
const TYPE: Field = Field { name: "type", aliases: &["type", "description", "transaction_type"] };
const STATUS: Field = Field { name: "status", aliases: &["status"] };
const CURRENCY: Field = Field { name: "currency", aliases: &["currency"] };
const ZONE: Field = Field { name: "timezone", aliases: &["timezone", "time_zone"] };
const IMPACT: Field = Field { name: "balance_impact", aliases: &["balance_impact"] };
/// Every field of the download.
const FIELDS: [Field; 9] = [DATE, GROSS, FEE, NAME, TYPE, STATUS, CURRENCY, ZONE, IMPACT];

/// Types of incoming rows that are not payments to you.
const NOT_PAYMENTS: [&str; 7] =
    ["conversion", "deposit", "transfer from", "hold", "release", "authorization", "withdrawal"];

#[derive(Default)]
struct Cash {
    paid: BTreeMap<YearMonth, i64>,
    fees: BTreeMap<YearMonth, i64>,
    payers: BTreeMap<String, usize>,
    currencies: BTreeMap<String, usize>,
    zones: Vec<String>,
    latest: Option<Date>,
    counted: usize,
}

pub fn import(inputs: &[Input], options: &Options) -> Result<Imported, ImportError> {
    super::table::known_fields(&options.columns, &FIELDS, "a PayPal activity download")?;
    let mut problems = Problems::default();
    let mut assumptions = Assumptions::default();
    let mut ignore = Ignore::default();
    let mut cash = Cash::default();
    let mut rows_read = 0;
    for input in inputs {
        let table = Table::read(input).map_err(ImportError::many)?;
        rows_read += table.rows.len();
        read(&table, options, &mut cash, &mut problems, &mut ignore, &mut assumptions);
    }
    problems.check()?;
    if let (Some((list, most)), None) = (super::values::mixed_currencies(&cash.currencies, "row"), &options.currency) {
        return Err(ImportError::one(Problem::file(
            &super::options::names(inputs),
            format!(
                "the download mixes currencies ({list}): keep one with --currency {most} (PayPal converts payouts into your main currency when you accept them)"
            ),
        )));
    }
    let named: Vec<&String> = cash.currencies.keys().filter(|k| !k.is_empty()).collect();
    let kept = options.currency.as_ref().map(|c| c.to_uppercase());
    match (kept, &named[..]) {
        (Some(c), _) => assumptions.add("currency", format!("every payout counted is in {c} (--currency)")),
        (None, [one]) => assumptions.add("currency", format!("every payout is in {one}")),
        _ => assumptions.add("currency", "the download names no currency: every amount is taken as one".into()),
    }
    let first = cash.paid.keys().next().copied();
    let Some(first) = first else {
        let message = ignore.nothing_counts("payout");
        return Err(ImportError::one(Problem::file(&super::options::names(inputs), message)));
    };
    let last = cash.latest.map_or(first, |d| d.month).max(first);
    let months =
        super::values::span(first, last, &inputs.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", "))?;
    let series = |map: &BTreeMap<YearMonth, i64>| -> Vec<i64> {
        (0..months).map(|m| first.plus(m as u32).and_then(|d| map.get(&d).copied()).unwrap_or(0)).collect()
    };
    let (paid, fees) = (series(&cash.paid), series(&cash.fees));
    describe(&mut assumptions, &cash, options);
    let columns = [HistoryColumn::money("commission_paid", &paid), HistoryColumn::money("payout_fees", &fees)];
    let totals = [
        ("commission_paid".to_string(), paid.iter().sum::<i64>() as f64 / 100.0),
        ("payout_fees".to_string(), fees.iter().sum::<i64>() as f64 / 100.0),
    ];
    let summary = Summary {
        source: "paypal".into(),
        format: "PayPal activity download".into(),
        files: inputs.iter().map(|i| i.name.clone()).collect(),
        rows_read,
        rows_counted: cash.counted,
        ignored: ignore.list(),
        first_month: first.to_string(),
        last_month: last.to_string(),
        last_date: cash.latest.and_then(|d| d.day.map(|day| format!("{}-{day:02}", d.month))),
        months: months as u32,
        people: cash.payers.len(),
        active_last_month: 0,
        totals: totals.into_iter().collect(),
        assumptions: assumptions.0,
        outputs: Vec::new(),
    };
    Ok(Imported { files: vec![("history.csv".to_string(), history_csv(first, months, &columns))], summary })
}

fn describe(assumptions: &mut Assumptions, cash: &Cash, options: &Options) {
    let zones = if cash.zones.is_empty() { "the download's own time zone".to_string() } else { cash.zones.join(", ") };
    assumptions.add("time zone", format!("dates are as PayPal wrote them, in {zones}: nothing is converted"));
    assumptions.add("month boundary", "a payout counts in the month it arrived (its date), as cash".into());
    let mut payers: Vec<(&String, &usize)> = cash.payers.iter().collect();
    payers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = payers.iter().take(5).map(|(n, c)| format!("{n} ({c})")).collect();
    let text = match &options.payer {
        Some(p) => {
            format!("payouts are the completed payments from senders whose name contains `{p}`: {}", list.join(", "))
        }
        None => format!(
            "every completed incoming payment is a payout from an affiliate programme (from: {}); give --payer NAME to keep one sender's",
            list.join(", ")
        ),
    };
    assumptions.add("payouts", text);
    assumptions.add("fees", "each payout's fee is PayPal's cut (the `Fee` column, as a positive payout_fees)".into());
}

fn read(
    table: &Table,
    options: &Options,
    cash: &mut Cash,
    problems: &mut Problems,
    ignore: &mut Ignore,
    assumptions: &mut Assumptions,
) {
    let ambiguous = table.ambiguous(&FIELDS, &options.columns);
    if !ambiguous.is_empty() {
        ambiguous.into_iter().for_each(|p| problems.push(p));
        return;
    }
    let mut missing = Vec::new();
    let found = require(table, &[DATE, GROSS], &options.columns, "a PayPal activity download", &mut missing);
    let [Some(date_col), Some(gross_col)] = found[..] else {
        missing.into_iter().for_each(|p| problems.push(p));
        return;
    };
    let find = |f: &Field| table.find(f, &options.columns);
    let (fee, name, kind, status) = (find(&FEE), find(&NAME), find(&TYPE), find(&STATUS));
    let (currency, zone, impact) = (find(&CURRENCY), find(&ZONE), find(&IMPACT));
    let order = date_order(table, &[date_col], options.date_order, problems, assumptions);
    let money_cols: Vec<usize> = [Some(gross_col), fee].into_iter().flatten().collect();
    let units = money(table, &money_cols, options.decimal_comma, options.units, problems, assumptions);
    for row in &table.rows {
        let before = problems.0.len();
        let when = date(table, row, date_col, order, false, problems);
        let gross = required_cents(table, row, gross_col, units, problems);
        let fee = fee.and_then(|c| cents(table, row, c, units, problems)).unwrap_or(0);
        let (Some(when), Some(gross), true) = (when, gross, problems.0.len() == before) else { continue };
        cash.latest = cash.latest.max(Some(when));
        let (status, kind, impact) = (word(table, row, status), word(table, row, kind), word(table, row, impact));
        let sender = name.map_or("", |c| table.cell(row, c).trim()).to_string();
        let reversal = ["reversal", "refund", "chargeback"].iter().any(|w| kind.contains(w));
        let reason = if !status.is_empty() && status != "completed" {
            Some(format!("rows with status `{status}` (only Completed counts)"))
        } else if impact == "memo" {
            Some("memo rows (no money moved)".into())
        } else if gross < 0 && !reversal {
            Some("money sent or withdrawn".into())
        } else if gross > 0 && NOT_PAYMENTS.iter().any(|w| kind.contains(w)) {
            Some(format!("`{kind}` rows (not a payment to you)"))
        } else if options.payer.as_ref().is_some_and(|p| !sender.to_lowercase().contains(&p.to_lowercase())) {
            Some("payments from other senders (--payer)".into())
        } else {
            None
        };
        let row_currency = word(table, row, currency).to_uppercase();
        let reason = reason.or_else(|| {
            options
                .currency
                .as_ref()
                .filter(|w| !row_currency.is_empty() && row_currency != w.to_uppercase())
                .map(|w| format!("rows in other currencies than {} (--currency)", w.to_uppercase()))
        });
        if let Some(reason) = reason {
            ignore.add(&reason, &table.file, row.line);
            continue;
        }
        cash.counted += 1;
        *cash.paid.entry(when.month).or_default() += gross;
        *cash.fees.entry(when.month).or_default() -= fee;
        *cash.payers.entry(if sender.is_empty() { "(no name)".into() } else { sender }).or_default() += 1;
        *cash.currencies.entry(row_currency).or_default() += 1;
        if let Some(z) =
            zone.map(|c| table.cell(row, c).trim().to_string()).filter(|z| !z.is_empty() && !cash.zones.contains(z))
        {
            cash.zones.push(z);
        }
    }
}
