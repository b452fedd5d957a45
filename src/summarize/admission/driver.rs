//! What makes a population too large, said in the scenario's own keys with what to change:
//! an initial base, word of mouth above churn, compounding growth, the content, arrivals.

use super::population::{content_pieces, growth};
use crate::scenario::{Churn, Scenario};
use crate::text::number::{compact as short, whole as count};

/// What makes the population large, and what to change.
pub(super) fn driver(scenario: &Scenario, limit: f64) -> String {
    if let Some(r) = &scenario.reseller() {
        let base: f64 = r.initial_customers.iter().map(|&c| f64::from(c)).sum();
        let (referral, churn) = (r.referral_rate.quantile(0.99), churn_floor(&r.churn));
        let (arrivals, growth_rate) = (r.arrivals.quantile(0.99), r.arrivals_growth.quantile(0.99));
        if base > limit / 2.0 {
            return format!("reseller.initial_customers alone hold {}; check the counts.", count(base));
        }
        if referral > churn {
            return format!(
                "Word of mouth: reseller.referral_rate {} is above churn {}, so the base grows about {:.0}% a month \
                 (0.15 is 15%); lower referral_rate.",
                short(referral),
                short(churn),
                (referral - churn) * 100.0
            );
        }
        if growth_rate > 0.0 && growth(growth_rate, scenario.horizon_months()) > 10.0 {
            return format!(
                "reseller.arrivals_growth {} compounds to {}× the arrival rate by the last month; lower it or the \
                 horizon.",
                short(growth_rate),
                count(growth(growth_rate, scenario.horizon_months()))
            );
        }
        if arrivals * scenario.horizon_months() as f64 > limit / 2.0 {
            return format!(
                "reseller.arrivals {} a month is more than one side business gets; lower it.",
                count(arrivals)
            );
        }
    }
    if let Some(a) = &scenario.affiliate() {
        let base: f64 = a.programmes.iter().flat_map(|p| &p.initial_subscribers).map(|&c| f64::from(c)).sum();
        if base > limit / 2.0 {
            return format!("affiliate.initial_subscribers alone hold {}; check the counts.", count(base));
        }
        for p in &a.programmes {
            let growth_rate = p.signups_growth.quantile(0.99);
            if growth_rate > 0.0 && growth(growth_rate, scenario.horizon_months()) > 10.0 {
                return format!(
                    "affiliate.signups_growth {} compounds to {}× the signup rate by the last month; lower it or \
                     the horizon.",
                    short(growth_rate),
                    count(growth(growth_rate, scenario.horizon_months()))
                );
            }
        }
        // The programmes' own signups first when they alone reach the limit: content beside
        // them is not the cause (the message blamed it for `signups = 1e9`).
        let signups: f64 = a.programmes.iter().map(|p| p.signups.quantile(0.99)).sum();
        let from_signups =
            format!("affiliate.signups {} a month piles up subscribers; lower it, or raise churn.", count(signups));
        if signups * scenario.horizon_months() as f64 > limit / 2.0 {
            return from_signups;
        }
        if a.content.is_some() && content_pieces(scenario) > 0.0 {
            return "affiliate.content: its pieces keep sending signups that pile up; fewer pieces_per_month, \
                    fewer signups_per_piece or a shorter half_life_months."
                .to_string();
        }
        return from_signups;
    }
    "Lower the arrivals or the horizon, or raise --max-population if you mean it.".to_string()
}

fn churn_floor(churn: &Churn) -> f64 {
    match churn {
        Churn::Constant(c) => c.quantile(0.01),
        Churn::ShiftedBetaGeometric { .. } => 0.0,
    }
}
