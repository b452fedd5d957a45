//! Where calibrate's posterior can be computed exactly, and its likelihood there
//! (docs/calibration.md, "The exact path"): a history of counts and flows of customers or
//! subscribers, and cohort counts, under constant churn and Poisson arrivals. The monthly
//! series is the count chain of each population ([`CountChain`]), the cohorts their closed
//! form ([`cohorts::ln_likelihood`]); a parameter set's numbers are the engine's own
//! (the scenario resolved with the proposed values pinned), so the likelihood is the
//! engine's model, not a copy of it.
//!
//! The chain is exact with growth of the arrival rate, word of mouth (arrivals in
//! proportion to the customers entering the month), tiers and their upgrades (churn is the
//! same on every tier), initial tenure (constant churn has no memory) and months without a
//! record. It is not with money or hours in the history (their likelihood has no closed
//! form), with sBG churn for a population the history counts (a count does not say which
//! customers are left), with subscribers on plans that churn at different rates, or with
//! content whose signups per piece are drawn per piece. Those histories take the general
//! path, and [`Exact::new`] says which of these reasons applies.

use crate::abc::LogLikelihood;
use crate::actuals::{Column, History, MonthActuals};
use crate::analysis::inference::likelihood::{ChainMonth, ChainRates, CountChain, cohorts};
use crate::engine::arrivals::growth;
use crate::engine::content::ContentState;
use crate::engine::resolve::{Drawn, DrawnChurn, Resolver};
use crate::engine::rng::Streams;
use crate::scenario::{Churn, Scenario};

use super::cohorts::CohortEvidence;
use super::entries;

/// The stream a count or flow column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Reseller,
    Affiliate,
}

/// The stream whose customers or subscribers a column counts; `None` for money and hours.
pub fn counted(column: Column) -> Option<Stream> {
    match column {
        Column::Customers | Column::NewCustomers | Column::Churned | Column::Reactivated => Some(Stream::Reseller),
        Column::Subscribers | Column::NewSubscribers | Column::Cancelled => Some(Stream::Affiliate),
        _ => None,
    }
}

/// What the history records of a stream's population in one month, arrivals as
/// [`entries::arrivals`] counts them.
fn chain_month(month: &MonthActuals, stream: Stream, reactivated: bool) -> ChainMonth {
    match stream {
        Stream::Reseller => ChainMonth {
            count: month.customers,
            arrivals: entries::arrivals(month, reactivated),
            churned: month.churned,
        },
        Stream::Affiliate => {
            ChainMonth { count: month.subscribers, arrivals: month.new_subscribers, churned: month.cancelled }
        }
    }
}

/// A stream's months of history, simulated month 1 first, `months` of them.
pub(super) fn chain(history: &History, first: u32, months: usize, stream: Stream, initial: u64) -> CountChain {
    let reactivated = history.columns().contains(&Column::Reactivated);
    let mut out = vec![ChainMonth::default(); months];
    for m in history.months() {
        if let Some(slot) = m.month.checked_sub(first).and_then(|i| out.get_mut(i as usize)) {
            *slot = chain_month(m, stream, reactivated);
        }
    }
    CountChain::new(initial, out)
}

/// A stream's customers or subscribers at the start (`None` without the stream).
pub(super) fn initial(scenario: &Scenario, stream: Stream) -> Option<u64> {
    match stream {
        Stream::Reseller => scenario.reseller().map(|r| r.initial_customers.iter().map(|&n| u64::from(n)).sum()),
        Stream::Affiliate => scenario
            .affiliate()
            .map(|a| a.programmes.iter().flat_map(|p| &p.initial_subscribers).map(|&n| u64::from(n)).sum()),
    }
}

/// The exact likelihood of a history of counts and flows, and of cohort counts.
#[derive(Debug)]
pub struct Exact {
    /// The scenario over the history's months.
    scenario: Scenario,
    keys: Vec<String>,
    reseller: Option<CountChain>,
    affiliate: Option<CountChain>,
    /// The content's signups a month (fixed signups per piece), simulated month 1 first.
    content: Vec<f64>,
    cohorts: Option<CohortEvidence>,
}

impl Exact {
    /// The likelihood of `history` (the columns that take part in the calibration) and
    /// `cohorts` under `scenario` (cut to the history's months), with the uncertain
    /// parameters `keys`; `Err` with every reason it cannot be exact, each a sentence.
    pub fn new(
        scenario: &Scenario,
        keys: &[String],
        (history, columns): (&History, &[Column]),
        cohorts: Option<&CohortEvidence>,
    ) -> Result<Self, Vec<String>> {
        let reasons = reasons(scenario, columns);
        if !reasons.is_empty() {
            return Err(reasons);
        }
        let counts = |stream| columns.iter().any(|&c| counted(c) == Some(stream));
        let months = scenario.horizon_months();
        let reseller = initial(scenario, Stream::Reseller)
            .filter(|_| counts(Stream::Reseller))
            .map(|initial| chain(history, scenario.start_month(), months, Stream::Reseller, initial));
        let affiliate = initial(scenario, Stream::Affiliate)
            .filter(|_| counts(Stream::Affiliate))
            .map(|initial| chain(history, scenario.start_month(), months, Stream::Affiliate, initial));
        let content = content_rates(scenario);
        Ok(Self {
            scenario: scenario.clone(),
            keys: keys.to_vec(),
            reseller,
            affiliate,
            content,
            cohorts: cohorts.cloned(),
        })
    }

    /// The trajectory's numbers with the parameters at `theta`.
    fn drawn(&self, theta: &[f64]) -> Drawn {
        let pins: Vec<(String, f64)> = self.keys.iter().cloned().zip(theta.iter().copied()).collect();
        let streams = Streams::new(self.scenario.seed(), 0);
        Drawn::new(&self.scenario, &Resolver::new(&self.scenario, &streams, &pins))
    }

