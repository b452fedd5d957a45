//! Long-format CSV of a run's percentiles: one row per (metric, month, statistic), values at
//! full precision, undefined values as empty cells.

use crate::report::RunReport;

/// `metric,month,statistic,value` rows for every metric, month and statistic.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn percentiles_csv(report: &RunReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["metric", "month", "statistic", "value"])?;
    for (key, summary) in &report.metrics {
        let series = [("mean", &summary.mean), ("std_error", &summary.std_error)]
            .into_iter()
            .chain(summary.percentiles.iter().map(|(k, v)| (k.as_str(), v)));
        for (statistic, values) in series {
            for (month, value) in report.months.iter().zip(values.iter()) {
                let value = value.map_or_else(String::new, |v| v.to_string());
                w.write_record([key.as_str(), &month.to_string(), statistic, &value])?;
            }
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
