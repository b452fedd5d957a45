//! The one unit of every number sidecast shows ([`Unit`]): metrics, scenario keys, axes and
//! labels all carry one, and each kind of text has one method: a value for a label
//! ([`Unit::format_value`]), an axis tick at a step ([`Unit::format_tick`]), values read side
//! by side ([`Unit::format_alike`]), an account's signed amount ([`Unit::format_amount`]),
//! and a scenario value as written ([`Unit::exact`]). Table cells are
//! [`number::value`](super::number::value)'s. Human output only: machine outputs keep full
//! precision.

use super::number::short;

/// What a number measures: every metric, every scenario key and every axis has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// US dollars: "$850", "$1.2k", "$35k", "$1.5M".
    #[default]
    Dollars,
    /// A count of things, with the plural noun: "12 customers".
    Count {
        /// Plural noun, e.g. "customers" ("" when the label says what is counted).
        noun: &'static str,
    },
    /// Hours of work: "18 h".
    Hours,
    /// Dollars per hour: "$49.50/h".
    DollarsPerHour,
    /// A fraction shown as a percentage: 0.41 → "41%".
    Percent,
    /// A rate of things a month (arrivals, signups): "1.5/month".
    PerMonth,
    /// A number of months: "3 months".
    Months,
    /// A plain number: "2.5".
    Number,
}

impl Unit {
    /// A count unit with its plural noun.
    pub const fn count(noun: &'static str) -> Self {
        Unit::Count { noun }
    }

    /// Whether the unit counts things (a count of customers, subscribers, pieces).
    pub fn is_count(self) -> bool {
        matches!(self, Unit::Count { .. })
    }

    /// A value as the user would write it in a scenario, nothing rounded away, for labels
    /// of scenario values: "10%", "12.5%", "$19.99", "1.5/month", "2 h", "3 months", "8".
    pub fn exact(self, value: f64) -> String {
        let v = short(value);
        match self {
            Unit::Percent => format!("{}%", short(value * 100.0)),
            Unit::Dollars => format!("${v}"),
            Unit::DollarsPerHour => format!("${v}/h"),
            Unit::PerMonth => format!("{v}/month"),
            Unit::Hours => format!("{v} h"),
            Unit::Months => format!("{v} month{}", if value == 1.0 { "" } else { "s" }),
            Unit::Count { .. } | Unit::Number => v,
        }
    }

    /// A single value for a label: "$1.2k", "12 customers", "$49.50/h", "41%".
    pub fn format_value(self, value: f64) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        match self {
            Unit::Dollars => dollars(value, None),
            Unit::DollarsPerHour => format!("{}/h", dollars(value, None)),
            Unit::Hours => format!("{} h", plain(value, None)),
            Unit::Count { noun } => with_noun(plain(value, None), noun),
            Unit::Percent => percent_label(value),
            Unit::PerMonth => format!("{}/month", plain(value, None)),
            Unit::Months => format!("{} month{}", plain(value, None), if value == 1.0 { "" } else { "s" }),
            Unit::Number => plain(value, None),
        }
    }

    /// A tick label for an axis whose ticks are `step` apart; no noun, so the axis name
    /// carries it ("Active customers").
    pub fn format_tick(self, value: f64, step: f64) -> String {
        let step = (step.is_finite() && step > 0.0).then_some(step);
        match self {
            Unit::Dollars | Unit::DollarsPerHour => dollars(value, step),
            Unit::Percent => percent(value, step),
            Unit::Hours | Unit::Count { .. } | Unit::PerMonth | Unit::Months | Unit::Number => plain(value, step),
        }
    }

    /// A value written to a resolution `step` (e.g. 10 → "$88", "$1.72k"), with the noun
    /// as in [`Unit::format_value`]. Values shown side by side share one step, so they
    /// carry the same precision.
    pub fn format_value_at(self, value: f64, step: f64) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        let step = (step.is_finite() && step > 0.0).then_some(step);
        match self {
            Unit::Dollars => dollars(value, step),
            Unit::DollarsPerHour => format!("{}/h", dollars(value, step)),
            Unit::Hours => format!("{} h", plain(value, step)),
            Unit::Count { noun } => with_noun(plain(value, step), noun),
            Unit::Percent => percent(value, step),
            Unit::PerMonth => format!("{}/month", plain(value, step)),
            Unit::Months => format!("{} month{}", plain(value, step), if value == 1.0 { "" } else { "s" }),
            Unit::Number => plain(value, step),
        }
    }

    /// Values that are read together (percentile markers, colour-bar ends) at one
    /// precision: three significant digits of the largest, so "$88" stands beside
    /// "$2.6k", never "$88.46".
    pub fn format_alike(self, values: &[f64]) -> Vec<String> {
        let step = significant_step(values, 3);
        values.iter().map(|&v| self.format_value_at(v, step)).collect()
    }

    /// An amount as an account writes it, signed with a true minus ("−$4,533") and, with
    /// `plus`, a plus ("+$5,529"): dollars whole with thousands separators (cents below
    /// $10), other units as [`Unit::format_value`]. A value that rounds to zero has no sign.
    pub fn format_amount(self, value: f64, plus: bool) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        let magnitude = value.abs();
        let body = match self {
            Unit::Dollars if magnitude < 10.0 && magnitude.fract() >= 0.005 => format!("${magnitude:.2}"),
            Unit::Dollars => format!("${}", plain(magnitude.round(), Some(1.0))),
            unit => unit.format_value(magnitude),
        };
        signed_amount(value, plus, body)
    }

    /// [`Unit::format_amount`] in a label's short form ("−$10,365M" for "−$10,365,000,154"),
    /// where space is short.
    pub fn format_amount_short(self, value: f64, plus: bool) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        signed_amount(value, plus, self.format_value(value.abs()))
    }

    /// The unit in words, for axis names: "$", "customers", "hours", "$ per hour", "%".
    pub fn axis_suffix(self) -> &'static str {
        match self {
            Unit::Dollars => "$",
            Unit::DollarsPerHour => "$ per hour",
            Unit::Hours => "hours",
            Unit::Count { noun } => noun,
            Unit::Percent => "%",
            Unit::PerMonth => "a month",
            Unit::Months => "months",
            Unit::Number => "",
        }
    }
}

