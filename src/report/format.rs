//! Human formatting of numbers: dollars with thousands separators, counts, hours, rates and
//! probabilities; undefined values read "n/a". Machine outputs never go through here.

use crate::metric::Unit;

/// `$1,234`, `$96`, `-$40`; cents only below $10.
pub fn dollars(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a < 10.0 && a.fract() != 0.0 {
        return format!("{sign}${a:.2}");
    }
    format!("{sign}${}", thousands(a.round() as u64))
}

/// `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A value in its unit, for tables.
pub fn value(v: Option<f64>, unit: Unit) -> String {
    let Some(v) = v else { return "n/a".to_string() };
    match unit {
        Unit::Dollars => dollars(v),
        Unit::Count if v.fract() == 0.0 => thousands(v.abs() as u64),
        Unit::Count => format!("{v:.1}"),
        Unit::Hours => format!("{v:.1} h"),
        Unit::DollarsPerHour if v.abs() < 100.0 => format!("{}{:.2}/h", if v < 0.0 { "-$" } else { "$" }, v.abs()),
        Unit::DollarsPerHour => format!("{}/h", dollars(v)),
    }
}

/// `41.2%`; `<0.1%` and `>99.9%` near the ends so nothing reads as certain.
pub fn percent(p: f64) -> String {
    if p > 0.0 && p < 0.001 {
        "<0.1%".to_string()
    } else if p < 1.0 && p > 0.999 {
        ">99.9%".to_string()
    } else {
        format!("{:.1}%", p * 100.0)
    }
}

/// `= 41.2%`, or `> 99.9%` / `< 0.1%` near the ends, to follow "P(...)".
pub fn probability(p: f64) -> String {
    let text = percent(p);
    if text.starts_with(['<', '>']) { format!("{} {}", &text[..1], &text[1..]) } else { format!("= {text}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_numbers() {
        assert_eq!(dollars(1980.0), "$1,980");
        assert_eq!(dollars(13_195.4), "$13,195");
        assert_eq!(dollars(-40.0), "-$40");
        assert_eq!(dollars(3.0), "$3");
        assert_eq!(dollars(1.6), "$1.60");
        assert_eq!(dollars(1_234_567.0), "$1,234,567");
        assert_eq!(value(None, Unit::DollarsPerHour), "n/a");
        assert_eq!(value(Some(49.5), Unit::DollarsPerHour), "$49.50/h");
        assert_eq!(value(Some(145.2), Unit::DollarsPerHour), "$145/h");
        assert_eq!(value(Some(12.0), Unit::Count), "12");
        assert_eq!(value(Some(4.0), Unit::Hours), "4.0 h");
        assert_eq!(percent(0.4123), "41.2%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(probability(0.9996), "> 99.9%");
        assert_eq!(probability(0.5), "= 50.0%");
    }
}
