//! The largest spend one customer can reach over the horizon: a fixed bound, because
//! beyond it the sums and squares of a run would overflow.

use super::error::BudgetError;
use crate::scenario::{Scenario, Spend};
use crate::text::number::compact as short;

/// Largest spend of one customer in one month a scenario may reach: $1e12.
pub const MAX_SPEND: f64 = 1e12;

/// The largest spend one customer can reach: each tier's 99th-percentile new spend grown
/// at the 99th-percentile drift, with six standard deviations of noise. A customer who
/// upgrades keeps its own deviation from its tier's median (its spend is scaled by the
/// ratio of the medians), so a tier's spread counts in every tier its upgrades reach.
pub(super) fn check_spend(scenario: &Scenario) -> Result<(), BudgetError> {
    let Some(r) = scenario.reseller() else { return Ok(()) };
    let sigma = |t: &crate::scenario::Tier| match &t.spend {
        Spend::Fixed(_) => 0.0,
        Spend::LogNormal { sigma, .. } => *sigma,
    };
    let mut spread: Vec<f64> = r.tiers.iter().map(sigma).collect();
    for (from, tier) in r.tiers.iter().enumerate() {
        let mut at = tier.upgrade.as_ref().map(|u| u.to);
        for _ in 0..r.tiers.len() {
            let Some(to) = at.filter(|&to| to != from) else { break };
            if let Some(s) = spread.get_mut(to) {
                *s = s.max(sigma(tier));
            }
            at = r.tiers.get(to).and_then(|t| t.upgrade.as_ref()).map(|u| u.to);
        }
    }
    let start = r.tiers.iter().zip(&spread).map(|(t, s)| {
        let median = match &t.spend {
            Spend::Fixed(v) => *v,
            Spend::LogNormal { median, .. } => median.quantile(0.99),
        };
        median * (2.326 * s).exp()
    });
    let start = start.fold(0.0, f64::max);
    let (g, sigma) = (r.spend_growth.quantile(0.99), r.spend_volatility.quantile(0.99));
    let drift = (1.0 + g).ln() - sigma * sigma / 2.0;
    let (month, log_peak) = (1..=scenario.horizon_months())
        .map(|t| (t, t as f64 * drift + 6.0 * sigma * (t as f64).sqrt()))
        .fold((0, 0.0), |best, x| if x.1 > best.1 { x } else { best });
    let peak = start.ln() + log_peak;
    if start > 0.0 && peak > MAX_SPEND.ln() {
        return Err(BudgetError(format!(
            "a customer's spend could reach ${} a month by month {} (reseller.spend_growth {} and \
             spend_volatility {} compounding); the most sidecast simulates is $1e12. Lower spend_growth, \
             spend_volatility or the horizon.",
            short(peak.exp()),
            scenario.calendar_month(month.saturating_sub(1)),
            short(g),
            short(sigma)
        )));
    }
    Ok(())
}
