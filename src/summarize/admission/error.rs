//! Why a run is refused before it starts: the estimate, what drives it and what to change,
//! in words.

use thiserror::Error;

/// A run too large for its limits, with the estimate and what to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct BudgetError(pub String);
