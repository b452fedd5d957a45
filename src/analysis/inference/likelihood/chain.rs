//! The exact likelihood of a population's monthly counts and flows (docs/model.md §2.2,
//! §2.4): the count chain. Entering month t are the survivors `R_t` (the initial base in month 1);
//! `A_t ~ Poisson(λ_t + ρ·R_t)` arrive (λ_t the month's rate, ρ word of mouth per
//! survivor), `N_t = R_t + A_t` are billed, and at the month's end each of them churns with
//! probability c: `D_t ~ Binomial(N_t, c)`, `R_{t+1} = N_t − D_t`.
//!
//! A history may record any of `N_t` (the count), `A_t` (arrivals: new plus reactivated
//! customers) and `D_t` (churned) in any month, or nothing. The forward pass carries the
//! distribution of the unrecorded state from month to month, so a month without a count
//! costs a convolution and a month with one collapses the state to a point: the likelihood
//! is exact whatever is missing. The month end after the last month belongs to no month of
//! the history and is not part of the chain, so a `churned` in the last month is not used
//! (docs/model.md §15: a customer last billed then is still active).

use super::pmf::{ln_binomial, ln_poisson, poisson_ceiling};

/// What one month of history says about one population; `None` where it says nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChainMonth {
    /// Billed this month (`customers`, `subscribers`).
    pub count: Option<u64>,
    /// Arrived this month (new plus reactivated).
    pub arrivals: Option<u64>,
    /// Billed this month and not the next: churned at this month's end.
    pub churned: Option<u64>,
}

impl ChainMonth {
    /// Whether the month records anything.
    pub fn is_recorded(&self) -> bool {
        self.count.is_some() || self.arrivals.is_some() || self.churned.is_some()
    }
}

/// The chain's numbers for one parameter set.
#[derive(Debug, Clone, Copy)]
pub struct ChainRates<'a> {
    /// Monthly churn probability c.
    pub churn: f64,
    /// Each month's arrival rate before word of mouth (λ_t), at least one per month.
    pub arrivals: &'a [f64],
    /// Word of mouth: extra arrivals a month per survivor entering it (ρ).
    pub referral: f64,
}

impl ChainRates<'_> {
    fn valid(&self, months: usize) -> bool {
        (0.0..=1.0).contains(&self.churn)
            && self.referral >= 0.0
            && self.referral.is_finite()
            && self.arrivals.len() >= months
            && self.arrivals.iter().all(|r| *r >= 0.0 && r.is_finite())
    }
}

/// One population's months of history from a known initial base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountChain {
    initial: u64,
    months: Vec<ChainMonth>,
}

/// Below this share of the state's mass, an entry at either end of its support is dropped.
const NEGLIGIBLE: f64 = 1e-24;
/// Bases up to this size churn through every possible count; larger ones through the
/// binomial's ±[`WINDOW_SDS`] standard deviations only.
const FULL_BINOMIAL: u64 = 256;
const WINDOW_SDS: f64 = 20.0;

impl CountChain {
    /// The chain of `months` (month 1 first) from `initial` customers or subscribers.
    pub fn new(initial: u64, months: Vec<ChainMonth>) -> Self {
        Self { initial, months }
    }

    pub fn months(&self) -> &[ChainMonth] {
        &self.months
    }

    pub fn initial(&self) -> u64 {
        self.initial
    }

    /// `ln P(history | rates)`: −∞ for a history the rates cannot produce or rates that are
    /// not rates (a churn outside [0, 1], a negative or missing arrival rate).
    pub fn ln_likelihood(&self, rates: &ChainRates) -> f64 {
        if !rates.valid(self.months.len()) {
            return f64::NEG_INFINITY;
        }
        let mut state = Mass::point(self.initial, 1.0);
        let mut total = 0.0;
        let last = self.months.len().saturating_sub(1);
        for (t, month) in self.months.iter().enumerate() {
            state = arrive(&state, month, rates.arrivals[t], rates.referral);
            total += state.normalise();
            if t < last {
                state = month_end(&state, month.churned, rates.churn);
                total += state.normalise();
            }
            if !total.is_finite() {
                return f64::NEG_INFINITY;
            }
        }
        total
    }
}

/// A (scaled) distribution over the counts `low..low + mass.len()`.
#[derive(Debug, Clone, PartialEq)]
struct Mass {
    low: u64,
    mass: Vec<f64>,
}

