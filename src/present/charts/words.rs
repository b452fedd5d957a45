//! The words of chart titles and subtitles, computed from the reports: a title is the
//! chart's message ("Net profit levels off near $570 a month; 28 in 100 futures reach
//! $700 in month 12"), chances are said in frequency words ([`chance`]), months as the
//! reader names them (the scenario's calendar when it has one), and subtitles say what is
//! drawn in plain words: no scenario keys, no command-line flags.

use crate::chart::Timeline;
use crate::metric::{Metric, Unit};
use crate::text::number::{chance, significant, thousands};

/// "10,000 futures" ("one future").
pub fn futures(n: usize) -> String {
    if n == 1 { "one future".to_string() } else { format!("{} futures", thousands(n as u64)) }
}

/// "In 28 in 100 futures" → the phrase a title leads with: "28 in 100 futures".
pub fn chance_of_futures(p: f64) -> String {
    format!("{} futures", chance(Some(p)))
}

/// The first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The first letter in lower case, unless the first word is an acronym ("sBG", "MRR").
pub fn lowered(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().skip(1).any(char::is_uppercase) {
        return text.to_string();
    }
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// How a metric reads as the subject of a title.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    /// "Net profit", "Active customers".
    pub name: &'static str,
    /// Whether the verb takes its plural form ("Active customers level off").
    pub plural: bool,
    /// What follows an amount of it: " a month" for money made each month.
    pub per: &'static str,
}

impl Subject {
    /// The subject of a metric's title.
    pub fn of(metric: Metric) -> Subject {
        let (name, plural, per) = match metric {
            Metric::NetProfit | Metric::CumulativeNetProfit => ("Net profit", false, " a month"),
            Metric::GrossProfit | Metric::CumulativeGrossProfit => ("Gross profit", false, " a month"),
            Metric::CommissionEarned => ("Commission", false, " a month"),
            Metric::CommissionPaid => ("Commission paid out", false, " a month"),
            Metric::Revenue => ("Revenue", false, " a month"),
            Metric::Cogs => ("Platform cost", false, " a month"),
            Metric::Hours | Metric::CumulativeHours => ("Hours worked", true, " a month"),
            Metric::HourlyRate => ("The hourly rate", false, ""),
            Metric::NetHourlyRate => ("The net hourly rate", false, ""),
            Metric::ActiveCustomers => ("Active customers", true, ""),
            Metric::NewCustomers => ("New customers", true, " a month"),
            Metric::Subscribers => ("Subscribers", true, ""),
            other => (other.label(), false, ""),
        };
        Subject { name, plural, per }
    }

    /// The verb in the subject's number: `verb("levels", "level")`.
    pub fn verb(&self, singular: &'static str, plural: &'static str) -> &'static str {
        if self.plural { plural } else { singular }
    }
}

/// An amount for a title: money and rates as labels write them ("$570", "$13.9k",
/// "$235/h"), counts as bare numbers, hours with their unit.
pub fn amount(unit: Unit, value: f64) -> String {
    match unit {
        Unit::Count { .. } => Unit::Number.format_value(value.round()),
        unit => unit.format_value(value),
    }
}

/// The message of a month-by-month median: "Net profit levels off near $570 a month",
/// "Active customers grow to 14 by month 30", "Hours worked fall to 3 h a month by Dec
/// 2028". It levels off when the last third of the months moves by less than 8% of its
/// end value (said to two significant digits: "near $570"); otherwise it grows or falls to
/// the end. `None` without two defined months.
pub fn trend(subject: Subject, unit: Unit, medians: &[(u32, f64)], timeline: &Timeline) -> Option<String> {
    let (&(_, start), &(last_month, end)) = (medians.first()?, medians.last()?);
    if medians.len() < 2 {
        return None;
    }
    let late = &medians[medians.len() * 2 / 3..];
    let (lo, hi) = late.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, v)| (lo.min(v), hi.max(v)));
    let shown = format!("{}{}", amount(unit, end), subject.per);
    let scale = end.abs().max(start.abs()).max(f64::MIN_POSITIVE);
    Some(if hi - lo <= 0.08 * scale {
        let near = format!("{}{}", amount(unit, significant((lo + hi) / 2.0, 2)), subject.per);
        format!("{} {} off near {near}", subject.name, subject.verb("levels", "level"))
    } else if end >= start {
        format!("{} {} to {shown} by {}", subject.name, subject.verb("grows", "grow"), timeline.month(last_month))
    } else {
        format!("{} {} to {shown} by {}", subject.name, subject.verb("falls", "fall"), timeline.month(last_month))
    })
}

