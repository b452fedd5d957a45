//! The money that leaves, month by month (docs/model.md §10): card fees on every reseller
//! invoice, the payout provider's cut of every affiliate payout, running and one-off costs,
//! and the tax set-aside on a positive pre-tax profit. Without costs, net profit is gross.

use super::reseller::ResellerMonth;
use super::resolve::DrawnCosts;

/// One month's money after gross profit.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NetMonth {
    pub payment_fees: f64,
    pub payout_fees: f64,
    pub costs: f64,
    pub tax: f64,
    pub net_profit: f64,
}

/// Settles month `m` (0-based) of a trajectory with gross profit `gross`, the reseller's
/// month `r` and the cash each affiliate programme paid out this month.
#[inline]
pub fn settle(costs: Option<&DrawnCosts>, m: usize, gross: f64, r: &ResellerMonth, payouts: &[f64]) -> NetMonth {
    let Some(c) = costs else {
        return NetMonth { net_profit: gross, ..NetMonth::default() };
    };
    // percent × invoice + fixed on each invoice: the invoices sum to the revenue.
    let payment_fees = c.payment_fee.percent * r.revenue + c.payment_fee.fixed * f64::from(r.billed);
    // `+ 0.0`: an empty sum is −0.0, which the outputs would print as "-0".
    let payout_fees: f64 = payouts.iter().filter(|p| **p > 0.0).map(|&p| c.payout_fee.on(p)).sum::<f64>() + 0.0;
    let costs = c.of_month(m);
    let pre_tax = gross - payment_fees - payout_fees - costs;
    let tax = c.tax_rate * pre_tax.max(0.0);
    NetMonth { payment_fees, payout_fees, costs, tax, net_profit: pre_tax - tax }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::resolve::DrawnFee;

    fn costs() -> DrawnCosts {
        DrawnCosts {
            payment_fee: DrawnFee { percent: 0.029, fixed: 0.30, max: f64::INFINITY },
            payout_fee: DrawnFee { percent: 0.02, fixed: 0.25, max: 20.0 },
            monthly: 49.0,
            one_off: vec![(0, 50.0)],
            tax_rate: 0.25,
        }
    }

    #[test]
    fn fees_costs_and_tax_follow_the_rules_to_the_cent() {
        let r = ResellerMonth { billed: 10, revenue: 2000.0, cogs: 1700.0, ..ResellerMonth::default() };
        let gross = r.revenue - r.cogs + 100.0;
        let month0 = settle(Some(&costs()), 0, gross, &r, &[60.0]);
        assert!((month0.payment_fees - (0.029 * 2000.0 + 10.0 * 0.30)).abs() < 1e-9);
        assert!((month0.payout_fees - (0.02 * 60.0 + 0.25)).abs() < 1e-9);
        assert_eq!(month0.costs, 99.0, "monthly plus the month's one-off");
        let pre_tax = gross - 61.0 - 1.45 - 99.0;
        assert!((month0.tax - 0.25 * pre_tax).abs() < 1e-9);
        assert!((month0.net_profit - 0.75 * pre_tax).abs() < 1e-9);
        let month1 = settle(Some(&costs()), 1, gross, &r, &[60.0]);
        assert_eq!(month1.costs, 49.0, "the one-off is paid once");
    }

    #[test]
    fn the_payout_fee_is_capped_and_only_on_payouts_and_losses_pay_no_tax() {
        let r = ResellerMonth::default();
        assert_eq!(settle(Some(&costs()), 1, 0.0, &r, &[5000.0]).payout_fees, 20.0);
        let two = settle(Some(&costs()), 1, 0.0, &r, &[5000.0, 100.0, 0.0]).payout_fees;
        assert!((two - (20.0 + 0.02 * 100.0 + 0.25)).abs() < 1e-12, "a fee per payout: {two}");
        let month = settle(Some(&costs()), 1, 30.0, &r, &[0.0]);
        assert_eq!(month.payout_fees, 0.0);
        assert_eq!(month.tax, 0.0, "a loss of $19 pays no tax");
        assert!((month.net_profit - (30.0 - 49.0)).abs() < 1e-12);
        let plain = settle(None, 0, 123.0, &r, &[]);
        assert_eq!(plain, NetMonth { net_profit: 123.0, ..NetMonth::default() });
    }
}
