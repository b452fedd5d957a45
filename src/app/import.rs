//! `import`: the user's exports into an import folder's files ([`crate::import`]): the
//! files and `import.json` as a [`Delivery`], and the summary to print.

use super::delivery::{Charts, Delivery};
use super::error::Error;
use crate::import::{self, Input, Options, Source, Summary};

/// The folder's files (`import.json` as the command's JSON) and the summary.
///
/// # Errors
/// [`Error::Import`] with every problem found, each naming its file, line and column.
pub fn import(source: Source, inputs: &[Input], options: &Options) -> Result<(Summary, Delivery), Error> {
    let imported = import::import(source, inputs, options)?;
    let mut delivery = Delivery::new(&Charts::none());
    for (name, text) in imported.files {
        if name == "import.json" {
            delivery.json(&name, text.into_bytes());
        } else {
            delivery.file(&name, text.into_bytes());
        }
    }
    Ok((imported.summary, delivery))
}
