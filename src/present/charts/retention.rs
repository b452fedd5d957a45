//! The chart of `sidecast fit retention`: observed survival against the sBG and
//! constant-churn fits, with their projection beyond the data, the constant-churn curve's
//! 90% interval, and a note when the sBG fit is degenerate (at its search bound).

use super::{Figure, caption};
use crate::chart::{SurvivalChart, SurvivalCurve, Titles};
use crate::report::retention::{RetentionReport, SurvivalPoint};
use crate::text::number::percent;

/// The survival chart (`survival`): observed survival against both fitted curves.
pub fn survival_chart(report: &RetentionReport, source: &str) -> (String, Figure) {
    let observed = report.survival.iter().filter_map(|p| Some((p.age as u32, p.observed?))).collect();
    let curve = |label: String, pick: fn(&SurvivalPoint) -> f64| SurvivalCurve {
        label,
        points: report.survival.iter().map(|p| (p.age as u32, pick(p))).collect(),
        interval: Vec::new(),
    };
    let mut constant = curve(format!("constant churn {}", percent(report.constant.churn)), |p| p.constant);
    constant.interval =
        report.survival.iter().map(|p| (p.age as u32, p.constant_ci90[0], p.constant_ci90[1])).collect();
    let chart = SurvivalChart {
        titles: Titles {
            title: "Customer retention: observed and fitted".into(),
            subtitle: Some(format!(
                "{} · dashed = projection beyond the data{}",
                match report.data.assumed_cohort_size {
                    Some(size) => format!("percentages, read as a cohort of {size} customers"),
                    None => format!("{} customers", report.data.customers),
                },
                if report.small_sample { " · small sample: treat the fit as a rough guide" } else { "" }
            )),
            caption: Some(caption("sidecast fit retention", source)),
        },
        observed,
        curves: vec![curve(sbg_label(report), |p| p.sbg), constant],
        note: boundary_note(report),
        interval_label: Some("90% interval of constant churn".into()),
    };
    ("survival".to_string(), Figure::Survival(chart))
}

fn sbg_label(report: &RetentionReport) -> String {
    if report.sbg.at_boundary {
        "sBG fit (at its search bound)".to_string()
    } else {
        format!("sBG fit (α {:.3}, β {:.3})", report.sbg.alpha, report.sbg.beta)
    }
}

/// Said on the chart when the sBG fit hit its search bound: its α and β mean nothing then.
fn boundary_note(report: &RetentionReport) -> Option<String> {
    let [lo, hi] = report.constant.churn_ci90;
    report.sbg.at_boundary.then(|| {
        format!(
            "The sBG fit hit its search bound: {} customers cannot tell it from constant churn, which could be {} to {} a month.",
            report.data.customers,
            percent(lo),
            percent(hi)
        )
    })
}
