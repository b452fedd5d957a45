//! A calibration's evidence and method in words, for the terminal and `report.html` alike:
//! what took part and how each column was recorded, whether the posterior is the exact one
//! (and why not), what the calibration cost, the cohort facts' check, and, with two
//! sources, what each says about the churn they share and whether they agree.

use crate::report::calibrate::CalibrateReport;
use crate::report::evidence::{Agreement, CohortPoint, TwoSources};
use crate::scenario::keys::key_words;
use crate::text::Unit;
use crate::text::number::{thousands, value};

/// "Evidence: revenue (6 months, exact to the cent), hours (6 months, lognormal σ 0.3), ...;
/// cohort facts (counts 12, 11, 8): 12 customers, 4 churned in 23 renewal decisions, on
/// reseller.churn".
pub fn evidence_line(report: &CalibrateReport) -> String {
    let e = &report.evidence;
    let columns: Vec<String> = e.columns.iter().map(|c| c.words()).collect();
    let mut out = format!("Evidence: {}", columns.join(", "));
    if let Some(c) = &e.cohorts {
        out.push_str(&format!(
            "; cohort facts ({}): {} customers, {} churned in {} renewal decisions, on {}",
            c.source,
            count(c.customers),
            count(c.churned),
            count(c.decisions),
            c.churn_key
        ));
    }
    for left in &e.left_out {
        out.push_str(&format!("; {} left out ({})", left.column, left.reason));
    }
    out
}

fn count(x: f64) -> String {
    if x.fract() == 0.0 { thousands(x as u64) } else { format!("{x:.1}") }
}

/// "Method: the exact likelihood of the counts ..." or "Method: simulation (ABC-SMC),
/// because ...".
pub fn method_line(report: &CalibrateReport) -> String {
    let e = &report.evidence;
    if e.exact {
        "Method: the exact likelihood of the evidence (counts and flows under constant churn and Poisson arrivals, \
         cohort counts), sampled by likelihood-based SMC"
            .to_string()
    } else {
        format!("Method: simulation (ABC-SMC), because {}", e.approximate_because.join("; "))
    }
}

/// "48,000 likelihood evaluations in 9 tempering steps · 1,000 particles · seed 2026", or
/// the ABC run's cost.
pub fn cost_line(report: &CalibrateReport) -> String {
    if report.evidence.exact {
        format!(
            "{} likelihood evaluations in {} tempering steps · {} particles · seed {}",
            thousands(report.simulations as u64),
            report.generations,
            thousands(report.accepted as u64),
            report.seed
        )
    } else {
        format!(
            "{} simulations in {} generations · {} particles accepted ({:.1}% of the last proposals) · effective \
             sample size {:.0} · seed {}",
            thousands(report.simulations as u64),
            report.generations,
            thousands(report.accepted as u64),
            report.acceptance_rate * 100.0,
            report.effective_sample_size,
            report.seed
        )
    }
}

/// How many of the checked actuals (and cohort counts, with cohort facts) lie outside the
/// posterior predictive's 5-95% band, and which columns of the history were not checked:
/// "0 of 12 actuals and 1 of 2 cohort counts outside the 5-95% band (churned not checked: a
/// run has no metric for it)".
pub fn predictive_counts(report: &CalibrateReport) -> String {
    let ranked = report.predictive.iter().filter(|p| p.percentile_rank.is_some()).count();
    let mut out = format!("{} of {ranked} actuals", report.surprising().count());
    if let Some(c) = &report.evidence.cohorts {
        let surprising = c.check.iter().filter(|p| p.surprising).count();
        out.push_str(&format!(" and {surprising} of {} cohort counts", c.check.len()));
    }
    out.push_str(" outside the 5-95% band");
    let unchecked: Vec<&str> = report
        .columns
        .iter()
        .map(String::as_str)
        .filter(|c| !report.predictive.iter().any(|p| p.column == *c))
        .collect();
    if !unchecked.is_empty() {
        let it = if unchecked.len() == 1 { "it" } else { "them" };
        out.push_str(&format!(" ({} not checked: a run has no metric for {it})", unchecked.join(", ")));
    }
    out
}

/// "cohort counts, age 2: 8 at rank 2.1% (the model's 90%: 9 – 12)".
pub fn cohort_point_words(p: &CohortPoint) -> String {
    let rank = p.percentile_rank.map_or_else(|| "n/a".to_string(), |r| format!("{:.1}%", r * 100.0));
    format!(
        "cohort {}, age {}: {} at rank {rank} (the model's 90%: {} – {})",
        p.cohort,
        p.age,
        count(p.actual),
        value(p.p5, Unit::Number),
        value(p.p95, Unit::Number)
    )
}

/// The two sources: a heading, what each says and both together, the verdict, and each
/// source's posterior predictive check under both.
pub fn two_sources_lines(report: &CalibrateReport) -> Vec<String> {
    let Some(s) = &report.sources else { return Vec::new() };
    let key = &s.churn_key;
    let cohorts = report.evidence.cohorts.as_ref().map_or("cohort facts", |c| c.source.as_str());
    let months = report.months.len();
    let mut lines = vec![
        format!("Two sources on {} ({key}, {}):", key_words(key), s.measure),
        format!("  the cohort facts ({cohorts}) alone: {}", s.cohorts.words(key)),
        format!("  your {months} months ({}) alone: {}", report.actuals_name(), s.series.words(key)),
        format!("  both together: {}", s.together.words(key)),
        format!("  {}", verdict(s)),
    ];
    let (a, n) = s.series_surprising;
    let (b, m) = s.cohorts_surprising;
    lines.push(format!(
        "  Under both: {a} of {n} actuals and {b} of {m} cohort counts lie outside the 5-95% band of the posterior \
         predictive."
    ));
    lines
}

/// The verdict in a sentence.
fn verdict(s: &TwoSources) -> String {
    let lean = if s.series_above >= 0.5 { "higher" } else { "lower" };
    let favour = s.series_above.max(1.0 - s.series_above) * 100.0;
    match s.verdict {
        Agreement::SeriesSaysLittle => format!(
            "Your months say little about it (their 90% interval keeps {:.0}% of the prior's width): the cohort facts \
             decide it.",
            s.series_width_ratio.unwrap_or(1.0) * 100.0
        ),
        Agreement::Agree => format!(
            "They agree: neither favours a higher churn than the other (the months' is higher with probability {:.0}%).",
            s.series_above * 100.0
        ),
        Agreement::PullApart => format!(
            "They pull apart: the months favour a {lean} churn than the cohort facts (probability {favour:.0}%), \
             though chance could explain it (conflict p = {:.2}). The posterior weighs both; make sure they describe \
             the same customers and the same period.",
            s.conflict_p
        ),
        Agreement::Disagree => format!(
            "They disagree: the months favour a {lean} churn than the cohort facts (probability {favour:.0}%), more \
             than chance explains (conflict p = {:.3}). A posterior between them describes neither well: find out \
             which source does not describe the business (another period, other customers) before projecting.",
            s.conflict_p
        ),
    }
}
