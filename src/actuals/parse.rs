//! Parsing and validation of a history CSV into [`History`].
//!
//! Rules: the header (line 1, or the first non-comment line) names `month` and any of the
//! [`Column`]s, case-insensitively and trimmed; an unknown or repeated column is an
//! error (with a did-you-mean for near misses). Months are whole numbers ≥ 1, consecutive
//! and increasing (a history may start later than month 1). Cells may be empty (unknown).
//! Numbers are plain (`1180`, `1180.50`, `-12`); dollar columns also accept a leading `$`
//! (`$1180`, `-$12`). Thousands separators are rejected with a message saying so, because
//! an unquoted `1,180` silently splits into two cells in CSV. Hours, customers, revenue,
//! COGS and commission must be ≥ 0 (gross profit may be negative); customers are whole.
//! Lines starting with `#` are comments.

use super::error::HistoryError;
use super::{Column, History, MonthActuals};
use crate::text::did_you_mean;

/// Latest month a history may record: the last month a scenario can simulate.
const MAX_MONTH: u32 = 10_600;
/// Largest amount or count a history cell may hold.
const MAX_AMOUNT: f64 = 1e12;
/// Most hours in a month.
const MAX_HOURS: f64 = 744.0;

/// Where a row with one cell too many probably split a number: two neighbouring cells that
/// read as one number with a thousands separator (`1`, `200`), or "" when none do.
fn split_number_hint(record: &csv::StringRecord) -> String {
    let cells: Vec<&str> = record.iter().map(str::trim).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let groups = |s: &str| {
        let whole = s.split('.').next().unwrap_or("");
        whole.len() == 3 && digits(whole) && s.split('.').nth(1).is_none_or(digits)
    };
    cells
        .windows(2)
        .find(|w| {
            digits(w[0].trim_start_matches(['$', '-']))
                && w[0].trim_start_matches(['$', '-']).len() <= 3
                && groups(w[1])
        })
        .map_or_else(
            || " (an unquoted thousands separator such as 1,180 splits a number in two; write 1180)".to_string(),
            |w| {
                format!(
                    " (`{},{}` looks like one number split by its thousands separator: write {}{})",
                    w[0], w[1], w[0], w[1]
                )
            },
        )
}

/// A header cell: the month or a value column.
#[derive(Clone, Copy, PartialEq)]
enum HeaderCell {
    Month,
    Value(Column),
}

pub(super) fn parse(text: &str, file: &str) -> Result<History, HistoryError> {
    let mut reader = crate::text::csv::reader(text);
    let mut records = reader.records();
    let csv_error = |e: csv::Error| HistoryError::Csv {
        file: file.to_string(),
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    let header = records.next().ok_or_else(|| HistoryError::Empty { file: file.to_string() })?.map_err(csv_error)?;
    let header_line = line_of(&header);
    let columns = parse_header(&header, header_line, file)?;
    let mut months: Vec<MonthActuals> = Vec::new();
    let mut previous_line = header_line;
    for record in records {
        let record = record.map_err(csv_error)?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = line_of(&record);
        let row = Row { file, line, columns: &columns };
        let month = row.parse_month(&record, months.last().map(|m| (m.month, previous_line)))?;
        months.push(row.parse_values(&record, month)?);
        previous_line = line;
    }
    if months.is_empty() {
        return Err(HistoryError::NoMonths { file: file.to_string() });
    }
    let metrics = columns.iter().filter_map(|c| match c {
        HeaderCell::Value(m) => Some(*m),
        HeaderCell::Month => None,
    });
    Ok(History { months, columns: metrics.collect() })
}

fn line_of(record: &csv::StringRecord) -> u64 {
    record.position().map_or(0, |p| p.line())
}

fn parse_header(header: &csv::StringRecord, line: u64, file: &str) -> Result<Vec<HeaderCell>, HistoryError> {
    let mut columns = Vec::with_capacity(header.len());
    for cell in header.iter() {
        let name = cell.to_lowercase();
        let column = if name == "month" {
            HeaderCell::Month
        } else if let Some(metric) = Column::ALL.into_iter().find(|m| m.name() == name) {
            HeaderCell::Value(metric)
        } else {
            let names = std::iter::once("month").chain(Column::ALL.iter().map(|m| m.name()));
            let did_you_mean = did_you_mean(&name, names);
            return Err(HistoryError::UnknownColumn {
                file: file.to_string(),
                line,
                name: cell.to_string(),
                did_you_mean,
            });
        };
        if columns.contains(&column) {
            return Err(HistoryError::DuplicateColumn { file: file.to_string(), line, name });
        }
        columns.push(column);
    }
    if !columns.contains(&HeaderCell::Month) {
        return Err(HistoryError::MissingMonthColumn { file: file.to_string(), line });
    }
    Ok(columns)
}

/// Context for parsing one data row.
struct Row<'a> {
    file: &'a str,
    line: u64,
    columns: &'a [HeaderCell],
}

