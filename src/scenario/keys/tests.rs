//! The key table covers every number: every numeric path of the scenario format's JSON
//! Schema (generated from the types the loader reads, so a new field appears there) and
//! every number of the shipped scenarios has an entry, and each shipped value is one its
//! entry admits.

use std::path::Path;

use super::*;
use crate::scenario::load;
use crate::scenario::write::schema::scenario_schema;

/// Every path of the schema whose value may be a number (directly, or as one of the
/// forms a number may take), with `*` for names and list entries.
fn numeric_paths(schema: &serde_json::Value) -> Vec<String> {
    let defs = schema.get("$defs").or_else(|| schema.get("definitions")).cloned().unwrap_or_default();
    let mut out = Vec::new();
    walk(schema, &defs, &mut Vec::new(), &mut out, 0);
    out.sort();
    out.dedup();
    out
}

fn walk(
    node: &serde_json::Value,
    defs: &serde_json::Value,
    path: &mut Vec<String>,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 24 {
        return;
    }
    if let Some(name) = node.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.rsplit('/').next()) {
        if let Some(def) = defs.get(name) {
            if def.get("properties").is_some() || def.get("additionalProperties").is_some_and(|a| a.is_object()) {
                walk(def, defs, path, out, depth + 1);
            } else if mentions_number(def, defs, 0) {
                out.push(path.join("."));
            }
        }
        return;
    }
    for combinator in ["anyOf", "oneOf", "allOf"] {
        if let Some(options) = node.get(combinator).and_then(|o| o.as_array()) {
            for option in options {
                walk(option, defs, path, out, depth + 1);
            }
            return;
        }
    }
    if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
        for (name, value) in properties {
            path.push(name.clone());
            walk(value, defs, path, out, depth + 1);
            path.pop();
        }
    }
    if let Some(values) = node.get("additionalProperties").filter(|a| a.is_object()) {
        path.push("*".into());
        walk(values, defs, path, out, depth + 1);
        path.pop();
    }
    if let Some(items) = node.get("items") {
        path.push("*".into());
        walk(items, defs, path, out, depth + 1);
        path.pop();
    }
    let types = node.get("type").map(|t| t.to_string()).unwrap_or_default();
    if types.contains("number") || types.contains("integer") {
        out.push(path.join("."));
    }
}

/// Whether a definition (a value form such as a number-or-distribution) may be a number.
fn mentions_number(node: &serde_json::Value, defs: &serde_json::Value, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    if let Some(name) = node.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.rsplit('/').next()) {
        return defs.get(name).is_some_and(|d| mentions_number(d, defs, depth + 1));
    }
    let types = node.get("type").map(|t| t.to_string()).unwrap_or_default();
    types.contains("number")
        || types.contains("integer")
        || ["anyOf", "oneOf"].iter().any(|c| {
            node.get(*c)
                .and_then(|o| o.as_array())
                .is_some_and(|o| o.iter().any(|x| mentions_number(x, defs, depth + 1)))
        })
}

#[test]
fn every_numeric_key_of_the_format_has_an_entry() {
    let schema: serde_json::Value = serde_json::from_str(&scenario_schema()).unwrap();
    let paths = numeric_paths(&schema);
    assert!(paths.len() > 60, "the walk found too few numeric keys ({}): is it broken?", paths.len());
    // Values that are numbers inside a form rather than keys of their own.
    let inside_forms = ["correlations.*.between"];
    let missing: Vec<&String> =
        paths.iter().filter(|p| key(p).is_none() && !inside_forms.iter().any(|f| p.starts_with(f))).collect();
    assert!(missing.is_empty(), "numeric keys with no entry in the key table: {missing:#?}");
}

#[test]
fn every_number_of_the_shipped_scenarios_has_an_entry_that_admits_it() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let scenario = load(&path, &[]).unwrap();
        for number in scenario.numbers() {
            let Some(facts) = key(&number.key) else {
                panic!("{}: `{}` has no key-table entry", path.display(), number.key)
            };
            let value = number.value.central();
            assert!(facts.admits(value), "{}: {} = {value} is not {}", path.display(), number.key, facts.rule());
            checked += 1;
        }
    }
    assert!(checked > 200, "too few numbers checked ({checked})");
}

#[test]
fn keys_match_whatever_the_names() {
    assert_eq!(key("reseller.tiers.growth.markup").map(|k| k.pattern), Some("reseller.tiers.*.markup"));
    assert_eq!(key("affiliate.programmes.pro.signups").map(|k| k.pattern), Some("affiliate.signups"));
    assert_eq!(key("affiliate.programmes.b.plans.pro.price").map(|k| k.pattern), Some("affiliate.plans.*.price"));
    assert_eq!(key("start.customers.starter").map(|k| k.pattern), Some("reseller.initial_customers.*"));
    assert_eq!(key("start.month").map(|k| k.pattern), Some("start_month"));
    assert_eq!(key("costs.one_off[0].month").map(|k| k.pattern), Some("costs.one_off.*.month"));
    assert_eq!(key("costs.one_off.2.amount").map(|k| k.pattern), Some("costs.one_off.*.amount"));
    assert_eq!(key("reseller.tiers.a.b[2J.markup").map(|k| k.pattern), Some("reseller.tiers.*.markup"), "any name");
    assert_eq!(key("affiliate.programmes.x.y.plans.p.q.price").map(|k| k.pattern), Some("affiliate.plans.*.price"));
    assert_eq!(canonical("costs.one_off[12].amount"), "costs.one_off.12.amount");
    assert_eq!(canonical("reseller.tiers.a[b].markup"), "reseller.tiers.a[b].markup", "a name's bracket stays");
    assert_eq!(key("reseller.tiers.growth"), None, "a table is not a number");
    assert_eq!(key("reseller.churnn"), None);
}

#[test]
fn facts_say_what_a_key_takes() {
    let churn = key("reseller.churn").unwrap();
    assert_eq!(churn.unit, Unit::Percent);
    assert!(churn.is_per_trajectory() && !churn.is_whole());
    assert!(churn.admits(0.1) && !churn.admits(1.5));
    let delay = key("affiliate.payout_delay_months").unwrap();
    assert!(delay.is_whole() && delay.admits(3.0) && !delay.admits(2.5) && !delay.admits(25.0));
    assert_eq!(delay.rule(), "a whole number from 0 to 24");
    let growth = key("reseller.arrivals_growth").unwrap();
    assert!(!growth.admits(-1.0) && growth.admits(1.0), "growth is above -100%");
    assert!(!key("affiliate.content.signups_per_piece").unwrap().is_per_trajectory(), "drawn per piece");
}
