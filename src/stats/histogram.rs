//! Mergeable summaries for runs too large to store (docs/model.md §8.7): a log-linear
//! histogram with a fixed relative error for dollar amounts, an exact histogram for
//! whole-number counts, and streaming moments for means and their standard errors.
//!
//! Histograms merge by adding counts, so the result does not depend on the merge order.
//! [`Moments`] merge with Chan's formula, which is exact in real arithmetic but not in
//! floating point: callers merge them in a fixed order (trajectory blocks in index order)
//! so that results are identical for any number of threads.

/// Mantissa bits kept by [`LogHistogram`]: 2^7 = 128 buckets per power of two.
const MANTISSA_BITS: u32 = 7;
const SHIFT: u32 = 52 - MANTISSA_BITS;

/// Largest relative error of a value reported by [`LogHistogram`]: a bucket spans
/// [lo, lo·(1 + 2⁻⁷)] at most, and its representative 2·lo·hi/(lo + hi) is within
/// (hi − lo)/(hi + lo) < 2⁻⁸ ≈ 0.39% of every value in it.
pub const RELATIVE_ERROR: f64 = 1.0 / 256.0;

/// Counts of values by bucket: zero exactly, positive and negative values in log-linear
/// buckets (the top 7 mantissa bits of the float), each side stored densely between the
/// smallest and largest bucket seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogHistogram {
    positive: Dense,
    negative: Dense,
    zero: u64,
}

/// Dense counts for keys `offset..offset + counts.len()`.
#[derive(Debug, Clone, Default, PartialEq)]
struct Dense {
    offset: u32,
    counts: Vec<u64>,
}

impl Dense {
    fn add(&mut self, key: u32, count: u64) {
        if self.counts.is_empty() {
            self.offset = key;
        } else if key < self.offset {
            let grow = (self.offset - key) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.offset = key;
        }
        let i = (key - self.offset) as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += count;
    }

    fn merge(&mut self, other: &Dense) {
        if let (Some(first), Some(last)) = (other.counts.iter().position(|&c| c > 0), other.counts.len().checked_sub(1))
        {
            // Make room once, then add.
            self.add(other.offset + first as u32, 0);
            self.add(other.offset + last as u32, 0);
            for (i, &c) in other.counts.iter().enumerate().skip(first) {
                self.counts[(other.offset + i as u32 - self.offset) as usize] += c;
            }
        }
    }

    fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// The value reported for a bucket key: the harmonic midpoint of its bounds.
fn representative(key: u32) -> f64 {
    let lo = f64::from_bits(u64::from(key) << SHIFT);
    let hi = f64::from_bits(u64::from(key + 1) << SHIFT);
    if hi.is_finite() { 2.0 * lo * hi / (lo + hi) } else { lo }
}

impl LogHistogram {
    /// Counts one value; NaN is ignored (the engine never produces it).
    pub fn push(&mut self, value: f64) {
        if value == 0.0 {
            self.zero += 1;
        } else if value > 0.0 {
            self.positive.add((value.to_bits() >> SHIFT) as u32, 1);
        } else if value < 0.0 {
            self.negative.add(((-value).to_bits() >> SHIFT) as u32, 1);
        }
    }

    /// Adds another histogram's counts (commutative and associative).
    pub fn merge(&mut self, other: &LogHistogram) {
        self.positive.merge(&other.positive);
        self.negative.merge(&other.negative);
        self.zero += other.zero;
    }

    pub fn count(&self) -> u64 {
        self.positive.total() + self.negative.total() + self.zero
    }

    /// The value at 0-based rank `index` of the sorted values, within [`RELATIVE_ERROR`];
    /// `None` when the rank is out of range.
    pub fn value_at(&self, index: u64) -> Option<f64> {
        let mut below = 0;
        for (i, &c) in self.negative.counts.iter().enumerate().rev() {
            if index < below + c {
                return Some(-representative(self.negative.offset + i as u32));
            }
            below += c;
        }
        if index < below + self.zero {
            return Some(0.0);
        }
        below += self.zero;
        for (i, &c) in self.positive.counts.iter().enumerate() {
            if index < below + c {
                return Some(representative(self.positive.offset + i as u32));
            }
            below += c;
        }
        None
    }
}

/// Exact counts of whole numbers `0..` (customers, months); other values are clamped into
/// range, which the engine never needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountHistogram {
    counts: Vec<u64>,
}

impl CountHistogram {
    pub fn push(&mut self, value: f64) {
        let i = value.max(0.0) as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += 1;
    }

