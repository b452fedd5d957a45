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

mod driver;
mod error;
mod population;
mod spend;

pub use error::BudgetError;
pub use population::{population, population_pinned};
pub use spend::MAX_SPEND;

use crate::engine::{self, BLOCK_SIZE};
use crate::scenario::Scenario;
use crate::summarize::{RunPlan, stored_bytes, stores_every_trajectory};
use crate::text::number::{bytes, duration, whole as count};
use driver::driver;
use population::content_pieces;
use spend::check_spend;

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

/// CPU time of one customer-month, one row-month and one trajectory, in seconds: what
/// docs/performance.md measured (22.8 ns per customer-month), rounded up.
const SECONDS_PER_CUSTOMER_MONTH: f64 = 30e-9;
const SECONDS_PER_ROW_MONTH: f64 = 3e-9;
const SECONDS_PER_TRAJECTORY: f64 = 2e-6;
/// The cost of drawing one piece of content's peak (once per trajectory), in customer-months:
/// about 275 instructions against about 90 (docs/performance.md).
const CUSTOMER_MONTHS_PER_PIECE: f64 = 3.0;
/// Bytes of one live customer or subscriber while its trajectory runs.
const BYTES_PER_ENTITY: f64 = 96.0;
/// Bytes of one streaming histogram of amounts (a few hundred buckets).
const BYTES_PER_LOG_HISTOGRAM: f64 = 16_384.0;

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

