//! The statistics core: exact type-1 percentiles, means with their Monte Carlo standard
//! errors, and proportions. Pure functions on slices; nothing here knows about scenarios.
//!
//! Reductions run sequentially in index order, so results do not depend on how the
//! values were produced in parallel. Undefined results (no values) are `None`, never NaN.

pub mod histogram;

use std::fmt;
use std::str::FromStr;

/// A percentile level in basis points (p5 = 500, p99.9 = 9990).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percentile(u32);

impl Percentile {
    pub const P5: Percentile = Percentile(500);
    pub const P25: Percentile = Percentile(2500);
    pub const P50: Percentile = Percentile(5000);
    pub const P75: Percentile = Percentile(7500);
    pub const P95: Percentile = Percentile(9500);
    /// The default bands: p5, p25, p50, p75, p95.
    pub const DEFAULT: [Percentile; 5] = [Self::P5, Self::P25, Self::P50, Self::P75, Self::P95];

    /// A level from basis points, if within (0, 10000].
    pub fn from_basis_points(bp: u32) -> Option<Self> {
        (1..=10_000).contains(&bp).then_some(Self(bp))
    }

    /// The level as a fraction.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 10_000.0
    }

    /// 0-based index of the type-1 percentile in `n` sorted values: the smallest value v
    /// with at least this fraction of values ≤ v, i.e. rank ⌈q·n⌉ (at least 1).
    pub fn type1_index(self, n: usize) -> usize {
        let rank = (u128::from(self.0) * n as u128).div_ceil(10_000) as usize;
        rank.max(1) - 1
    }
}

impl fmt::Display for Percentile {
    /// `p5`, `p50`, `p2.5`, `p99.9`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "p{whole}"),
            _ if frac % 10 == 0 => write!(f, "p{whole}.{}", frac / 10),
            _ => write!(f, "p{whole}.{frac:02}"),
        }
    }
}

impl FromStr for Percentile {
    type Err = String;

    /// Accepts `5`, `p5`, `2.5`, `p99.9`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let number = s.trim().trim_start_matches(['p', 'P']);
        let value: f64 = number.parse().map_err(|_| format!("`{s}` is not a percentile; use e.g. 5, 50 or p95"))?;
        let bp = (value * 100.0).round();
        if (value * 100.0 - bp).abs() > 1e-6 || !(1.0..=10_000.0).contains(&bp) {
            return Err(format!("`{s}` must be between 0.01 and 100 with at most two decimals"));
        }
        Ok(Self(bp as u32))
    }
}

/// Type-1 percentiles of `values` (reordered in place), one per level, in the given order.
///
/// Returns `None` for every level when `values` is empty. Large inputs go through a bucket
/// histogram first (see [`select_by_buckets`]); the result is the same as sorting.
pub fn percentiles(values: &mut [f64], levels: &[Percentile]) -> Vec<Option<f64>> {
    if values.is_empty() {
        return vec![None; levels.len()];
    }
    let indices: Vec<usize> = levels.iter().map(|l| l.type1_index(values.len())).collect();
    let selected = if values.len() >= BUCKET_SELECT_MIN { select_by_buckets(values, &indices) } else { None };
    let selected = selected.unwrap_or_else(|| select_in_place(values, &indices));
    selected.into_iter().map(Some).collect()
}

/// Below this many values, plain selection is as fast as the bucket histogram.
const BUCKET_SELECT_MIN: usize = 512;
/// Buckets of the histogram in [`select_by_buckets`].
const SELECT_BUCKETS: usize = 2048;

/// The values at the given 0-based ranks of the sorted order (by `f64::total_cmp`), by
/// repeated selection, each time only within the part not yet partitioned.
fn select_in_place(values: &mut [f64], indices: &[usize]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..indices.len()).collect();
    order.sort_by_key(|&i| indices[i]);
    let mut out = vec![0.0; indices.len()];
    let mut lower = 0;
    for i in order {
        let index = indices[i];
        if index >= lower {
            let (_, value, _) = values[lower..].select_nth_unstable_by(index - lower, f64::total_cmp);
            out[i] = *value;
            lower = index;
        } else {
            out[i] = values[index];
        }
    }
    out
}

