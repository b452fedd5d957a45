//! Reading a scenario: the file (at most [`MAX_SCENARIO_BYTES`], UTF-8), parsed into a TOML
//! tree, command-line overrides applied to the tree ([`super::overrides`]), every key
//! problem collected ([`super::decode`]), then validation. Every failure becomes a
//! [`ScenarioError`] that names the file, the key and the line, or the flag that gave the
//! value.

use std::io::Read;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use super::decode::decode;
use super::overrides::{Applied, Override, apply, values_text};
use super::validate::{SetsInput, validate};
use crate::scenario::error::{Problem, ScenarioError};
use crate::scenario::model::Scenario;
use crate::text::number::{compact_numbers, typed_number_hint};

/// Largest scenario file read: 10 MB, a thousand times the largest real scenario.
pub const MAX_SCENARIO_BYTES: u64 = 10 * 1024 * 1024;

/// Reads, overrides, parses and validates a scenario file.
///
/// # Errors
/// [`ScenarioError::Read`] when the file cannot be read (or is too large, or not text),
/// [`ScenarioError::Override`] for an override that cannot be applied,
/// [`ScenarioError::Invalid`] with every problem found.
pub fn load(path: &Path, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
    ScenarioFile::read(path)?.load(overrides)
}

/// A scenario file read once: a command that loads it several times (variants, a solve's
/// steps, `check`'s listing beside its scenario) loads them all from this text, so a pipe
/// or a process substitution (`<(...)`), which can be read only once, works like a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioFile {
    /// The path as the user gave it: messages name it.
    pub path: PathBuf,
    /// The file's text as read.
    pub text: String,
}

impl ScenarioFile {
    /// Reads the file (at most [`MAX_SCENARIO_BYTES`] of UTF-8).
    ///
    /// # Errors
    /// [`ScenarioError::Read`] when it cannot be read, is too large or is not text.
    pub fn read(path: &Path) -> Result<Self, ScenarioError> {
        Ok(Self { path: path.to_path_buf(), text: read_text(path)? })
    }

    /// The scenario with `overrides` applied, as [`load`] gives it from the file on disk.
    ///
    /// # Errors
    /// As for [`load`], without the read.
    pub fn load(&self, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
        let context = LoadContext {
            folder: self.path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
            pinned: overrides.iter().map(Override::dotted_key).collect(),
            sets_text: None,
        };
        parse_in(&self.text, &self.path.display().to_string(), overrides, &context)
    }
}

/// The text of a scenario file, refused when larger than [`MAX_SCENARIO_BYTES`] or not
/// UTF-8 (a 4 GB file or `/dev/zero` is never read whole).
///
/// # Errors
/// [`ScenarioError::Read`] naming the path.
pub fn read_text(path: &Path) -> Result<String, ScenarioError> {
    read_capped(path).map_err(|source| ScenarioError::Read { path: path.to_path_buf(), source })
}

/// The text of any input file (scenario, parameter sets, history, cohorts), at most
/// [`MAX_SCENARIO_BYTES`] and UTF-8.
///
/// # Errors
/// The I/O error, or one saying the file is too large or not text (with the line).
pub fn read_capped(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_SCENARIO_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is larger than {} MB, the most sidecast reads; input files are short text",
            MAX_SCENARIO_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("line {line} is not UTF-8 text; save the file as UTF-8"),
        )
    })
}

/// Where a scenario's text comes from, for what it refers to.
#[derive(Debug, Clone, Default)]
pub struct LoadContext {
    /// The folder files named in the scenario (`parameter_sets`) are relative to.
    pub folder: PathBuf,
    /// Keys the command line set (`--set`, `--vary`): they win over parameter-set columns.
    pub pinned: Vec<String>,
    /// The text of the parameter-sets file the scenario names, when it is not on disk yet
    /// (`calibrate` checks the scenario it writes before it writes it).
    pub sets_text: Option<String>,
}

/// Parses and validates scenario text; `origin` names it in messages, files it names are
/// relative to the current folder.
///
/// # Errors
/// [`ScenarioError::Invalid`] with every problem found.
pub fn parse(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    parse_in(text, origin, &[], &LoadContext::default())
}

/// Parses scenario text, applies the overrides to it and validates the result, reading
/// the files it names from `context.folder`. Problems in an override's value name the
/// override instead of a line.
///
/// # Errors
/// [`ScenarioError::Override`] for an override that cannot be applied;
/// [`ScenarioError::Invalid`] with every problem found.
pub fn parse_in(
    text: &str,
    origin: &str,
    overrides: &[Override],
    context: &LoadContext,
) -> Result<Scenario, ScenarioError> {
    let invalid = |problems| ScenarioError::Invalid { origin: origin.to_string(), text: text.to_string(), problems };
    let mut tree = DeTable::parse(text).map_err(|e| {
        let problem = Problem::new("(syntax)", e.span(), compact_numbers(e.message()));
        let hint = e.span().and_then(|span| syntax_hint(text, span.start));
        invalid(vec![match hint {
            Some(hint) => problem.help(hint),
            None => problem,
        }])
    })?;
    let values = values_text(overrides);
    let applied = apply(&mut tree, text.len(), overrides, &values)?;
    let decoded = decode(tree).map_err(|problems| invalid(attribute(problems, text.len(), &applied)))?;
    let mut problems = decoded.problems;
    let sets = decoded.raw.parameter_sets.as_ref().map(|name| {
        let path = context.folder.join(name.get_ref());
        let text = match &context.sets_text {
            Some(text) => Ok(text.clone()),
            None => read_capped(&path).map_err(|e| format!("cannot read {}: {e}", path.display())),
        };
        SetsInput { name: name.clone(), text }
    });
    match validate(decoded.raw, sets, &context.pinned) {
        Ok(scenario) if problems.is_empty() => return Ok(scenario),
        Ok(_) => {}
        Err(found) => {
            let consequence = |p: &Problem| {
                p.span
                    .as_ref()
                    .is_some_and(|s| decoded.placeholders.iter().any(|h| s.start <= h.start && h.end <= s.end))
            };
            problems.extend(found.into_iter().filter(|p| !consequence(p)));
        }
    }
    problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    Err(invalid(attribute(problems, text.len(), &applied)))
}

/// How to write the value of the line holding a syntax error when it is a number in
/// disguise: `churn = 15%` (write 0.15), `spend = 1,200` (write 1200), `price = $20`.
fn syntax_hint(text: &str, at: usize) -> Option<String> {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let value = line.split_once('=')?.1.split('#').next()?.trim();
    value.contains(['%', ',', '$']).then(|| typed_number_hint(value)).flatten()
}

/// Problems in an override's value say which flag gave it (they have no line in the file);
/// a problem with a line in the file whose check also read a value the command line set
/// (the median of a spend whose interval is in the file, a share of the content's signups,
/// a correlated parameter fixed by `--set`) says which value came from where.
fn attribute(problems: Vec<Problem>, text_len: usize, applied: &Applied) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            if let Some(span) = p.span.clone().filter(|s| s.start > text_len) {
                if let Some(source) = applied.source_of(&span) {
                    p.message = format!("{} (from {source})", p.message);
                }
                p.span = None;
            } else {
                let notes = applied.read_by(&p.key, &p.involves);
                if !notes.is_empty() {
                    p.message = format!("{} ({})", p.message, notes.join("; "));
                }
            }
            p
        })
        .collect()
}
