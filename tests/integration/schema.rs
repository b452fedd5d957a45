//! The scenario format's JSON Schema, generated from the types the loader reads: committed
//! as docs/scenario.schema.json (and printed by `sidecast schema`), named by every shipped
//! scenario's `#:schema` line and accepting them, accepting what `init` writes, and
//! rejecting unknown keys and wrong types, checked by a validator that shares nothing with
//! schemars or the loader ([`crate::common::json_schema`]).

use sidecast::scenario::write::schema::scenario_schema;

use crate::common::json_schema::Schema;
use crate::common::sidecast;

fn validator() -> Schema {
    let schema: serde_json::Value = serde_json::from_str(&scenario_schema()).unwrap();
    Schema::new(schema)
}

/// A scenario's TOML as the JSON the schema describes.
fn as_json(text: &str) -> serde_json::Value {
    let table: toml::Table = toml::from_str(text).unwrap();
    serde_json::to_value(table).unwrap()
}

fn shipped_scenarios() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("scenarios")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the shipped scenarios were not found");
    files
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string("docs/scenario.schema.json").unwrap_or_default();
    let generated = scenario_schema();
    if committed != generated {
        if std::env::var_os("SIDECAST_BLESS").is_some() {
            std::fs::write("docs/scenario.schema.json", &generated).unwrap();
        } else {
            panic!(
                "docs/scenario.schema.json differs from `sidecast schema`: the raw types changed. Regenerate it: \
                 cargo run -- schema -o docs/scenario.schema.json (or run this test with SIDECAST_BLESS=1)"
            );
        }
    }
    assert_eq!(sidecast().arg("schema").stdout(), generated);
}

#[test]
fn every_shipped_scenario_names_the_schema_and_passes_it() {
    let validator = validator();
    for path in shipped_scenarios() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("#:schema ../docs/scenario.schema.json"),
            "{}: the first line names the schema for editors",
            path.display()
        );
        let errors: Vec<String> = validator.errors(&as_json(&text));
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_accepts_what_init_writes() {
    let validator = validator();
    for streams in [&["--reseller"][..], &["--affiliate"][..], &["--reseller", "--affiliate", "--churn", "5%..15%"][..]]
    {
        let text = sidecast().arg("init").args(streams).args(["-o", "-"]).stdout();
        let errors: Vec<String> = validator.errors(&as_json(&text));
        assert!(errors.is_empty(), "{streams:?}: {errors:?}");
    }
}

#[test]
fn the_schema_rejects_unknown_keys_and_wrong_types() {
    let validator = validator();
    let base = "[reseller]\nchurn = 0.1\n[reseller.tiers.starter]\nmarkup = 0.15\nspend = 120\n";
    assert!(validator.is_valid(&as_json(base)), "the base scenario is valid");
    for bad in [
        base.replace("churn = 0.1", "chrun = 0.1"),                 // unknown key
        base.replace("churn = 0.1", "churn = \"ten percent\""),     // text for a number
        base.replace("churn = 0.1", "churn = { beta = [2] }"),      // a distribution with one number
        base.replace("churn = 0.1", "churn = { gamma = [2, 18] }"), // an unknown distribution
        base.replace("markup = 0.15\n", ""),                        // a required key missing
        format!("horizon_months = 2.5\n{base}"),                    // not a whole number
        format!("{base}[[targets]]\nmetric = \"net_profit\"\n"),    // a target without at_least
        base.replace("spend = 120", "spend = { median = 120 }"),    // spend needs ci90
    ] {
        assert!(!validator.is_valid(&as_json(&bad)), "accepted:\n{bad}");
    }
}
