//! Reading a scenario: the file, `--set KEY=VALUE` overrides applied to its TOML, serde
//! into the raw mirror, then validation. Every failure becomes a [`ScenarioError`] that
//! names the file, the key and the line.

use std::path::Path;

use super::error::{Problem, ScenarioError};
use super::model::Scenario;
use super::raw::RawScenario;
use super::validate::{did_you_mean, validate};

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

/// Reads, overrides, parses and validates a scenario file.
///
/// # Errors
/// [`ScenarioError::Read`] when the file cannot be read, [`ScenarioError::Override`] for a
/// `--set` that cannot be applied, [`ScenarioError::Invalid`] with every problem found.
pub fn load(path: &Path, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ScenarioError::Read { path: path.to_path_buf(), source })?;
    let origin =
        if overrides.is_empty() { path.display().to_string() } else { format!("{} (with --set)", path.display()) };
    let text = apply_overrides(&text, &origin, overrides)?;
    parse(&text, &origin)
}

/// Parses and validates scenario text; `origin` names it in messages.
///
/// # Errors
/// [`ScenarioError::Invalid`] with every problem found.
pub fn parse(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    let invalid = |problems| ScenarioError::Invalid { origin: origin.to_string(), text: text.to_string(), problems };
    let raw: RawScenario = deserialize(text).map_err(|p| invalid(vec![p]))?;
    validate(raw).map_err(invalid)
}

fn deserialize(text: &str) -> Result<RawScenario, Problem> {
    let de =
        toml::Deserializer::parse(text).map_err(|e| Problem::new("(syntax)", e.span(), e.message().to_string()))?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let key = e.path().to_string();
        let inner = e.into_inner();
        serde_problem(key, inner.span(), inner.message())
    })
}

/// Rewords serde's messages: unknown keys get a "did you mean", types say what is allowed.
fn serde_problem(key: String, span: Option<std::ops::Range<usize>>, message: &str) -> Problem {
    let key = key.replace(".$__serde_spanned_private_value", "");
    let key = if key == "." { String::new() } else { key };
    let message = message
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected text in quotes");
    let message = message.as_str();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let full_key =
            if key.is_empty() { name.to_string() } else { key.trim_end_matches(&format!(".{name}")).to_string() };
        let full_key = if full_key.ends_with(name) { full_key } else { join(&full_key, name) };
        return Problem::new(
            full_key,
            span,
            format!("unknown key `{name}`{}", did_you_mean(name, known.iter().copied())),
        )
        .help(format!("allowed keys here: {}", known.join(", ")));
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        return Problem::new(join(&key, field), span, format!("required key `{field}` is missing"))
            .help("see the scenario reference in README.md");
    }
    Problem::new(if key.is_empty() { "(scenario)".into() } else { key }, span, message.trim().to_string())
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") }
}

/// Applies `--set` overrides to the TOML text, keeping its layout (and so its line numbers
/// wherever the override does not add lines).
fn apply_overrides(text: &str, origin: &str, overrides: &[Override]) -> Result<String, ScenarioError> {
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
