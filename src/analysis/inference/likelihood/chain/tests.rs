use super::*;
use crate::analysis::inference::likelihood::pmf::ln_sum_exp;

fn month(count: Option<u64>, arrivals: Option<u64>, churned: Option<u64>) -> ChainMonth {
    ChainMonth { count, arrivals, churned }
}

fn counts(values: &[Option<u64>]) -> Vec<ChainMonth> {
    values.iter().map(|&c| month(c, None, None)).collect()
}

/// The probability of the history by brute force: every path of arrivals and churns (up to
/// `most` arrivals a month), kept when it agrees with every record.
fn brute_force(initial: u64, months: &[ChainMonth], rates: &ChainRates, most: u64) -> f64 {
    fn walk(t: usize, entering: u64, months: &[ChainMonth], rates: &ChainRates, most: u64) -> f64 {
        if t == months.len() {
            return 1.0;
        }
        let m = months[t];
        let mu = rates.arrivals[t] + rates.referral * entering as f64;
        let mut total = 0.0;
        for a in 0..=most {
            let n = entering + a;
            if m.arrivals.is_some_and(|x| x != a) || m.count.is_some_and(|x| x != n) {
                continue;
            }
            let pa = ln_poisson(a, mu).exp();
            if t + 1 == months.len() {
                total += pa;
                continue;
            }
            for d in 0..=n {
                if m.churned.is_some_and(|x| x != d) {
                    continue;
                }
                let pd = ln_binomial(d, n, rates.churn).exp();
                total += pa * pd * walk(t + 1, n - d, months, rates, most);
            }
        }
        total
    }
    walk(0, initial, months, rates, most)
}

#[test]
fn the_forward_pass_is_the_sum_over_every_path() {
    let arrivals = [1.3, 0.4, 2.2, 0.9];
    let rates = ChainRates { churn: 0.23, arrivals: &arrivals, referral: 0.15 };
    let histories = [
        counts(&[Some(3), Some(2), Some(4), Some(3)]),
        counts(&[None, Some(2), None, Some(5)]),
        counts(&[None, None, None, Some(1)]),
        vec![
            month(Some(3), Some(1), Some(1)),
            month(None, Some(0), None),
            month(Some(4), None, Some(2)),
            month(None, None, None),
        ],
        vec![
            month(None, Some(2), None),
            month(None, None, Some(1)),
            month(None, Some(1), None),
            month(Some(3), None, None),
        ],
    ];
    for months in &histories {
        let exact = CountChain::new(2, months.clone()).ln_likelihood(&rates).exp();
        let brute = brute_force(2, months, &rates, 14);
        assert!((exact - brute).abs() < 1e-9 * brute, "{months:?}: {exact} vs {brute}");
        assert!(brute > 0.0);
    }
    // A history that records nothing has probability one.
    let nothing = CountChain::new(2, counts(&[None, None, None, None])).ln_likelihood(&rates);
    assert!(nothing.abs() < 1e-12, "{nothing}");
}

#[test]
fn the_likelihoods_of_every_possible_count_history_sum_to_one() {
    let arrivals = [2.0, 2.0, 2.0];
    let rates = ChainRates { churn: 0.3, arrivals: &arrivals, referral: 0.0 };
    let mut terms = Vec::new();
    for a in 0..40 {
        for b in 0..40 {
            for c in 0..40 {
                let chain = CountChain::new(1, counts(&[Some(a), Some(b), Some(c)]));
                terms.push(chain.ln_likelihood(&rates));
            }
        }
    }
    let total = ln_sum_exp(terms.iter().copied()).exp();
    assert!((total - 1.0).abs() < 1e-12, "{total}");
}

#[test]
fn a_single_count_follows_the_closed_form_of_the_model() {
    // docs/model.md §2.4: billed in month t = Binomial(N0, s^(t−1)) + Poisson(λ(1 − s^t)/c).
    for (n0, lambda, churn, t) in [(12u64, 1.0, 0.1, 6usize), (1000, 3.0, 0.08, 9), (0, 2.5, 0.2, 4)] {
        let s: f64 = 1.0 - churn;
        let arrivals = vec![lambda; t];
        let rates = ChainRates { churn, arrivals: &arrivals, referral: 0.0 };
        let survivors = s.powi(t as i32 - 1);
        let mean_new = lambda * (1.0 - s.powi(t as i32)) / churn;
        let closed = |n: u64| -> f64 {
            (0..=n.min(n0)).map(|k| (ln_binomial(k, n0, survivors) + ln_poisson(n - k, mean_new)).exp()).sum()
        };
        let mean = n0 as f64 * survivors + mean_new;
        for n in [mean.floor() as u64, (mean * 0.8) as u64, (mean * 1.2) as u64 + 1] {
            let mut months = counts(&vec![None; t]);
            months[t - 1].count = Some(n);
            let exact = CountChain::new(n0, months).ln_likelihood(&rates).exp();
            assert!((exact / closed(n) - 1.0).abs() < 1e-9, "n0 {n0}, n {n}: {exact} vs {}", closed(n));
        }
    }
}

