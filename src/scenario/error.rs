//! Errors a scenario can have, each tied to a dotted key and, where the TOML has it, a span,
//! and their rustc-style rendering (file, line, the source line, what is allowed).

use std::ops::Range;
use std::path::PathBuf;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use thiserror::Error;

use crate::text::escape::{blank_control, escape_control};
use crate::text::number::compact_numbers;

/// One thing wrong with a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Dotted key, e.g. `reseller.tiers.growth.markup`.
    pub key: String,
    /// Byte range in the scenario text, where known.
    pub span: Option<Range<usize>>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What is allowed or how to fix it.
    pub help: Option<String>,
    /// Other keys whose values the check read (a correlation's parameters): a problem says
    /// when one of them came from the command line.
    pub involves: Vec<String>,
}

impl Problem {
    pub fn new(key: impl Into<String>, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Self { key: key.into(), span, message: message.into(), help: None, involves: Vec::new() }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The problem also concerns the values of these keys.
    pub fn involving(mut self, keys: impl IntoIterator<Item = String>) -> Self {
        self.involves.extend(keys);
        self
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, Error)]
pub enum ScenarioError {
    #[error("cannot read scenario file {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{} in {origin}", count(problems.len()))]
    Invalid {
        /// The file name (plus a note when `--set` changed it).
        origin: String,
        /// The text the spans point into.
        text: String,
        problems: Vec<Problem>,
    },
    /// `spec` names the flag and what it was given (`--set `reseller.churn``,
    /// `--vary reseller.churn=0.1..2`).
    #[error("bad {spec}: {reason}")]
    Override { spec: String, reason: String },
}

fn count(n: usize) -> String {
    if n == 1 { "1 problem".to_string() } else { format!("{n} problems") }
}

impl ScenarioError {
    /// The problems found, if this is a validation error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            ScenarioError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }

    /// A rustc-style rendering of every problem; `styled` adds ANSI colour.
    pub fn render(&self, styled: bool) -> String {
        let ScenarioError::Invalid { origin, text, problems } = self else {
            return escape_control(&compact_numbers(&format!("error: {self}"))).into_owned();
        };
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
        // Names and values come from the file: nothing in them may act on the terminal.
        let text = blank_control(text);
        let origin = escape_control(origin);
        let mut out = String::new();
        for problem in problems {
            // Numbers print compactly wherever a message got them from (`1e+308`, never 309
            // digits).
            let title = escape_control(&compact_numbers(&format!("{}: {}", problem.key, problem.message))).into_owned();
            let title = Level::ERROR.primary_title(&title);
            let group = match &problem.span {
                Some(span) if span.end <= text.len() => title.element(
                    Snippet::source(text.as_ref())
                        .path(origin.as_ref())
                        .annotation(AnnotationKind::Primary.span(span.clone())),
                ),
                _ => title.element(annotate_snippets::Origin::path(origin.as_ref())),
            };
            let mut report: Vec<Group<'_>> = vec![group];
            let help = problem.help.as_deref().map(|h| escape_control(&compact_numbers(h)).into_owned());
            if let Some(help) = &help {
                report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
            }
            out.push_str(&renderer.render(&report));
            out.push_str("\n\n");
        }
        out.push_str(&escape_control(&format!("error: {self}")));
        out
    }
}
