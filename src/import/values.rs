//! The cells an importer reads, each with its rule and its assumption: dates (one order for a
//! whole column, from a date only one order reads, else `--day-first`/`--month-first`, else
//! the file's locale, said as an assumption), amounts in major units (the decimal separator
//! decided from the whole file; an export whose amounts look like cents refused unless
//! `--units` says which), kept as whole cents so that sums are exact.

use super::error::{Problem, Problems};
use super::options::Units;
use super::summary::Assumptions;
use super::table::{Row, Table};
use crate::text::amount::{Decimal, NotANumber, read};
use crate::text::calendar::{Date, DateOrder, parse_date};
use crate::text::csv::Delimiter;

/// A whole export's amounts: the decimal separator and the unit.
#[derive(Debug, Clone, Copy)]
pub struct Money {
    pub decimal: Decimal,
    /// Amounts are in cents (`--units minor`): divided by 100.
    pub minor: bool,
}

/// The order of `columns`' numeric dates.
pub fn date_order(
    table: &Table,
    columns: &[usize],
    forced: Option<DateOrder>,
    problems: &mut Problems,
    assumptions: &mut Assumptions,
) -> DateOrder {
    if let Some(order) = forced {
        return order;
    }
    let cells: Vec<&str> = table.rows.iter().flat_map(|r| columns.iter().map(move |&c| table.cell(r, c))).collect();
    let evidence = DateOrder::evidence(cells.iter().copied());
    match (&evidence.day_first, &evidence.month_first) {
        (Some(d), Some(m)) => {
            problems.push(Problem::file(
                &table.file,
                format!(
                    "dates are written day-first (`{d}`) and month-first (`{m}`); export them one way, or give --day-first or --month-first"
                ),
            ));
            DateOrder::DayFirst
        }
        (Some(_), None) => DateOrder::DayFirst,
        (None, Some(_)) => DateOrder::MonthFirst,
        (None, None) if evidence.ambiguous == 0 => DateOrder::MonthFirst,
        (None, None) => {
            let day_first = evidence.dotted || table.delimiter == Delimiter::Semicolon;
            let (order, how) = if day_first {
                (DateOrder::DayFirst, "day first (as European exports write them)")
            } else {
                (DateOrder::MonthFirst, "month first (as US exports write them)")
            };
            let example = cells.iter().find(|c| DateOrder::evidence([**c]).ambiguous == 1).copied().unwrap_or("");
            assumptions.add(
                "date order",
                format!(
                    "{}: no date says whether it is day-first, so dates such as `{example}` are read {how}; give --day-first or --month-first if not",
                    table.file
                ),
            );
            order
        }
    }
}

/// A row's date; `None` (with a problem unless `optional` and empty) when it cannot be read.
pub fn date(
    table: &Table,
    row: &Row,
    column: usize,
    order: DateOrder,
    optional: bool,
    problems: &mut Problems,
) -> Option<Date> {
    let cell = table.cell(row, column).trim();
    if cell.is_empty() && optional {
        return None;
    }
    let parsed = parse_date(cell, order).filter(|d| d.day.is_some() || optional);
    if parsed.is_none() {
        let (this, other, flag) = match order {
            DateOrder::DayFirst => ("day", DateOrder::MonthFirst, "--month-first"),
            DateOrder::MonthFirst => ("month", DateOrder::DayFirst, "--day-first"),
        };
        if !cell.is_empty() && parse_date(cell, other).is_some() {
            let message =
                format!("`{cell}` reads only the other way, and the file is read {this}-first ({flag} reads it so)");
            problems.push(Problem::cell(&table.file, row.line, table.name(column), message));
            return None;
        }
        let what = if cell.is_empty() { "the date is empty".to_string() } else { format!("`{cell}` is not a date") };
        problems.push(Problem::cell(
            &table.file,
            row.line,
            table.name(column),
            format!("{what}; dates look like 2026-01-31 14:03, 01/31/2026 or January 31, 2026"),
        ));
    }
    parsed
}

/// The decimal separator and unit of the amounts in `columns`, or a problem when they look
/// like cents and `units` does not say.
pub fn money(
    table: &Table,
    columns: &[usize],
    decimal_comma: bool,
    units: Option<Units>,
    problems: &mut Problems,
    assumptions: &mut Assumptions,
) -> Money {
    let cells: Vec<&str> = table
        .rows
        .iter()
        .flat_map(|r| columns.iter().map(move |&c| table.cell(r, c)))
        .filter(|c| !c.trim().is_empty())
        .collect();
    let default = if table.delimiter == Delimiter::Semicolon { Decimal::Comma } else { Decimal::Point };
    let forced = decimal_comma.then_some(Decimal::Comma);
    let decimal = match Decimal::decide(forced, cells.iter().copied(), default) {
        Ok(d) => {
            if d.decimal == Decimal::Comma {
                assumptions.add(
                    "decimal separator",
                    format!("{}: amounts read with decimal commas (1.180,50 is 1180.50)", table.file),
                );
            }
            d.decimal
        }
        Err((point, comma)) => {
            problems.push(Problem::file(
                &table.file,
                format!("amounts are written with decimal points (`{point}`) and decimal commas (`{comma}`); export them one way"),
            ));
            default
        }
    };
    // The median of the amounts that are not zero: the zeros of a refund column (every
    // charge not refunded) say nothing about the unit, and would pull a cents export's
    // median under 1,000.
    let mut sorted: Vec<f64> = cells
        .iter()
        .filter_map(|c| read(c, decimal).ok().flatten())
        .map(|a| a.value.abs())
        .filter(|&v| v != 0.0)
        .collect();
    let whole = cells.iter().all(|c| !c.contains(['.', ',']));
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
    let minor = match units {
        Some(Units::Minor) => {
            assumptions.add("units", format!("{}: amounts are in cents (--units minor): 1999 is 19.99", table.file));
            true
        }
        Some(Units::Major) => false,
        None if whole && median >= 1000.0 => {
            problems.push(Problem::file(
                &table.file,
                format!(
                    "the amounts look like cents (every one is a whole number; the median of those that are not zero is {median}): give --units minor if 1999 means 19.99, or --units major if they are whole dollars"
                ),
            ));
            false
        }
        None => {
            assumptions.add(
                "units",
                format!("{}: amounts are in major units, as the export writes them (100.00 is $100)", table.file),
            );
            false
        }
    };
    Money { decimal, minor }
}

