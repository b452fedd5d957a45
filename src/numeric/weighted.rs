//! Statistics of weighted particles: normalised weights, effective sample size, weighted
//! mean and covariance, weighted quantiles. Every reduction runs in index order, so the
//! numbers do not depend on how the particles were computed in parallel.

/// Normalises log-weights to weights that sum to one; `None` when no weight is positive
/// and finite.
pub(crate) fn normalise_ln(ln_weights: &[f64]) -> Option<Vec<f64>> {
    let max = ln_weights.iter().copied().filter(|x| x.is_finite()).fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return None;
    }
    let raw: Vec<f64> = ln_weights.iter().map(|&x| if x.is_finite() { (x - max).exp() } else { 0.0 }).collect();
    let total: f64 = raw.iter().sum();
    (total > 0.0 && total.is_finite()).then(|| raw.iter().map(|w| w / total).collect())
}

/// Kish's effective sample size `1 / Σ wᵢ²` of normalised weights.
pub(crate) fn effective_sample_size(weights: &[f64]) -> f64 {
    let squares: f64 = weights.iter().map(|w| w * w).sum();
    if squares > 0.0 { 1.0 / squares } else { 0.0 }
}

/// The weighted mean of each column of `rows`.
pub(crate) fn mean(rows: &[Vec<f64>], weights: &[f64], columns: usize) -> Vec<f64> {
    let mut mean = vec![0.0; columns];
    for (row, w) in rows.iter().zip(weights) {
        for (m, x) in mean.iter_mut().zip(row) {
            *m += w * x;
        }
    }
    mean
}

/// The weighted covariance (row-major `columns × columns`) of `rows` about their mean.
pub(crate) fn covariance(rows: &[Vec<f64>], weights: &[f64], columns: usize) -> Vec<f64> {
    let mean = mean(rows, weights, columns);
    let mut cov = vec![0.0; columns * columns];
    for (row, w) in rows.iter().zip(weights) {
        for i in 0..columns {
            let di = row[i] - mean[i];
            for j in 0..=i {
                cov[i * columns + j] += w * di * (row[j] - mean[j]);
            }
        }
    }
    for i in 0..columns {
        for j in 0..i {
            cov[j * columns + i] = cov[i * columns + j];
        }
    }
    cov
}

/// The weighted quantiles at `levels` of `values`: the smallest value whose cumulative
/// weight reaches the level. `None` for no values or no positive weight.
pub(crate) fn quantiles(values: &[f64], weights: &[f64], levels: &[f64]) -> Option<Vec<f64>> {
    let mut pairs: Vec<(f64, f64)> =
        values.iter().zip(weights).filter(|(_, w)| **w > 0.0).map(|(&v, &w)| (v, w)).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    if pairs.is_empty() || total.is_nan() || total <= 0.0 {
        return None;
    }
    let mut cumulative = Vec::with_capacity(pairs.len());
    let mut running = 0.0;
    for (_, w) in &pairs {
        running += w / total;
        cumulative.push(running);
    }
    let last = pairs.len() - 1;
    Some(levels.iter().map(|&p| pairs[cumulative.partition_point(|&c| c < p - 1e-12).min(last)].0).collect())
}

/// The weighted fraction of `values` strictly below `x`, plus half the weight at `x`: the
/// posterior's distribution function at `x` (the rank statistic of simulation-based
/// calibration).
pub(crate) fn cdf_at(values: &[f64], weights: &[f64], x: f64) -> f64 {
    let (below, at): (f64, f64) = values.iter().zip(weights).fold((0.0, 0.0), |(b, a), (&v, &w)| {
        if v < x {
            (b + w, a)
        } else if v == x {
            (b, a + w)
        } else {
            (b, a)
        }
    });
    let total: f64 = weights.iter().sum();
    if total > 0.0 { (below + at / 2.0) / total } else { 0.5 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_normalise_and_count() {
        let w = normalise_ln(&[0.0, 0.0, f64::NEG_INFINITY, 2f64.ln()]).unwrap();
        assert_eq!(w, vec![0.25, 0.25, 0.0, 0.5]);
        assert!((effective_sample_size(&w) - 1.0 / 0.375).abs() < 1e-12);
        assert_eq!(normalise_ln(&[f64::NEG_INFINITY, f64::NAN]), None);
        assert_eq!(normalise_ln(&[]), None);
        assert_eq!(effective_sample_size(&[]), 0.0);
    }

    #[test]
    fn mean_and_covariance_of_two_points() {
        let rows = vec![vec![0.0, 1.0], vec![2.0, -1.0]];
        let w = [0.5, 0.5];
        assert_eq!(mean(&rows, &w, 2), vec![1.0, 0.0]);
        assert_eq!(covariance(&rows, &w, 2), vec![1.0, -1.0, -1.0, 1.0]);
    }

    #[test]
    fn quantiles_follow_the_weights() {
        let values = [3.0, 1.0, 2.0, 4.0];
        let weights = [0.1, 0.1, 0.7, 0.1];
        assert_eq!(quantiles(&values, &weights, &[0.05, 0.5, 0.85, 0.95, 1.0]), Some(vec![1.0, 2.0, 3.0, 4.0, 4.0]));
        assert_eq!(quantiles(&[1.0], &[0.0], &[0.5]), None);
        assert_eq!(quantiles(&[], &[], &[0.5]), None);
        assert!((cdf_at(&values, &weights, 2.0) - 0.45).abs() < 1e-12);
        assert_eq!(cdf_at(&values, &weights, 0.0), 0.0);
        assert!((cdf_at(&values, &weights, 9.0) - 1.0).abs() < 1e-12);
    }
}
