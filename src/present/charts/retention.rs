//! The chart of `sidecast fit retention`: observed survival against the two fits (churn that
//! differs by customer, the sBG model; and one churn for everyone), each with its 90%
//! interval and its projection beyond the data, in words a reader needs no statistics for.
//! The title says what the fits project at the last age, and whether they agree.

use super::{Figure, caption};
use crate::chart::{SurvivalChart, SurvivalCurve, Titles};
use crate::report::retention::{RetentionReport, SurvivalPoint};
use crate::text::number::percent;

/// The survival chart (`survival`): observed survival against both fitted curves.
pub fn survival_chart(report: &RetentionReport, source: &str) -> (String, Figure) {
    let observed = report.survival.iter().filter_map(|p| Some((p.age as u32, p.observed?))).collect();
    let curve = |label: String, pick: fn(&SurvivalPoint) -> f64, band: fn(&SurvivalPoint) -> [f64; 2]| SurvivalCurve {
        label,
        points: report.survival.iter().map(|p| (p.age as u32, pick(p))).collect(),
        interval: report.survival.iter().map(|p| (p.age as u32, band(p)[0], band(p)[1])).collect(),
    };
    let varied = curve("churn differs by customer".into(), |p| p.sbg, |p| p.sbg_ci90);
    let constant =
        curve(format!("{} churn for everyone", percent(report.constant.churn)), |p| p.constant, |p| p.constant_ci90);
    let chart = SurvivalChart {
        titles: Titles {
            title: title(report),
            subtitle: Some(format!(
                "{}: how many are still active, month by month of their age{}",
                match report.data.assumed_cohort_size {
                    Some(size) => format!("percentages, read as a cohort of {size} customers"),
                    None => format!("{} customers", report.data.customers),
                },
                if report.small_sample { " · a small sample: treat the fits as a rough guide" } else { "" }
            )),
            caption: Some(caption("sidecast fit retention", source)),
        },
        observed,
        curves: vec![varied, constant],
        note: boundary_note(report),
        interval_label: Some("90% intervals".into()),
    };
    ("survival".to_string(), Figure::Survival(chart))
}

/// "Still active after 24 months: 35% if churn differs by customer, 4% if it is the same
/// for everyone", or one number when the fits agree within five points.
fn title(report: &RetentionReport) -> String {
    let Some(last) = report.survival.last() else { return "Customer retention: observed and fitted".into() };
    let whole = |s: f64| if s > 0.0 && s < 0.005 { "<1%".to_string() } else { format!("{}%", (s * 100.0).round()) };
    if (last.sbg - last.constant).abs() < 0.05 {
        let [lo, hi] = last.constant_ci90;
        format!(
            "About {} of customers are still active after {} months, anywhere from {} to {} on these data",
            whole(last.sbg),
            last.age,
            whole(lo),
            whole(hi)
        )
    } else {
        format!(
            "Still active after {} months: {} if churn differs by customer, {} if it is the same for everyone",
            last.age,
            whole(last.sbg),
            whole(last.constant)
        )
    }
}

/// Said on the chart when the varied-churn fit could not find its own shape: the two fits
/// then cannot be told apart, and the churn could lie anywhere in the constant's interval.
fn boundary_note(report: &RetentionReport) -> Option<String> {
    let [lo, hi] = report.constant.churn_ci90;
    report.sbg.at_boundary.then(|| {
        format!(
            "{} customers cannot tell churn that differs by customer from one churn for everyone, which could be {} to {} a month.",
            report.data.customers,
            percent(lo),
            percent(hi)
        )
    })
}
