//! Priors centred on what an import's data say and wide enough to be honest: a churn rate as
//! a Beta with the data's mean and the weight of twelve observations (so a short history
//! cannot make it look sure, and `calibrate` has room to move it), an arrival rate as a 90%
//! interval at least a factor two either side of the data's rate (wider when few arrived), a
//! spend as the lognormal of the customers' amounts.

/// Prior weight of a churn rate, in observations.
const CHURN_WEIGHT: f64 = 12.0;

/// Churn's prior mean when no one was at risk of leaving yet (one month of data): the
/// reseller's 10% a month (docs/model.md §1), not the 50% that `(0 + ½) / (0 + 1)` says.
const NO_DATA_CHURN: f64 = 0.10;

/// `{ beta = [a, b] }` with mean `(churned + ½) / (exposed + 1)` and weight 12 (10% with
/// nothing at risk); the mean.
pub fn churn(churned: f64, exposed: f64) -> (String, f64) {
    let mean = if exposed > 0.0 { ((churned + 0.5) / (exposed + 1.0)).clamp(0.005, 0.8) } else { NO_DATA_CHURN };
    let a = (mean * CHURN_WEIGHT).max(0.5);
    let b = (a * (1.0 - mean) / mean).max(0.5);
    (format!("{{ beta = [{}, {}] }}", round(a, 2), round(b, 2)), mean)
}

/// Where a churn prior's centre comes from, for its comment: `3 left of 35 customer-months
/// at risk (from the data: 9.7%)`, or that nothing was at risk yet.
pub fn churn_source(left: &str, exposed: f64, unit: &str, mean: f64) -> String {
    if exposed > 0.0 {
        format!("{left} of {exposed} {unit}-months at risk (from the data: {}%)", round(mean * 100.0, 1))
    } else {
        format!("no {unit}-months at risk yet: centred on {}%, a default, not the data", round(mean * 100.0, 1))
    }
}

/// The same, short, for the terminal: `the data: 9.7%` or that nothing was at risk yet.
pub fn churn_said(exposed: f64, mean: f64) -> String {
    let percent = round(mean * 100.0, 1);
    if exposed > 0.0 { format!("the data: {percent}%") } else { format!("nothing at risk yet: a default {percent}%") }
}

/// `{ ci90 = [low, high] }` around a rate of `total` arrivals over `months`.
pub fn rate(total: f64, months: f64) -> (String, f64) {
    let months = months.max(1.0);
    if total <= 0.0 {
        return ("{ ci90 = [0.05, 1] }".to_string(), 0.0);
    }
    let rate = total / months;
    let factor = (1.645 * 2.0 / total.sqrt()).exp().max(2.0);
    (format!("{{ ci90 = [{}, {}] }}", significant(rate / factor), significant(rate * factor)), rate)
}

/// `{ median = m, ci90 = [low, high] }` of amounts (lognormal; σ 0.5 with fewer than two).
pub fn lognormal(amounts: &[f64]) -> Option<(String, f64)> {
    let logs: Vec<f64> = amounts.iter().filter(|a| **a > 0.0).map(|a| a.ln()).collect();
    if logs.is_empty() {
        return None;
    }
    let n = logs.len() as f64;
    let mean = logs.iter().sum::<f64>() / n;
    let sigma = if logs.len() < 2 {
        0.5
    } else {
        (logs.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt().max(0.2)
    };
    let median = mean.exp();
    let (low, high) = ((mean - 1.645 * sigma).exp(), (mean + 1.645 * sigma).exp());
    Some((format!("{{ median = {}, ci90 = [{}, {}] }}", round(median, 2), round(low, 2), round(high, 2)), median))
}

/// The median of values (`None` for none).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

pub fn round(v: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (v * scale).round() / scale
}

/// Three significant figures.
pub fn significant(v: f64) -> f64 {
    crate::text::number::significant(v, 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Beta, ContinuousCDF};

    #[test]
    fn priors_are_centred_on_the_data_and_wide() {
        let (text, mean) = churn(9.0, 90.0);
        assert_eq!(text, "{ beta = [1.25, 10.75] }");
        assert!((mean - 9.5 / 91.0).abs() < 1e-12);
        let beta = Beta::new(1.25, 10.75).unwrap();
        let (low, high) = (beta.inverse_cdf(0.05), beta.inverse_cdf(0.95));
        assert!(low < 0.03 && high > 0.2, "a 90% interval of {low}-{high} leaves room either side of 10%");
        // One month of data: nothing at risk yet, so the default's 10%, not 50%.
        let (text, mean) = churn(0.0, 0.0);
        assert_eq!((text.as_str(), mean), ("{ beta = [1.2, 10.8] }", 0.1));
        assert!(
            churn_source("0 left", 0.0, "customer", mean).starts_with("no customer-months at risk yet: centred on 10%")
        );
        let (text, rate_) = rate(24.0, 12.0);
        assert_eq!(rate_, 2.0);
        assert_eq!(text, "{ ci90 = [1, 4] }", "at least a factor two either side");
        let factor = (3.29f64 / 6f64.sqrt()).exp();
        assert_eq!(
            rate(6.0, 6.0).0,
            format!("{{ ci90 = [{}, {}] }}", significant(1.0 / factor), significant(factor)),
            "wider when few arrived"
        );
        let (text, m) = lognormal(&[100.0, 400.0]).unwrap();
        assert!((m - 200.0).abs() < 1e-9, "{text}");
        assert_eq!(lognormal(&[50.0]).unwrap().0, "{ median = 50, ci90 = [21.97, 113.81] }");
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    }
}
