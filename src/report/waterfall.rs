//! The results contract of where the money goes in one month (docs/model.md §10.3): from
//! revenue and commission earned, through the platform's cost (with its kickback as what it
//! gives back), fees, running costs and tax, to net profit, as means, which add up
//! (`summarize::waterfall` builds it).

use serde::Serialize;

use crate::metric::Metric;

/// One step of the waterfall: an amount that adds to (positive) or takes from (negative)
/// what the month keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub metric: Metric,
    pub label: String,
    /// The mean amount, signed.
    pub amount: f64,
    /// `amount` as a share of the month's income (revenue + commission earned); `None`
    /// without income.
    pub share_of_income: Option<f64>,
}

/// The waterfall of one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waterfall {
    /// The calendar month.
    pub month: u32,
    /// Mean revenue plus mean commission earned.
    pub income: f64,
    pub steps: Vec<Step>,
    /// The mean net profit: the sum of the steps.
    pub net_profit: f64,
    pub net_share_of_income: Option<f64>,
}
