//! Scenario text sidecast writes: a first scenario from a few answers ([`template`], for
//! `init`), the scenario `calibrate` writes ([`calibrated`]) and the format's JSON Schema
//! ([`schema`]).

pub mod calibrated;
pub mod schema;
pub mod template;
