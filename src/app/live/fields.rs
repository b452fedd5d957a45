//! The numbers of a scenario a page offers to change ([`Field`]): every number in the
//! file whose key is known, with its unit, whether it is whole, the range a slider covers,
//! its words and its group (the file's table), in the file's order. An uncertain value
//! written as `{ median = m, ci90 = [low, high] }` is offered as its median, within its
//! interval. The run's shape (`seed`, `trajectories`, `horizon_months`, `start_month`) is
//! not offered: the page pairs every change with the file's own run, which needs them.
//!
//! Interim: the facts about keys come from a short hand-made list here until the one key
//! table (`scenario::keys`) lands; then this file reads them from it.

use serde::Serialize;
use toml_edit::{DocumentMut, Item, Table, Value};

use crate::report::labels::{ValueUnit, key_words};

/// Keys every run of a page shares with the file's own run (so differences pair).
pub const RUN_SHAPE: [&str; 4] = ["seed", "trajectories", "horizon_months", "start_month"];

/// One number a page can change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The dotted key, as `--set` takes it.
    pub key: String,
    /// The table it sits in, as the file writes it (`reseller.tiers.starter`; empty for
    /// the top level).
    pub group: String,
    /// The key in words ("churn", "markup starter").
    pub label: String,
    /// `percent`, `dollars`, `per_month`, `hours`, `count` or `months`.
    pub unit: &'static str,
    /// Whether only whole numbers are allowed.
    pub whole: bool,
    /// The file's value.
    pub value: f64,
    /// The range a slider covers and its step (a typed value may go beyond the range as
    /// far as the scenario allows).
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// What else the file says about it ("its 90% interval: $60 – $300").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every number of the scenario text a page can change, in the file's order.
pub fn fields(text: &str) -> Vec<Field> {
    let Ok(doc) = text.parse::<DocumentMut>() else { return Vec::new() };
    let mut out = Vec::new();
    walk_table(doc.as_table(), &mut Vec::new(), "", &mut out);
    out
}

/// The number at a dotted key of the scenario text, through tables and inline tables.
pub fn number_at(text: &str, key: &str) -> Option<f64> {
    let doc = text.parse::<DocumentMut>().ok()?;
    let mut item: &Item = doc.as_item();
    for part in key.split('.') {
        item = item.as_table_like()?.get(part)?;
    }
    item.as_float().or_else(|| item.as_integer().map(|i| i as f64))
}

fn walk_table(table: &Table, path: &mut Vec<String>, group: &str, out: &mut Vec<Field>) {
    for (name, item) in table.iter() {
        path.push(name.to_string());
        match item {
            Item::Table(t) => {
                let own = if t.is_dotted() { group.to_string() } else { path.join(".") };
                walk_table(t, path, &own, out);
            }
            Item::Value(v) => walk_value(v, path, group, out),
            Item::None | Item::ArrayOfTables(_) => {}
        }
        path.pop();
    }
}

fn walk_value(value: &Value, path: &mut Vec<String>, group: &str, out: &mut Vec<Field>) {
    match value {
        Value::InlineTable(t) => {
            let interval = t.get("ci90").and_then(Value::as_array).and_then(|a| {
                let ends: Vec<f64> = a.iter().filter_map(number).collect();
                (ends.len() == 2 && ends[0] < ends[1]).then(|| (ends[0], ends[1]))
            });
            for (name, v) in t.iter() {
                path.push(name.to_string());
                match (name, interval, number(v)) {
                    ("median", Some(interval), Some(median)) => out.extend(field(path, group, median, Some(interval))),
                    _ => walk_value(v, path, group, out),
                }
                path.pop();
            }
        }
        v => {
            if let Some(n) = number(v) {
                out.extend(field(path, group, n, None));
            }
        }
    }
}

fn number(value: &Value) -> Option<f64> {
    value.as_float().or_else(|| value.as_integer().map(|i| i as f64)).filter(|v| v.is_finite())
}

/// The field of a number at `path`, if its key is known (and not the run's shape).
fn field(path: &[String], group: &str, value: f64, interval: Option<(f64, f64)>) -> Option<Field> {
    let key = path.join(".");
    if RUN_SHAPE.contains(&key.as_str()) || key.starts_with("start.") && path.len() == 2 && path[1] == "month" {
        return None;
    }
    let whole = is_whole(path);
    let unit = if whole { if key.contains("months") { "months" } else { "count" } } else { unit_of(&key)? };
    let (min, max) = match (interval, unit) {
        (Some((low, high)), _) => (low, high),
        (None, "percent") => (if value < 0.0 { value * 2.0 } else { 0.0 }, if value > 1.0 { value } else { 1.0 }),
        (None, _) => (0.0_f64.min(value), upper(value, unit)),
    };
    let step = if whole { 1.0 } else { step_for(max - min, unit) };
    let note = interval.map(|(low, high)| {
        let unit = ValueUnit::of(&key);
        format!("uncertain: its 90% interval is {} – {}", unit.format(low), unit.format(high))
    });
    Some(Field { label: key_words(&key), key, group: group.to_string(), unit, whole, value, min, max, step, note })
}

