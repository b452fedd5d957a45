//! The validated scenario: the only form of a scenario the engine ever sees.
//!
//! Every value here has passed validation in [`super::read::validate`]: rates are within
//! [0, 1], mixes are normalised, tier and plan references are indices that exist. Numbers a
//! user may leave uncertain are [`Param`]s, resolved once per trajectory by the engine.

use crate::distribution::Param;
use crate::metric::{Metric, SeriesKey};
pub use crate::scenario::keys::{MAX_HORIZON, MAX_START_MONTH, MAX_TRAJECTORIES};
use crate::text::calendar::{Calendar, YearMonth};

pub mod costs;
pub mod joint;
pub mod lifetime;
pub mod numbers;
pub mod observation;
pub mod portfolio;

pub use costs::{Costs, Fee, OneOff};
pub use joint::{Copula, Joint, ParameterSets};
pub use lifetime::{Churn, Upgrade};
pub use numbers::{NumberValue, ScenarioNumber};
pub use observation::RecordNoise;
pub use portfolio::{Affiliate, Commission, Content, PiecesPerMonth, Plan, Programme};

/// Default number of months simulated.
pub const DEFAULT_HORIZON: usize = 24;
/// Default number of trajectories.
pub const DEFAULT_TRAJECTORIES: usize = 10_000;
/// Default seed: the year the tool was written, documented in the README.
pub const DEFAULT_SEED: u64 = 2026;

/// A validated scenario. Its fields are private to the scenario module: everything else
/// reads them through the methods of the same names, and changes one only through the
/// `with_*` methods, which keep it valid.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub(in crate::scenario) name: String,
    pub(in crate::scenario) horizon_months: usize,
    pub(in crate::scenario) trajectories: usize,
    pub(in crate::scenario) seed: u64,
    /// Calendar number of the first simulated month (1 unless projecting from today).
    pub(in crate::scenario) start_month: u32,
    /// The date of calendar month 1 (`first_month = "2026-01"`, docs/model.md §14).
    pub(in crate::scenario) first_month: Option<YearMonth>,
    pub(in crate::scenario) reseller: Option<Reseller>,
    pub(in crate::scenario) affiliate: Option<Affiliate>,
    pub(in crate::scenario) effort: Effort,
    /// The money that leaves; `None` without a `[costs]` section (net profit = gross).
    pub(in crate::scenario) costs: Option<Costs>,
    /// Parameters drawn together: parameter sets and rank correlations.
    pub(in crate::scenario) joint: Joint,
    /// How exactly each column of a history was recorded, for `calibrate`.
    pub(in crate::scenario) record_noise: RecordNoise,
    pub(in crate::scenario) targets: Vec<Target>,
    /// Things worth saying about the scenario that are not errors (a one-off cost before
    /// the first simulated month, which is not charged).
    pub(in crate::scenario) notes: Vec<String>,
}

impl Scenario {
    /// The scenario's name, as its charts and tables title it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Months simulated.
    pub fn horizon_months(&self) -> usize {
        self.horizon_months
    }

    /// Trajectories simulated.
    pub fn trajectories(&self) -> usize {
        self.trajectories
    }

    /// The seed every random stream derives from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Calendar number of the first simulated month.
    pub fn start_month(&self) -> u32 {
        self.start_month
    }

    /// The date of calendar month 1, when the scenario gives one.
    pub fn first_month(&self) -> Option<YearMonth> {
        self.first_month
    }

    /// The reseller stream, when the scenario has one.
    pub fn reseller(&self) -> Option<&Reseller> {
        self.reseller.as_ref()
    }

    /// The affiliate stream, when the scenario has one.
    pub fn affiliate(&self) -> Option<&Affiliate> {
        self.affiliate.as_ref()
    }

    /// The hours the business takes.
    pub fn effort(&self) -> &Effort {
        &self.effort
    }

    /// The money that leaves, when the scenario has a `[costs]` section.
    pub fn costs(&self) -> Option<&Costs> {
        self.costs.as_ref()
    }

    /// Parameters drawn together.
    pub fn joint(&self) -> &Joint {
        &self.joint
    }

    /// How exactly each column of a history was recorded (`[calibration] noise`).
    pub fn record_noise(&self) -> &RecordNoise {
        &self.record_noise
    }

    /// The targets whose chances a run reports.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Notes worth telling the user (not errors).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The scenario with `seed` instead.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The calendar month of the 0-based simulated month `index`.
    pub fn calendar_month(&self, index: usize) -> u32 {
        self.start_month + index as u32
    }

    /// The dates of the calendar months, when the scenario gives `first_month`.
    pub fn calendar(&self) -> Option<Calendar> {
        self.first_month.map(|first| Calendar { first })
    }

    /// The simulated calendar months, in order.
    pub fn months(&self) -> Vec<u32> {
        (0..self.horizon_months).map(|m| self.calendar_month(m)).collect()
    }

    /// The 0-based simulated month of a calendar month, if it is simulated.
    pub fn month_index(&self, calendar: u32) -> Option<usize> {
        let index = calendar.checked_sub(self.start_month)? as usize;
        (index < self.horizon_months).then_some(index)
    }

    /// Every uncertain parameter with its dotted key.
    pub fn uncertain_parameters(&self) -> Vec<&Param> {
        let mut out = Vec::new();
        self.visit_params(&mut |p| {
            if p.is_uncertain() {
                out.push(p);
            }
        });
        out
    }

