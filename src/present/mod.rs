//! The scenario and the results in words and pictures, read from the results contracts
//! ([`crate::report`]) and never recomputing a statistic: the assumptions block
//! ([`assumptions`]), every resolved value of a scenario ([`resolved`], for `check`), terminal tables
//! ([`terminal`]), chart inputs ([`charts`]) and a calibration's evidence in words ([`evidence`]).

pub mod assumptions;
pub mod charts;
pub mod evidence;
pub mod resolved;
pub mod terminal;