impl Row<'_> {
    fn cells<'r>(
        &self,
        record: &'r csv::StringRecord,
    ) -> Result<impl Iterator<Item = (HeaderCell, &'r str)>, HistoryError> {
        if record.len() > self.columns.len() {
            return Err(HistoryError::TooManyCells {
                file: self.file.to_string(),
                line: self.line,
                cells: record.len(),
                columns: self.columns.len(),
                hint: split_number_hint(record),
            });
        }
        Ok(self.columns.iter().copied().zip(record.iter().chain(std::iter::repeat(""))))
    }

    /// The row's month, checked against the previous (month, line).
    fn parse_month(&self, record: &csv::StringRecord, previous: Option<(u32, u64)>) -> Result<u32, HistoryError> {
        let (file, line) = (self.file.to_string(), self.line);
        let cell = self.cells(record)?.find(|(c, _)| *c == HeaderCell::Month).map_or("", |(_, v)| v);
        if cell.is_empty() {
            return Err(HistoryError::EmptyMonth { file, line });
        }
        let month = match cell.parse::<u32>() {
            Ok(m) if (1..=MAX_MONTH).contains(&m) => m,
            _ => {
                return Err(HistoryError::BadMonth { file, line, value: cell.to_string() });
            }
        };
        match previous {
            Some((p, first_line)) if month == p => Err(HistoryError::DuplicateMonth { file, line, month, first_line }),
            Some((p, _)) if month < p => Err(HistoryError::MonthOutOfOrder { file, line, month, previous: p }),
            Some((p, _)) if month > p + 1 => Err(HistoryError::MonthGap { file, line, month, previous: p }),
            _ => Ok(month),
        }
    }

    fn parse_values(&self, record: &csv::StringRecord, month: u32) -> Result<MonthActuals, HistoryError> {
        let mut actuals = MonthActuals::empty(month);
        for (column, cell) in self.cells(record)? {
            let HeaderCell::Value(metric) = column else {
                continue;
            };
            let Some(value) = self.number(metric, cell)? else {
                continue;
            };
            if let Some(slot) = actuals.amount_mut(metric) {
                *slot = Some(value);
            } else if let Some(slot) = actuals.count_mut(metric) {
                if value.fract() != 0.0 {
                    return Err(HistoryError::NotWhole {
                        file: self.file.to_string(),
                        line: self.line,
                        column: metric.name(),
                        value: cell.to_string(),
                    });
                }
                *slot = Some(value as u64);
            }
        }
        if actuals.gross_profit.is_none()
            && let (Some(revenue), Some(cogs)) = (actuals.revenue, actuals.cogs)
        {
            actuals.gross_profit = Some(revenue - cogs);
            actuals.gross_profit_derived = true;
        }
        Ok(actuals)
    }

    /// A cell's number; `None` for an empty cell.
    fn number(&self, metric: Column, cell: &str) -> Result<Option<f64>, HistoryError> {
        if cell.is_empty() {
            return Ok(None);
        }
        let (file, line, column) = (self.file.to_string(), self.line, metric.name());
        if cell.contains(',') {
            return Err(HistoryError::ThousandsSeparator { file, line, column, value: cell.to_string() });
        }
        let (negative, unsigned) = match cell.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cell),
        };
        let digits = if metric.is_money() { unsigned.strip_prefix('$').unwrap_or(unsigned) } else { unsigned };
        let plain = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
        let value = match digits.parse::<f64>() {
            Ok(v) if plain => {
                if negative {
                    -v
                } else {
                    v
                }
            }
            _ => {
                return Err(HistoryError::NotANumber {
                    file,
                    line,
                    column,
                    value: cell.to_string(),
                    money: metric.is_money(),
                });
            }
        };
        if value < 0.0 && metric != Column::GrossProfit {
            return Err(HistoryError::Negative { file, line, column, value });
        }
        let max = if metric == Column::Hours { MAX_HOURS } else { MAX_AMOUNT };
        if value.abs() > max {
            let max = if metric == Column::Hours { "744 hours (a 31-day month)" } else { "1e12" };
            return Err(HistoryError::TooLarge { file, line, column, value: cell.to_string(), max });
        }
        Ok(Some(value))
    }
}
