//! Numbers as spreadsheets and exports write them: `1180`, `$1,180.00`, `1.180,00 €`,
//! `1 180,50`, `(12.00)`, `-$12`, `15%`. [`read`] takes one cell and the file's decimal
//! separator; [`decimal_hint`] says what one cell shows about that separator, so a reader can
//! decide it for a whole file and say how ([`Decimal::decide`]).
//!
//! Rules: a currency symbol or code may stand before or after the number (`$`, `€`, `£`,
//! `¥`, `₹`, `US$`, `USD`, `EUR`, ...); the sign may be `-`, `−` or accounting parentheses;
//! thousands separators (`,` or `.`, whichever is not the decimal one, a space or `'`) must
//! split the whole part into groups of three; a trailing `%` divides by 100. Nothing else is a
//! number: no exponents, no `nan`, no words.

/// The decimal separator of a file's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decimal {
    /// `1,180.50`
    Point,
    /// `1.180,50`
    Comma,
}

impl Decimal {
    fn mark(self) -> char {
        match self {
            Decimal::Point => '.',
            Decimal::Comma => ',',
        }
    }

    fn other(self) -> Decimal {
        match self {
            Decimal::Point => Decimal::Comma,
            Decimal::Comma => Decimal::Point,
        }
    }

    /// The separator for a file: `forced` (a flag) if given, else what its cells show, else
    /// `default`. `Err` with one cell of each kind when the cells disagree.
    ///
    /// # Errors
    /// `(a cell only a decimal point reads, a cell only a decimal comma reads)`.
    pub fn decide<'a>(
        forced: Option<Decimal>,
        cells: impl IntoIterator<Item = &'a str>,
        default: Decimal,
    ) -> Result<Decided, (String, String)> {
        if let Some(decimal) = forced {
            return Ok(Decided { decimal, shown_by: None, ambiguous: None });
        }
        let (mut point, mut comma, mut ambiguous) = (None, None, None);
        for cell in cells {
            match decimal_hint(cell) {
                Hint::Shows(Decimal::Point) if point.is_none() => point = Some(cell.trim().to_string()),
                Hint::Shows(Decimal::Comma) if comma.is_none() => comma = Some(cell.trim().to_string()),
                Hint::Either if ambiguous.is_none() => ambiguous = Some(cell.trim().to_string()),
                _ => {}
            }
        }
        match (point, comma) {
            (Some(p), Some(c)) => Err((p, c)),
            (Some(p), None) => Ok(Decided { decimal: Decimal::Point, shown_by: Some(p), ambiguous }),
            (None, Some(c)) => Ok(Decided { decimal: Decimal::Comma, shown_by: Some(c), ambiguous }),
            (None, None) => Ok(Decided { decimal: default, shown_by: None, ambiguous }),
        }
    }
}

/// A file's decimal separator and what decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub decimal: Decimal,
    /// A cell that only this separator reads, when the cells decided it.
    pub shown_by: Option<String>,
    /// A cell that either separator reads differently (`1,180`), if any.
    pub ambiguous: Option<String>,
}

/// What one cell says about the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Nothing: no separator, or not a number.
    Nothing,
    /// Only this separator reads it (`1180,50`, `1,180.5`, `1.180.000`).
    Shows(Decimal),
    /// Both read it, differently: one separator followed by three digits (`1,180`).
    Either,
}

/// A number read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub value: f64,
    /// Written with `%` (the value is already divided by 100).
    pub percent: bool,
    /// The currency symbol or code written beside it, upper case (`$`, `€`, `USD`).
    pub currency: Option<&'static str>,
}

/// Why a cell is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotANumber {
    /// Not a number in any style.
    Unreadable,
    /// A number only with the other decimal separator (`12,5` in a file of decimal points).
    OtherDecimal,
}

