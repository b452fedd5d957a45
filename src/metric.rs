//! The names of what sidecast measures each month: one enum, its stable keys (used in
//! JSON, CSV and target definitions), units and plain-English labels.

use serde::Serialize;

/// How a metric's values are expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Dollars,
    Count,
    Hours,
    DollarsPerHour,
}

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
    /// Reseller gross profit plus commission earned.
    GrossProfit,
    CumulativeGrossProfit,
    Hours,
    CumulativeHours,
    /// Gross profit per hour; undefined in a month with zero hours.
    HourlyRate,
    /// Cumulative gross profit per cumulative hour.
    CumulativeHourlyRate,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 13] = [
        Metric::ActiveCustomers,
        Metric::NewCustomers,
        Metric::Subscribers,
        Metric::Revenue,
        Metric::Cogs,
        Metric::CommissionEarned,
        Metric::CommissionPaid,
        Metric::GrossProfit,
        Metric::CumulativeGrossProfit,
        Metric::Hours,
        Metric::CumulativeHours,
        Metric::HourlyRate,
        Metric::CumulativeHourlyRate,
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
            Metric::GrossProfit => "gross_profit",
            Metric::CumulativeGrossProfit => "cumulative_gross_profit",
            Metric::Hours => "hours",
            Metric::CumulativeHours => "cumulative_hours",
            Metric::HourlyRate => "hourly_rate",
            Metric::CumulativeHourlyRate => "cumulative_hourly_rate",
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
            Metric::GrossProfit => "Gross profit",
            Metric::CumulativeGrossProfit => "Cumulative gross profit",
            Metric::Hours => "Hours worked",
            Metric::CumulativeHours => "Cumulative hours",
            Metric::HourlyRate => "Effective hourly rate",
            Metric::CumulativeHourlyRate => "Cumulative hourly rate",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Metric::ActiveCustomers | Metric::NewCustomers | Metric::Subscribers => Unit::Count,
            Metric::Hours | Metric::CumulativeHours => Unit::Hours,
            Metric::HourlyRate | Metric::CumulativeHourlyRate => Unit::DollarsPerHour,
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

    /// A ratio metric is undefined where its denominator (hours) is zero.
    pub fn ratio_of(self) -> Option<(Metric, Metric)> {
        match self {
            Metric::HourlyRate => Some((Metric::GrossProfit, Metric::Hours)),
            Metric::CumulativeHourlyRate => Some((Metric::CumulativeGrossProfit, Metric::CumulativeHours)),
            _ => None,
        }
    }

    /// Zero unless the scenario has a reseller stream.
    pub fn reseller_only(self) -> bool {
        matches!(self, Metric::ActiveCustomers | Metric::NewCustomers | Metric::Revenue | Metric::Cogs)
    }

    /// Zero unless the scenario has an affiliate stream.
    pub fn affiliate_only(self) -> bool {
        matches!(self, Metric::Subscribers | Metric::CommissionEarned | Metric::CommissionPaid)
    }
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
}
