//! The affiliate stream's tables: `[affiliate]` in its single-programme form or with
//! `[affiliate.programmes.NAME]`, the content, the commission terms and the plans.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::forms::{Churn, NumberOrDistribution, PiecesPerMonth, TenureMonths};
use super::{Named, RawUpgrade, RawValue};

/// `[affiliate]`: one programme's keys directly (the single-programme form), or
/// `[affiliate.programmes.NAME]` tables; `[affiliate.content]` in either form.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAffiliate {
    /// Referred signups a month (Poisson mean).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub signups: Option<RawValue>,
    /// Monthly growth of the signup rate.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub signups_growth: Option<RawValue>,
    /// Plan weights of new signups (default: all to the first plan).
    #[schemars(with = "Option<BTreeMap<String, f64>>")]
    pub plan_mix: Option<Spanned<Named<Spanned<f64>>>>,
    /// Minimum balance for a payout, dollars.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub payout_threshold: Option<RawValue>,
    /// Months between a payout and its cash (Net-30 is 1).
    #[schemars(with = "Option<i64>")]
    pub payout_delay_months: Option<Spanned<i64>>,
    /// Referred subscribers per plan at the start.
    #[schemars(with = "Option<BTreeMap<String, i64>>")]
    pub initial_subscribers: Option<Named<Spanned<i64>>>,
    /// A number, or a table by plan name.
    #[schemars(with = "Option<TenureMonths>")]
    pub initial_tenure_months: Option<RawValue>,
    /// Commission earned but not yet paid out at the start, dollars.
    #[schemars(with = "Option<f64>")]
    pub initial_balance: Option<Spanned<f64>>,
    /// The programme's commission rates.
    pub commission: Option<RawCommission>,
    /// One table per plan: [affiliate.plans.NAME].
    #[schemars(with = "Option<BTreeMap<String, RawPlan>>")]
    pub plans: Option<Spanned<Named<RawPlan>>>,
    /// Pieces of content that keep sending signups.
    #[schemars(with = "Option<RawContent>")]
    pub content: Option<Spanned<RawContent>>,
    /// Several programmes side by side, instead of the single-programme keys: [affiliate.programmes.NAME].
    #[schemars(with = "Option<BTreeMap<String, RawProgramme>>")]
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProgramme {
    /// This programme's fraction of the content's signups.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub share: Option<RawValue>,
    /// Referred signups a month (Poisson mean).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub signups: Option<RawValue>,
    /// Monthly growth of the signup rate.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub signups_growth: Option<RawValue>,
    /// Plan weights of new signups.
    #[schemars(with = "Option<BTreeMap<String, f64>>")]
    pub plan_mix: Option<Spanned<Named<Spanned<f64>>>>,
    /// Minimum balance for a payout, dollars.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub payout_threshold: Option<RawValue>,
    /// Months between a payout and its cash.
    #[schemars(with = "Option<i64>")]
    pub payout_delay_months: Option<Spanned<i64>>,
    /// Referred subscribers per plan at the start.
    #[schemars(with = "Option<BTreeMap<String, i64>>")]
    pub initial_subscribers: Option<Named<Spanned<i64>>>,
    /// Bills the initial subscribers have had: a number, or a table by plan name.
    #[schemars(with = "Option<TenureMonths>")]
    pub initial_tenure_months: Option<RawValue>,
    /// Commission earned but not yet paid out at the start, dollars.
    #[schemars(with = "Option<f64>")]
    pub initial_balance: Option<Spanned<f64>>,
    /// The programme's commission rates.
    pub commission: Option<RawCommission>,
    /// One table per plan.
    #[schemars(with = "Option<BTreeMap<String, RawPlan>>")]
    pub plans: Option<Spanned<Named<RawPlan>>>,
}

/// `[affiliate.content]`: pieces that send signups for months (docs/model.md §11.2).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContent {
    /// A whole number every month, or a list by calendar month.
    #[schemars(with = "Option<PiecesPerMonth>")]
    pub pieces_per_month: Option<RawValue>,
    /// A piece's signups a month at its peak: a number, or a distribution drawn per piece.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub signups_per_piece: Option<RawValue>,
    /// Months to reach the peak, at least 1.
    #[schemars(with = "Option<i64>")]
    pub ramp_months: Option<Spanned<i64>>,
    /// Omitted: evergreen.
    #[schemars(with = "Option<f64>")]
    pub half_life_months: Option<Spanned<f64>>,
    /// Hours in the month a piece is published.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub hours_per_piece: Option<RawValue>,
    /// Pieces already published before the first simulated month, and their age then.
    #[schemars(with = "Option<i64>")]
    pub existing_pieces: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub existing_age_months: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCommission {
    /// Rate on the first payment (0.15 = 15%).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub first_order: Option<RawValue>,
    /// Rate on each renewal of a non-premium plan.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub recurring: Option<RawValue>,
    /// Rate on each payment on a premium plan after an upgrade.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub premium: Option<RawValue>,
    /// Fixed dollars per signup (one-time bounty programmes).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub bounty: Option<RawValue>,
    /// Renewals earn commission only this many months after the first order (default: forever).
    #[schemars(with = "Option<i64>")]
    pub recurring_months: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    /// Required: dollars a month.
    #[schemars(with = "NumberOrDistribution")]
    pub price: RawValue,
    /// Whether this is a premium plan (default false).
    pub premium: Option<bool>,
    /// Monthly churn probability, a distribution of it, or { sbg = [alpha, beta] }.
    #[schemars(with = "Option<Churn>")]
    pub churn: Option<RawValue>,
    /// An upgrade path to a premium plan.
    pub upgrade: Option<RawUpgrade>,
}
