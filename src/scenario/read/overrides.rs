//! Overrides from the command line (`--set KEY=VALUE`, `--vary`, and the shortcut flags such
//! as `--months`): parsed from what the user typed, then applied to the scenario's parsed
//! TOML tree, never to its text, so every problem in the file keeps its own line number.
//!
//! An override's value gets a span past the end of the file text (its own region, see
//! [`Applied`]), so a problem found in it is attributed to the flag that gave it, not to a
//! line of a generated document. A key with another spelling in `[start]` (`start_month` and
//! `start.month`, `reseller.initial_customers` and `start.customers`, ...) is written where
//! the file already spells it, so `--start-month 9` composes with a `[start]` table: the
//! flag wins.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::scenario::error::ScenarioError;
use crate::text::number::compact_numbers;

/// One override: a dotted key, a TOML value (a bare word is taken as text) and where it came
/// from, for messages.
#[derive(Debug, Clone)]
pub struct Override {
    pub key: Vec<String>,
    /// The value as TOML text (`0.05`, `{ beta = [2, 18] }`, `"growth"`).
    pub value: String,
    /// What the user typed, `KEY=VALUE`.
    pub spec: String,
    /// How it was given: `--set`, `--vary`, `--months`, ...
    pub flag: String,
}

impl std::str::FromStr for Override {
    type Err = ScenarioError;

    /// Parses `reseller.churn=0.05` or `reseller.churn={ beta = [2, 18] }` (a `--set`).
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        Self::parse(spec, "--set")
    }
}

impl Override {
    /// Parses `KEY=VALUE` given by `flag` (`--set` or `--vary`).
    ///
    /// # Errors
    /// [`ScenarioError::Override`] when it is not `KEY=VALUE` with a dotted key.
    pub fn parse(spec: &str, flag: &str) -> Result<Self, ScenarioError> {
        let bad =
            |reason: &str| ScenarioError::Override { spec: format!("{flag} `{spec}`"), reason: reason.to_string() };
        let (key, value) = spec.split_once('=').ok_or_else(|| bad("expected KEY=VALUE, e.g. reseller.churn=0.05"))?;
        let key: Vec<String> = key.trim().split('.').map(|s| s.trim().to_string()).collect();
        if key.iter().any(String::is_empty) {
            return Err(bad("the key has an empty part; use a dotted path like reseller.tiers.growth.markup"));
        }
        let value = value.trim();
        if value.is_empty() {
            return Err(bad("the value is empty"));
        }
        let value = if is_value(value) {
            value.to_string()
        } else if value.starts_with(['{', '[']) {
            // Meant as a table or a list, not as text: say so rather than "found the text".
            return Err(bad(&format!(
                "`{value}` is not a TOML table or list: check its brackets and commas (e.g. {{ beta = [2, 18] }})"
            )));
        } else {
            toml_edit::Value::from(value).to_string().trim().to_string()
        };
        Ok(Self { key, value, spec: spec.to_string(), flag: flag.to_string() })
    }

    /// A whole number given by a shortcut flag (`--months 36` sets `horizon_months`).
    pub fn flag(flag: &str, key: &str, value: i64) -> Self {
        Self {
            key: key.split('.').map(str::to_string).collect(),
            value: value.to_string(),
            spec: format!("{key}={value}"),
            flag: flag.to_string(),
        }
    }

    /// An override set by sidecast itself (the first file's seed in `compare A B`), described
    /// by `why`.
    pub fn number(key: &str, value: i64) -> Self {
        Self::flag("the first file", key, value)
    }

    /// The dotted key as typed.
    pub fn dotted_key(&self) -> String {
        self.key.join(".")
    }

    /// How the override reads in a message: `--set reseller.churn=2`, `--months 36`.
    pub fn describe(&self) -> String {
        let text = match self.flag.as_str() {
            "--set" | "--vary" | "--explore" => format!("{} {}", self.flag, self.spec),
            f if f.starts_with("--") => format!("{f} {}", self.value),
            f => format!("{} ({f})", self.spec),
        };
        compact_numbers(&text)
    }
}

/// Where the applied overrides' values sit: span regions past the end of the file text,
/// one per override, with how to name it and the key it set.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    regions: Vec<(Range<usize>, String)>,
    keys: Vec<Vec<String>>,
}

impl Applied {
    /// The override a span points into, if it points past the file.
    pub fn source_of(&self, span: &Range<usize>) -> Option<&str> {
        self.regions
            .iter()
            .find(|(r, _)| r.start <= span.start && span.start < r.end.max(r.start + 1))
            .map(|(_, d)| d.as_str())
    }

