//! The largest spend one customer can reach over the horizon: a fixed bound, because
//! beyond it the sums and squares of a run would overflow.

use super::error::BudgetError;
use crate::scenario::{Scenario, Spend};
use crate::text::number::compact as short;

/// Largest spend of one customer in one month a scenario may reach: $1e12.
pub const MAX_SPEND: f64 = 1e12;

/// The largest spend one customer can reach: each tier's 99th-percentile new spend grown
/// at the 99th-percentile drift, with six standard deviations of noise.
pub(super) fn check_spend(scenario: &Scenario) -> Result<(), BudgetError> {
    let Some(r) = &scenario.reseller() else { return Ok(()) };
    let start = r.tiers.iter().map(|t| match &t.spend {
        Spend::Fixed(v) => *v,
        Spend::LogNormal { median, sigma } => median.quantile(0.99) * (2.326 * sigma).exp(),
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
