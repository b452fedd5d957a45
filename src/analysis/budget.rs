//! What a run will cost, estimated before it starts, and the limits that refuse a run that
//! would run away: the expected peak population of one trajectory, the memory of its
//! statistics and the time, each with a bound the user can raise ([`Limits`]), and the
//! largest spend one customer can reach (a fixed bound: beyond it the arithmetic overflows).
//!
//! The population is the expected number of active customers and subscribers, month by
//! month, with every uncertain input at its pessimistic end (arrivals, growth and word of
//! mouth at their 99th percentile, churn at its 1st; an sBG base keeps the survival of its
//! shapes): the base's survival plus every month's arrivals times their survival, where
//! word of mouth adds `referral_rate` arrivals per customer of the month before.

use thiserror::Error;

use crate::engine::{self, BLOCK_SIZE};
use crate::scenario::{Churn, Content, Scenario, Spend};
use crate::summarize::{Plan, stored_bytes, stores_every_trajectory};
use crate::text::number::{bytes, compact as short, duration, whole as count};
use statrs::function::beta::ln_beta;

/// The bounds a run must stay within; each has a flag to raise it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Most expected active customers and subscribers in one trajectory (`--max-population`).
    pub max_population: f64,
    /// Most memory for the run's statistics and live customers, in bytes (`--max-memory`).
    pub max_memory: f64,
    /// Longest estimated run, in seconds (`--max-time`).
    pub max_seconds: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_population: 1e6, max_memory: 8e9, max_seconds: 3600.0 }
    }
}

/// Largest spend of one customer in one month a scenario may reach: $1e12.
pub const MAX_SPEND: f64 = 1e12;

/// CPU time of one customer-month, one row-month and one trajectory, in seconds: what
/// docs/performance.md measured (22.8 ns per customer-month), rounded up.
const SECONDS_PER_CUSTOMER_MONTH: f64 = 30e-9;
const SECONDS_PER_ROW_MONTH: f64 = 3e-9;
const SECONDS_PER_TRAJECTORY: f64 = 2e-6;
/// Bytes of one live customer or subscriber while its trajectory runs.
const BYTES_PER_ENTITY: f64 = 96.0;
/// Bytes of one streaming histogram of amounts (a few hundred buckets).
const BYTES_PER_LOG_HISTOGRAM: f64 = 16_384.0;

/// A run too large for its limits, with the estimate and what to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct BudgetError(pub String);

/// What a run of the scenario will cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Expected active customers and subscribers in one trajectory, at its peak month.
    pub peak_population: f64,
    /// The calendar month of that peak.
    pub peak_month: u32,
    /// Expected customer- and subscriber-months of one trajectory.
    pub entity_months: f64,
    /// Whether every trajectory is stored (exact percentiles) rather than streamed.
    pub exact: bool,
    /// Memory of the statistics and the live customers, in bytes.
    pub bytes: f64,
    /// CPU time over the worker threads, in seconds.
    pub seconds: f64,
}