    /// What a problem about `key` (and the values of `involves`) read from the command line:
    /// `median from --set reseller.tiers.starter.spend.median=50` for each override that set
    /// a value inside `key`'s table, or one of `involves` (or a table holding it).
    pub fn read_by(&self, key: &str, involves: &[String]) -> Vec<String> {
        let own = parts(key);
        let others: Vec<Vec<String>> = involves.iter().map(|k| parts(k)).collect();
        let mut notes = Vec::new();
        for (set, (_, source)) in self.keys.iter().zip(&self.regions) {
            let label = if set.len() > own.len() && set.starts_with(&own) {
                Some(shown(&set[own.len()..]))
            } else {
                others.iter().any(|k| k.starts_with(set) || set.starts_with(k)).then(|| shown(set))
            };
            if let Some(label) = label {
                let note = format!("{label} from {source}");
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        notes
    }
}

/// A dotted key's parts, a list's entries as their own parts: `costs.one_off[0].month` and
/// `costs.one_off.0.month` both as `costs`, `one_off`, `0`, `month`.
fn parts(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in key.split('.') {
        let (name, indexes) = indexed(part);
        out.push(name.to_string());
        out.extend(indexes.iter().map(ToString::to_string));
    }
    out
}

/// Parts as a message writes them: `one_off[0].month`.
fn shown(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts {
        if part.parse::<usize>().is_ok() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// Keys with a second spelling in `[start]`: an override goes where the file spells it.
const ALIASES: [(&str, &str); 4] = [
    ("start_month", "start.month"),
    ("reseller.initial_customers", "start.customers"),
    ("affiliate.initial_subscribers", "start.subscribers"),
    ("affiliate.initial_balance", "start.balance"),
];

/// The TOML document of the overrides' values, one line each (`v0 = 0.05`): parsed next to
/// the file so that both live as long as the tree that holds them.
pub fn values_text(overrides: &[Override]) -> String {
    overrides.iter().enumerate().map(|(i, o)| format!("v{i} = {}\n", o.value)).collect()
}

/// Applies the overrides in order to the parsed file; `text_len` is the length of the
/// file's text (override spans are moved past it) and `values` is [`values_text`].
///
/// # Errors
/// [`ScenarioError::Override`] when a key runs through something that is not a table.
pub fn apply<'a>(
    tree: &mut Spanned<DeTable<'a>>,
    text_len: usize,
    overrides: &[Override],
    values: &'a str,
) -> Result<Applied, ScenarioError> {
    let mut applied = Applied::default();
    if overrides.is_empty() {
        return Ok(applied);
    }
    let base = text_len + 1;
    let bad = |o: &Override, reason: String| ScenarioError::Override { spec: o.describe(), reason };
    let mut parsed = DeTable::parse(values)
        .map_err(|e| bad(&overrides[0], format!("the value is not TOML: {}", e.message())))?
        .into_inner();
    let mut line_start = 0;
    for (i, o) in overrides.iter().enumerate() {
        let line = format!("v{i} = {}\n", o.value);
        applied.regions.push((base + line_start..base + line_start + line.len(), o.describe()));
        applied.keys.push(parts(&o.dotted_key()));
        line_start += line.len();
        let value = parsed.remove(format!("v{i}").as_str()).ok_or_else(|| bad(o, "the value is not TOML".into()))?;
        let key = spelled_as_in_file(tree.get_ref(), &o.key);
        set(tree.get_mut(), &key, shift(value, base)).map_err(|reason| bad(o, reason))?;
    }
    Ok(applied)
}

/// `KEY` rewritten to the file's own spelling when the file uses the other one.
fn spelled_as_in_file(tree: &DeTable<'_>, key: &[String]) -> Vec<String> {
    let dotted = key.join(".");
    for (a, b) in ALIASES {
        for (from, to) in [(a, b), (b, a)] {
            let Some(rest) = dotted.strip_prefix(from).filter(|r| r.is_empty() || r.starts_with('.')) else {
                continue;
            };
            if has_path(tree, to) && !has_path(tree, from) {
                return format!("{to}{rest}").split('.').map(str::to_string).collect();
            }
        }
    }
    key.to_vec()
}

fn has_path(tree: &DeTable<'_>, dotted: &str) -> bool {
    let mut table = tree;
    let parts: Vec<&str> = dotted.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        match table.get(*part).map(|v| v.get_ref()) {
            None => return false,
            Some(_) if i + 1 == parts.len() => return true,
            Some(DeValue::Table(t)) => table = t,
            Some(_) => return false,
        }
    }
    false
}

/// Whether `text` is a TOML value on its own.
fn is_value(text: &str) -> bool {
    let source = format!("v = {text}\n");
    DeTable::parse(&source).is_ok_and(|t| t.get_ref().len() == 1)
}

/// The value with every span moved by `by` (into the override's region past the file).
fn shift<'a>(value: Spanned<DeValue<'a>>, by: usize) -> Spanned<DeValue<'a>> {
    let span = value.span();
    let inner = match value.into_inner() {
        DeValue::Array(items) => {
            let mut out = toml::de::DeArray::new();
            for item in items.iter() {
                out.push(shift(item.clone(), by));
            }
            DeValue::Array(out)
        }
        DeValue::Table(t) => DeValue::Table(
            t.into_iter()
                .map(|(k, v)| {
                    let ks = k.span();
                    (Spanned::new(ks.start + by..ks.end + by, k.into_inner()), shift(v, by))
                })
                .collect(),
        ),
        other => other,
    };
    Spanned::new(span.start + by..span.end + by, inner)
}

