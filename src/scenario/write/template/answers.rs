//! What `sidecast init` asks, with the users' own numbers as defaults: which streams, the
//! reseller's tiers (markup, minimum, typical spend, customers today), the creator's plans
//! (price, subscribers today) and commission, churn as "about X%" or a range, arrivals or
//! signups a month, hours and a goal.

/// A monthly rate: about one value, or somewhere in a range (a 90% interval).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    About(f64),
    Range(f64, f64),
}

impl Rate {
    /// Parses `0.1`, `10%`, `about 10%`, `5%..15%`, `5-15%`, `0.05..0.15`.
    ///
    /// # Errors
    /// A message saying what was expected.
    pub fn parse(text: &str) -> Result<Rate, String> {
        let trimmed = text.trim().trim_start_matches('~').trim_start_matches("about").trim();
        let bad = || format!("`{text}` is not a rate: write 0.1, 10%, or a range such as 5%..15% or 5-15%");
        let percent = trimmed.ends_with('%');
        let one = |s: &str, percent: bool| -> Option<f64> {
            let s = s.trim();
            let (number, scale) = match s.strip_suffix('%') {
                Some(n) => (n.trim(), 0.01),
                None if percent => (s, 0.01),
                None => (s, 1.0),
            };
            number.parse::<f64>().ok().map(|v| v * scale).filter(|v| v.is_finite() && (0.0..=1.0).contains(v))
        };
        let range = trimmed.split_once("..").or_else(|| trimmed.split_once('-')).or_else(|| trimmed.split_once(" to "));
        match range {
            Some((low, high)) => match (one(low, percent), one(high, percent)) {
                (Some(low), Some(high)) if low > 0.0 && low < high => Ok(Rate::Range(low, high)),
                (Some(_), Some(_)) => Err(format!("`{text}`: a range needs a low end above 0 and below the high end")),
                _ => Err(bad()),
            },
            None => one(trimmed, false).map(Rate::About).ok_or_else(bad),
        }
    }

    /// The rate as a TOML value: a number, or `{ ci90 = [low, high] }`.
    pub fn toml(self) -> String {
        match self {
            Rate::About(v) => number(v),
            Rate::Range(low, high) => format!("{{ ci90 = [{}, {}] }}", number(low), number(high)),
        }
    }

    /// In words: `10%`, `5%-15%`.
    pub fn words(self) -> String {
        let p = |v: f64| format!("{}%", number(v * 100.0));
        match self {
            Rate::About(v) => p(v),
            Rate::Range(low, high) => format!("{}-{}", p(low), p(high)),
        }
    }
}

/// One markup tier of the reseller.
#[derive(Debug, Clone, PartialEq)]
pub struct TierAnswer {
    pub name: String,
    /// invoice = spend × (1 + markup).
    pub markup: f64,
    /// Minimum monthly invoice, dollars.
    pub minimum: f64,
    /// A typical new customer's monthly platform spend, dollars (the median).
    pub spend: f64,
    /// Customers on the tier today.
    pub customers: u32,
}

/// The reseller stream's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ResellerAnswers {
    pub tiers: Vec<TierAnswer>,
    pub churn: Rate,
    /// New customers a month.
    pub arrivals: f64,
    /// Upgrades between the default tiers (Starter → Growth 35% within 3 months, ...).
    pub default_upgrades: bool,
}

/// One plan referred subscribers buy.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanAnswer {
    pub name: String,
    /// Dollars a month.
    pub price: f64,
    /// Referred subscribers on it today.
    pub subscribers: u32,
}

/// The affiliate stream's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct AffiliateAnswers {
    pub plans: Vec<PlanAnswer>,
    pub churn: Rate,
    /// Referred signups a month.
    pub signups: f64,
    pub first_order: f64,
    pub recurring: f64,
    /// Dollars.
    pub payout_threshold: f64,
}

/// Everything `init` asks.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub name: String,
    pub horizon_months: u32,
    /// The calendar number of the first simulated month (1 = months counted from today).
    pub start_month: u32,
    pub reseller: Option<ResellerAnswers>,
    pub affiliate: Option<AffiliateAnswers>,
    /// Hours a month, all streams together.
    pub hours: f64,
    /// A monthly net profit to report the chance of, 12 months in; 0 for none.
    pub goal: f64,
}

impl ResellerAnswers {
    /// The reseller's own numbers.
    pub fn defaults() -> Self {
        let tier = |name: &str, markup, minimum, spend, customers| TierAnswer {
            name: name.to_string(),
            markup,
            minimum,
            spend,
            customers,
        };
        ResellerAnswers {
            tiers: vec![
                tier("starter", 0.15, 50.0, 120.0, 8),
                tier("growth", 0.20, 200.0, 400.0, 3),
                tier("studio", 0.25, 500.0, 1000.0, 1),
            ],
            churn: Rate::About(0.10),
            arrivals: 1.0,
            default_upgrades: true,
        }
    }
}

impl AffiliateAnswers {
    /// The creator's own numbers.
    pub fn defaults() -> Self {
        let plan = |name: &str, price, subscribers| PlanAnswer { name: name.to_string(), price, subscribers };
        AffiliateAnswers {
            plans: vec![plan("pro", 19.99, 40), plan("scale", 149.99, 6)],
            churn: Rate::About(0.10),
            signups: 10.0,
            first_order: 0.15,
            recurring: 0.08,
            payout_threshold: 50.0,
        }
    }
}

impl Answers {
    /// The defaults for the chosen streams (the reseller's alone when neither is chosen).
    pub fn defaults(reseller: bool, affiliate: bool) -> Self {
        let reseller = reseller || !affiliate;
        let name = match (reseller, affiliate) {
            (true, true) => "My side business",
            (true, false) => "My reselling",
            _ => "My affiliate income",
        };
        Answers {
            name: name.to_string(),
            horizon_months: 24,
            start_month: 1,
            reseller: reseller.then(ResellerAnswers::defaults),
            affiliate: affiliate.then(AffiliateAnswers::defaults),
            hours: if reseller && affiliate { 8.0 } else { 4.0 },
            goal: if reseller { 700.0 } else { 400.0 },
        }
    }
}

/// Splits `total` customers over tiers in proportion to `weights` (largest remainders).
pub fn split(total: u32, weights: &[u32]) -> Vec<u32> {
    let sum: u32 = weights.iter().sum();
    if sum == 0 {
        let mut out = vec![0; weights.len()];
        if let Some(first) = out.first_mut() {
            *first = total;
        }
        return out;
    }
    let exact: Vec<f64> = weights.iter().map(|&w| f64::from(total) * f64::from(w) / f64::from(sum)).collect();
    let mut out: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let missing = total - out.iter().sum::<u32>();
    for &i in order.iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}

/// A number as TOML writes it: `0.1`, `50`, `19.99` (the shortest form that reads back).
pub fn number(v: f64) -> String {
    let rounded = (v * 1e9).round() / 1e9;
    format!("{rounded}")
}