impl Mass {
    fn point(at: u64, mass: f64) -> Self {
        Self { low: at, mass: vec![mass] }
    }

    fn empty() -> Self {
        Self { low: 0, mass: Vec::new() }
    }

    fn high(&self) -> u64 {
        self.low + self.mass.len().saturating_sub(1) as u64
    }

    fn entries(&self) -> impl Iterator<Item = (u64, f64)> + '_ {
        self.mass.iter().enumerate().filter(|(_, p)| **p > 0.0).map(move |(i, &p)| (self.low + i as u64, p))
    }

    /// Scales the mass to sum to one and trims negligible ends; returns the log of the sum
    /// (−∞ when nothing is left).
    fn normalise(&mut self) -> f64 {
        let total: f64 = self.mass.iter().sum();
        if !(total > 0.0 && total.is_finite()) {
            *self = Self::empty();
            return f64::NEG_INFINITY;
        }
        self.mass.iter_mut().for_each(|p| *p /= total);
        let first = self.mass.iter().position(|&p| p > NEGLIGIBLE).unwrap_or(0);
        let last = self.mass.iter().rposition(|&p| p > NEGLIGIBLE).unwrap_or(0);
        self.mass.truncate(last + 1);
        self.mass.drain(..first);
        self.low += first as u64;
        total.ln()
    }
}

/// The month's arrivals onto the survivors `entering`, and what the month records of them.
fn arrive(entering: &Mass, month: &ChainMonth, base: f64, referral: f64) -> Mass {
    let rate = |r: u64| base + referral * r as f64;
    match (month.arrivals, month.count) {
        (Some(a), Some(n)) => match n.checked_sub(a) {
            Some(r) if (entering.low..=entering.high()).contains(&r) => {
                let p = entering.mass[(r - entering.low) as usize];
                Mass::point(n, p * ln_poisson(a, rate(r)).exp())
            }
            _ => Mass::empty(),
        },
        (Some(a), None) => Mass {
            low: entering.low + a,
            mass: (entering.low..)
                .zip(&entering.mass)
                .map(|(r, p)| if *p > 0.0 { p * ln_poisson(a, rate(r)).exp() } else { 0.0 })
                .collect(),
        },
        (None, Some(n)) => {
            let mass: f64 = entering
                .entries()
                .take_while(|(r, _)| *r <= n)
                .map(|(r, p)| p * ln_poisson(n - r, rate(r)).exp())
                .sum();
            Mass::point(n, mass)
        }
        (None, None) => {
            let high = entering.high() + poisson_ceiling(rate(entering.high()));
            let mut out = vec![0.0; (high - entering.low + 1) as usize];
            for (r, p) in entering.entries() {
                let mu = rate(r);
                for a in 0..=poisson_ceiling(mu) {
                    out[(r + a - entering.low) as usize] += p * ln_poisson(a, mu).exp();
                }
            }
            Mass { low: entering.low, mass: out }
        }
    }
}

/// The month end of the billed `billed`: churn, recorded or not. The result is the
/// survivors entering the next month.
fn month_end(billed: &Mass, churned: Option<u64>, churn: f64) -> Mass {
    match churned {
        Some(d) => {
            let low = billed.low.max(d);
            if low > billed.high() {
                return Mass::empty();
            }
            let mass = (low..=billed.high())
                .map(|n| billed.mass[(n - billed.low) as usize] * ln_binomial(d, n, churn).exp())
                .collect();
            Mass { low: low - d, mass }
        }
        None => {
            let mut out = vec![0.0; (billed.high() + 1) as usize];
            for (n, p) in billed.entries() {
                let (from, to) = churn_window(n, churn);
                for d in from..=to {
                    out[(n - d) as usize] += p * ln_binomial(d, n, churn).exp();
                }
            }
            Mass { low: 0, mass: out }
        }
    }
}

/// The churned counts of a base of `n` with any mass worth carrying.
fn churn_window(n: u64, churn: f64) -> (u64, u64) {
    if n <= FULL_BINOMIAL {
        return (0, n);
    }
    let mean = n as f64 * churn;
    let spread = WINDOW_SDS * (mean * (1.0 - churn)).sqrt() + 10.0;
    let from = (mean - spread).floor().max(0.0) as u64;
    let to = ((mean + spread).ceil() as u64).min(n);
    (from, to)
}

#[cfg(test)]
mod tests;
