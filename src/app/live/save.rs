//! "Save" on the live page: the scenario file's text with the page's values written in
//! (every comment and the file's layout kept, through `toml_edit`), a comment at the top
//! saying what changed and from which file, and a check that the new text loads to exactly
//! the scenario the page ran. Writing it is the front end's business; the name it goes
//! under is checked here ([`check_file_name`]).

use toml_edit::{DocumentMut, Item, Value};

use crate::app::Error;
use crate::app::view::{Source, number_at};
use crate::scenario::{LoadContext, Override, parse_in};

/// Longest file name a page may save under.
pub const MAX_NAME: usize = 100;

/// The text of the scenario with `sets` applied, as a new file called `name`.
///
/// # Errors
/// What `run --set` refuses for the same values ([`Error::Scenario`]); [`Error::Encode`]
/// if the new text would not load to the same scenario (a key spelled another way than the
/// file spells it).
pub fn saved_text(source: &Source, sets: &[String], name: &str) -> Result<String, Error> {
    let expected = source.scenario(sets)?;
    let overrides = sets.iter().map(|s| s.parse::<Override>()).collect::<Result<Vec<_>, _>>()?;
    let failed = |message: String| Error::Encode { what: "the saved scenario", message };
    let mut doc = source.text().parse::<DocumentMut>().map_err(|e| failed(e.to_string()))?;
    for o in &overrides {
        let value = o.value.parse::<Value>().map_err(|e| failed(format!("{}: {e}", o.spec)))?;
        set(doc.as_item_mut(), &o.key, value).map_err(|reason| failed(format!("{}: {reason}", o.spec)))?;
    }
    let text = with_comment(&doc.to_string(), &comment(source, &overrides));
    let context = LoadContext { folder: source.folder().to_path_buf(), pinned: Vec::new(), sets_text: None };
    let saved = parse_in(&text, name, &[], &context)?;
    // Every value of both, as Rust writes them (the shortest text of each number).
    if format!("{saved:?}") != format!("{expected:?}") {
        return Err(failed(
            "it would not load to the scenario the page ran; use the keys as the file writes them".into(),
        ));
    }
    Ok(text)
}

/// Checks a name to save under: a plain `.toml` file name, in the scenario's folder.
///
/// # Errors
/// [`Error::Usage`] saying what is allowed.
pub fn check_file_name(name: &str, original: &str) -> Result<(), Error> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_. ".contains(c);
    let problem = if name.is_empty() || name.len() > MAX_NAME {
        Some(format!("use a name of 1 to {MAX_NAME} characters"))
    } else if !name.chars().all(plain) || name.starts_with(['.', ' ']) || name.contains("..") {
        Some("use letters, digits, spaces, `-`, `_` and `.` only: the file goes next to the scenario".into())
    } else if !name.ends_with(".toml") {
        Some("end it with .toml".into())
    } else if std::path::Path::new(original).file_name().is_some_and(|f| f == name) {
        Some("that is the scenario itself; save the changes under a new name".into())
    } else {
        None
    };
    problem.map_or(Ok(()), |p| Err(Error::Usage(format!("cannot save as `{name}`: {p}"))))
}

/// Sets the value at `key`, through tables and inline tables, keeping the comment after
/// an existing value; a missing table is made.
fn set(root: &mut Item, key: &[String], value: Value) -> Result<(), String> {
    let Some((last, parents)) = key.split_last() else { return Err("the key is empty".into()) };
    let mut item = root;
    for part in parents {
        let table =
            item.as_table_like_mut().ok_or_else(|| format!("`{part}` is inside something that is not a table"))?;
        if table.get(part).is_none() {
            table.insert(part, Item::Table(toml_edit::Table::new()));
        }
        item = table.get_mut(part).ok_or_else(|| format!("cannot reach `{part}`"))?;
    }
    let table = item.as_table_like_mut().ok_or_else(|| format!("`{last}` is inside something that is not a table"))?;
    let mut value = value;
    if let Some(old) = table.get(last).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(last, Item::Value(value));
    Ok(())
}

/// "# Saved by `sidecast serve` from reseller.toml with: ..." and one line a change.
fn comment(source: &Source, overrides: &[Override]) -> String {
    let file =
        std::path::Path::new(source.origin()).file_name().map_or(source.origin().into(), |f| f.to_string_lossy());
    let mut lines = vec![format!("# Saved by `sidecast serve` from {file}, which it copies, with:")];
    for o in overrides {
        let key = o.dotted_key();
        let was = number_at(source.text(), &key).map_or_else(|| "not in the file".to_string(), |v| format!("was {v}"));
        lines.push(format!("#   {key} = {} ({was})", o.value));
    }
    lines.push(String::new());
    lines.join("\n")
}

/// The text with the comment at the top, after a `#:schema` line if the file starts with one.
fn with_comment(text: &str, comment: &str) -> String {
    match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("#:schema") => format!("{first}\n{comment}{rest}"),
        _ => format!("{comment}{text}"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn source() -> Source {
        let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
        Source::from_text(text, "scenarios/reseller.toml", Path::new("scenarios"))
    }

    #[test]
    fn the_saved_file_loads_to_what_the_page_ran_and_keeps_its_comments() {
        let sets = ["reseller.churn=0.15".to_string(), "reseller.tiers.starter.spend.median=150".into()];
        let text = saved_text(&source(), &sets, "reseller-edited.toml").unwrap();
        assert!(
            text.starts_with("#:schema ../docs/scenario.schema.json\n# Saved by `sidecast serve` from reseller.toml")
        );
        assert!(text.contains("#   reseller.churn = 0.15 (was 0.1)"), "{text}");
        assert!(text.contains("churn = 0.15                  # monthly churn probability"), "{text}");
        assert!(text.contains("spend = { median = 150, ci90 = [60, 300] }"), "{text}");
        assert!(text.contains("# \"$700-800/month gross profit by month 12\""), "comments are kept");
        let loaded = parse_in(&text, "x.toml", &[], &LoadContext::default()).unwrap();
        assert_eq!(format!("{loaded:?}"), format!("{:?}", source().scenario(&sets).unwrap()));
        let error = saved_text(&source(), &["reseller.churn=2".into()], "x.toml").unwrap_err();
        assert!(error.render(false).contains("2 is out of range"), "an invalid value is never saved");
    }

    #[test]
    fn names_stay_in_the_folder() {
        assert!(check_file_name("reseller churn 15%.toml", "scenarios/reseller.toml").is_err());
        assert!(check_file_name("reseller-churn-15.toml", "scenarios/reseller.toml").is_ok());
        for bad in ["../x.toml", "/etc/x.toml", "a/b.toml", ".hidden.toml", "x.txt", "", "reseller.toml", "a\\b.toml"] {
            assert!(check_file_name(bad, "scenarios/reseller.toml").is_err(), "{bad}");
        }
    }
}
