//! Actuals: the months a user has already lived through, read from a CSV as spreadsheets
//! export it (see `parse`: `,` `;` or tab, currency signs, decimal commas, months as numbers
//! or dates, several rows a month) and summarised the way the user's spreadsheet does.
//! Reading the file is the caller's job; this module parses text, and says in notes every
//! reading that could go two ways.
//!
//! Columns: `month` plus any of `revenue`, `cogs`, `gross_profit`, `hours`, `customers`,
//! `commission`, `new_customers`, `churned`, `reactivated`, `subscribers`,
//! `new_subscribers`, `cancelled`, `commission_paid`; any cell except `month` may be empty
//! (unknown). Definitions (the flows as docs/model.md §15 counts them):
//! - `gross_profit` is the reseller's revenue − COGS; when its cell is empty but revenue and
//!   COGS are known it is derived (and marked as such). A given value is kept as typed.
//! - `commission` is affiliate commission earned, added to gross profit for earnings;
//!   `commission_paid` is the cash paid out that month, `payout_fees` the payout provider's
//!   cut of it.
//! - `customers` and `subscribers` are counts at the month (billed that month);
//!   `new_customers`, `churned`, `reactivated`, `new_subscribers` and `cancelled` are the
//!   month's flows: first active month, last active month, active again after a gap.
//! - The effective hourly rate is (gross profit + commission) / hours, as in docs/model.md
//!   §5; undefined (`None`) when hours are 0 or unknown or earnings are unknown.

mod cells;
mod error;
mod header;
mod model;
mod months;
mod options;
mod parse;

pub use error::{HistoryError, Problem};
pub use model::{Column, History, HistorySummary, MonthActuals};
pub use options::{ReadOptions, Reading};

#[cfg(test)]
mod tests;