/// Decimals needed to write multiples of `step` exactly in the display scale.
fn decimals_for(step: Option<f64>, scale: f64) -> Option<usize> {
    let s = step? / scale;
    (0..4)
        .find(|&d| {
            let shifted = s * 10f64.powi(d as i32);
            (shifted - shifted.round()).abs() < 1e-6 * shifted.abs().max(1.0)
        })
        .or(Some(4))
}

/// Fixed decimals, then trailing zeros (and a bare point) removed.
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

/// "-" sign plus the magnitude; avoids "-0".
fn signed(value: f64, body: String) -> String {
    if value < 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') { format!("-{body}") } else { body }
}

/// `body` (a magnitude) with the sign of `value`: a true minus, a plus when `plus`, none
/// when it rounds to zero.
fn signed_amount(value: f64, plus: bool, body: String) -> String {
    let zero = !body.chars().any(|c| c.is_ascii_digit() && c != '0');
    match (value < 0.0, plus && value > 0.0) {
        _ if zero => body,
        (true, _) => format!("\u{2212}{body}"),
        (false, true) => format!("+{body}"),
        (false, false) => body,
    }
}

fn dollars(value: f64, step: Option<f64>) -> String {
    let magnitude = value.abs();
    let (scale, suffix) = if magnitude >= 999_500.0 {
        (1e6, "M")
    } else if magnitude >= 999.5 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let decimals = decimals_for(step, scale).unwrap_or({
        let scaled = magnitude / scale;
        if scale > 1.0 {
            usize::from(scaled < 10.0)
        } else if scaled < 100.0 && (scaled - scaled.round()).abs() >= 0.005 {
            2
        } else {
            0
        }
    });
    let body = if step.is_none() && scale == 1.0 && decimals == 2 {
        format!("{:.2}", magnitude)
    } else {
        trimmed(magnitude / scale, decimals)
    };
    signed(value, format!("${body}{suffix}"))
}

