//! Units and number formatting for axes and labels ("$850", "$1.2k", "$35k", "12
//! customers", "41%"), and the choice of "nice" tick positions. Human output only: values
//! are rounded for reading, and a tick's precision follows the tick step so neighbouring
//! ticks never print the same text.

/// What a chart's numbers measure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Unit {
    /// US dollars: "$850", "$1.2k", "$35k", "$1.5M".
    #[default]
    Dollars,
    /// A count of things, with the plural noun: "12 customers".
    Count {
        /// Plural noun, e.g. "customers".
        noun: String,
    },
    /// Hours of work: "18 h".
    Hours,
    /// Dollars per hour: "$49.50/h".
    DollarsPerHour,
    /// A fraction shown as a percentage: 0.41 → "41%".
    Percent,
    /// A plain number: "2.5".
    Number,
}

impl Unit {
    /// A count unit with its plural noun.
    pub fn count(noun: impl Into<String>) -> Self {
        Unit::Count { noun: noun.into() }
    }

    /// A single value for a label: "$1.2k", "12 customers", "$49.50/h", "41%".
    pub fn format_value(&self, value: f64) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        match self {
            Unit::Dollars => dollars(value, None),
            Unit::DollarsPerHour => format!("{}/h", dollars(value, None)),
            Unit::Hours => format!("{} h", plain(value, None)),
            Unit::Count { noun } => format!("{} {noun}", plain(value, None)),
            Unit::Percent => percent_label(value),
            Unit::Number => plain(value, None),
        }
    }

    /// A tick label for an axis whose ticks are `step` apart; no noun, so the axis name
    /// carries it ("Active customers").
    pub fn format_tick(&self, value: f64, step: f64) -> String {
        let step = (step.is_finite() && step > 0.0).then_some(step);
        match self {
            Unit::Dollars | Unit::DollarsPerHour => dollars(value, step),
            Unit::Percent => percent(value, step),
            Unit::Hours | Unit::Count { .. } | Unit::Number => plain(value, step),
        }
    }

    /// A value written to a resolution `step` (e.g. 10 → "$88", "$1.72k"), with the noun
    /// as in [`Unit::format_value`]. Values shown side by side share one step, so they
    /// carry the same precision.
    pub fn format_value_at(&self, value: f64, step: f64) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        let step = (step.is_finite() && step > 0.0).then_some(step);
        match self {
            Unit::Dollars => dollars(value, step),
            Unit::DollarsPerHour => format!("{}/h", dollars(value, step)),
            Unit::Hours => format!("{} h", plain(value, step)),
            Unit::Count { noun } => format!("{} {noun}", plain(value, step)),
            Unit::Percent => percent(value, step),
            Unit::Number => plain(value, step),
        }
    }

    /// Values that are read together (percentile markers, colour-bar ends) at one
    /// precision: three significant digits of the largest, so "$88" stands beside
    /// "$2.6k", never "$88.46".
    pub fn format_alike(&self, values: &[f64]) -> Vec<String> {
        let step = significant_step(values, 3);
        values.iter().map(|&v| self.format_value_at(v, step)).collect()
    }

    /// An amount as an account writes it, signed with a true minus ("−$4,533") and, with
    /// `plus`, a plus ("+$5,529"): dollars whole with thousands separators (cents below
    /// $10), other units as [`Unit::format_value`]. A value that rounds to zero has no sign.
    pub fn format_amount(&self, value: f64, plus: bool) -> String {
        if !value.is_finite() {
            return "n/a".to_string();
        }
        let magnitude = value.abs();
        let body = match self {
            Unit::Dollars if magnitude < 10.0 && magnitude.fract() >= 0.005 => format!("${magnitude:.2}"),
            Unit::Dollars => format!("${}", plain(magnitude.round(), Some(1.0))),
            unit => unit.format_value(magnitude),
        };
        let zero = !body.chars().any(|c| c.is_ascii_digit() && c != '0');
        match (value < 0.0, plus && value > 0.0) {
            _ if zero => body,
            (true, _) => format!("\u{2212}{body}"),
            (false, true) => format!("+{body}"),
            (false, false) => body,
        }
    }

    /// The unit in words, for axis names: "$", "customers", "hours", "$ per hour", "%".
    pub fn axis_suffix(&self) -> &str {
        match self {
            Unit::Dollars => "$",
            Unit::DollarsPerHour => "$ per hour",
            Unit::Hours => "hours",
            Unit::Count { noun } => noun,
            Unit::Percent => "%",
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
pub(crate) fn significant_step(values: &[f64], digits: i32) -> f64 {
    let largest = values.iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
    if largest > 0.0 { 10f64.powi(largest.log10().floor() as i32 - (digits - 1)) } else { 1.0 }
}

/// Tick positions covering `[min, max]` with about `target` ticks at a 1-2-5 step;
/// returns the ticks (first ≤ min, last ≥ max) and the step.
pub(crate) fn nice_ticks(min: f64, max: f64, target: usize) -> (Vec<f64>, f64) {
    let (min, max) = if max - min > f64::EPSILON * max.abs().max(1.0) { (min, max) } else { (min - 1.0, max + 1.0) };
    let raw = (max - min) / target.max(2) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw * 0.75).unwrap_or(10.0 * power);
    let first = (min / step + 1e-9).floor() as i64;
    let last = (max / step - 1e-9).ceil() as i64;
    let ticks = (first..=last).map(|k| k as f64 * step).collect();
    (ticks, step)
}

/// Month ticks for `first..=last`: every month when there are few, otherwise multiples
/// of 3, 6 or 12 plus the first month ("1, 3, 6, 9, …, 24").
pub(crate) fn month_ticks(first: u32, last: u32) -> Vec<u32> {
    let span = last.saturating_sub(first) + 1;
    let step = if span <= 12 { 1 } else { [3, 6, 12, 24, 60].into_iter().find(|s| span / s <= 9).unwrap_or(120) };
    if step == 1 {
        return (first..=last).collect();
    }
    let mut ticks = vec![first];
    let start = first.div_ceil(step).max(1) * step;
    ticks.extend((start..=last).step_by(step as usize).filter(|&m| m > first));
    if ticks.len() > 1 && ticks[1] - first < step / 2 {
        ticks.remove(1);
    }
    ticks
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

    #[test]
    fn nice_ticks_cover_the_range() {
        let (ticks, step) = nice_ticks(0.0, 1_870.0, 6);
        assert_eq!(step, 500.0);
        assert_eq!(ticks, [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        let (ticks, _) = nice_ticks(5.0, 5.0, 5);
        assert!(ticks.first().unwrap() <= &5.0 && ticks.last().unwrap() >= &5.0 && ticks.len() > 1);
    }

    #[test]
    fn month_ticks_read_as_months() {
        assert_eq!(month_ticks(1, 24), [1, 3, 6, 9, 12, 15, 18, 21, 24]);
        assert_eq!(month_ticks(1, 12), (1..=12).collect::<Vec<_>>());
        assert_eq!(month_ticks(7, 24), [7, 9, 12, 15, 18, 21, 24]);
        assert_eq!(month_ticks(1, 36), [1, 6, 12, 18, 24, 30, 36]);
    }
}