const CURRENCIES: [(&str, &str); 16] = [
    ("US$", "$"),
    ("CA$", "CA$"),
    ("A$", "A$"),
    ("C$", "CA$"),
    ("$", "$"),
    ("€", "€"),
    ("£", "£"),
    ("¥", "¥"),
    ("₹", "₹"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("CHF", "CHF"),
    ("JPY", "JPY"),
];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// The cell without its currency, sign, parentheses and percent sign: (negative, percent,
/// currency, the digits and separators).
fn strip(cell: &str) -> Option<(bool, bool, Option<&'static str>, &str)> {
    let mut text = cell.trim_matches(is_space);
    let mut negative = false;
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        text = inner.trim_matches(is_space);
    }
    let percent = text.ends_with('%');
    text = text.trim_end_matches('%').trim_matches(is_space);
    let mut currency = None;
    for _ in 0..2 {
        if let Some(rest) = text.strip_prefix(['-', '−']) {
            negative = !negative;
            text = rest.trim_start_matches(is_space);
        }
        if let Some(rest) = text.strip_suffix(['-', '−']) {
            negative = !negative;
            text = rest.trim_end_matches(is_space);
        }
        // Most cells are bare numbers: look for a symbol only where a digit is not.
        let digit_ends = text.starts_with(|c: char| c.is_ascii_digit()) && text.ends_with(|c: char| c.is_ascii_digit());
        for (symbol, name) in CURRENCIES.iter().filter(|_| currency.is_none() && !digit_ends) {
            if let Some(rest) = text.strip_prefix(symbol) {
                currency = Some(*name);
                text = rest.trim_start_matches(is_space);
                break;
            } else if let Some(rest) = text.strip_suffix(symbol) {
                currency = Some(*name);
                text = rest.trim_end_matches(is_space);
                break;
            }
        }
    }
    let digits = text.chars().any(|c| c.is_ascii_digit());
    let allowed = text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'') || is_space(c));
    (digits && allowed && text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ','))
        .then_some((negative, percent, currency, text))
}

/// What `cell` shows about the decimal separator.
pub fn decimal_hint(cell: &str) -> Hint {
    let Some((_, _, _, text)) = strip(cell) else { return Hint::Nothing };
    let (dots, commas) = (text.matches('.').count(), text.matches(',').count());
    let last = |mark: char| text.rfind(mark).map_or(0, |i| text.len() - i - 1);
    let shows = |decimal: Decimal| match read(cell, decimal) {
        Ok(_) => Hint::Shows(decimal),
        Err(_) => Hint::Nothing,
    };
    match (dots, commas) {
        (0, 0) => Hint::Nothing,
        (_, 0) if dots > 1 => shows(Decimal::Comma),
        (0, _) if commas > 1 => shows(Decimal::Point),
        (1, 0) if last('.') == 3 => Hint::Either,
        (0, 1) if last(',') == 3 => Hint::Either,
        (1, 0) => shows(Decimal::Point),
        (0, 1) => shows(Decimal::Comma),
        _ if text.rfind('.') > text.rfind(',') => shows(Decimal::Point),
        _ => shows(Decimal::Comma),
    }
}

/// Reads a cell as a number with `decimal` as its decimal separator; `Ok(None)` for an
/// empty cell.
///
/// # Errors
/// [`NotANumber::OtherDecimal`] when only the other separator reads it,
/// [`NotANumber::Unreadable`] otherwise.
pub fn read(cell: &str, decimal: Decimal) -> Result<Option<Amount>, NotANumber> {
    if cell.trim_matches(is_space).is_empty() {
        return Ok(None);
    }
    match parse(cell, decimal) {
        Some(amount) => Ok(Some(amount)),
        None if parse(cell, decimal.other()).is_some() => Err(NotANumber::OtherDecimal),
        None => Err(NotANumber::Unreadable),
    }
}

