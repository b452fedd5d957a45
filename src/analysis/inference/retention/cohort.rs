//! Cohort retention data: validated lists of customers still active at ages 0, 1, 2, ...
//!
//! A [`Cohort`] is "n₀ customers started; n₁ of them renewed for a second month; n₂ reached
//! a third; ...". Counts may only fall or stay with age (a returning customer is a new
//! cohort member elsewhere, not a resurrection). A [`CohortSet`] is one or more cohorts of
//! possibly different lengths, fitted jointly; the customers still active at each cohort's
//! last age are right-censored (they have not churned *yet*).
//!
//! Survival given as percentages (`100, 86.9, 74.3, ...`) is turned into counts with an
//! assumed cohort size, [`DEFAULT_ASSUMED_COHORT_SIZE`] (1000, the size in Fader & Hardie's
//! worked example) unless the caller states one. The assumed size sets how confident the fit
//! is, so it is recorded and reported.

use serde::Serialize;
use thiserror::Error;

/// Cohort size assumed when survival is given as percentages without a size.
pub const DEFAULT_ASSUMED_COHORT_SIZE: f64 = 1000.0;
/// Largest count of one cohort (and largest assumed size): 10^15 customers, far beyond any
/// business, still exact in floating point.
pub const MAX_COUNT: f64 = 1e15;
/// Oldest age a cohort may be observed at: a hundred years of months.
pub const MAX_AGE: usize = 1200;
/// Most counts in all the cohorts of one fit.
pub const MAX_CELLS: usize = 100_000;

/// Why a list of counts or percentages is not a cohort.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CohortError {
    #[error("cohort `{cohort}` is empty; give the customers who started, then those active at each later age")]
    Empty { cohort: String },
    #[error("cohort `{cohort}` starts with 0 customers; a cohort needs at least one customer at age 0")]
    NoCustomers { cohort: String },
    #[error("cohort `{cohort}`, age {age}: {value} is not allowed; counts are finite numbers from 0 to 1e15")]
    Negative { cohort: String, age: usize, value: f64 },
    #[error("cohort `{cohort}` has {ages} ages; at most {MAX_AGE} (a hundred years of months)")]
    TooLong { cohort: String, ages: usize },
    #[error("{cells} counts in all; at most {MAX_CELLS} in one fit (combine old cohorts, or fit fewer at a time)")]
    TooMany { cells: usize },
    #[error(
        "cohort `{cohort}`, age {age}: {value} is more than the {previous} active at age {}; \
         the number still active can only fall or stay as the cohort ages",
        .age - 1
    )]
    Rising { cohort: String, age: usize, value: f64, previous: f64 },
    #[error("survival must start at 100 (the whole cohort at age 0), not {first}")]
    PercentStart { first: f64 },
    #[error("survival at age {age} is {value}%; percentages must lie between 0 and 100")]
    PercentRange { age: usize, value: f64 },
    #[error("the assumed cohort size {size} must be a positive number of at most 1e15")]
    BadSize { size: f64 },
    #[error("no cohorts given")]
    NoCohorts,
    #[error(
        "no cohort has been observed past age 0, so there is nothing to fit; \
         give at least one later count (e.g. 12,11 = 12 started, 11 renewed)"
    )]
    NoRenewals,
}

impl CohortError {
    /// The age (0-based position in the cohort) the error concerns, if any.
    pub fn age(&self) -> Option<usize> {
        match self {
            CohortError::Negative { age, .. }
            | CohortError::Rising { age, .. }
            | CohortError::PercentRange { age, .. } => Some(*age),
            CohortError::NoCustomers { .. } => Some(0),
            _ => None,
        }
    }
}

/// One cohort: customers active at ages 0, 1, 2, ... (non-increasing, first > 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    label: String,
    active: Vec<f64>,
}

impl Cohort {
    /// A cohort from whole counts, e.g. `[12, 11, 8]`.
    ///
    /// # Errors
    /// [`CohortError::Empty`], [`CohortError::NoCustomers`] or [`CohortError::Rising`].
    pub fn from_counts(label: impl Into<String>, counts: &[u64]) -> Result<Cohort, CohortError> {
        let active: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
        Cohort::from_active(label, active)
    }

