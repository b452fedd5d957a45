//! The values a number may take: a rate in [0, 1], zero or more, a growth above -100%, a
//! fee's share in [0, 1).

/// The values a number may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// A probability or commission rate, in [0, 1].
    Rate,
    /// Counts, prices, hours: zero or more.
    NonNegative,
    /// A monthly growth rate: above -1 (-100%).
    Growth,
    /// A fee's share of a payment: from 0 up to, but not including, 1 (100%).
    FeeRate,
}

impl Domain {
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Domain::Rate => (0.0, 1.0),
            Domain::NonNegative => (0.0, f64::INFINITY),
            Domain::Growth => (-1.0, f64::INFINITY),
            Domain::FeeRate => (0.0, 1.0),
        }
    }

    pub(super) fn contains(self, v: f64) -> bool {
        let (lo, hi) = self.bounds();
        match self {
            Domain::Growth => v > lo && v <= hi,
            Domain::FeeRate => v >= lo && v < hi,
            _ => v >= lo && v <= hi,
        }
    }

    pub(super) fn rule(self) -> &'static str {
        match self {
            Domain::Rate => "a rate between 0 and 1 (0.1 = 10%)",
            Domain::NonNegative => "a number of zero or more",
            Domain::Growth => "a monthly growth rate above -1 (0.02 = +2% a month)",
            Domain::FeeRate => "a share of the payment from 0 up to but not including 1 (0.029 = 2.9%)",
        }
    }
}
