//! The evidence as the report states it (docs/model.md §16), and what happens when two
//! sources speak: with cohort facts beside the monthly series, each is calibrated alone as
//! well, the churn they share is compared (its posterior under each, taken as
//! independent), and each source is checked against the posterior predictive of the
//! calibration that uses both, so a disagreement is said out loud rather than averaged away.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use super::Setup;
use super::cohorts::CohortEvidence;
use super::entries::{self, Noise};
use super::exact::{Exact, counted};
use crate::abc::{Calibration, CalibrationError, Hooks, Settings, sample_posterior};
use crate::actuals::Column;
use crate::analysis::inference::likelihood::{CohortChurn, cohorts};
use crate::engine::resolve::{Drawn, Resolver};
use crate::engine::rng::Streams;
use crate::engine::{Cancelled, Monitor};
use crate::report::calibrate::Spread;
use crate::report::evidence::{
    Agreement, CohortFacts, CohortPoint, ColumnEvidence, Evidence, LeftOut, Record, TwoSources,
};
use crate::stats::{Percentile, percentile_rank, percentiles};

/// Why a column with values takes part in no month (see [`Setup::used_months`]).
fn unused(column: Column) -> &'static str {
    match column {
        Column::Churned => "only the history's last month has it, and that month's churned are still active",
        Column::Reactivated => "it counts as an arrival only beside new_customers in the same month",
        Column::NewCustomers => {
            "with a reactivated column, a month's arrivals are new_customers and reactivated together"
        }
        Column::GrossProfit => "revenue and COGS give it in every month that has it",
        _ => "no month of it can be compared",
    }
}

/// Below this two-sided probability the sources disagree; below [`PULL_APART`] they pull
/// apart (lean different ways within what chance explains).
const DISAGREE: f64 = 0.05;
const PULL_APART: f64 = 0.5;
/// Above this share of the prior's width, the months say too little about the churn to
/// compare them with the cohorts.
const SAYS_LITTLE: f64 = 0.9;

impl Setup {
    /// The evidence of this calibration, with an empty cohort check (see
    /// [`Setup::cohort_check`]).
    pub fn evidence(&self) -> Evidence {
        let used = self.used_months();
        let mut left_out: Vec<LeftOut> = match &self.method {
            super::Method::Exact(_) => Vec::new(),
            super::Method::General { .. } => self
                .summaries
                .left_out
                .iter()
                .map(|(c, reason)| LeftOut { column: c.name().to_string(), reason: (*reason).to_string() })
                .collect(),
        };
        let mut columns = Vec::new();
        for &column in &self.columns {
            if left_out.iter().any(|l| l.column == column.name()) {
                continue;
            }
            let months = used(column);
            if months == 0 {
                left_out.push(LeftOut { column: column.name().to_string(), reason: unused(column).to_string() });
                continue;
            }
            let record = match counted(column)
                .map_or_else(|| Noise::of(column, self.scenario.record_noise()), |_| Noise::Exact)
            {
                Noise::Exact => Record::Exact,
                Noise::LogNormal(sigma) => Record::Lognormal { sigma },
                Noise::Relative(sigma) => Record::Relative { sigma },
            };
            columns.push(ColumnEvidence {
                column: column.name().to_string(),
                months,
                record,
                money: column.is_money(),
            });
        }
        let (exact, approximate_because) = match &self.method {
            super::Method::Exact(_) => (true, Vec::new()),
            super::Method::General { reasons } => (false, reasons.clone()),
        };
        let cohorts = self.cohorts.as_ref().map(|e| CohortFacts {
            source: e.source.clone(),
            churn_key: e.key.clone(),
            cohorts: e.cohorts.cohorts().len(),
            customers: e.cohorts.customers(),
            churned: e.cohorts.churn_events(),
            decisions: e.cohorts.exposures(),
            check: Vec::new(),
        });
        Evidence { columns, left_out, cohorts, exact, approximate_because }
    }

