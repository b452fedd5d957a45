//! Month-end events with a monthly hazard (churn, upgrades), decided by one uniform draw
//! per event instead of one per month.
//!
//! An entity draws a threshold u, uniform in [0, 1), and the event happens at the first
//! month end where the product of (1 − hazard) over the months so far falls to u or below.
//! Given that it has not happened yet (the product is still above u, so u is uniform below
//! it), it happens this month with probability exactly the month's hazard: the same law as a
//! fresh Bernoulli draw every month (docs/model.md §7.1), hazards may change from month to
//! month, and a higher hazard never makes the event later for the same threshold.

/// The countdown of one entity to one event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventClock {
    /// Probability of no event so far.
    survival: f64,
    threshold: f64,
}

impl EventClock {
    /// A clock with threshold `u`, uniform in [0, 1).
    pub fn new(u: f64) -> Self {
        Self { survival: 1.0, threshold: u }
    }

    /// One month end with this hazard: whether the event happens now. A hazard of 0 never
    /// fires; a hazard of 1 always does.
    #[inline(always)]
    pub fn tick(&mut self, hazard: f64) -> bool {
        self.survival *= 1.0 - hazard;
        self.survival <= self.threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Months until the event for thresholds spread evenly over [0, 1).
    fn months_until(hazards: impl Fn(usize) -> f64, n: usize) -> Vec<usize> {
        (0..n)
            .map(|i| {
                let mut clock = EventClock::new((i as f64 + 0.5) / n as f64);
                (1..=10_000).find(|&m| clock.tick(hazards(m))).unwrap_or(usize::MAX)
            })
            .collect()
    }

    #[test]
    fn constant_hazard_gives_geometric_survival() {
        let n = 100_000;
        let months = months_until(|_| 0.1, n);
        for t in [1, 2, 6, 12, 24] {
            let surviving = months.iter().filter(|&&m| m > t).count() as f64 / n as f64;
            assert!((surviving - 0.9f64.powi(t as i32)).abs() < 2.0 / n as f64, "t = {t}: {surviving}");
        }
    }

    #[test]
    fn changing_hazards_apply_month_by_month() {
        // 50% in month 1, then 20% a month: P(no event after t) = 0.5 · 0.8^(t−1).
        let n = 100_000;
        let months = months_until(|m| if m == 1 { 0.5 } else { 0.2 }, n);
        for t in [1, 2, 5] {
            let surviving = months.iter().filter(|&&m| m > t).count() as f64 / n as f64;
            assert!((surviving - 0.5 * 0.8f64.powi(t as i32 - 1)).abs() < 2.0 / n as f64, "t = {t}: {surviving}");
        }
    }

    #[test]
    fn zero_never_fires_one_always_fires_and_more_hazard_is_never_later() {
        let mut never = EventClock::new(0.0);
        assert!((0..1000).all(|_| !never.tick(0.0)));
        assert!(EventClock::new(0.999_999).tick(1.0));
        assert!(EventClock::new(0.0).tick(1.0));
        let low = months_until(|_| 0.10, 1000);
        let high = months_until(|_| 0.17, 1000);
        assert!(low.iter().zip(&high).all(|(l, h)| h <= l));
    }
}
