//! How long customers and subscribers stay (churn: a rate, or per-customer sBG shapes) and
//! when they move to another tier or plan (upgrades with a monthly hazard).

use crate::distribution::Param;

/// How long customers stay.
#[derive(Debug, Clone)]
pub enum Churn {
    /// The same monthly churn probability for everyone (which may itself be uncertain).
    Constant(Param),
    /// Shifted-beta-geometric: each customer's own churn probability ~ Beta(α, β).
    ShiftedBetaGeometric { alpha: Param, beta: Param },
}

impl Churn {
    pub(super) fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        match self {
            Churn::Constant(p) => f(p),
            Churn::ShiftedBetaGeometric { alpha, beta } => {
                f(alpha);
                f(beta);
            }
        }
    }
}

/// A move to another tier or plan: "probability P within M months" is the constant monthly
/// hazard `1 - (1 - P)^(1/M)`.
#[derive(Debug, Clone)]
pub struct Upgrade {
    pub to: usize,
    pub probability: Param,
    pub within_months: f64,
}

impl Upgrade {
    /// Monthly hazard for a given cumulative probability.
    pub fn hazard(probability: f64, within_months: f64) -> f64 {
        1.0 - (1.0 - probability).powf(1.0 / within_months)
    }
}
