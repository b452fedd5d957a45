//! The scenario `calibrate` writes: the text of a scenario file, kept as the user wrote it
//! (comments included), renamed and drawing its parameters jointly from the posterior's
//! parameter sets.

/// `text` with `parameter_sets = "SETS"` at the top level and `name` followed by
/// "(calibrated)".
///
/// # Errors
/// The TOML parser's message when `text` is not TOML (it was validated before, so this
/// does not happen for a scenario that loaded).
pub fn with_parameter_sets(text: &str, name: &str, sets: &str) -> Result<String, String> {
    let mut doc = text.parse::<toml_edit::DocumentMut>().map_err(|e| e.to_string())?;
    doc["name"] = toml_edit::value(format!("{name} (calibrated)"));
    doc["parameter_sets"] = toml_edit::value(sets);
    if let Some(mut key) = doc.key_mut("parameter_sets") {
        key.leaf_decor_mut().set_prefix(
            "\n# Calibrated by `sidecast calibrate`: every uncertain parameter is drawn jointly, one row\n\
             # per trajectory, from the posterior's sets in this file (docs/model.md §12-13).\n",
        );
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_keeps_its_comments_and_gains_the_sets() {
        let text =
            "#:schema ../docs/scenario.schema.json\n# mine\nname = \"Shop\"\n\n[reseller]\narrivals = 2 # a month\n";
        let out = with_parameter_sets(text, "Shop", "posterior.csv").unwrap();
        assert!(out.starts_with("#:schema ../docs/scenario.schema.json\n# mine\n"), "{out}");
        assert!(out.contains("name = \"Shop (calibrated)\""), "{out}");
        assert!(out.contains("arrivals = 2 # a month"), "{out}");
        let sets = out.find("parameter_sets = \"posterior.csv\"").unwrap();
        assert!(sets < out.find("[reseller]").unwrap(), "{out}");
    }
}
