//! A JSON Schema (draft 07) validator for the keywords the scenario schema uses, written for
//! the tests: the committed schema is checked against the shipped scenarios by code that
//! shares nothing with schemars (which writes the schema) or with the loader (which reads
//! scenarios). It knows `type`, `properties`, `required`, `additionalProperties`, `items`,
//! `minItems`, `maxItems`, `minimum`, `maximum`, `enum`, `const`, `allOf`, `anyOf`, `oneOf`
//! and `$ref` into `definitions`; annotations (`description`, `title`, `format`, `default`,
//! `examples`) are not assertions in draft 07. A schema with any other keyword is refused,
//! so the schema cannot come to rely on a rule this code would silently skip.

use serde_json::{Map, Value};

/// A draft-07 schema and the errors of an instance against it.
pub struct Schema {
    root: Value,
}

impl Schema {
    /// The schema; panics unless it declares draft 07.
    pub fn new(root: Value) -> Self {
        let draft = root.get("$schema").and_then(Value::as_str).unwrap_or_default();
        assert!(draft.contains("draft-07"), "not a draft-07 schema: {draft:?}");
        Self { root }
    }

    /// Every violation, each with the JSON path where it is.
    pub fn errors(&self, instance: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.root, instance, "$", &mut errors);
        errors
    }

    pub fn is_valid(&self, instance: &Value) -> bool {
        self.errors(instance).is_empty()
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let map = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return errors.push(format!("{at}: nothing is allowed here")),
            Value::Object(map) => map,
            other => panic!("{at}: a schema must be an object or a boolean, not {other}"),
        };
        for (keyword, rule) in map {
            match keyword.as_str() {
                "$schema" | "$id" | "title" | "description" | "format" | "default" | "examples" | "definitions" => {}
                "$ref" => self.check(self.resolve(rule), value, at, errors),
                "type" => {
                    let types: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        other => panic!("{at}: type {other}"),
                    };
                    if !types.iter().any(|t| has_type(value, t)) {
                        errors.push(format!("{at}: {value} is not of type {}", types.join(" or ")));
                    }
                }
                "properties" => {
                    if let Value::Object(object) = value {
                        for (name, sub) in rule.as_object().expect("properties is an object") {
                            if let Some(v) = object.get(name) {
                                self.check(sub, v, &format!("{at}.{name}"), errors);
                            }
                        }
                    }
                }
                "required" => {
                    if let Value::Object(object) = value {
                        for name in rule.as_array().expect("required is a list").iter().filter_map(Value::as_str) {
                            if !object.contains_key(name) {
                                errors.push(format!("{at}: `{name}` is required"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Value::Object(object) = value {
                        let known = map.get("properties").and_then(Value::as_object);
                        for (name, v) in object.iter().filter(|(n, _)| !known.is_some_and(|k| k.contains_key(*n))) {
                            self.check(rule, v, &format!("{at}.{name}"), errors);
                        }
                    }
                }
                "items" => {
                    assert!(rule.is_object() || rule.is_boolean(), "{at}: tuple `items` is not supported");
                    if let Value::Array(items) = value {
                        for (i, item) in items.iter().enumerate() {
                            self.check(rule, item, &format!("{at}[{i}]"), errors);
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    if let Value::Array(items) = value {
                        let bound = rule.as_u64().expect("a whole number") as usize;
                        let ok = if keyword == "minItems" { items.len() >= bound } else { items.len() <= bound };
                        if !ok {
                            errors.push(format!("{at}: {} items, {keyword} {bound}", items.len()));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(v), Some(bound)) = (value.as_f64(), rule.as_f64())
                        && ((keyword == "minimum" && v < bound) || (keyword == "maximum" && v > bound))
                    {
                        errors.push(format!("{at}: {v} is beyond the {keyword} {bound}"));
                    }
                }
                "enum" => {
                    if !rule.as_array().expect("enum is a list").contains(value) {
                        errors.push(format!("{at}: {value} is not one of {rule}"));
                    }
                }
                "const" => {
                    if rule != value {
                        errors.push(format!("{at}: {value} is not {rule}"));
                    }
                }
                "allOf" => {
                    for sub in rule.as_array().expect("allOf is a list") {
                        self.check(sub, value, at, errors);
                    }
                }
                "anyOf" | "oneOf" => {
                    let subs = rule.as_array().expect("a list of schemas");
                    let passing = subs.iter().filter(|s| self.passes(s, value, at)).count();
                    let ok = if keyword == "anyOf" { passing >= 1 } else { passing == 1 };
                    if !ok {
                        errors.push(format!("{at}: {value} matches {passing} of the {keyword} schemas"));
                    }
                }
                other => panic!("{at}: the schema uses `{other}`, which this validator does not know; extend it"),
            }
        }
    }

    fn passes(&self, schema: &Value, value: &Value, at: &str) -> bool {
        let mut errors = Vec::new();
        self.check(schema, value, at, &mut errors);
        errors.is_empty()
    }

    /// The schema a `$ref` names (`#/definitions/NAME`).
    fn resolve(&self, reference: &Value) -> &Value {
        let text = reference.as_str().expect("$ref is a string");
        let name = text.strip_prefix("#/definitions/").unwrap_or_else(|| panic!("unsupported $ref {text}"));
        self.root
            .get("definitions")
            .and_then(Value::as_object)
            .and_then(|d: &Map<String, Value>| d.get(name))
            .unwrap_or_else(|| panic!("$ref {text} names no definition"))
    }
}

/// Draft 07's types; an integer is any number without a fractional part (`2.0` too).
fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|v| v.fract() == 0.0),
        other => panic!("unknown type {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_validator_knows_its_keywords() {
        let schema = Schema::new(json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "required": ["a"],
            "additionalProperties": false,
            "properties": {
                "a": { "$ref": "#/definitions/rate" },
                "b": { "type": "array", "items": { "type": "integer" }, "minItems": 1, "maxItems": 2 },
                "c": { "anyOf": [{ "type": "string" }, { "type": "null" }] }
            },
            "definitions": { "rate": { "type": "number", "minimum": 0, "maximum": 1 } }
        }));
        assert!(schema.is_valid(&json!({ "a": 0.5, "b": [1, 2.0], "c": null })));
        for bad in [
            json!({ "b": [1] }),
            json!({ "a": 2 }),
            json!({ "a": "x" }),
            json!({ "a": 0.5, "z": 1 }),
            json!({ "a": 0.5, "b": [] }),
            json!({ "a": 0.5, "b": [1.5] }),
            json!({ "a": 0.5, "c": 3 }),
        ] {
            assert!(!schema.is_valid(&bad), "accepted {bad}");
        }
    }
}