/// Estimates `runs` runs of `scenario` (the variants of an analysis), keeping `stored`
/// runs' trajectories at once (0: a plain run, which stores them only as `plan` allows).
pub fn estimate(scenario: &Scenario, plan: &RunPlan, runs: usize, stored: usize) -> Estimate {
    let trajectories = scenario.trajectories();
    let months = population(scenario);
    let (peak_index, peak) =
        months.iter().copied().enumerate().fold((0, 0.0), |best, (i, v)| if v > best.1 { (i, v) } else { best });
    // A piece of content costs one draw of its peak, about three customer-months.
    let entity_months: f64 = months.iter().sum::<f64>() + CUSTOMER_MONTHS_PER_PIECE * content_pieces(scenario);
    let layout = engine::layout(scenario);
    let (rows, horizon, n) = (layout.rows.len() as f64, scenario.horizon_months() as f64, trajectories as f64);
    let threads = rayon::current_num_threads().max(1) as f64;
    // Each worker's live customers, and the block a streaming worker writes into.
    let live = peak * BYTES_PER_ENTITY * threads + threads * layout.stored_bytes(BLOCK_SIZE);
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

/// Admits, before anything runs, the runs of these scenarios (the variants of one command,
/// run one after the other, `stored` of them kept at once): each is checked against the
/// limits with the time of every run before it added.
///
/// # Errors
/// [`BudgetError`] with the estimate and what to change.
pub fn admit(scenarios: &[&Scenario], plan: &RunPlan, stored: usize, limits: &Limits) -> Result<(), BudgetError> {
    let mut total = 0.0;
    let mut known: Vec<(*const Scenario, Estimate)> = Vec::new();
    for &scenario in scenarios {
        // A scenario run several times (sensitivity, solve) is estimated once.
        let estimate = match known.iter().find(|(s, _)| std::ptr::eq(*s, scenario)) {
            Some((_, e)) => *e,
            None => {
                let e = estimate(scenario, plan, 1, stored);
                known.push((scenario, e));
                e
            }
        };
        total += estimate.seconds;
        check(scenario, &Estimate { seconds: total, ..estimate }, limits)?;
    }
    Ok(())
}

/// How many trajectories of `scenario` fit in `max_seconds` (for a precision target, which
/// adds trajectories until it is met).
pub fn trajectories_within(scenario: &Scenario, plan: &RunPlan, max_seconds: f64) -> usize {
    let per = estimate(scenario, plan, 1, 0).seconds / scenario.trajectories().max(1) as f64;
    if per > 0.0 { (max_seconds / per).min(usize::MAX as f64 / 2.0) as usize } else { usize::MAX / 2 }
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
            scenario.horizon_months(),
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

/// The most simulations a [`Cap`] counts as running at once (threads), whatever the machine.
pub const CAP_THREADS: f64 = 64.0;

/// What one single-trajectory simulation may cost when a command runs many of them with
/// values it chooses as it goes (a calibration's proposals): the limits shared out, so that
/// `simulations` of them, each within the cap, stay within the limits together. A proposal
/// outside the cap is never simulated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cap {
    /// Most expected active customers and subscribers of the trajectory in any month: the
    /// population limit, and the memory limit over the live customers of every thread.
    pub max_population: f64,
    /// Most expected customer- and subscriber-months: its share of the time limit.
    pub max_entity_months: f64,
}

impl Cap {
    /// The cap of each of `simulations` simulations under `limits`.
    ///
    /// The cap does not depend on the machine, so that a calibration gives the same numbers
    /// on any number of threads (README, Reproducibility): the memory limit is shared by
    /// [`CAP_THREADS`] simulations at once, the time limit by the simulations run one after
    /// another.
    pub fn per_simulation(limits: &Limits, simulations: usize) -> Self {
        Self {
            max_population: limits.max_population.min(limits.max_memory / (BYTES_PER_ENTITY * CAP_THREADS)),
            max_entity_months: limits.max_seconds / SECONDS_PER_CUSTOMER_MONTH / simulations.max(1) as f64,
        }
    }

    /// Whether one trajectory of `scenario`, with the parameters of `pins` at those values
    /// (the others at their pessimistic ends), stays within the cap.
    pub fn admits(&self, scenario: &Scenario, pins: &[(String, f64)]) -> bool {
        let months = population_pinned(scenario, pins);
        let peak = months.iter().copied().fold(0.0, f64::max);
        let total = months.iter().sum::<f64>() + content_pieces(scenario) * scenario.horizon_months() as f64;
        !exceeds(peak, self.max_population) && !exceeds(total, self.max_entity_months)
    }
}

/// Over the limit, or not a number at all (which no estimate should be).
fn exceeds(value: f64, limit: f64) -> bool {
    value.is_nan() || value > limit
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
    fn a_cap_is_the_same_on_any_number_of_threads() {
        // A calibration's proposals are capped; a cap that moved with the machine would make
        // its numbers depend on the threads (README, Reproducibility).
        let cap = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| Cap::per_simulation(&Limits::default(), 20_000))
        };
        assert_eq!(cap(1), cap(2));
        assert_eq!(cap(1), cap(7));
    }

    #[test]
    fn a_million_trajectories_of_the_reference_scenario_are_stored_within_the_default_budget() {
        // Issue 26: the estimate counts what is stored (12 of 21 rows, counts in 4 bytes):
        // 1.8 GB, exact, under the 4 GB of the run plan and the default --max-memory.
        let reference = crate::scenario::parse(include_str!("../../../scenarios/reference.toml"), "reference.toml")
            .unwrap()
            .with_trajectories(1_000_000);
        let e = estimate(&reference, &RunPlan::default(), 1, 0);
        assert!(e.exact, "{e:?}");
        let stored = stored_bytes(&reference, 1_000_000);
        assert!((1.8e9..1.9e9).contains(&stored), "{stored}");
        assert!(e.bytes < Limits::default().max_memory, "{e:?}");
        assert!(check(&reference, &e, &Limits::default()).is_ok());
    }

    #[test]
    fn the_population_follows_the_closed_form_of_the_model() {
        // Month t (1-based): N0·s^(t-1) + λ(1 − s^t)/c (docs/model.md §2.4).
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
        let plan = RunPlan::default();
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
        let many = big.clone().with_trajectories(4_000_000_000);
        let e = check(&many, &estimate(&many, &plan, 1, 0), &limits).unwrap_err().to_string();
        assert!(e.contains("--max-time"), "{e}");
    }

    #[test]
    fn a_long_horizon_streams_instead_of_storing() {
        let s = scenario("").with_trajectories(1_000_000);
        assert!(estimate(&s, &RunPlan::default(), 1, 0).exact, "1M trajectories of 24 months are stored");
        let s = s.with_horizon(600).unwrap();
        let e = estimate(&s, &RunPlan::default(), 1, 0);
        assert!(!e.exact && e.bytes < 8e9, "{e:?}");
    }

    fn ok_text(extra: &str) -> String {
        format!(
            "horizon_months = 60\n[reseller]\ninitial_customers = {{ a = 12 }}\narrivals = 1\nchurn = 0.1\n{extra}\n[reseller.tiers.a]\nmarkup = 0.2\nspend = 100\n"
        )
    }
}

#[cfg(test)]
mod driver_tests {
    use super::*;

    /// An affiliate with content beside it: the population's cause is named by which one
    /// alone reaches the limit (`signups = 1e9` was blamed on the content).
    #[test]
    fn the_cause_named_is_the_one_that_reaches_the_limit() {
        let text = |signups: &str, pieces: &str| {
            format!(
                "horizon_months = 24\ntrajectories = 10\n[affiliate]\nsignups = {signups}\n[affiliate.plans.pro]\n\
                 price = 20\nchurn = 0.05\n[affiliate.content]\npieces_per_month = {pieces}\nsignups_per_piece = 100\n"
            )
        };
        let refused = |text: String| {
            let scenario = crate::scenario::parse(&text, "t.toml").unwrap();
            let error = admit(&[&scenario], &RunPlan::default(), 0, &Limits::default()).unwrap_err();
            error.to_string()
        };
        let by_signups = refused(text("1e9", "1"));
        assert!(by_signups.contains("affiliate.signups 1,000,000,000 a month"), "{by_signups}");
        let by_content = refused(text("1", "1000"));
        assert!(by_content.contains("affiliate.content: its pieces"), "{by_content}");
    }
}