/// Two values of a unit read as a range, the unit said once where it trails: "1.44 to
/// 3.07/month", "$1.2k to $3.4k", "12% to 24%".
pub fn range(unit: Unit, low: f64, high: f64) -> String {
    let [a, b] = &unit.format_alike(&[low, high])[..] else { return String::new() };
    let suffix = match unit {
        Unit::PerMonth => "/month",
        Unit::DollarsPerHour => "/h",
        Unit::Hours => " h",
        Unit::Months => " months",
        _ => "",
    };
    match a.strip_suffix(suffix).filter(|_| !suffix.is_empty()) {
        Some(bare) => format!("{bare} to {b}"),
        None => format!("{a} to {b}"),
    }
}

/// "28 in 100 futures reach $700 in month 12".
pub fn reach(probability: f64, goal: &str, month: u32, timeline: &Timeline) -> String {
    let p = chance(Some(probability));
    let verb = if p.starts_with("1 in") { "reaches" } else { "reach" };
    format!("{p} futures {verb} {goal} in {}", timeline.month(month))
}

/// "months 1–6", or "Jan–Jun 2026" / "Nov 2025 – Apr 2026" with a calendar.
pub fn span(first: u32, last: u32, timeline: &Timeline) -> String {
    let Some(calendar) = timeline.calendar else {
        return if first == last { format!("month {first}") } else { format!("months {first}–{last}") };
    };
    let (a, b) = (calendar.label(first), calendar.label(last));
    if first == last {
        return a;
    }
    match (a.split_once(' '), b.split_once(' ')) {
        (Some((ma, ya)), Some((mb, yb))) if ya == yb => format!("{ma}–{mb} {yb}"),
        _ => format!("{a} – {b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::calendar::{Calendar, YearMonth};

    fn calendar() -> Timeline {
        Timeline { calendar: YearMonth::new(2026, 1).map(|first| Calendar { first }), today: Some(6) }
    }

    #[test]
    fn trends_read_as_sentences() {
        let flat: Vec<(u32, f64)> =
            (7..=30).map(|m| (m, if m < 12 { 400.0 + 30.0 * f64::from(m - 7) } else { 570.0 })).collect();
        let subject = Subject::of(Metric::NetProfit);
        assert_eq!(
            trend(subject, Unit::Dollars, &flat, &Timeline::default()).unwrap(),
            "Net profit levels off near $570 a month"
        );
        let rising: Vec<(u32, f64)> = (7..=30).map(|m| (m, f64::from(m))).collect();
        let customers = Subject::of(Metric::ActiveCustomers);
        assert_eq!(
            trend(customers, Unit::count("customers"), &rising, &calendar()).unwrap(),
            "Active customers grow to 30 by Jun 2028"
        );
        let falling: Vec<(u32, f64)> = (1..=12).map(|m| (m, 20.0 - f64::from(m))).collect();
        assert_eq!(
            trend(Subject::of(Metric::Hours), Unit::Hours, &falling, &Timeline::default()).unwrap(),
            "Hours worked fall to 8 h a month by month 12"
        );
    }

    #[test]
    fn chances_and_spans_read_as_words() {
        assert_eq!(reach(0.276, "$700", 12, &Timeline::default()), "28 in 100 futures reach $700 in month 12");
        assert_eq!(reach(0.0, "$2,500", 30, &calendar()), "fewer than 1 in 100 futures reach $2,500 in Jun 2028");
        assert_eq!(reach(0.006, "$2,500", 30, &calendar()), "1 in 100 futures reaches $2,500 in Jun 2028");
        assert_eq!(span(1, 6, &calendar()), "Jan–Jun 2026");
        assert_eq!(span(11, 16, &calendar()), "Nov 2026 – Apr 2027");
        assert_eq!(span(1, 6, &Timeline::default()), "months 1–6");
        assert_eq!(futures(10_000), "10,000 futures");
        assert_eq!(lowered("Net profit"), "net profit");
        assert_eq!(lowered("sBG fit"), "sBG fit");
        assert_eq!(range(Unit::PerMonth, 1.44, 3.07), "1.44 to 3.07/month");
        assert_eq!(range(Unit::Percent, 0.12, 0.24), "12% to 24%");
    }
}
