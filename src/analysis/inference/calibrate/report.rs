//! The calibration's outputs: `calibrate.json`'s report (with the posterior predictive
//! check read off a run of the calibrated scenario over the history's months) and
//! `posterior.csv`, the joint parameter sets the calibrated scenario draws from.

use indexmap::IndexMap;

use super::Setup;
use crate::abc::{Calibration, Quantiles};
use crate::actuals::History;
use crate::analysis::inference::backtest::{actual_value, simulated_metric};
use crate::report::RunReport;
use crate::report::calibrate::{CalibrateReport, ParameterFit, PredictivePoint, Spread};
use crate::stats::Percentile;

/// Rows of `posterior.csv`: resampled from the weighted particles, enough that a run of
/// 10,000 trajectories draws every particle in proportion to its weight.
pub const POSTERIOR_SETS: usize = 4000;

/// Where the report's inputs came from.
#[derive(Debug, Clone)]
pub struct Sources {
    pub scenario: String,
    pub source: String,
    pub actuals: String,
    pub projection: String,
}

fn spread(q: &Quantiles) -> Spread {
    Spread { p5: q.p5, p50: q.p50, p95: q.p95, mean: q.mean }
}

/// The report of `calibration`, with the predictive check from `predictive` (a run of the
/// calibrated scenario over the history's months, with `history` as its actuals). The
/// cohort facts' check and the two sources' comparison, when there are cohort facts, are
/// the caller's to fill in ([`Setup::cohort_check`], [`Setup::two_sources`]).
pub fn report(
    setup: &Setup,
    calibration: &Calibration,
    history: &History,
    predictive: &RunReport,
    sources: Sources,
) -> CalibrateReport {
    let parameters: IndexMap<String, ParameterFit> = calibration
        .parameters
        .iter()
        .map(|p| {
            let fit =
                ParameterFit { prior: spread(&p.prior), posterior: spread(&p.posterior), width_ratio: p.width_ratio };
            (p.key.clone(), fit)
        })
        .collect();
    let columns: Vec<String> = setup.columns().iter().map(|c| c.name().to_string()).collect();
    let first = predictive.months.first().copied().unwrap_or(1);
    let ranks = predictive.actuals.as_ref().map(|a| a.backtest.as_slice()).unwrap_or_default();
    let mut points = Vec::new();
    for m in history.months() {
        for &column in history.columns() {
            let (Some(actual), Some(metric)) = (actual_value(m, column), simulated_metric(column)) else { continue };
            let index = (m.month - first) as usize;
            let at = |level| predictive.metric(metric).and_then(|s| s.at(level, index));
            let rank = ranks.iter().find(|p| p.metric == metric && p.month == m.month).and_then(|p| p.percentile_rank);
            points.push(PredictivePoint {
                column: column.name().to_string(),
                metric,
                month: m.month,
                actual,
                percentile_rank: rank,
                p5: at(Percentile::P5),
                p50: at(Percentile::P50),
                p95: at(Percentile::P95),
                surprising: rank.is_some_and(|r| !(0.05..=0.95).contains(&r)),
            });
        }
    }
    CalibrateReport {
        scenario: sources.scenario,
        source: sources.source,
        actuals: sources.actuals,
        months: history.months().iter().map(|m| m.month).collect(),
        columns,
        method: calibration.method.clone(),
        seed: calibration.settings.seed,
        simulations: calibration.simulations,
        accepted: calibration.accepted,
        acceptance_rate: calibration.acceptance_rate,
        effective_sample_size: calibration.effective_sample_size,
        generations: calibration.generations,
        parameters,
        predictive_trajectories: predictive.trajectories,
        predictive: points,
        posterior_sets: POSTERIOR_SETS,
        projection: sources.projection,
        evidence: setup.evidence(),
        sources: None,
    }
}

/// `posterior.csv`: a header of the parameters' keys, then one row per set, each number
/// written so that it reads back exactly.
pub fn posterior_csv(keys: &[String], sets: &[Vec<f64>]) -> String {
    // A key holds a tier's or plan's name, which may hold a comma or a quote: quoted then.
    let quote = |key: &String| {
        if key.contains([',', '"', '\n', '\r']) { format!("\"{}\"", key.replace('"', "\"\"")) } else { key.clone() }
    };
    let mut out = keys.iter().map(quote).collect::<Vec<_>>().join(",");
    out.push('\n');
    for row in sets {
        let cells: Vec<String> = row.iter().map(|v| format!("{v}")).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