    /// Calls `f` on every parameter of the scenario.
    pub fn visit_params<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        if let Some(r) = &self.reseller {
            for p in [&r.arrivals, &r.arrivals_growth, &r.referral_rate, &r.spend_growth, &r.spend_volatility] {
                f(p);
            }
            r.churn.visit(f);
            let k = &r.kickback;
            for p in [&k.first_order, &k.recurring, &k.premium] {
                f(p);
            }
            if let Some(v) = &k.premium_volume {
                f(v);
            }
            for t in &r.tiers {
                for p in [&t.markup, &t.minimum, &t.support_hours] {
                    f(p);
                }
                if let Spend::LogNormal { median, .. } = &t.spend {
                    f(median);
                }
                if let Some(u) = &t.upgrade {
                    f(&u.probability);
                }
            }
        }
        if let Some(a) = &self.affiliate {
            a.visit(f);
        }
        let e = &self.effort;
        for p in [&e.fixed_hours, &e.onboarding_hours, &e.content_hours] {
            f(p);
        }
        if let Some(c) = &self.costs {
            c.visit(f);
        }
    }

    /// The scenario run for `horizon` months instead.
    ///
    /// # Errors
    /// A horizon outside 1 to [`MAX_HORIZON`] months, or
    /// one that would leave a target's month unsimulated (say which).
    pub fn with_horizon(mut self, horizon: usize) -> Result<Self, String> {
        if !(1..=MAX_HORIZON as usize).contains(&horizon) {
            return Err(format!("a horizon of {horizon} months: use 1 to {MAX_HORIZON}"));
        }
        let last = self.start_month as usize + horizon - 1;
        if let Some(month) = self.targets.iter().filter_map(|t| t.month).find(|&m| m as usize > last) {
            return Err(format!("a horizon of {horizon} months ends in month {last}, before a target's month {month}"));
        }
        self.horizon_months = horizon;
        Ok(self)
    }

    /// The scenario with `trajectories` trajectories, at least 1 and at most
    /// [`MAX_TRAJECTORIES`].
    pub fn with_trajectories(mut self, trajectories: usize) -> Self {
        self.trajectories = trajectories.clamp(1, MAX_TRAJECTORIES as usize);
        self
    }

    /// The scenario without its targets.
    pub fn without_targets(mut self) -> Self {
        self.targets.clear();
        self
    }

    /// Whether net profit differs from gross profit: a `[costs]` section.
    pub fn has_costs(&self) -> bool {
        self.costs.is_some()
    }

    /// The headline cumulative metric: cumulative net profit with costs, gross without
    /// (the default output of compare, sweep and sensitivity, and the `--precision` one).
    pub fn headline(&self) -> Metric {
        if self.has_costs() { Metric::CumulativeNetProfit } else { Metric::CumulativeGrossProfit }
    }
}

/// A customer's monthly platform spend when it arrives.
#[derive(Debug, Clone, PartialEq)]
pub enum Spend {
    Fixed(f64),
    /// Lognormal across customers with this median (which may be uncertain: drawn once per
    /// trajectory) and spread σ.
    LogNormal {
        median: Param,
        sigma: f64,
    },
}

impl Spend {
    /// The median spend of new customers of the tier (its central value when uncertain).
    pub fn median(&self) -> f64 {
        match self {
            Spend::Fixed(v) => *v,
            Spend::LogNormal { median, .. } => median.central(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Tier {
    pub name: String,
    pub markup: Param,
    pub minimum: Param,
    pub spend: Spend,
    pub support_hours: Param,
    pub upgrade: Option<Upgrade>,
}

#[derive(Debug, Clone)]
pub struct Kickback {
    pub first_order: Param,
    pub recurring: Param,
    pub premium: Param,
    /// Monthly platform volume at which `premium` replaces `recurring`; `None` = never.
    pub premium_volume: Option<Param>,
}

impl Kickback {
    /// Whether any kickback rate can be positive in some trajectory.
    pub fn can_be_positive(&self) -> bool {
        [&self.first_order, &self.recurring, &self.premium].iter().any(|p| p.is_uncertain() || p.central() != 0.0)
    }
}

#[derive(Debug, Clone)]
pub struct Reseller {
    pub tiers: Vec<Tier>,
    /// Customers per tier at the start, billed in the first month as renewals.
    pub initial_customers: Vec<u32>,
    /// Bills each initial customer of a tier has already had (docs/model.md §9.3).
    pub initial_tenure: Vec<u32>,
    /// Poisson mean of new customers per month.
    pub arrivals: Param,
    /// Monthly growth of the arrival rate (0.05 = +5% a month).
    pub arrivals_growth: Param,
    /// Word of mouth: extra arrivals per month per customer active last month.
    pub referral_rate: Param,
    /// Tier weights of new customers, summing to 1.
    pub arrival_mix: Vec<f64>,
    pub churn: Churn,
    pub spend_growth: Param,
    pub spend_volatility: Param,
    pub kickback: Kickback,
}

#[derive(Debug, Clone)]
pub struct Effort {
    pub fixed_hours: Param,
    /// Setup hours by calendar month: `setup_hours[0]` is month 1 of the business, so a
    /// projection from a later month does not pay them again (docs/model.md §5.2).
    pub setup_hours: Vec<f64>,
    pub onboarding_hours: Param,
    pub content_hours: Param,
}

/// "P(metric ≥ at_least at / by month)".
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// A metric, or the customers of one tier or the subscribers of one plan.
    pub metric: SeriesKey,
    pub at_least: f64,
    /// The calendar month, within the simulated months; `None` = the last one.
    pub month: Option<u32>,
}
