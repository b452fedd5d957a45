//! Scenario files: the raw serde mirror of what the user typed ([`raw`]), validation into
//! the domain types ([`model`]) with every problem reported at once ([`decode`] for keys and
//! types, [`validate`] for values, [`error`]), command-line overrides ([`overrides`]) and
//! loading ([`load`]).

pub mod costs;
pub mod decode;
pub mod error;
pub mod lifetime;
pub mod load;
pub mod model;
pub mod overrides;
pub mod portfolio;
pub mod raw;
pub mod validate;

pub use error::{Problem, ScenarioError};
pub use load::{MAX_SCENARIO_BYTES, load, parse, parse_with, read_capped, read_text};
pub use model::*;
pub use overrides::Override;
