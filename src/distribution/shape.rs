//! The distribution forms a user can give for an uncertain parameter (beta, uniform,
//! normal, lognormal from a median and a 90% interval, triangular): validated
//! constructors, sampling with `rand_distr`, quantiles and tail masses with `statrs`.

use rand::Rng;
use rand_distr::Distribution as _;
use statrs::distribution::ContinuousCDF;
use std::sync::Arc;

use thiserror::Error;

use super::{Z90, standard_normal, standard_normal_quantile, unit};

/// Widest lognormal accepted: σ = 5, a 90% interval spanning a factor of e^(2·1.645·5) ≈ 1.4e7.
pub const MAX_LOG_SIGMA: f64 = 5.0;

/// A continuous distribution a user can give for a parameter. Built only through the
/// validated constructors, so its numbers always describe a distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution(Form);

/// A parametric form, or the values of a column of parameter sets.
#[derive(Debug, Clone, PartialEq)]
enum Form {
    Parametric(Shape),
    /// Sorted values, each equally likely (a column of parameter sets, docs/model.md §12).
    Empirical(Arc<[f64]>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Beta { alpha: f64, beta: f64 },
    Uniform { low: f64, high: f64 },
    Normal { mean: f64, sd: f64 },
    LogNormal { mu: f64, sigma: f64 },
    Triangular { min: f64, mode: f64, max: f64 },
}

/// Why a distribution's numbers do not describe a distribution.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DistributionError {
    #[error("both shape parameters must be positive (got {alpha}, {beta})")]
    BetaShape { alpha: f64, beta: f64 },
    #[error("the lower bound must be below the upper bound (got [{low}, {high}])")]
    Interval { low: f64, high: f64 },
    #[error("the standard deviation must be positive (got {0})")]
    Spread(f64),
    #[error("values must be positive for a lognormal (got {0})")]
    NotPositive(f64),
    #[error("need min ≤ mode ≤ max with min < max (got [{min}, {mode}, {max}])")]
    Triangular { min: f64, mode: f64, max: f64 },
    #[error("numbers must be finite")]
    NotFinite,
    #[error("the distribution is too wide to draw from: {0}")]
    TooWide(&'static str),
    #[error("there are no values")]
    Empty,
}

impl Distribution {
    /// Beta(α, β), the natural form for a rate.
    ///
    /// # Errors
    /// When either shape is not a positive finite number.
    pub fn beta(alpha: f64, beta: f64) -> Result<Self, DistributionError> {
        finite(&[alpha, beta])?;
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(DistributionError::BetaShape { alpha, beta });
        }
        Ok(Self(Form::Parametric(Shape::Beta { alpha, beta })))
    }

    /// Uniform on `[low, high]`.
    ///
    /// # Errors
    /// When `low >= high` or either bound is not finite.
    pub fn uniform(low: f64, high: f64) -> Result<Self, DistributionError> {
        finite(&[low, high])?;
        if low >= high {
            return Err(DistributionError::Interval { low, high });
        }
        if !(high - low).is_finite() {
            return Err(DistributionError::TooWide("high - low overflows"));
        }
        Ok(Self(Form::Parametric(Shape::Uniform { low, high })))
    }

    /// Normal with the given mean and standard deviation.
    ///
    /// # Errors
    /// When `sd <= 0` or a number is not finite.
    pub fn normal(mean: f64, sd: f64) -> Result<Self, DistributionError> {
        finite(&[mean, sd])?;
        if sd <= 0.0 {
            return Err(DistributionError::Spread(sd));
        }
        if !(mean.abs() + 40.0 * sd).is_finite() {
            return Err(DistributionError::TooWide("mean ± 40 sd overflows"));
        }
        Ok(Self(Form::Parametric(Shape::Normal { mean, sd })))
    }

    /// Lognormal from a median and a 90% interval (docs/model.md §3.3): σ = ln(hi/lo) / (2 ×
    /// 1.6449); the median sets the centre. Without a median, m = √(lo·hi).
    ///
    /// # Errors
    /// When a value is not positive or the interval is upside down.
    pub fn lognormal_ci90(median: Option<f64>, low: f64, high: f64) -> Result<Self, DistributionError> {
        finite(&[low, high, median.unwrap_or(1.0)])?;
        for v in [low, high, median.unwrap_or(1.0)] {
            if v <= 0.0 {
                return Err(DistributionError::NotPositive(v));
            }
        }
        if low >= high {
            return Err(DistributionError::Interval { low, high });
        }
        let median = median.unwrap_or_else(|| (low * high).sqrt());
        let sigma = (high / low).ln() / (2.0 * Z90);
        if sigma.is_nan() || sigma > MAX_LOG_SIGMA {
            return Err(DistributionError::TooWide("the 90% interval spans more than a factor of 10,000,000"));
        }
        Ok(Self(Form::Parametric(Shape::LogNormal { mu: median.ln(), sigma })))
    }