    pub fn merge(&mut self, other: &CountHistogram) {
        if other.counts.len() > self.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    pub fn count(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The value at 0-based rank `index` of the sorted values (exact).
    pub fn value_at(&self, index: u64) -> Option<f64> {
        let mut below = 0;
        for (value, &c) in self.counts.iter().enumerate() {
            if index < below + c {
                return Some(value as f64);
            }
            below += c;
        }
        None
    }
}

/// Count, mean and sum of squared deviations (Welford), mergeable with Chan's formula.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub mean: f64,
    pub m2: f64,
}

impl Moments {
    pub fn push(&mut self, value: f64) {
        self.n += 1;
        let delta = value - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (value - self.mean);
    }

    /// The moments of a slice, in two passes (faster than pushing one value at a time).
    pub fn of(values: &[f64]) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let m2 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
        Self { n: values.len() as u64, mean, m2 }
    }

    /// Combines two disjoint sets of values. Merge in a fixed order for reproducible bits.
    pub fn merge(&mut self, other: &Moments) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        self.mean += delta * other.n as f64 / n as f64;
        self.m2 += other.m2 + delta * delta * self.n as f64 * other.n as f64 / n as f64;
        self.n = n;
    }

    /// The mean and its Monte Carlo standard error.
    pub fn estimate(&self) -> super::MeanEstimate {
        let n = self.n as usize;
        super::MeanEstimate {
            n,
            mean: (n > 0).then_some(self.mean),
            std_error: (n > 1).then(|| (self.m2 / (n - 1) as f64 / n as f64).sqrt()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Percentile, mean_estimate, percentiles};
    use proptest::prelude::*;

    #[test]
    fn log_histogram_is_within_its_relative_error_of_exact_percentiles() {
        // A lognormal-like spread over several decades, with negatives and zeros.
        let values: Vec<f64> = (0..20_000)
            .map(|i| {
                let u = (i as f64 + 0.5) / 20_000.0;
                let x = (8.0 * (u - 0.3)).exp() * 1000.0;
                if i % 7 == 0 {
                    -x
                } else if i % 11 == 0 {
                    0.0
                } else {
                    x
                }
            })
            .collect();
        let mut h = LogHistogram::default();
        values.iter().for_each(|&v| h.push(v));
        let levels = [Percentile::P5, Percentile::P25, Percentile::P50, Percentile::P75, Percentile::P95];
        let exact = percentiles(&mut values.clone(), &levels);
        for (level, exact) in levels.iter().zip(exact) {
            let (exact, approx) = (exact.unwrap(), h.value_at(level.type1_index(values.len()) as u64).unwrap());
            assert!((approx - exact).abs() <= RELATIVE_ERROR * exact.abs(), "{level}: {approx} vs {exact}");
        }
        assert_eq!(h.count(), 20_000);
        assert_eq!(h.value_at(20_000), None);
    }

    proptest! {
        #[test]
        fn merging_any_split_equals_one_pass(v in proptest::collection::vec(-1e7f64..1e7, 0..400), cut in 0usize..400) {
            let cut = cut.min(v.len());
            let (mut whole, mut left, mut right) = (LogHistogram::default(), LogHistogram::default(), LogHistogram::default());
            v.iter().for_each(|&x| whole.push(x));
            v[..cut].iter().for_each(|&x| left.push(x));
            v[cut..].iter().for_each(|&x| right.push(x));
            let mut merged = right.clone();
            merged.merge(&left);
            for i in 0..v.len() as u64 {
                prop_assert_eq!(merged.value_at(i), whole.value_at(i));
            }
            let (mut a, mut b) = (Moments::default(), Moments::default());
            v[..cut].iter().for_each(|&x| a.push(x));
            v[cut..].iter().for_each(|&x| b.push(x));
            a.merge(&b);
            let exact = mean_estimate(&v);
            if let (Some(m), Some(e)) = (a.estimate().mean, exact.mean) {
                prop_assert!((m - e).abs() <= 1e-9 * (1.0 + e.abs()));
            }
            if let (Some(m), Some(e)) = (a.estimate().std_error, exact.std_error) {
                prop_assert!((m - e).abs() <= 1e-9 * (1.0 + e.abs()));
            }
        }

        #[test]
        fn count_histogram_is_exact(v in proptest::collection::vec(0u32..60, 1..300)) {
            let mut h = CountHistogram::default();
            v.iter().for_each(|&x| h.push(f64::from(x)));
            let mut sorted = v.clone();
            sorted.sort_unstable();
            for (i, x) in sorted.iter().enumerate() {
                prop_assert_eq!(h.value_at(i as u64), Some(f64::from(*x)));
            }
        }
    }
}
