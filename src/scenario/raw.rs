//! The serde mirror of a scenario file: exactly what the user typed, with spans.
//!
//! Nothing here is validated beyond TOML types; unknown keys are rejected by
//! `deny_unknown_fields`. Numbers that may be fixed or a distribution stay as spanned TOML
//! values so that [`super::validate`] can explain precisely what is wrong with them.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

/// A number, or a distribution table such as `{ beta = [2, 18] }`.
pub type RawValue = Spanned<toml::Value>;
/// A table keyed by tier or plan name, in file order.
pub type Named<T> = IndexMap<Spanned<String>, T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Option<Spanned<String>>,
    pub horizon_months: Option<Spanned<i64>>,
    pub trajectories: Option<Spanned<i64>>,
    pub seed: Option<Spanned<i64>>,
    pub start_month: Option<Spanned<i64>>,
    pub reseller: Option<RawReseller>,
    pub affiliate: Option<RawAffiliate>,
    pub effort: Option<RawEffort>,
    pub costs: Option<RawCosts>,
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    pub start: Option<Spanned<RawStart>>,
}

/// `[start]`: the state today, for projecting from the present instead of from zero; an
/// alternative spelling of `start_month` and the streams' `initial_*` keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStart {
    pub month: Option<Spanned<i64>>,
    pub customers: Option<Named<Spanned<i64>>>,
    pub subscribers: Option<Named<Spanned<i64>>>,
    pub balance: Option<Spanned<f64>>,
    /// Bills each initial customer and subscriber has had: a number, or a table by tier
    /// and plan name.
    pub tenure_months: Option<RawValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReseller {
    pub initial_customers: Option<Named<Spanned<i64>>>,
    /// A number, or a table by tier name.
    pub initial_tenure_months: Option<RawValue>,
    pub arrivals: Option<RawValue>,
    pub arrivals_growth: Option<RawValue>,
    pub referral_rate: Option<RawValue>,
    pub arrival_mix: Option<Spanned<Named<Spanned<f64>>>>,
    pub churn: Option<RawValue>,
    pub spend_growth: Option<RawValue>,
    pub spend_volatility: Option<RawValue>,
    pub kickback: Option<RawKickback>,
    pub tiers: Spanned<Named<RawTier>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKickback {
    pub first_order: Option<RawValue>,
    pub recurring: Option<RawValue>,
    pub premium: Option<RawValue>,
    pub premium_volume: Option<RawValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub markup: RawValue,
    pub minimum: Option<RawValue>,
    pub spend: RawValue,
    pub support_hours: Option<RawValue>,
    pub upgrade: Option<RawUpgrade>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpgrade {
    pub to: Spanned<String>,
    pub probability: RawValue,
    pub within_months: Option<Spanned<f64>>,
}

/// `[affiliate]`: one programme's keys directly (the single-programme form), or
/// `[affiliate.programmes.NAME]` tables; `[affiliate.content]` in either form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAffiliate {
    pub signups: Option<RawValue>,
    pub signups_growth: Option<RawValue>,
    pub plan_mix: Option<Spanned<Named<Spanned<f64>>>>,
    pub payout_threshold: Option<RawValue>,
    pub payout_delay_months: Option<Spanned<i64>>,
    pub initial_subscribers: Option<Named<Spanned<i64>>>,
    /// A number, or a table by plan name.
    pub initial_tenure_months: Option<RawValue>,
    pub initial_balance: Option<Spanned<f64>>,
    pub commission: Option<RawCommission>,
    pub plans: Option<Spanned<Named<RawPlan>>>,
    pub content: Option<Spanned<RawContent>>,
    pub programmes: Option<Spanned<Named<RawProgramme>>>,
}

impl RawAffiliate {
    /// Whether any single-programme key is given (mixing them with `programmes` is an error).
    pub fn has_programme_keys(&self) -> bool {
        self.signups.is_some()
            || self.signups_growth.is_some()
            || self.plan_mix.is_some()
            || self.payout_threshold.is_some()
            || self.payout_delay_months.is_some()
            || self.initial_subscribers.is_some()
            || self.initial_tenure_months.is_some()
            || self.initial_balance.is_some()
            || self.commission.is_some()
            || self.plans.is_some()
    }

    /// The single-programme form's keys, as one programme.
    pub fn take_programme(&mut self) -> RawProgramme {
        RawProgramme {
            share: None,
            signups: self.signups.take(),
            signups_growth: self.signups_growth.take(),
            plan_mix: self.plan_mix.take(),
            payout_threshold: self.payout_threshold.take(),
            payout_delay_months: self.payout_delay_months.take(),
            initial_subscribers: self.initial_subscribers.take(),
            initial_tenure_months: self.initial_tenure_months.take(),
            initial_balance: self.initial_balance.take(),
            commission: self.commission.take(),
            plans: self.plans.take(),
        }
    }
}

/// `[affiliate.programmes.NAME]`: a programme's keys, as in the single-programme form,
/// plus its `share` of the content's signups.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgramme {
    pub share: Option<RawValue>,
    pub signups: Option<RawValue>,
    pub signups_growth: Option<RawValue>,
    pub plan_mix: Option<Spanned<Named<Spanned<f64>>>>,
    pub payout_threshold: Option<RawValue>,
    pub payout_delay_months: Option<Spanned<i64>>,
    pub initial_subscribers: Option<Named<Spanned<i64>>>,
    pub initial_tenure_months: Option<RawValue>,
    pub initial_balance: Option<Spanned<f64>>,
    pub commission: Option<RawCommission>,
    pub plans: Option<Spanned<Named<RawPlan>>>,
}

