//! The live page's library functions (`sidecast serve`): the scenario file read once
//! ([`Source`]) and the numbers it offers to change ([`fields`]) from [`super::view`], a
//! redraw with `--set` values through [`app::run`](crate::app::run) with the paired
//! difference from the file's own run ([`redraw`](fn@redraw), [`difference`]), and the text
//! of a saved copy ([`saved_text`]). No HTTP, no files written: the `serve` front end does
//! that.

mod redraw;
mod save;

pub use super::view::{
    Field, Lead, MAX_SETS, RUN_SHAPE, Source, TargetView, View, fields, lead_metric, number_at, palette, unit_name,
    view,
};
pub use redraw::{Difference, Redraw, Series, difference, redraw, run_input};
pub use save::{MAX_NAME, check_file_name, saved_text};

/// What a page needs to look like the explorable and the charts: the shared drawing
/// module, style and markup helpers.
pub use crate::export::html::{DRAW_SCRIPT, EXPLORE_STYLE, PAGE_STYLE, escape, legend, script_safe};
