//! The rows of the key table, in the order of the README's scenario reference. A programme's
//! keys are listed once, in the one-programme form (`affiliate.signups`), which
//! `affiliate.programmes.NAME.signups` normalizes to.

use super::Values::{Number, Param, PerPiece, Whole};
use super::{Domain, Key, MAX_HOURS, MAX_MONEY};
use crate::text::Unit;

/// Longest horizon accepted: 50 years of months.
pub const MAX_HORIZON: i64 = 600;
/// The largest shape of a beta or an sBG a scenario takes (from 0.0001): beyond it the draws
/// are all 0 or 1, or the same number.
pub const MAX_SHAPE: f64 = 1e6;
/// Most trajectories a scenario may ask for.
pub const MAX_TRAJECTORIES: i64 = u32::MAX as i64;
/// Latest first month: a business 800 years old.
pub const MAX_START_MONTH: i64 = 10_000;
/// Most bills a customer may have had before the first simulated month: a hundred years.
pub const MAX_TENURE: i64 = 1200;
/// Most months of payout delay.
pub const MAX_PAYOUT_DELAY: i64 = 24;
/// Most pieces of content a month.
pub const MAX_PIECES: i64 = 1000;
/// Longest ramp of a piece of content, in months.
pub const MAX_RAMP: i64 = 600;
/// Largest mix weight (weights are relative; a bound keeps their sum finite).
pub const MAX_WEIGHT: f64 = 1e6;
/// Most months in one sentence about months (an upgrade window, a half-life): a century.
const CENTURY: f64 = 1200.0;
/// Latest calendar month a scenario can name.
const LAST_MONTH: i64 = MAX_START_MONTH + MAX_HORIZON;
/// Largest target amount: beyond it no run reaches it.
pub const MAX_TARGET: f64 = 1e15;
/// Largest record noise of a history column (a lognormal σ; 3 is a record off by a factor
/// of 20 either way).
pub const MAX_NOISE: f64 = 3.0;

const DOLLARS: Unit = Unit::Dollars;
const PERCENT: Unit = Unit::Percent;
const HOURS: Unit = Unit::Hours;
const MONTHS: Unit = Unit::Months;
const PER_MONTH: Unit = Unit::PerMonth;
const NUMBER: Unit = Unit::Number;

const fn key(pattern: &'static str, unit: Unit, words: &'static str, values: super::Values) -> Key {
    Key { pattern, unit, words, values }
}

