//! Human text in and out, for every layer: the one unit of every number
//! ([`unit`](mod@unit)), numbers formatted for people ([`number`]), "did you mean"
//! suggestions ([`suggest`]), names made safe for terminals and Markdown ([`escape`]), the
//! one CSV reader set-up every input file uses ([`csv`]), numbers as spreadsheets write
//! them ([`amount`]) and calendar months and dates ([`calendar`]). A leaf: it depends on
//! nothing else in the crate. Machine outputs (JSON, CSV cells) never go through
//! [`number`]: they keep full precision.

pub mod amount;
pub mod calendar;
pub mod csv;
pub mod escape;
pub mod number;
pub mod suggest;
pub mod unit;

pub use escape::{escape_control, escape_markdown};
pub use suggest::{did_you_mean, nearest};
pub use unit::Unit;