/// Puts `value` at the dotted `key`, creating the tables it names that do not exist. A part
/// may name a list's entry by its number, from 0, as messages number them: `one_off.0.amount`
/// or `one_off[0].amount` (a key spelt with brackets in the file wins over an index).
fn set<'a>(table: &mut DeTable<'a>, key: &[String], value: Spanned<DeValue<'a>>) -> Result<(), String> {
    if key.is_empty() {
        return Err("empty key".into());
    }
    set_in_table(table, key, "", value)
}

fn set_in_table<'a>(
    table: &mut DeTable<'a>,
    parts: &[String],
    above: &str,
    value: Spanned<DeValue<'a>>,
) -> Result<(), String> {
    let Some((part, rest)) = parts.split_first() else { return Err("empty key".into()) };
    let (name, indexes) = if table.get(part.as_str()).is_some() { (part.as_str(), Vec::new()) } else { indexed(part) };
    let here = if above.is_empty() { name.to_string() } else { format!("{above}.{name}") };
    // The key's span is empty, at the value's start: a problem inside the value is then
    // found in the value, never in a key that would seem to hold all of it.
    let at = value.span().start..value.span().start;
    let key = || Spanned::new(at.clone(), std::borrow::Cow::Owned(name.to_string()));
    if rest.is_empty() && indexes.is_empty() {
        table.insert(key(), value);
        return Ok(());
    }
    if table.get(name).is_none() {
        let number = rest.first().and_then(|next| next.parse::<usize>().ok());
        if let Some(i) = indexes.first().copied().or(number) {
            return Err(format!(
                "`{here}` is not in the file, so it has no entry [{i}]; set the whole list instead, as `{here}=[...]`"
            ));
        }
        table.insert(key(), Spanned::new(at.clone(), DeValue::Table(DeTable::new())));
    }
    match table.get_mut(name).map(Spanned::get_mut) {
        Some(slot) => set_in_value(slot, &indexes, rest, &here, value),
        None => Err(format!("`{here}` could not be made")),
    }
}

fn set_in_value<'a>(
    slot: &mut DeValue<'a>,
    indexes: &[usize],
    rest: &[String],
    here: &str,
    value: Spanned<DeValue<'a>>,
) -> Result<(), String> {
    if let Some((&i, more)) = indexes.split_first() {
        let DeValue::Array(items) = slot else {
            return Err(format!("`{here}` is not a list, so it has no entry [{i}]"));
        };
        let count = items.len();
        let Some(item) = items.get_mut(i) else {
            let entries = if count == 1 { "1 entry".to_string() } else { format!("{count} entries") };
            return Err(format!("`{here}` has {entries}, numbered from 0, so no entry [{i}]"));
        };
        let here = format!("{here}[{i}]");
        if more.is_empty() && rest.is_empty() {
            *item = value;
            return Ok(());
        }
        return set_in_value(item.get_mut(), more, rest, &here, value);
    }
    let Some((next, tail)) = rest.split_first() else { return Ok(()) };
    match slot {
        DeValue::Table(t) => set_in_table(t, rest, here, value),
        DeValue::Array(_) => match next.parse::<usize>() {
            Ok(i) => set_in_value(slot, &[i], tail, here, value),
            Err(_) => Err(format!("`{here}` is a list: name an entry by its number from 0, as `{here}.0.{next}`")),
        },
        _ => Err(format!("`{here}` is not a table, so it has no key `{next}`")),
    }
}