/// A row's amount in cents where every row has one: an empty cell is a problem (it was
/// read as no row at all, or as $0 and "fully refunded").
pub fn required_cents(table: &Table, row: &Row, column: usize, money: Money, problems: &mut Problems) -> Option<i64> {
    if table.cell(row, column).trim().is_empty() {
        let message = "no amount: every row needs one (0 for none)".to_string();
        problems.push(Problem::cell(&table.file, row.line, table.name(column), message));
        return None;
    }
    cents(table, row, column, money, problems)
}

/// A row's refund in cents, 0 for an empty cell; a negative refund is refused (it would add
/// to the charge: `100.00` with `-50.00` refunded counted $150).
pub fn refund_cents(table: &Table, row: &Row, column: usize, money: Money, problems: &mut Problems) -> i64 {
    let refund = cents(table, row, column, money, problems).unwrap_or(0);
    if refund < 0 {
        let cell = table.cell(row, column).trim();
        let message = format!("`{cell}` is negative; a refund is 0 or more (the part of the charge given back)");
        problems.push(Problem::cell(&table.file, row.line, table.name(column), message));
        return 0;
    }
    refund
}

/// A row's amount in cents; `None` for an empty cell.
pub fn cents(table: &Table, row: &Row, column: usize, money: Money, problems: &mut Problems) -> Option<i64> {
    let cell = table.cell(row, column);
    let problem = |message: String| Problem::cell(&table.file, row.line, table.name(column), message);
    match read(cell, money.decimal) {
        Ok(None) => None,
        Ok(Some(a)) if a.percent => {
            problems.push(problem(format!("`{cell}` is a percentage, not an amount")));
            None
        }
        Ok(Some(a)) if a.value.abs() > 1e12 => {
            problems.push(problem(format!("`{cell}` is larger than 1e12; check the amount")));
            None
        }
        Ok(Some(a)) => {
            let major = if money.minor { a.value / 100.0 } else { a.value };
            Some((major * 100.0).round() as i64)
        }
        Err(NotANumber::OtherDecimal) => {
            problems.push(problem(format!(
                "`{cell}` has a decimal comma among decimal points; give --decimal-comma if the file uses them"
            )));
            None
        }
        Err(NotANumber::Unreadable) => {
            problems
                .push(problem(format!("`{cell}` is not an amount; amounts look like 19.99, 1,180.00 or $1,180.00")));
            None
        }
    }
}

/// A cell as a lower-case word, for statuses and types.
pub fn word(table: &Table, row: &Row, column: Option<usize>) -> String {
    column.map_or_else(String::new, |c| table.cell(row, c).trim().to_lowercase())
}

/// Most months an import may span: a century.
pub const MAX_MONTHS: usize = 1200;

/// The number of months from `first` to `last`, or a problem when the dates span more than
/// [`MAX_MONTHS`] (a mistyped year).
///
/// # Errors
/// The problem naming the two months.
pub fn span(
    first: crate::text::calendar::YearMonth,
    last: crate::text::calendar::YearMonth,
    files: &str,
) -> Result<usize, super::error::ImportError> {
    let months = usize::try_from(first.months_until(last)).unwrap_or(0) + 1;
    if months > MAX_MONTHS {
        return Err(super::error::ImportError::one(Problem::file(
            files,
            format!(
                "the dates run from {} to {}, {months} months: check for a mistyped year (an import spans at most {MAX_MONTHS} months)",
                first.label(),
                last.label()
            ),
        )));
    }
    Ok(months)
}

/// The currencies of `counts` (rows per currency code; the empty code is a row that names
/// none) when there are several: each with its count of `noun`s, the most used first, and
/// the most used one, which `--currency` would keep most of.
pub fn mixed_currencies(counts: &std::collections::BTreeMap<String, usize>, noun: &str) -> Option<(String, String)> {
    let mut named: Vec<(&String, usize)> = counts.iter().filter(|(k, _)| !k.is_empty()).map(|(k, &n)| (k, n)).collect();
    if named.len() < 2 {
        return None;
    }
    named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let list: Vec<String> = named.iter().map(|(k, n)| format!("{k} ({})", super::summary::count(*n, noun))).collect();
    Some((list.join(", "), named[0].0.clone()))
}
