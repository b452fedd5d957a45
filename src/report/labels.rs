//! Scenario keys in plain words, for tables, legends and axes: "churn 10%", "arrivals
//! 1.5/month", "markup growth 25%", "churn 5.65% – 13.3%".

use crate::text::number::{short, significant};

/// How values of a key are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueUnit {
    /// Rates and growth: 0.1 → "10%".
    Percent,
    Dollars,
    /// Per month: 1.5 → "1.5/month".
    PerMonth,
    Hours,
    Number,
}

impl ValueUnit {
    /// The unit of a dotted key, judged by its last segment.
    pub fn of(key: &str) -> Self {
        let last = key.rsplit('.').next().unwrap_or(key);
        let section = key.split('.').nth(1).unwrap_or("");
        match last {
            "churn" | "markup" | "spend_growth" | "arrivals_growth" | "signups_growth" | "probability"
            | "first_order" | "recurring" | "premium" => Self::Percent,
            _ if section == "kickback" && last != "premium_volume" => Self::Percent,
            "minimum" | "price" | "payout_threshold" | "premium_volume" | "bounty" | "initial_balance" => Self::Dollars,
            "median" if key.contains(".spend.") => Self::Dollars,
            "tax_rate" => Self::Percent,
            "arrivals" | "signups" => Self::PerMonth,
            _ if last.ends_with("hours") => Self::Hours,
            _ => Self::Number,
        }
    }

    /// A value in this unit, for labels: "10%", "$200", "1.5/month", "2 h", "0.1".
    pub fn format(self, v: f64) -> String {
        match self {
            Self::Percent => format!("{}%", short(v * 100.0)),
            Self::Dollars => format!("${}", short(v)),
            Self::PerMonth => format!("{}/month", short(v)),
            Self::Hours => format!("{} h", short(v)),
            Self::Number => short(v),
        }
    }
}

/// A dotted key in plain words: the last segment with underscores as spaces, plus the tier
/// or plan it belongs to, and the programme for kickback and commission rates.
pub fn key_words(key: &str) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    let words = |s: &str| s.replace('_', " ");
    let Some((&last, parents)) = parts.split_last() else {
        return key.to_string();
    };
    let mut out = words(last);
    if last == "probability" && parents.last() == Some(&"upgrade") {
        out = "upgrade probability".to_string();
    }
    if last == "median" && parents.last() == Some(&"spend") {
        out = "median spend".to_string();
    }
    // reseller.tiers.growth.markup → "markup growth"; affiliate.plans.pro.upgrade.probability → "... pro"
    if let Some(i) = parents.iter().position(|p| *p == "tiers" || *p == "plans")
        && let Some(name) = parents.get(i + 1)
    {
        out = format!("{out} {}", words(name));
    }
    // initial_customers.starter → "initial customers starter"
    if let Some(parent @ ("initial_customers" | "initial_subscribers" | "arrival_mix" | "plan_mix")) =
        parents.last().copied()
    {
        out = format!("{} {out}", words(parent));
    }
    if let Some(section @ ("kickback" | "commission")) = parents.get(1).copied() {
        out = format!("{section} {out}");
    }
    out
}

/// The label of one value of a key: "churn 10%", or the TOML text for non-numbers.
pub fn label(key: &str, toml: &str, number: Option<f64>) -> String {
    let shown = number.map_or_else(|| toml.to_string(), |v| ValueUnit::of(key).format(v));
    format!("{} {shown}", key_words(key))
}

/// A key with a range of values, rounded to three significant digits for reading:
/// "churn 5.65% – 13.3%", "arrivals 0.774 – 1.61/month".
pub fn range_label(key: &str, low: f64, high: f64) -> String {
    let unit = ValueUnit::of(key);
    let (low, high) = (significant(low, 3), significant(high, 3));
    let shown = match unit {
        ValueUnit::PerMonth => format!("{} – {}/month", short(low), short(high)),
        _ => format!("{} – {}", unit.format(low), unit.format(high)),
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
        assert_eq!(label("reseller.churn", v("{ beta = [2, 18] }")), "churn { beta = [2, 18] }");
        assert_eq!(range_label("reseller.churn", 0.056_45, 0.132_86), "churn 5.65% – 13.3%");
        assert_eq!(range_label("reseller.arrivals", 0.7742, 1.6131), "arrivals 0.774 – 1.61/month");
        assert_eq!(range_label("affiliate.plans.pro.price", 15.0, 25.0), "price pro $15 – $25");
    }
}
