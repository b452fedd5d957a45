//! `--set KEY=VALUE` overrides: parsed from what the user typed, then applied to the
//! scenario's TOML in place (keeping its layout and so its line numbers wherever the
//! override does not add lines), before the scenario is parsed and validated.

use super::error::{Problem, ScenarioError};

/// One `--set` override: a dotted key and a TOML value (a bare word is taken as text).
#[derive(Debug, Clone)]
pub struct Override {
    pub key: Vec<String>,
    pub value: toml_edit::Value,
    /// What the user typed, for messages.
    pub spec: String,
}

impl std::str::FromStr for Override {
    type Err = ScenarioError;

    /// Parses `reseller.churn=0.05` or `reseller.churn={ beta = [2, 18] }`.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| ScenarioError::Override { spec: spec.to_string(), reason: reason.to_string() };
        let (key, value) = spec.split_once('=').ok_or_else(|| bad("expected KEY=VALUE, e.g. reseller.churn=0.05"))?;
        let key: Vec<String> = key.trim().split('.').map(|s| s.trim().to_string()).collect();
        if key.iter().any(String::is_empty) {
            return Err(bad("the key has an empty part; use a dotted path like reseller.tiers.growth.markup"));
        }
        let value = value.trim();
        if value.is_empty() {
            return Err(bad("the value is empty"));
        }
        let value = value.parse::<toml_edit::Value>().unwrap_or_else(|_| toml_edit::Value::from(value));
        Ok(Self { key, value, spec: spec.to_string() })
    }
}

impl Override {
    /// An override from a key and a number (used for `--seed`, `--months`, ...).
    pub fn number(key: &str, value: i64) -> Self {
        Self {
            key: key.split('.').map(str::to_string).collect(),
            value: toml_edit::Value::from(value),
            spec: format!("{key}={value}"),
        }
    }

    /// The dotted key as typed.
    pub fn dotted_key(&self) -> String {
        self.key.join(".")
    }
}

/// Applies `--set` overrides to the TOML text, keeping its layout (and so its line numbers
/// wherever the override does not add lines).
pub(super) fn apply_overrides(text: &str, origin: &str, overrides: &[Override]) -> Result<String, ScenarioError> {
    if overrides.is_empty() {
        return Ok(text.to_string());
    }
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| ScenarioError::Invalid {
        origin: origin.to_string(),
        text: text.to_string(),
        problems: vec![Problem::new("(syntax)", e.span(), e.message().to_string())],
    })?;
    for o in overrides {
        set(doc.as_item_mut(), &o.key, o.value.clone())
            .map_err(|reason| ScenarioError::Override { spec: o.spec.clone(), reason })?;
    }
    Ok(doc.to_string())
}

fn set(item: &mut toml_edit::Item, key: &[String], value: toml_edit::Value) -> Result<(), String> {
    let Some((last, parents)) = key.split_last() else {
        return Err("empty key".into());
    };
    let mut current = item;
    for (depth, part) in parents.iter().enumerate() {
        let table = current
            .as_table_like_mut()
            .ok_or_else(|| format!("`{}` is not a table, so it has no key `{part}`", key[..depth].join(".")))?;
        if table.get(part).is_none() {
            table.insert(part, toml_edit::Item::Table(toml_edit::Table::new()));
        }
        current = table.get_mut(part).ok_or_else(|| format!("cannot create `{part}`"))?;
    }
    let table = current
        .as_table_like_mut()
        .ok_or_else(|| format!("`{}` is not a table, so it has no key `{last}`", parents.join(".")))?;
    table.insert(last, toml_edit::Item::Value(value));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_parses_numbers_tables_and_words() {
        let o: Override = "reseller.churn=0.05".parse().unwrap();
        assert_eq!(o.key, ["reseller", "churn"]);
        assert_eq!(o.value.as_float(), Some(0.05));
        let o: Override = "reseller.churn = { beta = [2, 18] }".parse().unwrap();
        assert!(o.value.as_inline_table().is_some());
        let o: Override = "reseller.tiers.starter.upgrade.to=growth".parse().unwrap();
        assert_eq!(o.value.as_str(), Some("growth"));
        for bad in ["reseller.churn", "=0.1", "reseller..churn=0.1", "reseller.churn="] {
            assert!(bad.parse::<Override>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn overrides_edit_in_place_and_create_tables() {
        let text = "name = \"x\"\n[reseller]\nchurn = 0.1 # monthly\n";
        let out = apply_overrides(
            text,
            "x.toml",
            &["reseller.churn=0.05".parse().unwrap(), "reseller.kickback.first_order=0.15".parse().unwrap()],
        )
        .unwrap();
        assert!(out.contains("churn = 0.05"), "{out}");
        assert!(out.contains("first_order = 0.15"), "{out}");
        let err = apply_overrides(text, "x.toml", &["name.x=1".parse().unwrap()]).unwrap_err();
        assert!(err.to_string().contains("not a table"), "{err}");
    }
}
