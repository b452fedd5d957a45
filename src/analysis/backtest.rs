//! Where an actual value falls within a simulated distribution: its percentile rank.
//!
//! Used by `sidecast run --actuals` to show whether the scenario's assumptions could have
//! produced the history (an actual at rank 0.01 or 0.99 is a warning sign).

/// The mid-rank percentile of `value` among `samples` (in any order), as a fraction in
/// [0, 1]: (number of samples below `value` + half the number equal to it) / n.
///
/// So a value above every sample has rank 1, below every sample 0, and a value equal to the
/// median of a continuous sample about 0.5; ties count half, which keeps the rank unbiased
/// for discrete metrics such as customer counts. NaN samples are ignored. Returns `None`
/// (undefined) when `value` is NaN or there are no non-NaN samples.
pub fn percentile_rank(value: f64, samples: &[f64]) -> Option<f64> {
    if value.is_nan() {
        return None;
    }
    let (mut below, mut equal, mut n) = (0usize, 0usize, 0usize);
    for &s in samples.iter().filter(|s| !s.is_nan()) {
        n += 1;
        if s < value {
            below += 1;
        } else if s == value {
            equal += 1;
        }
    }
    (n > 0).then(|| (below as f64 + 0.5 * equal as f64) / n as f64)
}

#[cfg(test)]
mod tests {
    use super::percentile_rank;

    #[test]
    fn ranks_with_mid_rank_ties() {
        let samples = [5.0, 1.0, 3.0, 3.0, 2.0, 4.0, 3.0, 0.0];
        assert_eq!(percentile_rank(3.0, &samples), Some((3.0 + 1.5) / 8.0));
        assert_eq!(percentile_rank(-1.0, &samples), Some(0.0));
        assert_eq!(percentile_rank(9.0, &samples), Some(1.0));
        assert_eq!(percentile_rank(2.5, &samples), Some(3.0 / 8.0));
    }

    #[test]
    fn undefined_cases_are_none_and_nan_samples_are_ignored() {
        assert_eq!(percentile_rank(1.0, &[]), None);
        assert_eq!(percentile_rank(f64::NAN, &[1.0]), None);
        assert_eq!(percentile_rank(1.0, &[f64::NAN]), None);
        assert_eq!(percentile_rank(2.0, &[1.0, f64::NAN, 3.0]), Some(0.5));
    }

    #[test]
    fn all_equal_samples_put_an_equal_value_in_the_middle() {
        assert_eq!(percentile_rank(7.0, &[7.0; 10]), Some(0.5));
    }
}
