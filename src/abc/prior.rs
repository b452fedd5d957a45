//! The prior interface calibration needs from a parameter's distribution, and the
//! parameters to calibrate (a key and its prior).
//!
//! The crate's distributions implement [`Prior`] where calibration is wired to the engine;
//! this module knows nothing about them. A prior is checked once, up front
//! ([`check_prior`]): its support must be an interval and its quantiles and mean finite, so
//! that every number calibration reports about it is a number.

use super::error::CalibrationError;
use rand::Rng;

/// What calibration needs to know about an uncertain parameter's prior distribution.
pub trait Prior: Sync {
    /// One draw, from the caller's generator.
    fn sample(&self, rng: &mut dyn Rng) -> f64;
    /// The natural log of the density at `x`: `f64::NEG_INFINITY` outside the support.
    fn ln_pdf(&self, x: f64) -> f64;
    /// The value below which a fraction `p` (in [0, 1]) of draws falls.
    fn quantile(&self, p: f64) -> f64;
    /// The smallest and largest values a draw can take (infinite when unbounded).
    fn support(&self) -> (f64, f64);
    /// The mean.
    fn mean(&self) -> f64;
}

impl<T: Prior + ?Sized> Prior for &T {
    fn sample(&self, rng: &mut dyn Rng) -> f64 {
        (**self).sample(rng)
    }
    fn ln_pdf(&self, x: f64) -> f64 {
        (**self).ln_pdf(x)
    }
    fn quantile(&self, p: f64) -> f64 {
        (**self).quantile(p)
    }
    fn support(&self) -> (f64, f64) {
        (**self).support()
    }
    fn mean(&self) -> f64 {
        (**self).mean()
    }
}

/// One uncertain parameter: its key (e.g. `reseller.churn`) and its prior.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter<P> {
    pub key: String,
    pub prior: P,
}

impl<P: Prior> Parameter<P> {
    pub fn new(key: impl Into<String>, prior: P) -> Self {
        Self { key: key.into(), prior }
    }
}

/// Checks that a prior describes a proper distribution calibration can report on.
///
/// # Errors
/// [`CalibrationError::Prior`] when the support is not an interval (`low < high`, not NaN)
/// or the 5th, 50th, 95th percentiles or the mean are not finite.
pub(crate) fn check_prior<P: Prior>(parameter: &Parameter<P>) -> Result<(), CalibrationError> {
    let prior = &parameter.prior;
    let fail = |rule: &str| Err(CalibrationError::Prior { key: parameter.key.clone(), rule: rule.to_string() });
    let (low, high) = prior.support();
    if low.is_nan() || high.is_nan() || low >= high {
        return fail("its support must be an interval with low < high");
    }
    let numbers = [prior.quantile(0.05), prior.quantile(0.5), prior.quantile(0.95), prior.mean()];
    if numbers.iter().any(|x| !x.is_finite()) {
        return fail("its 5th, 50th and 95th percentiles and its mean must be finite");
    }
    Ok(())
}
