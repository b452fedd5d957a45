//! Numbers for people, one function per kind: dollars with thousands separators, counts,
//! hours, rates per hour, probabilities, standard errors, signed differences, values with a
//! few significant figures. Undefined values read "n/a".

pub use super::unit::Unit;

/// `$1,234`, `$96`, `-$40`; cents only below $10; `$1.235e+15` from a quadrillion up.
/// Total: a value that is not a number reads as what it is (`NaN`), never as `$0`.
pub fn dollars(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a < 10.0 && a.fract() != 0.0 {
        return format!("{sign}${a:.2}");
    }
    format!("{sign}${}", whole(a))
}

/// A whole number with thousands separators, `1,234`; from a quadrillion up in scientific
/// form with four significant figures (`1.235e+15`), so nothing saturates at `u64::MAX`.
pub fn whole(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs().round();
    if a >= 1e15 {
        return format!("{sign}{}", compact(significant(a, 4)));
    }
    format!("{sign}{}", thousands(a as u64))
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

/// A value in its unit, for tables (no noun: the row says what is counted).
pub fn value(v: Option<f64>, unit: Unit) -> String {
    let Some(v) = v else { return "n/a".to_string() };
    match unit {
        Unit::Dollars => dollars(v),
        Unit::Count { .. } | Unit::Number if v.fract() == 0.0 => whole(v),
        Unit::Count { .. } | Unit::Number => format!("{v:.1}"),
        Unit::Hours => format!("{v:.1} h"),
        Unit::DollarsPerHour if v.abs() < 100.0 => format!("{}{:.2}/h", if v < 0.0 { "-$" } else { "$" }, v.abs()),
        Unit::DollarsPerHour => format!("{}/h", dollars(v)),
        Unit::Percent => percent(v),
        Unit::PerMonth => format!("{}/month", short(v)),
        Unit::Months => format!("{} month{}", short(v), if v == 1.0 { "" } else { "s" }),
    }
}

/// A standard error beside its estimate, with enough digits to read: cents below $100.
pub fn std_error(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Dollars if v.abs() < 100.0 => format!("${v:.2}"),
        Unit::Count { .. } | Unit::Number => format!("{v:.3}"),
        Unit::Hours => format!("{v:.2} h"),
        Unit::DollarsPerHour => format!("${v:.2}/h"),
        _ => value(Some(v), unit),
    }
}

/// A standard error of a dollar amount in a sentence: cents below $10; "n/a" if undefined.
pub fn dollars_std_error(v: Option<f64>) -> String {
    match v {
        Some(v) if v > 0.0 && v < 10.0 => format!("${v:.2}"),
        Some(v) => dollars(v),
        None => "n/a".to_string(),
    }
}

