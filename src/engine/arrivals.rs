//! Poisson arrival counts by inversion of the CDF from one uniform draw per month, so that a
//! higher rate never gives fewer arrivals for the same draw (monotone coupling: variants
//! that differ in their arrival rate keep the same luck). Above [`INVERSION_LIMIT`] a month
//! a rejection sampler takes over: still exact in law and reproducible, but without the
//! monotone coupling.

use rand_distr::Distribution as _;

use super::rng::{Purpose, Streams};

/// Above this rate, inversion walks too far; a rejection sampler takes over.
pub const INVERSION_LIMIT: f64 = 400.0;

/// `(1 + rate)^(month − 1)`: the growth of an arrival rate by `month` (1-based).
///
/// Exactly 1 without growth, and then no `powi` call: the compiler would otherwise evaluate
/// it every month whichever branch is taken.
pub fn growth(rate: f64, month: usize) -> f64 {
    #[inline(never)]
    fn compound(rate: f64, month: usize) -> f64 {
        (1.0 + rate).powi(month as i32 - 1)
    }
    if rate == 0.0 { 1.0 } else { compound(rate, month) }
}

/// A Poisson(`rate`) draw from the stream (`purpose`, `index`).
pub fn poisson(rate: f64, streams: &Streams, purpose: Purpose, index: u64) -> u32 {
    Arrivals::default().draw(rate, streams, purpose, index)
}

/// A Poisson sampler that remembers `exp(-rate)` of the last rate: most scenarios draw
/// with the same rate every month, and the result is the same as [`poisson`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Arrivals {
    rate: f64,
    zero: f64,
}

impl Arrivals {
    /// A Poisson(`rate`) draw from the stream (`purpose`, `index`).
    pub fn draw(&mut self, rate: f64, streams: &Streams, purpose: Purpose, index: u64) -> u32 {
        if rate <= 0.0 || rate.is_nan() {
            return 0;
        }
        if rate > INVERSION_LIMIT {
            let mut rng = streams.rng(purpose, index);
            return rand_distr::Poisson::new(rate).map_or(rate.round() as u32, |p| p.sample(&mut rng) as u32);
        }
        if rate != self.rate {
            *self = Self { rate, zero: (-rate).exp() };
        }
        poisson_walk(rate, self.zero, streams.uniform(purpose, index))
    }
}

/// The smallest k with P(X ≤ k) > u for X ~ Poisson(rate).
pub fn poisson_inverse(rate: f64, u: f64) -> u32 {
    poisson_walk(rate, (-rate).exp(), u)
}

/// [`poisson_inverse`] given `zero` = P(X = 0) = exp(-rate).
fn poisson_walk(rate: f64, zero: f64, u: f64) -> u32 {
    let mut p = zero;
    let mut cdf = p;
    let mut k = 0u32;
    while u >= cdf && p > 0.0 {
        k += 1;
        p *= rate / f64::from(k);
        cdf += p;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inversion_matches_the_poisson_cdf() {
        // P(X = 0) = e^-2 = 0.1353, P(X ≤ 1) = 0.4060, P(X ≤ 2) = 0.6767
        assert_eq!(poisson_inverse(2.0, 0.0), 0);
        assert_eq!(poisson_inverse(2.0, 0.135), 0);
        assert_eq!(poisson_inverse(2.0, 0.136), 1);
        assert_eq!(poisson_inverse(2.0, 0.405), 1);
        assert_eq!(poisson_inverse(2.0, 0.407), 2);
        assert_eq!(poisson_inverse(2.0, 0.676), 2);
        assert_eq!(poisson_inverse(2.0, 0.677), 3);
    }

    #[test]
    fn higher_rate_never_gives_fewer_arrivals() {
        for i in 0..1000 {
            let u = (i as f64 + 0.5) / 1000.0;
            assert!(poisson_inverse(1.5, u) <= poisson_inverse(1.6, u));
        }
    }

    #[test]
    fn large_rates_have_the_right_mean() {
        let n = 20_000;
        let mean =
            (0..n).map(|i| poisson(1000.0, &Streams::new(3, i), Purpose::AffiliateSignups, 1) as f64).sum::<f64>()
                / n as f64;
        assert!((mean - 1000.0).abs() < 5.0 * (1000.0f64 / n as f64).sqrt(), "{mean}");
    }
}
