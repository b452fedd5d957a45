//! A proportion with its binomial standard error (target probabilities, shares).

/// A proportion `successes / n` with its standard error √(p(1-p)/n).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Proportion {
    pub probability: f64,
    pub std_error: f64,
}

impl Proportion {
    /// `None` when `n` is zero.
    pub fn new(successes: usize, n: usize) -> Option<Self> {
        (n > 0).then(|| {
            let p = successes as f64 / n as f64;
            Self { probability: p, std_error: (p * (1.0 - p) / n as f64).sqrt() }
        })
    }
}
