//! `[effort]`: fixed, setup (by month), onboarding and content hours.
use super::{MAX_HORIZON, MAX_START_MONTH, Validator, as_number, describe, span};
use crate::scenario::keys::MAX_HOURS;
use crate::scenario::model::Effort;
use crate::scenario::read::raw::{RawEffort, RawValue};

/// Longest list of setup hours: every calendar month a scenario can simulate.
const MAX_SETUP_MONTHS: usize = (MAX_START_MONTH + MAX_HORIZON) as usize;

impl Validator {
    pub(super) fn effort(&mut self, raw: Option<RawEffort>) -> Effort {
        let raw = raw.unwrap_or(RawEffort {
            fixed_hours: None,
            setup_hours: None,
            onboarding_hours: None,
            content_hours: None,
        });
        let setup_hours = match &raw.setup_hours {
            None => Vec::new(),
            Some(s) => match s.get_ref() {
                toml::Value::Array(items) if items.len() > MAX_SETUP_MONTHS => {
                    let message = format!("a list of {} months is too long", items.len());
                    let help =
                        format!("give setup hours for at most {MAX_SETUP_MONTHS} months; later months have none");
                    self.problem("effort.setup_hours", span(s), message, &help);
                    Vec::new()
                }
                toml::Value::Array(items) => {
                    items.iter().filter_map(|x| self.hours("effort.setup_hours", s, x)).collect()
                }
                x => self.hours("effort.setup_hours", s, x).into_iter().collect(),
            },
        };
        Effort {
            fixed_hours: self.param_or("effort.fixed_hours", raw.fixed_hours.as_ref(), 0.0),
            setup_hours,
            onboarding_hours: self.param_or("effort.onboarding_hours", raw.onboarding_hours.as_ref(), 0.0),
            content_hours: self.param_or("effort.content_hours", raw.content_hours.as_ref(), 0.0),
        }
    }

    pub(super) fn hours(&mut self, key: &str, raw: &RawValue, value: &toml::Value) -> Option<f64> {
        match as_number(value) {
            Some(h) if (0.0..=MAX_HOURS).contains(&h) => Some(h),
            _ => {
                self.problem(
                    key,
                    span(raw),
                    format!("{} is not a number of hours", describe(value)),
                    "use hours from 0 to 744 a month: a number for month 1, or a list by calendar month like [18, 6, 4]",
                );
                None
            }
        }
    }
}
