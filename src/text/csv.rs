//! The one CSV reader set-up for every input file (history, cohorts, exports): no implicit
//! header (each reader recognises its own), ragged rows allowed, cells trimmed, `#` lines
//! skipped; a byte-order mark removed; the separator (`,`, `;` or tab) sniffed from the
//! header line ([`sniff`]).

/// A file's field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// `,`, `;` or `tab`, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "`,`",
            Delimiter::Semicolon => "`;`",
            Delimiter::Tab => "tab",
        }
    }
}

/// The text without a leading byte-order mark, and whether it had one.
pub fn without_bom(text: &str) -> (&str, bool) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    }
}

/// The separator of the first line that is not a comment or blank: whichever of tab, `;`
/// and `,` occurs most often outside quotes (a comma when none does).
pub fn sniff(text: &str) -> Delimiter {
    let header = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let order = [Delimiter::Tab, Delimiter::Semicolon, Delimiter::Comma];
    let best = (0..3).max_by_key(|&i| (counts[i], i)).unwrap_or(2);
    if counts[best] == 0 { Delimiter::Comma } else { order[best] }
}

/// A reader over CSV text with sidecast's input conventions, comma-separated.
pub fn reader(text: &str) -> ::csv::Reader<&[u8]> {
    reader_with(text, Delimiter::Comma)
}

/// A reader over CSV text with sidecast's input conventions and this separator.
pub fn reader_with(text: &str, delimiter: Delimiter) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .comment(Some(b'#'))
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_comes_from_the_header() {
        assert_eq!(sniff("month;revenue;cogs\n1;640,5;544\n"), Delimiter::Semicolon);
        assert_eq!(sniff("# notes, with commas\nmonth\trevenue\n"), Delimiter::Tab);
        assert_eq!(sniff("month,revenue\n"), Delimiter::Comma);
        assert_eq!(sniff("\"a;b\",c\n"), Delimiter::Comma, "quoted separators do not count");
        assert_eq!(sniff("month\n"), Delimiter::Comma);
        assert_eq!(without_bom("\u{feff}month"), ("month", true));
    }
}
