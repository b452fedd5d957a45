//! An exact posterior over (arrivals, churn) written for the tests alone, sharing no code
//! with sidecast: the count chain of docs/model.md §2.2 and §2.4 (Binomial survivors plus
//! Poisson arrivals each month) summed month by month over a grid of equal prior mass, with the
//! priors' distribution functions from statrs. It is what calibrate's posterior is held to.
//!
//! Each node of a G × G grid stands for a cell of prior mass 1/G² (quantile midpoints of
//! the two priors), so its posterior weight is its likelihood alone. A marginal's
//! distribution function interpolates within a cell in prior probability, which makes it
//! continuous and accurate to a small fraction of a cell.

use statrs::distribution::{Beta, ContinuousCDF, LogNormal, Normal, Triangular, Uniform};
use statrs::function::beta::ln_beta;
use statrs::function::gamma::ln_gamma;

/// A prior as a scenario states it.
#[derive(Debug, Clone, Copy)]
pub enum GridPrior {
    Uniform(f64, f64),
    Beta(f64, f64),
    /// `{ ci90 = [low, high] }`: the lognormal with that 90% interval.
    Ci90(f64, f64),
    /// `{ lognormal = { median = m, ci90 = [low, high] } }`: median m, σ from the interval.
    LogNormal {
        median: f64,
        low: f64,
        high: f64,
    },
    /// `{ normal = [mean, sd] }` (far enough from 0 that nothing is cut off).
    Normal(f64, f64),
    /// `{ triangular = [min, mode, max] }`.
    Triangular(f64, f64, f64),
}

impl GridPrior {
    fn lognormal(median: f64, low: f64, high: f64) -> LogNormal {
        let z = 1.644_853_626_951_472_2;
        LogNormal::new(median.ln(), (high / low).ln() / (2.0 * z)).unwrap()
    }

    pub fn cdf(&self, x: f64) -> f64 {
        match *self {
            GridPrior::Uniform(a, b) => Uniform::new(a, b).unwrap().cdf(x),
            GridPrior::Beta(a, b) => Beta::new(a, b).unwrap().cdf(x),
            GridPrior::Ci90(a, b) => Self::lognormal((a * b).sqrt(), a, b).cdf(x),
            GridPrior::LogNormal { median, low, high } => Self::lognormal(median, low, high).cdf(x),
            GridPrior::Normal(m, sd) => Normal::new(m, sd).unwrap().cdf(x),
            GridPrior::Triangular(a, c, b) => Triangular::new(a, b, c).unwrap().cdf(x),
        }
    }

    pub fn quantile(&self, p: f64) -> f64 {
        match *self {
            GridPrior::Uniform(a, b) => a + (b - a) * p,
            GridPrior::Beta(a, b) => Beta::new(a, b).unwrap().inverse_cdf(p),
            GridPrior::Ci90(a, b) => Self::lognormal((a * b).sqrt(), a, b).inverse_cdf(p),
            GridPrior::LogNormal { median, low, high } => Self::lognormal(median, low, high).inverse_cdf(p),
            GridPrior::Normal(m, sd) => Normal::new(m, sd).unwrap().inverse_cdf(p),
            GridPrior::Triangular(a, c, b) => Triangular::new(a, b, c).unwrap().inverse_cdf(p),
        }
    }

    /// The TOML of the prior.
    pub fn toml(&self) -> String {
        match *self {
            GridPrior::Uniform(a, b) => format!("{{ uniform = [{a}, {b}] }}"),
            GridPrior::Beta(a, b) => format!("{{ beta = [{a}, {b}] }}"),
            GridPrior::Ci90(a, b) => format!("{{ ci90 = [{a}, {b}] }}"),
            GridPrior::LogNormal { median, low, high } => {
                format!("{{ lognormal = {{ median = {median}, ci90 = [{low}, {high}] }} }}")
            }
            GridPrior::Normal(m, sd) => format!("{{ normal = [{m}, {sd}] }}"),
            GridPrior::Triangular(a, c, b) => format!("{{ triangular = [{a}, {c}, {b}] }}"),
        }
    }
}

