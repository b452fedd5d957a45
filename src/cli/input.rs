//! Reading the input files named on the command line (histories, cohort CSVs): at most
//! 10 MB and UTF-8, like scenario files, with the path in every error.

use std::path::Path;

use super::error::Error;
use crate::scenario::read_capped;

/// The text of an input file.
///
/// # Errors
/// [`Error::Read`] (bad input) naming the path: missing, unreadable, too large, not text.
pub fn read_input(path: &Path) -> Result<String, Error> {
    read_capped(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}
