//! The errors a history CSV can be rejected with; each message names the file, the 1-based
//! line (the header is line 1), the column where there is one, and what is allowed.

use thiserror::Error;

const KNOWN: &str = "month, revenue, cogs, gross_profit, hours, customers, commission, new_customers, churned, reactivated, subscribers, new_subscribers, cancelled, commission_paid";

/// Why a history CSV was rejected. Lines are 1-based; the header is line 1.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum HistoryError {
    #[error("{file} line {line}: not valid CSV: {message}")]
    Csv { file: String, line: u64, message: String },
    #[error("{file}: no header line; expected e.g. `month,revenue,cogs,gross_profit,hours,customers`")]
    Empty { file: String },
    #[error(
        "{file} line {line}: no `month` column; the header must name `month` and any of revenue, cogs, gross_profit, hours, customers, commission"
    )]
    MissingMonthColumn { file: String, line: u64 },
    #[error("{file} line {line}: unknown column `{name}`{did_you_mean}; known columns: {KNOWN}")]
    UnknownColumn {
        file: String,
        line: u64,
        name: String,
        /// " (did you mean `x`?)", or empty.
        did_you_mean: String,
    },
    #[error("{file} line {line}: column `{name}` appears twice")]
    DuplicateColumn { file: String, line: u64, name: String },
    #[error("{file} line {line}: {cells} cells but the header has {columns} columns{hint}")]
    TooManyCells {
        file: String,
        line: u64,
        cells: usize,
        columns: usize,
        /// What probably split a number, e.g. " (`1,200` is one number split in two by its
        /// thousands separator: write 1200)".
        hint: String,
    },
    #[error("{file} line {line}, column `month`: the month is empty; every row needs its month number")]
    EmptyMonth { file: String, line: u64 },
    #[error(
        "{file} line {line}, column `month`: `{value}` is not a month number; months are whole numbers 1, 2, 3, ... up to 10600"
    )]
    BadMonth { file: String, line: u64, value: String },
    #[error("{file} line {line}, column `month`: month {month} appears twice (also on line {first_line})")]
    DuplicateMonth { file: String, line: u64, month: u32, first_line: u64 },
    #[error(
        "{file} line {line}, column `month`: month {month} comes after month {previous}; rows must be in increasing month order"
    )]
    MonthOutOfOrder { file: String, line: u64, month: u32, previous: u32 },
    #[error(
        "{file} line {line}, column `month`: month {month} follows month {previous}; months must be consecutive (add the missing months, leaving unknown cells empty)"
    )]
    MonthGap { file: String, line: u64, month: u32, previous: u32 },
    #[error("{file} line {line}, column `{column}`: `{value}` is not a number; write plain numbers such as 1180 or 1180.50{}", if *.money { " (a leading $ is fine)" } else { "" })]
    NotANumber { file: String, line: u64, column: &'static str, value: String, money: bool },
    #[error("{file} line {line}, column `{column}`: `{value}` has a thousands separator; write {}", value.replace(',', ""))]
    ThousandsSeparator { file: String, line: u64, column: &'static str, value: String },
    #[error("{file} line {line}, column `{column}`: {value} is larger than {max}; check the number")]
    TooLarge { file: String, line: u64, column: &'static str, value: String, max: &'static str },
    #[error("{file} line {line}, column `{column}`: {value} is negative; {column} cannot be below 0")]
    Negative { file: String, line: u64, column: &'static str, value: f64 },
    #[error(
        "{file} line {line}, column `{column}`: `{value}` is not a whole number (it counts customers or subscribers)"
    )]
    NotWhole { file: String, line: u64, column: &'static str, value: String },
    #[error("{file}: no months after the header")]
    NoMonths { file: String },
}
