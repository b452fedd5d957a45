//! The Monte Carlo precision of a run: the horizon's mean and median headline cumulative
//! metric (net profit with costs, gross profit without) with their standard errors
//! ([`Precision`]).
//!
//! The median's standard error comes from the distribution-free 95% interval of the median,
//! the order statistics at ranks n/2 ∓ 0.98·√n (binomial, normal approximation): its width
//! divided by 3.92. Where both ranks read the same value (ties), or, from a streaming
//! histogram, values less than 16 buckets apart, the ranks move apart to n/2 ∓ k·√n, k = 2,
//! 4, 8, ..., until they do, and the width is divided by 4k: the same local-density estimate
//! over a window wide enough for the histogram's resolution.

use crate::metric::Metric;
use crate::report::Precision;
use crate::stats::{MeanEstimate, Percentile, mean_estimate};

/// From the mean estimate and a way to read the value at a 0-based rank of `n` sorted
/// values, exact (`resolution` 0) or within a relative `resolution` (a histogram); `month`
/// is the calendar month the values are of.
pub fn precision(
    metric: Metric,
    month: u32,
    mean: &MeanEstimate,
    resolution: f64,
    value_at: impl Fn(usize) -> Option<f64>,
) -> Precision {
    let n = mean.n;
    let (median, median_std_error) = if n == 0 {
        (None, None)
    } else {
        let median = value_at(Percentile::P50.type1_index(n));
        let coarse = 16.0 * resolution * median.unwrap_or(0.0).abs();
        let se = (n > 1).then(|| median_std_error(n, coarse, &value_at)).flatten();
        (median, se)
    };
    Precision {
        metric,
        month,
        mean: mean.mean,
        mean_std_error: mean.std_error,
        median,
        median_std_error,
        target_relative_error: None,
    }
}

/// The precision of the horizon's headline cumulative metric from all its values.
pub fn precision_of_column(metric: Metric, month: u32, mut values: Vec<f64>) -> Precision {
    let estimate = mean_estimate(&values);
    values.sort_unstable_by(f64::total_cmp);
    precision(metric, month, &estimate, 0.0, |i| values.get(i).copied())
}

/// The order-statistic interval of the median, widened past ties (see the module docs).
fn median_std_error(n: usize, coarse: f64, value_at: &impl Fn(usize) -> Option<f64>) -> Option<f64> {
    let root = (n as f64).sqrt();
    let mut k = 0.98;
    loop {
        let half = k * root;
        let lower = (n as f64 / 2.0 - half).floor().max(0.0) as usize;
        let upper = ((n as f64 / 2.0 + half).ceil() as usize).min(n - 1);
        let width = value_at(upper)? - value_at(lower)?;
        if (width > 0.0 && width >= coarse) || (lower == 0 && upper == n - 1) {
            return Some(width / (4.0 * k));
        }
        k = if k < 2.0 { 2.0 } else { 2.0 * k };
    }
}

#[cfg(test)]
mod precision_tests {
    use super::*;
    use crate::distribution::standard_normal_quantile;

    /// Sorted draws of Normal(1000, 100) by their quantiles: the median's standard error is
    /// √(π/2)·σ/√n ≈ 1.2533·100/√n.
    fn normal_ranks(n: usize) -> Vec<f64> {
        (0..n).map(|i| 1000.0 + 100.0 * standard_normal_quantile((i as f64 + 0.5) / n as f64)).collect()
    }

    #[test]
    fn median_standard_error_from_exact_and_bucketed_values() {
        let n = 1_000_000;
        let values = normal_ranks(n);
        let expected = 1.2533 * 100.0 / (n as f64).sqrt();
        let exact = median_std_error(n, 0.0, &|i| values.get(i).copied()).unwrap();
        assert!((exact / expected - 1.0).abs() < 0.05, "exact {exact} vs {expected}");
        // A histogram reports each value as its bucket's representative (0.39% buckets here):
        // the estimate must neither collapse to 0 nor jump to a whole bucket width.
        let resolution = crate::stats::histogram::RELATIVE_ERROR;
        let bucket = |v: f64| {
            let width = 2.0 * resolution * 1000.0;
            (v / width).floor() * width + width / 2.0
        };
        let coarse = 16.0 * resolution * 1000.0;
        let bucketed = median_std_error(n, coarse, &|i| values.get(i).map(|&v| bucket(v))).unwrap();
        assert!((bucketed / expected - 1.0).abs() < 0.25, "bucketed {bucketed} vs {expected}");
        assert_eq!(median_std_error(10, 0.0, &|_| Some(5.0)), Some(0.0), "all equal: no spread");
    }
}
