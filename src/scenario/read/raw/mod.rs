//! The serde mirror of a scenario file: exactly what the user typed, with spans.
//!
//! Nothing here is validated beyond TOML types; unknown keys are rejected by
//! `deny_unknown_fields`. Numbers that may be fixed or a distribution stay as spanned TOML
//! values so that [`super::validate`] can explain precisely what is wrong with them.
//!
//! The same types generate the format's JSON Schema ([`crate::scenario::write::schema`]):
//! spans are invisible in it (`#[schemars(with = ...)]` names the plain type), and each
//! `RawValue` names the forms its validator accepts ([`forms`]). The field docs are the
//! descriptions an editor shows. The affiliate stream's tables are in `affiliate.rs`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

mod affiliate;
pub mod forms;

pub use affiliate::{RawAffiliate, RawCommission, RawContent, RawPlan, RawProgramme};

use forms::{Churn, HoursByMonth, NumberOrDistribution, Spend, TenureMonths};

/// A number, or a distribution table such as `{ beta = [2, 18] }`.
pub type RawValue = Spanned<toml::Value>;
/// A table keyed by tier or plan name, in file order.
pub type Named<T> = IndexMap<Spanned<String>, T>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Shown in tables and chart titles (default "Untitled scenario").
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// Months simulated, 1-600 (default 24).
    #[schemars(with = "Option<i64>")]
    pub horizon_months: Option<Spanned<i64>>,
    /// Futures simulated (default 10,000).
    #[schemars(with = "Option<i64>")]
    pub trajectories: Option<Spanned<i64>>,
    /// Random seed, 0 or more (default 2026); the same seed gives the same numbers.
    #[schemars(with = "Option<i64>")]
    pub seed: Option<Spanned<i64>>,
    /// Calendar number of the first simulated month (default 1); the `initial_*` keys are the state at its start.
    #[schemars(with = "Option<i64>")]
    pub start_month: Option<Spanned<i64>>,
    /// The date of calendar month 1, the business's first month, as "YYYY-MM" (e.g. "2026-01"): outputs then show dates beside month numbers, and a history's dates map through it (docs/model.md §14).
    #[schemars(with = "Option<String>", regex(pattern = r"^[0-9]{4}-[0-9]{2}$"))]
    pub first_month: Option<Spanned<String>>,
    /// The reseller stream: customers on markup tiers.
    pub reseller: Option<RawReseller>,
    /// The affiliate stream: referred subscribers on plans that pay commission.
    pub affiliate: Option<RawAffiliate>,
    /// The hours the business takes.
    pub effort: Option<RawEffort>,
    /// The money that leaves: fees, running costs, tax.
    pub costs: Option<RawCosts>,
    /// A CSV of joint parameter draws, one column per dotted key, relative to the scenario file (docs/model.md §12.1).
    #[schemars(with = "Option<String>")]
    pub parameter_sets: Option<Spanned<String>>,
    /// Rank correlations between uncertain parameters: `[[correlations]]` with `between` and `rank` (docs/model.md §12.2).
    pub correlations: Option<Vec<RawCorrelation>>,
    /// Goals to report the probability of: `[[targets]]` with `metric`, `at_least` and `month`.
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    /// The state today, in one table: the first month, customers, subscribers, balance, tenure.
    #[schemars(with = "Option<RawStart>")]
    pub start: Option<Spanned<RawStart>>,
    /// How `calibrate` weighs your history: how exactly each column was recorded.
    pub calibration: Option<RawCalibration>,
}

/// `[calibration]`: how `calibrate` weighs the history (docs/model.md §16).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCalibration {
    /// Each money or hours column's record noise, a lognormal sigma (0 = exact; 0.3 = within about ±30%):
    /// money is exact to the cent and hours 0.3 unless given here. Counts and flows are always exact.
    #[schemars(with = "Option<RawNoise>")]
    pub noise: Option<Named<Spanned<f64>>>,
}