    /// A cohort from possibly fractional counts (weights), validated like
    /// [`Cohort::from_counts`], plus [`CohortError::Negative`] for negative or non-finite values.
    ///
    /// # Errors
    /// See above.
    pub fn from_active(label: impl Into<String>, active: Vec<f64>) -> Result<Cohort, CohortError> {
        let cohort = label.into();
        if active.is_empty() {
            return Err(CohortError::Empty { cohort });
        }
        if active.len() > MAX_AGE + 1 {
            return Err(CohortError::TooLong { cohort, ages: active.len() });
        }
        for (age, &value) in active.iter().enumerate() {
            if !(0.0..=MAX_COUNT).contains(&value) {
                return Err(CohortError::Negative { cohort, age, value });
            }
            if age > 0 && value > active[age - 1] {
                let previous = active[age - 1];
                return Err(CohortError::Rising { cohort, age, value, previous });
            }
        }
        if active[0] <= 0.0 {
            return Err(CohortError::NoCustomers { cohort });
        }
        Ok(Cohort { label: cohort, active })
    }

    /// A cohort from percentage survival (`100, 86.9, 74.3, ...`) and a cohort size
    /// (`None` = [`DEFAULT_ASSUMED_COHORT_SIZE`]); counts are `size × percent / 100`, unrounded.
    ///
    /// # Errors
    /// [`CohortError::PercentStart`] unless the first value is 100,
    /// [`CohortError::PercentRange`] for values outside 0..=100, [`CohortError::BadSize`],
    /// and the errors of [`Cohort::from_active`].
    pub fn from_survival_percent(
        label: impl Into<String>,
        percent: &[f64],
        size: Option<f64>,
    ) -> Result<Cohort, CohortError> {
        let size = size.unwrap_or(DEFAULT_ASSUMED_COHORT_SIZE);
        if !(size > 0.0 && size <= MAX_COUNT) {
            return Err(CohortError::BadSize { size });
        }
        if let Some(&first) = percent.first()
            && (first - 100.0).abs() > 1e-9
        {
            return Err(CohortError::PercentStart { first });
        }
        if let Some((age, &value)) = percent.iter().enumerate().find(|(_, p)| !(0.0..=100.0).contains(*p)) {
            return Err(CohortError::PercentRange { age, value });
        }
        Cohort::from_active(label, percent.iter().map(|p| size * p / 100.0).collect())
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// Customers active at each age; `active()[0]` is the cohort size.
    pub fn active(&self) -> &[f64] {
        &self.active
    }

    /// The last observed age (0 for a cohort that has only its starting count).
    pub fn last_age(&self) -> usize {
        self.active.len() - 1
    }

    /// Customers who churned at the end of month `t`, for t = 1..=last_age.
    pub fn churned(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.active.windows(2).enumerate().map(|(i, w)| (i + 1, w[0] - w[1]))
    }

    /// Customers still active at the last observed age (right-censored).
    pub fn censored(&self) -> f64 {
        self.active[self.active.len() - 1]
    }
}

/// One or more cohorts fitted jointly, with at least one observed renewal decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortSet {
    cohorts: Vec<Cohort>,
    /// Set when the counts were derived from percentages with an assumed size.
    assumed_cohort_size: Option<f64>,
    #[serde(skip)]
    pooled: Pooled,
}

/// The counts the likelihood needs, summed over cohorts: churn at the end of each month
/// `t` and customers still active at each last observed age `T`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pooled {
    /// `churned[t]`, t = 1..=max age (index 0 unused).
    pub churned: Vec<f64>,
    /// `censored[T]`: customers still active in cohorts last observed at age T.
    pub censored: Vec<f64>,
}

