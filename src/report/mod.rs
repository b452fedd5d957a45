//! The results contracts of every command: the serializable report types ([`run`],
//! [`actuals`], [`compare`], [`sweep`], [`sensitivity`], [`solve`], [`calibrate`] with its
//! [`evidence`], [`retention`]), a distribution in four numbers ([`spread`]), where a
//! month's money goes ([`waterfall`]), and the retention snippet ([`snippet`]). Their
//! rendering for people is [`crate::present`]'s.
//!
//! Reports are computed once, by `summarize` and `analysis`; everything here reads them and
//! never recomputes a statistic. Keys are typed inside the program ([`SeriesKey`],
//! [`Metric`], [`Percentile`]) and become text only when serialised.
//!
//! [`SeriesKey`]: crate::metric::SeriesKey
//! [`Metric`]: crate::metric::Metric
//! [`Percentile`]: crate::stats::Percentile

pub mod actuals;
pub mod calibrate;
pub mod compare;
pub mod evidence;
pub mod retention;
pub mod run;
pub mod sensitivity;
pub mod snippet;
pub mod solve;
pub mod spread;
pub mod sweep;
pub mod waterfall;

pub use run::{FirstMonth, MetricSummary, PercentileMethod, Precision, RunReport, TargetReport};
