//! `[calibration]`: how `calibrate` weighs the history. `noise` gives a money or hours
//! column's record noise (a lognormal σ, 0 = exact); counts and flows are exact by
//! definition (docs/model.md §16) and cannot have one.

use super::{Validator, span};
use crate::scenario::observation::{EXACT_COLUMNS, MAX_NOISE, NOISY_COLUMNS, RecordNoise};
use crate::scenario::read::raw::RawCalibration;
use crate::text::did_you_mean;

impl Validator {
    pub(super) fn record_noise(&mut self, raw: Option<RawCalibration>) -> RecordNoise {
        let mut noise = RecordNoise::default();
        for (name, level) in raw.and_then(|r| r.noise).iter().flatten() {
            let column = name.get_ref().as_str();
            let key = format!("calibration.noise.{column}");
            if EXACT_COLUMNS.contains(&column) {
                self.problem(
                    &key,
                    span(name),
                    format!("`{column}` counts customers or subscribers, an exact record (docs/model.md §16)"),
                    &format!("leave {column} out: only {} take a noise level", NOISY_COLUMNS.join(", ")),
                );
            } else if !NOISY_COLUMNS.contains(&column) {
                self.problem(
                    &key,
                    span(name),
                    format!(
                        "`{column}` is not a history column with a noise level{}",
                        did_you_mean(column, NOISY_COLUMNS)
                    ),
                    &format!("name one of {}", NOISY_COLUMNS.join(", ")),
                );
            } else if !noise.set(column, *level.get_ref()) {
                self.problem(
                    &key,
                    span(level),
                    format!("{} is not a noise level", level.get_ref()),
                    &format!(
                        "give a lognormal sigma from 0 (exact) to {MAX_NOISE}, e.g. 0.3 for a record within about ±30%"
                    ),
                );
            }
        }
        noise
    }
}
