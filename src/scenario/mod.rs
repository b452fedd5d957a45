//! Scenario files: the raw serde mirror of what the user typed ([`raw`]), validation into
//! the domain types ([`model`]) with every problem reported at once ([`decode`] for keys and
//! types, [`validate`] for values, [`error`]), command-line overrides ([`overrides`]),
//! loading ([`load`]) and the format's JSON Schema ([`schema`]); a first scenario from a
//! few answers ([`template`], for `init`).

pub mod calibrated;
pub mod costs;
pub mod decode;
pub mod error;
pub mod joint;
pub mod lifetime;
pub mod load;
pub mod model;
pub mod observation;
pub mod overrides;
pub mod portfolio;
pub mod raw;
pub mod schema;
pub mod template;
pub mod validate;

pub use error::{Problem, ScenarioError};
pub use load::{Context, MAX_SCENARIO_BYTES, SetsInput, load, parse, parse_in, read_capped, read_text};
pub use model::*;
pub use overrides::Override;
