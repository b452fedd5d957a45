//! Scenario files: the one key table of every number's facts ([`keys`]), the validated
//! domain types ([`model`]), reading a file into them ([`read`]: the raw serde mirror,
//! decoding keys and types, validating values, command-line overrides, loading), writing
//! scenario text ([`write`](mod@write): `init`'s template, `calibrate`'s scenario, the JSON
//! Schema), and the errors a scenario can have ([`error`]).

pub mod error;
pub mod keys;
pub mod model;
pub mod read;
pub mod write;

pub use error::{Problem, ScenarioError};
pub use model::*;
pub use read::load::{LoadContext, MAX_SCENARIO_BYTES, ScenarioFile, load, parse, parse_in, read_capped, read_text};
pub use read::overrides::Override;
pub use read::validate::SetsInput;
