//! The scenario and the results in words and pictures, read from the results contracts
//! ([`crate::report`]) and never recomputing a statistic: the assumptions block
//! ([`assumptions`]), every resolved value of a scenario ([`resolved`], for `check`), terminal tables
//! ([`terminal`]) and chart inputs ([`charts`]).

pub mod assumptions;
pub mod charts;
pub mod resolved;
pub mod terminal;
