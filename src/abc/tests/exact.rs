//! Exact posteriors of the toy models by quadrature, to measure how close ABC comes: the
//! customer process (arrivals and churn, from active counts with or without the monthly
//! arrivals) on a 2-D grid, the hours per customer on a 1-D grid. Grids are evenly spaced
//! in the priors' quantiles, so each node carries equal prior mass and its weight is the
//! likelihood alone.

use super::test_priors::TestPrior;
use crate::abc::prior::Prior;
use crate::numeric::weighted::quantiles;
use statrs::function::gamma::ln_gamma;

fn ln_poisson(k: f64, rate: f64) -> f64 {
    if rate <= 0.0 {
        return if k == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    k * rate.ln() - rate - ln_gamma(k + 1.0)
}

fn ln_binomial(k: f64, n: f64, p: f64) -> f64 {
    let ln_choose = ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0);
    let term = |count: f64, q: f64| if count == 0.0 { 0.0 } else { count * q.ln() };
    ln_choose + term(k, p) + term(n - k, 1.0 - p)
}

/// The nodes of a quantile grid of `prior`.
fn nodes(prior: &TestPrior, size: usize) -> Vec<f64> {
    (0..size).map(|i| prior.quantile((i as f64 + 0.5) / size as f64)).collect()
}

/// A marginal posterior as weighted nodes, summarised like the calibration's.
#[derive(Debug, Clone)]
pub(crate) struct Marginal {
    pub values: Vec<f64>,
    pub weights: Vec<f64>,
}

impl Marginal {
    pub(crate) fn quantiles(&self, levels: &[f64]) -> Vec<f64> {
        quantiles(&self.values, &self.weights, levels).unwrap_or_default()
    }

    pub(crate) fn sd(&self) -> f64 {
        let total: f64 = self.weights.iter().sum();
        let mean = self.values.iter().zip(&self.weights).map(|(v, w)| v * w).sum::<f64>() / total;
        (self.values.iter().zip(&self.weights).map(|(v, w)| w * (v - mean).powi(2)).sum::<f64>() / total).sqrt()
    }
}

/// The log-likelihood of one month of the customer process.
fn ln_month(before: f64, after: f64, arrivals: Option<f64>, rate: f64, churn: f64) -> f64 {
    match arrivals {
        Some(a) => {
            let churned = before + a - after;
            if churned < 0.0 || churned > before {
                return f64::NEG_INFINITY;
            }
            ln_poisson(a, rate) + ln_binomial(churned, before, churn)
        }
        None => {
            let terms: Vec<f64> = (0..=before as u64)
                .map(|c| c as f64)
                .filter(|&c| after - before + c >= 0.0)
                .map(|c| ln_binomial(c, before, churn) + ln_poisson(after - before + c, rate))
                .collect();
            let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if max.is_finite() { max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln() } else { max }
        }
    }
}

/// The marginal posteriors of arrivals and churn from a base of `base` customers, the
/// active counts and (if known) each month's arrivals.
pub(crate) fn customers(
    priors: [&TestPrior; 2],
    base: f64,
    counts: &[f64],
    arrivals: Option<&[f64]>,
    size: usize,
) -> [Marginal; 2] {
    let (rates, churns) = (nodes(priors[0], size), nodes(priors[1], size));
    let mut ln = vec![0.0; size * size];
    for (i, &rate) in rates.iter().enumerate() {
        for (j, &churn) in churns.iter().enumerate() {
            let mut before = base;
            for (t, &after) in counts.iter().enumerate() {
                ln[i * size + j] += ln_month(before, after, arrivals.map(|a| a[t]), rate, churn);
                before = after;
            }
        }
    }
    let max = ln.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = ln.iter().map(|l| (l - max).exp()).collect();
    let rate_weights = (0..size).map(|i| w[i * size..(i + 1) * size].iter().sum()).collect();
    let churn_weights = (0..size).map(|j| (0..size).map(|i| w[i * size + j]).sum()).collect();
    [Marginal { values: rates, weights: rate_weights }, Marginal { values: churns, weights: churn_weights }]
}

/// The posterior of hours per customer from monthly hours `Poisson(2 + h · active)`.
pub(crate) fn hours(prior: &TestPrior, counts: &[f64], hours: &[f64], size: usize) -> Marginal {
    let values = nodes(prior, size);
    let ln: Vec<f64> =
        values.iter().map(|&h| counts.iter().zip(hours).map(|(&n, &k)| ln_poisson(k, 2.0 + h * n)).sum()).collect();
    let max = ln.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Marginal { weights: ln.iter().map(|l| (l - max).exp()).collect(), values }
}
