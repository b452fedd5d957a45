//! The expected population of one trajectory, month by month, with every uncertain input
//! at its pessimistic end: each stream's base survivors plus every month's arrivals (and
//! word of mouth, and the content's signups) times their survival, with constant or sBG
//! churn (docs/model.md §2.4 gives the closed form this reproduces for constant churn).

use crate::distribution::Param;
use crate::scenario::{Churn, Content, Scenario};
use statrs::function::beta::ln_beta;

/// The value a parameter is estimated at: `at(param, p)` for its `p` quantile
/// ([`Param::quantile`], or a value the caller pinned).
pub type At<'a> = &'a dyn Fn(&Param, f64) -> f64;

/// The expected population of one trajectory, month by month (0-based simulated months).
pub fn population(scenario: &Scenario) -> Vec<f64> {
    population_at(scenario, &|param, p| param.quantile(p))
}

/// [`population`] with the parameters pinned to `pins` (dotted key → value) taken at those
/// values instead of their pessimistic ends: the population of one proposal of a calibration.
pub fn population_pinned(scenario: &Scenario, pins: &[(String, f64)]) -> Vec<f64> {
    population_at(scenario, &|param, p| {
        param.key().and_then(|k| pins.iter().find(|(key, _)| key == k)).map_or_else(|| param.quantile(p), |(_, v)| *v)
    })
}

/// [`population`] with each parameter taken where `at` says.
pub fn population_at(scenario: &Scenario, at: At<'_>) -> Vec<f64> {
    let h = scenario.horizon_months();
    let mut total = vec![0.0; h];
    if let Some(r) = &scenario.reseller() {
        let base: f64 = r.initial_customers.iter().map(|&c| f64::from(c)).sum();
        let tenure = r.initial_tenure.iter().copied().max().unwrap_or(0);
        let arrivals = |t: usize| at(&r.arrivals, 0.99) * growth(at(&r.arrivals_growth, 0.99), t);
        let survival = survival_of(&r.churn, at);
        let stream = stream(h, base, tenure, &arrivals, at(&r.referral_rate, 0.99), &survival);
        total.iter_mut().zip(stream).for_each(|(t, s)| *t += s);
    }
    if let Some(a) = &scenario.affiliate() {
        for p in &a.programmes {
            let base: f64 = p.initial_subscribers.iter().map(|&c| f64::from(c)).sum();
            let tenure = p.initial_tenure.iter().copied().max().unwrap_or(0);
            let signups = |t: usize| at(&p.signups, 0.99) * growth(at(&p.signups_growth, 0.99), t);
            let plans: Vec<_> = p.plans.iter().map(|plan| survival_of(&plan.churn, at)).collect();
            let survival = |age: usize, tenure: u32| plans.iter().map(|s| s(age, tenure)).fold(0.0, f64::max);
            let stream = stream(h, base, tenure, &signups, 0.0, &survival);
            total.iter_mut().zip(stream).for_each(|(t, s)| *t += s);
        }
        if let Some(content) = &a.content {
            // The content's signups go to the programmes by share: at most all of them, to
            // the plan that keeps its subscribers longest.
            let peak = at(&content.signups_per_piece, 0.99);
            let plans: Vec<_> = a.plans().map(|(_, plan)| survival_of(&plan.churn, at)).collect();
            let survival = |age: usize, tenure: u32| plans.iter().map(|s| s(age, tenure)).fold(0.0, f64::max);
            let rate = |t: usize| peak * content_rate(content, scenario, t);
            let stream = stream(h, 0.0, 0, &rate, 0.0, &survival);
            total.iter_mut().zip(stream).for_each(|(t, s)| *t += s);
        }
    }
    total
}

/// The content's signup rate in 0-based month `t` per unit of a piece's peak: every piece
/// published so far (and those that existed at the start) at its age.
fn content_rate(content: &Content, scenario: &Scenario, t: usize) -> f64 {
    let calendar = scenario.calendar_month(t);
    let published: f64 = (1..=calendar)
        .map(|m| f64::from(content.pieces_in(m, scenario.start_month())) * content.shape(calendar - m))
        .sum();
    let age = content.existing_age_months.saturating_add(t as u32);
    published + f64::from(content.existing_pieces) * content.shape(age)
}

/// Pieces of content of one trajectory: every piece published through its last month,
/// those before the first simulated month included (docs/model.md §11), and the existing
/// ones. Each costs one draw of its peak; the content's rate is carried month to month.
pub(super) fn content_pieces(scenario: &Scenario) -> f64 {
    let Some(content) = scenario.affiliate().and_then(|a| a.content.as_ref()) else { return 0.0 };
    let last = scenario.calendar_month(scenario.horizon_months().saturating_sub(1));
    let published: f64 = (1..=last).map(|m| f64::from(content.pieces_in(m, scenario.start_month()))).sum();
    published + f64::from(content.existing_pieces)
}

/// `(1 + g)^t`, the growth of a rate by 0-based month `t`.
pub(super) fn growth(g: f64, t: usize) -> f64 {
    (1.0 + g).powf(t as f64)
}

/// Survival to `age` months of a customer with `tenure` bills behind it.
fn survival_of<'a>(churn: &'a Churn, at: At<'_>) -> Box<dyn Fn(usize, u32) -> f64 + 'a> {
    match churn {
        Churn::Constant(c) => {
            let keep = 1.0 - at(c, 0.01);
            Box::new(move |age, _| keep.powf(age as f64))
        }
        Churn::ShiftedBetaGeometric { alpha, beta } => {
            let (a, b) = (at(alpha, 0.01), at(beta, 0.99));
            Box::new(move |age, tenure| {
                let b = b + f64::from(tenure);
                (ln_beta(a, b + age as f64) - ln_beta(a, b)).exp()
            })
        }
    }
}

/// Expected active entities of one stream in each month: the base's survivors plus every
/// earlier month's arrivals (with word of mouth) times their survival.
fn stream(
    horizon: usize,
    base: f64,
    tenure: u32,
    arrivals: &dyn Fn(usize) -> f64,
    referral: f64,
    survival: &dyn Fn(usize, u32) -> f64,
) -> Vec<f64> {
    let mut active = Vec::with_capacity(horizon);
    let mut arrived = Vec::with_capacity(horizon);
    for t in 0..horizon {
        let before = if t == 0 { base } else { active[t - 1] };
        arrived.push((arrivals(t) + referral * before).min(f64::MAX));
        let from_base = base * survival(t, tenure);
        let from_arrivals: f64 = arrived.iter().enumerate().map(|(s, n)| n * survival(t - s, 0)).sum();
        active.push((from_base + from_arrivals).min(f64::MAX));
    }
    active
}
