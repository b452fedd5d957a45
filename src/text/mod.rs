//! Human text in and out, for every layer: numbers formatted for people ([`number`]), "did
//! you mean" suggestions ([`suggest`]) and the one CSV reader set-up every input file uses
//! ([`csv`]). A leaf: it depends on nothing else in the crate. Machine outputs (JSON, CSV
//! cells) never go through [`number`]: they keep full precision.

pub mod csv;
pub mod number;
pub mod suggest;

pub use number::Unit;
pub use suggest::{did_you_mean, nearest};