const NEGATIVE_ZERO: u64 = 0x8000_0000_0000_0000;

/// A count of each value of a column of small whole numbers (customers, subscribers), in
/// one pass; `None` at the first value that is not a whole number in [0, [`SELECT_BUCKETS`])
/// (a column of amounts gives up at its first value).
fn count_values(chunks: &[&[f64]]) -> Option<Vec<usize>> {
    let mut counts = vec![0usize; SELECT_BUCKETS];
    for &v in chunks.iter().copied().flatten() {
        // The cast truncates and saturates: a whole number in range without a libm call
        // (to i64, which is one instruction; to usize is a dozen).
        let i = v as i64;
        if i as f64 != v || !(0..SELECT_BUCKETS as i64).contains(&i) || v.to_bits() == NEGATIVE_ZERO {
            return None;
        }
        counts[i as usize] += 1;
    }
    Some(counts)
}

/// The sum, the sum of squared deviations from the mean and the order statistics at
/// `indices` of `n` whole numbers given by their counts. The sum is exact, so it equals
/// summing the values in any order.
fn summarize_counts(counts: &[usize], n: usize, indices: &[usize]) -> (f64, f64, Vec<f64>) {
    let present = || counts.iter().enumerate().filter(|(_, c)| **c > 0);
    let sum: f64 = present().map(|(v, &c)| v as f64 * c as f64).sum();
    let mean = sum / n as f64;
    let squares = present()
        .map(|(v, &c)| {
            let d = v as f64 - mean;
            c as f64 * d * d
        })
        .sum();
    let selected = indices
        .iter()
        .map(|&index| {
            let (mut below, mut v) = (0, 0);
            while below + counts[v] <= index {
                below += counts[v];
                v += 1;
            }
            v as f64
        })
        .collect();
    (sum, squares, selected)
}

/// Exact order statistics in about three linear passes: the minimum and maximum, a
/// histogram of [`SELECT_BUCKETS`] equal-width buckets between them, then selection only
/// among the values of the buckets holding the requested ranks. The bucket of a value,
/// `⌊(v − min) · scale⌋`, never decreases as v grows, so the k-th smallest value is the
/// (k − values in lower buckets)-th smallest of its bucket: the result equals sorting.
///
/// `None` (use plain selection) when a value is not finite.
pub fn select_by_buckets(values: &[f64], indices: &[usize]) -> Option<Vec<f64>> {
    let scan = Scan::of(&[values]);
    select_scanned(&[values], indices, &scan, scan.sum / values.len() as f64).map(|(selected, _)| selected)
}

/// What one pass over a column finds: enough for the mean and for choosing how to select.
#[derive(Debug, Clone, Copy)]
struct Scan {
    min: f64,
    max: f64,
    /// Sum in index order (the mean's numerator, deterministic).
    sum: f64,
    nan: bool,
}

impl Scan {
    fn of(chunks: &[&[f64]]) -> Self {
        let (mut min, mut max) = ([f64::INFINITY; LANES], [f64::NEG_INFINITY; LANES]);
        let (mut nan, mut sums) = ([false; LANES], [0.0; LANES]);
        // Plain comparisons (a NaN compares false and is caught by `nan`): one `minpd` or
        // `maxpd` each, where `f64::min` adds NaN handling.
        for chunk in chunks {
            let mut lanes = chunk.chunks_exact(LANES);
            for quad in &mut lanes {
                for i in 0..LANES {
                    min[i] = if quad[i] < min[i] { quad[i] } else { min[i] };
                    max[i] = if quad[i] > max[i] { quad[i] } else { max[i] };
                    nan[i] |= quad[i].is_nan();
                    sums[i] += quad[i];
                }
            }
            for &v in lanes.remainder() {
                min[0] = if v < min[0] { v } else { min[0] };
                max[0] = if v > max[0] { v } else { max[0] };
                nan[0] |= v.is_nan();
                sums[0] += v;
            }
        }
        let nan = nan.contains(&true);
        let min = min.into_iter().fold(f64::INFINITY, f64::min);
        let max = max.into_iter().fold(f64::NEG_INFINITY, f64::max);
        Scan { min, max, sum: (sums[0] + sums[1]) + (sums[2] + sums[3]), nan }
    }
}

