//! One library function per command, callable without a terminal: validated inputs and a
//! progress [`Monitor`] in; the results contract, the files of the output folder and the
//! figures to draw out ([`Delivery`]). Nothing here reads the process's arguments, prints,
//! or writes a file: the command line (`cli`) prepares the inputs and delivers the outputs,
//! and the local web page (`serve`) calls the same functions.
//!
//! Each command checks everything before it simulates (admission of every run it will make,
//! months and metrics against the scenario), so a refusal costs no work.

pub mod calibrate;
pub mod check;
pub mod compare;
mod delivery;
mod error;
pub mod explore;
pub mod fit;
mod html;
pub mod import;
pub mod init;
pub mod live;
pub mod run;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
pub mod view;

pub use delivery::{Charts, Delivery, Entry, REPORT};
pub use error::{Error, Kind};

pub use crate::engine::{Cancelled, Control, Monitor, Unmonitored};
pub use crate::summarize::admission::Limits;

use crate::metric::SeriesKey;
use crate::scenario::Scenario;
use crate::text::did_you_mean;

/// The series named by a metric key: a metric, or `active_customers.TIER`,
/// `subscribers.PLAN` or a programme's own series for a part the scenario defines; without
/// one, the scenario's headline metric (cumulative net profit when it has costs).
///
/// # Errors
/// [`Error::Usage`] naming `flag` and listing the keys, with the nearest one suggested.
pub fn series_key(flag: &str, key: Option<&str>, scenario: &Scenario) -> Result<SeriesKey, Error> {
    let Some(key) = key else { return Ok(scenario.headline().into()) };
    let series = crate::summarize::series::keys(scenario);
    let found = SeriesKey::parse(key).filter(|k| series.contains(k));
    found.ok_or_else(|| {
        let keys: Vec<String> = series.iter().map(ToString::to_string).collect();
        Error::Usage(format!(
            "{flag}: unknown metric `{key}`{}; use one of: {}",
            did_you_mean(key, keys.iter().map(String::as_str)),
            keys.join(", ")
        ))
    })
}

/// The 0-based simulated month named by a calendar month number (as in the tables and the
/// scenario's targets) given with `flag`; the last month when none is given.
///
/// # Errors
/// [`Error::Usage`] when the month is outside the simulated months.
pub fn month_index(flag: &str, month: Option<u32>, scenario: &Scenario) -> Result<usize, Error> {
    let (first, last) = (scenario.start_month(), scenario.start_month() + scenario.horizon_months() as u32 - 1);
    match month {
        None => Ok(scenario.horizon_months() - 1),
        Some(m) if (first..=last).contains(&m) => Ok((m - first) as usize),
        Some(m) => Err(Error::Usage(format!("{flag} {m} is outside the simulated months {first} to {last}"))),
    }
}
