//! Cohort counts as calibration evidence (docs/model.md §16): whose churn they measure (the
//! reseller's customers, or one plan's subscribers), that population's churn rule in a
//! trajectory, and cohorts simulated from it. The cohort facts are taken as a sample of
//! the same churn process as the monthly history, independent of it given the parameters.

use crate::analysis::inference::likelihood::CohortChurn;
use crate::analysis::inference::retention::CohortSet;
use crate::engine::resolve::{Drawn, DrawnChurn};
use crate::scenario::{Churn, Scenario};

/// Whose churn a set of cohorts measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Population {
    Reseller,
    Plan { programme: usize, plan: usize },
}

impl Population {
    /// Every population with a churn rule, with its churn key.
    pub fn all(scenario: &Scenario) -> Vec<(Population, String)> {
        let mut out = Vec::new();
        if scenario.reseller().is_some() {
            out.push((Population::Reseller, "reseller.churn".to_string()));
        }
        if let Some(a) = scenario.affiliate() {
            for (p, programme) in a.programmes.iter().enumerate() {
                for (q, plan) in programme.plans.iter().enumerate() {
                    let prefix =
                        if a.named { format!("affiliate.programmes.{}", programme.name) } else { "affiliate".into() };
                    out.push((
                        Population::Plan { programme: p, plan: q },
                        format!("{prefix}.plans.{}.churn", plan.name),
                    ));
                }
            }
        }
        out
    }

    /// The population whose churn key is `key`, or, without one, the only candidate: the
    /// reseller's customers when there is a reseller stream, else the only plan's
    /// subscribers. `Err` lists the keys to choose from.
    pub fn resolve(scenario: &Scenario, key: Option<&str>) -> Result<(Population, String), Vec<String>> {
        let all = Population::all(scenario);
        let keys = || all.iter().map(|(_, k)| k.clone()).collect::<Vec<String>>();
        match key {
            Some(key) => all.iter().find(|(_, k)| k == key).cloned().ok_or_else(keys),
            None if scenario.reseller().is_some() => all.first().cloned().ok_or_else(keys),
            None if all.len() == 1 => all.first().cloned().ok_or_else(keys),
            None => Err(keys()),
        }
    }

    /// The population's churn rule in the scenario.
    pub fn churn<'a>(&self, scenario: &'a Scenario) -> Option<&'a Churn> {
        match *self {
            Population::Reseller => scenario.reseller().map(|r| &r.churn),
            Population::Plan { programme, plan } => {
                scenario.affiliate()?.programmes.get(programme)?.plans.get(plan).map(|p| &p.churn)
            }
        }
    }

    /// The population's churn in one trajectory's parameters.
    pub fn drawn_churn(&self, drawn: &Drawn) -> Option<CohortChurn> {
        let churn = match *self {
            Population::Reseller => &drawn.reseller.as_ref()?.churn,
            Population::Plan { programme, plan } => {
                &drawn.affiliate.as_ref()?.programmes.get(programme)?.plans.get(plan)?.churn
            }
        };
        Some(match *churn {
            DrawnChurn::Constant(c) => CohortChurn::Constant(c),
            DrawnChurn::Individual { alpha, beta } => CohortChurn::ShiftedBetaGeometric { alpha, beta },
        })
    }
}

/// Cohort facts given to a calibration.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortEvidence {
    pub cohorts: CohortSet,
    pub population: Population,
    /// The churn key of the population (`reseller.churn`).
    pub key: String,
    /// Where they came from (`--counts 12,11,8`, a file name).
    pub source: String,
}

impl CohortEvidence {
    /// The observed counts at every age after the first, cohort after cohort: the entries
    /// of the simulated summaries (the starting counts are given, not evidence).
    pub fn observed(&self) -> Vec<f64> {
        self.cohorts.cohorts().iter().flat_map(|c| c.active()[1..].iter().copied()).collect()
    }

    /// The same entries of a simulated copy (see [`crate::analysis::inference::likelihood::cohorts::simulate`]).
    pub fn entries(simulated: &[Vec<f64>]) -> Vec<f64> {
        simulated.iter().flat_map(|c| c.get(1..).unwrap_or_default().iter().copied()).collect()
    }
}
