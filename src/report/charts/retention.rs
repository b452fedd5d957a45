//! The chart of `sidecast fit retention`: observed survival against the sBG and
//! constant-churn fits, with their projection beyond the data.

use super::Figure;
use crate::chart::{SurvivalChart, SurvivalCurve, Titles};
use crate::report::retention::{RetentionReport, SurvivalPoint};
use crate::text::number::percent;

/// The survival chart (`survival`): observed survival against both fitted curves.
pub fn survival_chart(report: &RetentionReport, source: &str) -> (String, Figure) {
    let observed = report.survival.iter().filter_map(|p| Some((p.age as u32, p.observed?))).collect();
    let curve = |label: String, pick: fn(&SurvivalPoint) -> f64| SurvivalCurve {
        label,
        points: report.survival.iter().map(|p| (p.age as u32, pick(p))).collect(),
    };
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
            caption: Some(format!("sidecast fit retention · {source}")),
        },
        observed,
        curves: vec![
            curve(format!("sBG fit (α {:.3}, β {:.3})", report.sbg.alpha, report.sbg.beta), |p| p.sbg),
            curve(format!("constant churn {}", percent(report.constant.churn)), |p| p.constant),
        ],
    };
    ("survival".to_string(), Figure::Survival(chart))
}
