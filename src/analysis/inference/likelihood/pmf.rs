//! The probability mass functions the exact likelihoods are made of, on the log scale:
//! Poisson arrivals and binomial churn (docs/model.md §2.4). Log-factorials come from a table
//! for the counts a small business has and from `ln Γ` beyond it. Degenerate parameters are
//! exact, not approximated: a rate of 0 puts all its mass on 0, a probability of 0 or 1 on
//! one end; anything outside the parameter's range has no mass at all.

use std::sync::OnceLock;

use statrs::function::gamma::ln_gamma;

/// Counts up to this have their log-factorial in a table.
const TABLE: usize = 4096;

fn table() -> &'static [f64] {
    static TABLE_VALUES: OnceLock<Vec<f64>> = OnceLock::new();
    TABLE_VALUES.get_or_init(|| {
        let mut values = Vec::with_capacity(TABLE + 1);
        let mut sum = 0.0;
        values.push(0.0);
        for k in 1..=TABLE {
            sum += (k as f64).ln();
            values.push(sum);
        }
        values
    })
}

/// `ln k!`.
pub fn ln_factorial(k: u64) -> f64 {
    usize::try_from(k).ok().and_then(|k| table().get(k)).copied().unwrap_or_else(|| ln_gamma(k as f64 + 1.0))
}

/// `ln P(X = k)` for X ~ Poisson(`rate`); −∞ where there is no mass or the rate is not a
/// rate.
pub fn ln_poisson(k: u64, rate: f64) -> f64 {
    if rate > 0.0 && rate.is_finite() {
        k as f64 * rate.ln() - rate - ln_factorial(k)
    } else if rate == 0.0 && k == 0 {
        0.0
    } else {
        f64::NEG_INFINITY
    }
}

/// `ln P(X = k)` for X ~ Binomial(`n`, `p`); −∞ where there is no mass or `p` is not a
/// probability.
pub fn ln_binomial(k: u64, n: u64, p: f64) -> f64 {
    if k > n || !(0.0..=1.0).contains(&p) {
        return f64::NEG_INFINITY;
    }
    let choose = ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k);
    choose + power(k, p) + power(n - k, 1.0 - p)
}

/// `count · ln q` with `0 · ln 0 = 0`.
fn power(count: u64, q: f64) -> f64 {
    if count == 0 { 0.0 } else { count as f64 * q.ln() }
}

/// The smallest count above which Poisson(`rate`) has less than about 1e-20 of its mass:
/// where the arrivals of a month can be cut off without changing a likelihood.
pub fn poisson_ceiling(rate: f64) -> u64 {
    if rate > 0.0 && rate.is_finite() { (rate + 12.0 * rate.sqrt() + 25.0).ceil() as u64 } else { 0 }
}

/// `ln Σ exp(terms)`, −∞ for no term with mass.
pub fn ln_sum_exp(terms: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = terms.clone().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + terms.map(|t| (t - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factorials_match_the_gamma_function_on_both_sides_of_the_table() {
        for k in [0, 1, 2, 10, 170, 4095, 4096, 4097, 100_000] {
            let exact = ln_gamma(k as f64 + 1.0);
            assert!((ln_factorial(k) - exact).abs() < 1e-9 * exact.abs().max(1.0), "{k}");
        }
    }

    #[test]
    fn the_mass_functions_sum_to_one_and_handle_the_edges() {
        let poisson: f64 = (0..=poisson_ceiling(7.5)).map(|k| ln_poisson(k, 7.5).exp()).sum();
        assert!((poisson - 1.0).abs() < 1e-14, "{poisson}");
        let binomial: f64 = (0..=30).map(|k| ln_binomial(k, 30, 0.13).exp()).sum();
        assert!((binomial - 1.0).abs() < 1e-14, "{binomial}");
        assert_eq!(ln_poisson(0, 0.0), 0.0);
        assert_eq!(ln_poisson(1, 0.0), f64::NEG_INFINITY);
        assert_eq!(ln_poisson(1, -1.0), f64::NEG_INFINITY);
        assert_eq!(ln_binomial(0, 5, 0.0), 0.0);
        assert_eq!(ln_binomial(5, 5, 1.0), 0.0);
        assert_eq!(ln_binomial(4, 5, 1.0), f64::NEG_INFINITY);
        assert_eq!(ln_binomial(6, 5, 0.5), f64::NEG_INFINITY);
        assert_eq!(ln_binomial(1, 5, f64::NAN), f64::NEG_INFINITY);
        // 3 of 10 at 20%: C(10, 3) 0.2³ 0.8⁷ = 0.201326592.
        assert!((ln_binomial(3, 10, 0.2).exp() - 0.201_326_592).abs() < 1e-12);
        assert!((ln_sum_exp([0.0f64.ln(), 1.0f64.ln(), 2.0f64.ln()].into_iter()) - 3.0f64.ln()).abs() < 1e-15);
        assert_eq!(ln_sum_exp([f64::NEG_INFINITY].into_iter()), f64::NEG_INFINITY);
    }

    #[test]
    fn the_ceiling_leaves_no_mass_worth_counting() {
        for rate in [0.01, 0.5, 3.0, 40.0, 900.0] {
            let k = poisson_ceiling(rate);
            let tail: f64 = (k..k + 200).map(|j| ln_poisson(j, rate).exp()).sum();
            assert!(tail < 1e-18, "rate {rate}: tail {tail} above {k}");
        }
    }
}
