//! The JSON Schema of the scenario format, generated from the same raw types the loader
//! deserialises ([`crate::scenario::read::raw`], with `schemars` derives), so it cannot
//! drift from what `sidecast run` accepts. Editors read it through a `#:schema` directive
//! on a scenario's first line (Even Better TOML, taplo) to complete and check keys;
//! `sidecast schema` writes it and `docs/scenario.schema.json` is its committed copy (a
//! test keeps the two equal).
//!
//! The schema describes structure and types (which keys exist, which are required, numbers
//! or distribution tables); ranges and cross-references (a rate between 0 and 1, an upgrade
//! to a defined tier) stay with the validator, whose messages explain them.

use schemars::generate::SchemaSettings;

use crate::scenario::read::raw::RawScenario;

/// The scenario format's JSON Schema (draft-07, which editors' TOML tooling supports), as
/// pretty-printed JSON text ending in a newline.
pub fn scenario_schema() -> String {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<RawScenario>();
    schema.insert("title".into(), "sidecast scenario".into());
    schema.insert(
        "description".into(),
        "A sidecast scenario file (TOML): a [reseller] stream, an [affiliate] stream or both, with [effort], \
         [costs], [start] and [[targets]]. Money is in dollars a month, rates are fractions (0.10 = 10%), hours \
         are per month. See README.md, \"Scenario files\"."
            .into(),
    );
    let mut value = schema.to_value();
    without_null(&mut value);
    // A JSON value with string keys always serialises.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// TOML has no null: an optional key is one that may be left out, never one that may be
/// null, so the `null` alternatives schemars gives `Option` fields are removed
/// (`"type": ["integer", "null"]` → `"integer"`, `anyOf [X, null]` → X, or `allOf [X]`
/// for a reference, whose description draft-07 would otherwise ignore).
fn without_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("anyOf") {
                options.retain(|o| {
                    o.get("type").is_none_or(|t| t != "null") || o.as_object().is_some_and(|m| m.len() > 1)
                });
                if options.len() == 1 {
                    let only = options.remove(0);
                    map.remove("anyOf");
                    if only.get("$ref").is_some() {
                        // draft-07 ignores a `$ref`'s siblings: keep the description beside an allOf.
                        map.insert("allOf".into(), Value::Array(vec![only]));
                    } else if let Value::Object(inner) = only {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            map.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}
