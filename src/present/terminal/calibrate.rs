//! The terminal report of `sidecast calibrate`: per parameter the prior and the posterior
//! (median and 90% interval) and how much the history narrowed it; the cost of the
//! calibration; then the posterior predictive check, naming every actual outside the
//! 5-95% band.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::report::calibrate::{CalibrateReport, PredictivePoint};
use crate::scenario::keys::key_words;
use crate::text::number::thousands;

/// The table, the cost and the check.
pub fn render(report: &CalibrateReport) -> String {
    let months = report.months.len();
    let mut out = format!(
        "Calibrate {} to {} ({months} month{}: {}): {}\n\n",
        report.source,
        report.actuals,
        if months == 1 { "" } else { "s" },
        report.columns.join(", "),
        report.method
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
    out.push_str(&format!(
        "{} simulations in {} generations · {} particles accepted ({:.1}% of the last proposals) · effective \
         sample size {:.0} · seed {}\n",
        thousands(report.simulations as u64),
        report.generations,
        thousands(report.accepted as u64),
        report.acceptance_rate * 100.0,
        report.effective_sample_size,
        report.seed
    ));
    out.push_str(&predictive(report));
    out
}

/// "Posterior predictive check (10,000 trajectories): 1 of 27 actuals outside 5-95%: ...".
fn predictive(report: &CalibrateReport) -> String {
    let surprising: Vec<&PredictivePoint> = report.surprising().collect();
    let ranked = report.predictive.iter().filter(|p| p.percentile_rank.is_some()).count();
    let mut out = format!(
        "Posterior predictive check ({} trajectories from the posterior): {} of {ranked} actuals outside the 5-95% band",
        thousands(report.predictive_trajectories as u64),
        surprising.len()
    );
    if surprising.is_empty() {
        out.push_str(": the calibrated model could have produced your history.\n");
        return out;
    }
    out.push_str(":\n");
    for p in surprising {
        out.push_str(&format!("  - {}\n", p.words()));
    }
    out
}
