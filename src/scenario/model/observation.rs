//! How exactly each column of the user's history was recorded (docs/model.md §16), which
//! `calibrate` needs to weigh it: counts and flows of customers and subscribers are exact;
//! money is exact to the cent and hours are a rough record (lognormal error, σ = 0.3)
//! unless `[calibration] noise` says otherwise.
//!
//! A noise level σ is the spread of the record around the truth: the recorded value is the
//! true one times `exp(σ·Z)` (Z standard normal), so σ = 0.3 is "within about ±30%". Gross
//! profit may be negative, so its record is the true value plus `σ·|true value|·Z`.

/// The history columns that take a noise level, in the order the schema lists them.
pub const NOISY_COLUMNS: [&str; 7] =
    ["revenue", "cogs", "gross_profit", "hours", "commission", "commission_paid", "payout_fees"];
/// The history columns that are always exact records.
pub const EXACT_COLUMNS: [&str; 7] =
    ["customers", "new_customers", "churned", "reactivated", "subscribers", "new_subscribers", "cancelled"];
/// The noise of hours when the scenario does not say: people log their hours roughly.
pub const DEFAULT_HOURS_NOISE: f64 = 0.3;
/// The largest noise level accepted (a record within a factor of about 20 of the truth).
pub use crate::scenario::keys::MAX_NOISE;

/// The noise level of each history column that can have one (0: exact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordNoise {
    levels: [f64; NOISY_COLUMNS.len()],
}

impl Default for RecordNoise {
    fn default() -> Self {
        let mut levels = [0.0; NOISY_COLUMNS.len()];
        levels[3] = DEFAULT_HOURS_NOISE;
        Self { levels }
    }
}

impl RecordNoise {
    /// The noise level of the history column named `column`: `None` for a column that is
    /// always exact or unknown.
    pub fn of(&self, column: &str) -> Option<f64> {
        NOISY_COLUMNS.iter().position(|c| *c == column).map(|i| self.levels[i])
    }

    /// Sets the level of `column`; `false` (and nothing set) for a column that cannot have
    /// one or a level outside [0, [`MAX_NOISE`]].
    pub fn set(&mut self, column: &str, level: f64) -> bool {
        match NOISY_COLUMNS.iter().position(|c| *c == column) {
            Some(i) if (0.0..=MAX_NOISE).contains(&level) => {
                self.levels[i] = level;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_rough_and_money_exact_unless_said() {
        let mut noise = RecordNoise::default();
        assert_eq!(noise.of("hours"), Some(0.3));
        assert_eq!(noise.of("revenue"), Some(0.0));
        assert_eq!(noise.of("customers"), None);
        assert!(noise.set("revenue", 0.05));
        assert_eq!(noise.of("revenue"), Some(0.05));
        assert!(!noise.set("customers", 0.1));
        assert!(!noise.set("hours", -0.1));
        assert!(!noise.set("hours", f64::NAN));
        assert_eq!(noise.of("hours"), Some(0.3));
        // Every money column takes one, payout fees too.
        assert_eq!(noise.of("payout_fees"), Some(0.0));
        assert!(noise.set("payout_fees", 0.1));
        assert_eq!(noise.of("payout_fees"), Some(0.1));
    }
}
