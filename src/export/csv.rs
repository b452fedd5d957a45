//! Every CSV a command writes, in long format at full precision (undefined values as empty
//! cells): a run's percentiles, a comparison, a sweep, a sensitivity ranking and the
//! values a solve evaluated. When the scenario gives `first_month`, a `date` column
//! (`2026-07`) follows each `month` column (docs/model.md §14); without it the files are
//! as before.

use crate::report::RunReport;
use crate::report::compare::CompareReport;
use crate::report::sensitivity::{InputKind, SensitivityReport};
use crate::report::solve::SolveReport;
use crate::report::sweep::SweepReport;
use crate::text::escape_control;

/// The date beside each month, when there are dates.
fn dates(months: &[u32], dates: Option<&Vec<String>>) -> Vec<Option<String>> {
    months.iter().enumerate().map(|(i, _)| dates.and_then(|d| d.get(i).cloned())).collect()
}

/// `metric,month[,date],statistic,value` rows for every metric, month and statistic.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn run_percentiles(report: &RunReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let dated = report.dates.is_some();
    let dates = dates(&report.months, report.dates.as_ref());
    let mut header = vec!["metric", "month"];
    header.extend(dated.then_some("date"));
    header.extend(["statistic", "value"]);
    w.write_record(&header)?;
    for (key, summary) in &report.metrics {
        let series = [("mean", &summary.mean), ("std_error", &summary.std_error)]
            .into_iter()
            .map(|(s, v)| (s.to_string(), v))
            .chain(summary.percentiles.iter().map(|(k, v)| (k.to_string(), v)));
        let key = key.to_string();
        for (statistic, values) in series {
            for ((month, value), date) in report.months.iter().zip(values.iter()).zip(&dates) {
                let value = value.map_or_else(String::new, |v| v.to_string());
                let month = month.to_string();
                let mut record = vec![key.as_str(), &month];
                if dated {
                    record.push(date.as_deref().unwrap_or(""));
                }
                record.extend([statistic.as_str(), &value]);
                w.write_record(&record)?;
            }
        }
    }
    finish(w)
}

/// Long-format CSV: `variant,metric,month[,date],statistic,value`. Each variant's own statistics
/// (`mean`, `std_error`, `p5`, ...) come first; then its paired difference against the
/// baseline as `difference_mean`, `difference_std_error`, `difference_std_error_unpaired`,
/// `difference_p5` ... `difference_p95` (p5, p25, p50, p75, p95) and `prob_better`. Full precision;
/// undefined values are empty cells.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn compare(report: &CompareReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let dated = report.dates.is_some();
    let dates = dates(&report.months, report.dates.as_ref());
    let mut header = vec!["variant", "metric", "month"];
    header.extend(dated.then_some("date"));
    header.extend(["statistic", "value"]);
    w.write_record(&header)?;
    let mut rows = |variant: &str, metric: &str, statistic: &str, values: &[Option<f64>]| {
        for ((month, value), date) in report.months.iter().zip(values).zip(&dates) {
            let value = value.map_or_else(String::new, |v| v.to_string());
            let month = month.to_string();
            let mut record = vec![variant, metric, &month];
            if dated {
                record.push(date.as_deref().unwrap_or(""));
            }
            record.extend([statistic, &value]);
            w.write_record(&record)?;
        }
        Ok::<(), csv::Error>(())
    };
    for variant in &report.variants {
        for (metric, s) in &variant.metrics {
            let metric = metric.to_string();
            rows(&variant.label, &metric, "mean", &s.mean)?;
            rows(&variant.label, &metric, "std_error", &s.std_error)?;
            for (level, values) in &s.percentiles {
                rows(&variant.label, &metric, &level.to_string(), values)?;
            }
        }
        let Some(difference) = report.differences.iter().find(|d| d.label == variant.label) else {
            continue;
        };
        for (metric, d) in &difference.metrics {
            let series = [
                ("difference_mean", &d.mean),
                ("difference_std_error", &d.std_error),
                ("difference_std_error_unpaired", &d.std_error_unpaired),
                ("difference_p5", &d.p5),
                ("difference_p25", &d.p25),
                ("difference_p50", &d.p50),
                ("difference_p75", &d.p75),
                ("difference_p95", &d.p95),
                ("prob_better", &d.prob_better),
            ];
            for (statistic, values) in series {
                rows(&difference.label, &metric.to_string(), statistic, values)?;
            }
        }
    }
    finish(w)
}

/// Long-format CSV: `label,<parameter keys...>,statistic,value`, one row per point and
/// statistic (`mean`, `std_error`, `p5` ... `p95`, and `prob_target` with a target).
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn sweep(report: &SweepReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["label".to_string()];
    header.extend(report.parameters.iter().map(|p| p.key.clone()));
    header.extend(["statistic".to_string(), "value".to_string()]);
    w.write_record(&header)?;
    for point in &report.points {
        let statistics = [
            ("mean", point.mean),
            ("std_error", point.std_error),
            ("p5", point.p5),
            ("p25", point.p25),
            ("p50", point.p50),
            ("p75", point.p75),
            ("p95", point.p95),
        ];
        let target = point.prob_target.map(|p| ("prob_target", Some(p.probability)));
        for (statistic, value) in statistics.into_iter().chain(target) {
            let mut row = vec![point.label.clone()];
            row.extend(point.parameters.iter().map(f64::to_string));
            row.push(statistic.to_string());
            row.push(value.map_or_else(String::new, |v| v.to_string()));
            w.write_record(&row)?;
        }
    }
    finish(w)
}

/// CSV, one row per input: `key,label,kind,low,high,median_at_low,median_at_high,swing,
/// rank_correlation`, largest swing first; undefined values are empty cells.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn sensitivity(report: &SensitivityReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "key",
        "label",
        "kind",
        "low",
        "high",
        "median_at_low",
        "median_at_high",
        "swing",
        "rank_correlation",
    ])?;
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for i in &report.inputs {
        let kind = match i.kind {
            InputKind::Distribution => "distribution",
            InputKind::Vary => "vary",
        };
        w.write_record([
            i.key.clone(),
            i.label.clone(),
            kind.to_string(),
            i.low.to_string(),
            i.high.to_string(),
            cell(i.median_at_low),
            cell(i.median_at_high),
            cell(i.swing),
            cell(i.rank_correlation),
        ])?;
    }
    finish(w)
}

/// `key,value,probability,std_error`: every value each lever's search evaluated, in
/// increasing order of the lever, with P(target) there and its standard error.
///
/// # Errors
/// Only on a CSV encoding failure.
pub fn solve(report: &SolveReport) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["key", "value", "probability", "std_error"])?;
    for lever in &report.levers {
        for p in &lever.points {
            w.write_record([
                lever.key.clone(),
                p.value.to_string(),
                p.probability.to_string(),
                p.std_error.to_string(),
            ])?;
        }
    }
    finish(w)
}

/// The bytes of a finished CSV, every control character in a name written as a visible
/// escape (`\u{1b}`), as in every other output.
fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    let bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => escape_control(&text).into_owned().into_bytes(),
        Err(e) => e.into_bytes(),
    })
}
