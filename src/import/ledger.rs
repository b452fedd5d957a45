//! `sidecast import commissions`: an affiliate commission ledger, one row per commission with
//! a date, a referral, an amount, a status and, once paid, a paid date: a plain ledger
//! (`date, referral, amount, status, paid_at[, plan, programme]`) or a platform's export
//! (Rewardful, FirstPromoter, Dub, Impact, PartnerStack), its columns found by the names
//! those platforms use ([`super::ledger_fields`]); `--column FIELD=HEADER` for any other.
//!
//! Rules (docs/model.md §15): pending, approved, due and paid commissions are earned in the
//! month of their date; voided, denied, reversed (and refunded, canceled, fraud) ones are not,
//! unless they had been paid: then they were earned and paid, and the reversal is a negative
//! amount in its own month; paid ones are cash in the month of their paid date. A referral is
//! active in a month with an earned commission; its first is its first order.

use std::collections::BTreeMap;

use super::activity::flows;
use super::error::{ImportError, Problem, Problems};
use super::ledger_fields::{self as fields, Class, classify};
use super::options::{Imported, Input, Options, names};
use super::people::{Event, build, referrals_csv};
use super::summary::{Assumptions, Ignore, Summary};
use super::table::{Table, require};
use super::values::{date, date_order, money, required_cents, word};
use super::write::{HistoryColumn, cohorts_csv, history_csv};
use crate::text::calendar::{Date, YearMonth};

/// What the ledger adds up, before the months are known.
#[derive(Default)]
struct Ledger {
    events: Vec<Event>,
    earned: BTreeMap<YearMonth, i64>,
    paid: BTreeMap<YearMonth, i64>,
    /// Commissions reversed after they were paid, by referral.
    reversed: BTreeMap<String, i64>,
    latest: Option<Date>,
    has_paid_dates: bool,
    counted: usize,
    currencies: BTreeMap<String, usize>,
    formats: Vec<&'static str>,
}

