//! The ready-to-paste TOML snippet of a retention fit: one active `churn = ...` line (the
//! form the data support, or the Beta form for small samples) and the other commented out,
//! with comment lines that say how much the data can tell.

use super::retention::{RetentionModel, RetentionReport, SMALL_SAMPLE_CUSTOMERS};
use crate::text::number::{count as number, four_figures as sig, four_figures_percent as percent};
use std::fmt::Write;

/// Builds the snippet for `report` (whose `toml_snippet` field is ignored).
pub fn toml_snippet(report: &RetentionReport) -> String {
    let mut out = String::new();
    let data = &report.data;
    let _ = writeln!(
        out,
        "# Retention fitted by `sidecast fit retention`: {} cohort{}, {} customers, ages 0-{}, \
         {} churned in {} renewal decisions.",
        data.cohorts,
        if data.cohorts == 1 { "" } else { "s" },
        number(data.customers),
        data.max_age,
        number(data.churn_events),
        number(data.exposures),
    );
    let _ = writeln!(
        out,
        "# Where it goes: reseller churn is one line under [reseller] (reseller.churn, every customer), \
         not in a tier; each affiliate plan has its own, under [affiliate.plans.NAME]."
    );
    if report.small_sample {
        let _ = writeln!(
            out,
            "# SMALL SAMPLE: only {} customers (fewer than {}): they tell you little about churn. \
             The Beta form below carries that uncertainty into every trajectory; prefer it until \
             you have more data.",
            number(data.customers),
            SMALL_SAMPLE_CUSTOMERS
        );
    }
    if let Some(size) = data.assumed_cohort_size {
        let _ = writeln!(
            out,
            "# Counts derived from percentages with an assumed cohort size of {}: the intervals \
             are only as narrow as that size makes them.",
            number(size)
        );
    }
    let c = &report.comparison;
    let verdict = match c.preferred {
        RetentionModel::Sbg => "the data support heterogeneous churn (sBG)",
        RetentionModel::Constant => "the data do not show that churn-prone customers leave first",
    };
    let _ = writeln!(
        out,
        "# sBG vs constant churn: likelihood ratio {}, p {} (chi-square, 1 dof): {verdict}.",
        sig(c.likelihood_ratio),
        if c.p_value < 1e-4 { "< 0.0001".to_string() } else { format!("= {}", sig(c.p_value)) }
    );
    let use_beta = report.small_sample || c.preferred == RetentionModel::Constant;
    let (first, second) =
        if use_beta { (beta_lines(report), sbg_lines(report)) } else { (sbg_lines(report), beta_lines(report)) };
    out.push_str(&first);
    for line in second.lines() {
        if line.starts_with('#') {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "# {line}");
        }
    }
    out
}

fn sbg_lines(report: &RetentionReport) -> String {
    let s = &report.sbg;
    let b = &s.bootstrap;
    let mut out = format!(
        "# Heterogeneous churn (sBG): month-1 churn {}, month-12 churn {}; 90% intervals \
         alpha [{}, {}], beta [{}, {}] ({} bootstrap replicates).\n",
        percent(s.implied_churn.first().map_or(s.mean_churn, |m| m.churn)),
        percent(s.implied_churn.last().map_or(s.mean_churn, |m| m.churn)),
        sig(b.alpha_ci90[0]),
        sig(b.alpha_ci90[1]),
        sig(b.beta_ci90[0]),
        sig(b.beta_ci90[1]),
        b.replicates,
    );
    if s.at_boundary {
        out.push_str("# The sBG fit ran to its search bound: it is constant churn in disguise.\n");
    }
    let _ = writeln!(out, "churn = {{ sbg = [{}, {}] }}", sig(s.alpha), sig(s.beta));
    out
}

fn beta_lines(report: &RetentionReport) -> String {
    let k = &report.constant;
    if k.churn_beta.iter().any(|&shape| shape > crate::scenario::keys::MAX_SHAPE) {
        // Millions of renewals pin churn down beyond any shape a scenario takes: the line
        // to paste is the estimate itself.
        return format!(
            "# Constant churn: Beta({}, {}) is narrower than a scenario's beta can be (shapes up to \
             1,000,000); so many renewals pin it down to its best estimate.\nchurn = {}\n",
            number(k.churn_beta[0]),
            number(k.churn_beta[1]),
            crate::text::number::short(k.churn),
        );
    }
    format!(
        "# Constant churn with its uncertainty: Beta(churned + 1, renewed + 1), mean {}, \
         90% interval {} to {} (best estimate {}).\nchurn = {{ beta = [{}, {}] }}\n",
        percent(k.churn_beta[0] / (k.churn_beta[0] + k.churn_beta[1])),
        percent(k.churn_ci90[0]),
        percent(k.churn_ci90[1]),
        percent(k.churn),
        number(k.churn_beta[0]),
        number(k.churn_beta[1]),
    )
}
