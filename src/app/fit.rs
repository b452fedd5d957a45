//! `fit retention`: the shifted-beta-geometric and constant-churn models fitted to cohort
//! survival, with their uncertainty and a TOML snippet: `fit.json`, the survival chart and
//! `report.html`.

use super::delivery::{Charts, Delivery};
use super::error::Error;
use super::html::report_page;
use crate::analysis::inference::retention::{CohortSet, FitOptions, fit_retention, parse_cohort_csv};
use crate::export::html::retention_page;
use crate::present::charts::apply;
use crate::present::charts::retention::survival_chart;
use crate::report::retention::RetentionReport;

/// Most months a survival projection may cover (a hundred years).
pub const MAX_PROJECTION_MONTHS: usize = 1200;

/// Cohorts in one of `fit retention`'s forms, with where they came from: a CSV of cohorts
/// (its text and name, `--cohorts FILE`), else counts at each age (`--counts`), else
/// survival percentages with their cohort size (`--survival`, `--cohort-size`); `None`
/// when none is given.
///
/// # Errors
/// [`Error::Cohorts`] for a CSV that is not one of cohorts; [`Error::Cohort`] naming the flag
/// whose numbers are not a cohort's.
pub fn cohorts(
    counts: &[u64],
    (survival, size): (&[f64], Option<f64>),
    csv: Option<(String, String)>,
) -> Result<Option<(CohortSet, String)>, Error> {
    if let Some((text, name)) = csv {
        return Ok(Some((parse_cohort_csv(&text, &name)?, name)));
    }
    if !counts.is_empty() {
        let set = CohortSet::from_counts(counts).map_err(|source| Error::Cohort { flag: "--counts", source })?;
        let joined: Vec<String> = counts.iter().map(ToString::to_string).collect();
        return Ok(Some((set, format!("counts {}", joined.join(", ")))));
    }
    if survival.is_empty() {
        return Ok(None);
    }
    let set = CohortSet::from_survival_percent(survival, size)
        .map_err(|source| Error::Cohort { flag: "--survival", source })?;
    Ok(Some((set, "survival percentages".to_string())))
}

/// What `fit retention` needs, validated.
#[derive(Debug, Clone)]
pub struct RetentionInput {
    pub cohorts: CohortSet,
    /// Where the cohorts came from, in words (a file name, "counts 12, 11, 8").
    pub source: String,
    /// Months of projected survival.
    pub months: usize,
    pub charts: Charts,
    pub command: String,
}

/// What `fit retention` produced.
#[derive(Debug)]
pub struct RetentionResult {
    pub report: RetentionReport,
    pub delivery: Delivery,
}

/// Fits both models.
///
/// # Errors
/// [`Error::Usage`] for a projection outside 1 to [`MAX_PROJECTION_MONTHS`] months;
/// [`Error::Chart`], [`Error::Encode`].
pub fn retention(input: &RetentionInput) -> Result<RetentionResult, Error> {
    if !(1..=MAX_PROJECTION_MONTHS).contains(&input.months) {
        return Err(Error::Usage(format!(
            "--months {}: project survival for 1 to {MAX_PROJECTION_MONTHS} months (a hundred years)",
            input.months
        )));
    }
    let report =
        fit_retention(&input.cohorts, &FitOptions { projection_months: input.months, ..FitOptions::default() });
    let mut figures = vec![survival_chart(&report, &input.source)];
    apply(&mut figures, &input.charts.requests);
    let page = report_page(&input.charts, &figures, &input.command, |context| {
        retention_page(&report, &input.source, context)
    })?;
    let mut delivery = Delivery::new(&input.charts);
    delivery.json_of("fit.json", &report, "the fit as JSON")?;
    delivery.figures(figures);
    delivery.page(page);
    Ok(RetentionResult { report, delivery })
}
