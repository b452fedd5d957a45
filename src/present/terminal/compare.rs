//! The terminal report of `sidecast compare`: a table per variant, a table of paired
//! differences per non-baseline variant, and how much pairing tightened the chosen metric's
//! difference.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use super::run::{band_text, headline_metrics, headline_months};
use crate::metric::{Metric, SeriesKey, Unit};
use crate::report::compare::{CompareReport, DifferenceReport, DifferenceSummary, VariantReport};
use crate::text::number::{percent, signed, std_error, thousands, times};

/// Months 6, 12 and the horizon (0-based), those within the horizon.
fn compare_months(horizon: usize) -> Vec<usize> {
    headline_months(horizon, &[6, 12, horizon])
}

/// The terminal report: a table per variant, a table of paired differences per
/// non-baseline variant, and how much pairing tightened the chosen metric's difference.
pub fn render(report: &CompareReport, metric: &SeriesKey, source: &str) -> String {
    let months = compare_months(report.horizon_months);
    let metrics = headline_metrics(&report.variants[0].metrics);
    let mut out = format!(
        "Comparing {} variants of {source}\n{} trajectories · seed {} · {} months · every variant uses the same random \
         numbers, so trajectory i of each shares its luck\n",
        report.variants.len(),
        thousands(report.trajectories as u64),
        report.seed,
        report.horizon_months
    );
    for (i, variant) in report.variants.iter().enumerate() {
        let role = if i == 0 { " (baseline)" } else { "" };
        out.push_str(&format!("\n{}{role}\n{}\n", variant.label, variant_table(report, variant, &metrics, &months)));
    }
    for d in &report.differences {
        out.push_str(&format!(
            "\nPaired difference: {} minus {} (per trajectory; mean ± standard error, [p5 – p95], share better)\n{}\n",
            d.label,
            d.baseline,
            difference_table(report, d, &metrics, &months)
        ));
        if let Some(line) = tightening_line(report, d, metric) {
            out.push_str(&line);
        }
    }
    out.push_str(
        "\"Better\" means higher, except for hours and cost of goods, where lower is better; ties count as not better.\n",
    );
    out
}

fn header(report: &CompareReport, first: &str, months: &[usize]) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    let mut cells = vec![Cell::new(first)];
    cells.extend(
        months.iter().map(|&m| Cell::new(format!("month {}", report.months[m])).set_alignment(CellAlignment::Right)),
    );
    table.set_header(cells);
    table
}

fn variant_table(report: &CompareReport, variant: &VariantReport, metrics: &[Metric], months: &[usize]) -> Table {
    let mut table = header(report, "median [p5 – p95]", months);
    for &metric in metrics {
        let Some(s) = variant.metrics.get(&SeriesKey::from(metric)) else { continue };
        let mut row = vec![Cell::new(metric.label())];
        row.extend(
            months.iter().map(|&m| Cell::new(band_text(s, m, metric.unit())).set_alignment(CellAlignment::Right)),
        );
        table.add_row(row);
    }
    table
}

fn difference_table(report: &CompareReport, d: &DifferenceReport, metrics: &[Metric], months: &[usize]) -> Table {
    let mut table = header(report, "variant − baseline", months);
    for &metric in metrics {
        let Some(s) = d.metrics.get(&SeriesKey::from(metric)) else { continue };
        let mut row = vec![Cell::new(metric.label())];
        row.extend(
            months.iter().map(|&m| Cell::new(difference_text(s, m, metric.unit())).set_alignment(CellAlignment::Right)),
        );
        table.add_row(row);
    }
    table
}

fn difference_text(s: &DifferenceSummary, m: usize, unit: Unit) -> String {
    let (Some(mean), Some(better)) = (s.mean[m], s.prob_better[m]) else {
        return "n/a".to_string();
    };
    let se = s.std_error[m].map_or_else(|| "n/a".to_string(), |se| std_error(se, unit));
    let range = match (s.p5[m], s.p95[m]) {
        (Some(lo), Some(hi)) => format!("[{} – {}]", signed(lo, unit), signed(hi, unit)),
        _ => String::new(),
    };
    format!("{} ± {se}\n{range}\nbetter in {}", signed(mean, unit), percent(better))
}

/// "Pairing made the standard error 8.1× smaller ...", for the chosen metric at the horizon.
fn tightening_line(report: &CompareReport, d: &DifferenceReport, metric: &SeriesKey) -> Option<String> {
    let s = d.metrics.get(metric)?;
    let m = report.horizon_months.checked_sub(1)?;
    let (paired, unpaired) = (s.std_error[m]?, s.std_error_unpaired[m]?);
    let unit = metric.unit();
    let ratio = s.tightening(m).map_or_else(|| "infinitely".to_string(), times);
    Some(format!(
        "Pairing made the standard error of the {} difference in month {} {ratio} smaller: {} paired vs {} if the \
         runs were independent.\n",
        metric.lower_label(),
        report.months[m],
        std_error(paired, unit),
        std_error(unpaired, unit)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_months_are_6_12_and_the_horizon() {
        assert_eq!(compare_months(24), [5, 11, 23]);
        assert_eq!(compare_months(12), [5, 11]);
        assert_eq!(compare_months(3), [2]);
    }
}
