//! Reading a scenario: the file, `--set KEY=VALUE` overrides applied to its TOML
//! ([`super::overrides`]), serde into the raw mirror, then validation. Every failure becomes
//! a [`ScenarioError`] that names the file, the key and the line.

use std::path::{Path, PathBuf};

use super::error::{Problem, ScenarioError};
use super::model::Scenario;
use super::overrides::Override;
use super::overrides::apply_overrides;
use super::raw::RawScenario;
use super::validate::validate;
use crate::text::did_you_mean;

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
    let context = Context {
        folder: path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
        pinned: overrides.iter().map(Override::dotted_key).collect(),
    };
    parse_in(&text, &origin, &context)
}

/// Where a scenario's text comes from, for what it refers to.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The folder files named in the scenario (`parameter_sets`) are relative to.
    pub folder: PathBuf,
    /// Keys the command line set (`--set`, `--vary`): they win over parameter-set columns.
    pub pinned: Vec<String>,
}

/// Parses and validates scenario text; `origin` names it in messages, files it names are
/// relative to the current folder.
///
/// # Errors
/// [`ScenarioError::Invalid`] with every problem found.
pub fn parse(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    parse_in(text, origin, &Context::default())
}

/// [`parse`] with the scenario's own folder and the command line's keys.
///
/// # Errors
/// [`ScenarioError::Invalid`] with every problem found.
pub fn parse_in(text: &str, origin: &str, context: &Context) -> Result<Scenario, ScenarioError> {
    let invalid = |problems| ScenarioError::Invalid { origin: origin.to_string(), text: text.to_string(), problems };
    let raw: RawScenario = deserialize(text).map_err(|p| invalid(vec![p]))?;
    let sets = raw.parameter_sets.as_ref().map(|name| {
        let path = context.folder.join(name.get_ref());
        SetsInput {
            name: name.clone(),
            text: std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display())),
        }
    });
    validate(raw, sets, &context.pinned).map_err(invalid)
}

/// A parameter-sets file as the scenario names it, and its text (or why it cannot be read).
#[derive(Debug, Clone)]
pub struct SetsInput {
    pub name: toml::Spanned<String>,
    pub text: Result<String, String>,
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