    /// The number of months in which each column takes part, by the rules the summaries
    /// follow ([`entries::observed`]), which the exact path's chain shares: the last
    /// month's `churned` are still active, gross profit counts only in months without both
    /// revenue and COGS, and with a `reactivated` column a month's arrivals are known only
    /// where it and `new_customers` both are.
    fn used_months(&self) -> impl Fn(Column) -> usize + '_ {
        let last = self.history.months().last().map(|m| m.month);
        let reactivated = self.columns.contains(&Column::Reactivated);
        move |column| {
            self.history
                .months()
                .iter()
                .filter(|m| entries::observed(m, column, reactivated, Some(m.month) == last).is_some())
                .count()
        }
    }

    /// The cohort facts' population churn in each parameter set (rows in the order of
    /// [`Setup::parameters`]); `None` without cohort facts.
    pub fn cohort_churn(&self, sets: &[Vec<f64>]) -> Option<Vec<CohortChurn>> {
        let evidence = self.cohorts.as_ref()?;
        let streams = Streams::new(self.scenario.seed(), 0);
        sets.iter()
            .map(|row| {
                let pins: Vec<(String, f64)> =
                    self.parameters.iter().zip(row).map(|(p, v)| (p.key.clone(), *v)).collect();
                let drawn = Drawn::new(&self.scenario, &Resolver::new(&self.scenario, &streams, &pins));
                evidence.population.drawn_churn(&drawn)
            })
            .collect()
    }

    /// Where each cohort count falls among cohorts simulated under `sets` (one copy per set,
    /// reproducible from `seed`); empty without cohort facts.
    pub fn cohort_check(&self, sets: &[Vec<f64>], seed: u64) -> Vec<CohortPoint> {
        let (Some(evidence), Some(churns)) = (&self.cohorts, self.cohort_churn(sets)) else {
            return Vec::new();
        };
        let simulated: Vec<Vec<f64>> = churns
            .iter()
            .enumerate()
            .map(|(i, &churn)| {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ (0xC040_0000 + i as u64));
                CohortEvidence::entries(&cohorts::simulate(&evidence.cohorts, churn, &mut rng))
            })
            .collect();
        let mut points = Vec::new();
        let mut k = 0;
        for cohort in evidence.cohorts.cohorts() {
            for (age, &actual) in cohort.active().iter().enumerate().skip(1) {
                let mut column: Vec<f64> = simulated.iter().filter_map(|row| row.get(k).copied()).collect();
                let rank = percentile_rank(actual, &column);
                let levels = [Percentile::P5, Percentile::P50, Percentile::P95];
                let q = percentiles(&mut column, &levels);
                points.push(CohortPoint {
                    cohort: cohort.label().to_string(),
                    age,
                    actual,
                    percentile_rank: rank,
                    p5: q[0],
                    p50: q[1],
                    p95: q[2],
                    surprising: rank.is_some_and(|r| !(0.05..=0.95).contains(&r)),
                });
                k += 1;
            }
        }
        points
    }

    /// The monthly series alone: this calibration without its cohort facts.
    ///
    /// # Errors
    /// None in practice (the history was accepted once already).
    pub fn series_alone(&self) -> Result<Setup, super::error::SetupError> {
        Setup::new(&self.scenario, &self.history, &self.file)
    }

    /// The posterior from the cohort facts alone (their exact likelihood); `None` without
    /// cohort facts.
    ///
    /// # Errors
    /// As [`Setup::calibrate`].
    pub fn cohorts_alone(
        &self,
        settings: &Settings,
        monitor: &impl Monitor,
    ) -> Option<Result<Result<Calibration, CalibrationError>, Cancelled>> {
        let evidence = self.cohorts.as_ref()?;
        let keys: Vec<String> = self.parameters.iter().map(|p| p.key.clone()).collect();
        let exact = Exact::new(&self.scenario, &keys, (&self.history, &[]), Some(evidence)).ok()?;
        let label = format!("Calibrating {} on the cohort facts alone", self.scenario.name());
        let result = monitor.watch(&label, settings.particles * 40, |control| {
            let core = Hooks { progress: None, cancel: control.cancel };
            Ok(sample_posterior(&self.parameters, &exact, settings, &core))
        });
        Some(match result {
            Ok(Err(CalibrationError::Cancelled)) | Err(_) => Err(Cancelled),
            Ok(other) => Ok(other),
        })
    }

    /// The churn the cohort facts measure under each source's posterior (parameter sets),
    /// compared; `None` without cohort facts.
    pub fn two_sources(
        &self,
        sets: SourceSets<'_>,
        surprising: ((usize, usize), (usize, usize)),
    ) -> Option<TwoSources> {
        let evidence = self.cohorts.as_ref()?;
        let measure =
            |rows: &[Vec<f64>]| -> Option<Vec<f64>> { Some(self.cohort_churn(rows)?.iter().map(mean_churn).collect()) };
        let (together, series, cohorts) = (measure(sets.together)?, measure(sets.series)?, measure(sets.cohorts)?);
        let prior_rows: Vec<Vec<f64>> = {
            let draws = self.prior_draws(series.len().max(1), self.scenario.seed());
            (0..series.len()).map(|i| draws.iter().map(|d| d[i]).collect()).collect()
        };
        let prior = measure(&prior_rows)?;
        let width = |v: &[f64]| spread(v).map(|s| s.width());
        let series_width_ratio = width(&series).zip(width(&prior)).and_then(|(s, p)| (p > 0.0).then(|| s / p));
        let above = series
            .iter()
            .zip(&cohorts)
            .map(|(s, c)| {
                if s > c {
                    1.0
                } else if s == c {
                    0.5
                } else {
                    0.0
                }
            })
            .sum::<f64>()
            / series.len().min(cohorts.len()).max(1) as f64;
        let conflict_p = 2.0 * above.min(1.0 - above);
        let verdict = if series_width_ratio.is_some_and(|r| r > SAYS_LITTLE) {
            Agreement::SeriesSaysLittle
        } else if conflict_p < DISAGREE {
            Agreement::Disagree
        } else if conflict_p < PULL_APART {
            Agreement::PullApart
        } else {
            Agreement::Agree
        };
        let sbg = self
            .cohort_churn(&sets.together[..1.min(sets.together.len())])?
            .first()
            .is_some_and(|c| matches!(c, CohortChurn::ShiftedBetaGeometric { .. }));
        Some(TwoSources {
            churn_key: evidence.key.clone(),
            measure: if sbg { "mean monthly churn of a new customer, α/(α+β)" } else { "monthly churn" }.to_string(),
            cohorts: spread(&cohorts)?,
            series: spread(&series)?,
            together: spread(&together)?,
            series_width_ratio,
            series_above: above,
            conflict_p,
            verdict,
            series_surprising: surprising.0,
            cohorts_surprising: surprising.1,
        })
    }
}

/// Parameter sets drawn from the three posteriors: both sources, the series alone, the
/// cohort facts alone.
#[derive(Debug, Clone, Copy)]
pub struct SourceSets<'a> {
    pub together: &'a [Vec<f64>],
    pub series: &'a [Vec<f64>],
    pub cohorts: &'a [Vec<f64>],
}

/// The mean monthly churn of a new customer.
fn mean_churn(churn: &CohortChurn) -> f64 {
    match *churn {
        CohortChurn::Constant(c) => c,
        CohortChurn::ShiftedBetaGeometric { alpha, beta } => alpha / (alpha + beta),
    }
}

/// p5, p50, p95 and mean of equally weighted draws.
fn spread(values: &[f64]) -> Option<Spread> {
    let mut v = values.to_vec();
    let q = percentiles(&mut v, &[Percentile::P5, Percentile::P50, Percentile::P95]);
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    Some(Spread { p5: q[0]?, p50: q[1]?, p95: q[2]?, mean })
}
