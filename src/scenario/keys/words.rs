//! Scenario keys in plain words, for tables, legends and axes: "churn 10%", "arrivals
//! 1.5/month", "markup growth 25%", "churn 5.65% – 13.3%": the key table's words and unit,
//! with the tier, plan or programme the key belongs to.

use crate::text::Unit;
use crate::text::number::{short, significant};

/// The unit a key's values are shown in (a plain number for a key the table does not know).
pub fn unit_of(key: &str) -> Unit {
    super::key(key).map_or(Unit::Number, |k| k.unit)
}

/// A dotted key in plain words: the key table's words (the last segment with underscores
/// as spaces for a key it does not know), plus the tier, plan or programme it belongs to:
/// "markup growth", "upgrade probability starter", "signups b".
pub fn key_words(key: &str) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    let Some(last) = parts.last() else { return key.to_string() };
    let mut out = super::key(key).map_or_else(|| last.replace('_', " "), |k| k.words.to_string());
    // reseller.tiers.growth.markup → "markup growth"; initial_customers.starter → "... starter"
    let named = [
        "tiers",
        "plans",
        "initial_customers",
        "initial_subscribers",
        "initial_tenure_months",
        "arrival_mix",
        "plan_mix",
        "monthly",
    ];
    for (i, part) in parts.iter().enumerate() {
        if named.contains(part)
            && let Some(name) = parts.get(i + 1)
        {
            out = format!("{out} {}", name.replace('_', " "));
        }
    }
    if let ["affiliate", "programmes", programme, ..] = parts.as_slice() {
        out = format!("{out} ({})", programme.replace('_', " "));
    }
    out
}

/// The label of one value of a key: "churn 10%", or the TOML text for non-numbers.
pub fn label(key: &str, toml: &str, number: Option<f64>) -> String {
    let shown = number.map_or_else(|| toml.to_string(), |v| unit_of(key).exact(v));
    format!("{} {shown}", key_words(key))
}

/// A key with a range of values, rounded to three significant digits for reading:
/// "churn 5.65% – 13.3%", "arrivals 0.774 – 1.61/month".
pub fn range_label(key: &str, low: f64, high: f64) -> String {
    let unit = unit_of(key);
    let (low, high) = (significant(low, 3), significant(high, 3));
    let shown = match unit {
        Unit::PerMonth => format!("{} – {}/month", short(low), short(high)),
        _ => format!("{} – {}", unit.exact(low), unit.exact(high)),
    };
    format!("{} {shown}", key_words(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_plain_words() {
        let v = |toml: &str| (toml.to_string(), toml.parse::<f64>().ok());
        let label = |key: &str, (toml, number): (String, Option<f64>)| label(key, &toml, number);
        assert_eq!(label("reseller.churn", v("0.1")), "churn 10%");
        assert_eq!(label("reseller.churn", v("0.125")), "churn 12.5%");
        assert_eq!(label("reseller.arrivals", v("1.5")), "arrivals 1.5/month");
        assert_eq!(label("reseller.tiers.growth.markup", v("0.25")), "markup growth 25%");
        assert_eq!(label("reseller.tiers.starter.minimum", v("50")), "minimum starter $50");
        assert_eq!(label("reseller.tiers.starter.upgrade.probability", v("0.35")), "upgrade probability starter 35%");
        assert_eq!(label("reseller.kickback.first_order", v("0.15")), "kickback first order 15%");
        assert_eq!(label("affiliate.commission.recurring", v("0")), "commission recurring 0%");
        assert_eq!(label("affiliate.plans.pro.price", v("19.99")), "price pro $19.99");
        assert_eq!(label("affiliate.signups", v("20")), "signups 20/month");
        assert_eq!(label("reseller.spend_growth", v("0.02")), "spend growth 2%");
        assert_eq!(label("effort.content_hours", v("2")), "content hours 2 h");
        assert_eq!(label("reseller.initial_customers.starter", v("8")), "initial customers starter 8");
        assert_eq!(label("reseller.initial_tenure_months.growth", v("4")), "tenure growth 4 months");
        assert_eq!(label("reseller.churn", v("{ beta = [2, 18] }")), "churn { beta = [2, 18] }");
        assert_eq!(range_label("reseller.churn", 0.056_45, 0.132_86), "churn 5.65% – 13.3%");
        assert_eq!(range_label("reseller.arrivals", 0.7742, 1.6131), "arrivals 0.774 – 1.61/month");
        assert_eq!(range_label("affiliate.plans.pro.price", 15.0, 25.0), "price pro $15 – $25");
    }
}
