//! What reading a history takes and gives: the options the scenario and the command line
//! set ([`ReadOptions`]), the history with its notes ([`Reading`]), and a data row as read
//! ([`Row`]).

use super::model::History;
use crate::text::calendar::YearMonth;

/// How to read a history file: what the scenario and the command line say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The scenario's `first_month`: dates map through it (docs/model.md §14).
    pub first_month: Option<YearMonth>,
    /// Numbers use decimal commas (`--decimal-comma`), whatever the separator.
    pub decimal_comma: bool,
}

/// A history read, with the notes on how it was read (each a sentence the user can check).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub history: History,
    pub notes: Vec<String>,
}

/// A data row: its line and cells.
pub(super) struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}