#[test]
fn histories_the_model_cannot_produce_have_no_likelihood() {
    let arrivals = [1.0, 1.0];
    let rates = ChainRates { churn: 0.0, arrivals: &arrivals, referral: 0.0 };
    // No churn: the count cannot fall.
    assert_eq!(CountChain::new(0, counts(&[Some(3), Some(2)])).ln_likelihood(&rates), f64::NEG_INFINITY);
    // More arrivals than billed customers.
    let chain = CountChain::new(0, vec![month(Some(1), Some(2), None), month(None, None, None)]);
    assert_eq!(chain.ln_likelihood(&rates), f64::NEG_INFINITY);
    // More churned than billed.
    let chain = CountChain::new(0, vec![month(Some(1), None, Some(2)), month(None, None, None)]);
    let churny = ChainRates { churn: 0.5, ..rates };
    assert_eq!(chain.ln_likelihood(&churny), f64::NEG_INFINITY);
    // Rates that are not rates, and too few months of them.
    let fine = CountChain::new(0, counts(&[Some(1), Some(1)]));
    assert!(fine.ln_likelihood(&churny).is_finite());
    for bad in [
        ChainRates { churn: 1.5, ..churny },
        ChainRates { churn: f64::NAN, ..churny },
        ChainRates { referral: -0.1, ..churny },
        ChainRates { arrivals: &[1.0], ..churny },
        ChainRates { arrivals: &[1.0, f64::INFINITY], ..churny },
    ] {
        assert_eq!(fine.ln_likelihood(&bad), f64::NEG_INFINITY);
    }
    // The churned of the last month is after the history: it changes nothing.
    let with = CountChain::new(2, vec![month(Some(3), None, None), month(Some(3), None, Some(3))]);
    let without = CountChain::new(2, counts(&[Some(3), Some(3)]));
    assert_eq!(with.ln_likelihood(&churny), without.ln_likelihood(&churny));
}

#[test]
fn flows_are_the_product_of_their_poisson_and_binomial_terms() {
    // With arrivals and churned known every month, the likelihood is a plain product.
    let arrivals = [2.0, 2.5, 3.0];
    let rates = ChainRates { churn: 0.12, arrivals: &arrivals, referral: 0.05 };
    let months =
        vec![month(Some(7), Some(2), Some(1)), month(Some(9), Some(3), Some(2)), month(Some(10), Some(3), None)];
    let expected = ln_poisson(2, 2.0 + 0.05 * 5.0)
        + ln_binomial(1, 7, 0.12)
        + ln_poisson(3, 2.5 + 0.05 * 6.0)
        + ln_binomial(2, 9, 0.12)
        + ln_poisson(3, 3.0 + 0.05 * 7.0);
    let exact = CountChain::new(5, months).ln_likelihood(&rates);
    assert!((exact - expected).abs() < 1e-12, "{exact} vs {expected}");
}

#[test]
fn large_bases_are_exact_through_the_binomial_window() {
    // 3,000 customers, 8% churn, 40 arrivals a month, the count seen in month 5 only:
    // against the closed form of §3.
    let (n0, lambda, churn, t) = (3000u64, 40.0, 0.08, 5usize);
    let s: f64 = 1.0 - churn;
    let arrivals = vec![lambda; t];
    let rates = ChainRates { churn, arrivals: &arrivals, referral: 0.0 };
    let survivors = s.powi(t as i32 - 1);
    let mean_new = lambda * (1.0 - s.powi(t as i32)) / churn;
    let n = (n0 as f64 * survivors + mean_new).round() as u64 + 17;
    let closed: f64 = (0..=n).map(|k| (ln_binomial(k, n0, survivors) + ln_poisson(n - k, mean_new)).exp()).sum();
    let mut months = counts(&vec![None; t]);
    months[t - 1].count = Some(n);
    let exact = CountChain::new(n0, months).ln_likelihood(&rates).exp();
    assert!((exact / closed - 1.0).abs() < 1e-8, "{exact} vs {closed}");
}