fn parse(cell: &str, decimal: Decimal) -> Option<Amount> {
    let (negative, percent, currency, text) = strip(cell)?;
    let mark = decimal.mark();
    let (whole, fraction) = match text.split_once(mark) {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    // A space groups thousands (`1 180,50`); a line break inside a quoted cell does not
    // (`"100⏎200"` read as 100,200).
    let separates = |c: char| c == decimal.other().mark() || c == '\'' || (is_space(c) && !matches!(c, '\n' | '\r'));
    let groups: Vec<&str> = whole.split(separates).collect();
    let grouped = groups.len() > 1;
    let valid = groups.iter().enumerate().all(|(i, g)| {
        g.chars().all(|c| c.is_ascii_digit())
            && if i == 0 { !grouped || (1..=3).contains(&g.len()) } else { g.len() == 3 }
    });
    if !valid || (whole.is_empty() && fraction.is_none()) {
        return None;
    }
    let digits = groups.concat();
    let number = format!("{}.{}", if digits.is_empty() { "0" } else { &digits }, fraction.unwrap_or("0"));
    let value: f64 = number.parse().ok()?;
    let value = if negative { -value } else { value };
    Some(Amount { value: if percent { value / 100.0 } else { value }, percent, currency })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(cell: &str, decimal: Decimal) -> Option<f64> {
        read(cell, decimal).ok().flatten().map(|a| a.value)
    }

    #[test]
    fn a_line_break_does_not_group_thousands() {
        assert!(read("100\n200", Decimal::Point).is_err());
        assert!(read("1\r\n180", Decimal::Point).is_err());
        assert_eq!(read("1 180", Decimal::Point).unwrap().unwrap().value, 1180.0);
    }

    #[test]
    fn reads_what_spreadsheets_write() {
        let point = [
            ("1180", 1180.0),
            ("1180.5", 1180.5),
            ("$1,180.00", 1180.0),
            ("\"$1,180.00\"", f64::NAN),
            ("-$12", -12.0),
            ("$-12", -12.0),
            ("(12.00)", -12.0),
            ("US$ 1,234,567.89", 1_234_567.89),
            ("1 180.50", 1180.5),
            ("1'180.50", 1180.5),
            ("15%", 0.15),
            ("12.5 %", 0.125),
            (".5", 0.5),
            ("−3", -3.0),
            ("USD 19.99", 19.99),
            ("19.99 USD", 19.99),
        ];
        for (cell, expected) in point {
            match value(cell, Decimal::Point) {
                Some(v) => assert!((v - expected).abs() < 1e-9, "{cell}: {v}"),
                None => assert!(expected.is_nan(), "{cell} unread"),
            }
        }
        let comma =
            [("1.180,00 €", 1180.0), ("1180,5", 1180.5), ("1 180,50 €", 1180.5), ("-1.234.567,8", -1_234_567.8)];
        for (cell, expected) in comma {
            assert_eq!(value(cell, Decimal::Comma), Some(expected), "{cell}");
        }
        assert_eq!(read("1.180,00 €", Decimal::Comma).unwrap().unwrap().currency, Some("€"));
        assert_eq!(read("", Decimal::Point), Ok(None));
    }

    #[test]
    fn refuses_what_is_not_a_number_and_names_the_other_decimal() {
        for cell in ["1e3", "nan", "inf", "12a", "1,18", "1,1800", "$", "-", "1..2", "1.2.3", "twelve", "1,000,00"] {
            assert!(read(cell, Decimal::Point).is_err(), "{cell}");
        }
        assert_eq!(read("12,5", Decimal::Point), Err(NotANumber::OtherDecimal));
        assert_eq!(read("1180.50", Decimal::Comma), Err(NotANumber::OtherDecimal));
        assert_eq!(read("abc", Decimal::Comma), Err(NotANumber::Unreadable));
    }

    #[test]
    fn a_file_decides_its_decimal_separator_from_its_cells() {
        let decided = Decimal::decide(None, ["1,180", "640", "1180,50"], Decimal::Point).unwrap();
        assert_eq!((decided.decimal, decided.shown_by.as_deref()), (Decimal::Comma, Some("1180,50")));
        assert_eq!(decided.ambiguous.as_deref(), Some("1,180"));
        let decided = Decimal::decide(None, ["1.180", "640"], Decimal::Comma).unwrap();
        assert_eq!((decided.decimal, decided.shown_by), (Decimal::Comma, None), "the default decides 1.180");
        assert_eq!(Decimal::decide(None, ["1,180.5", "3,5"], Decimal::Point), Err(("1,180.5".into(), "3,5".into())));
        let forced = Decimal::decide(Some(Decimal::Comma), ["1,180.5"], Decimal::Point).unwrap();
        assert_eq!(forced.decimal, Decimal::Comma);
        assert_eq!(decimal_hint("$1,234,567"), Hint::Shows(Decimal::Point));
        assert_eq!(decimal_hint("1.234.567 €"), Hint::Shows(Decimal::Comma));
        assert_eq!(decimal_hint("abc"), Hint::Nothing);
    }
}
