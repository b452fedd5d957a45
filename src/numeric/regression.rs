//! Weighted least squares for the calibration's two regressions (the local-linear
//! adjustment and the projected distance): slopes of the parameters on the summaries,
//! ridge-stabilised because summaries that are exact linear combinations of each other
//! (revenue, cost and profit) are common.

use super::weighted::mean;
use crate::numeric::linalg::{cholesky, solve_cholesky};

/// The ridge-regularised weighted least-squares slopes (`columns × parameters`,
/// row-major) of `y` on `x`, both centred on their weighted means, and the weighted
/// residual variance of each column of `y`.
pub(crate) fn fit(
    x: &[Vec<f64>],
    y: &[Vec<f64>],
    weights: &[f64],
    columns: usize,
    parameters: usize,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let x_mean = mean(x, weights, columns);
    let y_mean = mean(y, weights, parameters);
    let mut gram = vec![0.0; columns * columns];
    let mut cross = vec![0.0; columns * parameters];
    for ((xi, yi), &w) in x.iter().zip(y).zip(weights) {
        let dx: Vec<f64> = xi.iter().zip(&x_mean).map(|(a, m)| a - m).collect();
        for i in 0..columns {
            for j in 0..columns {
                gram[i * columns + j] += w * dx[i] * dx[j];
            }
            for k in 0..parameters {
                cross[i * parameters + k] += w * dx[i] * (yi[k] - y_mean[k]);
            }
        }
    }
    let trace: f64 = (0..columns).map(|i| gram[i * columns + i]).sum();
    let ridge = 1e-6 * trace / columns as f64 + 1e-12;
    for i in 0..columns {
        gram[i * columns + i] += ridge;
    }
    let factor = cholesky(&gram, columns)?;
    let mut slopes = vec![0.0; columns * parameters];
    for k in 0..parameters {
        let rhs: Vec<f64> = (0..columns).map(|i| cross[i * parameters + k]).collect();
        for (i, b) in solve_cholesky(&factor, &rhs).into_iter().enumerate() {
            slopes[i * parameters + k] = b;
        }
    }
    let residual_variance = (0..parameters)
        .map(|k| {
            let mut total = 0.0;
            for ((xi, yi), &w) in x.iter().zip(y).zip(weights) {
                let fitted: f64 = (0..columns).map(|j| slopes[j * parameters + k] * (xi[j] - x_mean[j])).sum();
                total += w * (yi[k] - y_mean[k] - fitted).powi(2);
            }
            total / weights.iter().sum::<f64>()
        })
        .collect();
    Some((slopes, residual_variance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_linear_relation() {
        // y = 1 + 2 x0 − x1, x2 an exact copy of x0 (collinear), equal weights.
        let x: Vec<Vec<f64>> = (0..50).map(|i| vec![(i % 7) as f64, (i % 5) as f64 * 0.5, (i % 7) as f64]).collect();
        let y: Vec<Vec<f64>> = x.iter().map(|r| vec![1.0 + 2.0 * r[0] - r[1]]).collect();
        let (slopes, residual) = fit(&x, &y, &[0.02; 50], 3, 1).unwrap();
        assert!(residual[0] < 1e-6, "{residual:?}");
        assert!((slopes[0] + slopes[2] - 2.0).abs() < 1e-4, "{slopes:?}");
        assert!((slopes[1] + 1.0).abs() < 1e-4, "{slopes:?}");
    }
}
