//! The one CSV reader set-up for every input file (history, cohorts, exports): no implicit
//! header (each reader recognises its own), ragged rows allowed, cells trimmed, `#` lines
//! skipped; a byte-order mark removed; the separator (`,`, `;` or tab) sniffed from the
//! header line ([`sniff`]); each record with the line of the file it starts on, as an
//! editor numbers them, whatever the line endings ([`records`]).

use std::io::Cursor;

use ::csv::StringRecord;

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

/// The records of comma-separated text, each with its line.
pub fn records(text: &str) -> Records {
    records_with(text, Delimiter::Comma)
}

/// The records of CSV text with sidecast's input conventions and this separator, each with
/// the line of the file it starts on.
pub fn records_with(text: &str, delimiter: Delimiter) -> Records {
    let reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .comment(Some(b'#'))
        .delimiter(delimiter.byte())
        .from_reader(Cursor::new(one_line_ending(text)));
    Records { reader, line: 1, at: 0 }
}

/// Where a row with one cell too many probably split a number: two neighbouring cells that
/// read as one number with a thousands separator (`1`, `200`).
pub fn split_number_hint(cells: &[String]) -> String {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let groups = |s: &str| {
        let whole = s.split('.').next().unwrap_or("");
        whole.len() == 3 && digits(whole) && s.split('.').nth(1).is_none_or(digits)
    };
    cells
        .windows(2)
        .find(|w| {
            let lead = w[0].trim_start_matches(['$', '-']);
            digits(lead) && lead.len() <= 3 && groups(&w[1])
        })
        .map_or_else(
            || {
                " (an unquoted thousands separator such as 1,180 splits a number in two; write 1180 or \"1,180\")"
                    .into()
            },
            |w| {
                format!(
                    " (`{},{}` looks like one number split by its thousands separator: write {}{} or quote it)",
                    w[0], w[1], w[0], w[1]
                )
            },
        )
}

/// A record, or the reader's error, and the line of the file where it starts (1-based).
pub type Numbered = (u64, Result<StringRecord, ::csv::Error>);

/// The records of a file and their lines. The csv crate's own line numbers are not the
/// file's: a record is placed where the reader began looking for it, before the blank and
/// `#` lines it skipped, and a CRLF file's records a line too low (it counts a line only at
/// the `\n` it has not consumed yet, BurntSushi/rust-csv#395). So the text is read with one
/// line ending, and each record's line is counted here from its first byte.
pub struct Records {
    reader: ::csv::Reader<Cursor<Vec<u8>>>,
    /// The line of byte `at`, the start of the last record.
    line: u64,
    at: usize,
}

impl Records {
    /// The line of the first record at or after byte `start`: the line breaks before it,
    /// then the blank and comment lines the reader skips.
    fn line_from(&mut self, start: usize) -> u64 {
        let bytes = self.reader.get_ref().get_ref();
        let start = start.clamp(self.at, bytes.len());
        self.line += bytes[self.at..start].iter().filter(|&&b| b == b'\n').count() as u64;
        self.at = start;
        let (mut line, mut rest) = (self.line, &bytes[start..]);
        while let Some(&first) = rest.first()
            && (first == b'\n' || first == b'#')
        {
            let end = rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
            rest = &rest[end..];
            line += 1;
        }
        line
    }
}

impl Iterator for Records {
    type Item = Numbered;

    fn next(&mut self) -> Option<Numbered> {
        let mut record = StringRecord::new();
        let read = self.reader.read_record(&mut record);
        let position = match &read {
            Ok(_) => record.position(),
            Err(e) => e.position(),
        };
        let line = self.line_from(position.map_or(self.at, |p| p.byte() as usize));
        match read {
            Ok(true) => Some((line, Ok(record))),
            Ok(false) => None,
            Err(e) => Some((line, Err(e))),
        }
    }
}

/// The text with every line ending (`\r\n` from Excel, PayPal and Windows, `\r` alone from
/// an old Mac) written `\n`, as the reader reads it. A line ending inside a quoted cell
/// becomes `\n` too, which no reader here tells apart.
fn one_line_ending(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\r' {
            bytes.next_if_eq(&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
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

    #[test]
    fn each_record_has_the_line_an_editor_shows_whatever_the_line_endings() {
        // A header; a record; a blank line and a comment; a record with a line break in a
        // quoted cell; two blank lines; a record; a comment at the end. An editor shows the
        // records on lines 1, 2, 5 and 9, whichever line ending the file uses (Excel and
        // PayPal write CRLF; the csv crate alone places the third record on line 3, and
        // every record of a CRLF file a line too low).
        let lf = "month,note\n1,a\n\n# comment, with a comma\n2,\"two\nlines\"\n\n\n3,c\n# end\n";
        let want = [(1, "month|note"), (2, "1|a"), (5, "2|two\nlines"), (9, "3|c")].map(|(l, r)| (l, r.to_string()));
        for ending in ["\n", "\r\n", "\r"] {
            let text = lf.replace('\n', ending);
            let got: Vec<(u64, String)> = records(&text)
                .map(|(line, r)| (line, r.map(|r| r.iter().collect::<Vec<_>>().join("|")).unwrap_or_default()))
                .collect();
            assert_eq!(got, want, "line ending {ending:?}");
        }
        // Without a final line ending, and from the first line.
        let got: Vec<u64> = records("# note\nmonth\r\n1").map(|(line, _)| line).collect();
        assert_eq!(got, [2, 3]);
    }
}
