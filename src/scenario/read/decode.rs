//! From the parsed TOML tree to the raw mirror ([`RawScenario`]), reporting every problem
//! serde would stop at, not only the first.
//!
//! serde stops at the first unknown key or wrong type. Here each such error is recorded,
//! then the tree is repaired and deserialised again: an unknown key is removed, a value of
//! the wrong type is replaced by a placeholder of the expected type (and any later
//! validation problem about that placeholder is dropped, see [`Decoded::placeholders`]).
//! The dotted key of every problem is found from its span in the tree, so it names the tier
//! or plan (`reseller.tiers.growth.markup`), never `?`.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::scenario::error::Problem;
use crate::scenario::read::raw::RawScenario;
use crate::text::did_you_mean;
use crate::text::number::{compact_numbers, typed_number_hint};

/// Most problems reported from one file before giving up (each costs a deserialisation).
const MAX_PROBLEMS: usize = 50;

/// The raw scenario, and the problems met on the way to it.
pub struct Decoded {
    pub raw: RawScenario,
    pub problems: Vec<Problem>,
    /// Spans of values replaced by placeholders: later problems there are consequences.
    pub placeholders: Vec<Range<usize>>,
}

/// One step of a path in the tree.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Deserialises the tree, collecting every problem; `Err` when no raw scenario could be
/// made (a required key is missing, or too many problems).
pub fn decode(mut tree: Spanned<DeTable<'_>>) -> Result<Decoded, Vec<Problem>> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut placeholders = Vec::new();
    while problems.len() < MAX_PROBLEMS {
        let de = toml::Deserializer::from(tree.clone());
        let error = match serde_path_to_error::deserialize::<_, RawScenario>(de) {
            Ok(raw) => return Ok(Decoded { raw, problems, placeholders }),
            Err(e) => e,
        };
        let fallback = error.path().to_string();
        let inner = error.into_inner();
        let span = inner.span();
        let path = span.as_ref().and_then(|s| locate(tree.get_ref(), s));
        let key = path.as_deref().map_or_else(|| clean(&fallback), dotted);
        let message = inner.message().trim().to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            problems.push(unknown_key(&key, span.clone(), rest));
            match &path {
                Some(path) if remove(tree.get_mut(), path) => continue,
                _ => break,
            }
        }
        if message.starts_with("missing field `") {
            // A required key missing because of an earlier problem is no news.
            if !problems.iter().any(|p| p.span.is_some() && p.span == span) {
                problems.push(missing_key(&key, span, &message));
            }
            break;
        }
        let value = path.as_deref().and_then(|p| lookup(tree.get_ref(), p)).map(|v| v.get_ref().clone());
        problems.push(type_problem(&key, span.clone(), &message, value.as_ref()));
        let Some((path, placeholder, span)) = path.zip(placeholder(&message)).zip(span).map(|((a, b), c)| (a, b, c))
        else {
            break;
        };
        if !replace(tree.get_mut(), &path, Spanned::new(span.clone(), placeholder)) {
            break;
        }
        placeholders.push(span);
    }
    if problems.len() >= MAX_PROBLEMS {
        problems.push(Problem::new("(scenario)", None, format!("more than {MAX_PROBLEMS} problems; fix these first")));
    }
    Err(problems)
}

/// The dotted key of a path: `reseller.tiers.growth.markup`, `targets[1].month`.
fn dotted(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// serde_path_to_error's path, when the span says nothing: without its private segments.
fn clean(path: &str) -> String {
    let path = path.replace(".$__serde_spanned_private_value", "").replace("$__serde_spanned_private_value", "");
    if path == "." || path.is_empty() { "(scenario)".into() } else { path }
}

/// The deepest entry whose key or value span holds `span`.
fn locate(table: &DeTable<'_>, span: &Range<usize>) -> Option<Vec<Step>> {
    let holds = |outer: Range<usize>| outer.start <= span.start && span.end <= outer.end;
    for (key, value) in table {
        let here = vec![Step::Key(key.get_ref().to_string())];
        if holds(key.span()) {
            return Some(here);
        }
        if let Some(mut deeper) = locate_value(value.get_ref(), span) {
            let mut path = here;
            path.append(&mut deeper);
            return Some(path);
        }
        if holds(value.span()) {
            return Some(here);
        }
    }
    None
}

fn locate_value(value: &DeValue<'_>, span: &Range<usize>) -> Option<Vec<Step>> {
    match value {
        DeValue::Table(t) => locate(t, span),
        DeValue::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let holds = item.span().start <= span.start && span.end <= item.span().end;
            match locate_value(item.get_ref(), span) {
                Some(mut deeper) => {
                    let mut path = vec![Step::Index(i)];
                    path.append(&mut deeper);
                    Some(path)
                }
                None => holds.then(|| vec![Step::Index(i)]),
            }
        }),
        _ => None,
    }
}

