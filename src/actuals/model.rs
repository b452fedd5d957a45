//! The history's vocabulary: the value columns a history may hold ([`Column`]), one month
//! of actuals ([`MonthActuals`]), a validated run of months ([`History`]) and its totals.
//! Reading a file into them is [`super::parse`]'s.

use serde::Serialize;

use crate::text::calendar::Calendar;

/// One value column a history CSV may hold (besides `month`). Not the simulation's
/// [`Metric`](crate::metric::Metric): a history's `gross_profit` is the reseller's revenue −
/// COGS, without commission (see [`MonthActuals::earnings`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Revenue,
    Cogs,
    GrossProfit,
    Hours,
    Customers,
    Commission,
    NewCustomers,
    Churned,
    Reactivated,
    Subscribers,
    NewSubscribers,
    Cancelled,
    CommissionPaid,
    PayoutFees,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Revenue,
        Column::Cogs,
        Column::GrossProfit,
        Column::Hours,
        Column::Customers,
        Column::Commission,
        Column::NewCustomers,
        Column::Churned,
        Column::Reactivated,
        Column::Subscribers,
        Column::NewSubscribers,
        Column::Cancelled,
        Column::CommissionPaid,
        Column::PayoutFees,
    ];

    /// The CSV column name (lower case).
    pub fn name(self) -> &'static str {
        match self {
            Column::Revenue => "revenue",
            Column::Cogs => "cogs",
            Column::GrossProfit => "gross_profit",
            Column::Hours => "hours",
            Column::Customers => "customers",
            Column::Commission => "commission",
            Column::NewCustomers => "new_customers",
            Column::Churned => "churned",
            Column::Reactivated => "reactivated",
            Column::Subscribers => "subscribers",
            Column::NewSubscribers => "new_subscribers",
            Column::Cancelled => "cancelled",
            Column::CommissionPaid => "commission_paid",
            Column::PayoutFees => "payout_fees",
        }
    }

    /// Dollar amounts accept a leading `$`; hours and counts do not.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Column::Revenue
                | Column::Cogs
                | Column::GrossProfit
                | Column::Commission
                | Column::CommissionPaid
                | Column::PayoutFees
        )
    }

    /// Whole numbers of customers or subscribers (a level or a month's flow).
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Column::Customers
                | Column::NewCustomers
                | Column::Churned
                | Column::Reactivated
                | Column::Subscribers
                | Column::NewSubscribers
                | Column::Cancelled
        )
    }
}

/// One month of actuals; `None` = not recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthActuals {
    pub month: u32,
    pub revenue: Option<f64>,
    pub cogs: Option<f64>,
    /// As given, or revenue − COGS when the cell was empty (see `gross_profit_derived`).
    pub gross_profit: Option<f64>,
    pub gross_profit_derived: bool,
    pub hours: Option<f64>,
    pub customers: Option<u64>,
    pub commission: Option<f64>,
    /// Customers in their first active month.
    pub new_customers: Option<u64>,
    /// Customers in their last active month (not the history's last month).
    pub churned: Option<u64>,
    /// Customers active again after a gap (active, not new).
    pub reactivated: Option<u64>,
    /// Referred subscribers billed this month.
    pub subscribers: Option<u64>,
    pub new_subscribers: Option<u64>,
    /// Subscribers with no commission after this month.
    pub cancelled: Option<u64>,
    /// Commission paid out this month (cash).
    pub commission_paid: Option<f64>,
    /// The payout provider's cut of this month's payouts (PayPal's fee).
    pub payout_fees: Option<f64>,
}

impl MonthActuals {
    /// A month in which nothing is recorded yet.
    pub fn empty(month: u32) -> Self {
        MonthActuals {
            month,
            revenue: None,
            cogs: None,
            gross_profit: None,
            gross_profit_derived: false,
            hours: None,
            customers: None,
            commission: None,
            new_customers: None,
            churned: None,
            reactivated: None,
            subscribers: None,
            new_subscribers: None,
            cancelled: None,
            commission_paid: None,
            payout_fees: None,
        }
    }

    /// The value of `metric` this month (counts as numbers).
    pub fn get(&self, metric: Column) -> Option<f64> {
        let count = |c: Option<u64>| c.map(|c| c as f64);
        match metric {
            Column::Revenue => self.revenue,
            Column::Cogs => self.cogs,
            Column::GrossProfit => self.gross_profit,
            Column::Hours => self.hours,
            Column::Customers => count(self.customers),
            Column::Commission => self.commission,
            Column::NewCustomers => count(self.new_customers),
            Column::Churned => count(self.churned),
            Column::Reactivated => count(self.reactivated),
            Column::Subscribers => count(self.subscribers),
            Column::NewSubscribers => count(self.new_subscribers),
            Column::Cancelled => count(self.cancelled),
            Column::CommissionPaid => self.commission_paid,
            Column::PayoutFees => self.payout_fees,
        }
    }

