//! The rows of the resolved listing: one scenario key and its value in words, and whether
//! the user gave it.

/// One scenario key and its resolved value in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub value: String,
    /// Whether the file (or a `--set`) gave it; otherwise it is the default.
    pub given: bool,
}

/// Builds the rows; `given(key)` says whether the user set a key.
pub struct Rows<'a> {
    pub rows: Vec<Row>,
    given: &'a dyn Fn(&str) -> bool,
}

impl<'a> Rows<'a> {
    pub fn new(given: &'a dyn Fn(&str) -> bool) -> Self {
        Rows { rows: Vec::new(), given }
    }

    /// Adds `key` with its value in words.
    pub fn push(&mut self, key: &str, value: String) {
        self.rows.push(Row { key: key.to_string(), given: (self.given)(key), value });
    }
}
