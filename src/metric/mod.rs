//! The names of what sidecast measures each month: [`Metric`] with its stable keys (used in
//! JSON, CSV and target definitions), units and plain-English labels; which metrics the
//! engine stores ([`Stored`]) and how the others derive from them ([`Derivation`]); and the
//! typed key of a report series ([`SeriesKey`]: a metric, or a metric of one tier or plan).

use std::fmt;

use serde::{Serialize, Serializer};

mod series;

pub use series::SeriesKey;

pub use crate::text::Unit;

/// A monthly metric of one trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// Reseller customers billed this month.
    ActiveCustomers,
    /// Reseller customers who arrived this month.
    NewCustomers,
    /// Referred affiliate subscribers billed this month.
    Subscribers,
    /// Reseller invoices.
    Revenue,
    /// Platform cost of the reseller's customers, less the kickback.
    Cogs,
    CommissionEarned,
    CommissionPaid,
    /// The platform's kickback on the reseller's own volume (already netted in COGS).
    Kickback,
    /// Reseller gross profit plus commission earned.
    GrossProfit,
    CumulativeGrossProfit,
    /// Card processing on reseller invoices.
    PaymentFees,
    /// The payout provider's cut of affiliate payouts.
    PayoutFees,
    /// Running costs (monthly) and one-off costs.
    Costs,
    /// The tax set-aside on a month's positive pre-tax profit.
    Tax,
    /// Gross profit less fees, costs and tax.
    NetProfit,
    CumulativeNetProfit,
    Hours,
    CumulativeHours,
    /// Gross profit per hour; undefined in a month with zero hours.
    HourlyRate,
    /// Cumulative gross profit per cumulative hour.
    CumulativeHourlyRate,
    /// Net profit per hour; undefined in a month with zero hours.
    NetHourlyRate,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 21] = [
        Metric::ActiveCustomers,
        Metric::NewCustomers,
        Metric::Subscribers,
        Metric::Revenue,
        Metric::Cogs,
        Metric::CommissionEarned,
        Metric::CommissionPaid,
        Metric::Kickback,
        Metric::GrossProfit,
        Metric::CumulativeGrossProfit,
        Metric::PaymentFees,
        Metric::PayoutFees,
        Metric::Costs,
        Metric::Tax,
        Metric::NetProfit,
        Metric::CumulativeNetProfit,
        Metric::Hours,
        Metric::CumulativeHours,
        Metric::HourlyRate,
        Metric::CumulativeHourlyRate,
        Metric::NetHourlyRate,
    ];

    /// The stable key used in files and scenario targets.
    pub fn key(self) -> &'static str {
        match self {
            Metric::ActiveCustomers => "active_customers",
            Metric::NewCustomers => "new_customers",
            Metric::Subscribers => "subscribers",
            Metric::Revenue => "revenue",
            Metric::Cogs => "cogs",
            Metric::CommissionEarned => "commission_earned",
            Metric::CommissionPaid => "commission_paid",
            Metric::Kickback => "kickback",
            Metric::GrossProfit => "gross_profit",
            Metric::CumulativeGrossProfit => "cumulative_gross_profit",
            Metric::PaymentFees => "payment_fees",
            Metric::PayoutFees => "payout_fees",
            Metric::Costs => "costs",
            Metric::Tax => "tax",
            Metric::NetProfit => "net_profit",
            Metric::CumulativeNetProfit => "cumulative_net_profit",
            Metric::Hours => "hours",
            Metric::CumulativeHours => "cumulative_hours",
            Metric::HourlyRate => "hourly_rate",
            Metric::CumulativeHourlyRate => "cumulative_hourly_rate",
            Metric::NetHourlyRate => "net_hourly_rate",
        }
    }

    /// A label for tables and chart axes.
    pub fn label(self) -> &'static str {
        match self {
            Metric::ActiveCustomers => "Active customers",
            Metric::NewCustomers => "New customers",
            Metric::Subscribers => "Referred subscribers",
            Metric::Revenue => "Revenue",
            Metric::Cogs => "Cost of goods",
            Metric::CommissionEarned => "Commission earned",
            Metric::CommissionPaid => "Commission paid out",
            Metric::Kickback => "Platform kickback",
            Metric::GrossProfit => "Gross profit",
            Metric::CumulativeGrossProfit => "Cumulative gross profit",
            Metric::PaymentFees => "Payment fees",
            Metric::PayoutFees => "Payout fees",
            Metric::Costs => "Running and one-off costs",
            Metric::Tax => "Tax set-aside",
            Metric::NetProfit => "Net profit",
            Metric::CumulativeNetProfit => "Cumulative net profit",
            Metric::Hours => "Hours worked",
            Metric::CumulativeHours => "Cumulative hours",
            Metric::HourlyRate => "Effective hourly rate",
            Metric::CumulativeHourlyRate => "Cumulative hourly rate",
            Metric::NetHourlyRate => "Net hourly rate",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Metric::ActiveCustomers => Unit::count("customers"),
            Metric::NewCustomers => Unit::count("new customers"),
            Metric::Subscribers => Unit::count("subscribers"),
            Metric::Hours | Metric::CumulativeHours => Unit::Hours,
            Metric::HourlyRate | Metric::CumulativeHourlyRate | Metric::NetHourlyRate => Unit::DollarsPerHour,
            _ => Unit::Dollars,
        }
    }

    /// Looks a metric up by its key.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    /// All keys, for "allowed values" messages.
    pub fn keys() -> Vec<&'static str> {
        Metric::ALL.iter().map(|m| m.key()).collect()
    }

    /// Where the metric's values come from: a stored row, or a ratio of two (undefined where
    /// the denominator, hours, is zero).
    pub fn derivation(self) -> Derivation {
        match self {
            Metric::HourlyRate => Derivation::Ratio { numerator: Stored::GrossProfit, denominator: Stored::Hours },
            Metric::CumulativeHourlyRate => {
                Derivation::Ratio { numerator: Stored::CumulativeGrossProfit, denominator: Stored::CumulativeHours }
            }
            Metric::NetHourlyRate => Derivation::Ratio { numerator: Stored::NetProfit, denominator: Stored::Hours },
            Metric::ActiveCustomers => Derivation::Stored(Stored::ActiveCustomers),
            Metric::NewCustomers => Derivation::Stored(Stored::NewCustomers),
            Metric::Subscribers => Derivation::Stored(Stored::Subscribers),
            Metric::Revenue => Derivation::Stored(Stored::Revenue),
            Metric::Cogs => Derivation::Stored(Stored::Cogs),
            Metric::CommissionEarned => Derivation::Stored(Stored::CommissionEarned),
            Metric::CommissionPaid => Derivation::Stored(Stored::CommissionPaid),
            Metric::Kickback => Derivation::Stored(Stored::Kickback),
            Metric::GrossProfit => Derivation::Stored(Stored::GrossProfit),
            Metric::CumulativeGrossProfit => Derivation::Stored(Stored::CumulativeGrossProfit),
            Metric::PaymentFees => Derivation::Stored(Stored::PaymentFees),
            Metric::PayoutFees => Derivation::Stored(Stored::PayoutFees),
            Metric::Costs => Derivation::Stored(Stored::Costs),
            Metric::Tax => Derivation::Stored(Stored::Tax),
            Metric::NetProfit => Derivation::Stored(Stored::NetProfit),
            Metric::CumulativeNetProfit => Derivation::Stored(Stored::CumulativeNetProfit),
            Metric::Hours => Derivation::Stored(Stored::Hours),
            Metric::CumulativeHours => Derivation::Stored(Stored::CumulativeHours),
        }
    }

    /// Zero unless the scenario has a reseller stream.
    pub fn reseller_only(self) -> bool {
        matches!(
            self,
            Metric::ActiveCustomers | Metric::NewCustomers | Metric::Revenue | Metric::Cogs | Metric::Kickback
        )
    }

    /// Zero unless the scenario has costs (`[costs]`).
    pub fn costs_only(self) -> bool {
        matches!(self, Metric::PaymentFees | Metric::PayoutFees | Metric::Costs | Metric::Tax)
    }

    /// Without costs, the net metric equals this gross one.
    pub fn gross_twin(self) -> Option<Metric> {
        match self {
            Metric::NetProfit => Some(Metric::GrossProfit),
            Metric::CumulativeNetProfit => Some(Metric::CumulativeGrossProfit),
            Metric::NetHourlyRate => Some(Metric::HourlyRate),
            _ => None,
        }
    }

    /// Zero unless the scenario has an affiliate stream.
    pub fn affiliate_only(self) -> bool {
        matches!(self, Metric::Subscribers | Metric::CommissionEarned | Metric::CommissionPaid)
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Metric {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// A metric the engine records for every trajectory and month; the others derive from these.
/// The engine's rows come in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stored {
    ActiveCustomers,
    NewCustomers,
    Subscribers,
    Revenue,
    Cogs,
    CommissionEarned,
    CommissionPaid,
    Kickback,
    GrossProfit,
    CumulativeGrossProfit,
    PaymentFees,
    PayoutFees,
    Costs,
    Tax,
    NetProfit,
    CumulativeNetProfit,
    Hours,
    CumulativeHours,
}

impl Stored {
    /// Every stored metric, in row order.
    pub const ALL: [Stored; 18] = [
        Stored::ActiveCustomers,
        Stored::NewCustomers,
        Stored::Subscribers,
        Stored::Revenue,
        Stored::Cogs,
        Stored::CommissionEarned,
        Stored::CommissionPaid,
        Stored::Kickback,
        Stored::GrossProfit,
        Stored::CumulativeGrossProfit,
        Stored::PaymentFees,
        Stored::PayoutFees,
        Stored::Costs,
        Stored::Tax,
        Stored::NetProfit,
        Stored::CumulativeNetProfit,
        Stored::Hours,
        Stored::CumulativeHours,
    ];

    /// Its row among the stored rows.
    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn metric(self) -> Metric {
        match self {
            Stored::ActiveCustomers => Metric::ActiveCustomers,
            Stored::NewCustomers => Metric::NewCustomers,
            Stored::Subscribers => Metric::Subscribers,
            Stored::Revenue => Metric::Revenue,
            Stored::Cogs => Metric::Cogs,
            Stored::CommissionEarned => Metric::CommissionEarned,
            Stored::CommissionPaid => Metric::CommissionPaid,
            Stored::Kickback => Metric::Kickback,
            Stored::GrossProfit => Metric::GrossProfit,
            Stored::CumulativeGrossProfit => Metric::CumulativeGrossProfit,
            Stored::PaymentFees => Metric::PaymentFees,
            Stored::PayoutFees => Metric::PayoutFees,
            Stored::Costs => Metric::Costs,
            Stored::Tax => Metric::Tax,
            Stored::NetProfit => Metric::NetProfit,
            Stored::CumulativeNetProfit => Metric::CumulativeNetProfit,
            Stored::Hours => Metric::Hours,
            Stored::CumulativeHours => Metric::CumulativeHours,
        }
    }

    /// Whether the values are whole-number counts (summarised exactly when streaming).
    pub fn is_count(self) -> bool {
        self.metric().unit().is_count()
    }
}

/// Fewest hours that define an hourly rate: a millionth of an hour (3.6 ms). Below, the
/// rate is undefined like at zero hours, instead of a number near infinity (a profit over
/// 1e-300 hours).
pub const MIN_HOURS: f64 = 1e-6;

/// Whether a ratio's denominator (hours) defines the ratio.
pub fn defines_ratio(denominator: f64) -> bool {
    denominator >= MIN_HOURS
}

/// Where a metric's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    Stored(Stored),
    /// numerator / denominator, undefined where the denominator is below [`MIN_HOURS`].
    Ratio {
        numerator: Stored,
        denominator: Stored,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        for m in Metric::ALL {
            assert_eq!(Metric::from_key(m.key()), Some(m));
        }
        let mut keys = Metric::keys();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Metric::ALL.len());
    }

    #[test]
    fn stored_metrics_are_every_metric_but_the_ratios_in_report_order() {
        let expected: Vec<Metric> =
            Metric::ALL.into_iter().filter(|m| matches!(m.derivation(), Derivation::Stored(_))).collect();
        let stored: Vec<Metric> = Stored::ALL.iter().map(|s| s.metric()).collect();
        assert_eq!(stored, expected);
        for (i, s) in Stored::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(s.metric().derivation(), Derivation::Stored(*s));
        }
    }

    #[test]
    fn series_keys_read_as_dotted_text() {
        assert_eq!(SeriesKey::from(Metric::Revenue).to_string(), "revenue");
        assert_eq!(SeriesKey::part(Metric::ActiveCustomers, "starter").to_string(), "active_customers.starter");
        assert_eq!(serde_json::to_string(&SeriesKey::part(Metric::Subscribers, "pro")).unwrap(), "\"subscribers.pro\"");
    }

    #[test]
    fn series_keys_parse_from_text() {
        assert_eq!(SeriesKey::parse("revenue"), Some(Metric::Revenue.into()));
        assert_eq!(
            SeriesKey::parse("active_customers.starter"),
            Some(SeriesKey::part(Metric::ActiveCustomers, "starter"))
        );
        assert_eq!(SeriesKey::parse("subscribers.pro").map(|k| k.label()), Some("Referred subscribers (pro)".into()));
        for bad in ["active_customers.", "nope", "nope.x"] {
            assert_eq!(SeriesKey::parse(bad), None, "{bad}");
        }
    }
}