pub fn import(inputs: &[Input], options: &Options) -> Result<Imported, ImportError> {
    super::table::known_fields(&options.columns, &fields::ALL, "a commission ledger")?;
    let mut problems = Problems::default();
    let mut assumptions = Assumptions::default();
    let mut ignore = Ignore::default();
    let mut ledger = Ledger::default();
    let mut rows_read = 0;
    for input in inputs {
        let table = Table::read(input).map_err(ImportError::many)?;
        rows_read += table.rows.len();
        read(&table, options, &mut ledger, &mut problems, &mut ignore, &mut assumptions);
    }
    problems.check()?;
    if let (Some((list, most)), None) =
        (super::values::mixed_currencies(&ledger.currencies, "commission"), &options.currency)
    {
        return Err(ImportError::one(Problem::file(
            &names(inputs),
            format!(
                "the ledger mixes currencies ({list}): keep one with --currency {most}, or export it in one currency"
            ),
        )));
    }
    let first = ledger.events.iter().map(|e| e.date.month).chain(ledger.earned.keys().copied()).min();
    let Some(first) = first else {
        return Err(ImportError::one(Problem::file(&names(inputs), ignore.nothing_counts("commission"))));
    };
    let last = ledger.latest.map_or(first, |d| d.month).max(*ledger.earned.keys().max().unwrap_or(&first));
    let months = super::values::span(first, last, &names(inputs))?;
    let mut people = build(&ledger.events, first, &[], &names(inputs), &mut problems);
    for person in &mut people {
        person.reversed = ledger.reversed.get(&person.id).copied().unwrap_or(0);
    }
    problems.check()?;
    let by_month = |map: &BTreeMap<YearMonth, i64>| -> Vec<i64> {
        (0..months).map(|m| first.plus(m as u32).and_then(|d| map.get(&d).copied()).unwrap_or(0)).collect()
    };
    let (earned, paid) = (by_month(&ledger.earned), by_month(&ledger.paid));
    // Referrals are counted up to the last month with a commission: a payment or a reversal
    // dated later says nothing of who still earns, so those months' counts are left blank
    // (not 0 subscribers, every referral cancelled).
    let counted_last = ledger.events.iter().map(|e| e.date.month).max().unwrap_or(first).max(first);
    let counted = months.min(usize::try_from(first.months_until(counted_last)).unwrap_or(0) + 1);
    if counted < months {
        assumptions.add(
            "after the last commission",
            {
                let after = first.plus(counted as u32).unwrap_or(last);
                let later = if after == last {
                    format!("later month ({}) has only payments or reversals: its", last.label())
                } else {
                    format!("later months ({} to {}) have only payments or reversals: their", after.label(), last.label())
                };
                format!(
                    "the last commission is in {}; the ledger's {later} money is written, the referral counts are left blank",
                    counted_last.label()
                )
            },
        );
    }
    let f = flows(&people, counted);
    let mut columns = vec![HistoryColumn::money("commission", &earned)];
    if ledger.has_paid_dates {
        columns.push(HistoryColumn::money("commission_paid", &paid));
    } else {
        assumptions.add(
            "commission paid",
            "the ledger has no paid date: commission_paid is not written (map one with --column paid_at=HEADER)".into(),
        );
    }
    columns.push(HistoryColumn::counts("subscribers", &f.active));
    // A referral that earns again after a month without is a new signup to the model, which
    // has no comebacks for referrals: so each month's subscribers are the last month's less
    // those cancelled plus the new ones, as `calibrate` reads them.
    let signups: Vec<u64> = f.new.iter().zip(&f.reactivated).map(|(n, r)| n + r).collect();
    columns.push(HistoryColumn::counts("new_subscribers", &signups));
    columns.push(HistoryColumn::counts("cancelled", &f.churned));
    describe(&mut assumptions, counted_last, f.active.last().copied().unwrap_or(0), f.reactivated.iter().sum());
    let mut totals = indexmap::IndexMap::new();
    totals.insert("commission".to_string(), earned.iter().sum::<i64>() as f64 / 100.0);
    if ledger.has_paid_dates {
        totals.insert("commission_paid".to_string(), paid.iter().sum::<i64>() as f64 / 100.0);
    }
    ledger.formats.dedup();
    let summary = Summary {
        source: "commissions".into(),
        format: ledger.formats.join(" + "),
        files: inputs.iter().map(|i| i.name.clone()).collect(),
        rows_read,
        rows_counted: ledger.counted,
        ignored: ignore.list(),
        first_month: first.to_string(),
        last_month: last.to_string(),
        last_date: ledger.latest.and_then(|d| d.day.map(|day| format!("{}-{day:02}", d.month))),
        months: months as u32,
        people: people.len(),
        active_last_month: f.active.last().copied().unwrap_or(0) as usize,
        totals,
        assumptions: assumptions.0,
        outputs: Vec::new(),
    };
    let files = vec![
        ("history.csv".to_string(), history_csv(first, months, &columns)),
        ("cohorts.csv".to_string(), cohorts_csv(first, counted, &people, "Referrals")),
        ("referrals.csv".to_string(), referrals_csv(&people, first, counted)),
    ];
    Ok(Imported { files, summary })
}

fn describe(assumptions: &mut Assumptions, last: YearMonth, active: u64, comebacks: u64) {
    assumptions.add(
        "month boundary",
        "a commission is earned in the month of its date, and paid in the month of its paid date; dates are read as written, and a time with an offset (`20:30-05:00`) in UTC".into(),
    );
    assumptions.add(
        "right-censoring",
        format!(
            "the ledger ends in {}: the {active} referrals with a commission then count as subscribers, not cancelled",
            last.label()
        ),
    );
    assumptions.add(
        "first order",
        "a referral's first commission is its first order, later ones renewals; a referral with no commission in a month has cancelled".into(),
    );
    if comebacks > 0 {
        assumptions.add(
            "comebacks",
            format!("{} a referral earned again after a month without: counted as a new subscriber that month, as the model sees a returning referral (referrals.csv marks them reactivated)", if comebacks == 1 { "once".to_string() } else { format!("{comebacks} times") }),
        );
    }
}

