//! Calendar months and the dates people write, for the scenario's `first_month`
//! (docs/model.md §14) and for the dates in the users' own files (§15): a [`YearMonth`] with
//! its labels (`2026-07`, `Jul 2026`), the [`Calendar`] that turns a scenario's month number
//! into its date and back, and [`parse_date`], which reads the few forms exports and
//! spreadsheets write (`2026-01`, `2026-01-31 14:03`, `Jan 2026`, `January 31, 2026`,
//! `31 Jan 2026`, `31/01/2026`, `01/31/2026`, `31.01.2026`).
//!
//! Hand-written rather than a date crate: only months matter here (a day only orders the
//! rows of one month), no time zone is converted (a date is read as written, and the
//! readers say so), and the one hard question, whether `03/04/2026` is day-first, is
//! answered for a whole column at once ([`DateOrder::evidence`]), which no parser does for us.

use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Earliest and latest years a date may name.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// A calendar month, `2026-07`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    /// 1-12.
    month: u8,
}

impl YearMonth {
    /// `None` unless the month is 1-12 and the year 1900-2999.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(YearMonth { year, month: month as u8 })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1-12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i64 {
        let index = |m: YearMonth| i64::from(m.year) * 12 + i64::from(m.month) - 1;
        index(later) - index(self)
    }

    /// The month `n` months later; `None` past the year 2999.
    pub fn plus(self, n: u32) -> Option<YearMonth> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        YearMonth::new(i32::try_from(index / 12).ok()?, (index % 12) as u32 + 1)
    }

    /// The month `n` months earlier; `None` before 1900.
    pub fn minus(self, n: u32) -> Option<YearMonth> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(n);
        YearMonth::new(i32::try_from(index.div_euclid(12)).ok()?, index.rem_euclid(12) as u32 + 1)
    }

    /// `Jul 2026`: the label tables, charts and sentences show.
    pub fn label(self) -> String {
        format!("{} {}", &MONTHS[usize::from(self.month) - 1][..3], self.year)
    }

    /// Reads a month as a scenario or a label writes it: `2026-07`, `2026/07`, `Jul 2026`,
    /// `July 2026`.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let text = text.trim();
        if let Some((year, month)) = text.split_once(['-', '/']) {
            if year.len() == 4 && (1..=2).contains(&month.len()) {
                return YearMonth::new(year.parse().ok()?, month.parse().ok()?);
            }
            return None;
        }
        let (name, year) = text.split_once(' ')?;
        YearMonth::new(year.trim().parse().ok()?, month_name(name)?)
    }
}

/// `2026-07`: the form files and JSON keep.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The dates of a scenario's months: month 1 is `first`, month t is `first` plus t − 1
/// months (docs/model.md §14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub first: YearMonth,
}

impl Calendar {
    /// The date of calendar month `month` (1-based); `None` for month 0 or past 2999.
    pub fn date(self, month: u32) -> Option<YearMonth> {
        self.first.plus(month.checked_sub(1)?)
    }

    /// `Jul 2026` for month `month`, or `month N` when it has no date.
    pub fn label(self, month: u32) -> String {
        self.date(month).map_or_else(|| format!("month {month}"), YearMonth::label)
    }

    /// The month number of a date; `None` before the first month.
    pub fn month_of(self, date: YearMonth) -> Option<u32> {
        u32::try_from(self.first.months_until(date)).ok().map(|n| n + 1)
    }

    /// The month number of a label (`Jul 2026`, `2026-07`); `None` when it is not a month
    /// or comes before the first one.
    pub fn month_of_label(self, label: &str) -> Option<u32> {
        self.month_of(YearMonth::parse(label)?)
    }
}

/// A month name or its first three letters, any case (`Jan`, `january`, `Sept`).
fn month_name(text: &str) -> Option<u32> {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|m| {
        let m = m.to_lowercase();
        m == lower || (lower.len() <= m.len() && m.starts_with(&lower) && lower.len() >= 3)
    })?;
    Some(position as u32 + 1)
}

