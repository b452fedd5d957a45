//! From the results contracts to chart inputs ([`crate::chart`]'s plain structs): which
//! charts each command draws, their titles, units and series. Every number comes from a
//! report (or, for histograms and sample paths, from values the caller passes in); nothing
//! is recomputed here.

pub mod calibrate;
pub mod compare;
mod figure;
pub mod history;
pub mod money;
pub mod programmes;
pub mod retention;
pub mod run;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
pub mod titles;
pub mod words;

pub use figure::{
    Figure, Requests, apply, band_values, bands, caption, file_names, medians, stacked_description, subtitle,
    waterfall_description,
};
