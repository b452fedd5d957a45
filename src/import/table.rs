//! An export as a table: the separator sniffed from its header, a byte-order mark dropped,
//! each row with its line number, and its columns found by what they mean, whatever the
//! export's version calls them (`Created date (UTC)` or `Created (UTC)`), in any order, with
//! `KEY (metadata)` columns kept apart, and a `--column FIELD=HEADER` mapping winning over
//! every guess.

use super::error::Problem;
use super::options::Input;
use crate::text::csv::{Delimiter, records_with, sniff, split_number_hint, without_bom};
use crate::text::did_you_mean;

/// One thing an importer reads from an export, and the header names (normalised by
/// [`key`]) it is known by, most specific first.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

/// The `--column FIELD=HEADER` mappings.
pub type Mapping = [(String, String)];

/// A data row.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// An export read into rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    keys: Vec<String>,
    pub rows: Vec<Row>,
    pub delimiter: Delimiter,
}

/// A header's key: lower case, words joined by `_`, a time zone in parentheses dropped
/// (`Created date (UTC)` → `created_date`), `(metadata)` kept as a suffix (`plan (metadata)`
/// → `plan_metadata`).
pub fn key(header: &str) -> String {
    let lower = header.trim().to_lowercase();
    let mut text = String::new();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('(') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(')') else {
            rest = &rest[open + 1..];
            continue;
        };
        let inside = &rest[open + 1..open + close];
        if inside.trim() == "metadata" {
            text.push_str(" metadata");
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
}

impl Table {
    /// Reads an export's text.
    ///
    /// # Errors
    /// Every [`Problem`]: text that is not CSV or has no rows, and each row whose cells do
    /// not line up with the header's columns (an unquoted `1,234.00` shifts every cell after
    /// it; a short row has lost some). Empty cells past the header's end are allowed.
    pub fn read(input: &Input) -> Result<Table, Vec<Problem>> {
        let (text, _) = without_bom(&input.text);
        let delimiter = sniff(text);
        let mut rows = Vec::new();
        for (line, record) in records_with(text, delimiter) {
            match record {
                Ok(r) if r.iter().all(str::is_empty) => {}
                Ok(r) => rows.push(Row { line, cells: r.iter().map(str::to_string).collect() }),
                Err(e) => return Err(vec![Problem::line(&input.name, line, format!("not valid CSV: {e}"))]),
            }
        }
        if rows.is_empty() {
            return Err(vec![Problem::file(&input.name, "empty: no header line".into())]);
        }
        let header = rows.remove(0);
        let columns = header.cells.len();
        let problems: Vec<Problem> = rows
            .iter()
            .filter_map(|r| {
                let used = r.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
                let hint = if used > columns {
                    split_number_hint(&r.cells)
                } else if r.cells.len() < columns {
                    " (a row of the export has a cell for every column, empty or not; was the line cut short?)".into()
                } else {
                    return None;
                };
                let message = format!("{} cells but the header has {columns} columns{hint}", r.cells.len());
                Some(Problem::line(&input.name, r.line, message))
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let keys = header.cells.iter().map(|h| key(h)).collect();
        Ok(Table { file: input.name.clone(), headers: header.cells, keys, rows, delimiter })
    }

    /// A problem for each of `fields` that more than one column could be (`Amount` twice):
    /// which one holds the numbers cannot be guessed. A field with a `--column` mapping is
    /// read from the column it names.
    pub fn ambiguous(&self, fields: &[Field], mapping: &Mapping) -> Vec<Problem> {
        fields
            .iter()
            .filter(|f| !mapping.iter().any(|(name, _)| name == f.name))
            .filter_map(|f| {
                let alias = f.aliases.iter().find(|a| self.keys.iter().any(|k| k == *a))?;
                let at: Vec<usize> = (0..self.keys.len()).filter(|&i| self.keys[i] == *alias).collect();
                (at.len() > 1).then(|| {
                    let names: Vec<String> = at.iter().map(|&i| format!("{} (`{}`)", i + 1, self.headers[i])).collect();
                    let both = if at.len() == 2 { "both" } else { "all" };
                    Problem::file(
                        &self.file,
                        format!(
                            "columns {} are {both} `{}`, and which one to read cannot be told: keep one of them in the file, or rename the others",
                            names.join(" and "),
                            f.name
                        ),
                    )
                })
            })
            .collect()
    }

    /// The column of `field`: its `--column` mapping, else the first alias the header has.
    pub fn find(&self, field: &Field, mapping: &Mapping) -> Option<usize> {
        if let Some((_, header)) = mapping.iter().find(|(f, _)| f == field.name) {
            return self.column_named(header);
        }
        field.aliases.iter().find_map(|alias| self.keys.iter().position(|k| k == alias))
    }

    /// The column a user named: exactly, or by its key.
    pub fn column_named(&self, header: &str) -> Option<usize> {
        let wanted = header.trim();
        self.headers.iter().position(|h| h.trim() == wanted).or_else(|| {
            let wanted = key(wanted);
            self.keys.iter().position(|k| *k == wanted)
        })
    }

    /// A metadata column `KEY (metadata)`, or a plain column `KEY`.
    pub fn metadata(&self, name: &str) -> Option<usize> {
        let wanted = key(name);
        let meta = format!("{wanted}_metadata");
        self.keys.iter().position(|k| *k == meta).or_else(|| self.column_named(name))
    }

    /// Every header and metadata key, for "did you mean".
    pub fn suggest(&self, name: &str) -> String {
        did_you_mean(name, self.headers.iter().map(String::as_str))
    }

    /// Whether the header has any of these keys (for recognising an export).
    pub fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.keys.iter().any(|have| have == k))
    }

    /// A row's cell (empty when the row is short).
    pub fn cell<'a>(&self, row: &'a Row, column: usize) -> &'a str {
        row.cells.get(column).map_or("", |c| c.as_str())
    }

    /// The column's header, for messages.
    pub fn name(&self, column: usize) -> &str {
        self.headers.get(column).map_or("?", String::as_str)
    }
}