/// A date as a file wrote it: a month, with its day when the text had one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub month: YearMonth,
    /// 1-31; `None` for a month alone (`2026-01`, `Jan 2026`).
    pub day: Option<u8>,
}

/// How to read a date written with two small numbers first (`03/04/2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `31/01/2026`, `31.01.2026`: day, month, year.
    DayFirst,
    /// `01/31/2026`: month, day, year.
    MonthFirst,
}

/// What a column of numeric dates says about their order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderEvidence {
    /// A date only day-first can read (`31/01/2026`), if any.
    pub day_first: Option<String>,
    /// A date only month-first can read (`01/31/2026`), if any.
    pub month_first: Option<String>,
    /// Numeric dates either order reads (`03/04/2026`).
    pub ambiguous: usize,
    /// Whether a day-first separator (`.`) was used.
    pub dotted: bool,
}

impl DateOrder {
    /// What `cells` say about the order of their numeric dates (`a/b/yyyy`, `a.b.yyyy`).
    pub fn evidence<'a>(cells: impl IntoIterator<Item = &'a str>) -> OrderEvidence {
        let mut evidence = OrderEvidence::default();
        for cell in cells {
            let Some((a, b, _, dotted)) = numeric_parts(cell) else { continue };
            evidence.dotted |= dotted;
            match (a > 12, b > 12) {
                (true, false) if evidence.day_first.is_none() => evidence.day_first = Some(cell.trim().to_string()),
                (false, true) if evidence.month_first.is_none() => evidence.month_first = Some(cell.trim().to_string()),
                (false, false) => evidence.ambiguous += 1,
                _ => {}
            }
        }
        evidence
    }
}

/// `a/b/yyyy`, `a-b-yyyy` or `a.b.yyyy` (with anything after a space): (a, b, year, dotted).
fn numeric_parts(cell: &str) -> Option<(u32, u32, i32, bool)> {
    let date = cell.trim().split([' ', 'T']).next()?;
    let separator = ['/', '.', '-'].into_iter().find(|&s| date.contains(s))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, year] = parts[..] else { return None };
    if year.len() != 4 || a.is_empty() || a.len() > 2 || b.is_empty() || b.len() > 2 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, year.parse().ok()?, separator == '.'))
}

/// Reads one date cell; `order` decides `a/b/yyyy` (see [`DateOrder::evidence`]).
///
/// Forms: `2026-01`, `2026/01`, `2026-01-31` and `2026/01/31` with any time after a space
/// or `T`; `Jan 2026`, `January 2026`; `Jan 31, 2026`, `January 31 2026`, `31 Jan 2026`,
/// `31 January 2026` (with any time after); `31/01/2026`, `01/31/2026`, `31.01.2026`,
/// `31-01-2026` by `order`. A day must exist in its month.
pub fn parse_date(cell: &str, order: DateOrder) -> Option<Date> {
    let text = cell.trim();
    let first = text.split([' ', 'T']).next().unwrap_or("");
    // ISO: year first.
    let year_first = first.get(..4).is_some_and(|y| y.chars().all(|c| c.is_ascii_digit()))
        && matches!(first.get(4..5), Some("-" | "/"));
    if year_first {
        let parts: Vec<&str> = first.split(['-', '/']).collect();
        return match parts[..] {
            [y, m] if m.len() <= 2 => month_only(y, m),
            [y, m, d] if m.len() <= 2 && d.len() <= 2 => {
                let shift = utc_day_shift(text[first.len()..].trim_start_matches([' ', 'T']))?;
                with_day(y, m, d).and_then(|date| date.plus_days(shift))
            }
            _ => None,
        };
    }
    if let Some((a, b, year, _)) = numeric_parts(text) {
        let (month, day) = match order {
            DateOrder::DayFirst => (b, a),
            DateOrder::MonthFirst => (a, b),
        };
        return dated(YearMonth::new(year, month)?, day);
    }
    named(text)
}

