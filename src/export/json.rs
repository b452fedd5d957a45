//! JSON export: the report serialised as is, at full precision; undefined values are `null`.

use serde::Serialize;

/// Pretty-printed JSON with a trailing newline.
///
/// # Errors
/// Only if a value cannot be represented (never for the report types).
pub fn to_json<T: Serialize>(report: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(report)?;
    out.push(b'\n');
    Ok(out)
}
