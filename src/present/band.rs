//! The one way a band of futures is written for people, wherever it appears (terminal
//! tables, `summary.md`, `report.html`): a median with its p5 – p95 range, on one line
//! ("$919 [$444 – $1,619]") or stacked ("$919" over "$444 – $1,619"), a range alone
//! ("$444 – $1,619"), and a paired difference signed with a true minus ("+$70",
//! "−$84 – +$289"). Values are [`value`]'s table cells; undefined ones read "n/a".

use crate::metric::Unit;
use crate::report::MetricSummary;
use crate::stats::Percentile;
use crate::text::number::{signed, value};

/// A median and its range in one unit, each possibly undefined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub median: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Unit,
    /// A difference: values carry their sign ("+$70", "−$84").
    pub signed: bool,
}

impl Band {
    /// A median with its range.
    pub fn new(median: Option<f64>, low: Option<f64>, high: Option<f64>, unit: Unit) -> Self {
        Band { median, low, high, unit, signed: false }
    }

    /// The band of a summary in month `m` (0-based): median, p5 and p95.
    pub fn of(s: &MetricSummary, m: usize, unit: Unit) -> Self {
        Band::new(s.at(Percentile::P50, m), s.at(Percentile::P5, m), s.at(Percentile::P95, m), unit)
    }

    /// The same band read as a difference, each value signed.
    pub fn signed(self) -> Self {
        Band { signed: true, ..self }
    }

    /// One value as a cell: "$919", or signed "+$70" / "−$84".
    pub fn value(&self, v: Option<f64>) -> String {
        match v {
            Some(v) if self.signed && self.unit == Unit::Dollars => self.unit.format_amount(v, true),
            Some(v) if self.signed => signed(v, self.unit).replacen('-', "\u{2212}", 1),
            v => value(v, self.unit),
        }
    }

    /// The median: "$919", "n/a".
    pub fn middle(&self) -> String {
        self.value(self.median)
    }

    /// The range's ends, when both are defined: ("$444", "$1,619").
    pub fn ends(&self) -> Option<(String, String)> {
        Some((self.value(Some(self.low?)), self.value(Some(self.high?))))
    }

    /// The range: "$444 – $1,619"; `None` unless both ends are defined.
    pub fn range(&self) -> Option<String> {
        self.ends().map(|(lo, hi)| format!("{lo} – {hi}"))
    }

    /// One line: "$919 [$444 – $1,619]", the median alone without a range, "n/a" without a
    /// median.
    pub fn line(&self) -> String {
        match (self.median, self.range()) {
            (None, _) => "n/a".to_string(),
            (_, Some(range)) => format!("{} [{range}]", self.middle()),
            (_, None) => self.middle(),
        }
    }

    /// Two lines, the range under the median: "$919\n$444 – $1,619".
    pub fn stacked(&self) -> String {
        match (self.median, self.range()) {
            (None, _) => "n/a".to_string(),
            (_, Some(range)) => format!("{}\n{range}", self.middle()),
            (_, None) => self.middle(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_reads_the_same_everywhere() {
        let band = Band::new(Some(919.0), Some(444.0), Some(1619.0), Unit::Dollars);
        assert_eq!(band.line(), "$919 [$444 – $1,619]");
        assert_eq!(band.stacked(), "$919\n$444 – $1,619");
        assert_eq!(band.range().as_deref(), Some("$444 – $1,619"));
        assert_eq!(Band::new(Some(919.0), None, Some(1.0), Unit::Dollars).line(), "$919");
        assert_eq!(Band::new(None, Some(1.0), Some(2.0), Unit::Dollars).line(), "n/a");
        let difference = Band::new(Some(70.0), Some(-84.0), Some(289.0), Unit::Dollars).signed();
        assert_eq!(difference.line(), "+$70 [\u{2212}$84 – +$289]");
        let hours = Band::new(Some(-1.5), Some(-3.0), Some(0.0), Unit::Hours).signed();
        assert_eq!(hours.line(), "\u{2212}1.5 h [\u{2212}3.0 h – 0.0 h]");
        assert_eq!(Band::new(Some(12.0), Some(7.0), Some(16.0), Unit::count("customers")).line(), "12 [7 – 16]");
    }
}
