//! A distribution in four numbers (p5, p50, p95, mean), as calibration reports a prior or a
//! posterior, and its words in the unit of the scenario key it belongs to.

use serde::Serialize;

use crate::scenario::keys::unit_of;
use crate::text::number::significant;

/// p5, p50, p95 and mean of one parameter's distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub mean: f64,
}

impl Spread {
    /// The width of the 90% interval.
    pub fn width(&self) -> f64 {
        self.p95 - self.p5
    }

    /// "8.1% (5.2% – 12%)": the median and the 90% interval in the unit of `key`.
    pub fn words(&self, key: &str) -> String {
        let (median, interval) = self.parts(key);
        format!("{median} ({interval})")
    }

    /// The median and the 90% interval apart: ("8.1%", "5.2% – 12%").
    pub fn parts(&self, key: &str) -> (String, String) {
        let unit = unit_of(key);
        let f = |v: f64| unit.exact(significant(v, 3));
        (f(self.p50), format!("{} – {}", f(self.p5), f(self.p95)))
    }
}