/// The expected population of one trajectory, month by month (0-based simulated months).
pub fn population(scenario: &Scenario) -> Vec<f64> {
    let h = scenario.horizon_months;
    let mut total = vec![0.0; h];
    if let Some(r) = &scenario.reseller {
        let base: f64 = r.initial_customers.iter().map(|&c| f64::from(c)).sum();
        let tenure = r.initial_tenure.iter().copied().max().unwrap_or(0);
        let arrivals = |t: usize| r.arrivals.quantile(0.99) * growth(r.arrivals_growth.quantile(0.99), t);
        let survival = survival_of(&r.churn);
        let stream = stream(h, base, tenure, &arrivals, r.referral_rate.quantile(0.99), &survival);
        total.iter_mut().zip(stream).for_each(|(t, s)| *t += s);
    }
    if let Some(a) = &scenario.affiliate {
        for p in &a.programmes {
            let base: f64 = p.initial_subscribers.iter().map(|&c| f64::from(c)).sum();
            let tenure = p.initial_tenure.iter().copied().max().unwrap_or(0);
            let signups = |t: usize| p.signups.quantile(0.99) * growth(p.signups_growth.quantile(0.99), t);
            let plans: Vec<_> = p.plans.iter().map(|plan| survival_of(&plan.churn)).collect();
            let survival = |age: usize, tenure: u32| plans.iter().map(|s| s(age, tenure)).fold(0.0, f64::max);
            let stream = stream(h, base, tenure, &signups, 0.0, &survival);
            total.iter_mut().zip(stream).for_each(|(t, s)| *t += s);
        }
        if let Some(content) = &a.content {
            // The content's signups go to the programmes by share: at most all of them, to
            // the plan that keeps its subscribers longest.
            let peak = content.signups_per_piece.quantile(0.99);
            let plans: Vec<_> = a.plans().map(|(_, plan)| survival_of(&plan.churn)).collect();
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
        .map(|m| f64::from(content.pieces_in(m, scenario.start_month)) * content.shape(calendar - m))
        .sum();
    let age = content.existing_age_months.saturating_add(t as u32);
    published + f64::from(content.existing_pieces) * content.shape(age)
}

/// Pieces of content alive in an average month of one trajectory (each costs a little
/// every month, whatever its signups).
fn content_pieces(scenario: &Scenario) -> f64 {
    let Some(content) = scenario.affiliate.as_ref().and_then(|a| a.content.as_ref()) else { return 0.0 };
    let last = scenario.calendar_month(scenario.horizon_months.saturating_sub(1));
    let published: f64 = (1..=last).map(|m| f64::from(content.pieces_in(m, scenario.start_month))).sum();
    published + f64::from(content.existing_pieces)
}

/// `(1 + g)^t`, the growth of a rate by 0-based month `t`.
fn growth(g: f64, t: usize) -> f64 {
    (1.0 + g).powf(t as f64)
}

/// Survival to `age` months of a customer with `tenure` bills behind it.
fn survival_of(churn: &Churn) -> Box<dyn Fn(usize, u32) -> f64 + '_> {
    match churn {
        Churn::Constant(c) => {
            let keep = 1.0 - c.quantile(0.01);
            Box::new(move |age, _| keep.powf(age as f64))
        }
        Churn::ShiftedBetaGeometric { alpha, beta } => {
            let (a, b) = (alpha.quantile(0.01), beta.quantile(0.99));
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

/// Estimates `runs` runs of `scenario` (the variants of an analysis), keeping `stored`
/// runs' trajectories at once (0: a plain run, which stores them only as `plan` allows).
pub fn estimate(scenario: &Scenario, plan: &Plan, runs: usize, stored: usize) -> Estimate {
    let trajectories = scenario.trajectories;
    let months = population(scenario);
    let (peak_index, peak) =
        months.iter().copied().enumerate().fold((0, 0.0), |best, (i, v)| if v > best.1 { (i, v) } else { best });
    let entity_months: f64 = months.iter().sum::<f64>() + content_pieces(scenario) * scenario.horizon_months as f64;
    let layout = engine::layout(scenario);
    let (rows, horizon, n) = (layout.rows.len() as f64, scenario.horizon_months as f64, trajectories as f64);
    let threads = rayon::current_num_threads().max(1) as f64;
    let live = peak * BYTES_PER_ENTITY * threads + threads * BLOCK_SIZE as f64 * horizon * rows * 8.0;
    let exact = stored > 0 || stores_every_trajectory(scenario, trajectories, plan);
    let bytes = if exact {
        stored_bytes(scenario, trajectories) * stored.max(1) as f64 + live
    } else {
        let series = rows + 2.0;
        let counts = peak.max(1.0) * 8.0 * 5.0;
        (threads + 1.0) * series * horizon * (BYTES_PER_LOG_HISTOGRAM + counts.min(BYTES_PER_LOG_HISTOGRAM * 64.0))
            + live
    };
    let per_trajectory =
        entity_months * SECONDS_PER_CUSTOMER_MONTH + horizon * rows * SECONDS_PER_ROW_MONTH + SECONDS_PER_TRAJECTORY;
    let seconds = per_trajectory * n * runs.max(1) as f64 / threads;
    Estimate {
        peak_population: peak,
        peak_month: scenario.calendar_month(peak_index),
        entity_months,
        exact,
        bytes,
        seconds,
    }
}

/// Checks a run against the limits and the largest spend.
///
/// # Errors
/// [`BudgetError`] with the estimate, what drives it and what to change.
pub fn check(scenario: &Scenario, estimate: &Estimate, limits: &Limits) -> Result<(), BudgetError> {
    check_spend(scenario)?;
    if exceeds(estimate.peak_population, limits.max_population) {
        return Err(BudgetError(format!(
            "this run would not end: about {} active customers and subscribers in one trajectory by month {} \
             (expected, with uncertain inputs at their pessimistic 1%); the limit is {} (--max-population). {}",
            count(estimate.peak_population),
            estimate.peak_month,
            count(limits.max_population),
            driver(scenario, limits.max_population),
        )));
    }
    if exceeds(estimate.bytes, limits.max_memory) {
        return Err(BudgetError(format!(
            "this run needs about {} of memory ({} statistics of {} months); the limit is {} (--max-memory). \
             Use fewer trajectories (-n) or months (--months), or raise --max-memory.",
            bytes(estimate.bytes),
            if estimate.exact { "stored" } else { "streaming" },
            scenario.horizon_months,
            bytes(limits.max_memory),
        )));
    }
    if exceeds(estimate.seconds, limits.max_seconds) {
        return Err(BudgetError(format!(
            "this run would take about {} on {} threads ({} expected customer-months per trajectory); the limit \
             is {} (--max-time). Use fewer trajectories (-n) or months (--months), or raise --max-time.",
            duration(estimate.seconds),
            rayon::current_num_threads(),
            count(estimate.entity_months),
            duration(limits.max_seconds),
        )));
    }
    Ok(())
}

/// What makes the population large, and what to change.
fn driver(scenario: &Scenario, limit: f64) -> String {
    if let Some(r) = &scenario.reseller {
        let base: f64 = r.initial_customers.iter().map(|&c| f64::from(c)).sum();
        let (referral, churn) = (r.referral_rate.quantile(0.99), churn_floor(&r.churn));
        let (arrivals, growth_rate) = (r.arrivals.quantile(0.99), r.arrivals_growth.quantile(0.99));
        if base > limit / 2.0 {
            return format!("reseller.initial_customers alone hold {}; check the counts.", count(base));
        }
        if referral > churn {
            return format!(
                "Word of mouth: reseller.referral_rate {} is above churn {}, so the base grows about {:.0}% a month \
                 (0.15 is 15%); lower referral_rate.",
                short(referral),
                short(churn),
                (referral - churn) * 100.0
            );
        }
        if growth_rate > 0.0 && growth(growth_rate, scenario.horizon_months) > 10.0 {
            return format!(
                "reseller.arrivals_growth {} compounds to {}× the arrival rate by the last month; lower it or the \
                 horizon.",
                short(growth_rate),
                count(growth(growth_rate, scenario.horizon_months))
            );
        }
        if arrivals * scenario.horizon_months as f64 > limit / 2.0 {
            return format!(
                "reseller.arrivals {} a month is more than one side business gets; lower it.",
                count(arrivals)
            );
        }
    }
    if let Some(a) = &scenario.affiliate {
        let base: f64 = a.programmes.iter().flat_map(|p| &p.initial_subscribers).map(|&c| f64::from(c)).sum();
        if base > limit / 2.0 {
            return format!("affiliate.initial_subscribers alone hold {}; check the counts.", count(base));
        }
        for p in &a.programmes {
            let growth_rate = p.signups_growth.quantile(0.99);
            if growth_rate > 0.0 && growth(growth_rate, scenario.horizon_months) > 10.0 {
                return format!(
                    "affiliate.signups_growth {} compounds to {}× the signup rate by the last month; lower it or \
                     the horizon.",
                    short(growth_rate),
                    count(growth(growth_rate, scenario.horizon_months))
                );
            }
        }
        if a.content.is_some() && content_pieces(scenario) > 0.0 {
            return "affiliate.content: its pieces keep sending signups that pile up; fewer pieces_per_month, \
                    fewer signups_per_piece or a shorter half_life_months."
                .to_string();
        }
        let signups: f64 = a.programmes.iter().map(|p| p.signups.quantile(0.99)).sum();
        return format!("affiliate.signups {} a month piles up subscribers; lower it, or raise churn.", count(signups));
    }
    "Lower the arrivals or the horizon, or raise --max-population if you mean it.".to_string()
}

/// Over the limit, or not a number at all (which no estimate should be).
fn exceeds(value: f64, limit: f64) -> bool {
    value.is_nan() || value > limit
}

fn churn_floor(churn: &Churn) -> f64 {
    match churn {
        Churn::Constant(c) => c.quantile(0.01),
        Churn::ShiftedBetaGeometric { .. } => 0.0,
    }
}

/// The largest spend one customer can reach: each tier's 99th-percentile new spend grown
/// at the 99th-percentile drift, with six standard deviations of noise.
fn check_spend(scenario: &Scenario) -> Result<(), BudgetError> {
    let Some(r) = &scenario.reseller else { return Ok(()) };
    let start = r.tiers.iter().map(|t| match t.spend {
        Spend::Fixed(v) => v,
        Spend::LogNormal { median, sigma } => median * (2.326 * sigma).exp(),
    });
    let start = start.fold(0.0, f64::max);
    let (g, sigma) = (r.spend_growth.quantile(0.99), r.spend_volatility.quantile(0.99));
    let drift = (1.0 + g).ln() - sigma * sigma / 2.0;
    let (month, log_peak) = (1..=scenario.horizon_months)
        .map(|t| (t, t as f64 * drift + 6.0 * sigma * (t as f64).sqrt()))
        .fold((0, 0.0), |best, x| if x.1 > best.1 { x } else { best });
    let peak = start.ln() + log_peak;
    if start > 0.0 && peak > MAX_SPEND.ln() {
        return Err(BudgetError(format!(
            "a customer's spend could reach ${} a month by month {} (reseller.spend_growth {} and \
             spend_volatility {} compounding); the most sidecast simulates is $1e12. Lower spend_growth, \
             spend_volatility or the horizon.",
            short(peak.exp()),
            scenario.calendar_month(month.saturating_sub(1)),
            short(g),
            short(sigma)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(extra: &str) -> Scenario {
        let text = format!(
            "horizon_months = 24\ntrajectories = 1000\n[reseller]\ninitial_customers = {{ a = 12 }}\narrivals = 1\nchurn = 0.1\n{extra}\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n"
        );
        crate::scenario::parse(&text, "t.toml").unwrap()
    }

    #[test]
    fn the_population_follows_the_closed_form_of_the_model() {
        // Month t (1-based): N0·s^(t-1) + λ(1 − s^t)/c (docs/model.md §3).
        let months = population(&scenario(""));
        let s: f64 = 0.9;
        for (i, &n) in months.iter().enumerate() {
            let t = i as i32 + 1;
            let expected = 12.0 * s.powi(t - 1) + (1.0 - s.powi(t)) / 0.1;
            assert!((n - expected).abs() < 1e-9, "month {t}: {n} vs {expected}");
        }
    }

    #[test]
    fn runaway_inputs_are_refused_with_the_estimate_and_the_fix() {
        let limits = Limits::default();
        let plan = Plan::default();
        let ok = scenario("");
        assert!(check(&ok, &estimate(&ok, &plan, 1, 0), &limits).is_ok());
        for (extra, needle) in [
            ("referral_rate = 1.5", "referral_rate 1.5 is above churn"),
            ("arrivals_growth = 1", "compounds"),
            ("spend_growth = 1", "spend could reach"),
        ] {
            let text = ok_text(extra);
            let s = crate::scenario::parse(&text, "t.toml").unwrap();
            let e = check(&s, &estimate(&s, &plan, 1, 0), &limits).unwrap_err().to_string();
            assert!(e.contains(needle), "{extra}: {e}");
        }
        let big = scenario("");
        let mut many = big.clone();
        many.trajectories = 4_000_000_000;
        let e = check(&many, &estimate(&many, &plan, 1, 0), &limits).unwrap_err().to_string();
        assert!(e.contains("--max-time"), "{e}");
    }

    #[test]
    fn a_long_horizon_streams_instead_of_storing() {
        let mut s = scenario("");
        s.trajectories = 1_000_000;
        assert!(estimate(&s, &Plan::default(), 1, 0).exact, "1M trajectories of 24 months are stored");
        s.horizon_months = 600;
        let e = estimate(&s, &Plan::default(), 1, 0);
        assert!(!e.exact && e.bytes < 8e9, "{e:?}");
    }

    fn ok_text(extra: &str) -> String {
        format!(
            "horizon_months = 60\n[reseller]\ninitial_customers = {{ a = 12 }}\narrivals = 1\nchurn = 0.1\n{extra}\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n"
        )
    }
}
