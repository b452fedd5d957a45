//! Scenario parameters that are either a fixed number or a distribution drawn once per
//! trajectory (the parameter-uncertainty layer, docs/model.md §6): the distribution forms
//! ([`shape`]), parameters with their valid range ([`param`]), and the few draws the engine
//! makes directly (uniforms, standard normals, a portable `exp`).
//!
//! Neither a [`Distribution`] nor a [`Param`] can hold invalid numbers: their fields are
//! private and their constructors return errors. A leaf: nothing else in the crate is used.

mod exp;
pub mod param;
pub mod shape;

pub use exp::{exp, exp_in_place};
pub use param::{Param, ParamError, ParamView};
pub use shape::{Distribution, DistributionError};

use rand::Rng;
use rand_distr::Distribution as _;

/// z-score of the 95th percentile of the standard normal: a 90% interval spans ±1.6449 σ.
pub const Z90: f64 = 1.644_853_626_951_472_2;

/// A standard normal draw.
pub fn standard_normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    let z: f64 = rand_distr::StandardNormal.sample(rng);
    z
}

/// A uniform draw in [0, 1) with 53 random bits.
pub fn unit<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The standard normal CDF Φ (statrs' erfc, exact to ~1e-15).
pub fn standard_normal_cdf(z: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-z / std::f64::consts::SQRT_2)
}

/// Inverse of the standard normal CDF (statrs' erf-based inverse, exact to ~1e-15).
pub fn standard_normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * statrs::function::erf::erfc_inv(2.0 * p)
}
