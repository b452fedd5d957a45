//! A history's counts and flows must add up as the model's do (docs/model.md §2.2): this
//! month's customers are last month's, less those who churned at its end, plus this
//! month's arrivals (new and reactivated); no more arrive or churn than are billed. A
//! history that breaks one of these rules could not have come from any parameters, so it
//! is refused before any work, naming the month and the numbers.

use crate::analysis::inference::likelihood::ChainMonth;

/// The first way `months` (month `first` first, from a base of `initial` when `first` is
/// the scenario's first month) fails to add up, as a sentence; `noun` names the population
/// ("customers", "subscribers") and `flows` its arrivals and churned columns.
pub fn check(
    months: &[ChainMonth],
    (first, initial): (u32, Option<u64>),
    noun: &str,
    flows: (&str, &str),
) -> Option<String> {
    let (arrived, churned) = flows;
    for (i, m) in months.iter().enumerate() {
        let month = first + i as u32;
        if let (Some(n), Some(a)) = (m.count, m.arrivals)
            && a > n
        {
            return Some(format!("month {month} has {a} {arrived} but only {n} {noun} billed"));
        }
        if let (Some(n), Some(d)) = (m.count, m.churned)
            && d > n
        {
            return Some(format!("month {month} has {d} {churned} but only {n} {noun} billed"));
        }
        let before = if i == 0 { initial.map(|b| (b, 0)) } else { months[i - 1].count.zip(months[i - 1].churned) };
        let entering = before.map(|(n, d)| n.saturating_sub(d));
        if i > 0
            && let (Some(prev), Some(n), Some(a)) = (months[i - 1].count, m.count, m.arrivals)
            && n > prev + a
        {
            return Some(format!(
                "month {month} has {n} {noun}, more than month {}'s {prev} plus {a} {arrived}",
                month - 1
            ));
        }
        if let (Some(r), Some(n)) = (entering, m.count) {
            match m.arrivals {
                Some(a) if r + a != n => {
                    return Some(format!(
                        "month {month} has {n} {noun}, but {r} entered it and {a} arrived ({noun} = last month's − {churned} + {arrived})"
                    ));
                }
                None if n < r => {
                    return Some(format!(
                        "month {month} has {n} {noun}, fewer than the {r} who stayed from the month before"
                    ));
                }
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(count: Option<u64>, arrivals: Option<u64>, churned: Option<u64>) -> ChainMonth {
        ChainMonth { count, arrivals, churned }
    }

    #[test]
    fn histories_that_add_up_pass_and_the_others_say_where() {
        let flows = ("new_customers", "churned");
        let fine = [m(Some(5), Some(2), Some(1)), m(Some(6), Some(2), None), m(Some(6), None, None)];
        assert_eq!(check(&fine, (1, Some(3)), "customers", flows), None);
        let cases = [
            (vec![m(Some(5), Some(2), None)], Some(2), "month 1 has 5 customers, but 2 entered it and 2 arrived"),
            (vec![m(Some(2), Some(3), None)], None, "month 1 has 3 new_customers but only 2 customers billed"),
            (vec![m(Some(2), None, Some(3))], None, "month 1 has 3 churned but only 2 customers billed"),
            (
                vec![m(Some(5), None, None), m(Some(9), Some(2), None)],
                None,
                "month 2 has 9 customers, more than month 1's 5 plus 2",
            ),
            (
                vec![m(Some(5), None, Some(1)), m(Some(3), None, None)],
                None,
                "month 2 has 3 customers, fewer than the 4 who stayed",
            ),
        ];
        for (months, initial, expected) in cases {
            let got = check(&months, (1, initial), "customers", flows).unwrap_or_default();
            assert!(got.starts_with(expected), "{got}");
        }
    }
}
