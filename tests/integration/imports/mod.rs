//! `sidecast import` and `init --from`: a known simulated business written in every export
//! format ([`fixtures`] from [`business`]) and read back exactly ([`round_trips`]); the users'
//! own months as their exports ([`users`]); the commands' files, messages and exit codes
//! ([`commands`]); and a drafted scenario calibrated back to the business's parameters
//! ([`recovery`]).

mod business;
mod commands;
mod fixtures;
mod recovery;
mod round_trips;
mod users;
