//! From a scenario file to the validated [`Scenario`](super::Scenario): the raw serde mirror
//! of what the user typed ([`raw`]), decoding keys and types from the TOML tree ([`decode`]),
//! validating values with every problem reported at once ([`validate`]), command-line
//! overrides ([`overrides`]) and loading a file ([`load`]).

pub mod decode;
pub mod load;
pub mod overrides;
pub mod raw;
pub mod validate;