    /// The count slot of a count column (`None` for money and hours).
    pub fn count_mut(&mut self, column: Column) -> Option<&mut Option<u64>> {
        match column {
            Column::Customers => Some(&mut self.customers),
            Column::NewCustomers => Some(&mut self.new_customers),
            Column::Churned => Some(&mut self.churned),
            Column::Reactivated => Some(&mut self.reactivated),
            Column::Subscribers => Some(&mut self.subscribers),
            Column::NewSubscribers => Some(&mut self.new_subscribers),
            Column::Cancelled => Some(&mut self.cancelled),
            _ => None,
        }
    }

    /// The amount slot of a money or hours column (`None` for counts).
    pub fn amount_mut(&mut self, column: Column) -> Option<&mut Option<f64>> {
        match column {
            Column::Revenue => Some(&mut self.revenue),
            Column::Cogs => Some(&mut self.cogs),
            Column::GrossProfit => Some(&mut self.gross_profit),
            Column::Hours => Some(&mut self.hours),
            Column::Commission => Some(&mut self.commission),
            Column::CommissionPaid => Some(&mut self.commission_paid),
            Column::PayoutFees => Some(&mut self.payout_fees),
            _ => None,
        }
    }

    /// Gross profit plus commission; `None` when both are unknown.
    pub fn earnings(&self) -> Option<f64> {
        match (self.gross_profit, self.commission) {
            (None, None) => None,
            (g, c) => Some(g.unwrap_or(0.0) + c.unwrap_or(0.0)),
        }
    }

    /// Earnings per hour; `None` when undefined (no hours, or unknown).
    pub fn hourly_rate(&self) -> Option<f64> {
        rate(self.earnings()?, self.hours?)
    }
}

fn rate(earnings: f64, hours: f64) -> Option<f64> {
    // As for simulated months: below a millionth of an hour there is no rate to speak of.
    (hours >= 1e-6).then(|| earnings / hours)
}

/// A validated run of consecutive months of actuals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    pub(super) months: Vec<MonthActuals>,
    /// The metric columns present in the file, in file order.
    pub(super) columns: Vec<Column>,
    /// The months' dates, when the file gave dates.
    #[serde(skip)]
    pub(super) calendar: Option<Calendar>,
}

/// Totals over the history; each `None` when no month records it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistorySummary {
    pub first_month: u32,
    pub last_month: u32,
    pub months: usize,
    pub revenue: Option<f64>,
    pub cogs: Option<f64>,
    pub gross_profit: Option<f64>,
    pub hours: Option<f64>,
    pub commission: Option<f64>,
    /// Σ earnings / Σ hours over the months where both are known.
    pub hourly_rate: Option<f64>,
    /// The customer count of the latest month that records one, as (month, customers).
    pub latest_customers: Option<(u32, u64)>,
}

impl History {
    /// The dates of the months, when the file gave dates (or a `date` column).
    pub fn calendar(&self) -> Option<Calendar> {
        self.calendar
    }

    pub fn months(&self) -> &[MonthActuals] {
        &self.months
    }

    /// Metric columns present in the file (derived gross profit does not add a column).
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The actuals of `month`, if the history covers it.
    pub fn month(&self, month: u32) -> Option<&MonthActuals> {
        let first = self.months.first()?.month;
        self.months.get(month.checked_sub(first)? as usize)
    }

    /// Totals, the overall hourly rate and the latest customer count.
    pub fn summary(&self) -> HistorySummary {
        let total = |metric: Column| {
            let known: Vec<f64> = self.months.iter().filter_map(|m| m.get(metric)).collect();
            (!known.is_empty()).then(|| known.iter().sum())
        };
        let (earned, worked) = self
            .months
            .iter()
            .filter_map(|m| Some((m.earnings()?, m.hours?)))
            .fold((0.0, 0.0), |(e, h), (me, mh)| (e + me, h + mh));
        HistorySummary {
            first_month: self.months.first().map_or(0, |m| m.month),
            last_month: self.months.last().map_or(0, |m| m.month),
            months: self.months.len(),
            revenue: total(Column::Revenue),
            cogs: total(Column::Cogs),
            gross_profit: total(Column::GrossProfit),
            hours: total(Column::Hours),
            commission: total(Column::Commission),
            hourly_rate: rate(earned, worked),
            latest_customers: self.months.iter().rev().find_map(|m| Some((m.month, m.customers?))),
        }
    }
}