fn read(
    table: &Table,
    options: &Options,
    ledger: &mut Ledger,
    problems: &mut Problems,
    ignore: &mut Ignore,
    assumptions: &mut Assumptions,
) {
    let ambiguous = table.ambiguous(&fields::ALL, &options.columns);
    if !ambiguous.is_empty() {
        ambiguous.into_iter().for_each(|p| problems.push(p));
        return;
    }
    let mut missing = Vec::new();
    let found = require(
        table,
        &[fields::DATE, fields::REFERRAL, fields::AMOUNT],
        &options.columns,
        "a commission ledger",
        &mut missing,
    );
    let [Some(date_col), Some(referral_col), Some(amount_col)] = found[..] else {
        missing.into_iter().for_each(|p| problems.push(p));
        return;
    };
    let find = |f| table.find(&f, &options.columns);
    let (status, paid_at, is_paid) = (find(fields::STATUS), find(fields::PAID_AT), find(fields::IS_PAID));
    let (reversed_at, plan, programme) = (find(fields::REVERSED_AT), find(fields::PLAN), find(fields::PROGRAMME));
    let (currency, kind, unit) = (find(fields::CURRENCY), find(fields::TYPE), find(fields::UNIT));
    let format = fields::recognise(table);
    ledger.formats.push(format);
    if table.headers.get(amount_col).is_some_and(|h| fields::key_is_sale(h)) {
        problems.push(Problem::file(
            &table.file,
            "the amount column found is the sale's, not the commission: give --column amount=HEADER".into(),
        ));
    }
    ledger.has_paid_dates |= paid_at.is_some();
    let date_cols: Vec<usize> = [Some(date_col), paid_at, reversed_at].into_iter().flatten().collect();
    let order = date_order(table, &date_cols, options.date_order, problems, assumptions);
    let units = money(table, &[amount_col], options.decimal_comma, options.units, problems, assumptions);
    for row in &table.rows {
        let before = problems.0.len();
        let when = date(table, row, date_col, order, false, problems);
        let amount = required_cents(table, row, amount_col, units, problems);
        let paid_date = paid_at.and_then(|c| date(table, row, c, order, true, problems));
        let reversal = reversed_at.and_then(|c| date(table, row, c, order, true, problems));
        let class = classify(&word(table, row, status), &word(table, row, kind));
        if let Err(message) = &class {
            problems.push(Problem::cell(
                &table.file,
                row.line,
                status.map_or("status", |c| table.name(c)),
                message.clone(),
            ));
        }
        let (Some(when), Some(amount), Ok(class), true) = (when, amount, class, problems.0.len() == before) else {
            continue;
        };
        ledger.latest = ledger.latest.max(Some(when)).max(paid_date).max(reversal);
        let referral = table.cell(row, referral_col).trim();
        if referral.is_empty() {
            ignore.add("commissions with no referral", &table.file, row.line);
            continue;
        }
        // A reward in points or credits is not money: its amount is not dollars.
        let reward = word(table, row, unit);
        if !(reward.is_empty() || reward == "cash" || reward == "money") {
            ignore.add(&format!("rewards that are not cash (Unit {reward})"), &table.file, row.line);
            continue;
        }
        let row_currency = word(table, row, currency).to_uppercase();
        if let Some(wanted) = &options.currency
            && !row_currency.is_empty()
            && row_currency != wanted.to_uppercase()
        {
            ignore.add(
                &format!("commissions in other currencies than {} (--currency)", wanted.to_uppercase()),
                &table.file,
                row.line,
            );
            continue;
        }
        *ledger.currencies.entry(row_currency).or_default() += 1;
        let paid = paid_date.is_some() || class == Class::Paid || fields::truthy(&word(table, row, is_paid));
        if paid && paid_at.is_some() && paid_date.is_none() {
            problems.push(Problem::cell(
                &table.file,
                row.line,
                table.name(paid_at.unwrap_or(0)),
                "paid, but the paid date is empty; fill it in".into(),
            ));
            continue;
        }
        if class == Class::Void && !paid {
            ignore.add(&format!("{} commissions (not earned)", word(table, row, status)), &table.file, row.line);
            continue;
        }
        ledger.counted += 1;
        *ledger.earned.entry(when.month).or_default() += amount;
        if let Some(p) = paid_date {
            *ledger.paid.entry(p.month).or_default() += amount;
        }
        if class == Class::Void {
            let Some(reversal) = reversal else {
                problems.push(Problem::line(
                    &table.file,
                    row.line,
                    format!("a commission {} after it was paid needs the date of its reversal, which the ledger does not give: add a reversed_at column (or --column reversed_at=HEADER)", word(table, row, status)),
                ));
                continue;
            };
            *ledger.earned.entry(reversal.month).or_default() -= amount;
            *ledger.reversed.entry(referral.to_string()).or_default() += amount;
        }
        if amount > 0 {
            let label = plan.map(|c| table.cell(row, c).trim().to_string());
            let programme = programme.map(|c| table.cell(row, c).trim().to_string()).filter(|p| !p.is_empty());
            ledger.events.push(Event { person: referral.to_string(), date: when, cents: amount, label, programme });
        }
    }
}