/// `[affiliate.content]`: pieces that send signups for months (docs/model.md §11.2).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContent {
    /// A whole number every month, or a list by calendar month.
    pub pieces_per_month: Option<RawValue>,
    /// A piece's signups a month at its peak: a number, or a distribution drawn per piece.
    pub signups_per_piece: Option<RawValue>,
    pub ramp_months: Option<Spanned<i64>>,
    /// Omitted: evergreen.
    pub half_life_months: Option<Spanned<f64>>,
    pub hours_per_piece: Option<RawValue>,
    /// Pieces already published before the first simulated month, and their age then.
    pub existing_pieces: Option<Spanned<i64>>,
    pub existing_age_months: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommission {
    pub first_order: Option<RawValue>,
    pub recurring: Option<RawValue>,
    pub premium: Option<RawValue>,
    pub bounty: Option<RawValue>,
    pub recurring_months: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub price: RawValue,
    pub premium: Option<bool>,
    pub churn: Option<RawValue>,
    pub upgrade: Option<RawUpgrade>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffort {
    pub fixed_hours: Option<RawValue>,
    /// A number (month 1 only) or a list by month.
    pub setup_hours: Option<RawValue>,
    pub onboarding_hours: Option<RawValue>,
    pub content_hours: Option<RawValue>,
}

/// `[costs]`: the money that leaves (docs/model.md §10).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCosts {
    pub payment_fee: Option<Spanned<RawPaymentFee>>,
    pub payout_fee: Option<Spanned<RawPayoutFee>>,
    /// Named running costs a month.
    pub monthly: Option<Named<RawValue>>,
    pub one_off: Option<Vec<RawOneOff>>,
    pub tax_rate: Option<RawValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPaymentFee {
    pub percent: Option<RawValue>,
    pub fixed: Option<RawValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPayoutFee {
    pub percent: Option<RawValue>,
    pub fixed: Option<RawValue>,
    pub max: Option<RawValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOneOff {
    pub month: Spanned<i64>,
    pub amount: RawValue,
    pub label: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub metric: Spanned<String>,
    pub at_least: Spanned<f64>,
    pub month: Option<Spanned<i64>>,
}
