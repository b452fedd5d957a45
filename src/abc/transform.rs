//! Maps between a parameter's support and the whole real line, where the perturbation
//! kernel works: logit for an interval, log for a half-line, identity for the line.
//!
//! A Gaussian step in the unconstrained coordinate `η` can never leave the support, and the
//! importance weights use the prior density of `η` (the prior density of `x(η)` times the
//! Jacobian `|dx/dη|`), so the posterior is the same whichever coordinate the kernel uses.

/// The map for one parameter, chosen from its support.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Transform {
    /// `x = η` on the whole line.
    Identity,
    /// `x = low + exp(η)` on `(low, ∞)`.
    Lower { low: f64 },
    /// `x = high − exp(η)` on `(−∞, high)`.
    Upper { high: f64 },
    /// `x = low + width · σ(η)` on `(low, low + width)`, σ the logistic function.
    Interval { low: f64, width: f64 },
}

impl Transform {
    /// The map for the support `(low, high)`; `None` unless `low < high`.
    pub(crate) fn for_support(low: f64, high: f64) -> Option<Self> {
        match (low.is_finite(), high.is_finite()) {
            _ if low.is_nan() || high.is_nan() || low >= high => None,
            (true, true) => Some(Self::Interval { low, width: high - low }),
            (true, false) => Some(Self::Lower { low }),
            (false, true) => Some(Self::Upper { high }),
            (false, false) => Some(Self::Identity),
        }
    }

    /// `η` for a value `x` (infinite on the support's boundary, NaN outside it).
    pub(crate) fn unconstrained(&self, x: f64) -> f64 {
        match *self {
            Self::Identity => x,
            Self::Lower { low } => (x - low).ln(),
            Self::Upper { high } => (high - x).ln(),
            Self::Interval { low, width } => {
                let u = (x - low) / width;
                (u / (1.0 - u)).ln()
            }
        }
    }

    /// The value `x` for an unconstrained `η`.
    pub(crate) fn constrained(&self, eta: f64) -> f64 {
        match *self {
            Self::Identity => eta,
            Self::Lower { low } => low + eta.exp(),
            Self::Upper { high } => high - eta.exp(),
            Self::Interval { low, width } => low + width / (1.0 + (-eta).exp()),
        }
    }

    /// `ln |dx/dη|` at `η`.
    pub(crate) fn ln_jacobian(&self, eta: f64) -> f64 {
        match *self {
            Self::Identity => 0.0,
            Self::Lower { .. } | Self::Upper { .. } => eta,
            // σ'(η) = σ(η) σ(−η); ln σ(η) = −softplus(−η).
            Self::Interval { width, .. } => width.ln() - softplus(-eta) - softplus(eta),
        }
    }
}

/// `ln(1 + eˣ)` without overflow.
fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> [Transform; 4] {
        [
            Transform::Identity,
            Transform::Lower { low: 2.0 },
            Transform::Upper { high: -1.0 },
            Transform::Interval { low: 0.0, width: 1.0 },
        ]
    }

    #[test]
    fn supports_choose_their_map() {
        assert_eq!(Transform::for_support(0.0, 1.0), Some(Transform::Interval { low: 0.0, width: 1.0 }));
        assert_eq!(Transform::for_support(0.0, f64::INFINITY), Some(Transform::Lower { low: 0.0 }));
        assert_eq!(Transform::for_support(f64::NEG_INFINITY, 3.0), Some(Transform::Upper { high: 3.0 }));
        assert_eq!(Transform::for_support(f64::NEG_INFINITY, f64::INFINITY), Some(Transform::Identity));
        for (low, high) in [(1.0, 1.0), (2.0, 1.0), (f64::NAN, 1.0), (0.0, f64::NAN)] {
            assert_eq!(Transform::for_support(low, high), None);
        }
    }

    #[test]
    fn maps_round_trip_and_stay_inside() {
        for t in all() {
            for eta in [-30.0, -3.0, -0.5, 0.0, 0.7, 4.0, 30.0] {
                let x = t.constrained(eta);
                assert!(x.is_finite());
                if eta.abs() < 10.0 {
                    assert!((t.unconstrained(x) - eta).abs() < 1e-9, "{t:?} {eta}");
                }
            }
        }
        let unit = Transform::Interval { low: 0.0, width: 1.0 };
        assert!((0.0..=1.0).contains(&unit.constrained(800.0)));
        assert!((0.0..=1.0).contains(&unit.constrained(-800.0)));
    }

    #[test]
    fn jacobian_is_the_derivative() {
        for t in all() {
            for eta in [-4.0, -0.3, 0.0, 1.1, 5.0] {
                let h = 1e-6;
                let numeric = (t.constrained(eta + h) - t.constrained(eta - h)).abs() / (2.0 * h);
                assert!((t.ln_jacobian(eta) - numeric.ln()).abs() < 1e-6, "{t:?} {eta}");
            }
        }
        assert!(Transform::Interval { low: 0.0, width: 1.0 }.ln_jacobian(800.0).is_finite());
    }
}
