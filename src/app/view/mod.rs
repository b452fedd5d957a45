//! What a page shows of a scenario, shared by the live page ([`super::live`]), the
//! explorable ([`super::explore`]) and `run`'s report: the scenario file read once
//! ([`Source`]), the numbers it offers to change ([`fields`](fn@fields)), and a run as a
//! page draws it ([`view`]).

mod fields;
mod run_view;
mod source;

pub use fields::{Field, RUN_SHAPE, fields, number_at};
pub use run_view::{Lead, TargetView, View, lead_metric, palette, unit_name, view};
pub use source::{MAX_SETS, Source};
