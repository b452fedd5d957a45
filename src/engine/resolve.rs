//! One trajectory's concrete parameters: every [`Param`] of the scenario resolved to a
//! number (fixed values as given, uncertain ones drawn from their own stream), plus the
//! derived constants the month loop needs (upgrade hazards, cumulative mixes).

use crate::distribution::{Distribution, Param, ParamView, standard_normal, standard_normal_cdf};
use crate::scenario::{Churn, Copula, Fee, Programme, Scenario, Spend, Upgrade};

use super::mix::cumulative;
use super::rng::{Purpose, Streams, key_hash};

/// Values pinned by the caller (sensitivity analysis): dotted key → value.
pub type Pins = [(String, f64)];

/// Resolves parameters for one trajectory: a pinned value, else this trajectory's row of
/// the parameter sets, else its correlated draw, else its own draw.
pub struct Resolver<'a> {
    streams: &'a Streams,
    pins: &'a Pins,
    /// This trajectory's row of the parameter sets.
    row: Option<&'a [f64]>,
    /// The correlated parameters' values: (key, value).
    correlated: Vec<(&'a str, f64)>,
}

impl<'a> Resolver<'a> {
    /// The resolver of the trajectory whose streams are `streams`.
    pub fn new(scenario: &'a Scenario, streams: &'a Streams, pins: &'a Pins) -> Self {
        let row = scenario.joint().sets.as_ref().and_then(|sets| {
            // One draw from the trajectory's own stream picks the row (docs/model.md §12.1).
            let u = streams.uniform(Purpose::Parameter, key_hash("parameter_sets"));
            let i = ((u * sets.rows.len() as f64) as usize).min(sets.rows.len().saturating_sub(1));
            sets.rows.get(i).map(Vec::as_slice)
        });
        let correlated = scenario.joint().copula.as_ref().map_or_else(Vec::new, |c| correlated(scenario, c, streams));
        Self { streams, pins, row, correlated }
    }

    /// The parameter's value in this trajectory.
    pub fn value(&self, param: &Param) -> f64 {
        match param.view() {
            ParamView::Fixed(v) => v,
            ParamView::Uncertain { key, column, .. } => {
                if let Some((_, v)) = self.pins.iter().find(|(k, _)| k == key) {
                    return *v;
                }
                if let (Some(column), Some(row)) = (column, self.row) {
                    return row.get(column).copied().unwrap_or_else(|| param.central());
                }
                if let Some((_, v)) = self.correlated.iter().find(|(k, _)| *k == key) {
                    return *v;
                }
                param.draw(&mut self.streams.rng(Purpose::Parameter, key_hash(key)))
            }
        }
    }

    fn churn(&self, churn: &Churn) -> DrawnChurn {
        match churn {
            Churn::Constant(p) => DrawnChurn::Constant(self.value(p)),
            Churn::ShiftedBetaGeometric { alpha, beta } => {
                let (a, b) = (self.value(alpha), self.value(beta));
                match Distribution::beta(a, b) {
                    Ok(_) => DrawnChurn::Individual { alpha: a, beta: b },
                    Err(_) => DrawnChurn::Constant(a / (a + b)),
                }
            }
        }
    }

    /// The tier or plan upgraded to and the monthly hazard (0 without an upgrade path).
    fn upgrade(&self, upgrade: Option<&Upgrade>) -> (Option<usize>, f64) {
        upgrade.map_or((None, 0.0), |u| (Some(u.to), Upgrade::hazard(self.value(&u.probability), u.within_months)))
    }
}

/// A churn rule with its numbers drawn.
#[derive(Debug, Clone)]
pub enum DrawnChurn {
    Constant(f64),
    /// Each entity draws its own churn probability at arrival from Beta(α, β) (sBG), or,
    /// if it has already been billed k times, from Beta(α, β + k) (docs/model.md §9.3).
    Individual {
        alpha: f64,
        beta: f64,
    },
}

