//! Who was active when, and what that makes them (docs/model.md §15): a customer or
//! referral is **active** in a month with a counted amount; **new** in its first active
//! month; **churned** in the last month of each run of active months, unless that run reaches
//! the data's last month (then it is still active: right-censored), or an explicit end says
//! otherwise (a Stripe subscription that has ended, or one still running); active again after a
//! gap it is **reactivated** in that month (active, not new). A customer with a subscription
//! still running is a customer from its first charge to the data's end, charged or not (an
//! annual plan pays once a year): active in every month between, so that each month's count
//! is the last one's less its churn plus its new and reactivated customers. Cohorts follow
//! each one from its first month to its first churn.

use std::collections::BTreeMap;

/// One customer or referral, month by month (0 = the data's first month).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    pub id: String,
    /// Counted cents by month; a month is active when its amount is positive.
    pub amounts: BTreeMap<usize, i64>,
    /// A label by month (a tier or a plan): the month's last.
    pub labels: BTreeMap<usize, String>,
    /// `Some(true)`: known to have left (every subscription ended); `Some(false)`: known to
    /// be still a customer (a subscription runs); `None`: judged from the amounts.
    pub ended: Option<bool>,
    /// The programme a referral belongs to (commission ledgers).
    pub programme: Option<String>,
    /// First-order and renewal amounts (commission ledgers): the first commission, then the rest.
    pub first_amount: Option<i64>,
    /// Commissions reversed after they were paid (commission ledgers): earned, then taken
    /// back in the month of their reversal; not in `amounts`, which say when it was active.
    pub reversed: i64,
}

/// Whether a person is still a customer at the data's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Churned,
    /// Active at the end after a gap.
    Reactivated,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Churned => "churned",
            Status::Reactivated => "reactivated",
        }
    }
}

/// The month's counts: active, new, churned, reactivated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flows {
    pub active: Vec<u64>,
    pub new: Vec<u64>,
    pub churned: Vec<u64>,
    pub reactivated: Vec<u64>,
}

impl Person {
    /// Runs of consecutive active months, as (first, last).
    pub fn spells(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (&m, &cents) in &self.amounts {
            if cents <= 0 {
                continue;
            }
            match out.last_mut() {
                Some((_, end)) if *end + 1 == m => *end = m,
                _ => out.push((m, m)),
            }
        }
        out
    }

    /// The runs of months (of `months`) in which the person was a customer: its
    /// [`Person::spells`], or one run from its first charge to the data's last month when a
    /// subscription is known to be still running.
    pub fn spells_within(&self, months: usize) -> Vec<(usize, usize)> {
        let spells = self.spells();
        match (self.ended, spells.first()) {
            (Some(false), Some(&(start, _))) => vec![(start, months.saturating_sub(1).max(start))],
            _ => spells,
        }
    }

    /// The months (of `months`) in which a run of activity ended in churn.
    fn churns(&self, months: usize) -> Vec<usize> {
        let spells = self.spells_within(months);
        let last = months.saturating_sub(1);
        spells
            .iter()
            .enumerate()
            .filter(|&(i, &(_, end))| {
                let final_spell = i + 1 == spells.len();
                match (final_spell, self.ended) {
                    (true, Some(ended)) => ended,
                    _ => end < last,
                }
            })
            .map(|(_, &(_, end))| end)
            .collect()
    }

    pub fn status(&self, months: usize) -> Status {
        let spells = self.spells_within(months);
        let churned_last = self.churns(months).last().copied();
        match (spells.last(), churned_last) {
            (Some(&(_, end)), Some(c)) if c == end => Status::Churned,
            _ if spells.len() > 1 => Status::Reactivated,
            _ => Status::Active,
        }
    }

    /// The first month, and the last month of the first run still counted at each age (the
    /// data's last month when that run has not ended).
    fn first_run(&self, months: usize) -> Option<(usize, usize)> {
        let (start, end) = *self.spells_within(months).first()?;
        let ended = self.churns(months).first().is_some_and(|&c| c == end);
        Some((start, if ended { end } else { months.saturating_sub(1) }))
    }

    pub fn active_months(&self) -> usize {
        self.amounts.values().filter(|&&c| c > 0).count()
    }

    /// The label of the last active month (or the last label at all).
    pub fn label(&self) -> Option<&str> {
        let last = self.spells().last().map(|&(_, end)| end);
        last.and_then(|m| self.labels.range(..=m).next_back())
            .or_else(|| self.labels.iter().next_back())
            .map(|(_, l)| l.as_str())
    }

    /// The median positive monthly amount, in cents.
    pub fn median_amount(&self) -> i64 {
        let mut positive: Vec<i64> = self.amounts.values().copied().filter(|&c| c > 0).collect();
        positive.sort_unstable();
        positive.get(positive.len() / 2).copied().unwrap_or(0)
    }
}

