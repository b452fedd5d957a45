//! The range of a lever and the grid of values the search may try in it ([`Range`]), and
//! the search's thresholds as counts of trajectories ([`Thresholds`]): the probability
//! asked for and the two ends of its 95% margin, q ± 1.96·√(q(1 − q)/n).

/// z of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The range of a lever.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: f64,
    pub high: f64,
    /// Whole numbers only.
    pub integer: bool,
}

impl Range {
    /// The resolution of the values tried: 1 for integers, else 10⁻⁴ of the range's order
    /// of magnitude, so values read as short decimals.
    pub fn grid_exponent(&self) -> i32 {
        if self.integer { 0 } else { (self.high - self.low).log10().floor() as i32 - 4 }
    }

    /// `x` on the grid.
    pub fn snap(&self, x: f64) -> f64 {
        let e = self.grid_exponent();
        let snapped = if e >= 0 {
            let g = 10f64.powi(e);
            (x / g).round() * g
        } else {
            let inverse = 10f64.powi(-e);
            (x * inverse).round() / inverse
        };
        snapped.clamp(self.low, self.high)
    }
}

/// The search's thresholds, as counts of trajectories out of `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub n: usize,
    /// Count ≥ this ⟺ P̂ ≥ q.
    pub asked: usize,
    /// Count ≥ this ⟺ P̂ ≥ q − margin.
    pub lower: usize,
    /// Count ≥ this ⟺ P̂ > q + margin.
    pub upper: usize,
    /// A threshold is located when the evaluated value on the side wanted is at most
    /// this many trajectories from it: a quarter of the margin.
    pub tolerance: usize,
}

impl Thresholds {
    pub fn new(n: usize, probability: f64) -> Self {
        let margin = Z95 * (probability * (1.0 - probability) / n as f64).sqrt();
        let count = |p: f64| (p * n as f64 - 1e-9).ceil().max(0.0) as usize;
        Self {
            n,
            asked: count(probability),
            lower: count(probability - margin),
            upper: (((probability + margin) * n as f64 + 1e-9).floor() as usize).saturating_add(1),
            tolerance: ((0.25 * margin * n as f64).floor() as usize).max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_counts_of_the_interval() {
        let t = Thresholds::new(10_000, 0.8);
        // margin = 1.96 · 0.004 = 0.00784: counts 7922 and 8079.
        assert_eq!((t.asked, t.lower, t.upper, t.tolerance), (8000, 7922, 8079, 19));
        let edge = Thresholds::new(10, 0.5);
        assert_eq!((edge.lower, edge.upper), (2, 9));
    }
}