/// Every numeric key of a scenario.
pub const KEYS: &[Key] = &[
    // The run.
    key("horizon_months", MONTHS, "horizon", Whole { min: 1, max: MAX_HORIZON }),
    key("trajectories", Unit::count("trajectories"), "trajectories", Whole { min: 1, max: MAX_TRAJECTORIES }),
    key("seed", NUMBER, "seed", Whole { min: 0, max: i64::MAX }),
    key("start_month", NUMBER, "first simulated month", Whole { min: 1, max: MAX_START_MONTH }),
    // The reseller.
    key("reseller.arrivals", PER_MONTH, "arrivals", Param(Domain::NonNegative)),
    key("reseller.arrivals_growth", PERCENT, "arrivals growth", Param(Domain::Growth)),
    key("reseller.referral_rate", NUMBER, "referrals per customer", Param(Domain::Referral)),
    key("reseller.churn", PERCENT, "churn", Param(Domain::Rate)),
    key("reseller.churn.alpha", NUMBER, "churn shape alpha", Param(Domain::Shape)),
    key("reseller.churn.beta", NUMBER, "churn shape beta", Param(Domain::Shape)),
    key("reseller.spend_growth", PERCENT, "spend growth", Param(Domain::Growth)),
    key("reseller.spend_volatility", NUMBER, "spend volatility", Param(Domain::Volatility)),
    key(
        "reseller.initial_customers.*",
        Unit::count("customers"),
        "initial customers",
        Whole { min: 0, max: u32::MAX as i64 },
    ),
    key("reseller.initial_tenure_months", MONTHS, "tenure", Whole { min: 0, max: MAX_TENURE }),
    key("reseller.initial_tenure_months.*", MONTHS, "tenure", Whole { min: 0, max: MAX_TENURE }),
    key("reseller.arrival_mix.*", NUMBER, "share of new customers", Number { min: 0.0, max: MAX_WEIGHT }),
    key("reseller.kickback.first_order", PERCENT, "kickback first order", Param(Domain::Rate)),
    key("reseller.kickback.recurring", PERCENT, "kickback recurring", Param(Domain::Rate)),
    key("reseller.kickback.premium", PERCENT, "kickback premium", Param(Domain::Rate)),
    key("reseller.kickback.premium_volume", DOLLARS, "premium volume", Param(Domain::Money)),
    key("reseller.tiers.*.markup", PERCENT, "markup", Param(Domain::Markup)),
    key("reseller.tiers.*.minimum", DOLLARS, "minimum", Param(Domain::Money)),
    key("reseller.tiers.*.spend", DOLLARS, "spend", Number { min: 0.0, max: MAX_MONEY }),
    key("reseller.tiers.*.spend.median", DOLLARS, "median spend", Param(Domain::Money)),
    key("reseller.tiers.*.support_hours", HOURS, "support hours", Param(Domain::Hours)),
    key("reseller.tiers.*.upgrade.probability", PERCENT, "upgrade probability", Param(Domain::Rate)),
    key("reseller.tiers.*.upgrade.within_months", MONTHS, "upgrade window", Number { min: 0.0, max: CENTURY }),
    // The affiliate programmes.
    key("affiliate.signups", PER_MONTH, "signups", Param(Domain::NonNegative)),
    key("affiliate.signups_growth", PERCENT, "signups growth", Param(Domain::Growth)),
    key("affiliate.share", PERCENT, "share of content signups", Param(Domain::Rate)),
    key("affiliate.payout_threshold", DOLLARS, "payout threshold", Param(Domain::Money)),
    key("affiliate.payout_delay_months", MONTHS, "payout delay", Whole { min: 0, max: MAX_PAYOUT_DELAY }),
    key("affiliate.initial_balance", DOLLARS, "balance today", Number { min: 0.0, max: MAX_MONEY }),
    key(
        "affiliate.initial_subscribers.*",
        Unit::count("subscribers"),
        "initial subscribers",
        Whole { min: 0, max: u32::MAX as i64 },
    ),
    key("affiliate.initial_tenure_months", MONTHS, "tenure", Whole { min: 0, max: MAX_TENURE }),
    key("affiliate.initial_tenure_months.*", MONTHS, "tenure", Whole { min: 0, max: MAX_TENURE }),
    key("affiliate.plan_mix.*", NUMBER, "share of signups", Number { min: 0.0, max: MAX_WEIGHT }),
    key("affiliate.commission.first_order", PERCENT, "commission first order", Param(Domain::Rate)),
    key("affiliate.commission.recurring", PERCENT, "commission recurring", Param(Domain::Rate)),
    key("affiliate.commission.premium", PERCENT, "commission premium", Param(Domain::Rate)),
    key("affiliate.commission.bounty", DOLLARS, "bounty", Param(Domain::Money)),
    key("affiliate.commission.recurring_months", MONTHS, "recurring months", Whole { min: 0, max: 10_000 }),
    key("affiliate.plans.*.price", DOLLARS, "price", Param(Domain::Money)),
    key("affiliate.plans.*.churn", PERCENT, "churn", Param(Domain::Rate)),
    key("affiliate.plans.*.churn.alpha", NUMBER, "churn shape alpha", Param(Domain::Shape)),
    key("affiliate.plans.*.churn.beta", NUMBER, "churn shape beta", Param(Domain::Shape)),
    key("affiliate.plans.*.upgrade.probability", PERCENT, "upgrade probability", Param(Domain::Rate)),
    key("affiliate.plans.*.upgrade.within_months", MONTHS, "upgrade window", Number { min: 0.0, max: CENTURY }),
    // How exactly the history was recorded (`calibrate`).
    key("calibration.noise.*", NUMBER, "record noise", Number { min: 0.0, max: MAX_NOISE }),
    // Content that keeps earning.
    key(
        "affiliate.content.pieces_per_month",
        Unit::count("pieces"),
        "pieces a month",
        Whole { min: 0, max: MAX_PIECES },
    ),
    key("affiliate.content.signups_per_piece", PER_MONTH, "signups per piece", PerPiece(Domain::NonNegative)),
    key("affiliate.content.ramp_months", MONTHS, "ramp", Whole { min: 1, max: MAX_RAMP }),
    key("affiliate.content.half_life_months", MONTHS, "half-life", Number { min: 0.0, max: CENTURY }),
    key("affiliate.content.hours_per_piece", HOURS, "hours per piece", Param(Domain::Hours)),
    key(
        "affiliate.content.existing_pieces",
        Unit::count("pieces"),
        "pieces today",
        Whole { min: 0, max: MAX_PIECES * 600 },
    ),
    key("affiliate.content.existing_age_months", MONTHS, "age of today's pieces", Whole { min: 1, max: 1200 }),
    // Effort.
    key("effort.fixed_hours", HOURS, "fixed hours", Param(Domain::Hours)),
    key("effort.setup_hours", HOURS, "setup hours", Number { min: 0.0, max: MAX_HOURS }),
    key("effort.onboarding_hours", HOURS, "onboarding hours", Param(Domain::Hours)),
    key("effort.content_hours", HOURS, "content hours", Param(Domain::Hours)),
    // Money that leaves.
    key("costs.payment_fee.percent", PERCENT, "card fee", Param(Domain::FeeRate)),
    key("costs.payment_fee.fixed", DOLLARS, "card fee per invoice", Param(Domain::Money)),
    key("costs.payout_fee.percent", PERCENT, "payout fee", Param(Domain::FeeRate)),
    key("costs.payout_fee.fixed", DOLLARS, "payout fee per payout", Param(Domain::Money)),
    key("costs.payout_fee.max", DOLLARS, "largest payout fee", Param(Domain::Money)),
    key("costs.monthly.*", DOLLARS, "running cost", Param(Domain::Money)),
    key("costs.one_off.*.amount", DOLLARS, "one-off cost", Param(Domain::Money)),
    key("costs.one_off.*.month", NUMBER, "month of a one-off cost", Whole { min: 1, max: LAST_MONTH }),
    key("costs.tax_rate", PERCENT, "tax set-aside", Param(Domain::Rate)),
    // Targets and correlations.
    key("targets.*.at_least", NUMBER, "target", Number { min: -MAX_TARGET, max: MAX_TARGET }),
    key("targets.*.month", NUMBER, "target month", Whole { min: 1, max: LAST_MONTH }),
    key("correlations.*.rank", NUMBER, "rank correlation", Number { min: -1.0, max: 1.0 }),
];
