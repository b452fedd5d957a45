//! The one CSV reader set-up for every input file (history, cohorts): no implicit header
//! (each reader recognises its own), ragged rows allowed, cells trimmed, `#` lines skipped.

/// A reader over CSV text with sidecast's input conventions.
pub fn reader(text: &str) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes())
}
