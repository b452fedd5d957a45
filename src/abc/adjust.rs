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
use super::measure::Measure;
use super::population::Population;
use super::settings::ReplicateRule;
use crate::numeric::regression::fit;

/// The adjusted unconstrained coordinates of the population's particles, or `None` when
/// the regression cannot be fitted (too few effective particles, no usable summaries).
pub(crate) fn local_linear(
    population: &Population,
    metric: &Measure,
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
