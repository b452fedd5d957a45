//! The value cells of a history: numbers as spreadsheets write them ([`crate::text::amount`]:
//! currency signs, thousands separators, decimal commas), the file's decimal separator
//! decided from all its cells at once, every bad cell reported; then one [`MonthActuals`] per
//! month, adding up a month's rows for money, hours and flows and taking levels (customers,
//! subscribers) from its last row by date (docs/model.md §15).

use super::error::Problem;
use super::header::{Header, Role};
use super::model::{Column, History, MonthActuals};
use super::months::Months;
use super::options::{ReadOptions, Row};
use crate::text::amount::{Decimal, NotANumber, read};
use crate::text::csv::Delimiter;

/// Largest amount or count a history cell may hold.
const MAX_AMOUNT: f64 = 1e12;
/// Most hours in a month.
const MAX_HOURS: f64 = 744.0;

/// Whether a cell reads as a number in some style (for telling text columns from numbers).
pub(super) fn looks_numeric(cell: &str) -> bool {
    read(cell, Decimal::Point).is_ok_and(|a| a.is_some()) || read(cell, Decimal::Comma).is_ok_and(|a| a.is_some())
}

fn cell(row: &Row, i: usize) -> &str {
    row.cells.get(i).map_or("", String::as_str)
}

/// The value cells, parsed: `values[row][k]` for the `k`-th value column.
pub(super) struct Grid {
    columns: Vec<(usize, Column)>,
    values: Vec<Vec<Option<f64>>>,
}

impl Grid {
    pub(super) fn new(
        header: &Header,
        rows: &[Row],
        delimiter: Delimiter,
        options: &ReadOptions,
        problems: &mut Vec<Problem>,
        notes: &mut Vec<String>,
    ) -> Option<Grid> {
        let columns: Vec<(usize, Column)> = header
            .roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Role::Value(c) => Some((i, *c)),
                _ => None,
            })
            .collect();
        let all = rows.iter().flat_map(|r| columns.iter().map(move |(i, _)| cell(r, *i)));
        let default = if delimiter == Delimiter::Semicolon { Decimal::Comma } else { Decimal::Point };
        let forced = options.decimal_comma.then_some(Decimal::Comma);
        let decimal = match Decimal::decide(forced, all, default) {
            Ok(decided) => {
                notes.extend(decimal_note(&decided, delimiter, options.decimal_comma));
                decided.decimal
            }
            Err((point, comma)) => {
                problems.push(Problem::file(format!(
                    "numbers are written with decimal points (`{point}`) and with decimal commas (`{comma}`); write them one way"
                )));
                return None;
            }
        };
        let mut currencies: Vec<(&'static str, u64)> = Vec::new();
        let mut values = Vec::with_capacity(rows.len());
        for row in rows {
            let mut parsed = Vec::with_capacity(columns.len());
            for &(i, column) in &columns {
                let text = cell(row, i);
                let value =
                    number(text, column, decimal, delimiter).map_err(|m| Problem::cell(row.line, &header.names[i], m));
                match value {
                    Ok(Some((v, currency))) => {
                        if let Some(c) = currency.filter(|c| !currencies.iter().any(|(k, _)| k == c)) {
                            currencies.push((c, row.line));
                        }
                        parsed.push(Some(v));
                    }
                    Ok(None) => parsed.push(None),
                    Err(p) => {
                        problems.push(p);
                        parsed.push(None);
                    }
                }
            }
            values.push(parsed);
        }
        match &currencies[..] {
            [] | [("$", _)] => {}
            [(c, _)] => notes.push(format!("amounts written in {c}: read as they are (sidecast labels money with $)")),
            [(a, la), (b, lb), ..] => problems.push(Problem::file(format!(
                "amounts in more than one currency: {a} (line {la}) and {b} (line {lb}); convert them to one"
            ))),
        }
        Some(Grid { columns, values })
    }
}

fn decimal_note(decided: &crate::text::amount::Decided, delimiter: Delimiter, forced: bool) -> Option<String> {
    match (decided.decimal, &decided.shown_by, &decided.ambiguous) {
        (Decimal::Comma, _, _) if forced => Some("numbers read with decimal commas (--decimal-comma)".into()),
        (Decimal::Comma, Some(cell), _) => Some(format!("numbers read with decimal commas, as `{cell}` shows")),
        (Decimal::Comma, None, _) if delimiter == Delimiter::Semicolon => {
            Some("numbers read with decimal commas, as `;`-separated spreadsheets write them (`1.180` is 1180)".into())
        }
        (Decimal::Point, _, Some(cell)) => {
            Some(format!("`{cell}` read with a thousands separator: the file's numbers use decimal points"))
        }
        _ => None,
    }
}

/// `typical` numbers for a message about `column`.
fn examples(column: Column, decimal: Decimal) -> &'static str {
    match (column.is_count(), column == Column::Hours, decimal) {
        (true, _, _) => "a whole number such as 12",
        (_, true, Decimal::Point) => "a number such as 4.5",
        (_, true, Decimal::Comma) => "a number such as 4,5",
        (_, _, Decimal::Point) => "numbers such as 1180, 1,180.50 or $1,180.00",
        (_, _, Decimal::Comma) => "numbers such as 1180, 1.180,50 or 1.180,50 €",
    }
}

