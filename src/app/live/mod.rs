//! The live page's library functions (`sidecast serve`): the scenario file read once
//! ([`Source`]), the numbers it offers to change ([`fields`]), a redraw with `--set`
//! values through [`app::run`](crate::app::run) with the paired difference from the file's
//! own run ([`redraw`], [`difference`]), and the text of a saved copy ([`saved_text`]). No
//! HTTP, no files written: the `serve` front end does that.

mod fields;
mod redraw;
mod save;
mod source;
mod view;

pub use fields::{Field, RUN_SHAPE, fields, number_at};
pub use redraw::{Difference, Redraw, Series, difference, redraw, run_input};
pub use save::{MAX_NAME, check_file_name, saved_text};
pub use source::{MAX_SETS, Source};
pub use view::{Lead, TargetView, View, lead_metric, palette, unit_name, view};

/// What a page needs to look like the explorable and the charts: the shared drawing
/// module, style and markup helpers.
pub use crate::export::html::{DRAW_SCRIPT, EXPLORE_STYLE, PAGE_STYLE, escape, legend, script_safe};
