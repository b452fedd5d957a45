//! `[affiliate.content]` (docs/model.md §11.2): pieces published a month (a number, or a
//! list by calendar month), a piece's signups at its peak (a number, or a distribution
//! drawn per piece), the ramp, the half-life (omitted: evergreen), the hours per piece and
//! the pieces that already exist at the start.

use toml::Spanned;

use super::{Validator, describe, span};
use crate::distribution::Param;
use crate::scenario::keys::MAX_PIECES;
use crate::scenario::model::{Content, PiecesPerMonth};
use crate::scenario::read::raw::{RawContent, RawValue};

impl Validator {
    pub(super) fn content(&mut self, raw: Spanned<RawContent>, start: i64, horizon: i64) -> Content {
        let at = span(&raw);
        let raw = raw.into_inner();
        let key = "affiliate.content";
        let signups_per_piece = match &raw.signups_per_piece {
            Some(v) => self.per_piece_param(&format!("{key}.signups_per_piece"), v),
            None => {
                self.problem(
                    &format!("{key}.signups_per_piece"),
                    at,
                    "content needs `signups_per_piece`".into(),
                    "give a piece's signups a month at its peak: a number, or a distribution such as \
                     { ci90 = [0.5, 20] } (drawn per piece: most pieces don't rank, a few do)",
                );
                Param::ZERO
            }
        };
        let ramp_months =
            raw.ramp_months.as_ref().map_or(1, |r| self.whole(&format!("{key}.ramp_months"), Some(r), 1)) as u32;
        let half_life_months = raw.half_life_months.as_ref().and_then(|h| {
            let v = *h.get_ref();
            if v.is_finite() && v > 0.0 && v <= 1200.0 {
                Some(v)
            } else {
                self.problem(
                    &format!("{key}.half_life_months"),
                    span(h),
                    format!("{v} is not a half-life in months"),
                    "use a number of months above 0 (up to 1200), or leave it out for evergreen content",
                );
                None
            }
        });
        let existing_pieces =
            raw.existing_pieces.as_ref().map_or(0, |n| self.whole(&format!("{key}.existing_pieces"), Some(n), 0))
                as u32;
        let existing_age_months = raw.existing_age_months.as_ref().map_or(i64::from(ramp_months), |a| {
            self.whole(&format!("{key}.existing_age_months"), Some(a), i64::from(ramp_months))
        }) as u32;
        let _ = (start, horizon);
        Content {
            pieces_per_month: self.pieces(&format!("{key}.pieces_per_month"), raw.pieces_per_month.as_ref()),
            signups_per_piece,
            ramp_months,
            half_life_months,
            hours_per_piece: self.param_or(&format!("{key}.hours_per_piece"), raw.hours_per_piece.as_ref(), 0.0),
            existing_pieces,
            existing_age_months,
        }
    }

    /// A whole number of pieces every month, or a list by calendar month from month 1.
    fn pieces(&mut self, key: &str, raw: Option<&RawValue>) -> PiecesPerMonth {
        let Some(raw) = raw else { return PiecesPerMonth::Every(0) };
        let count = |v: &mut Self, value: &toml::Value| match value {
            toml::Value::Integer(n) if (0..=MAX_PIECES).contains(n) => Some(*n as u32),
            other => {
                v.problem(
                    key,
                    span(raw),
                    format!("{} is not a number of pieces", describe(other)),
                    &format!(
                        "use a whole number from 0 to {MAX_PIECES} a month, or a list by calendar month such as \
                         [2, 1, 1] (month 1, 2, 3, ...)"
                    ),
                );
                None
            }
        };
        match raw.get_ref() {
            toml::Value::Array(items) => {
                PiecesPerMonth::ByMonth(items.iter().map(|i| count(self, i).unwrap_or(0)).collect())
            }
            value => PiecesPerMonth::Every(count(self, value).unwrap_or(0)),
        }
    }
}
