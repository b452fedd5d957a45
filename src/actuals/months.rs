//! The month of each row of a history: a month number (1, 2, 3, ... one row each, in
//! order, without gaps) or a date mapped through the scenario's `first_month`
//! (docs/model.md §14; without it, the earliest date's month is month 1, and a note says
//! so). Numeric dates are read day-first or month-first as the whole column shows; when no
//! date shows it, as the file's locale suggests (day-first with `;` separators or `31.01.`
//! dots), with a note.

use super::error::Problem;
use super::header::Header;
use super::options::{ReadOptions, Row};
use crate::text::calendar::{Calendar, Date, DateOrder, parse_date};
use crate::text::csv::Delimiter;

/// Latest month a history may record: the last month a scenario can simulate.
pub(super) const MAX_MONTH: u32 = 10_600;

/// The month of one row, and where it falls within the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RowMonth {
    pub month: u32,
    /// The row's date, for rows of one month (`None` for month numbers).
    pub date: Option<Date>,
    pub line: u64,
}

/// The rows' months, in row order, and the calendar when they came from dates.
pub(super) struct Months {
    pub rows: Vec<RowMonth>,
    pub calendar: Option<Calendar>,
    /// Whether the months came from dates (several rows to a month are then allowed).
    pub dated: bool,
}

