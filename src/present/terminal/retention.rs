//! The terminal report of `sidecast fit retention`: both fits with their uncertainty, the
//! comparison, projected survival and the TOML snippet.

use crate::report::retention::{MonthChurn, RetentionModel, RetentionReport};
use crate::text::number::percent;

/// The text report.
pub fn render(r: &RetentionReport) -> String {
    let churn_line = |v: &[MonthChurn]| {
        v.iter().map(|c| format!("month {}: {}", c.month, percent(c.churn))).collect::<Vec<_>>().join(", ")
    };
    let b = &r.sbg.bootstrap;
    let preferred = match r.comparison.preferred {
        RetentionModel::Sbg => "shifted-beta-geometric (customers differ; retention improves with tenure)",
        RetentionModel::Constant => "constant churn (no evidence that customers differ)",
    };
    let survival: Vec<String> = r
        .survival
        .iter()
        .filter(|p| [3, 6, 12, 24].contains(&p.age))
        .map(|p| format!("month {}: {} (sBG) / {} (constant)", p.age, percent(p.sbg), percent(p.constant)))
        .collect();
    format!(
        "Retention fit: {} cohort(s), {} customers, ages 0-{}{}\n\n\
         Shifted-beta-geometric: α = {:.4}, β = {:.4}{} (90% bootstrap intervals α [{:.3}, {:.3}], β [{:.3}, {:.3}])\n  \
         log-likelihood {:.3}; implied churn {}\n\
         Constant churn: {} a month (90% interval {} – {})\n  \
         log-likelihood {:.3}; implied churn {}\n\n\
         The data support: {preferred}\n  likelihood ratio {:.2}, p = {:.3}; AIC {:.2} (sBG) vs {:.2} (constant)\n\n\
         Projected survival: {}\n\n\
         Paste into your scenario:\n{}\n",
        r.data.cohorts,
        r.data.customers,
        r.data.max_age,
        if r.small_sample { " (a small sample)" } else { "" },
        r.sbg.alpha,
        r.sbg.beta,
        if r.sbg.at_boundary { " (at the search bound)" } else { "" },
        b.alpha_ci90[0],
        b.alpha_ci90[1],
        b.beta_ci90[0],
        b.beta_ci90[1],
        r.sbg.log_likelihood,
        churn_line(&r.sbg.implied_churn),
        percent(r.constant.churn),
        percent(r.constant.churn_ci90[0]),
        percent(r.constant.churn_ci90[1]),
        r.constant.log_likelihood,
        churn_line(&r.constant.implied_churn),
        r.comparison.likelihood_ratio,
        r.comparison.p_value,
        r.comparison.aic_sbg,
        r.comparison.aic_constant,
        survival.join("; "),
        r.toml_snippet.trim_end()
    )
}
