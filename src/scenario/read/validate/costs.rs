//! `[costs]`: fees on invoices and payouts, named running costs, one-off costs by calendar
//! month, and the tax rate (docs/model.md §10). One-off costs after the last simulated month
//! are errors; those before the first are history: not charged, and said so.

use super::{Validator, span};
use crate::distribution::Param;
use crate::scenario::model::{Costs, Fee, OneOff};
use crate::scenario::read::raw::{RawCosts, RawOneOff, RawPayoutFee};
use crate::text::number::dollars;

impl Validator {
    pub(super) fn costs(&mut self, raw: RawCosts, start: i64, horizon: i64, notes: &mut Vec<String>) -> Costs {
        let payment_fee = raw.payment_fee.map(|f| {
            let f = f.into_inner();
            RawPayoutFee { percent: f.percent, fixed: f.fixed, max: None }
        });
        let payout_fee = raw.payout_fee.map(toml::Spanned::into_inner);
        let monthly = raw
            .monthly
            .iter()
            .flatten()
            .filter_map(|(name, v)| {
                let key = format!("costs.monthly.{}", name.get_ref());
                if name.get_ref().trim().is_empty() {
                    // It names the cost in every output ("running cost hosting").
                    let key = format!("costs.monthly.\"{}\"", name.get_ref());
                    self.problem(
                        &key,
                        span(name),
                        "the running cost's name is empty or only spaces".to_string(),
                        "name it, e.g. monthly = { hosting = 20 }",
                    );
                    return None;
                }
                if name.get_ref().chars().count() > super::MAX_PART_NAME {
                    self.problem(
                        &format!("costs.monthly.{}…", name.get_ref().chars().take(20).collect::<String>()),
                        span(name),
                        format!(
                            "the running cost's name is {} characters long; at most {}",
                            name.get_ref().chars().count(),
                            super::MAX_PART_NAME
                        ),
                        "shorten it: it names the cost in every output",
                    );
                    return None;
                }
                Some((name.get_ref().clone(), self.param(&key, v)))
            })
            .collect();
        let one_off = raw
            .one_off
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, o)| self.one_off(i, o, start, horizon, notes))
            .collect();
        Costs {
            payment_fee: self.fee("costs.payment_fee", payment_fee),
            payout_fee: self.fee("costs.payout_fee", payout_fee),
            monthly,
            one_off,
            tax_rate: self.param_or("costs.tax_rate", raw.tax_rate.as_ref(), 0.0),
        }
    }

    fn fee(&mut self, key: &str, raw: Option<RawPayoutFee>) -> Fee {
        let Some(raw) = raw else {
            return Fee { percent: Param::ZERO, fixed: Param::ZERO, max: None };
        };
        let percent = self.param_or(&format!("{key}.percent"), raw.percent.as_ref(), 0.0);
        let fixed = self.param_or(&format!("{key}.fixed"), raw.fixed.as_ref(), 0.0);
        let max = raw.max.as_ref().map(|m| (m, self.param(&format!("{key}.max"), m)));
        if let Some((at, max)) = &max {
            // The cap must stay at or above the fixed part in every trajectory.
            let (lowest_max, highest_fixed) = (max.quantile(1e-6), fixed.quantile(1.0 - 1e-6));
            if lowest_max < highest_fixed {
                self.problem(
                    &format!("{key}.max"),
                    span(at),
                    format!("the cap {} is below the fixed part {}", dollars(lowest_max), dollars(highest_fixed)),
                    "a fee is min(max, percent × payout + fixed): give a max of at least the fixed part",
                );
            }
        }
        Fee { percent, fixed, max: max.map(|(_, m)| m) }
    }

    fn one_off(
        &mut self,
        index: usize,
        raw: &RawOneOff,
        start: i64,
        horizon: i64,
        notes: &mut Vec<String>,
    ) -> Option<OneOff> {
        let key = format!("costs.one_off[{index}]");
        let amount = self.param(&format!("{key}.amount"), &raw.amount);
        let label = raw.label.as_ref().map_or_else(|| format!("one-off cost {}", index + 1), |l| l.get_ref().clone());
        let month = *raw.month.get_ref();
        let last = start + horizon - 1;
        if month < 1 || month > last {
            self.problem(
                &format!("{key}.month"),
                span(&raw.month),
                format!("month {month} is outside the simulation (months {start} to {last})"),
                "give the calendar month the cost is paid in, within the simulated months",
            );
            return None;
        }
        if month < start {
            notes.push(format!(
                "{key} ({label}) is in month {month}, before the first simulated month {start}: it is history and \
                 is not charged"
            ));
            return None;
        }
        Some(OneOff { month: month as u32, amount, label })
    }
}
