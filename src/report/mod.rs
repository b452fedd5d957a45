//! The results contract ([`summary`]) and its human presentation ([`table`], [`format`]).

pub mod assumptions;
pub mod charts;
pub mod format;
pub mod streaming;
pub mod summary;
pub mod table;

pub use summary::{MetricSummary, RunReport, TargetReport, metric_values, summarize};
