//! Exact likelihoods of the evidence a user has, where the model allows one: the count
//! chain of a population's monthly counts and flows under constant churn and Poisson
//! arrivals ([`chain`]), and cohort counts under constant or shifted-beta-geometric churn
//! ([`cohorts`]). Each is a pure function of the parameters, so a posterior built on them
//! is the exact one up to Monte Carlo error (docs/calibration.md).

pub mod chain;
pub mod cohorts;
pub mod pmf;

pub use chain::{ChainMonth, ChainRates, CountChain};
pub use cohorts::CohortChurn;