/// One month of history: the count billed, and optionally the arrivals and the churned.
#[derive(Debug, Clone, Copy, Default)]
pub struct Record {
    pub count: Option<u64>,
    pub arrivals: Option<u64>,
    pub churned: Option<u64>,
}

/// A marginal posterior on the grid.
#[derive(Debug, Clone)]
pub struct Marginal {
    prior: GridPrior,
    /// Posterior probability of each cell, in prior-quantile order.
    weights: Vec<f64>,
    nodes: Vec<f64>,
}

impl Marginal {
    /// The posterior distribution function.
    pub fn cdf(&self, x: f64) -> f64 {
        let g = self.weights.len() as f64;
        let u = (self.prior.cdf(x) * g).clamp(0.0, g);
        let i = (u.floor() as usize).min(self.weights.len() - 1);
        self.weights[..i].iter().sum::<f64>() + self.weights[i] * (u - i as f64)
    }

    pub fn mean(&self) -> f64 {
        self.nodes.iter().zip(&self.weights).map(|(x, w)| x * w).sum()
    }

    pub fn sd(&self) -> f64 {
        let m = self.mean();
        self.nodes.iter().zip(&self.weights).map(|(x, w)| w * (x - m).powi(2)).sum::<f64>().sqrt()
    }

    /// The `p` quantile (inverting the interpolated distribution function).
    pub fn quantile(&self, p: f64) -> f64 {
        let g = self.weights.len();
        let mut below = 0.0;
        for i in 0..g {
            if below + self.weights[i] >= p {
                let within = if self.weights[i] > 0.0 { (p - below) / self.weights[i] } else { 0.5 };
                return self.prior.quantile((i as f64 + within) / g as f64);
            }
            below += self.weights[i];
        }
        self.prior.quantile(1.0 - 0.5 / g as f64)
    }
}

/// `ln k!` for k up to `cap`.
fn ln_factorials(cap: usize) -> Vec<f64> {
    (0..=cap).map(|k| ln_gamma(k as f64 + 1.0)).collect()
}

/// Fixed numbers of the arrival process besides its rate: monthly growth of the rate and
/// word of mouth (extra arrivals a month per customer entering it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Arrivals {
    pub growth: f64,
    pub referral: f64,
}

/// The likelihood of the records from a base of `base` with arrivals `lambda` and churn
/// `churn`, by carrying the distribution of the customers entering each month (up to
/// `cap` of them) through the months; `lf` holds `ln k!` up to `cap`.
pub fn likelihood(base: u64, records: &[Record], (lambda, churn): (f64, f64), cap: usize, lf: &[f64]) -> f64 {
    likelihood_of(base, records, (lambda, churn), Arrivals::default(), (cap, lf))
}