/// `one_off[0][1]` as `one_off` and its indexes; a part without them as itself.
fn indexed(part: &str) -> (&str, Vec<usize>) {
    let Some(open) = part.find('[') else { return (part, Vec::new()) };
    let mut indexes = Vec::new();
    let mut rest = &part[open..];
    while let Some(inner) = rest.strip_prefix('[') {
        let Some((number, after)) = inner.split_once(']') else { return (part, Vec::new()) };
        let Ok(i) = number.trim().parse() else { return (part, Vec::new()) };
        indexes.push(i);
        rest = after;
    }
    if rest.is_empty() && open > 0 { (&part[..open], indexes) } else { (part, Vec::new()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a, 'i>(tree: &'a DeTable<'i>, dotted: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        let parts: Vec<&str> = dotted.split('.').collect();
        let mut table = tree;
        for part in &parts[..parts.len() - 1] {
            match table.get(*part)?.get_ref() {
                DeValue::Table(t) => table = t,
                _ => return None,
            }
        }
        table.get(*parts.last()?)
    }

    fn integer(value: Option<&Spanned<DeValue<'_>>>) -> Option<String> {
        match value?.get_ref() {
            DeValue::Integer(i) => Some(i.as_str().to_string()),
            _ => None,
        }
    }

    #[test]
    fn override_parses_numbers_tables_and_words() {
        let o: Override = "reseller.churn=0.05".parse().unwrap();
        assert_eq!(o.key, ["reseller", "churn"]);
        assert_eq!(o.value, "0.05");
        assert_eq!(o.describe(), "--set reseller.churn=0.05");
        let o: Override = "reseller.churn = { beta = [2, 18] }".parse().unwrap();
        assert_eq!(o.value, "{ beta = [2, 18] }");
        let o: Override = "reseller.tiers.starter.upgrade.to=growth".parse().unwrap();
        assert_eq!(o.value, "\"growth\"");
        for bad in ["reseller.churn", "=0.1", "reseller..churn=0.1", "reseller.churn="] {
            assert!(bad.parse::<Override>().is_err(), "{bad} should be rejected");
        }
        assert_eq!(Override::flag("--months", "horizon_months", 36).describe(), "--months 36");
    }

    #[test]
    fn overrides_edit_the_tree_and_create_tables() {
        let text = "name = \"x\"\n[reseller]\nchurn = 0.1 # monthly\n";
        let overrides: Vec<Override> =
            vec!["reseller.churn=0.05".parse().unwrap(), "reseller.kickback.first_order=0.15".parse().unwrap()];
        let values = values_text(&overrides);
        let mut tree = DeTable::parse(text).unwrap();
        let applied = apply(&mut tree, text.len(), &overrides, &values).unwrap();
        let churn = get(tree.get_ref(), "reseller.churn").unwrap();
        assert!(matches!(churn.get_ref(), DeValue::Float(_)));
        assert!(churn.span().start > text.len(), "an override's span lies past the file");
        assert_eq!(applied.source_of(&churn.span()), Some("--set reseller.churn=0.05"));
        let kickback = get(tree.get_ref(), "reseller.kickback.first_order").unwrap();
        assert_eq!(applied.source_of(&kickback.span()), Some("--set reseller.kickback.first_order=0.15"));
        let bad: Vec<Override> = vec!["name.x=1".parse().unwrap()];
        let values = values_text(&bad);
        let err = apply(&mut DeTable::parse(text).unwrap(), text.len(), &bad, &values).unwrap_err();
        assert!(err.to_string().contains("not a table"), "{err}");
    }

    #[test]
    fn a_start_table_takes_the_flag_and_the_flag_wins() {
        let text = "[start]\nmonth = 7\ncustomers = { starter = 8 }\n[reseller]\n";
        let overrides = vec![
            Override::flag("--start-month", "start_month", 9),
            "reseller.initial_customers.starter=2".parse().unwrap(),
        ];
        let values = values_text(&overrides);
        let mut tree = DeTable::parse(text).unwrap();
        apply(&mut tree, text.len(), &overrides, &values).unwrap();
        assert!(get(tree.get_ref(), "start_month").is_none());
        assert_eq!(integer(get(tree.get_ref(), "start.month")).as_deref(), Some("9"));
        assert_eq!(integer(get(tree.get_ref(), "start.customers.starter")).as_deref(), Some("2"));
        assert!(get(tree.get_ref(), "reseller.initial_customers").is_none());
    }
}
