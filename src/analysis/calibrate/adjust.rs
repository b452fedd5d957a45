//! The local-linear regression adjustment of Beaumont, Zhang and Balding (2002), applied
//! to the final ABC-SMC generation in the unconstrained coordinates.
//!
//! Within the tolerance, a particle's summaries differ from the observed ones by up to ε;
//! the weighted least-squares fit `η ≈ a + B (s − s_obs)` says how the parameters move with
//! that difference, and each particle is moved to where it would be had its summaries been
//! exactly the observed ones: `η* = η − B (s − s_obs)`. This removes the first-order
//! effect of a tolerance above zero (which widens the posterior) at no simulation cost.
//! The fit is ridge-stabilised (summaries that are exact linear combinations of each other
//! are common: revenue, cost and profit), and is skipped when the particles are too few
//! for the number of summaries.

use super::distance::Observed;
use super::linalg::{cholesky, solve_cholesky};
use super::metric::Metric;
use super::population::Population;
use super::settings::ReplicateRule;
use super::weighted::mean;

/// The adjusted unconstrained coordinates of the population's particles, or `None` when
/// the regression cannot be fitted (too few effective particles, no usable summaries).
pub(crate) fn local_linear(
    population: &Population,
    metric: &Metric,
    observed: &Observed,
    rule: ReplicateRule,
) -> Option<Vec<Vec<f64>>> {
    let x: Vec<Vec<f64>> = population
        .particles
        .iter()
        .map(|p| p.summaries_within(population.tolerance, rule).map(|s| metric.features(&s, observed)))
        .collect::<Option<_>>()?;
    let y = population.etas();
    let columns = x.first()?.len();
    let parameters = y.first()?.len();
    if population.effective_sample_size() < (2 * columns + 10) as f64 {
        return None;
    }
    let (slopes, _) = fit(&x, &y, &population.weights, columns, parameters)?;
    let adjusted = y
        .iter()
        .zip(&x)
        .map(|(eta, xi)| {
            (0..parameters)
                .map(|k| eta[k] - (0..columns).map(|j| slopes[j * parameters + k] * xi[j]).sum::<f64>())
                .collect()
        })
        .collect::<Vec<Vec<f64>>>();
    adjusted.iter().all(|row| row.iter().all(|v| v.is_finite())).then_some(adjusted)
}

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
