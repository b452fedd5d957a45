//! The statistics core: exact type-1 percentiles ([`percentile`], [`select`]), column
//! summaries with Monte Carlo standard errors ([`column`](mod@column)), proportions, ranks
//! and rank correlation ([`rank`]), and mergeable histograms and moments for streaming runs
//! ([`histogram`]). Pure functions on slices; nothing here knows about scenarios, and
//! nothing else in the crate is used.
//!
//! Reductions run sequentially in index order, so results do not depend on how the
//! values were produced in parallel. Undefined results (no values) are `None`, never NaN.

pub mod column;
pub mod histogram;
pub mod percentile;
pub mod proportion;
pub mod rank;
pub mod select;

pub use column::{
    MeanEstimate, mean_estimate, summarize_chunks, summarize_column, summarize_count_chunks, summarize_zeros,
};
pub use percentile::{Percentile, percentiles};
pub use proportion::Proportion;
pub use rank::{percentile_rank, spearman};
pub use select::select_by_buckets;
