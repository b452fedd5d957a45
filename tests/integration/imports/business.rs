//! A known simulated business for the import tests, and its true monthly numbers computed
//! from its own lifecycle (not by sidecast's code): customers that arrive, pay, pause and come
//! back, and leave; referrals that earn commissions that are paid, voided or reversed.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A small deterministic random source.
pub struct Dice(Xoshiro256PlusPlus);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Uniform whole number in [low, high].
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        low + (self.uniform() * f64::from(high - low + 1)) as u32
    }

    /// Poisson by inversion (small means).
    pub fn poisson(&mut self, mean: f64) -> u32 {
        let (mut k, mut p, target) = (0, (-mean).exp(), self.uniform());
        let mut cumulative = p;
        while cumulative < target && k < 1000 {
            k += 1;
            p *= mean / f64::from(k);
            cumulative += p;
        }
        k
    }
}

/// The calendar month `m` (0-based) of a business that starts in January 2026: (year, month).
pub fn calendar(m: usize) -> (i32, u32) {
    (2026 + (m / 12) as i32, (m % 12) as u32 + 1)
}

pub fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One customer: its tier, its invoice by month (cents; 0 when not billed).
#[derive(Debug, Clone)]
pub struct Customer {
    pub id: String,
    pub tier: &'static str,
    pub invoices: Vec<i64>,
    /// Whether its subscription has ended by the data's end (for the subscriptions export).
    pub ended: bool,
}

impl Customer {
    pub fn active(&self, m: usize) -> bool {
        self.invoices.get(m).is_some_and(|&c| c > 0)
    }
}

/// A reseller's customers over `months` months.
pub struct Reseller {
    pub months: usize,
    pub customers: Vec<Customer>,
}

/// The true monthly numbers of §15, computed from each customer's months.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    pub revenue: Vec<i64>,
    pub active: Vec<u64>,
    pub new: Vec<u64>,
    pub churned: Vec<u64>,
    pub reactivated: Vec<u64>,
    /// Per first month: still in the first run of active months at each age.
    pub cohorts: Vec<(usize, Vec<u64>)>,
}

const TIERS: [(&str, i64, i64); 3] =
    [("starter", 5_000, 15_000), ("growth", 20_000, 45_000), ("studio", 50_000, 120_000)];

impl Reseller {
    /// Arrivals Poisson(`arrivals`) a month, churn `churn` a month, a pause of one or two
    /// months with probability `pause` a month (then back), invoices that vary by ±10%.
    pub fn simulate(seed: u64, months: usize, arrivals: f64, churn: f64, pause: f64) -> Reseller {
        let mut dice = Dice::new(seed);
        let mut customers = Vec::new();
        for start in 0..months {
            for _ in 0..dice.poisson(arrivals) {
                let tier = TIERS[[0, 0, 0, 1, 1, 2][dice.between(0, 5) as usize]];
                let base = i64::from(dice.between(tier.1 as u32, tier.2 as u32));
                let mut invoices = vec![0; months];
                let (mut m, mut gone) = (start, false);
                while m < months && !gone {
                    let noise = 0.9 + 0.2 * dice.uniform();
                    invoices[m] = ((base as f64) * noise).round() as i64;
                    if dice.chance(churn) {
                        gone = true;
                    } else if dice.chance(pause) {
                        m += dice.between(1, 2) as usize;
                    }
                    m += 1;
                }
                let id = format!("cus_{:04}{}", customers.len(), ["Ab", "Cd", "Ef"][customers.len() % 3]);
                customers.push(Customer { id, tier: tier.0, invoices, ended: gone });
            }
        }
        Reseller { months, customers }
    }

    /// The numbers §15 defines, month by month; with `subscriptions`, churn at the end of a
    /// customer's last run is decided by whether its subscription ended.
    pub fn truth(&self, subscriptions: bool) -> Truth {
        let n = self.months;
        let mut t = Truth {
            revenue: vec![0; n],
            active: vec![0; n],
            new: vec![0; n],
            churned: vec![0; n],
            reactivated: vec![0; n],
            cohorts: Vec::new(),
        };
        let mut cohorts: std::collections::BTreeMap<usize, Vec<u64>> = Default::default();
        for c in &self.customers {
            let charged: Vec<usize> = (0..n).filter(|&m| c.active(m)).collect();
            let Some(&first) = charged.first() else { continue };
            charged.iter().for_each(|&m| t.revenue[m] += c.invoices[m]);
            // With a subscription still running, a customer in every month from its first
            // charge, charged or not.
            let running = subscriptions && !c.ended;
            let on = |m: usize| if running { m >= first } else { c.active(m) };
            let months: Vec<usize> = (0..n).filter(|&m| on(m)).collect();
            let last_active = *months.last().unwrap_or(&first);
            for &m in &months {
                t.active[m] += 1;
                let before = m > 0 && on(m - 1);
                let after = m + 1 < n && on(m + 1);
                if !before {
                    if m == first { t.new[m] += 1 } else { t.reactivated[m] += 1 }
                }
                let final_run_end = m == last_active;
                let ends = !after && if final_run_end && subscriptions { c.ended } else { m + 1 < n };
                if ends {
                    t.churned[m] += 1;
                }
            }
            let run_end = (first..n).take_while(|&m| on(m)).last().unwrap_or(first);
            let first_run_churned =
                run_end < last_active || (run_end + 1 < n && !subscriptions) || (subscriptions && c.ended);
            let survive_to = if first_run_churned { run_end } else { n - 1 };
            let counts = cohorts.entry(first).or_insert_with(|| vec![0; n - first]);
            for count in counts.iter_mut().take(survive_to - first + 1) {
                *count += 1;
            }
        }
        t.cohorts = cohorts.into_iter().collect();
        t
    }
}

