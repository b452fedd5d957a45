//! Retention fitting: from observed cohorts to churn parameters a scenario can use.
//!
//! [`cohort`] and [`cohort_csv`] turn counts, percentages or a CSV of cohorts into a
//! validated [`CohortSet`]; [`model`] fits the shifted-beta-geometric and constant-churn
//! models by maximum likelihood; [`bootstrap`] measures the sBG fit's uncertainty;
//! [`fit`] assembles everything (comparison, projections, TOML snippet) into one
//! [`RetentionReport`](crate::report::retention::RetentionReport) via [`fit_retention`].

pub mod bootstrap;
pub mod cohort;
pub mod cohort_csv;
pub mod fit;
pub mod model;
#[cfg(test)]
mod tests;

pub use cohort::{Cohort, CohortError, CohortSet, DEFAULT_ASSUMED_COHORT_SIZE};
pub use cohort_csv::{CohortCsvError, parse_cohort_csv};
pub use fit::{FitOptions, fit_retention};
pub use model::{ConstantEstimate, SbgEstimate, fit_constant, fit_sbg, sbg_churn, sbg_survival};
