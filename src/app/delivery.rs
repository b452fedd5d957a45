//! What a command produces for its output folder, in memory: files (JSON, CSV, Markdown,
//! `report.html`, a scenario) and figures still to draw in the chosen image formats, in the
//! order the folder lists them, plus which file is the command's JSON (the one `--json`
//! copies). The front end decides where they go: the command line stages them in a folder
//! and puts them in place together; the web page sends the JSON.

use super::error::Error;
use crate::chart::{ChartOptions, ImageFormat};
use crate::present::charts::{Figure, Requests};

/// The file name of the page every command that draws writes.
pub const REPORT: &str = "report.html";

/// The charts a command draws: the validated options (size × scale checked before any work),
/// the image formats, in order (none: no images and no `report.html`), and what the reader
/// asked of them (`--title`, `--mean`).
#[derive(Debug, Clone, PartialEq)]
pub struct Charts {
    pub options: ChartOptions,
    pub formats: Vec<ImageFormat>,
    pub requests: Requests,
}

impl Charts {
    /// No charts at all (`--charts none`, or a front end that draws its own).
    pub fn none() -> Self {
        Self { options: ChartOptions::default(), formats: Vec::new(), requests: Requests::default() }
    }

    /// True when the command draws anything (images and `report.html`).
    pub fn any(&self) -> bool {
        !self.formats.is_empty()
    }
}

/// One output of a command.
#[derive(Debug)]
pub enum Entry {
    /// A file of the output folder with its contents.
    File { name: String, bytes: Vec<u8> },
    /// A chart to draw as `STEM.png` and/or `STEM.svg`, in the formats of [`Delivery::charts`].
    Figure { stem: String, figure: Box<Figure> },
}

/// Everything a command produced for its output folder.
#[derive(Debug)]
pub struct Delivery {
    entries: Vec<Entry>,
    json: Option<usize>,
    charts: Charts,
}

impl Delivery {
    /// An empty delivery whose figures will be drawn with `charts`.
    pub fn new(charts: &Charts) -> Self {
        Self { entries: Vec::new(), json: None, charts: charts.clone() }
    }

    /// Adds a file.
    pub fn file(&mut self, name: &str, bytes: Vec<u8>) {
        self.entries.push(Entry::File { name: name.to_string(), bytes });
    }

    /// Adds the command's JSON (the file `--json` copies).
    pub fn json(&mut self, name: &str, bytes: Vec<u8>) {
        self.json = Some(self.entries.len());
        self.file(name, bytes);
    }

    /// Adds the command's JSON, encoding `report` (`what` names it in an error).
    ///
    /// # Errors
    /// [`Error::Encode`] (never for the report types, whose values are all representable).
    pub fn json_of<T: serde::Serialize>(&mut self, name: &str, report: &T, what: &'static str) -> Result<(), Error> {
        let bytes = crate::export::json::to_json(report).map_err(|e| Error::Encode { what, message: e.to_string() })?;
        self.json(name, bytes);
        Ok(())
    }

    /// Adds a CSV file from its encoder's result (`what` names it in an error).
    ///
    /// # Errors
    /// [`Error::Encode`].
    pub fn csv(&mut self, name: &str, result: Result<Vec<u8>, ::csv::Error>, what: &'static str) -> Result<(), Error> {
        let bytes = result.map_err(|e| Error::Encode { what, message: e.to_string() })?;
        self.file(name, bytes);
        Ok(())
    }

    /// Adds `report.html` when the command drew its figures for it.
    pub fn page(&mut self, page: Option<Vec<u8>>) {
        if let Some(bytes) = page {
            self.file(REPORT, bytes);
        }
    }

    /// Adds figures, unless no format was asked for.
    pub fn figures(&mut self, figures: Vec<(String, Figure)>) {
        if self.charts.any() {
            self.entries
                .extend(figures.into_iter().map(|(stem, figure)| Entry::Figure { stem, figure: Box::new(figure) }));
        }
    }

    /// The outputs in folder order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The chart options and formats figures are drawn with.
    pub fn charts(&self) -> &Charts {
        &self.charts
    }

    /// The command's JSON, if it has one.
    pub fn json_bytes(&self) -> Option<&[u8]> {
        match self.json.and_then(|i| self.entries.get(i)) {
            Some(Entry::File { bytes, .. }) => Some(bytes),
            _ => None,
        }
    }

    /// The contents of the file `name`, if the delivery has it.
    pub fn bytes(&self, name: &str) -> Option<&[u8]> {
        self.entries.iter().find_map(|e| match e {
            Entry::File { name: n, bytes } if n == name => Some(bytes.as_slice()),
            _ => None,
        })
    }

    /// The names of the files the folder will hold, in order (each figure once per format).
    pub fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for entry in &self.entries {
            match entry {
                Entry::File { name, .. } => names.push(name.clone()),
                Entry::Figure { stem, .. } => {
                    names.extend(self.charts.formats.iter().map(|f| format!("{stem}.{}", f.extension())));
                }
            }
        }
        names
    }
}
