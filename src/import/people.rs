//! From counted rows to people: each customer or referral with its amounts by month, its
//! tier or plan (a column's value in the month's last row, or the band its monthly amount
//! falls in), and the rows of `customers.csv` and `referrals.csv`.

use std::collections::BTreeMap;

use super::activity::Person;
use super::error::{Problem, Problems};
use super::options::TierBand;
use super::write::{cell, money, month_label};
use crate::text::calendar::{Date, YearMonth};

/// One counted row: whose, when, how much, and its label if the export gives one.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub person: String,
    pub date: Date,
    pub cents: i64,
    pub label: Option<String>,
    pub programme: Option<String>,
}

/// The people of `events`, months counted from `first`; a problem for each month whose
/// amount falls in no `--tier` band.
pub fn build(
    events: &[Event],
    first: YearMonth,
    bands: &[TierBand],
    file: &str,
    problems: &mut Problems,
) -> Vec<Person> {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| (&a.person, a.date).cmp(&(&b.person, b.date)));
    let mut people: BTreeMap<&str, Person> = BTreeMap::new();
    for e in sorted {
        let Ok(m) = usize::try_from(first.months_until(e.date.month)) else { continue };
        let person = people.entry(&e.person).or_insert_with(|| Person { id: e.person.clone(), ..Person::default() });
        *person.amounts.entry(m).or_insert(0) += e.cents;
        if let Some(label) = e.label.as_ref().filter(|l| !l.is_empty()) {
            person.labels.insert(m, label.clone());
        }
        if person.programme.is_none() {
            person.programme = e.programme.clone();
        }
        if person.first_amount.is_none() && e.cents > 0 {
            person.first_amount = Some(e.cents);
        }
    }
    let mut people: Vec<Person> = people.into_values().collect();
    if !bands.is_empty() {
        for person in &mut people {
            for (&m, &cents) in person.amounts.iter().filter(|(_, c)| **c > 0) {
                let amount = cents as f64 / 100.0;
                match bands.iter().find(|b| b.contains(amount)) {
                    Some(band) => {
                        person.labels.insert(m, band.name.clone());
                    }
                    None => problems.push(Problem::file(
                        file,
                        format!(
                            "customer `{}` paid {} in {}, in no --tier band ({}); widen a band so every amount has a tier",
                            person.id,
                            money(cents),
                            month_label(first, m),
                            bands.iter().map(TierBand::describe).collect::<Vec<_>>().join(", ")
                        ),
                    )),
                }
            }
        }
    }
    people
}

/// `customers.csv`: one row per customer.
pub fn customers_csv(people: &[Person], first: YearMonth, months: usize) -> String {
    let mut out =
        String::from("customer,tier,first_month,last_month,months_billed,status,total,median_month,last_amount\n");
    for p in people {
        let spells = p.spells();
        let (Some(&(start, _)), Some(&(_, end))) = (spells.first(), spells.last()) else { continue };
        let total: i64 = p.amounts.values().sum();
        let last = p.amounts.get(&end).copied().unwrap_or(0);
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            cell(&p.id),
            cell(p.label().unwrap_or("")),
            month_label(first, start),
            month_label(first, end),
            p.active_months(),
            p.status(months).word(),
            money(total),
            money(p.median_amount()),
            money(last)
        ));
    }
    out
}

/// `referrals.csv`: one row per referral, with its first order and its renewals' median.
pub fn referrals_csv(people: &[Person], first: YearMonth, months: usize) -> String {
    let mut out = String::from(
        "referral,programme,plan,first_month,last_month,months_paid,status,first_order,renewal_median,total_earned\n",
    );
    for p in people {
        let spells = p.spells();
        let (Some(&(start, _)), Some(&(_, end))) = (spells.first(), spells.last()) else { continue };
        let total: i64 = p.amounts.values().sum::<i64>() - p.reversed;
        let mut renewals: Vec<i64> =
            p.amounts.iter().filter(|&(&m, &c)| m != start && c > 0).map(|(_, &c)| c).collect();
        renewals.sort_unstable();
        let renewal = renewals.get(renewals.len() / 2).map_or_else(String::new, |&c| money(c));
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            cell(&p.id),
            cell(p.programme.as_deref().unwrap_or("")),
            cell(p.label().unwrap_or("")),
            month_label(first, start),
            month_label(first, end),
            p.active_months(),
            p.status(months).word(),
            p.first_amount.map_or_else(String::new, money),
            renewal,
            money(total)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(person: &str, y: i32, m: u32, d: u8, cents: i64) -> Event {
        let date = Date { month: YearMonth::new(y, m).unwrap(), day: Some(d) };
        Event { person: person.into(), date, cents, label: None, programme: None }
    }

    #[test]
    fn people_sum_their_months_and_take_a_band_per_month() {
        let first = YearMonth::new(2026, 1).unwrap();
        let events = [
            event("a", 2026, 1, 3, 6000),
            event("a", 2026, 1, 20, 6000),
            event("a", 2026, 2, 3, 30000),
            event("b", 2026, 2, 1, 5000),
        ];
        let bands = [TierBand::parse("starter=..100").unwrap(), TierBand::parse("growth=100..").unwrap()];
        let mut problems = Problems::default();
        let people = build(&events, first, &bands, "p.csv", &mut problems);
        assert!(problems.is_empty());
        assert_eq!(people[0].amounts.get(&0), Some(&12000));
        assert_eq!(people[0].labels.get(&0).map(String::as_str), Some("growth"), "$120 in January");
        assert_eq!(people[0].label(), Some("growth"));
        assert_eq!(people[1].label(), Some("starter"));
        let csv = customers_csv(&people, first, 2);
        assert!(csv.contains("a,growth,2026-01,2026-02,2,active,420.00,300.00,300.00\n"), "{csv}");
        let narrow = [TierBand::parse("starter=..100").unwrap()];
        build(&events, first, &narrow, "p.csv", &mut problems);
        let message = problems.check().unwrap_err().to_string();
        assert!(
            message.contains("customer `a` paid 120.00 in 2026-01, in no --tier band (starter ..100)"),
            "{message}"
        );
    }
}