/// A cell's value and currency; `Ok(None)` when empty; `Err` with the message.
fn number(
    text: &str,
    column: Column,
    decimal: Decimal,
    delimiter: Delimiter,
) -> Result<Option<(f64, Option<&'static str>)>, String> {
    let name = column.name();
    let amount = match read(text, decimal) {
        Ok(None) => return Ok(None),
        Ok(Some(a)) => a,
        Err(NotANumber::OtherDecimal) => {
            let how = match (decimal, delimiter) {
                (Decimal::Point, _) => {
                    "the file's numbers use decimal points: give --decimal-comma if its commas are decimal"
                }
                (Decimal::Comma, Delimiter::Semicolon) => {
                    "a `;`-separated file reads decimal commas: write it with a comma"
                }
                (Decimal::Comma, _) => "the file's numbers use decimal commas",
            };
            return Err(format!("`{text}` is not a number here; {how}"));
        }
        Err(NotANumber::Unreadable) => {
            return Err(format!("`{text}` is not a number; write {}", examples(column, decimal)));
        }
    };
    if amount.percent {
        return Err(format!(
            "`{text}` is a percentage; `{name}` holds {}",
            if column.is_money() { "money" } else { "a number" }
        ));
    }
    if amount.currency.is_some() && !column.is_money() {
        return Err(format!(
            "`{text}` is not a number of {name}: it has a currency sign; write {}",
            examples(column, decimal)
        ));
    }
    let value = amount.value;
    // Money may be negative in a row (a refund week of a page updated every Friday); a month
    // whose revenue, COGS or fees add up below 0 is refused once the rows are summed.
    if value < 0.0 && !column.is_money() {
        return Err(format!("{} is negative; {name} cannot be below 0", crate::text::number::short(value)));
    }
    let max = if column == Column::Hours { MAX_HOURS } else { MAX_AMOUNT };
    if value.abs() > max {
        let max = if column == Column::Hours { "744 hours (a 31-day month)" } else { "1e12" };
        return Err(format!("{text} is larger than {max}; check the number"));
    }
    if column.is_count() && value.fract() != 0.0 {
        return Err(format!("`{text}` is not a whole number (it counts customers or subscribers)"));
    }
    let currency = amount.currency.map(|c| match c {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        other => other,
    });
    Ok(Some((value, currency)))
}

/// Levels are taken from a month's last row; everything else is added up.
fn is_level(column: Column) -> bool {
    matches!(column, Column::Customers | Column::Subscribers)
}

/// One month per month number, from the rows' values.
pub(super) fn assemble(grid: &Grid, months: &Months, notes: &mut Vec<String>) -> History {
    let mut order: Vec<usize> = (0..months.rows.len()).collect();
    order.sort_by_key(|&i| months.rows[i]);
    let first = order.first().map_or(1, |&i| months.rows[i].month);
    let last = order.last().map_or(first, |&i| months.rows[i].month);
    let mut out: Vec<MonthActuals> = (first..=last).map(MonthActuals::empty).collect();
    let mut rows_in: Vec<usize> = vec![0; out.len()];
    for &i in &order {
        let slot = (months.rows[i].month - first) as usize;
        rows_in[slot] += 1;
        let actuals = &mut out[slot];
        for (k, &(_, column)) in grid.columns.iter().enumerate() {
            let Some(v) = grid.values[i][k] else { continue };
            if let Some(count) = actuals.count_mut(column) {
                let previous = count.unwrap_or(0) as f64;
                *count = Some(if is_level(column) { v } else { previous + v } as u64);
            } else if let Some(amount) = actuals.amount_mut(column) {
                *amount = Some(((amount.unwrap_or(0.0) + v) * 1e6).round() / 1e6);
            }
        }
    }
    for actuals in &mut out {
        if actuals.gross_profit.is_none()
            && let (Some(revenue), Some(cogs)) = (actuals.revenue, actuals.cogs)
        {
            actuals.gross_profit = Some(((revenue - cogs) * 1e6).round() / 1e6);
            actuals.gross_profit_derived = true;
        }
    }
    if months.dated && rows_in.iter().any(|&n| n > 1) {
        let (most, least) = (rows_in.iter().max().copied().unwrap_or(1), rows_in.iter().min().copied().unwrap_or(1));
        let range = if most == least { format!("{most}") } else { format!("{least}-{most}") };
        notes.push(format!(
            "several rows in a month ({range} a month): money, hours and flows (new, churned, cancelled, ...) added up; customers and subscribers taken from each month's last row by date"
        ));
    }
    let mut columns: Vec<Column> = Vec::new();
    for &(_, c) in &grid.columns {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    History { months: out, columns, calendar: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_with_their_column_rules() {
        let n = |t: &str, c: Column| number(t, c, Decimal::Point, Delimiter::Comma);
        assert_eq!(n("$1,180.00", Column::Revenue), Ok(Some((1180.0, Some("$")))));
        assert_eq!(n("EUR 5", Column::Revenue), Ok(Some((5.0, Some("€")))));
        assert_eq!(n("-40", Column::Commission), Ok(Some((-40.0, None))), "a reversal after payment");
        assert!(n("-2", Column::Hours).unwrap_err().contains("-2 is negative"));
        assert!(n("15%", Column::Revenue).unwrap_err().contains("is a percentage"));
        assert!(n("$4", Column::Hours).unwrap_err().contains("has a currency sign"));
        assert!(n("2.5", Column::Churned).unwrap_err().contains("not a whole number"));
        assert!(n("12,5", Column::Revenue).unwrap_err().contains("give --decimal-comma"));
        let semicolon = number("1180.50", Column::Revenue, Decimal::Comma, Delimiter::Semicolon);
        assert!(semicolon.unwrap_err().contains("reads decimal commas"));
    }
}
