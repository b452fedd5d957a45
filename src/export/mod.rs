//! Every serialiser of every command, one file per format ([`json`], [`csv`],
//! [`markdown`], [`html`]), each reading a results contract and returning bytes; and where
//! those bytes go: [`destination`] (atomic files, streams, stdout, all checked before the
//! work starts) and [`staging`] (an output folder written as a whole or not at all). JSON
//! and CSV keep full precision; Markdown and HTML are rounded for people.

pub mod csv;
pub mod destination;
pub mod html;
pub mod json;
pub mod markdown;
pub mod staging;
pub mod temporaries;

pub use destination::{Destination, WriteError, write, write_atomic};
pub use staging::{MANIFEST, Staging};
pub use temporaries::{committing, remove_temporaries};
