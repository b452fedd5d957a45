//! Exact order statistics of large columns in a few linear passes (a bucket histogram, then
//! selection within the buckets holding the wanted ranks), and the counting pass for columns
//! of small whole numbers. Results equal sorting, bit for bit.

/// Below this many values, plain selection is as fast as the bucket histogram.
pub(super) const BUCKET_SELECT_MIN: usize = 512;
/// Buckets of the histogram in [`select_by_buckets`].
const SELECT_BUCKETS: usize = 2048;

/// The values at the given 0-based ranks of the sorted order (by `f64::total_cmp`), by
/// repeated selection, each time only within the part not yet partitioned.
pub(super) fn select_in_place(values: &mut [f64], indices: &[usize]) -> Vec<f64> {
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
pub(super) fn count_values(chunks: &[&[f64]]) -> Option<Vec<usize>> {
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

/// [`count_values`] of whole numbers kept as `u32`: `None` at the first of
/// [`SELECT_BUCKETS`] or more.
pub(super) fn count_whole(chunks: &[&[u32]]) -> Option<Vec<usize>> {
    let mut counts = vec![0usize; SELECT_BUCKETS];
    for &v in chunks.iter().copied().flatten() {
        *counts.get_mut(v as usize)? += 1;
    }
    Some(counts)
}

/// The sum, the sum of squared deviations from the mean and the order statistics at
/// `indices` of `n` whole numbers given by their counts. The sum is exact, so it equals
/// summing the values in any order.
pub(super) fn summarize_counts(counts: &[usize], n: usize, indices: &[usize]) -> (f64, f64, Vec<f64>) {
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
/// histogram of `SELECT_BUCKETS` equal-width buckets between them, then selection only
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
pub(super) struct Scan {
    pub(super) min: f64,
    pub(super) max: f64,
    /// Sum in index order (the mean's numerator, deterministic).
    pub(super) sum: f64,
    pub(super) nan: bool,
}

impl Scan {
    pub(super) fn of(chunks: &[&[f64]]) -> Self {
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
pub(super) fn lane_sum(chunks: &[&[f64]], f: impl Fn(f64) -> f64) -> f64 {
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
pub(super) fn select_scanned(chunks: &[&[f64]], indices: &[usize], scan: &Scan, mean: f64) -> Option<(Vec<f64>, f64)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
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
    }
}