/// A problem for each `--column FIELD=HEADER` whose field is none of `fields` (a
/// misspelt one was ignored without a word), with the fields there are.
///
/// # Errors
/// Every unknown field.
pub fn known_fields(mapping: &Mapping, fields: &[Field], source: &str) -> Result<(), super::error::ImportError> {
    let mut names: Vec<&str> = Vec::new();
    for f in fields {
        if !names.contains(&f.name) {
            names.push(f.name);
        }
    }
    let problems: Vec<Problem> = mapping
        .iter()
        .filter(|(name, _)| !names.contains(&name.as_str()))
        .map(|(name, header)| {
            Problem::option(format!(
                "--column {name}={header}: `{name}` is not a field of {source}{}; the fields: {}",
                did_you_mean(name, names.iter().copied()),
                names.join(", ")
            ))
        })
        .collect();
    if problems.is_empty() { Ok(()) } else { Err(super::error::ImportError::many(problems)) }
}

/// The columns of `fields` in `table`; a problem naming each missing required one, with
/// what was looked for and how to map it.
pub fn require(
    table: &Table,
    fields: &[Field],
    mapping: &Mapping,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Option<usize>> {
    fields
        .iter()
        .map(|f| {
            let found = table.find(f, mapping);
            if found.is_none() {
                let mapped = mapping.iter().find(|(name, _)| name == f.name);
                let message = match mapped {
                    Some((_, header)) => format!(
                        "--column {}={header}: the file has no column `{header}`{}; its columns: {}",
                        f.name,
                        table.suggest(header),
                        table.headers.join(", ")
                    ),
                    None => format!(
                        "not {what}: no column for `{}` (looked for {}); if the file has it under another name, give --column {}=HEADER",
                        f.name,
                        f.aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", "),
                        f.name
                    ),
                };
                problems.push(Problem::file(&table.file, message));
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        Table::read(&Input { name: "x.csv".into(), text: text.into() }).unwrap()
    }

    #[test]
    fn headers_are_found_by_meaning_in_any_version() {
        assert_eq!(key("Created date (UTC)"), "created_date");
        assert_eq!(key(" Amount Refunded "), "amount_refunded");
        assert_eq!(key("plan (metadata)"), "plan_metadata");
        let date = Field { name: "date", aliases: &["created_date", "created"] };
        let t = table("\u{feff}id;Created (UTC);Amount\nch_1;2026-01-02;5\n");
        assert_eq!((t.delimiter, t.find(&date, &[])), (Delimiter::Semicolon, Some(1)));
        let mapping = [("date".to_string(), "Amount".to_string())];
        assert_eq!(t.find(&date, &mapping), Some(2), "a mapping wins");
        let t = table("tier (metadata),tier\n,\n");
        assert_eq!(t.metadata("tier"), Some(0));
        let mut problems = Vec::new();
        let found = require(&t, &[date], &[], "a payments export", &mut problems);
        assert_eq!(found, [None]);
        assert!(problems[0].message.contains("no column for `date` (looked for `created_date`, `created`)"));
    }
}
