//! Chart inputs specific to the what-if commands (parameter units, paired-difference bands);
//! the run's conversions live in `report::charts` and are re-exported here. No statistics
//! are computed: the numbers are copied from reports.

use crate::analysis::compare::DifferenceSummary;
use crate::analysis::vary::ValueUnit;
use crate::chart::{self, BandValues, MonthlyBands};
pub use crate::report::charts::{bands as monthly_bands, chart_unit as metric_unit};

/// The chart unit of a `--vary` key's values.
pub fn value_unit(unit: ValueUnit) -> chart::Unit {
    match unit {
        ValueUnit::Percent => chart::Unit::Percent,
        ValueUnit::Dollars => chart::Unit::Dollars,
        ValueUnit::Hours => chart::Unit::Hours,
        ValueUnit::PerMonth | ValueUnit::Number => chart::Unit::Number,
    }
}

/// A paired difference's bands over every month.
pub fn difference_bands(d: &DifferenceSummary, first_month: u32) -> MonthlyBands {
    let months = (0..d.mean.len())
        .map(|m| BandValues {
            p5: d.p5[m],
            p25: d.p25[m],
            p50: d.p50[m],
            p75: d.p75[m],
            p95: d.p95[m],
            mean: d.mean[m],
        })
        .collect();
    MonthlyBands { first_month, months }
}