    /// Triangular on `[min, max]` with the given mode.
    ///
    /// # Errors
    /// When the mode is outside the range or the range is empty.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Self, DistributionError> {
        finite(&[min, mode, max])?;
        if !(min <= mode && mode <= max && min < max) {
            return Err(DistributionError::Triangular { min, mode, max });
        }
        if !(max - min).is_finite() {
            return Err(DistributionError::TooWide("max - min overflows"));
        }
        Ok(Self(Form::Parametric(Shape::Triangular { min, mode, max })))
    }

    /// The values of a column of parameter sets, each equally likely.
    ///
    /// # Errors
    /// When there are no values or one is not finite.
    pub fn empirical(values: &[f64]) -> Result<Self, DistributionError> {
        finite(values)?;
        if values.is_empty() {
            return Err(DistributionError::Empty);
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Ok(Self(Form::Empirical(sorted.into())))
    }

    /// The median and σ of a lognormal (`None` for other forms).
    pub fn lognormal_median_sigma(&self) -> Option<(f64, f64)> {
        let Form::Parametric(shape) = &self.0 else { return None };
        match *shape {
            Shape::LogNormal { mu, sigma } => Some((mu.exp(), sigma)),
            _ => None,
        }
    }

    /// One draw.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        // Every constructor validated the numbers, so the rand_distr constructors succeed;
        // the fallbacks below only keep this function total.
        let shape = match &self.0 {
            Form::Parametric(shape) => *shape,
            Form::Empirical(values) => {
                let i = ((unit(rng) * values.len() as f64) as usize).min(values.len().saturating_sub(1));
                return values.get(i).copied().unwrap_or(0.0);
            }
        };
        match shape {
            Shape::Beta { alpha, beta } => {
                rand_distr::Beta::new(alpha, beta).map_or(alpha / (alpha + beta), |d| d.sample(rng))
            }
            Shape::Uniform { low, high } => low + (high - low) * unit(rng),
            Shape::Normal { mean, sd } => mean + sd * standard_normal(rng),
            Shape::LogNormal { mu, sigma } => (mu + sigma * standard_normal(rng)).exp(),
            Shape::Triangular { min, mode, max } => {
                rand_distr::Triangular::new(min, max, mode).map_or(mode, |d| d.sample(rng))
            }
        }
    }

    /// The value below which a fraction `p` of draws falls.
    pub fn quantile(&self, p: f64) -> f64 {
        let p = p.clamp(0.0, 1.0);
        let shape = match &self.0 {
            Form::Parametric(shape) => *shape,
            Form::Empirical(values) => {
                // Type 1: the smallest value with at least a fraction p at or below it.
                let rank = ((p * values.len() as f64).ceil() as usize).max(1);
                return values.get(rank.min(values.len()) - 1).copied().unwrap_or(0.0);
            }
        };
        match shape {
            Shape::Beta { alpha, beta } => {
                statrs::distribution::Beta::new(alpha, beta).map_or(alpha / (alpha + beta), |d| d.inverse_cdf(p))
            }
            Shape::Uniform { low, high } => low + (high - low) * p,
            Shape::Normal { mean, sd } => mean + sd * standard_normal_quantile(p),
            Shape::LogNormal { mu, sigma } => (mu + sigma * standard_normal_quantile(p)).exp(),
            Shape::Triangular { min, mode, max } => {
                statrs::distribution::Triangular::new(min, max, mode).map_or(mode, |d| d.inverse_cdf(p))
            }
        }
    }

    /// Probability that a draw falls below `low` or above `high`.
    pub fn mass_outside(&self, low: f64, high: f64) -> f64 {
        let (lo, hi) = self.support();
        if lo >= low && hi <= high {
            return 0.0;
        }
        self.cdf(low) + (1.0 - self.cdf(high))
    }

    /// The smallest and largest values a draw can take.
    pub fn support(&self) -> (f64, f64) {
        let shape = match &self.0 {
            Form::Parametric(shape) => *shape,
            Form::Empirical(values) => {
                return (values.first().copied().unwrap_or(0.0), values.last().copied().unwrap_or(0.0));
            }
        };
        match shape {
            Shape::Beta { .. } => (0.0, 1.0),
            Shape::Uniform { low, high } => (low, high),
            Shape::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Shape::LogNormal { .. } => (0.0, f64::INFINITY),
            Shape::Triangular { min, max, .. } => (min, max),
        }
    }

    /// The mean of the distribution.
    pub fn mean(&self) -> f64 {
        let shape = match &self.0 {
            Form::Parametric(shape) => *shape,
            Form::Empirical(values) => return values.iter().sum::<f64>() / values.len().max(1) as f64,
        };
        match shape {
            Shape::Beta { alpha, beta } => alpha / (alpha + beta),
            Shape::Uniform { low, high } => (low + high) / 2.0,
            Shape::Normal { mean, .. } => mean,
            Shape::LogNormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
            Shape::Triangular { min, mode, max } => (min + mode + max) / 3.0,
        }
    }

    /// The natural log of the density at `x` (−∞ outside the support); `None` for the
    /// values of parameter sets, which have no density.
    pub fn ln_pdf(&self, x: f64) -> Option<f64> {
        use statrs::distribution::{self as sd, Continuous};
        let Form::Parametric(shape) = &self.0 else { return None };
        let (lo, hi) = self.support();
        if !(lo..=hi).contains(&x) {
            return Some(f64::NEG_INFINITY);
        }
        let density = match *shape {
            Shape::Beta { alpha, beta } => sd::Beta::new(alpha, beta).ok().map(|d| d.ln_pdf(x)),
            Shape::Uniform { low, high } => Some(-(high - low).ln()),
            Shape::Normal { mean, sd } => sd::Normal::new(mean, sd).ok().map(|d| d.ln_pdf(x)),
            Shape::LogNormal { .. } if x <= 0.0 => Some(f64::NEG_INFINITY),
            Shape::LogNormal { mu, sigma } => sd::LogNormal::new(mu, sigma).ok().map(|d| d.ln_pdf(x)),
            Shape::Triangular { min, mode, max } => sd::Triangular::new(min, max, mode).ok().map(|d| d.ln_pdf(x)),
        };
        Some(density.unwrap_or(f64::NEG_INFINITY))
    }

    fn cdf(&self, x: f64) -> f64 {
        use statrs::distribution as sd;
        let shape = match &self.0 {
            Form::Parametric(shape) => *shape,
            Form::Empirical(values) => {
                return values.iter().filter(|v| **v <= x).count() as f64 / values.len().max(1) as f64;
            }
        };
        match shape {
            Shape::Beta { alpha, beta } => sd::Beta::new(alpha, beta).map_or(0.0, |d| d.cdf(x.clamp(0.0, 1.0))),
            Shape::Uniform { low, high } => ((x - low) / (high - low)).clamp(0.0, 1.0),
            Shape::Normal { mean, sd } => sd::Normal::new(mean, sd).map_or(0.0, |d| d.cdf(x)),
            Shape::LogNormal { mu, sigma } if x > 0.0 => sd::LogNormal::new(mu, sigma).map_or(0.0, |d| d.cdf(x)),
            Shape::LogNormal { .. } => 0.0,
            Shape::Triangular { min, mode, max } => sd::Triangular::new(min, max, mode).map_or(0.0, |d| d.cdf(x)),
        }
    }
}

