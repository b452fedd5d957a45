//! Ranks: where a value falls among samples (its percentile rank, ties counting half) and
//! Spearman's rank correlation between two series.

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

/// Spearman's rank correlation of the pairs where `y` is defined (average ranks for ties).
/// `None` with fewer than three pairs or when either side is constant.
pub fn spearman(x: &[f64], y: &[Option<f64>]) -> Option<f64> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x.iter().zip(y).filter_map(|(x, y)| Some((*x, (*y)?))).unzip();
    if xs.len() < 3 {
        return None;
    }
    pearson(&ranks(&xs), &ranks(&ys))
}

/// 1-based ranks, ties sharing their average rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let average = (start + end + 1) as f64 / 2.0; // mean of ranks start+1 ..= end
        for &i in &order[start..end] {
            out[i] = average;
        }
        start = end;
    }
    out
}

/// Pearson's correlation; `None` when either side is constant.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), [1.0, 4.0, 2.5, 2.5]);
    }

    #[test]
    fn spearman_of_monotone_and_reversed_and_constant() {
        let x: Vec<f64> = (0..50).map(f64::from).collect();
        let up: Vec<Option<f64>> = x.iter().map(|v| Some(v.exp())).collect();
        let down: Vec<Option<f64>> = x.iter().map(|v| Some(-v * v)).collect();
        assert!((spearman(&x, &up).unwrap() - 1.0).abs() < 1e-12);
        assert!((spearman(&x, &down).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&x, &vec![Some(1.0); 50]), None);
        assert_eq!(spearman(&x[..2], &up[..2]), None);
    }
}
