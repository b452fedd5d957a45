//! The results contracts of every command and their human rendering: the serializable
//! report types ([`run`], [`actuals`], [`compare`], [`sweep`], [`sensitivity`],
//! [`retention`]), terminal tables ([`terminal`]), chart inputs ([`charts`]), labels of
//! scenario keys ([`labels`]), the assumptions block ([`assumptions`]), every resolved value
//! of a scenario ([`resolved`], for `check`), where a month's money
//! goes ([`waterfall`]) and the retention snippet ([`snippet`]).
//!
//! Reports are computed once, by `summarize` and `analysis`; everything here reads them and
//! never recomputes a statistic. Keys are typed inside the program ([`SeriesKey`],
//! [`Metric`], [`Percentile`]) and become text only when serialised.
//!
//! [`SeriesKey`]: crate::metric::SeriesKey
//! [`Metric`]: crate::metric::Metric
//! [`Percentile`]: crate::stats::Percentile

pub mod actuals;
pub mod assumptions;
pub mod charts;
pub mod compare;
pub mod labels;
pub mod resolved;
pub mod retention;
pub mod run;
pub mod sensitivity;
pub mod snippet;
pub mod solve;
pub mod sweep;
pub mod terminal;
pub mod waterfall;

pub use run::{FirstMonth, MetricSummary, PercentileMethod, Precision, RunReport, TargetReport};
