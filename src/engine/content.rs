//! Content that keeps earning (docs/model.md §11): the pieces of one trajectory, each with
//! its own peak signup rate (drawn per piece when `signups_per_piece` is a distribution),
//! and the month's total rate: a piece published in month p contributes at age a = t − p
//! `peak × (a + 1) / R` while a < R, then `peak × 2^(−(a − R + 1) / h)` (evergreen: `peak`).
//!
//! The pieces that exist when the run starts are the `existing_pieces` and, for a list by
//! calendar month, every calendar month before the first simulated one, the list's last
//! entry continuing after it ends (§11: those pieces were published and earn from the start).
//!
//! The rate is carried month to month rather than summed over every piece every month: the
//! pieces of one month are summed once (their cohort), and three running sums follow the
//! cohorts through the ramp and the decay (see `Rates`), so a trajectory's content costs
//! one draw per piece plus a few operations per month, linear in the horizon.

use crate::scenario::{Content, PiecesPerMonth};

use super::rng::{Purpose, Streams, piece_id};

/// The pieces of one trajectory, as the rate they send each simulated month.
#[derive(Debug, Default)]
pub struct ContentState {
    /// The content's signups a month in each simulated month.
    rates: Vec<f64>,
    /// Pieces published in each simulated month (for their hours).
    published: Vec<u32>,
    /// Each month's pieces' peaks summed, from the earliest month with a piece (reused).
    cohorts: Vec<f64>,
    /// Pieces in each of those months.
    counts: Vec<u64>,
}

impl ContentState {
    /// Draws every piece of the run, those that exist at the start and each month's, and
    /// carries their rate through the simulated months.
    pub fn reset(&mut self, content: &Content, start_month: u32, horizon: usize, streams: &Streams) {
        let peak = |month: i64, existing: bool, n: u32| {
            let param = &content.signups_per_piece;
            if param.is_uncertain() {
                param.draw(&mut streams.rng(Purpose::Piece, piece_id(month, existing, n)))
            } else {
                param.central()
            }
        };
        // Simulated months are 0.., earlier calendar months negative.
        let before = i64::from(start_month.saturating_sub(1));
        let existing_age = if content.existing_pieces > 0 { i64::from(content.existing_age_months) } else { 0 };
        let first = -before.max(existing_age);
        let span = horizon + first.unsigned_abs() as usize;
        self.cohorts.clear();
        self.cohorts.resize(span, 0.0);
        self.counts.clear();
        self.counts.resize(span, 0);
        let at = |month: i64| (month - first) as usize;
        let mut add = |month: i64, existing: bool, count: u32| {
            let i = at(month);
            for n in 0..count {
                self.cohorts[i] += peak(month, existing, n);
            }
            self.counts[i] += u64::from(count);
        };
        if content.existing_pieces > 0 {
            add(-existing_age, true, content.existing_pieces);
        }
        if let PiecesPerMonth::ByMonth(_) = &content.pieces_per_month {
            for calendar in 1..start_month {
                add(i64::from(calendar) - i64::from(start_month), false, content.pieces_in(calendar, start_month));
            }
        }
        self.published.clear();
        for m in 0..horizon {
            let count = content.pieces_in(start_month.saturating_add(m as u32), start_month);
            add(m as i64, false, count);
            self.published.push(count);
        }
        self.rates.clear();
        let mut rates = Rates::new(content);
        let ramp = content.ramp_months.max(1) as usize;
        for (i, (&cohort, &count)) in self.cohorts.iter().zip(&self.counts).enumerate() {
            let leaving = i.checked_sub(ramp).map(|j| (self.cohorts[j], self.counts[j]));
            let rate = rates.next((cohort, count), leaving.unwrap_or((0.0, 0)));
            if i >= at(0) {
                self.rates.push(rate);
            }
        }
    }

    /// The content's signups a month in 0-based simulated month `m`.
    pub fn rate(&self, m: usize) -> f64 {
        self.rates.get(m).copied().unwrap_or(0.0)
    }

