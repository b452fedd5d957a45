//! The values a number may take: a rate in [0, 1], dollars, hours, a markup, a growth rate,
//! a volatility, a count rate, a fee's share in [0, 1). Every domain is bounded above:
//! beyond these bounds a scenario no longer describes a side business, and the arithmetic
//! would overflow (the bounds keep every sum, square and ratio of a run finite; README
//! "Scenario files").

/// Largest amount of money a month (a price, a spend, a minimum, a threshold): $1e9.
pub const MAX_MONEY: f64 = 1e9;
/// Most hours in a month: a 31-day month has 744.
pub const MAX_HOURS: f64 = 744.0;

/// The values a number may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// A probability or commission rate, in [0, 1].
    Rate,
    /// Counts and count rates (arrivals, signups a month): 0 to 1e9.
    NonNegative,
    /// Dollars (a month, or per signup): 0 to [`MAX_MONEY`].
    Money,
    /// Hours a month (or per customer-month, or per new customer): 0 to [`MAX_HOURS`].
    Hours,
    /// A markup over cost: 0 to 100 (10,000%).
    Markup,
    /// A monthly growth rate: above -1 (-100%), at most 1 (doubling every month).
    Growth,
    /// Month-to-month lognormal noise σ: 0 to 5.
    Volatility,
    /// Word of mouth: extra arrivals a month per active customer, 0 to 10.
    Referral,
    /// A fee's share of a payment: from 0 up to, but not including, 1 (100%).
    FeeRate,
}

impl Domain {
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Domain::Rate => (0.0, 1.0),
            Domain::NonNegative => (0.0, 1e9),
            Domain::Money => (0.0, MAX_MONEY),
            Domain::Hours => (0.0, MAX_HOURS),
            Domain::Markup => (0.0, 100.0),
            Domain::Growth => (-1.0, 1.0),
            Domain::Volatility => (0.0, 5.0),
            Domain::Referral => (0.0, 10.0),
            Domain::FeeRate => (0.0, 1.0),
        }
    }

    pub fn contains(self, v: f64) -> bool {
        let (lo, hi) = self.bounds();
        match self {
            Domain::Growth => v > lo && v <= hi,
            Domain::FeeRate => v >= lo && v < hi,
            _ => v >= lo && v <= hi,
        }
    }

    pub fn rule(self) -> &'static str {
        match self {
            Domain::Rate => "a rate between 0 and 1 (0.1 = 10%)",
            Domain::NonNegative => "a number from 0 to 1e9",
            Domain::Money => "dollars from 0 to 1e9 (1,000,000,000)",
            Domain::Hours => "hours from 0 to 744 (the hours in a 31-day month)",
            Domain::Markup => "a markup from 0 to 100 (0.15 = 15%; 100 = 10,000%)",
            Domain::Growth => {
                "a monthly growth rate above -1 and at most 1 (0.02 = +2% a month; 1 = doubling every month)"
            }
            Domain::Volatility => "a lognormal sigma from 0 to 5 (0.1 = about 10% month to month)",
            Domain::Referral => {
                "extra arrivals a month per active customer, from 0 to 10 (0.05 = one referral a month per 20 customers)"
            }
            Domain::FeeRate => "a share of the payment from 0 up to but not including 1 (0.029 = 2.9%)",
        }
    }
}
