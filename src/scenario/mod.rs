//! Scenario files: the raw serde mirror of what the user typed ([`raw`]), validation into
//! the domain types ([`model`]) with every problem reported at once ([`validate`],
//! [`error`]), `--set` overrides ([`overrides`]) and loading ([`load`]).

pub mod error;
pub mod load;
pub mod model;
pub mod overrides;
pub mod raw;
pub mod validate;

pub use error::{Problem, ScenarioError};
pub use load::{load, parse};
pub use model::*;
pub use overrides::Override;
