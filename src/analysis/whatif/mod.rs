//! What if? The variants a comparison or sweep runs ([`vary`]), paired comparisons with
//! common random numbers ([`compare`]), parameter sweeps ([`sweep`]), sensitivity rankings
//! ([`sensitivity`]) and the value of a lever that reaches a target ([`solve`]).

pub mod compare;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
pub mod vary;
