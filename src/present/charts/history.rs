//! The user's history on cumulative charts. A cumulative chart that starts at the
//! projection's first month silently leaves out what was already earned; instead, the
//! history's running total is drawn, and the projection's cumulative bands start from
//! the history's total before the projection (the [`Carried`] amount). Adding a constant
//! to every percentile (and to the mean) is exact, so nothing is recomputed from
//! trajectories: this is chart-input construction from the report and the history.

use crate::chart::{BandValues, MonthlyBands};

/// What the history earned before the projection's first month: its months and total.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Carried {
    pub total: f64,
    pub first_month: u32,
    pub last_month: u32,
}

/// The leading run of consecutive months of `series` (sorted by month).
fn consecutive(series: &[(u32, f64)]) -> &[(u32, f64)] {
    let run = series.windows(2).take_while(|w| w[1].0 == w[0].0 + 1).count();
    &series[..series.len().min(run + 1)]
}

/// The history's earnings (monthly gross profit, as the simulation counts it) carried into
/// a projection that starts in `first_month`: only when the known months run without a gap
/// up to the month before it, so the line a reader follows has no hole.
pub fn carried(earnings: &[(u32, f64)], first_month: u32) -> Option<Carried> {
    let before: Vec<(u32, f64)> = earnings.iter().copied().filter(|&(m, _)| m < first_month).collect();
    let run = consecutive(&before);
    let (first, last) = (run.first()?.0, run.last()?.0);
    (run.len() == before.len() && last + 1 == first_month).then(|| Carried {
        total: run.iter().map(|&(_, v)| v).sum(),
        first_month: first,
        last_month: last,
    })
}

/// The history's running total of earnings, month by month, on the same footing as the
/// projection's cumulative bands once [`carried`] is added to them: empty when the two
/// cannot be compared (the history starts after the projection, or leaves a gap before it).
pub fn running_total(earnings: &[(u32, f64)], first_month: u32) -> Vec<(u32, f64)> {
    let run = consecutive(earnings);
    let Some(&(start, _)) = run.first() else { return Vec::new() };
    if start > first_month || (start < first_month && carried(earnings, first_month).is_none()) {
        return Vec::new();
    }
    let mut total = 0.0;
    run.iter()
        .map(|&(m, v)| {
            total += v;
            (m, total)
        })
        .collect()
}

/// Every band value (and the mean) moved up by `amount`.
pub fn shifted(bands: MonthlyBands, amount: f64) -> MonthlyBands {
    let add = |v: Option<f64>| v.map(|v| v + amount);
    let months = bands
        .months
        .into_iter()
        .map(|b| BandValues {
            p5: add(b.p5),
            p25: add(b.p25),
            p50: add(b.p50),
            p75: add(b.p75),
            p95: add(b.p95),
            mean: add(b.mean),
        })
        .collect();
    MonthlyBands { first_month: bands.first_month, months }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HISTORY: [(u32, f64); 6] = [(1, 96.0), (2, 177.0), (3, 293.0), (4, 362.0), (5, 469.0), (6, 583.0)];

    #[test]
    fn a_history_just_before_the_projection_is_carried_in_full() {
        let c = carried(&HISTORY, 7).unwrap();
        assert_eq!((c.total, c.first_month, c.last_month), (1980.0, 1, 6));
        let total = running_total(&HISTORY, 7);
        assert_eq!(total.last(), Some(&(6, 1980.0)));
        assert_eq!(total[1], (2, 273.0));
    }

    #[test]
    fn a_gap_before_the_projection_carries_nothing_and_draws_no_running_total() {
        assert_eq!(carried(&HISTORY, 9), None, "months 7-8 unknown");
        assert!(running_total(&HISTORY, 9).is_empty());
        let holed = [(1, 10.0), (2, 20.0), (4, 40.0), (5, 50.0), (6, 60.0)];
        assert_eq!(carried(&holed, 7), None, "month 3 unknown");
        assert!(running_total(&holed, 7).is_empty());
    }

    #[test]
    fn a_backtest_from_month_one_carries_nothing_but_keeps_its_running_total() {
        assert_eq!(carried(&HISTORY, 1), None);
        assert_eq!(running_total(&HISTORY, 1).len(), 6);
        assert!(running_total(&HISTORY[2..], 1).is_empty(), "a history from month 3 misses months 1-2");
    }

    #[test]
    fn shifting_moves_every_defined_value_and_keeps_undefined_ones() {
        let bands = MonthlyBands {
            first_month: 7,
            months: vec![BandValues { p5: Some(1.0), p50: Some(2.0), mean: None, ..BandValues::default() }],
        };
        let moved = shifted(bands, 10.0);
        assert_eq!(moved.months[0].p5, Some(11.0));
        assert_eq!(moved.months[0].p50, Some(12.0));
        assert_eq!(moved.months[0].mean, None);
        assert_eq!(moved.months[0].p95, None);
        assert_eq!(moved.first_month, 7);
    }
}
