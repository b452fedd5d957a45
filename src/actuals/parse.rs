//! Reading a history CSV as spreadsheets export it into [`History`]: the separator sniffed
//! from the header (`,`, `;` or tab), a byte-order mark dropped, the header read by
//! [`super::header`], the months from numbers or dates ([`super::months`]), the cells by
//! [`super::cells`]. Every problem is collected and reported at once; every reading that
//! could go two ways comes back as a note.
//!
//! Month numbers keep the old rules: whole numbers 1-10600, increasing and consecutive, one
//! row each. Dates may come in any order and several to a month (a page updated every
//! Friday); the months they cover must still run without a gap.

use super::cells::{self, Grid};
use super::error::{HistoryError, Problem};
use super::header::{Header, Role, header};
use super::model::{Column, History};
use super::months;
use super::options::{ReadOptions, Reading, Row};
use crate::text::csv::{Delimiter, records_with, sniff, split_number_hint, without_bom};

impl History {
    /// Parses a history CSV with the default options; `file` names it in error messages
    /// (e.g. `history.csv`).
    ///
    /// # Errors
    /// See [`History::read`].
    pub fn parse_csv(text: &str, file: &str) -> Result<History, HistoryError> {
        Ok(Self::read(text, file, &ReadOptions::default())?.history)
    }

    /// Reads a history CSV as spreadsheets export it, with the notes on how it was read.
    ///
    /// # Errors
    /// A [`HistoryError`] with every problem found: each names the 1-based line (the header
    /// is line 1), the column where there is one, the value and what is allowed.
    pub fn read(text: &str, file: &str, options: &ReadOptions) -> Result<Reading, HistoryError> {
        read(text, file, options)
    }
}

fn read(text: &str, file: &str, options: &ReadOptions) -> Result<Reading, HistoryError> {
    let fail = |problems: Vec<Problem>| HistoryError { file: file.to_string(), problems };
    let (text, _) = without_bom(text);
    let delimiter = sniff(text);
    let mut records = Vec::new();
    for (line, record) in records_with(text, delimiter) {
        match record {
            Ok(r) if r.iter().all(str::is_empty) => {}
            Ok(r) => records.push(Row { line, cells: r.iter().map(str::to_string).collect() }),
            Err(e) => return Err(fail(vec![Problem::line(line, format!("not valid CSV: {e}"))])),
        }
    }
    let mut rows = records.into_iter();
    let Some(first) = rows.next() else {
        let hint = "expected e.g. `month,revenue,cogs,gross_profit,hours,customers`";
        return Err(fail(vec![Problem::file(format!("no header line; {hint}"))]));
    };
    let (mut header, mut problems) = header(&first.cells, first.line).map_err(fail)?;
    let rows: Vec<Row> = rows.collect();
    if rows.is_empty() {
        problems.push(Problem::file("no months after the header".into()));
        return Err(fail(problems));
    }
    let mut notes = Vec::new();
    if delimiter != Delimiter::Comma {
        notes.push(format!("{file}: columns separated by {} (read from its header)", delimiter.name()));
    }
    problems.extend(too_many_cells(&rows, header.names.len()));
    settle_unknown(&mut header, &rows, &mut problems, &mut notes);
    let grid = Grid::new(&header, &rows, delimiter, options, &mut problems, &mut notes);
    let months = months::assign(&header, &rows, delimiter, options, &mut problems, &mut notes);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let (Some(grid), Some(months)) = (grid, months) else {
        return Err(fail(vec![Problem::file("no months after the header".into())]));
    };
    let history = cells::assemble(&grid, &months, &mut notes);
    let negative = negative_totals(&history, &rows, &months);
    if !negative.is_empty() {
        return Err(fail(negative));
    }
    Ok(Reading { history: History { calendar: months.calendar, ..history }, notes })
}

/// One problem per month whose revenue, COGS or payout fees add up below 0 (a row may be
/// negative, a refund, when the month's rows sum to 0 or more), naming its rows' lines.
fn negative_totals(history: &History, rows: &[Row], months: &months::Months) -> Vec<Problem> {
    let mut problems = Vec::new();
    for m in &history.months {
        for column in [Column::Revenue, Column::Cogs, Column::PayoutFees] {
            let Some(total) = m.get(column).filter(|&v| v < 0.0) else { continue };
            let lines: Vec<String> = rows
                .iter()
                .zip(&months.rows)
                .filter(|(_, r)| r.month == m.month)
                .map(|(row, _)| row.line.to_string())
                .collect();
            let s = if lines.len() > 1 { "s" } else { "" };
            problems.push(Problem::file(format!(
                "month {}: {} adds up to {} (line{s} {}); it cannot be below 0",
                m.month,
                column.name(),
                crate::text::number::short(total),
                lines.join(", ")
            )));
        }
    }
    problems
}

/// One problem per row with more cells than the header has columns.
fn too_many_cells(rows: &[Row], columns: usize) -> Vec<Problem> {
    rows.iter()
        .filter(|r| r.cells.len() > columns)
        .map(|r| {
            let hint = split_number_hint(&r.cells);
            Problem::line(r.line, format!("{} cells but the header has {columns} columns{hint}", r.cells.len()))
        })
        .collect()
}

/// An unknown column is ignored when its cells are text (a title, notes) and refused when
/// any is a number.
fn settle_unknown(header: &mut Header, rows: &[Row], problems: &mut Vec<Problem>, notes: &mut Vec<String>) {
    for (i, role) in header.roles.iter_mut().enumerate() {
        if *role != Role::Unknown {
            continue;
        }
        let name = &header.names[i];
        let number = rows.iter().filter_map(|r| r.cells.get(i)).find(|c| cells::looks_numeric(c));
        match number {
            Some(cell) => problems.push(Problem::line(
                header.line,
                format!(
                    "unknown column `{name}` holds numbers (`{cell}`); known columns: {}; rename it or delete it",
                    super::error::KNOWN
                ),
            )),
            None => {
                notes.push(format!("ignored column `{name}`: text (a title or notes), not a number sidecast reads"))
            }
        }
        *role = Role::Ignored(String::new());
    }
    for role in &header.roles {
        if let Role::Ignored(note) = role
            && !note.is_empty()
        {
            notes.push(note.clone());
        }
    }
}