/// Counts of customers or subscribers and numbers of months take whole numbers.
fn is_whole(path: &[String]) -> bool {
    let parent = path.len().checked_sub(2).and_then(|i| path.get(i)).map(String::as_str);
    let last = path.last().map_or("", String::as_str);
    matches!(parent, Some("initial_customers" | "initial_subscribers" | "initial_tenure_months"))
        || last.ends_with("_months")
}

/// The unit of a key the list knows; `None` for one it does not.
fn unit_of(key: &str) -> Option<&'static str> {
    let last = key.rsplit('.').next().unwrap_or(key);
    let parent = key.rsplit('.').nth(1).unwrap_or("");
    if parent == "arrival_mix" || parent == "plan_mix" || key.ends_with("payment_fee.percent") {
        return Some("percent");
    }
    if parent == "monthly" || key.ends_with("payment_fee.fixed") || key.ends_with("one_off") {
        return Some("dollars");
    }
    match ValueUnit::of(key) {
        ValueUnit::Percent => Some("percent"),
        ValueUnit::Dollars => Some("dollars"),
        ValueUnit::PerMonth => Some("per_month"),
        ValueUnit::Hours => Some("hours"),
        ValueUnit::Number if last == "spend_volatility" || last == "sigma" => Some("number"),
        ValueUnit::Number => None,
    }
}

/// A slider's top: a few times the file's value, at least a round amount of its unit.
fn upper(value: f64, unit: &str) -> f64 {
    let floor = match unit {
        "dollars" => 100.0,
        "per_month" => 5.0,
        "hours" => 2.0,
        "months" => 24.0,
        "count" => 20.0,
        _ => 1.0,
    };
    nice(value.abs() * 4.0).max(floor)
}

/// About 200 steps across the range, at a round size.
fn step_for(span: f64, unit: &str) -> f64 {
    if unit == "percent" {
        return if span <= 0.2 { 0.001 } else { 0.01 };
    }
    let raw = (span / 200.0).max(1e-6);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(power * 10.0)
}

/// The round number at or above `v` (1, 2, 2.5, 5 times a power of ten).
fn nice(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= v).unwrap_or(power * 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reseller() -> Vec<Field> {
        fields(&std::fs::read_to_string("scenarios/reseller.toml").unwrap())
    }

    fn find<'a>(fields: &'a [Field], key: &str) -> &'a Field {
        fields.iter().find(|f| f.key == key).unwrap_or_else(|| panic!("no field {key}"))
    }

    #[test]
    fn every_number_of_the_reseller_is_offered_in_its_group() {
        let fields = reseller();
        let churn = find(&fields, "reseller.churn");
        assert_eq!(
            (churn.group.as_str(), churn.unit, churn.value, churn.min, churn.max),
            ("reseller", "percent", 0.1, 0.0, 1.0)
        );
        assert_eq!(churn.label, "churn");
        let starters = find(&fields, "reseller.initial_customers.starter");
        assert!(starters.whole && starters.step == 1.0 && starters.value == 8.0, "{starters:?}");
        let spend = find(&fields, "reseller.tiers.starter.spend.median");
        assert_eq!((spend.group.as_str(), spend.unit, spend.value), ("reseller.tiers.starter", "dollars", 120.0));
        assert_eq!((spend.min, spend.max), (60.0, 300.0), "an uncertain value moves within its interval");
        assert!(spend.note.as_deref().is_some_and(|n| n.contains("$60 – $300")), "{spend:?}");
        assert_eq!(find(&fields, "costs.payment_fee.percent").unit, "percent");
        assert_eq!(find(&fields, "costs.monthly.hosting").unit, "dollars");
        assert!(find(&fields, "reseller.tiers.growth.upgrade.within_months").whole);
        for shape in RUN_SHAPE {
            assert!(fields.iter().all(|f| f.key != shape), "{shape} is offered");
        }
        assert!(fields.iter().all(|f| f.key != "targets"), "targets are not numbers to change");
        assert!(fields.iter().all(|f| f.min <= f.value && f.value <= f.max && f.step > 0.0), "{fields:?}");
    }

    #[test]
    fn numbers_are_found_through_inline_tables() {
        let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
        assert_eq!(number_at(&text, "reseller.churn"), Some(0.1));
        assert_eq!(number_at(&text, "reseller.tiers.growth.spend.median"), Some(400.0));
        assert_eq!(number_at(&text, "reseller.initial_customers.growth"), Some(3.0));
        assert_eq!(number_at(&text, "reseller.nothing"), None);
    }
}