    fn reseller_term(&self, drawn: &Drawn) -> f64 {
        let (Some(chain), Some(d)) = (&self.reseller, &drawn.reseller) else { return 0.0 };
        // Under sBG only a history of arrivals alone (no word of mouth) is exact, and its
        // likelihood does not depend on churn at all.
        let churn = match d.churn {
            DrawnChurn::Constant(c) => c,
            DrawnChurn::Individual { .. } if arrivals_only(chain) => 0.0,
            DrawnChurn::Individual { .. } => return f64::NEG_INFINITY,
        };
        let months = chain.months().len();
        let arrivals: Vec<f64> = (1..=months).map(|m| d.arrivals * growth(d.arrivals_growth, m)).collect();
        chain.ln_likelihood(&ChainRates { churn, arrivals: &arrivals, referral: d.referral_rate })
    }

    fn affiliate_term(&self, drawn: &Drawn) -> f64 {
        let (Some(chain), Some(d)) = (&self.affiliate, &drawn.affiliate) else { return 0.0 };
        let Some(churn) = common_churn(d.programmes.iter().flat_map(|p| p.plans.iter().map(|plan| &plan.churn))) else {
            return f64::NEG_INFINITY;
        };
        let months = chain.months().len();
        let arrivals: Vec<f64> = (1..=months)
            .map(|m| {
                let content = self.content.get(m - 1).copied().unwrap_or(0.0);
                d.programmes
                    .iter()
                    .map(|p| {
                        p.signups * growth(p.signups_growth, m) + if content > 0.0 { p.share * content } else { 0.0 }
                    })
                    .sum()
            })
            .collect();
        chain.ln_likelihood(&ChainRates { churn, arrivals: &arrivals, referral: 0.0 })
    }

    fn cohort_term(&self, drawn: &Drawn) -> f64 {
        let Some(evidence) = &self.cohorts else { return 0.0 };
        evidence
            .population
            .drawn_churn(drawn)
            .map_or(f64::NEG_INFINITY, |churn| cohorts::ln_likelihood(&evidence.cohorts, churn))
    }
}

impl LogLikelihood for Exact {
    fn ln_likelihood(&self, theta: &[f64]) -> f64 {
        let drawn = self.drawn(theta);
        self.reseller_term(&drawn) + self.affiliate_term(&drawn) + self.cohort_term(&drawn)
    }
}

/// Whether a chain records arrivals only (no count, no churned).
fn arrivals_only(chain: &CountChain) -> bool {
    chain.months().iter().all(|m| m.count.is_none() && m.churned.is_none())
}

/// The one constant churn of every plan, if they share one.
fn common_churn<'a>(mut churns: impl Iterator<Item = &'a DrawnChurn>) -> Option<f64> {
    let Some(DrawnChurn::Constant(first)) = churns.next() else { return None };
    churns.all(|c| matches!(c, DrawnChurn::Constant(x) if x == first)).then_some(*first)
}

/// The content's signups a month in each simulated month (0 without content).
fn content_rates(scenario: &Scenario) -> Vec<f64> {
    let months = scenario.horizon_months();
    let Some(content) = scenario.affiliate().and_then(|a| a.content.as_ref()) else {
        return vec![0.0; months];
    };
    let mut state = ContentState::default();
    state.reset(content, scenario.start_month(), months, &Streams::new(scenario.seed(), 0));
    (0..months).map(|m| state.rate(m)).collect()
}

/// Why the evidence's likelihood has no closed form under `scenario`, one sentence each
/// (none: the path is exact).
pub fn reasons(scenario: &Scenario, columns: &[Column]) -> Vec<String> {
    let mut why = Vec::new();
    let other: Vec<&str> = columns.iter().filter(|&&c| counted(c).is_none()).map(|c| c.name()).collect();
    if !other.is_empty() {
        let verb = if other.len() == 1 { "comes" } else { "come" };
        why.push(format!(
            "the history's {} {verb} from every customer's spend, tier and effort, whose likelihood has no closed form",
            other.join(", ")
        ));
    }
    let counts = |stream| columns.iter().any(|&c| counted(c) == Some(stream));
    if let Some(r) = scenario.reseller()
        && matches!(r.churn, Churn::ShiftedBetaGeometric { .. })
    {
        let levels = columns.iter().any(|c| matches!(c, Column::Customers | Column::Churned));
        let referrals = r.referral_rate.is_uncertain() || r.referral_rate.central() != 0.0;
        let arrivals = columns.iter().any(|c| matches!(c, Column::NewCustomers | Column::Reactivated));
        if levels || (arrivals && referrals) {
            why.push("reseller.churn is sBG (customers differ): a count does not say which customers are left".into());
        }
    }
    if counts(Stream::Affiliate)
        && let Some(a) = scenario.affiliate()
    {
        let plans: Vec<&Churn> = a.plans().map(|(_, plan)| &plan.churn).collect();
        let constant: Vec<Option<f64>> = plans
            .iter()
            .map(|c| match c {
                Churn::Constant(p) if !p.is_uncertain() => Some(p.central()),
                _ => None,
            })
            .collect();
        let same = constant.iter().all(|c| c.is_some() && *c == constant[0]);
        let single = plans.len() == 1 && matches!(plans[0], Churn::Constant(_));
        if !(single || same) {
            why.push(
                "the plans churn differently (sBG, or rates of their own): the subscriber count mixes them".into(),
            );
        }
        if a.content.as_ref().is_some_and(|c| c.signups_per_piece.is_uncertain()) {
            why.push("signups_per_piece is drawn per piece: the month's signup rate is itself random".into());
        }
    }
    why
}