/// [`likelihood`] with growth and word of mouth: month t's (1-based) arrivals are Poisson
/// with mean `lambda · (1 + growth)^(t − 1) + referral · r` for `r` customers entering it.
pub fn likelihood_of(
    base: u64,
    records: &[Record],
    (lambda, churn): (f64, f64),
    more: Arrivals,
    (cap, lf): (usize, &[f64]),
) -> f64 {
    let pmf = |k: usize, mu: f64| if mu > 0.0 { (k as f64 * mu.ln() - mu - lf[k]).exp() } else { f64::from(k == 0) };
    let fixed: Vec<f64> = (0..=cap).map(|k| pmf(k, lambda)).collect();
    let binomial = |d: usize, n: usize| -> f64 {
        let a = if d == 0 { 0.0 } else { d as f64 * churn.ln() };
        let b = if n == d { 0.0 } else { (n - d) as f64 * (1.0 - churn).ln() };
        (lf[n] - lf[d] - lf[n - d] + a + b).exp()
    };
    // entering[r]: probability of r customers entering the month and the records so far.
    let mut entering = vec![0.0; cap + 1];
    entering[base as usize] = 1.0;
    for (t, record) in records.iter().enumerate() {
        let mut billed = vec![0.0; cap + 1];
        for (r, &p) in entering.iter().enumerate().filter(|(_, p)| **p > 0.0) {
            let mu = lambda * (1.0 + more.growth).powi(t as i32) + more.referral * r as f64;
            let own: Vec<f64>;
            let poisson: &[f64] = if more.growth == 0.0 && more.referral == 0.0 {
                &fixed
            } else {
                own = (0..=cap).map(|k| pmf(k, mu)).collect();
                &own
            };
            match (record.count, record.arrivals) {
                (Some(n), Some(a)) if n as usize == r + a as usize => billed[n as usize] += p * poisson[a as usize],
                (Some(_), Some(_)) => {}
                (Some(n), None) if n as usize >= r => billed[n as usize] += p * poisson[n as usize - r],
                (Some(_), None) => {}
                (None, Some(a)) if r + (a as usize) <= cap => billed[r + a as usize] += p * poisson[a as usize],
                (None, Some(_)) => {}
                (None, None) => (0..=cap - r).for_each(|a| billed[r + a] += p * poisson[a]),
            }
        }
        if t + 1 == records.len() {
            return billed.iter().sum();
        }
        let mut next = vec![0.0; cap + 1];
        for (n, &p) in billed.iter().enumerate().filter(|(_, p)| **p > 0.0) {
            match record.churned {
                Some(d) if d as usize <= n => next[n - d as usize] += p * binomial(d as usize, n),
                Some(_) => {}
                None => (0..=n).for_each(|d| next[n - d] += p * binomial(d, n)),
            }
        }
        entering = next;
    }
    1.0
}

/// The marginal posteriors of arrivals and churn on a `size` × `size` grid.
pub fn posterior(priors: (GridPrior, GridPrior), base: u64, records: &[Record], size: usize) -> (Marginal, Marginal) {
    posterior_with_cohorts(priors, base, records, (0.0, 0.0), size)
}

/// The same with cohort facts besides: `churned` churn events in `decisions` renewal
/// decisions, each a Bernoulli trial with the same churn.
pub fn posterior_with_cohorts(
    priors: (GridPrior, GridPrior),
    base: u64,
    records: &[Record],
    facts: (f64, f64),
    size: usize,
) -> (Marginal, Marginal) {
    posterior_of(priors, (base, Arrivals::default()), records, facts, size)
}

/// The same with growth and word of mouth.
pub fn posterior_of(
    priors: (GridPrior, GridPrior),
    (base, more): (u64, Arrivals),
    records: &[Record],
    (churned, decisions): (f64, f64),
    size: usize,
) -> (Marginal, Marginal) {
    let node = |prior: GridPrior, i: usize| prior.quantile((i as f64 + 0.5) / size as f64);
    let lambdas: Vec<f64> = (0..size).map(|i| node(priors.0, i)).collect();
    let churns: Vec<f64> = (0..size).map(|j| node(priors.1, j)).collect();
    let most = records.iter().filter_map(|r| r.count).max().unwrap_or(0) as usize;
    let cap = (most + base as usize) * 2 + 30;
    let lf = ln_factorials(cap);
    let mut w = vec![0.0; size * size];
    for (i, &lambda) in lambdas.iter().enumerate() {
        for (j, &churn) in churns.iter().enumerate() {
            let cohorts = (churned * churn.ln() + (decisions - churned) * (1.0 - churn).ln()).exp();
            let series = likelihood_of(base, records, (lambda, churn), more, (cap, &lf));
            w[i * size + j] = series * if decisions > 0.0 { cohorts } else { 1.0 };
        }
    }
    let total: f64 = w.iter().sum();
    let arrivals = (0..size).map(|i| w[i * size..(i + 1) * size].iter().sum::<f64>() / total).collect();
    let churn = (0..size).map(|j| (0..size).map(|i| w[i * size + j]).sum::<f64>() / total).collect();
    (
        Marginal { prior: priors.0, weights: arrivals, nodes: lambdas },
        Marginal { prior: priors.1, weights: churn, nodes: churns },
    )
}