impl CohortSet {
    /// Groups cohorts for a joint fit.
    ///
    /// # Errors
    /// [`CohortError::NoCohorts`] for an empty list; [`CohortError::NoRenewals`] when no
    /// cohort goes past age 0.
    pub fn new(cohorts: Vec<Cohort>) -> Result<CohortSet, CohortError> {
        if cohorts.is_empty() {
            return Err(CohortError::NoCohorts);
        }
        if cohorts.iter().all(|c| c.last_age() == 0) {
            return Err(CohortError::NoRenewals);
        }
        let cells: usize = cohorts.iter().map(|c| c.active.len()).sum();
        if cells > MAX_CELLS {
            return Err(CohortError::TooMany { cells });
        }
        let max_age = cohorts.iter().map(Cohort::last_age).max().unwrap_or(0);
        let mut pooled = Pooled { churned: vec![0.0; max_age + 1], censored: vec![0.0; max_age + 1] };
        for cohort in &cohorts {
            cohort.churned().for_each(|(t, n)| pooled.churned[t] += n);
            pooled.censored[cohort.last_age()] += cohort.censored();
        }
        Ok(CohortSet { cohorts, assumed_cohort_size: None, pooled })
    }

    /// A single cohort from whole counts (`--counts 12,11,8`).
    ///
    /// # Errors
    /// Those of [`Cohort::from_counts`] and [`CohortSet::new`].
    pub fn from_counts(counts: &[u64]) -> Result<CohortSet, CohortError> {
        CohortSet::new(vec![Cohort::from_counts("counts", counts)?])
    }

    /// A single cohort from percentage survival (`--survival 100,86.9,...`), see
    /// [`Cohort::from_survival_percent`]; the size used is recorded as assumed.
    ///
    /// # Errors
    /// Those of [`Cohort::from_survival_percent`] and [`CohortSet::new`].
    pub fn from_survival_percent(percent: &[f64], size: Option<f64>) -> Result<CohortSet, CohortError> {
        let cohort = Cohort::from_survival_percent("survival", percent, size)?;
        let mut set = CohortSet::new(vec![cohort])?;
        set.assumed_cohort_size = Some(size.unwrap_or(DEFAULT_ASSUMED_COHORT_SIZE));
        Ok(set)
    }

    pub fn cohorts(&self) -> &[Cohort] {
        &self.cohorts
    }

    pub fn assumed_cohort_size(&self) -> Option<f64> {
        self.assumed_cohort_size
    }

    /// Churn and censored counts by age, summed over cohorts.
    pub fn pooled(&self) -> &Pooled {
        &self.pooled
    }

    /// Counts in all the cohorts.
    pub fn cells(&self) -> usize {
        self.cohorts.iter().map(|c| c.active.len()).sum()
    }

    /// Total customers at age 0 across cohorts.
    pub fn customers(&self) -> f64 {
        self.cohorts.iter().map(|c| c.active[0]).sum()
    }

    /// The oldest age observed in any cohort.
    pub fn max_age(&self) -> usize {
        self.cohorts.iter().map(Cohort::last_age).max().unwrap_or(0)
    }

    /// Churn events observed (customers who left within the observation window).
    pub fn churn_events(&self) -> f64 {
        self.cohorts.iter().flat_map(|c| c.churned().map(|(_, d)| d)).sum()
    }

    /// Renewal decisions observed: customer-months at risk of churning (Σ over ages < last).
    pub fn exposures(&self) -> f64 {
        self.cohorts.iter().map(|c| c.active[..c.last_age()].iter().sum::<f64>()).sum()
    }

    /// Pooled observed survival at each age: the product of pooled retention rates
    /// Σ active(t) / Σ active(t−1) over the cohorts observed at age t (Kaplan–Meier style).
    pub fn pooled_survival(&self) -> Vec<f64> {
        let mut survival = vec![1.0];
        for age in 1..=self.max_age() {
            let (at_risk, kept) = self
                .cohorts
                .iter()
                .filter(|c| c.last_age() >= age)
                .fold((0.0, 0.0), |(r, k), c| (r + c.active[age - 1], k + c.active[age]));
            let previous = survival[age - 1];
            survival.push(if at_risk > 0.0 { previous * kept / at_risk } else { previous });
        }
        survival
    }
}
