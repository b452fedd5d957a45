//! The terminal report of `sidecast calibrate`: the evidence (each column and how it was
//! recorded, any cohort facts) and the method (exact, or simulation and why); per parameter
//! the prior and the posterior (median and 90% interval) and how much the history narrowed
//! it; the cost of the calibration; the posterior predictive check, naming every actual and
//! cohort count outside the 5-95% band; and, with two sources, what each says alone.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::present::evidence::{
    cohort_point_words, cost_line, evidence_line, method_line, predictive_counts, two_sources_lines,
};
use crate::report::calibrate::{CalibrateReport, PredictivePoint};
use crate::report::evidence::CohortPoint;
use crate::scenario::keys::key_words;
use crate::text::number::thousands;

/// The table, the cost and the check.
pub fn render(report: &CalibrateReport) -> String {
    let months = report.months.len();
    let mut out = format!(
        "Calibrate {} to {} ({months} month{})\n{}\n{}\n\n",
        report.source,
        report.actuals,
        if months == 1 { "" } else { "s" },
        evidence_line(report),
        method_line(report)
    );
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_header(["parameter", "prior: median (90%)", "posterior: median (90%)", "90% interval"]);
    for (key, fit) in &report.parameters {
        table.add_row([
            Cell::new(format!("{} ({key})", key_words(key))),
            Cell::new(fit.prior.words(key)),
            Cell::new(fit.posterior.words(key)),
            Cell::new(fit.narrowing_words()).set_alignment(CellAlignment::Right),
        ]);
    }
    out.push_str(&table.to_string());
    out.push('\n');
    out.push_str(&cost_line(report));
    out.push('\n');
    out.push_str(&predictive(report));
    for line in two_sources_lines(report) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// "Posterior predictive check (10,000 trajectories from the posterior): 1 of 27 actuals
/// outside the 5-95% band: ...", naming each one outside.
fn predictive(report: &CalibrateReport) -> String {
    let surprising: Vec<&PredictivePoint> = report.surprising().collect();
    let mut out = format!(
        "Posterior predictive check ({} trajectories from the posterior): {}",
        thousands(report.predictive_trajectories as u64),
        predictive_counts(report)
    );
    let cohorts: Vec<&CohortPoint> =
        report.evidence.cohorts.iter().flat_map(|c| c.check.iter()).filter(|p| p.surprising).collect();
    if surprising.is_empty() && cohorts.is_empty() {
        let also = if report.evidence.cohorts.is_some() { " and your cohort facts" } else { "" };
        out.push_str(&format!(": the calibrated model could have produced your history{also}.\n"));
        return out;
    }
    out.push_str(":\n");
    for p in surprising {
        out.push_str(&format!("  - {}\n", p.words()));
    }
    for p in cohorts {
        out.push_str(&format!("  - {}\n", cohort_point_words(p)));
    }
    out
}
