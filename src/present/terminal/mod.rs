//! Terminal reports of every command, rendered from their results contracts: plain text
//! and comfy-table tables, numbers rounded for people.

pub mod calibrate;
pub mod compare;
pub mod narrow;
pub mod retention;
pub mod run;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