/// A difference with its sign: "+$1,234", "-3.2".
pub fn signed(v: f64, unit: Unit) -> String {
    let text = match unit {
        Unit::Count { .. } | Unit::Number => format!("{v:.1}"),
        _ => value(Some(v), unit),
    };
    if v > 0.0 { format!("+{text}") } else { text }
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

/// A chance in frequency words, as a reader takes it in: always out of 100 futures, in whole
/// numbers, so chances compare at a glance ("28 in 100", "3 in 100"), and never "0" or
/// "100" from a finite run: a chance that rounds to an end reads "fewer than 1 in 100" or
/// "more than 99 in 100". `None` (no trajectories) is "n/a".
pub fn chance(p: Option<f64>) -> String {
    match p {
        None => "n/a".to_string(),
        Some(p) if p.is_nan() => "n/a".to_string(),
        Some(p) if p <= 0.0 => "fewer than 1 in 100".to_string(),
        Some(p) if p >= 1.0 => "more than 99 in 100".to_string(),
        Some(p) => match (p * 100.0).round() as u32 {
            0 => "fewer than 1 in 100".to_string(),
            100 => "more than 99 in 100".to_string(),
            n => format!("{n} in 100"),
        },
    }
}

/// A share that may be tiny, in a message: `15.9%`, or `1.23e-5` below 0.1%.
pub fn share(p: f64) -> String {
    if p >= 0.001 { format!("{:.1}%", p * 100.0) } else { format!("{:.2e}", p) }
}

/// A count with its noun, plural unless it is one: "1 month", "24 months", "10,000
/// trajectories".
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A waterfall step's share of the month's income, to a tenth of a percent ("84.2%",
/// "−12.5%", "n/a" without income); a share that rounds to zero has no sign ("0.0%", not
/// "-0.0%" for $20 of fees against a billion).
pub fn share_of_income(share: Option<f64>) -> String {
    share.map_or_else(
        || "n/a".to_string(),
        |s| {
            let text = format!("{:.1}%", s * 100.0);
            if text == "-0.0%" { "0.0%".to_string() } else { text }
        },
    )
}

/// `v` rounded to `digits` significant digits.
pub fn significant(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// Four significant figures, without trailing zeros: `0.668`, `12346`.
pub fn four_figures(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let decimals = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

/// A fraction as a percentage with four significant figures: `17.39%`.
pub fn four_figures_percent(x: f64) -> String {
    format!("{}%", four_figures(100.0 * x))
}

/// A count that may be fractional: whole numbers as integers, otherwise one decimal.
pub fn count(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 { format!("{}", x.round()) } else { format!("{x:.1}") }
}

/// A ratio: `2.3×`, `15×`.
pub fn times(ratio: f64) -> String {
    if ratio < 10.0 { format!("{ratio:.1}×") } else { format!("{ratio:.0}×") }
}

/// Up to three decimals, trailing zeros dropped: `12.5`, `10`, `0.125`.
pub fn short(v: f64) -> String {
    let text = format!("{v:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_string() } else { text.to_string() }
}

/// A size in bytes for people: `512 MB`, `8.0 GB`, `1.2 TB`.
pub fn bytes(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v} bytes");
    }
    let units = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    match units.iter().find(|(_, size)| v >= *size) {
        Some((unit, size)) if v / size >= 100.0 => format!("{:.0} {unit}", v / size),
        Some((unit, size)) => format!("{:.1} {unit}", v / size),
        None => format!("{v:.0} bytes"),
    }
}

/// A duration in seconds for people: `45 s`, `12 minutes`, `3.7 hours`, `2.1e+05 years`.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "forever".to_string();
    }
    let units = [("years", 3.156e7), ("days", 86_400.0), ("hours", 3600.0), ("minutes", 60.0)];
    match units.iter().find(|(_, size)| seconds >= 2.0 * size) {
        Some((unit, size)) if seconds / size >= 1000.0 => format!("{} {unit}", compact(significant(seconds / size, 2))),
        Some((unit, size)) => format!("{:.1} {unit}", seconds / size),
        None => format!("{seconds:.0} s"),
    }
}

/// A number in a message, short whatever its size: `0.15`, `1200`, `1.5e+308`, `NaN`.
/// Never hundreds of digits (Rust prints `1e308` in full).
pub fn compact(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if a != 0.0 && !(1e-6..1e15).contains(&a) {
        let text = format!("{v:.3e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if exponent.starts_with('-') { "" } else { "+" };
        return format!("{mantissa}e{sign}{exponent}");
    }
    format!("{v}")
}

/// Rewrites every run of more than 20 digits (15 with a decimal point) in `message` in
/// [`compact`] form (serde echoes `1e308` with all 309 of them); a whole number of 64 bits,
/// such as a seed's largest, stays as written.
pub fn compact_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(tail.len());
        // A dot that ends the run is the text's, not the number's (`targets.99...9.month`).
        let end = if tail[..end].ends_with('.') { end - 1 } else { end };
        let run = &tail[..end];
        let digits = run.chars().filter(char::is_ascii_digit).count();
        match run.parse::<f64>() {
            // A whole number of up to 20 digits (any 64-bit one) is kept as written.
            Ok(v) if digits > 20 || (digits > 15 && run.contains('.')) => out.push_str(&compact(v)),
            _ => out.push_str(run),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// `text` with thousands separators in its first whole number of four digits or more
/// (`$100000` → `$100,000`, `10000%` → `10,000%`); decimals and exponents as they are.
pub fn group_digits(text: &str) -> String {
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else { return text.to_string() };
    let end = text[start..].find(|c: char| !c.is_ascii_digit()).map_or(text.len(), |e| start + e);
    let rest = &text[end..];
    if end - start < 4 || rest.starts_with(['e', 'E']) || text[..start].ends_with('.') {
        return text.to_string();
    }
    match text[start..end].parse::<u64>() {
        Ok(n) if !text[start..end].starts_with('0') => format!("{}{}{rest}", &text[..start], thousands(n)),
        _ => text.to_string(),
    }
}

/// How to write a number a person typed as text (`"15%"`, `"$1,200"`, `"1e3"`) the way a
/// scenario or CSV needs it; `None` when the text is not a number in disguise.
pub fn typed_number_hint(text: &str) -> Option<String> {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let sign = if negative { "-" } else { "" };
    if let Some(number) = t.strip_suffix('%') {
        let v: f64 = number.trim().replace(',', "").parse().ok().filter(|v: &f64| v.is_finite())?;
        let fraction = v / 100.0;
        return Some(format!("write {sign}{} ({t} as a fraction), without quotes", short_fraction(fraction)));
    }
    let plain = t.trim_start_matches('$').replace([',', '_'], "");
    let v: f64 = plain.trim().parse().ok().filter(|v: &f64| v.is_finite())?;
    let written = if plain.contains(['e', 'E']) { plain.trim().to_string() } else { format!("{}", v) };
    Some(format!("write {sign}{written} as a plain number, without quotes, `$` or thousands separators"))
}

/// A fraction with up to six decimals, trailing zeros dropped: 0.15, 0.025.
fn short_fraction(v: f64) -> String {
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() { "0".to_string() } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(counted(1, "month", "months"), "1 month");
        assert_eq!(counted(24, "month", "months"), "24 months");
        assert_eq!(counted(10_000, "trajectory", "trajectories"), "10,000 trajectories");
        assert_eq!(counted(1, "trajectory", "trajectories"), "1 trajectory");
    }

    #[test]
    fn a_share_that_rounds_to_zero_has_no_sign() {
        assert_eq!(share_of_income(Some(-2e-8)), "0.0%");
        assert_eq!(share_of_income(Some(-0.125)), "-12.5%");
        assert_eq!(share_of_income(Some(0.842)), "84.2%");
        assert_eq!(share_of_income(None), "n/a");
    }

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
        assert_eq!(value(Some(12.0), Unit::count("")), "12");
        assert_eq!(value(Some(4.0), Unit::Hours), "4.0 h");
        assert_eq!(percent(0.4123), "41.2%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(probability(0.9996), "> 99.9%");
        assert_eq!(probability(0.5), "= 50.0%");
        assert_eq!(share(0.159), "15.9%");
        assert_eq!(share(0.000_012_3), "1.23e-5");
    }

    #[test]
    fn standard_errors_and_differences() {
        assert_eq!(signed(1234.0, Unit::Dollars), "+$1,234");
        assert_eq!(signed(-40.0, Unit::Dollars), "-$40");
        assert_eq!(signed(-3.25, Unit::count("")), "-3.2");
        assert_eq!(std_error(12.345, Unit::Dollars), "$12.35");
        assert_eq!(std_error(0.0213, Unit::count("")), "0.021");
        assert_eq!(dollars_std_error(Some(4.5)), "$4.50");
        assert_eq!(dollars_std_error(Some(69.2)), "$69");
        assert_eq!(dollars_std_error(None), "n/a");
    }

    #[test]
    fn numbers_are_total_and_compact() {
        assert_eq!(compact(1e308), "1e+308");
        assert_eq!(compact(1.048e18), "1.048e+18");
        assert_eq!(compact(-2.5e-9), "-2.5e-9");
        assert_eq!(compact(0.15), "0.15");
        assert_eq!(compact(f64::NAN), "NaN");
        assert_eq!(dollars(f64::NAN), "NaN", "never $0");
        assert_eq!(dollars(1e300), "$1e+300", "never saturated at u64::MAX");
        assert_eq!(dollars(-2e16), "-$2e+16");
        assert_eq!(value(Some(1e20), Unit::count("")), "1e+20");
        assert_eq!(whole(-1234.4), "-1,234");
        let long = format!("invalid type: floating point `{}`, expected a whole number", 1e308);
        assert_eq!(compact_numbers(&long), "invalid type: floating point `1e+308`, expected a whole number");
        assert_eq!(compact_numbers("line 12, 3 cells"), "line 12, 3 cells");
        // The dot after a long number is the key's (it read `targets.1e+20month`).
        assert_eq!(
            compact_numbers("bad --set targets.999999999999999999999.month=10"),
            "bad --set targets.1e+21.month=10"
        );
        assert_eq!(compact_numbers("ends 123456789012345678901."), "ends 1.235e+20.");
        // A seed's range is written whole (it read "from 0 to 9.223e+18").
        assert_eq!(compact_numbers("from 0 to 9223372036854775807"), "from 0 to 9223372036854775807");
        assert_eq!(bytes(8e9), "8.0 GB");
        assert_eq!(duration(22_000.0), "6.1 hours");
        assert_eq!(duration(45.0), "45 s");
    }

    #[test]
    fn labels_group_their_thousands() {
        assert_eq!(group_digits("$100000"), "$100,000");
        assert_eq!(group_digits("10000%"), "10,000%");
        assert_eq!(group_digits("1234.5/month"), "1,234.5/month");
        assert_eq!(group_digits("$999"), "$999");
        assert_eq!(group_digits("0.00012345"), "0.00012345");
        assert_eq!(group_digits("1e+20"), "1e+20");
    }

    #[test]
    fn text_numbers_get_a_hint() {
        assert!(typed_number_hint("15%").unwrap().starts_with("write 0.15"));
        assert!(typed_number_hint("$1,200").unwrap().starts_with("write 1200"));
        assert!(typed_number_hint("1e3").unwrap().starts_with("write 1e3"));
        assert_eq!(typed_number_hint("high"), None);
        assert_eq!(typed_number_hint("nan%"), None);
    }

    #[test]
    fn significant_figures() {
        assert_eq!(four_figures(0.667_96), "0.668");
        assert_eq!(four_figures(3.805_96), "3.806");
        assert_eq!(four_figures(12_345.6), "12346");
        assert_eq!(four_figures(0.000_123_44), "0.0001234");
        assert_eq!(count(5.0), "5");
        assert_eq!(count(869.4), "869.4");
        assert_eq!(four_figures_percent(0.1739), "17.39%");
        assert_eq!(significant(0.056_45, 3), 0.0565);
        assert_eq!(significant(1.6131, 3), 1.61);
        assert_eq!(short(12.5), "12.5");
        assert_eq!(short(10.0), "10");
        assert_eq!(short(-0.0001), "0");
    }

    #[test]
    fn chances_read_as_frequencies_and_never_as_certain() {
        assert_eq!(chance(Some(0.28)), "28 in 100");
        assert_eq!(chance(Some(0.999)), "more than 99 in 100");
        assert_eq!(chance(Some(1.0)), "more than 99 in 100", "a finite run never shows certainty");
        assert_eq!(chance(Some(0.0)), "fewer than 1 in 100");
        assert_eq!(chance(Some(0.004)), "fewer than 1 in 100");
        assert_eq!(chance(Some(0.006)), "1 in 100");
        assert_eq!(chance(None), "n/a");
    }
}
