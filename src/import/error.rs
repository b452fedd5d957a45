//! Why an import was refused: every problem found, each naming the file, the 1-based line
//! (the header is line 1), the column where there is one, and what to do. Nothing is
//! written when there is any.

use std::fmt;

/// Most problems listed; the rest are counted.
const MAX_LISTED: usize = 40;

/// One thing wrong with an input file or the options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file it is in (empty for an option).
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    pub fn file(file: &str, message: String) -> Self {
        Problem { file: file.to_string(), line: None, column: None, message }
    }

    pub fn option(message: String) -> Self {
        Problem { file: String::new(), line: None, column: None, message }
    }

    pub fn cell(file: &str, line: u64, column: &str, message: String) -> Self {
        Problem { file: file.to_string(), line: Some(line), column: Some(column.to_string()), message }
    }

    pub fn column(file: &str, column: &str, message: String) -> Self {
        Problem { file: file.to_string(), line: None, column: Some(column.to_string()), message }
    }

    pub fn line(file: &str, line: u64, message: String) -> Self {
        Problem { file: file.to_string(), line: Some(line), column: None, message }
    }

    fn place(&self) -> String {
        let mut place = self.file.clone();
        if let Some(line) = self.line {
            place.push_str(&format!(" line {line}"));
        }
        if let Some(column) = &self.column {
            let sep = if self.line.is_some() { ", " } else { " " };
            place.push_str(&format!("{sep}column `{column}`"));
        }
        place
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.place();
        if place.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{place}: {}", self.message) }
    }
}

/// Why an import was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub problems: Vec<Problem>,
}

impl ImportError {
    pub fn one(problem: Problem) -> Self {
        ImportError { problems: vec![problem] }
    }

    pub fn many(problems: Vec<Problem>) -> Self {
        ImportError { problems }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = &self.problems[..] {
            return write!(f, "{only}");
        }
        write!(f, "{} problems, each listed (nothing was written):", self.problems.len())?;
        for p in self.problems.iter().take(MAX_LISTED) {
            write!(f, "\n  {p}")?;
        }
        if self.problems.len() > MAX_LISTED {
            write!(f, "\n  ... and {} more", self.problems.len() - MAX_LISTED)?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// Problems found so far; an import stops at the end of a stage that found any.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Err` with every problem when there is any.
    ///
    /// # Errors
    /// The problems collected.
    pub fn check(&mut self) -> Result<(), ImportError> {
        if self.0.is_empty() { Ok(()) } else { Err(ImportError { problems: std::mem::take(&mut self.0) }) }
    }
}