    /// Pieces published in 0-based simulated month `m`.
    pub fn published_in(&self, m: usize) -> u32 {
        self.published.get(m).copied().unwrap_or(0)
    }
}

/// The month's rate carried from the month before. With cohorts P (each month's pieces'
/// peaks summed) and ramp R, the pieces still ramping (ages 0..R) send
/// `A / R` with `A = Σ P[t − a] · (a + 1)`, and the decaying ones
/// `D = Σ_{a ≥ R} P[t − a] · q^(a − R + 1)` with `q = 2^(−1/h)` (1 when evergreen). Month
/// to month, with `W = Σ_{a < R} P[t − a]` the ramping peaks:
/// `W' = W + P[t] − P[t − R]`, `A' = A + W' − R · P[t − R]`, `D' = q · (D + P[t − R])`.
/// The subtractions round a little: when no piece is ramping, `W` and `A` are set to 0
/// exactly.
#[derive(Debug, Clone, Copy)]
struct Rates {
    ramp: f64,
    q: f64,
    ramping: u64,
    window: f64,
    weighted: f64,
    decaying: f64,
}

impl Rates {
    fn new(content: &Content) -> Self {
        let q = content.half_life_months.map_or(1.0, |h| (-1.0 / h).exp2());
        Self { ramp: f64::from(content.ramp_months.max(1)), q, ramping: 0, window: 0.0, weighted: 0.0, decaying: 0.0 }
    }