impl std::fmt::Display for Distribution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shape = match &self.0 {
            Form::Parametric(shape) => *shape,
            Form::Empirical(values) => return write!(f, "the parameter sets' {} values", values.len()),
        };
        match shape {
            Shape::Beta { alpha, beta } => write!(f, "beta({}, {})", short(alpha), short(beta)),
            Shape::Uniform { low, high } => write!(f, "uniform({}, {})", short(low), short(high)),
            Shape::Normal { mean, sd } => write!(f, "normal(mean {}, sd {})", short(mean), short(sd)),
            Shape::LogNormal { mu, sigma } => {
                let (lo, hi) = ((mu - Z90 * sigma).exp(), (mu + Z90 * sigma).exp());
                write!(f, "lognormal(median {:.4}, 90% in [{lo:.4}, {hi:.4}])", mu.exp())
            }
            Shape::Triangular { min, mode, max } => {
                write!(f, "triangular({}, {}, {})", short(min), short(mode), short(max))
            }
        }
    }
}

/// A number for a message, never hundreds of digits: `0.1`, `1e+300`.
fn short(v: f64) -> String {
    if v != 0.0 && !(1e-6..1e15).contains(&v.abs()) { format!("{v:e}") } else { format!("{v}") }
}

fn finite(values: &[f64]) -> Result<(), DistributionError> {
    if values.iter().all(|v| v.is_finite()) { Ok(()) } else { Err(DistributionError::NotFinite) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn densities_integrate_to_one_and_match_the_quantiles() {
        let forms = [
            Distribution::beta(2.0, 18.0),
            Distribution::uniform(0.5, 2.0),
            Distribution::normal(1.0, 0.3),
            Distribution::lognormal_ci90(None, 1.0, 4.0),
            Distribution::triangular(0.5, 1.0, 2.0),
        ];
        for d in forms.into_iter().map(Result::unwrap) {
            // The density between the 1% and 99% quantiles holds 98% of the mass (midpoint rule).
            let (a, b) = (d.quantile(0.01), d.quantile(0.99));
            let n = 20_000;
            let h = (b - a) / f64::from(n);
            let mass: f64 = (0..n).map(|i| d.ln_pdf(a + h * (f64::from(i) + 0.5)).unwrap().exp() * h).sum();
            assert!((mass - 0.98).abs() < 1e-4, "{d}: {mass}");
            let (lo, _) = d.support();
            if lo.is_finite() {
                assert_eq!(d.ln_pdf(lo - 1.0), Some(f64::NEG_INFINITY), "{d}");
            }
        }
        assert_eq!(Distribution::empirical(&[1.0, 2.0]).unwrap().ln_pdf(1.0), None);
    }

    #[test]
    fn constructors_reject_bad_numbers() {
        let bad = [
            Distribution::beta(0.0, 1.0),
            Distribution::beta(1.0, -2.0),
            Distribution::uniform(2.0, 1.0),
            Distribution::normal(0.1, 0.0),
            Distribution::lognormal_ci90(None, 0.0, 1.0),
            Distribution::lognormal_ci90(Some(5.0), 3.0, 2.0),
            Distribution::triangular(0.0, 2.0, 1.0),
            Distribution::triangular(1.0, 1.0, 1.0),
            Distribution::normal(f64::NAN, 1.0),
        ];
        for result in bad {
            assert!(result.is_err(), "{result:?} should be rejected");
        }
    }

    #[test]
    fn lognormal_from_interval_follows_model_definition() {
        let d = Distribution::lognormal_ci90(Some(120.0), 60.0, 300.0).unwrap();
        let (median, sigma) = d.lognormal_median_sigma().unwrap();
        assert!((median - 120.0).abs() < 1e-9);
        assert!((sigma - (5f64).ln() / (2.0 * 1.6449)).abs() < 1e-4);
        let alone = Distribution::lognormal_ci90(None, 0.05, 0.15).unwrap();
        assert!((alone.quantile(0.5) - (0.05f64 * 0.15).sqrt()).abs() < 1e-12);
        assert!((alone.quantile(0.05) - 0.05).abs() < 1e-9);
        assert!((alone.quantile(0.95) - 0.15).abs() < 1e-9);
    }

    #[test]
    fn sample_means_match_distribution_means() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let cases = [
            Distribution::beta(2.0, 18.0).unwrap(),
            Distribution::uniform(0.05, 0.15).unwrap(),
            Distribution::normal(3.0, 0.5).unwrap(),
            Distribution::lognormal_ci90(None, 0.5, 2.0).unwrap(),
            Distribution::triangular(0.0, 0.2, 1.0).unwrap(),
        ];
        for d in cases {
            let n = 200_000;
            let draws: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
            let mean = draws.iter().sum::<f64>() / n as f64;
            let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            let se = (var / n as f64).sqrt();
            assert!((mean - d.mean()).abs() < 5.0 * se, "{d}: sample mean {mean} vs {}", d.mean());
            let median = d.quantile(0.5);
            let below = draws.iter().filter(|&&x| x <= median).count() as f64 / n as f64;
            assert!((below - 0.5).abs() < 0.005, "{d}: {below} of draws below the median");
        }
    }

    #[test]
    fn tail_mass_outside_a_range() {
        let normal = Distribution::normal(0.1, 0.05).unwrap();
        assert!((normal.mass_outside(0.0, 1.0) - 0.022_750_13).abs() < 1e-6);
        assert_eq!(Distribution::beta(2.0, 5.0).unwrap().mass_outside(0.0, 1.0), 0.0);
        assert_eq!(Distribution::uniform(0.2, 0.4).unwrap().mass_outside(0.0, 1.0), 0.0);
        assert!(Distribution::uniform(-0.1, 0.4).unwrap().mass_outside(0.0, 1.0) > 0.19);
    }
}