/// Assigns each row its month; problems and notes are added to the lists.
pub(super) fn assign(
    header: &Header,
    rows: &[Row],
    delimiter: Delimiter,
    options: &ReadOptions,
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Option<Months> {
    let before = problems.len();
    let column = |i: usize| -> Vec<(u64, &str)> {
        rows.iter().map(|r| (r.line, r.cells.get(i).map_or("", String::as_str))).collect()
    };
    let time = column(header.time);
    let is_date = |c: &str| [DateOrder::DayFirst, DateOrder::MonthFirst].iter().any(|&o| parse_date(c, o).is_some());
    let numbers = !time.iter().any(|(_, c)| is_date(c));
    let name = &header.names[header.time];
    let months = match (numbers, header.dates, options.first_month) {
        (true, Some(dates), Some(_)) => {
            let dates_name = &header.names[dates];
            let mut quiet = Vec::new();
            let by_date = by_dates(&column(dates), dates_name, delimiter, options, problems, &mut quiet);
            let numbered = by_number(&time, name, &mut Vec::new());
            let differ = by_date.rows.iter().zip(&numbered.rows).any(|(d, n)| d.month != n.month);
            if differ {
                notes.extend(quiet);
                notes.push(format!(
                    "months from the `{dates_name}` column through the scenario's first_month, not from `{name}` (which counts from the file's own first month)"
                ));
            }
            by_date
        }
        (true, dates, _) => {
            let mut months = by_number(&time, name, problems);
            months.calendar = dates.and_then(|d| calendar_of(&column(d), &months.rows, delimiter));
            months
        }
        (false, _, _) => by_dates(&time, name, delimiter, options, problems, notes),
    };
    (problems.len() == before && !months.rows.is_empty()).then_some(months)
}

fn by_number(cells: &[(u64, &str)], name: &str, problems: &mut Vec<Problem>) -> Months {
    let mut rows = Vec::new();
    let mut previous: Option<(u32, u64)> = None;
    for &(line, cell) in cells {
        let problem = |message: String| Problem::cell(line, name, message);
        if cell.is_empty() {
            problems.push(problem("the month is empty; every row needs its month number (or a date)".into()));
            continue;
        }
        let month = match cell.parse::<u32>() {
            Ok(m) if (1..=MAX_MONTH).contains(&m) => m,
            _ => {
                problems.push(problem(format!(
                    "`{cell}` is not a month number; months are whole numbers 1, 2, 3, ... up to {MAX_MONTH}, or dates such as 2026-01"
                )));
                continue;
            }
        };
        match previous {
            Some((p, first_line)) if month == p => {
                problems.push(problem(format!("month {month} appears twice (also on line {first_line})")))
            }
            Some((p, _)) if month < p => problems.push(problem(format!(
                "month {month} comes after month {p}; rows must be in increasing month order"
            ))),
            Some((p, _)) if month > p + 1 => problems.push(problem(format!(
                "month {month} follows month {p}; months must be consecutive (add the missing months, leaving unknown cells empty)"
            ))),
            _ => {}
        }
        previous = Some((month, line));
        rows.push(RowMonth { month, date: None, line });
    }
    Months { rows, calendar: None, dated: false }
}

/// The order of numeric dates: as the column shows, else by the file's locale.
fn order(
    cells: &[(u64, &str)],
    name: &str,
    delimiter: Delimiter,
    problems: &mut Vec<Problem>,
) -> (DateOrder, Option<String>) {
    let evidence = DateOrder::evidence(cells.iter().map(|(_, c)| *c));
    match (&evidence.day_first, &evidence.month_first) {
        (Some(d), Some(m)) => {
            problems.push(Problem::file(format!(
                "column `{name}` mixes day-first dates (`{d}`) and month-first dates (`{m}`); write them one way, or as 2026-01-31"
            )));
            (DateOrder::DayFirst, None)
        }
        (Some(_), None) => (DateOrder::DayFirst, None),
        (None, Some(_)) => (DateOrder::MonthFirst, None),
        (None, None) if evidence.ambiguous == 0 => (DateOrder::MonthFirst, None),
        (None, None) => {
            let example = cells.iter().map(|(_, c)| c.trim()).find(|c| DateOrder::evidence([*c]).ambiguous == 1);
            let day_first = evidence.dotted || delimiter == Delimiter::Semicolon;
            let order = if day_first { DateOrder::DayFirst } else { DateOrder::MonthFirst };
            let how = if day_first {
                "day first, as European spreadsheets write them"
            } else {
                "month first, as US spreadsheets write them"
            };
            let note = example.and_then(|e| Some((e, parse_date(e, order)?))).map(|(e, d)| {
                format!(
                    "dates in `{name}` read {how}: no date says which (`{e}` is {} {})",
                    d.day.unwrap_or(1),
                    d.month.label()
                )
            });
            (order, note)
        }
    }
}

fn by_dates(
    cells: &[(u64, &str)],
    name: &str,
    delimiter: Delimiter,
    options: &ReadOptions,
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Months {
    let (order, note) = order(cells, name, delimiter, problems);
    notes.extend(note);
    let mut dates = Vec::new();
    for &(line, cell) in cells {
        match parse_date(cell, order) {
            Some(date) => dates.push((line, date)),
            None if cell.is_empty() => {
                problems.push(Problem::cell(line, name, "the date is empty; every row needs its month or date".into()))
            }
            None => problems.push(Problem::cell(
                line,
                name,
                format!(
                    "`{cell}` is not a date or a month number; write dates such as 2026-01-31, 2026-01, Jan 2026 or January 31, 2026 (numbers alone are month numbers, but not mixed with dates)"
                ),
            )),
        }
    }
    let Some(earliest) = dates.iter().map(|(_, d)| d.month).min() else {
        return Months { rows: Vec::new(), calendar: None, dated: true };
    };
    let calendar = Calendar { first: options.first_month.unwrap_or(earliest) };
    match options.first_month {
        Some(first) => notes.push(format!("dates mapped through the scenario's first_month {first}: {} is month 1", first.label())),
        None => notes.push(format!(
            "the history's dates start in {}, taken as month 1: the scenario gives no first_month (add `first_month = \"{earliest}\"` to say so)",
            earliest.label()
        )),
    }
    let mut rows = Vec::new();
    for (line, date) in dates {
        match calendar.month_of(date.month).filter(|&m| m <= MAX_MONTH) {
            Some(month) => rows.push(RowMonth { month, date: Some(date), line }),
            None => problems.push(Problem::cell(
                line,
                name,
                format!(
                    "{} is before the scenario's first_month {} (month 1); remove the row or set first_month earlier",
                    date.month.label(),
                    calendar.first
                ),
            )),
        }
    }
    let mut covered: Vec<u32> = rows.iter().map(|r| r.month).collect();
    covered.sort_unstable();
    covered.dedup();
    for pair in covered.windows(2).filter(|w| w[1] > w[0] + 1) {
        let missing = (pair[0] + 1..pair[1]).map(|m| format!("{} (month {m})", calendar.label(m))).collect::<Vec<_>>();
        problems.push(Problem::column(
            name,
            format!(
                "no row in {}: months must run without a gap; add a row for each, leaving unknown cells empty",
                missing.join(", ")
            ),
        ));
    }
    Months { rows, calendar: Some(calendar), dated: true }
}

/// The calendar a `date` column beside month numbers gives: the first row's month, when
/// every date agrees with its number.
fn calendar_of(cells: &[(u64, &str)], rows: &[RowMonth], delimiter: Delimiter) -> Option<Calendar> {
    let order = if delimiter == Delimiter::Semicolon { DateOrder::DayFirst } else { DateOrder::MonthFirst };
    let date = parse_date(cells.first()?.1, order)?;
    let calendar = Calendar { first: date.month.minus(rows.first()?.month - 1)? };
    let agrees = rows
        .iter()
        .zip(cells)
        .all(|(r, (_, c))| parse_date(c, order).is_some_and(|d| calendar.month_of(d.month) == Some(r.month)));
    agrees.then_some(calendar)
}
