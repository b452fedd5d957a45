//! Percentile levels ([`Percentile`], in basis points, printed `p5`, `p99.9`) and exact
//! type-1 percentiles of a column of values.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::select::{BUCKET_SELECT_MIN, select_by_buckets, select_in_place};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percentile(u32);

impl Percentile {
    pub const P5: Percentile = Percentile(500);
    pub const P25: Percentile = Percentile(2500);
    pub const P50: Percentile = Percentile(5000);
    pub const P75: Percentile = Percentile(7500);
    pub const P95: Percentile = Percentile(9500);
    /// The default bands: p5, p25, p50, p75, p95.
    pub const DEFAULT: [Percentile; 5] = [Self::P5, Self::P25, Self::P50, Self::P75, Self::P95];

    /// A level from basis points, if within (0, 10000].
    pub fn from_basis_points(bp: u32) -> Option<Self> {
        (1..=10_000).contains(&bp).then_some(Self(bp))
    }

    /// The level as a fraction.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 10_000.0
    }

    /// 0-based index of the type-1 percentile in `n` sorted values: the smallest value v
    /// with at least this fraction of values ≤ v, i.e. rank ⌈q·n⌉ (at least 1).
    pub fn type1_index(self, n: usize) -> usize {
        let rank = (u128::from(self.0) * n as u128).div_ceil(10_000) as usize;
        rank.max(1) - 1
    }
}

impl fmt::Display for Percentile {
    /// `p5`, `p50`, `p2.5`, `p99.9`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "p{whole}"),
            _ if frac % 10 == 0 => write!(f, "p{whole}.{}", frac / 10),
            _ => write!(f, "p{whole}.{frac:02}"),
        }
    }
}

impl FromStr for Percentile {
    type Err = String;

    /// Accepts `5`, `p5`, `2.5`, `p99.9`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let number = s.trim().trim_start_matches(['p', 'P']);
        let value: f64 = number.parse().map_err(|_| format!("`{s}` is not a percentile; use e.g. 5, 50 or p95"))?;
        let bp = (value * 100.0).round();
        if (value * 100.0 - bp).abs() > 1e-6 || !(1.0..=10_000.0).contains(&bp) {
            return Err(format!("`{s}` must be between 0.01 and 100 with at most two decimals"));
        }
        Ok(Self(bp as u32))
    }
}

impl Serialize for Percentile {
    /// As its name, `p5`: the key of a percentile series in every JSON output.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Type-1 percentiles of `values` (reordered in place), one per level, in the given order.
///
/// Returns `None` for every level when `values` is empty. Large inputs go through a bucket
/// histogram first (see [`select_by_buckets`]); the result is the same as sorting.
pub fn percentiles(values: &mut [f64], levels: &[Percentile]) -> Vec<Option<f64>> {
    if values.is_empty() {
        return vec![None; levels.len()];
    }
    let indices: Vec<usize> = levels.iter().map(|l| l.type1_index(values.len())).collect();
    let selected = if values.len() >= BUCKET_SELECT_MIN { select_by_buckets(values, &indices) } else { None };
    let selected = selected.unwrap_or_else(|| select_in_place(values, &indices));
    selected.into_iter().map(Some).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn type1_matches_the_definition_on_small_cases() {
        let mut v = vec![3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0];
        // sorted: 1 1 2 3 3 4 5 5 6 9
        let got = percentiles(&mut v, &[Percentile::P50, Percentile::P5, Percentile::P95, Percentile::P25]);
        assert_eq!(got, vec![Some(3.0), Some(1.0), Some(9.0), Some(2.0)]);
        assert_eq!(percentiles(&mut [], &[Percentile::P50]), vec![None]);
        // Exactly q·n values at or below: p5 of 100 values is the 5th smallest.
        assert_eq!(Percentile::P5.type1_index(100), 4);
        assert_eq!(Percentile::P5.type1_index(10_000), 499);
        assert_eq!(Percentile::P50.type1_index(1), 0);
    }

    #[test]
    fn percentile_levels_parse_and_print() {
        for (text, shown) in [("5", "p5"), ("p95", "p95"), ("2.5", "p2.5"), ("99.9", "p99.9"), ("99.95", "p99.95")] {
            assert_eq!(text.parse::<Percentile>().unwrap().to_string(), shown);
        }
        for bad in ["0", "101", "x", "5.001", "-1"] {
            assert!(bad.parse::<Percentile>().is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn percentiles_equal_sorting_and_are_ordered(mut v in proptest::collection::vec(-1e6f64..1e6, 1..300)) {
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let levels = Percentile::DEFAULT;
            let got: Vec<f64> = percentiles(&mut v, &levels).into_iter().map(Option::unwrap).collect();
            for (level, value) in levels.iter().zip(&got) {
                prop_assert_eq!(*value, sorted[level.type1_index(sorted.len())]);
                let at_or_below = sorted.iter().filter(|x| *x <= value).count() as f64;
                prop_assert!(at_or_below >= level.fraction() * sorted.len() as f64 - 1e-9);
            }
            prop_assert!(got.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
