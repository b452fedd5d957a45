//! The scenario a live page explores: the file's text, read once when the page starts, and
//! the scenario it gives with a page's `--set` values applied exactly as `run --set` applies
//! them (same parsing, same validation, same messages), so a page's numbers and refusals
//! are those of the command line.

use std::path::{Path, PathBuf};

use crate::app::Error;
use crate::scenario::{LoadContext, Override, Scenario, parse_in, read_text};

/// Most `--set` values one request may carry.
pub const MAX_SETS: usize = 64;

/// The scenario's keys whose values name files, which a page's values may not set.
const FILE_KEYS: [&str; 1] = ["parameter_sets"];

/// A scenario file as the page started with it.
#[derive(Debug, Clone)]
pub struct Source {
    text: String,
    /// The path as the user gave it: messages and `summary.json`'s `source` show it.
    origin: String,
    folder: PathBuf,
}

impl Source {
    /// Reads the file (at most 10 MB of UTF-8, like every scenario); whether it loads is
    /// for [`Source::scenario`] to say.
    ///
    /// # Errors
    /// [`Error::Scenario`] when the file cannot be read.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = read_text(path)?;
        Ok(Self::from_text(text, &path.display().to_string(), path.parent().unwrap_or(Path::new(""))))
    }

    /// A source from text already read; `origin` names it, `folder` is where files it
    /// names are read from.
    pub fn from_text(text: String, origin: &str, folder: &Path) -> Self {
        Self { text, origin: origin.to_string(), folder: folder.to_path_buf() }
    }

    /// The file's text as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The path as the user gave it.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The folder the file is in (where a saved copy goes).
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The scenario with each `KEY=VALUE` applied as `run --set KEY=VALUE` would.
    ///
    /// # Errors
    /// [`Error::Usage`] for more than [`MAX_SETS`] values; [`Error::Scenario`] with the
    /// message `run` prints for the same `--set` values.
    pub fn scenario(&self, sets: &[String]) -> Result<Scenario, Error> {
        if sets.len() > MAX_SETS {
            return Err(Error::Usage(format!("{} --set values is too many; at most {MAX_SETS}", sets.len())));
        }
        let overrides = sets.iter().map(|s| s.parse::<Override>()).collect::<Result<Vec<_>, _>>()?;
        // A page moves numbers; which file the scenario reads is the file's to say. A web
        // request that named one would have the server read any file it can (and a fifo
        // would hold the run queue).
        if let Some(file) = overrides.iter().find(|o| FILE_KEYS.contains(&o.dotted_key().as_str())) {
            return Err(Error::Usage(format!(
                "{}: a page's values cannot name a file; the scenario's own `{}` stays (edit the file to change it)",
                file.describe(),
                file.dotted_key()
            )));
        }
        self.scenario_with(&overrides)
    }

    /// The scenario with overrides applied, as `load` applies the command line's.
    ///
    /// # Errors
    /// [`Error::Scenario`] with every problem found.
    pub fn scenario_with(&self, overrides: &[Override]) -> Result<Scenario, Error> {
        let context = LoadContext {
            folder: self.folder.clone(),
            pinned: overrides.iter().map(Override::dotted_key).collect(),
            sets_text: None,
        };
        Ok(parse_in(&self.text, &self.origin, overrides, &context)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source {
        let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
        Source::from_text(text, "scenarios/reseller.toml", Path::new("scenarios"))
    }

    #[test]
    fn sets_apply_as_on_the_command_line() {
        let base = source().scenario(&[]).unwrap();
        let changed = source().scenario(&["reseller.churn=0.15".into()]).unwrap();
        assert_ne!(format!("{base:?}"), format!("{changed:?}"));
        let loaded =
            crate::scenario::load(Path::new("scenarios/reseller.toml"), &["reseller.churn=0.15".parse().unwrap()])
                .unwrap();
        assert_eq!(format!("{changed:?}"), format!("{loaded:?}"), "the page's scenario is the command line's");
    }

    #[test]
    fn refusals_are_the_command_lines() {
        let error = source().scenario(&["reseller.churn=2".into()]).unwrap_err().render(false);
        assert!(error.contains("reseller.churn: 2 is out of range (from --set reseller.churn=2)"), "{error}");
        assert!(error.contains("--> scenarios/reseller.toml"), "{error}");
        let error = source().scenario(&["reseller.churn".into()]).unwrap_err().render(false);
        assert!(error.contains("bad --set `reseller.churn`: expected KEY=VALUE"), "{error}");
        // A web request that named a file read it and echoed it line by line.
        for set in ["parameter_sets=\"/etc/passwd\"", " parameter_sets = '../../etc/passwd'"] {
            let error = source().scenario(&[set.into()]).unwrap_err().render(false);
            assert!(error.contains("cannot name a file") && !error.contains("root"), "{error}");
        }
        let many = vec!["reseller.churn=0.1".to_string(); MAX_SETS + 1];
        assert!(source().scenario(&many).unwrap_err().render(false).contains("at most 64"));
    }
}
