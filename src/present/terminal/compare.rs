//! The terminal report of `sidecast compare`, the verdict first ("B beats A in 73 of 100
//! futures on cumulative net profit by month 24; median difference +$1,240 (p5 −$300, p95
//! +$2,900)"), then a table per variant, a table of paired differences per non-baseline
//! variant, and how much pairing tightened the chosen metric's difference.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use super::run::{band_text, headline_metrics, headline_months};
use crate::metric::{Metric, SeriesKey, Unit};
use crate::present::answer::{better_words, month_words, verdict};
use crate::present::band::Band;
use crate::report::compare::{CompareReport, DifferenceReport, DifferenceSummary, VariantReport};
use crate::text::number::{counted, std_error, times};

/// Months 6, 12 and the horizon (0-based), those within the horizon.
fn compare_months(horizon: usize) -> Vec<usize> {
    headline_months(horizon, &[6, 12, horizon])
}

/// The terminal report: a table per variant, a table of paired differences per
/// non-baseline variant, and how much pairing tightened the chosen metric's difference.
pub fn render(report: &CompareReport, metric: &SeriesKey, source: &str) -> String {
    let months = compare_months(report.horizon_months);
    let metrics = headline_metrics(&report.variants[0].metrics);
    let mut out = format!("Comparing {} variants of {source}\n", report.variants.len());
    for d in &report.differences {
        if let Some(v) = verdict(report, d, metric) {
            out.push_str(&format!("{}.\n", v.sentence()));
        }
    }
    out.push_str(&format!(
        "{} · seed {} · {} · every variant uses the same random numbers, so trajectory i of each shares its luck\n",
        counted(report.trajectories as u64, "trajectory", "trajectories"),
        report.seed,
        counted(report.horizon_months as u64, "month", "months")
    ));
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
        "\"Better in N of 100\" counts the futures where the variant is higher, except for hours and cost of goods, \
         where lower is better; ties count as not better.\n",
    );
    out
}

fn header(report: &CompareReport, first: &str, months: &[usize]) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    let mut cells = vec![Cell::new(first)];
    cells.extend(
        months
            .iter()
            .map(|&m| Cell::new(month_words(report.calendar, report.months[m])).set_alignment(CellAlignment::Right)),
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
    let (Some(mean), Some(better)) = (s.mean[m], better_words(s, m)) else {
        return "n/a".to_string();
    };
    let se = s.std_error[m].map_or_else(|| "n/a".to_string(), |se| std_error(se, unit));
    let band = Band::new(Some(mean), s.p5[m], s.p95[m], unit).signed();
    let range = band.range().map_or_else(String::new, |r| format!("[{r}]"));
    format!("{} ± {se}\n{range}\n{better}", band.middle())
}

/// "Pairing made the standard error 8.1× smaller ...", for the chosen metric at the horizon.
fn tightening_line(report: &CompareReport, d: &DifferenceReport, metric: &SeriesKey) -> Option<String> {
    let s = d.metrics.get(metric)?;
    let m = report.horizon_months.checked_sub(1)?;
    let difference =
        format!("{} difference in {}", metric.lower_label(), month_words(report.calendar, report.months[m]));
    tightening_words(&difference, s, m, metric.unit())
}

/// What pairing did to the standard error of `difference` in month `m` (0-based): so many
/// times smaller ([`DifferenceSummary::tightening`]); or, when the difference is the same in
/// every future, that no chance is left in it. Nothing when neither run varies.
fn tightening_words(difference: &str, s: &DifferenceSummary, m: usize, unit: Unit) -> Option<String> {
    let (paired, unpaired) = (s.std_error.get(m).copied()??, s.std_error_unpaired.get(m).copied()??);
    let independent = std_error(unpaired, unit);
    if let Some(ratio) = s.tightening(m) {
        return Some(format!(
            "Pairing made the standard error of the {difference} {} smaller: {} paired vs {independent} if the \
             runs were independent.\n",
            times(ratio),
            std_error(paired, unit)
        ));
    }
    (unpaired > 0.0).then(|| {
        format!(
            "The {difference} is the same in every future: pairing leaves no chance in it (a standard error of \
             {independent} if the runs were independent).\n"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_is_said_as_a_ratio_or_as_no_chance_left() {
        let difference = "cumulative net profit difference in month 30";
        let said = |paired: f64, unpaired: f64| {
            let summary = DifferenceSummary::one_month(0.0, paired, unpaired, 0.0);
            tightening_words(difference, &summary, 0, Unit::Dollars)
        };
        assert_eq!(
            said(19.61, 52.64).as_deref(),
            Some(
                "Pairing made the standard error of the cumulative net profit difference in month 30 2.7× smaller: \
                 $19.61 paired vs $52.64 if the runs were independent.\n"
            )
        );
        // Two variants that differ by the same amount in every future (a fixed cost), or
        // not at all: no "infinitely smaller", no "$0.00 paired".
        assert_eq!(
            said(0.0, 390.0).as_deref(),
            Some(
                "The cumulative net profit difference in month 30 is the same in every future: pairing leaves no \
                 chance in it (a standard error of $390 if the runs were independent).\n"
            )
        );
        assert_eq!(said(0.0, 0.0), None);
    }

    #[test]
    fn headline_months_are_6_12_and_the_horizon() {
        assert_eq!(compare_months(24), [5, 11, 23]);
        assert_eq!(compare_months(12), [5, 11]);
        assert_eq!(compare_months(3), [2]);
    }
}
