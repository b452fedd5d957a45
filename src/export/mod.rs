//! Every serialiser of every command, one file per format ([`json`], [`csv`],
//! [`markdown`], [`html`]), each reading a results contract and returning bytes; and where
//! those bytes go ([`destination`]: atomic files, stdout). JSON and CSV keep full
//! precision; Markdown and HTML are rounded for people.

pub mod csv;
pub mod destination;
pub mod html;
pub mod json;
pub mod markdown;

pub use destination::{Destination, WriteError, create_folder, write, write_atomic};
