//! One column's summary (the values of one metric in one month across trajectories): its
//! mean with the Monte Carlo standard error and its type-1 percentiles, in as few passes as
//! possible. Sums run in a fixed order, so results do not depend on threads.

use super::percentile::Percentile;
use super::select::{
    BUCKET_SELECT_MIN, Scan, count_values, count_whole, lane_sum, select_in_place, select_scanned, summarize_counts,
};

/// The mean with its standard error and the type-1 percentiles of one column, with as few
/// passes over it as possible: small whole numbers in one counting pass; other values in
/// one scan (sum, range) and the selection, which also sums the squared deviations. Equal
/// to [`mean_estimate`] and [`percentiles`](super::percentiles) (the standard error of
/// whole numbers to rounding: it comes from their counts).
pub fn summarize_column(values: &mut [f64], levels: &[Percentile]) -> (MeanEstimate, Vec<Option<f64>>) {
    summarize_chunks(&[values], levels)
}

/// [`summarize_column`] of a column given in consecutive chunks, read in place: no copy
/// unless selection has to fall back to reordering (few or non-finite values).
pub fn summarize_chunks(chunks: &[&[f64]], levels: &[Percentile]) -> (MeanEstimate, Vec<Option<f64>>) {
    let n: usize = chunks.iter().map(|c| c.len()).sum();
    if n == 0 {
        return (MeanEstimate { n, mean: None, std_error: None }, vec![None; levels.len()]);
    }
    let indices: Vec<usize> = levels.iter().map(|l| l.type1_index(n)).collect();
    if let Some(counts) = (n >= BUCKET_SELECT_MIN).then(|| count_values(chunks)).flatten() {
        let (sum, squares, selected) = summarize_counts(&counts, n, &indices);
        let std_error = std_error(squares, n);
        return (MeanEstimate { n, mean: Some(sum / n as f64), std_error }, selected.into_iter().map(Some).collect());
    }
    let scan = Scan::of(chunks);
    let mean = scan.sum / n as f64;
    let fused = if n >= BUCKET_SELECT_MIN { select_scanned(chunks, &indices, &scan, mean) } else { None };
    let (selected, squares) = fused.unwrap_or_else(|| {
        (select_in_place(&mut chunks.concat(), &indices), lane_sum(chunks, |x| (x - mean) * (x - mean)))
    });
    let std_error = std_error(squares, n);
    (MeanEstimate { n, mean: Some(mean), std_error }, selected.into_iter().map(Some).collect())
}

/// [`summarize_chunks`] of whole numbers kept as `u32` (customers, subscribers): the
/// counting pass reads them as they are. Where it does not apply (fewer than
/// `BUCKET_SELECT_MIN` values, or one of `SELECT_BUCKETS` or more) they are summarised as
/// `f64`s, so the result equals [`summarize_chunks`] of the same numbers, bit for bit.
pub fn summarize_count_chunks(chunks: &[&[u32]], levels: &[Percentile]) -> (MeanEstimate, Vec<Option<f64>>) {
    let n: usize = chunks.iter().map(|c| c.len()).sum();
    if n >= BUCKET_SELECT_MIN
        && let Some(counts) = count_whole(chunks)
    {
        let indices: Vec<usize> = levels.iter().map(|l| l.type1_index(n)).collect();
        let (sum, squares, selected) = summarize_counts(&counts, n, &indices);
        let std_error = std_error(squares, n);
        return (MeanEstimate { n, mean: Some(sum / n as f64), std_error }, selected.into_iter().map(Some).collect());
    }
    let values: Vec<f64> = chunks.iter().copied().flatten().map(|&c| f64::from(c)).collect();
    summarize_chunks(&[&values], levels)
}

/// What [`summarize_chunks`] gives for `n` zeros, without reading them: a row that is zero
/// by construction (a metric of a stream the scenario does not have).
pub fn summarize_zeros(n: usize, levels: &[Percentile]) -> (MeanEstimate, Vec<Option<f64>>) {
    let defined = n > 0;
    let estimate = MeanEstimate { n, mean: defined.then_some(0.0), std_error: (n > 1).then_some(0.0) };
    (estimate, vec![defined.then_some(0.0); levels.len()])
}

/// Mean and Monte Carlo standard error (sample standard deviation / √n) of `values`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanEstimate {
    pub n: usize,
    pub mean: Option<f64>,
    /// `None` with fewer than two values.
    pub std_error: Option<f64>,
}

/// Two passes in index order: deterministic and numerically stable.
pub fn mean_estimate(values: &[f64]) -> MeanEstimate {
    let n = values.len();
    if n == 0 {
        return MeanEstimate { n, mean: None, std_error: None };
    }
    let mean = lane_sum(&[values], |v| v) / n as f64;
    let std_error = std_error(lane_sum(&[values], |x| (x - mean) * (x - mean)), n);
    MeanEstimate { n, mean: Some(mean), std_error }
}