fn plain(value: f64, step: Option<f64>) -> String {
    let magnitude = value.abs();
    let decimals = decimals_for(step, 1.0).unwrap_or(if magnitude >= 100.0 { 0 } else { 1 });
    let body = trimmed(magnitude, decimals);
    let (int, frac) = body.split_once('.').unwrap_or((&body, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if !frac.is_empty() {
        grouped = format!("{grouped}.{frac}");
    }
    signed(value, grouped)
}

/// A count with its noun, or alone when the noun is empty.
fn with_noun(count: String, noun: &str) -> String {
    if noun.is_empty() { count } else { format!("{count} {noun}") }
}

/// A share as a label: whole percents, but never a rounded 0% or 100% for something that
/// is merely rare or near-certain.
fn percent_label(value: f64) -> String {
    match value {
        v if v > 0.0 && v < 0.005 => "<1%".to_string(),
        v if v > 0.995 && v < 1.0 => ">99%".to_string(),
        v => percent(v, None),
    }
}

fn percent(value: f64, step: Option<f64>) -> String {
    let decimals = decimals_for(step.map(|s| s * 100.0), 1.0).unwrap_or(0);
    signed(value, format!("{}%", trimmed(value.abs() * 100.0, decimals)))
}

/// The resolution that gives the largest finite magnitude among `values` `digits`
/// significant digits (a power of ten; 1 when there is nothing to go by).
pub fn significant_step(values: &[f64], digits: i32) -> f64 {
    let largest = values.iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
    if largest > 0.0 { 10f64.powi(largest.log10().floor() as i32 - (digits - 1)) } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_values_read_like_a_person_writes_them() {
        let cases = [
            (850.0, "$850"),
            (1_200.0, "$1.2k"),
            (1_000.0, "$1k"),
            (35_000.0, "$35k"),
            (35_400.0, "$35k"),
            (1_500_000.0, "$1.5M"),
            (999.7, "$1k"),
            (29.5, "$29.50"),
            (96.0, "$96"),
            (0.0, "$0"),
            (-1_200.0, "-$1.2k"),
            (-850.0, "-$850"),
            (-0.2, "-$0.20"),
            (-0.001, "$0"),
        ];
        for (value, text) in cases {
            assert_eq!(Unit::Dollars.format_value(value), text, "{value}");
        }
    }

    #[test]
    fn amounts_read_like_an_account() {
        let cases = [
            (5_529.4, true, "+$5,529"),
            (-4_533.0, true, "\u{2212}$4,533"),
            (-0.3, false, "\u{2212}$0.30"),
            (618.0, false, "$618"),
            (-1_250_000.0, false, "\u{2212}$1,250,000"),
            (0.001, true, "$0"),
            (-0.001, true, "$0"),
            (f64::NAN, true, "n/a"),
        ];
        for (value, plus, text) in cases {
            assert_eq!(Unit::Dollars.format_amount(value, plus), text, "{value}");
        }
        assert_eq!(Unit::Hours.format_amount(-3.0, true), "\u{2212}3 h");
    }

    #[test]
    fn other_units() {
        assert_eq!(Unit::count("customers").format_value(12.0), "12 customers");
        assert_eq!(Unit::count("customers").format_value(11.64), "11.6 customers");
        assert_eq!(Unit::count("subscribers").format_value(1_400.0), "1,400 subscribers");
        assert_eq!(Unit::Hours.format_value(18.0), "18 h");
        assert_eq!(Unit::DollarsPerHour.format_value(49.5), "$49.50/h");
        assert_eq!(Unit::Percent.format_value(0.41), "41%");
        assert_eq!(Unit::Percent.format_value(-0.05), "-5%");
        assert_eq!(Unit::Percent.format_value(0.001), "<1%");
        assert_eq!(Unit::Percent.format_value(0.999), ">99%");
        assert_eq!(Unit::Percent.format_value(0.0), "0%");
        assert_eq!(Unit::Percent.format_value(1.0), "100%");
        assert_eq!(Unit::Number.format_value(f64::NAN), "n/a");
    }

    #[test]
    fn ticks_carry_the_precision_of_their_step() {
        let labels: Vec<_> =
            [0.0, 500.0, 1000.0, 1500.0].iter().map(|v| Unit::Dollars.format_tick(*v, 500.0)).collect();
        assert_eq!(labels, ["$0", "$500", "$1k", "$1.5k"]);
        assert_eq!(Unit::Dollars.format_tick(1250.0, 250.0), "$1.25k");
        assert_eq!(Unit::Percent.format_tick(0.175, 0.025), "17.5%");
        assert_eq!(Unit::Number.format_tick(2.5, 0.5), "2.5");
        assert_eq!(Unit::Dollars.format_tick(-2000.0, 1000.0), "-$2k");
    }

    #[test]
    fn values_read_together_share_one_precision() {
        assert_eq!(Unit::Dollars.format_alike(&[88.46, 820.0, 2_600.0]), ["$88", "$820", "$2.6k"]);
        assert_eq!(Unit::Dollars.format_alike(&[390.0, 820.0, 1_720.0]), ["$390", "$820", "$1.72k"]);
        assert_eq!(Unit::Dollars.format_alike(&[12.5, 30.26]), ["$12.5", "$30.3"]);
        assert_eq!(Unit::Percent.format_alike(&[0.352, 0.0714]), ["35.2%", "7.1%"]);
        assert_eq!(Unit::Hours.format_alike(&[f64::NAN, 0.0]), ["n/a", "0 h"]);
    }
}