/// Independent accumulators in the sums: their additions overlap instead of waiting for
/// each other. Which value goes to which lane depends only on its place in its chunk, and
/// the lanes are added in a fixed order, so the result is deterministic.
const LANES: usize = 4;

/// Σ f(v) over the chunks, in [`LANES`] interleaved partial sums.
fn lane_sum(chunks: &[&[f64]], f: impl Fn(f64) -> f64) -> f64 {
    let mut sums = [0.0; LANES];
    for chunk in chunks {
        let mut lanes = chunk.chunks_exact(LANES);
        for quad in &mut lanes {
            for i in 0..LANES {
                sums[i] += f(quad[i]);
            }
        }
        for &v in lanes.remainder() {
            sums[0] += f(v);
        }
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
}

/// Selection by buckets over a column given in consecutive chunks (the blocks of a run).
/// The counting pass also sums (v − mean)² for the standard error, in the lanes of
/// [`lane_sum`], so the sum is the same as a separate pass.
fn select_scanned(chunks: &[&[f64]], indices: &[usize], scan: &Scan, mean: f64) -> Option<(Vec<f64>, f64)> {
    let Scan { min, max, nan, .. } = *scan;
    if nan || !min.is_finite() || !max.is_finite() {
        return None;
    }
    if min == max {
        // Every value equal (up to the sign of zero): fall back so -0.0 and 0.0 order right.
        return (min != 0.0).then(|| (vec![min; indices.len()], lane_sum(chunks, |x| (x - mean) * (x - mean))));
    }
    let scale = SELECT_BUCKETS as f64 / (max - min);
    if !scale.is_finite() {
        return None;
    }
    // v ≥ min, so the product is never negative; i64 because a conversion to usize takes a
    // dozen instructions and this runs twice per value.
    let bucket = |v: f64| (((v - min) * scale) as i64).min(SELECT_BUCKETS as i64 - 1) as usize;
    let mut counts = vec![0usize; SELECT_BUCKETS];
    let mut squares = [0.0; LANES];
    for chunk in chunks {
        let mut lanes = chunk.chunks_exact(LANES);
        for quad in &mut lanes {
            for i in 0..LANES {
                counts[bucket(quad[i])] += 1;
                squares[i] += (quad[i] - mean) * (quad[i] - mean);
            }
        }
        for &v in lanes.remainder() {
            counts[bucket(v)] += 1;
            squares[0] += (v - mean) * (v - mean);
        }
    }
    let squares = (squares[0] + squares[1]) + (squares[2] + squares[3]);
    // For each requested rank: its bucket and its rank within the bucket.
    let mut wanted: Vec<(usize, usize)> = Vec::with_capacity(indices.len());
    for &index in indices {
        let mut below = 0;
        let mut b = 0;
        while below + counts[b] <= index {
            below += counts[b];
            b += 1;
        }
        wanted.push((b, index - below));
    }
    let mut buckets: Vec<usize> = wanted.iter().map(|w| w.0).collect();
    buckets.sort_unstable();
    buckets.dedup();
    let mut members: Vec<Vec<f64>> = buckets.iter().map(|&b| Vec::with_capacity(counts[b])).collect();
    let mut slot = vec![usize::MAX; SELECT_BUCKETS];
    for (i, &b) in buckets.iter().enumerate() {
        slot[b] = i;
    }
    for chunk in chunks {
        for &v in *chunk {
            let s = slot[bucket(v)];
            if s != usize::MAX {
                members[s].push(v);
            }
        }
    }
    let mut out = Vec::with_capacity(indices.len());
    for (b, rank) in wanted {
        let s = slot[b];
        let (_, value, _) = members[s].select_nth_unstable_by(rank, f64::total_cmp);
        out.push(*value);
    }
    Some((out, squares))
}

/// The mean with its standard error and the type-1 percentiles of one column, with as few
/// passes over it as possible: small whole numbers in one counting pass; other values in
/// one scan (sum, range) and the selection, which also sums the squared deviations. Equal to [`mean_estimate`] and [`percentiles`]
/// (the standard error of whole numbers to rounding: it comes from their counts).
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

/// A proportion `successes / n` with its standard error √(p(1-p)/n).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Proportion {
    pub probability: f64,
    pub std_error: f64,
}