fn lookup<'t, 'i>(table: &'t DeTable<'i>, path: &[Step]) -> Option<&'t Spanned<DeValue<'i>>> {
    let (first, rest) = path.split_first()?;
    let Step::Key(key) = first else { return None };
    let mut current = table.get(key.as_str())?;
    for step in rest {
        current = match (step, current.get_ref()) {
            (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
            (Step::Index(i), DeValue::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(current)
}

/// The table holding the last step of `path`, and that step.
fn parent<'t, 'i>(table: &'t mut DeTable<'i>, path: &[Step]) -> Option<(&'t mut DeValue<'i>, Step)> {
    let (last, parents) = path.split_last()?;
    let Some((Step::Key(first), rest)) = parents.split_first() else {
        return None;
    };
    let mut current = table.get_mut(first.as_str())?.get_mut();
    for step in rest {
        current = match (step, current) {
            (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str())?.get_mut(),
            (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i)?.get_mut(),
            _ => return None,
        };
    }
    Some((current, last.clone()))
}

/// Removes the entry at `path`; false when there is none.
fn remove(table: &mut DeTable<'_>, path: &[Step]) -> bool {
    if let [Step::Key(key)] = path {
        return table.remove(key.as_str()).is_some();
    }
    match parent(table, path) {
        Some((DeValue::Table(t), Step::Key(k))) => t.remove(k.as_str()).is_some(),
        _ => false,
    }
}

/// Replaces the value at `path`; false when there is none.
fn replace<'i>(table: &mut DeTable<'i>, path: &[Step], value: Spanned<DeValue<'i>>) -> bool {
    let slot = if let [Step::Key(key)] = path {
        table.get_mut(key.as_str())
    } else {
        match parent(table, path) {
            Some((DeValue::Table(t), Step::Key(k))) => t.get_mut(k.as_str()),
            Some((DeValue::Array(a), Step::Index(i))) => a.get_mut(i),
            _ => None,
        }
    };
    slot.map(|s| *s = value).is_some()
}

/// A value of the type serde expected, to let deserialisation go on past a wrong type.
fn placeholder(message: &str) -> Option<DeValue<'static>> {
    let expected = message.split("expected ").nth(1).unwrap_or("");
    let text = if expected.starts_with(['i', 'u']) && expected.len() <= 5 {
        "0"
    } else if expected.starts_with('f') && expected.len() <= 3 {
        "0.0"
    } else if expected.starts_with("a boolean") {
        "false"
    } else if expected.starts_with("a string") {
        "\"\""
    } else if expected.starts_with("struct") || expected.contains("map") {
        "{}"
    } else if expected.contains("sequence") {
        "[]"
    } else {
        return None;
    };
    let value = match DeTable::parse(placeholder_source(text)).ok()?.into_inner().remove("v")?.into_inner() {
        DeValue::String(_) => DeValue::String(Cow::Borrowed("")),
        other => other,
    };
    Some(value)
}

fn placeholder_source(text: &str) -> &'static str {
    match text {
        "0" => "v = 0",
        "0.0" => "v = 0.0",
        "false" => "v = false",
        "\"\"" => "v = \"\"",
        "{}" => "v = {}",
        _ => "v = []",
    }
}

fn unknown_key(key: &str, span: Option<Range<usize>>, rest: &str) -> Problem {
    let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let help = if known.is_empty() {
        "this table takes no keys".to_string()
    } else {
        format!("allowed keys here: {}", known.join(", "))
    };
    Problem::new(key, span, format!("unknown key `{name}`{}", did_you_mean(name, known.iter().copied()))).help(help)
}

fn missing_key(key: &str, span: Option<Range<usize>>, message: &str) -> Problem {
    let field = message.trim_start_matches("missing field `").trim_end_matches('`');
    let key = if key == "(scenario)" { field.to_string() } else { format!("{key}.{field}") };
    Problem::new(key, span, format!("required key `{field}` is missing"))
        .help("see the scenario reference in README.md")
}

/// A wrong type, reworded to say what is allowed (and how to write `"15%"` as a number).
fn type_problem(key: &str, span: Option<Range<usize>>, message: &str, value: Option<&DeValue<'_>>) -> Problem {
    // A whole number beyond 64 bits (`horizon_months = 99999999999999999999`): the parser
    // says "invalid type: integer `1e+20` as i128"; say it is out of range, and the range.
    if let Some(number) = too_large_integer(message) {
        let rule = crate::scenario::keys::key(key).map(|k| k.rule());
        let help = rule.map_or_else(|| "use a smaller whole number".to_string(), |r| format!("use {r}"));
        return Problem::new(key, span, format!("{} is out of range", compact_numbers(&number))).help(help);
    }
    let message = compact_numbers(message)
        .replace("expected i64", "expected a whole number")
        .replace("expected u32", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected text in quotes")
        .replace("expected a boolean", "expected true or false")
        .replace("expected a sequence", "expected a list such as [1, 2]")
        .replace("expected a map", "expected a table such as { key = value }");
    let message = match message.find(", expected struct ") {
        Some(i) => format!("{}, expected a table", &message[..i]),
        None => message,
    };
    // A date deserialises as a table: say what was written.
    let message = match (value, message.split_once(", expected ")) {
        (Some(DeValue::Datetime(d)), Some((_, expected))) => format!("found the date {d}, expected {expected}"),
        _ => message,
    };
    // A number in quotes gets how to write it; any other wrong value of a number's key,
    // the values the key takes (`horizon_months = 1.5`: a whole number from 1 to 600).
    let hint = match value {
        Some(DeValue::String(text)) => typed_number_hint(text),
        _ => None,
    }
    .or_else(|| {
        let number = message.ends_with("expected a whole number") || message.ends_with("expected a number");
        number.then(|| crate::scenario::keys::key(key).map(|k| format!("use {}", k.rule()))).flatten()
    });
    let problem = Problem::new(key, span, message);
    match hint {
        Some(hint) => problem.help(hint),
        None => problem,
    }
}

/// The integer of a parser's message about an integer too large for its type, if it is one.
fn too_large_integer(message: &str) -> Option<String> {
    let rest =
        message.strip_prefix("invalid type: integer `").or_else(|| message.strip_prefix("invalid value: integer `"))?;
    let (number, tail) = rest.split_once('`')?;
    (tail.starts_with(" as i128") || tail.starts_with(", expected i64") || tail.starts_with(", expected u32"))
        .then(|| number.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Problem> {
        match decode(DeTable::parse(text).unwrap()) {
            Ok(d) => d.problems,
            Err(p) => p,
        }
    }

    #[test]
    fn every_unknown_key_and_wrong_type_is_reported() {
        let text = "trajectries = 10\nseed = \"x\"\n[reseller]\nchrun = 0.1\n[reseller.tiers.growth]\nmarkup = 1\nspend = 1\nminimun = 3\n[reseller.tiers.growth.upgrade]\nto = 3\nprobability = 0.1\n";
        let found = problems(text);
        let keys: Vec<&str> = found.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "trajectries",
                "seed",
                "reseller.chrun",
                "reseller.tiers.growth.minimun",
                "reseller.tiers.growth.upgrade.to"
            ],
            "{found:#?}"
        );
        assert!(found[0].message.contains("did you mean `trajectories`"), "{}", found[0].message);
        assert!(found[1].message.contains("expected a whole number"), "{}", found[1].message);
        assert!(found.iter().all(|p| !p.key.contains('?')));
    }

    #[test]
    fn a_whole_number_beyond_64_bits_is_out_of_range_with_the_range() {
        // The parser said "invalid type: integer `1e+20` as i128, expected a whole number".
        let found = problems("horizon_months = 99999999999999999999\nseed = 9223372036854775808\n");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            (found[0].key.as_str(), found[0].message.as_str()),
            ("horizon_months", "99999999999999999999 is out of range")
        );
        assert_eq!(found[0].help.as_deref(), Some("use a whole number from 1 to 600"));
        assert_eq!(found[1].key, "seed");
        assert!(found[1].message.ends_with("is out of range"), "{}", found[1].message);
        assert_eq!(found[1].help.as_deref(), Some("use a whole number from 0 to 9223372036854775807"));
    }

    #[test]
    fn a_wrong_value_of_a_number_s_key_says_what_it_takes() {
        // It said only "invalid type: floating point `1.5`, expected a whole number".
        let found = problems(
            "horizon_months = 1.5
trajectories = true
[reseller]
churn = [1]
",
        );
        let helps: Vec<(&str, Option<&str>)> = found.iter().map(|p| (p.key.as_str(), p.help.as_deref())).collect();
        assert_eq!(helps[0], ("horizon_months", Some("use a whole number from 1 to 600")), "{found:#?}");
        assert_eq!(helps[1], ("trajectories", Some("use a whole number from 1 to 4294967295")), "{found:#?}");
        assert_eq!(found.len(), 3, "{found:#?}");
    }

    #[test]
    fn a_required_key_is_named_and_text_numbers_get_a_hint() {
        let found = problems("[reseller]\n[reseller.tiers.a]\nspend = 1\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].key, "reseller.tiers.a.markup");
        let found = problems("[affiliate]\ninitial_balance = \"$1,200\"\n[affiliate.plans.pro]\nprice = 1\n");
        assert_eq!(found[0].key, "affiliate.initial_balance");
        assert!(found[0].help.as_deref().unwrap_or("").contains("1200"), "{found:#?}");
    }
}
