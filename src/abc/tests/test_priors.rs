//! Priors for the tests: the forms users give (uniform, beta, lognormal, triangular) and a
//! gamma for conjugate checks, implemented with statrs (densities, quantiles) and
//! rand_distr (draws). The crate's own distributions implement [`Prior`] elsewhere.

use crate::abc::prior::Prior;
use rand::Rng;
use rand_distr::Distribution as _;
use statrs::distribution::{self as sd, Continuous, ContinuousCDF};

/// A prior for tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TestPrior {
    Uniform { low: f64, high: f64 },
    Beta { alpha: f64, beta: f64 },
    LogNormal { mu: f64, sigma: f64 },
    Gamma { shape: f64, rate: f64 },
    Triangular { min: f64, mode: f64, max: f64 },
}

impl TestPrior {
    /// A lognormal with the given 90% interval (the users' "ci90" shorthand).
    pub(crate) fn lognormal_ci90(low: f64, high: f64) -> Self {
        let z90 = 1.644_853_626_951_472_2;
        Self::LogNormal { mu: (low * high).ln() / 2.0, sigma: (high / low).ln() / (2.0 * z90) }
    }

    fn ln_pdf_or_none(&self, x: f64) -> Option<f64> {
        Some(match *self {
            Self::Uniform { low, high } => sd::Uniform::new(low, high).ok()?.ln_pdf(x),
            Self::Beta { alpha, beta } => sd::Beta::new(alpha, beta).ok()?.ln_pdf(x),
            Self::LogNormal { mu, sigma } => sd::LogNormal::new(mu, sigma).ok()?.ln_pdf(x),
            Self::Gamma { shape, rate } => sd::Gamma::new(shape, rate).ok()?.ln_pdf(x),
            Self::Triangular { min, mode, max } => sd::Triangular::new(min, max, mode).ok()?.ln_pdf(x),
        })
    }

    fn quantile_or_none(&self, p: f64) -> Option<f64> {
        Some(match *self {
            Self::Uniform { low, high } => low + (high - low) * p,
            Self::Beta { alpha, beta } => sd::Beta::new(alpha, beta).ok()?.inverse_cdf(p),
            Self::LogNormal { mu, sigma } => sd::LogNormal::new(mu, sigma).ok()?.inverse_cdf(p),
            Self::Gamma { shape, rate } => sd::Gamma::new(shape, rate).ok()?.inverse_cdf(p),
            Self::Triangular { min, mode, max } => sd::Triangular::new(min, max, mode).ok()?.inverse_cdf(p),
        })
    }

    fn sample_or_none(&self, rng: &mut dyn Rng) -> Option<f64> {
        Some(match *self {
            Self::Uniform { low, high } => rand_distr::Uniform::new(low, high).ok()?.sample(rng),
            Self::Beta { alpha, beta } => rand_distr::Beta::new(alpha, beta).ok()?.sample(rng),
            Self::LogNormal { mu, sigma } => rand_distr::LogNormal::new(mu, sigma).ok()?.sample(rng),
            Self::Gamma { shape, rate } => rand_distr::Gamma::new(shape, 1.0 / rate).ok()?.sample(rng),
            Self::Triangular { min, mode, max } => rand_distr::Triangular::new(min, max, mode).ok()?.sample(rng),
        })
    }
}

impl Prior for TestPrior {
    fn sample(&self, rng: &mut dyn Rng) -> f64 {
        self.sample_or_none(rng).unwrap_or(f64::NAN)
    }

    fn ln_pdf(&self, x: f64) -> f64 {
        let (low, high) = self.support();
        if !(x >= low && x <= high) {
            return f64::NEG_INFINITY;
        }
        self.ln_pdf_or_none(x).filter(|v| !v.is_nan()).unwrap_or(f64::NEG_INFINITY)
    }

    fn quantile(&self, p: f64) -> f64 {
        self.quantile_or_none(p.clamp(0.0, 1.0)).unwrap_or(f64::NAN)
    }

    fn support(&self) -> (f64, f64) {
        match *self {
            Self::Uniform { low, high } => (low, high),
            Self::Beta { .. } => (0.0, 1.0),
            Self::LogNormal { .. } | Self::Gamma { .. } => (0.0, f64::INFINITY),
            Self::Triangular { min, max, .. } => (min, max),
        }
    }

    fn mean(&self) -> f64 {
        match *self {
            Self::Uniform { low, high } => (low + high) / 2.0,
            Self::Beta { alpha, beta } => alpha / (alpha + beta),
            Self::LogNormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
            Self::Gamma { shape, rate } => shape / rate,
            Self::Triangular { min, mode, max } => (min + mode + max) / 3.0,
        }
    }
}
