//! The answers `init`'s flags give, as plain values ([`Given`]), and how they become
//! [`Answers`]: which streams they ask for, the tiers and plans they name (each once), the
//! counts placed on them (by name, or a total split like the defaults) and every other
//! value over the defaults. Front ends fill a [`Given`] from whatever they read; a message
//! names the flag that gave the value.

use super::answers::{AffiliateAnswers, Answers, PlanAnswer, Rate, ResellerAnswers, TierAnswer};
use super::parse::{self, Counts};

/// What the flags gave; `None` or empty where a flag was not given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    pub reseller: bool,
    pub affiliate: bool,
    pub name: Option<String>,
    pub months: Option<u32>,
    pub start_month: Option<u32>,
    pub tiers: Vec<TierAnswer>,
    pub customers: Option<Counts>,
    pub arrivals: Option<f64>,
    pub churn: Option<Rate>,
    pub plans: Vec<PlanAnswer>,
    pub subscribers: Option<Counts>,
    pub signups: Option<f64>,
    pub subscriber_churn: Option<Rate>,
    pub first_order: Option<f64>,
    pub recurring: Option<f64>,
    pub payout_threshold: Option<f64>,
    pub hours: Option<f64>,
    pub goal: Option<f64>,
}

impl Given {
    /// Whether a flag asks for the reseller stream (`--reseller` or one of its values).
    pub fn wants_reseller(&self) -> bool {
        self.reseller || !self.tiers.is_empty() || self.customers.is_some() || self.arrivals.is_some()
    }

    /// Whether a flag asks for the affiliate stream (`--affiliate` or one of its values).
    pub fn wants_affiliate(&self) -> bool {
        self.affiliate
            || !self.plans.is_empty()
            || self.subscribers.is_some()
            || self.signups.is_some()
            || self.subscriber_churn.is_some()
            || self.first_order.is_some()
            || self.recurring.is_some()
            || self.payout_threshold.is_some()
    }

    /// The answers the flags give for the chosen streams, the defaults elsewhere.
    ///
    /// # Errors
    /// A message starting with the flag at fault: a tier or plan named twice, counts that
    /// name no tier or plan.
    pub fn answers(&self, reseller: bool, affiliate: bool) -> Result<Answers, String> {
        let mut answers = Answers::defaults(reseller, affiliate);
        let usage = |flag: &str, message: String| format!("{flag}: {message}");
        let tiers: Vec<&str> = self.tiers.iter().map(|t| t.name.as_str()).collect();
        let plans: Vec<&str> = self.plans.iter().map(|p| p.name.as_str()).collect();
        for (flag, names) in [("--tier", tiers), ("--plan", plans)] {
            if let Some((i, name)) = names.iter().enumerate().find(|(i, n)| names[..*i].contains(n)) {
                return Err(usage(
                    flag,
                    format!("`{name}` is given twice (the {} {flag}); give each name once", ordinal(i + 1)),
                ));
            }
        }
        if let Some(r) = answers.reseller.as_mut() {
            if !self.tiers.is_empty() {
                r.tiers = self.tiers.clone();
                r.default_upgrades = false;
                let even = vec![1; r.tiers.len()];
                let total: u32 = ResellerAnswers::defaults().tiers.iter().map(|t| t.customers).sum();
                counts_onto(&mut r.tiers, self.customers.as_ref().unwrap_or(&Counts::Total(total)), &even)
                    .map_err(|m| usage("--customers", m))?;
            } else if let Some(counts) = &self.customers {
                let weights: Vec<u32> = r.tiers.iter().map(|t| t.customers).collect();
                counts_onto(&mut r.tiers, counts, &weights).map_err(|m| usage("--customers", m))?;
            }
            r.arrivals = self.arrivals.unwrap_or(r.arrivals);
            r.churn = self.churn.unwrap_or(r.churn);
        }
        if let Some(a) = answers.affiliate.as_mut() {
            self.fill_affiliate(a).map_err(|m| usage("--subscribers", m))?;
        }
        answers.name = self.name.clone().unwrap_or(answers.name);
        answers.horizon_months = self.months.unwrap_or(answers.horizon_months);
        answers.start_month = self.start_month.unwrap_or(answers.start_month);
        answers.hours = self.hours.unwrap_or(answers.hours);
        answers.goal = self.goal.unwrap_or(answers.goal);
        Ok(answers)
    }

    fn fill_affiliate(&self, a: &mut AffiliateAnswers) -> Result<(), String> {
        if !self.plans.is_empty() {
            let total: u32 = a.plans.iter().map(|p| p.subscribers).sum();
            a.plans = self.plans.clone();
            let even = vec![1; a.plans.len()];
            let names: Vec<String> = a.plans.iter().map(|p| p.name.clone()).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let placed = parse::place(self.subscribers.as_ref().unwrap_or(&Counts::Total(total)), &refs, &even)?;
            a.plans.iter_mut().zip(placed).for_each(|(p, n)| p.subscribers = n);
        } else if let Some(counts) = &self.subscribers {
            let names: Vec<String> = a.plans.iter().map(|p| p.name.clone()).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let weights: Vec<u32> = a.plans.iter().map(|p| p.subscribers).collect();
            let placed = parse::place(counts, &refs, &weights)?;
            a.plans.iter_mut().zip(placed).for_each(|(p, n)| p.subscribers = n);
        }
        a.signups = self.signups.unwrap_or(a.signups);
        a.churn = self.subscriber_churn.or(self.churn).unwrap_or(a.churn);
        a.first_order = self.first_order.unwrap_or(a.first_order);
        a.recurring = self.recurring.unwrap_or(a.recurring);
        a.payout_threshold = self.payout_threshold.unwrap_or(a.payout_threshold);
        Ok(())
    }
}

/// Puts counts on tiers: by name, or a total split like `weights`.
fn counts_onto(tiers: &mut [TierAnswer], counts: &Counts, weights: &[u32]) -> Result<(), String> {
    let names: Vec<String> = tiers.iter().map(|t| t.name.clone()).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let placed = parse::place(counts, &refs, weights)?;
    tiers.iter_mut().zip(placed).for_each(|(t, n)| t.customers = n);
    Ok(())
}

/// "2nd", "3rd", "4th".
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_given_twice_is_refused_naming_the_flag_and_which_one() {
        let tier = parse::tier("starter=15%,50,120").unwrap();
        let given = Given { tiers: vec![tier.clone(), tier], ..Given::default() };
        let error = given.answers(true, false).unwrap_err();
        assert_eq!(error, "--tier: `starter` is given twice (the 2nd --tier); give each name once");
        assert_eq!([ordinal(1), ordinal(11), ordinal(22), ordinal(113)], ["1st", "11th", "22nd", "113th"]);
    }

    #[test]
    fn a_total_is_split_over_the_default_tiers_like_the_defaults() {
        let given = Given { customers: Some(Counts::Total(24)), ..Given::default() };
        assert!(given.wants_reseller() && !given.wants_affiliate());
        let answers = given.answers(true, false).unwrap();
        let counts: Vec<u32> = answers.reseller.unwrap().tiers.iter().map(|t| t.customers).collect();
        assert_eq!(counts, [16, 6, 2], "8:3:1 of 24");
    }
}