/// The month-by-month counts over `months` months.
pub fn flows(people: &[Person], months: usize) -> Flows {
    let mut flows =
        Flows { active: vec![0; months], new: vec![0; months], churned: vec![0; months], reactivated: vec![0; months] };
    for person in people {
        let spells = person.spells_within(months);
        for &(start, end) in &spells {
            flows.active.iter_mut().take(end + 1).skip(start).for_each(|a| *a += 1);
        }
        for (i, &(start, _)) in spells.iter().enumerate().filter(|(_, s)| s.0 < months) {
            if i == 0 { flows.new[start] += 1 } else { flows.reactivated[start] += 1 }
        }
        for m in person.churns(months).into_iter().filter(|&m| m < months) {
            flows.churned[m] += 1;
        }
    }
    flows
}

/// One cohort per first month: how many of those who started then were still in their first
/// run at each age, up to the data's last month.
pub fn cohorts(people: &[Person], months: usize) -> Vec<(usize, Vec<u64>)> {
    let mut by_start: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    for (start, end) in people.iter().filter_map(|p| p.first_run(months)).filter(|&(s, e)| s <= e && e < months) {
        let counts = by_start.entry(start).or_insert_with(|| vec![0; months - start]);
        for count in counts.iter_mut().take(end - start + 1) {
            *count += 1;
        }
    }
    by_start.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, active: &[usize]) -> Person {
        Person { id: id.into(), amounts: active.iter().map(|&m| (m, 100)).collect(), ..Person::default() }
    }

    #[test]
    fn the_counts_follow_the_definitions() {
        // Six months. a: 0-5 (active to the end); b: 0-1 (churned in 1); c: 1, then 3-5
        // (churned in 1, reactivated in 3); d: 2-3 (churned in 3); e: 5 only (new at the end).
        let people = [
            person("a", &[0, 1, 2, 3, 4, 5]),
            person("b", &[0, 1]),
            person("c", &[1, 3, 4, 5]),
            person("d", &[2, 3]),
            person("e", &[5]),
        ];
        let f = flows(&people, 6);
        assert_eq!(f.active, [2, 3, 2, 3, 2, 3]);
        assert_eq!(f.new, [2, 1, 1, 0, 0, 1]);
        assert_eq!(f.churned, [0, 2, 0, 1, 0, 0]);
        assert_eq!(f.reactivated, [0, 0, 0, 1, 0, 0]);
        // Level = previous level − previous churn + new + reactivated.
        for m in 1..6 {
            assert_eq!(f.active[m], f.active[m - 1] - f.churned[m - 1] + f.new[m] + f.reactivated[m], "month {m}");
        }
        let statuses: Vec<Status> = people.iter().map(|p| p.status(6)).collect();
        use Status::*;
        assert_eq!(statuses, [Active, Churned, Reactivated, Churned, Active]);
        let c = cohorts(&people, 6);
        assert_eq!(c, vec![(0, vec![2, 2, 1, 1, 1, 1]), (1, vec![1, 0, 0, 0, 0]), (2, vec![1, 1, 0, 0]), (5, vec![1])]);
    }

    #[test]
    fn an_explicit_end_decides_churn() {
        let mut live = person("live", &[0, 1]);
        live.ended = Some(false);
        let mut gone = person("gone", &[0, 1, 2]);
        gone.ended = Some(true);
        let f = flows(&[live.clone(), gone.clone()], 3);
        assert_eq!(
            f.churned,
            [0, 0, 1],
            "a running subscription is not churn; an ended one is, even in the last month"
        );
        assert_eq!((live.status(3), gone.status(3)), (Status::Active, Status::Churned));
        assert_eq!(cohorts(&[live.clone(), gone], 3), vec![(0, vec![2, 2, 2])]);
        // A running subscription whose charges stopped (an annual plan) or paused: a customer
        // in every month to the end, so the counts add up and agree with the cohorts.
        let mut paused = person("paused", &[1, 3]);
        paused.ended = Some(false);
        let f = flows(&[live, paused], 5);
        assert_eq!(
            (f.active, f.new, f.churned, f.reactivated),
            (vec![1, 2, 2, 2, 2], vec![1, 1, 0, 0, 0], vec![0; 5], vec![0; 5])
        );
    }

    #[test]
    fn every_months_count_is_the_last_ones_less_churn_plus_arrivals() {
        // Every pattern of activity over five months, with no subscription, an ended one
        // and a running one: the history `calibrate` reads must add up.
        let months = 5;
        let mut people = Vec::new();
        for pattern in 1..(1u32 << months) {
            let active: Vec<usize> = (0..months).filter(|m| pattern >> m & 1 == 1).collect();
            for ended in [None, Some(true), Some(false)] {
                let mut p = person(&format!("{pattern}-{ended:?}"), &active);
                p.ended = ended;
                people.push(p);
            }
        }
        for group in people.chunks(7) {
            let f = flows(group, months);
            for m in 1..months {
                let carried = f.active[m - 1] - f.churned[m - 1] + f.new[m] + f.reactivated[m];
                assert_eq!(f.active[m], carried, "month {m}: {group:?}");
            }
            let first_months: u64 = cohorts(group, months).iter().map(|(_, counts)| counts[0]).sum();
            assert_eq!(first_months, f.new.iter().sum::<u64>(), "{group:?}");
        }
    }
}