impl Proportion {
    /// `None` when `n` is zero.
    pub fn new(successes: usize, n: usize) -> Option<Self> {
        (n > 0).then(|| {
            let p = successes as f64 / n as f64;
            Self { probability: p, std_error: (p * (1.0 - p) / n as f64).sqrt() }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn type1_matches_the_definition_on_small_cases() {
        let mut v = vec![3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0];
        // sorted: 1 1 2 3 3 4 5 5 6 9
        let got = percentiles(&mut v, &[Percentile::P50, Percentile::P5, Percentile::P95, Percentile::P25]);
        assert_eq!(got, vec![Some(3.0), Some(1.0), Some(9.0), Some(2.0)]);
        assert_eq!(percentiles(&mut [], &[Percentile::P50]), vec![None]);
        // Exactly q·n values at or below: p5 of 100 values is the 5th smallest.
        assert_eq!(Percentile::P5.type1_index(100), 4);
        assert_eq!(Percentile::P5.type1_index(10_000), 499);
        assert_eq!(Percentile::P50.type1_index(1), 0);
    }

    #[test]
    fn percentile_levels_parse_and_print() {
        for (text, shown) in [("5", "p5"), ("p95", "p95"), ("2.5", "p2.5"), ("99.9", "p99.9"), ("99.95", "p99.95")] {
            assert_eq!(text.parse::<Percentile>().unwrap().to_string(), shown);
        }
        for bad in ["0", "101", "x", "5.001", "-1"] {
            assert!(bad.parse::<Percentile>().is_err(), "{bad}");
        }
    }

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

        #[test]
        fn bucket_selection_equals_sorting(
            v in proptest::collection::vec(prop_oneof![-1e6f64..1e6, (0u32..40).prop_map(f64::from), Just(0.0), Just(-0.0)], 512..4000),
            spread in prop_oneof![Just(1.0), Just(1e-9), Just(1e9)],
        ) {
            let v: Vec<f64> = v.iter().map(|x| x * spread).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let indices = [0, 1, v.len() / 20, v.len() / 2, v.len() - 2, v.len() - 1];
            let got = select_by_buckets(&v, &indices).unwrap_or_else(|| select_in_place(&mut v.clone(), &indices));
            for (index, value) in indices.iter().zip(&got) {
                prop_assert_eq!(value.to_bits(), sorted[*index].to_bits());
            }
        }

        #[test]
        fn percentiles_equal_sorting_and_are_ordered(mut v in proptest::collection::vec(-1e6f64..1e6, 1..300)) {
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let levels = Percentile::DEFAULT;
            let got: Vec<f64> = percentiles(&mut v, &levels).into_iter().map(Option::unwrap).collect();
            for (level, value) in levels.iter().zip(&got) {
                prop_assert_eq!(*value, sorted[level.type1_index(sorted.len())]);
                let at_or_below = sorted.iter().filter(|x| *x <= value).count() as f64;
                prop_assert!(at_or_below >= level.fraction() * sorted.len() as f64 - 1e-9);
            }
            prop_assert!(got.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
