//! Content that keeps earning (docs/model.md §11.2): the pieces of one trajectory, each with
//! its own peak signup rate (drawn per piece when `signups_per_piece` is a distribution),
//! and the month's total rate: a piece published in month p contributes at age a = t − p
//! `peak × (a + 1) / R` while a < R, then `peak × 2^(−(a − R + 1) / h)` (evergreen: `peak`).

use crate::scenario::{Content, PiecesPerMonth};

use super::rng::{Purpose, Streams, piece_id};

/// One piece: the 0-based simulated month it was published (negative before the start) and
/// its peak signups a month.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    published: i64,
    peak: f64,
}

/// The pieces of one trajectory.
#[derive(Debug, Default)]
pub struct ContentState {
    pieces: Vec<Piece>,
    /// Pieces published in each simulated month (for their hours).
    published: Vec<u32>,
}

impl ContentState {
    /// Draws every piece of the run: those that exist at the start, then each month's.
    pub fn reset(&mut self, content: &Content, start_month: u32, horizon: usize, streams: &Streams) {
        self.pieces.clear();
        self.published.clear();
        let peak = |month: i64, existing: bool, n: u32| {
            let param = &content.signups_per_piece;
            if param.is_uncertain() {
                param.draw(&mut streams.rng(Purpose::Piece, piece_id(month, existing, n)))
            } else {
                param.central()
            }
        };
        let age = i64::from(content.existing_age_months);
        for n in 0..content.existing_pieces {
            self.pieces.push(Piece { published: -age, peak: peak(-age, true, n) });
        }
        if let PiecesPerMonth::ByMonth(list) = &content.pieces_per_month {
            for (i, &count) in list.iter().enumerate().take(start_month.saturating_sub(1) as usize) {
                let published = i as i64 + 1 - i64::from(start_month);
                (0..count).for_each(|n| self.pieces.push(Piece { published, peak: peak(published, false, n) }));
            }
        }
        for m in 0..horizon {
            let count = content.pieces_in(start_month + m as u32, start_month);
            (0..count).for_each(|n| self.pieces.push(Piece { published: m as i64, peak: peak(m as i64, false, n) }));
            self.published.push(count);
        }
    }

    /// The content's signups a month in 0-based simulated month `m`.
    pub fn rate(&self, content: &Content, m: usize) -> f64 {
        let m = m as i64;
        self.pieces.iter().filter(|p| p.published <= m).map(|p| p.peak * content.shape((m - p.published) as u32)).sum()
    }

    /// Pieces published in 0-based simulated month `m`.
    pub fn published_in(&self, m: usize) -> u32 {
        self.published.get(m).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distribution::Param;

    fn content(ramp: u32, half_life: Option<f64>) -> Content {
        Content {
            pieces_per_month: PiecesPerMonth::ByMonth(vec![1, 0, 2, 0]),
            signups_per_piece: Param::fixed(10.0).unwrap(),
            ramp_months: ramp,
            half_life_months: half_life,
            hours_per_piece: Param::ZERO,
            existing_pieces: 0,
            existing_age_months: ramp,
        }
    }

    #[test]
    fn a_piece_ramps_to_its_peak_then_halves_every_half_life() {
        let c = content(3, Some(2.0));
        let shape: Vec<f64> = (0..7).map(|a| c.shape(a)).collect();
        let expected = [1.0 / 3.0, 2.0 / 3.0, 1.0, 2f64.powf(-0.5), 0.5, 2f64.powf(-1.5), 0.25];
        for (got, want) in shape.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{shape:?}");
        }
        let evergreen = content(2, None);
        assert_eq!((0..5).map(|a| evergreen.shape(a)).collect::<Vec<_>>(), [0.5, 1.0, 1.0, 1.0, 1.0]);
    }

    #[test]
    fn the_months_rate_sums_the_pieces_by_their_age() {
        // One piece in month 1 and two in month 3, ramp 2, evergreen, peak 10: month 1: 5;
        // month 2: 10; month 3: 10 + 2·5; month 4: 30.
        let c = content(2, None);
        let mut state = ContentState::default();
        state.reset(&c, 1, 4, &Streams::new(1, 0));
        let rates: Vec<f64> = (0..4).map(|m| state.rate(&c, m)).collect();
        assert_eq!(rates, [5.0, 10.0, 20.0, 30.0]);
        assert_eq!((0..4).map(|m| state.published_in(m)).collect::<Vec<_>>(), [1, 0, 2, 0]);
        // From month 3, the month-1 piece already exists (age 2 in month 3) and is not
        // published again.
        state.reset(&c, 3, 2, &Streams::new(1, 0));
        assert_eq!((0..2).map(|m| state.rate(&c, m)).collect::<Vec<_>>(), [20.0, 30.0]);
        assert_eq!(state.published_in(0), 2);
    }
}
