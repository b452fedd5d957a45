//! `sidecast serve`: the scenario as a local web page to change and watch. A small HTTP/1.1
//! server on 127.0.0.1 (another interface only when asked) answers the page
//! (`page.rs`), runs through the same library function as `sidecast run`
//! ([`app::run`](crate::app::run), by way of [`app::live`](crate::app::live)) so its
//! numbers and its refusals are the command line's, and a copy of the scenario when the
//! user saves one. Every request is input: bounded sizes (`http.rs`), known parameters
//! only, no path from a request ever reaches the file system but a checked file name in
//! the scenario's own folder. Runs wait in a bounded queue where a page's newer change
//! supersedes its older ones (`queue.rs`).
//!
//! Why not tiny_http (the suggested crate): version 0.12 reads a request's header lines
//! without any bound and has no read timeout, so one client can grow its memory or hold
//! its threads; a server over `std::net` in a few hundred lines is bounded everywhere and
//! adds no crate to the build.

mod http;
mod page;
mod params;
mod queue;
mod save;
mod server;
mod site;

pub use http::{MAX_BODY, MAX_HEAD, MAX_TARGET, Request, Response};
pub use queue::MAX_WAITING;
pub use server::{CONNECTION_THREADS, MAX_CONNECTIONS, Options, Server};
pub use site::{MAX_RUN_SECONDS, Route, Site, Work};