/// The Monte Carlo standard error of a mean of `n` values from Σ (v − mean)²: the sample
/// standard deviation over √n. `None` with fewer than two values.
fn std_error(squares: f64, n: usize) -> Option<f64> {
    (n > 1).then(|| (squares / (n - 1) as f64 / n as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::percentile::percentiles;
    use proptest::prelude::*;

    #[test]
    fn mean_and_standard_error() {
        let e = mean_estimate(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(e.mean, Some(2.5));
        assert!((e.std_error.unwrap() - (1.666_666_666_666_666_7f64 / 4.0).sqrt()).abs() < 1e-12);
        assert_eq!(mean_estimate(&[7.0]).std_error, None);
        assert_eq!(mean_estimate(&[]).mean, None);
    }

    proptest! {
        #[test]
        fn fused_column_summary_equals_the_separate_ones(v in proptest::collection::vec(-1e4f64..1e4, 0..2000), whole in proptest::bool::ANY) {
            let v: Vec<f64> = if whole { v.iter().map(|x| x.round()).collect() } else { v };
            let levels = Percentile::DEFAULT;
            let (estimate, fused) = summarize_column(&mut v.clone(), &levels);
            let separate = percentiles(&mut v.clone(), &levels);
            let expected = mean_estimate(&v);
            prop_assert_eq!(estimate.mean, expected.mean);
            if whole {
                // Whole numbers: the squared deviations are summed from their counts.
                let (a, b) = (estimate.std_error.unwrap_or(0.0), expected.std_error.unwrap_or(0.0));
                prop_assert!((a - b).abs() <= 1e-12 * b.max(1e-300), "{} vs {}", a, b);
            } else {
                prop_assert_eq!(estimate, expected);
            }
            prop_assert_eq!(fused, separate);
        }

        #[test]
        fn a_column_in_uneven_chunks_selects_exactly(
            first in proptest::collection::vec(100.0f64..101.0, 1..600),
            rest in proptest::collection::vec(-1e4f64..1e4, 512..3000),
            cut in 0usize..3000,
        ) {
            // Chunks of any sizes and ranges (a run's blocks): the result equals sorting.
            let cut = cut.min(rest.len());
            let chunks = [&first[..], &rest[..cut], &rest[cut..]];
            let all: Vec<f64> = chunks.concat();
            let levels = Percentile::DEFAULT;
            let (estimate, got) = summarize_chunks(&chunks, &levels);
            prop_assert_eq!(got, percentiles(&mut all.clone(), &levels));
            let expected = mean_estimate(&all);
            prop_assert_eq!(estimate.n, expected.n);
            let close = |a: Option<f64>, b: Option<f64>| (a.unwrap() - b.unwrap()).abs() <= 1e-9 * b.unwrap().abs().max(1.0);
            prop_assert!(close(estimate.mean, expected.mean) && close(estimate.std_error, expected.std_error));
        }

        #[test]
        fn counts_kept_as_u32_summarise_as_their_f64s_bit_for_bit(
            v in proptest::collection::vec(prop_oneof![20 => 0u32..40, 1 => 40u32..3000], 0..3000),
            cut in 0usize..3000,
        ) {
            let cut = cut.min(v.len());
            let levels = Percentile::DEFAULT;
            let (estimate, got) = summarize_count_chunks(&[&v[..cut], &v[cut..]], &levels);
            let as_f64: Vec<f64> = v.iter().map(|&c| f64::from(c)).collect();
            let (expected, levels_f64) = summarize_chunks(&[&as_f64], &levels);
            prop_assert_eq!(estimate.n, expected.n);
            prop_assert_eq!(estimate.mean.map(f64::to_bits), expected.mean.map(f64::to_bits));
            prop_assert_eq!(estimate.std_error.map(f64::to_bits), expected.std_error.map(f64::to_bits));
            prop_assert_eq!(got, levels_f64);
        }

        #[test]
        fn counts_are_summarised_exactly(
            v in proptest::collection::vec(prop_oneof![
                20 => 0u32..40,
                2 => Just(2047u32),
                1 => 40u32..2048,
            ].prop_map(f64::from), 512..3000),
            odd in prop_oneof![4 => Just(None), 1 => Just(Some(2048.0)), 1 => Just(Some(-1.0)), 1 => Just(Some(-0.0)), 1 => Just(Some(f64::NAN)), 1 => Just(Some(3.5))],
            cut in 0usize..3000,
        ) {
            // Small whole numbers go through one counting pass; anything else in the column
            // (out of range, negative, -0.0, NaN, a fraction) sends it down the other paths.
            let mut v = v;
            if let Some(x) = odd {
                let at = cut % v.len();
                v[at] = x;
            }
            let cut = cut.min(v.len());
            let chunks = [&v[..cut], &v[cut..]];
            let levels = Percentile::DEFAULT;
            let (estimate, got) = summarize_chunks(&chunks, &levels);
            let expected_levels = percentiles(&mut v.clone(), &levels);
            for (a, b) in got.iter().zip(&expected_levels) {
                prop_assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits));
            }
            let expected = mean_estimate(&v);
            prop_assert_eq!(estimate.n, expected.n);
            if odd.is_some_and(f64::is_nan) {
                prop_assert!(estimate.mean.is_some_and(f64::is_nan));
            } else {
                prop_assert_eq!(estimate.mean, expected.mean);
                let (a, b) = (estimate.std_error.unwrap_or(0.0), expected.std_error.unwrap_or(0.0));
                prop_assert!((a - b).abs() <= 1e-12 * b.max(1e-300), "{} vs {}", a, b);
            }
        }

        #[test]
        fn zeros_are_summarised_without_reading_them(n in 0usize..3000) {
            let levels = Percentile::DEFAULT;
            prop_assert_eq!(summarize_zeros(n, &levels), summarize_column(&mut vec![0.0; n], &levels));
        }
    }
}