    /// The rate of the next month, whose cohort is `entering` (summed peaks, pieces) and
    /// whose pieces of age R, `leaving`, stop ramping.
    fn next(&mut self, entering: (f64, u64), leaving: (f64, u64)) -> f64 {
        let (p, count) = entering;
        let (old, old_count) = leaving;
        self.ramping = self.ramping + count - old_count;
        if self.ramping == 0 {
            (self.window, self.weighted) = (0.0, 0.0);
        } else {
            self.window = self.window + p - old;
            self.weighted = self.weighted + self.window - self.ramp * old;
        }
        self.decaying = (self.decaying + old) * self.q;
        (self.weighted / self.ramp).max(0.0) + self.decaying
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distribution::{Distribution, Param};

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

    /// §11 evaluated piece by piece: Σ over pieces published in month p ≤ t of
    /// `peak × shape(t − p)`, given each month's (pieces, peak each).
    fn closed_form(c: &Content, months: &[(i64, u32, f64)], t: i64) -> f64 {
        months
            .iter()
            .filter(|(p, _, _)| *p <= t)
            .map(|&(p, n, peak)| f64::from(n) * peak * c.shape((t - p) as u32))
            .sum()
    }

    fn rates(c: &Content, start: u32, horizon: usize) -> Vec<f64> {
        let mut state = ContentState::default();
        state.reset(c, start, horizon, &Streams::new(1, 0));
        (0..horizon).map(|m| state.rate(m)).collect()
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
        assert_eq!(rates(&c, 1, 4), [5.0, 10.0, 20.0, 30.0]);
        let mut state = ContentState::default();
        state.reset(&c, 1, 4, &Streams::new(1, 0));
        assert_eq!((0..4).map(|m| state.published_in(m)).collect::<Vec<_>>(), [1, 0, 2, 0]);
        // From month 3, the month-1 piece already exists (age 2 in month 3) and is not
        // published again.
        assert_eq!(rates(&c, 3, 2), [20.0, 30.0]);
        state.reset(&c, 3, 2, &Streams::new(1, 0));
        assert_eq!(state.published_in(0), 2);
    }

    #[test]
    fn a_list_that_ends_before_the_start_continues_its_last_entry_until_then() {
        // §11, by hand: `pieces_per_month = [2, 3]` from calendar month 6, ramp 2, half-life
        // 3, a fixed peak of 1.5. Months 1-5 hold 2, 3, 3, 3, 3 pieces, already published
        // when the run starts; month 6 on publishes 3 a month. In simulated month t
        // (calendar 6 + t) a piece of calendar month p has age a = 6 + t − p and sends
        // 1.5 · (a + 1)/2 while a < 2, then 1.5 · 2^(−(a − 1)/3).
        let mut c = content(2, Some(3.0));
        c.pieces_per_month = PiecesPerMonth::ByMonth(vec![2, 3]);
        c.signups_per_piece = Param::fixed(1.5).unwrap();
        let d = |a: f64| 2f64.powf(-(a - 1.0) / 3.0);
        let month_6 = 1.5 * (2.0 * d(5.0) + 3.0 * d(4.0) + 3.0 * d(3.0) + 3.0 * d(2.0) + 3.0 * 1.0 + 3.0 * 0.5);
        let month_7 = 1.5 * (2.0 * d(6.0) + 3.0 * (d(5.0) + d(4.0) + d(3.0) + d(2.0)) + 3.0 * 1.0 + 3.0 * 0.5);
        let got = rates(&c, 6, 2);
        assert!((got[0] - month_6).abs() < 1e-12 * month_6, "{got:?} vs {month_6}");
        assert!((got[1] - month_7).abs() < 1e-12 * month_7, "{got:?} vs {month_7}");
        // 16.60 and 18.14 signups a month, to the hundredth of a signup.
        assert_eq!(((month_6 * 100.0).round(), (month_7 * 100.0).round()), (1660.0, 1814.0));
    }

    #[test]
    fn the_carried_rate_equals_the_closed_form_piece_by_piece() {
        for (ramp, half_life) in [(1, None), (2, Some(4.0)), (3, None), (5, Some(0.5)), (12, Some(30.0))] {
            for start in [1, 2, 7, 40] {
                for existing in [0, 4] {
                    let mut c = content(ramp, half_life);
                    c.pieces_per_month = PiecesPerMonth::ByMonth(vec![3, 0, 1, 2, 0, 0, 5, 1]);
                    c.existing_pieces = existing;
                    c.existing_age_months = 9;
                    let mut months: Vec<(i64, u32, f64)> = (1..start + 60)
                        .map(|cal| (i64::from(cal) - i64::from(start), c.pieces_in(cal, start), 10.0))
                        .collect();
                    months.push((-9, existing, 10.0));
                    let got = rates(&c, start, 60);
                    for (t, rate) in got.iter().enumerate() {
                        let want = closed_form(&c, &months, t as i64);
                        assert!(
                            (rate - want).abs() <= 1e-12 * want.max(1.0),
                            "ramp {ramp}, half-life {half_life:?}, start {start}, month {t}: {rate} vs {want}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn drawn_peaks_are_summed_per_piece() {
        // Pieces with their own peaks: the carried rate equals the sum over the pieces drawn
        // from the same streams.
        let mut c = content(2, Some(4.0));
        let lognormal = Distribution::lognormal_ci90(Some(2.5), 0.5, 12.0).unwrap();
        c.signups_per_piece = Param::uncertain("affiliate.content.signups_per_piece", lognormal, (0.0, 1e6)).unwrap();
        c.pieces_per_month = PiecesPerMonth::Every(3);
        let streams = Streams::new(9, 4);
        let mut state = ContentState::default();
        state.reset(&c, 1, 36, &streams);
        for t in 0..36i64 {
            let want: f64 = (0..=t)
                .flat_map(|p| (0..3).map(move |n| (p, n)))
                .map(|(p, n)| {
                    let peak = c.signups_per_piece.draw(&mut streams.rng(Purpose::Piece, piece_id(p, false, n)));
                    peak * c.shape((t - p) as u32)
                })
                .sum();
            let got = state.rate(t as usize);
            assert!((got - want).abs() <= 1e-12 * want, "month {t}: {got} vs {want}");
        }
    }
}