/// The days a time with an explicit UTC offset (`20:30:00-05:00`, `01:10+0100`) moves its
/// date to reach UTC: −1, 0 or 1; 0 without an offset (or with `Z`); `None` for an offset
/// that is not one (beyond ±18 hours).
fn utc_day_shift(time: &str) -> Option<i32> {
    let Some(at) = time.rfind(['+', '-']) else { return Some(0) };
    let (clock, offset) = (&time[..at], &time[at..]);
    if clock.contains(|c: char| c.is_ascii_alphabetic()) {
        // `2:03 PM -05:00`: exports that write AM/PM put no offset after it; read as written.
        return Some(0);
    }
    let minutes = |hm: &str| -> Option<i32> {
        let (h, m) = hm.split_once(':').unwrap_or_else(|| hm.split_at(hm.len().min(2)));
        let (h, m): (i32, i32) = (h.parse().ok()?, if m.is_empty() { 0 } else { m.get(..2)?.parse().ok()? });
        (m < 60).then_some(h * 60 + m)
    };
    let (Some(clock), Some(off)) = (minutes(clock.trim()), minutes(&offset[1..])) else { return Some(0) };
    if off > 18 * 60 || clock >= 24 * 60 {
        return None;
    }
    let utc = if offset.starts_with('-') { clock + off } else { clock - off };
    Some(utc.div_euclid(24 * 60))
}

impl Date {
    /// The date `days` days later (−1, 0 or 1 in use); a month alone stays as it is.
    fn plus_days(self, days: i32) -> Option<Date> {
        let Some(day) = self.day else { return Some(self) };
        let last = days_in(self.month);
        Some(match (days, u32::from(day)) {
            (0, _) => self,
            (1, d) if d == last => Date { month: self.month.plus(1)?, day: Some(1) },
            (1, d) => Date { month: self.month, day: Some(d as u8 + 1) },
            (-1, 1) => {
                let month = self.month.minus(1)?;
                Date { month, day: Some(days_in(month) as u8) }
            }
            (-1, d) => Date { month: self.month, day: Some(d as u8 - 1) },
            _ => return None,
        })
    }
}

fn month_only(year: &str, month: &str) -> Option<Date> {
    Some(Date { month: YearMonth::new(year.parse().ok()?, month.parse().ok()?)?, day: None })
}

fn with_day(year: &str, month: &str, day: &str) -> Option<Date> {
    dated(YearMonth::new(year.parse().ok()?, month.parse().ok()?)?, day.parse().ok()?)
}

fn dated(month: YearMonth, day: u32) -> Option<Date> {
    (1..=days_in(month)).contains(&day).then_some(Date { month, day: Some(day as u8) })
}

