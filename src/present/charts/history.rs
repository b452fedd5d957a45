//! How a run's charts meet the user's history ("today"): the last past month, the point a
//! month's bands start from (the history's last value, when the history ends just before
//! the projection), and the one base of every cumulative number. Cumulative metrics count
//! from the first projected month, in the charts as in the tables and the JSON: a running
//! total of the history would be on another base (and a history records no costs, so its
//! net profit is unknown), so a cumulative fan starts from zero today and draws no history.

/// The last past month of a run that starts in `first_month`: the month before it, when
/// there is one (a projection from month 1 starts with the business: no today to mark).
pub fn today(first_month: u32) -> Option<u32> {
    first_month.checked_sub(1).filter(|&m| m > 0)
}

/// The point a month's bands start from: the history's value in the month just before the
/// projection, when it has one. Otherwise `None`: the bands start where the projection
/// does, never bridged to an older value.
pub fn handoff(series: &[(u32, f64)], first_month: u32) -> Option<(u32, f64)> {
    let today = today(first_month)?;
    series.iter().copied().find(|&(m, v)| m == today && v.is_finite())
}

/// The point a cumulative fan starts from: zero today, since every cumulative number
/// counts from the first projected month.
pub fn cumulative_start(first_month: u32) -> Option<(u32, f64)> {
    today(first_month).map(|m| (m, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HISTORY: [(u32, f64); 6] = [(1, 96.0), (2, 177.0), (3, 293.0), (4, 362.0), (5, 469.0), (6, 583.0)];

    #[test]
    fn the_bands_start_from_the_last_actual_just_before_the_projection() {
        assert_eq!(handoff(&HISTORY, 7), Some((6, 583.0)));
        assert_eq!(today(7), Some(6));
    }

    #[test]
    fn a_history_that_stops_short_or_runs_on_hands_off_nothing() {
        assert_eq!(handoff(&HISTORY, 9), None, "months 7-8 are unknown: no bridge over them");
        assert_eq!(handoff(&HISTORY[..5], 7), None, "month 6 is unknown");
        assert_eq!(handoff(&HISTORY, 1), None, "a backtest from month 1 has no today");
        assert_eq!(handoff(&[(6, f64::NAN)], 7), None);
    }

    #[test]
    fn cumulative_numbers_start_from_zero_today() {
        assert_eq!(cumulative_start(7), Some((6, 0.0)));
        assert_eq!(cumulative_start(1), None);
    }
}