/// One commission of the affiliate business.
#[derive(Debug, Clone)]
pub struct Commission {
    pub id: usize,
    pub referral: String,
    pub plan: &'static str,
    pub month: usize,
    pub day: u32,
    pub cents: i64,
    /// `pending`, `due`, `paid`, `voided`, `reversed`.
    pub status: &'static str,
    /// (month, day) when paid.
    pub paid: Option<(usize, u32)>,
    /// (month, day) when reversed after payment.
    pub reversed: Option<(usize, u32)>,
}

/// An affiliate's referrals and their commissions.
pub struct Affiliate {
    pub months: usize,
    pub commissions: Vec<Commission>,
}

/// The ledger's true numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerTruth {
    pub earned: Vec<i64>,
    pub paid: Vec<i64>,
    pub subscribers: Vec<u64>,
    pub new: Vec<u64>,
    pub cancelled: Vec<u64>,
}

impl Affiliate {
    /// Signups Poisson(`signups`) a month on Pro ($19.99) or Scale ($149.99); 15% of the first
    /// payment, 8% of renewals; churn `churn` a month; commissions paid on the 15th two months
    /// later (pending before); one in twenty voided (an extra, never earned); one reversed after
    /// its payment, a month after it.
    pub fn simulate(seed: u64, months: usize, signups: f64, churn: f64) -> Affiliate {
        let mut dice = Dice::new(seed);
        let mut commissions = Vec::new();
        let mut referrals = 0;
        let mut reversed_one = false;
        for start in 0..months {
            for _ in 0..dice.poisson(signups) {
                referrals += 1;
                let referral = format!("ref{referrals:03}@example.com");
                let (plan, price) = if dice.chance(0.85) { ("pro", 1999) } else { ("scale", 14999) };
                let mut m = start;
                while m < months {
                    let rate = if m == start { 15 } else { 8 };
                    let cents = (price * rate + 50) / 100;
                    let day = dice.between(1, 28);
                    let paid_month = m + 2;
                    let (status, paid) = if paid_month < months {
                        ("paid", Some((paid_month, 15)))
                    } else if m + 1 < months {
                        ("due", None)
                    } else {
                        ("pending", None)
                    };
                    let reversal = (status == "paid" && !reversed_one && paid_month + 1 < months && m > start)
                        .then(|| (paid_month + 1, 3));
                    reversed_one |= reversal.is_some();
                    let status = if reversal.is_some() { "reversed" } else { status };
                    let id = commissions.len();
                    commissions.push(Commission {
                        id,
                        referral: referral.clone(),
                        plan,
                        month: m,
                        day,
                        cents,
                        status,
                        paid,
                        reversed: reversal,
                    });
                    if dice.chance(0.05) {
                        let id = commissions.len();
                        commissions.push(Commission {
                            id,
                            referral: referral.clone(),
                            plan,
                            month: m,
                            day: 28,
                            cents: 500,
                            status: "voided",
                            paid: None,
                            reversed: None,
                        });
                    }
                    if dice.chance(churn) {
                        break;
                    }
                    m += 1;
                }
            }
        }
        Affiliate { months, commissions }
    }

    /// The ledger's numbers by §15, from the commissions.
    pub fn truth(&self) -> LedgerTruth {
        let n = self.months;
        let mut t = LedgerTruth {
            earned: vec![0; n],
            paid: vec![0; n],
            subscribers: vec![0; n],
            new: vec![0; n],
            cancelled: vec![0; n],
        };
        let mut active: std::collections::BTreeMap<&str, Vec<bool>> = Default::default();
        for c in &self.commissions {
            if c.status == "voided" {
                continue;
            }
            t.earned[c.month] += c.cents;
            if let Some((m, _)) = c.paid {
                t.paid[m] += c.cents;
            }
            if let Some((m, _)) = c.reversed {
                t.earned[m] -= c.cents;
            }
            active.entry(&c.referral).or_insert_with(|| vec![false; n])[c.month] = true;
        }
        for months in active.values() {
            let first = months.iter().position(|&a| a).unwrap_or(0);
            for m in 0..n {
                if months[m] {
                    t.subscribers[m] += 1;
                    if m == first {
                        t.new[m] += 1;
                    }
                    if m + 1 < n && !months[m + 1] {
                        t.cancelled[m] += 1;
                    }
                }
            }
        }
        t
    }

    /// Payouts of the earned balance (gross cents, fee cents) by month: everything paid in
    /// a month, less the reversals, as one PayPal payment.
    pub fn payouts(&self) -> Vec<(usize, i64)> {
        let t = self.truth();
        t.paid.iter().enumerate().filter(|&(_, &c)| c > 0).map(|(m, &c)| (m, c)).collect()
    }
}