/// The marginal posteriors of sBG's α and β from cohorts (customers active at each age, each
/// cohort in its own list) on a `size` × `size` grid: every customer's churn age is
/// independent, `P(T = t) = B(α + 1, β + t − 1) / B(α, β)`, survivors right-censored.
pub fn sbg_posterior(priors: (GridPrior, GridPrior), cohorts: &[Vec<f64>], size: usize) -> (Marginal, Marginal) {
    let node = |prior: GridPrior, i: usize| prior.quantile((i as f64 + 0.5) / size as f64);
    let alphas: Vec<f64> = (0..size).map(|i| node(priors.0, i)).collect();
    let betas: Vec<f64> = (0..size).map(|j| node(priors.1, j)).collect();
    let mut ln = vec![0.0; size * size];
    for (i, &a) in alphas.iter().enumerate() {
        for (j, &b) in betas.iter().enumerate() {
            let mut total = 0.0;
            for cohort in cohorts {
                for t in 1..cohort.len() {
                    let lost = cohort[t - 1] - cohort[t];
                    total += lost * (ln_beta(a + 1.0, b + t as f64 - 1.0) - ln_beta(a, b));
                }
                let last = cohort.len() - 1;
                total += cohort[last] * (ln_beta(a, b + last as f64) - ln_beta(a, b));
            }
            ln[i * size + j] = total;
        }
    }
    let max = ln.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = ln.iter().map(|l| (l - max).exp()).collect();
    let total: f64 = w.iter().sum();
    let alpha = (0..size).map(|i| w[i * size..(i + 1) * size].iter().sum::<f64>() / total).collect();
    let beta = (0..size).map(|j| (0..size).map(|i| w[i * size + j]).sum::<f64>() / total).collect();
    (
        Marginal { prior: priors.0, weights: alpha, nodes: alphas },
        Marginal { prior: priors.1, weights: beta, nodes: betas },
    )
}

/// The Kolmogorov-Smirnov distance between weighted draws and a marginal.
pub fn ks(values: &[f64], weights: &[f64], exact: &Marginal) -> f64 {
    let mut pairs: Vec<(f64, f64)> = values.iter().copied().zip(weights.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = weights.iter().sum();
    let mut below = 0.0;
    let mut worst: f64 = 0.0;
    for (x, w) in pairs {
        let f = exact.cdf(x);
        worst = worst.max((f - below).abs());
        below += w / total;
        worst = worst.max((f - below).abs());
    }
    worst
}

#[test]
fn the_grid_likelihood_is_a_distribution_over_histories() {
    // Every history of three counts (up to 40) has a likelihood, and they sum to one; the
    // flows split a count's probability among the ways it came about.
    let lf = ln_factorials(120);
    let mut total = 0.0;
    for a in 0..40 {
        for b in 0..40 {
            for c in 0..40 {
                let records: Vec<Record> =
                    [a, b, c].iter().map(|&n| Record { count: Some(n), ..Record::default() }).collect();
                total += likelihood(2, &records, (1.7, 0.2), 120, &lf);
            }
        }
    }
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    let count = [Record { count: Some(4), ..Record::default() }, Record { count: Some(5), ..Record::default() }];
    let by_flows: f64 = (0..=6)
        .flat_map(|a| (0..=4).map(move |d| (a, d)))
        .map(|(a, d)| {
            let records = [
                Record { count: Some(4), arrivals: Some(2), churned: Some(d) },
                Record { count: Some(5), arrivals: Some(a), churned: None },
            ];
            likelihood(2, &records, (1.7, 0.2), 120, &lf)
        })
        .sum();
    let whole = likelihood(2, &count, (1.7, 0.2), 120, &lf);
    assert!((by_flows - whole).abs() < 1e-12, "{by_flows} vs {whole}");
}