fn days_in(m: YearMonth) -> u32 {
    match m.month {
        2 if m.year % 4 == 0 && (m.year % 100 != 0 || m.year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `Jan 2026`, `January 31, 2026`, `31 Jan 2026`, with anything after the year.
fn named(text: &str) -> Option<Date> {
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|_| w.len() == 4);
    let day = |w: &str| w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']).parse::<u32>().ok().filter(|_| w.len() <= 4);
    match words[..] {
        [m, y, ..] if month_name(m).is_some() && year(y).is_some() => {
            Some(Date { month: YearMonth::new(year(y)?, month_name(m)?)?, day: None })
        }
        [m, d, y, ..] if month_name(m).is_some() => dated(YearMonth::new(year(y)?, month_name(m)?)?, day(d)?),
        [d, m, y, ..] if month_name(m).is_some() => dated(YearMonth::new(year(y)?, month_name(m)?)?, day(d)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn a_month_number_has_a_date_and_back() {
        let calendar = Calendar { first: ym(2026, 1) };
        assert_eq!(calendar.label(7), "Jul 2026");
        assert_eq!(calendar.label(13), "Jan 2027");
        assert_eq!(calendar.month_of_label("Jul 2026"), Some(7));
        assert_eq!(calendar.month_of_label("2027-01"), Some(13));
        assert_eq!(calendar.month_of_label("Dec 2025"), None, "before month 1");
        assert_eq!(calendar.label(0), "month 0");
        for month in 1..=600 {
            assert_eq!(calendar.month_of_label(&calendar.label(month)), Some(month));
        }
        assert_eq!(ym(2026, 11).plus(3), Some(ym(2027, 2)));
        assert_eq!(ym(2026, 2).minus(3), Some(ym(2025, 11)));
        assert_eq!(ym(1900, 1).minus(1), None);
        assert_eq!(ym(2026, 3).months_until(ym(2025, 12)), -3);
        assert_eq!(ym(2026, 3).to_string(), "2026-03");
    }

    #[test]
    fn months_parse_as_written() {
        for text in ["2026-07", "2026/7", "Jul 2026", "july 2026", " JULY 2026 "] {
            assert_eq!(YearMonth::parse(text), Some(ym(2026, 7)), "{text}");
        }
        for text in ["2026-13", "26-07", "Jly 2026", "2026", "", "July", "2026-07-01"] {
            assert_eq!(YearMonth::parse(text), None, "{text}");
        }
    }

    #[test]
    fn dates_parse_in_every_form_exports_write() {
        let d = |y, m, d| Some(Date { month: ym(y, m), day: Some(d) });
        let cases = [
            ("2026-01-31", d(2026, 1, 31)),
            ("2026-01-31 14:03:22", d(2026, 1, 31)),
            ("2026-01-31T14:03:22Z", d(2026, 1, 31)),
            ("2026-01-10T16:28:31.164Z", d(2026, 1, 10)),
            // An explicit offset is taken to UTC: across a day and a month.
            ("2026-01-31T20:30:00-05:00", d(2026, 2, 1)),
            ("2026-03-01 00:30:00+01:00", d(2026, 2, 28)),
            ("2025-01-01T00:10+0100", d(2024, 12, 31)),
            ("2026-01-31T10:00:00+05:30", d(2026, 1, 31)),
            ("2024-02-28T23:00:00-02:00", d(2024, 2, 29)),
            ("2026/1/5", d(2026, 1, 5)),
            ("January 31, 2026", d(2026, 1, 31)),
            ("January 31, 2026 3:04 PM", d(2026, 1, 31)),
            ("Jan 31 2026", d(2026, 1, 31)),
            ("31 Jan 2026", d(2026, 1, 31)),
            ("1st February 2026", d(2026, 2, 1)),
            ("31/01/2026", d(2026, 1, 31)),
            ("31.01.2026 09:00", d(2026, 1, 31)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text, DateOrder::DayFirst), expected, "{text}");
        }
        assert_eq!(parse_date("01/31/2026", DateOrder::MonthFirst), d(2026, 1, 31));
        assert_eq!(parse_date("03/04/2026", DateOrder::MonthFirst), d(2026, 3, 4));
        assert_eq!(parse_date("03/04/2026", DateOrder::DayFirst), d(2026, 4, 3));
        let month = |y, m| Some(Date { month: ym(y, m), day: None });
        assert_eq!(parse_date("2026-01", DateOrder::DayFirst), month(2026, 1));
        assert_eq!(parse_date("Jan 2026", DateOrder::DayFirst), month(2026, 1));
        for bad in ["2026-02-30", "31/02/2026", "Feb 29, 2026", "yesterday", "2026-1-", "12", "13/13/2026", ""] {
            assert_eq!(parse_date(bad, DateOrder::DayFirst), None, "{bad}");
        }
        assert_eq!(parse_date("Feb 29, 2028", DateOrder::DayFirst), d(2028, 2, 29));
    }

    #[test]
    fn a_column_says_its_order_when_one_date_can() {
        let e = DateOrder::evidence(["03/04/2026", "13/04/2026", "2026-01-01"]);
        assert_eq!((e.day_first.as_deref(), e.month_first, e.ambiguous), (Some("13/04/2026"), None, 1));
        let e = DateOrder::evidence(["04/13/2026", "31.01.2026"]);
        assert_eq!(
            (e.month_first.as_deref(), e.day_first.as_deref(), e.dotted),
            (Some("04/13/2026"), Some("31.01.2026"), true)
        );
    }
}