/// The columns `[calibration] noise` may name (the schema's view of it).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct RawNoise {
    /// Revenue's record noise (default 0: exact to the cent).
    pub revenue: Option<f64>,
    /// COGS's record noise (default 0).
    pub cogs: Option<f64>,
    /// Gross profit's record noise, relative to its size (default 0).
    pub gross_profit: Option<f64>,
    /// Hours' record noise (default 0.3: people log hours roughly).
    pub hours: Option<f64>,
    /// Commission earned's record noise (default 0).
    pub commission: Option<f64>,
    /// Commission paid's record noise (default 0).
    pub commission_paid: Option<f64>,
    /// Payout fees' record noise (default 0).
    pub payout_fees: Option<f64>,
}

/// `[start]`: the state today, for projecting from the present instead of from zero; an
/// alternative spelling of `start_month` and the streams' `initial_*` keys.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStart {
    /// The first simulated month (calendar number).
    #[schemars(with = "Option<i64>")]
    pub month: Option<Spanned<i64>>,
    /// Reseller customers per tier today, e.g. { starter = 8, growth = 3 }.
    #[schemars(with = "Option<BTreeMap<String, i64>>")]
    pub customers: Option<Named<Spanned<i64>>>,
    /// Referred subscribers per plan today, e.g. { pro = 40, scale = 6 }.
    #[schemars(with = "Option<BTreeMap<String, i64>>")]
    pub subscribers: Option<Named<Spanned<i64>>>,
    /// Commission earned but not yet paid out today, dollars.
    #[schemars(with = "Option<f64>")]
    pub balance: Option<Spanned<f64>>,
    /// Bills each initial customer and subscriber has had: a number, or a table by tier
    /// and plan name.
    #[schemars(with = "Option<TenureMonths>")]
    pub tenure_months: Option<RawValue>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReseller {
    /// Customers per tier at the start, e.g. { starter = 8, growth = 3 }; billed in the first month as renewals.
    #[schemars(with = "Option<BTreeMap<String, i64>>")]
    pub initial_customers: Option<Named<Spanned<i64>>>,
    /// A number, or a table by tier name.
    #[schemars(with = "Option<TenureMonths>")]
    pub initial_tenure_months: Option<RawValue>,
    /// New customers a month (Poisson mean).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub arrivals: Option<RawValue>,
    /// Monthly growth of the arrival rate (0.05 = +5% a month).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub arrivals_growth: Option<RawValue>,
    /// Word of mouth: extra arrivals a month per active customer.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub referral_rate: Option<RawValue>,
    /// Tier weights of new customers (default: all to the first tier).
    #[schemars(with = "Option<BTreeMap<String, f64>>")]
    pub arrival_mix: Option<Spanned<Named<Spanned<f64>>>>,
    /// Monthly churn probability (0.10 = 10%), a distribution of it, or { sbg = [alpha, beta] }.
    #[schemars(with = "Option<Churn>")]
    pub churn: Option<RawValue>,
    /// Monthly drift of each customer's spend (0.02 = +2%).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub spend_growth: Option<RawValue>,
    /// Month-to-month lognormal noise of each spend (sigma).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub spend_volatility: Option<RawValue>,
    /// The platform's programme on the reseller's own volume.
    pub kickback: Option<RawKickback>,
    /// One table per tier, in the order they should appear: [reseller.tiers.NAME].
    #[schemars(with = "BTreeMap<String, RawTier>")]
    pub tiers: Spanned<Named<RawTier>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawKickback {
    /// Rate on a customer's first bill (0.15 = 15%).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub first_order: Option<RawValue>,
    /// Rate on renewals.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub recurring: Option<RawValue>,
    /// Rate instead of `recurring` in months whose platform volume reaches `premium_volume`.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub premium: Option<RawValue>,
    /// Monthly platform volume, dollars, at which `premium` applies (default: never).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub premium_volume: Option<RawValue>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    /// Required: invoice = spend x (1 + markup); 0.15 = 15%.
    #[schemars(with = "NumberOrDistribution")]
    pub markup: RawValue,
    /// Minimum monthly invoice, dollars.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub minimum: Option<RawValue>,
    /// Required: a new customer's monthly platform spend, dollars.
    #[schemars(with = "Spend")]
    pub spend: RawValue,
    /// Hours per customer-month.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub support_hours: Option<RawValue>,
    /// An upgrade path: { to = "growth", probability = 0.35, within_months = 3 }.
    pub upgrade: Option<RawUpgrade>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUpgrade {
    /// The tier or plan upgraded to.
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    /// Probability of upgrading within `within_months`.
    #[schemars(with = "NumberOrDistribution")]
    pub probability: RawValue,
    /// Months over which `probability` applies (default 1).
    #[schemars(with = "Option<f64>")]
    pub within_months: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEffort {
    /// Hours every month.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub fixed_hours: Option<RawValue>,
    /// A number (month 1 only) or a list by month.
    #[schemars(with = "Option<HoursByMonth>")]
    pub setup_hours: Option<RawValue>,
    /// Hours per new reseller customer.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub onboarding_hours: Option<RawValue>,
    /// Hours a month of affiliate content.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub content_hours: Option<RawValue>,
}

/// `[costs]`: the money that leaves (docs/model.md §10).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCosts {
    /// Card processing on each reseller invoice: { percent = 0.029, fixed = 0.30 }.
    #[schemars(with = "Option<RawPaymentFee>")]
    pub payment_fee: Option<Spanned<RawPaymentFee>>,
    /// The payout provider's cut of each affiliate payout: { percent = 0.02, fixed = 0.25, max = 20 }.
    #[schemars(with = "Option<RawPayoutFee>")]
    pub payout_fee: Option<Spanned<RawPayoutFee>>,
    /// Named running costs a month.
    #[schemars(with = "Option<BTreeMap<String, NumberOrDistribution>>")]
    pub monthly: Option<Named<RawValue>>,
    /// Costs paid once: [[costs.one_off]] with `month`, `amount`, `label`.
    pub one_off: Option<Vec<RawOneOff>>,
    /// A set-aside for income tax: tax_rate x the month's positive pre-tax profit.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub tax_rate: Option<RawValue>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPaymentFee {
    /// Fraction of each invoice (0.029 = 2.9%).
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub percent: Option<RawValue>,
    /// Dollars per invoice.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub fixed: Option<RawValue>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPayoutFee {
    /// Fraction of each payout.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub percent: Option<RawValue>,
    /// Dollars per payout.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub fixed: Option<RawValue>,
    /// At most this many dollars per payout.
    #[schemars(with = "Option<NumberOrDistribution>")]
    pub max: Option<RawValue>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOneOff {
    /// The calendar month it is paid in.
    #[schemars(with = "i64")]
    pub month: Spanned<i64>,
    /// Dollars.
    #[schemars(with = "NumberOrDistribution")]
    pub amount: RawValue,
    /// What it is, for the report.
    #[schemars(with = "Option<String>")]
    pub label: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCorrelation {
    /// The two dotted keys of uncertain parameters, e.g. ["reseller.churn", "reseller.arrivals"].
    #[schemars(with = "[String; 2]")]
    pub between: Spanned<Vec<Spanned<String>>>,
    /// Spearman's rank correlation, strictly between -1 and 1.
    #[schemars(with = "f64")]
    pub rank: Spanned<f64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// A metric key, e.g. "gross_profit", "net_profit", "cumulative_net_profit".
    #[schemars(with = "String")]
    pub metric: Spanned<String>,
    /// The goal: P(metric >= at_least) is reported.
    #[schemars(with = "f64")]
    pub at_least: Spanned<f64>,
    /// Calendar month, as numbered in the tables (default: the last).
    #[schemars(with = "Option<i64>")]
    pub month: Option<Spanned<i64>>,
}