impl DrawnChurn {
    /// The churn probability of an entity already billed `tenure` times (0 for newcomers),
    /// and whether it is the entity's own (drawn) rather than the plan's.
    pub fn draw<R: rand::Rng + ?Sized>(&self, rng: &mut R, tenure: u32) -> (f64, bool) {
        match *self {
            DrawnChurn::Constant(c) => (c, false),
            DrawnChurn::Individual { alpha, beta } => {
                let posterior = beta + f64::from(tenure);
                let p = Distribution::beta(alpha, posterior).map_or(alpha / (alpha + posterior), |d| d.sample(rng));
                (p, true)
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct DrawnTier {
    pub markup: f64,
    pub minimum: f64,
    pub spend: DrawnSpend,
    pub support_hours: f64,
    /// The tier upgraded to and the monthly hazard; without an upgrade path the tier itself
    /// with a zero hazard (which never fires), so the month-end loop needs no branch on it.
    pub upgrade_to: usize,
    pub upgrade_hazard: f64,
    /// New spend / old spend on upgrade: the ratio of the two tiers' median spends.
    pub upgrade_spend_ratio: f64,
    /// The two medians (from, to), for a ratio too large for a float (a tier of $1e-300
    /// upgrading to one of $1e9): the spend is then divided by one and multiplied by the
    /// other, so it stays the new tier's median times the customer's own deviation.
    pub upgrade_medians: (f64, f64),
}

impl DrawnTier {
    /// A customer's spend after upgrading from this tier, `spend` before.
    #[inline(always)]
    pub fn upgraded_spend(&self, spend: f64) -> f64 {
        if self.upgrade_spend_ratio.is_finite() {
            spend * self.upgrade_spend_ratio
        } else {
            spend / self.upgrade_medians.0 * self.upgrade_medians.1
        }
    }
}

/// A tier's spend of new customers in this trajectory.
#[derive(Debug, Clone, Copy)]
pub enum DrawnSpend {
    Fixed(f64),
    LogNormal { median: f64, sigma: f64 },
}

impl DrawnSpend {
    fn new(spend: &Spend, r: &Resolver<'_>) -> Self {
        match spend {
            Spend::Fixed(v) => DrawnSpend::Fixed(*v),
            Spend::LogNormal { median, sigma } => DrawnSpend::LogNormal { median: r.value(median), sigma: *sigma },
        }
    }

    fn median(self) -> f64 {
        match self {
            DrawnSpend::Fixed(v) | DrawnSpend::LogNormal { median: v, .. } => v,
        }
    }
}

#[derive(Debug, Clone)]
pub struct DrawnReseller {
    pub tiers: Vec<DrawnTier>,
    pub arrivals: f64,
    pub arrivals_growth: f64,
    pub referral_rate: f64,
    pub cumulative_mix: Vec<f64>,
    pub churn: DrawnChurn,
    pub spend_growth: f64,
    pub spend_volatility: f64,
    /// `(1 + spend_growth) · exp(−σ²/2)`: the deterministic part of the monthly spend drift.
    pub spend_drift: f64,
    pub kickback_first_order: f64,
    pub kickback_recurring: f64,
    pub kickback_premium: f64,
    pub premium_volume: f64,
}

#[derive(Debug, Clone)]
pub struct DrawnPlan {
    pub price: f64,
    pub premium: bool,
    pub churn: DrawnChurn,
    /// The plan upgraded to, if any, and the monthly hazard (0 without one).
    pub upgrade_to: Option<usize>,
    pub upgrade_hazard: f64,
}

#[derive(Debug, Clone)]
pub struct DrawnProgramme {
    pub plans: Vec<DrawnPlan>,
    /// Its share of the content's signups (shares are scaled down if they exceed 1 in all).
    pub share: f64,
    pub signups: f64,
    pub signups_growth: f64,
    pub cumulative_mix: Vec<f64>,
    pub payout_threshold: f64,
    pub first_order: f64,
    pub recurring: f64,
    pub premium: f64,
    pub bounty: f64,
    /// Renewals earn commission only this many months after the first order (`None`: always).
    pub recurring_months: Option<u32>,
    /// Months between a payout and its cash.
    pub payout_delay: usize,
}

/// The affiliate stream of one trajectory: its programmes and the content's hours.
#[derive(Debug, Clone)]
pub struct DrawnAffiliate {
    pub programmes: Vec<DrawnProgramme>,
    /// Hours in the month a piece of content is published.
    pub hours_per_piece: f64,
}

#[derive(Debug, Clone)]
pub struct DrawnEffort {
    pub fixed_hours: f64,
    pub onboarding_hours: f64,
    pub content_hours: f64,
}

/// A fee with its numbers drawn: min(max, percent × amount + fixed).
#[derive(Debug, Clone, Copy)]
pub struct DrawnFee {
    pub percent: f64,
    pub fixed: f64,
    /// `f64::INFINITY` without a cap.
    pub max: f64,
}

impl DrawnFee {
    /// The fee on one payment of `amount`.
    pub fn on(&self, amount: f64) -> f64 {
        (self.percent * amount + self.fixed).min(self.max)
    }
}

/// The costs of one trajectory (docs/model.md §10).
#[derive(Debug, Clone)]
pub struct DrawnCosts {
    pub payment_fee: DrawnFee,
    pub payout_fee: DrawnFee,
    /// Every named monthly cost, summed.
    pub monthly: f64,
    /// One-off costs: (0-based simulated month, amount).
    pub one_off: Vec<(usize, f64)>,
    pub tax_rate: f64,
}

impl DrawnCosts {
    /// Running and one-off costs of the 0-based simulated month `m`.
    pub fn of_month(&self, m: usize) -> f64 {
        self.monthly + self.one_off.iter().filter(|(month, _)| *month == m).map(|(_, a)| a).sum::<f64>()
    }
}

/// Every parameter of one trajectory.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub reseller: Option<DrawnReseller>,
    pub affiliate: Option<DrawnAffiliate>,
    pub effort: DrawnEffort,
    pub costs: Option<DrawnCosts>,
}

impl Drawn {
    pub fn new(scenario: &Scenario, r: &Resolver<'_>) -> Self {
        let reseller = scenario.reseller().map(|s| {
            let spends: Vec<DrawnSpend> = s.tiers.iter().map(|t| DrawnSpend::new(&t.spend, r)).collect();
            let tiers = s
                .tiers
                .iter()
                .zip(&spends)
                .enumerate()
                .map(|(index, (t, &spend))| {
                    let (upgrade_to, upgrade_hazard) = r.upgrade(t.upgrade.as_ref());
                    let to_median = upgrade_to.and_then(|i| spends.get(i)).map_or(1.0, |to| to.median());
                    let upgrade_to = upgrade_to.unwrap_or(index);
                    let ratio = if spend.median() > 0.0 { to_median / spend.median() } else { 1.0 };
                    DrawnTier {
                        markup: r.value(&t.markup),
                        minimum: r.value(&t.minimum),
                        spend,
                        support_hours: r.value(&t.support_hours),
                        upgrade_to,
                        upgrade_hazard,
                        upgrade_spend_ratio: ratio,
                        upgrade_medians: (spend.median(), to_median),
                    }
                })
                .collect();
            let k = &s.kickback;
            let (spend_growth, sigma) = (r.value(&s.spend_growth), r.value(&s.spend_volatility));
            DrawnReseller {
                tiers,
                arrivals: r.value(&s.arrivals),
                arrivals_growth: r.value(&s.arrivals_growth),
                referral_rate: r.value(&s.referral_rate),
                cumulative_mix: cumulative(&s.arrival_mix),
                churn: r.churn(&s.churn),
                spend_growth,
                spend_volatility: sigma,
                spend_drift: (1.0 + spend_growth) * (-0.5 * sigma * sigma).exp(),
                kickback_first_order: r.value(&k.first_order),
                kickback_recurring: r.value(&k.recurring),
                kickback_premium: r.value(&k.premium),
                premium_volume: k.premium_volume.as_ref().map_or(f64::INFINITY, |v| r.value(v)),
            }
        });
        let affiliate = scenario.affiliate().map(|a| {
            let mut programmes: Vec<DrawnProgramme> = a.programmes.iter().map(|p| programme(p, r)).collect();
            let shares: f64 = programmes.iter().map(|p| p.share).sum();
            if shares > 1.0 {
                programmes.iter_mut().for_each(|p| p.share /= shares);
            }
            let hours_per_piece = a.content.as_ref().map_or(0.0, |c| r.value(&c.hours_per_piece));
            DrawnAffiliate { programmes, hours_per_piece }
        });
        let e = &scenario.effort();
        let effort = DrawnEffort {
            fixed_hours: r.value(&e.fixed_hours),
            onboarding_hours: r.value(&e.onboarding_hours),
            content_hours: r.value(&e.content_hours),
        };
        let costs = scenario.costs().map(|c| {
            let fee = |f: &Fee| DrawnFee {
                percent: r.value(&f.percent),
                fixed: r.value(&f.fixed),
                max: f.max.as_ref().map_or(f64::INFINITY, |m| r.value(m)),
            };
            DrawnCosts {
                payment_fee: fee(&c.payment_fee),
                payout_fee: fee(&c.payout_fee),
                // `+ 0.0`: an empty sum is −0.0, which the outputs would print as "-0".
                monthly: c.monthly.iter().map(|(_, p)| r.value(p)).sum::<f64>() + 0.0,
                one_off: c
                    .one_off
                    .iter()
                    .filter_map(|o| Some((scenario.month_index(o.month)?, r.value(&o.amount))))
                    .collect(),
                tax_rate: r.value(&c.tax_rate),
            }
        });
        Self { reseller, affiliate, effort, costs }
    }
}

/// The Gaussian copula's draws (docs/model.md §12.2): independent standard normals from the
/// trajectory's own stream, correlated by the Cholesky factor, mapped through Φ and each
/// parameter's inverse CDF, so every marginal stays as declared.
fn correlated<'a>(scenario: &'a Scenario, copula: &'a Copula, streams: &Streams) -> Vec<(&'a str, f64)> {
    let mut rng = streams.rng(Purpose::Parameter, key_hash("correlations"));
    let independent: Vec<f64> = copula.keys.iter().map(|_| standard_normal(&mut rng)).collect();
    let params = scenario.uncertain_parameters();
    copula
        .keys
        .iter()
        .zip(&copula.cholesky)
        .filter_map(|(key, row)| {
            let z: f64 = row.iter().zip(&independent).map(|(l, e)| l * e).sum();
            let param = params.iter().find(|p| p.key() == Some(key.as_str()))?;
            Some((key.as_str(), param.quantile(standard_normal_cdf(z))))
        })
        .collect()
}

/// One programme's numbers in this trajectory.
fn programme(p: &Programme, r: &Resolver<'_>) -> DrawnProgramme {
    let plans = p
        .plans
        .iter()
        .map(|plan| {
            let (upgrade_to, upgrade_hazard) = r.upgrade(plan.upgrade.as_ref());
            DrawnPlan {
                price: r.value(&plan.price),
                premium: plan.premium,
                churn: r.churn(&plan.churn),
                upgrade_to,
                upgrade_hazard,
            }
        })
        .collect();
    let c = &p.commission;
    DrawnProgramme {
        plans,
        share: r.value(&p.share),
        signups: r.value(&p.signups),
        signups_growth: r.value(&p.signups_growth),
        cumulative_mix: cumulative(&p.plan_mix),
        payout_threshold: r.value(&p.payout_threshold),
        first_order: r.value(&c.first_order),
        recurring: r.value(&c.recurring),
        premium: r.value(&c.premium),
        bounty: r.value(&c.bounty),
        recurring_months: c.recurring_months,
        payout_delay: p.payout_delay_months as usize,
    }
}
