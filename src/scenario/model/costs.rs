//! The validated `[costs]` (docs/model.md §10): fees on invoices and payouts, running and
//! one-off costs, the tax set-aside.

use crate::distribution::Param;

/// A fee on each invoice or payout: `percent` of the amount plus `fixed`, at most `max`.
#[derive(Debug, Clone)]
pub struct Fee {
    pub percent: Param,
    pub fixed: Param,
    /// The largest fee on one payment (payout fees only); `None` = no cap.
    pub max: Option<Param>,
}

/// A cost paid once, in a calendar month.
#[derive(Debug, Clone)]
pub struct OneOff {
    pub month: u32,
    pub amount: Param,
    pub label: String,
}

/// `[costs]`: fees, running costs, one-off costs and the tax set-aside (docs/model.md §10).
#[derive(Debug, Clone)]
pub struct Costs {
    /// On each reseller invoice.
    pub payment_fee: Fee,
    /// On each affiliate payout.
    pub payout_fee: Fee,
    /// Named costs every month, in file order.
    pub monthly: Vec<(String, Param)>,
    /// One-off costs within the simulated months (earlier ones are not charged).
    pub one_off: Vec<OneOff>,
    /// Share of each month's positive pre-tax profit set aside for tax.
    pub tax_rate: Param,
}

impl Costs {
    /// Whether any cost can be positive in some trajectory (a `[costs]` of zeros is none).
    pub fn can_be_positive(&self) -> bool {
        let mut any = false;
        self.visit(&mut |p| any |= p.is_uncertain() || p.central() != 0.0);
        any
    }

    pub(super) fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        for fee in [&self.payment_fee, &self.payout_fee] {
            f(&fee.percent);
            f(&fee.fixed);
            if let Some(max) = &fee.max {
                f(max);
            }
        }
        self.monthly.iter().for_each(|(_, p)| f(p));
        self.one_off.iter().for_each(|o| f(&o.amount));
        f(&self.tax_rate);
    }
}
