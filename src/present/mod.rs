//! The scenario and the results in words and pictures, read from the results contracts
//! ([`crate::report`]) and never recomputing a statistic: the answer in sentences
//! ([`answer`]), the one way a band is written ([`band`]), the rows a run's tables show
//! ([`headline`]), the assumptions block ([`assumptions`]), every resolved value of a
//! scenario ([`resolved`], for `check`), terminal tables ([`terminal`]), chart inputs
//! ([`charts`]) and a calibration's evidence in words ([`evidence`]).

pub mod answer;
pub mod assumptions;
pub mod band;
pub mod charts;
pub mod evidence;
pub mod headline;
pub mod resolved;
pub mod terminal;
