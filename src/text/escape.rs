//! Text from a scenario (tier, plan and scenario names) made safe where it is shown: control
//! characters and bidirectional overrides escaped for a terminal ([`escape_control`]), and
//! Markdown's and HTML's special characters escaped for a Markdown report
//! ([`escape_markdown`]). JSON and CSV keep names as typed (their encoders quote them).

use std::borrow::Cow;

/// Whether a character would act on a terminal instead of showing: C0 and C1 controls
/// (but newline and tab), DEL, and the bidirectional overrides that reorder a line.
pub fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with each character that [`acts`] replaced by as many `?` as it has bytes, so
/// byte offsets into it still hold (for source snippets with spans).
pub fn blank_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| acts(c) && c != '\r') {
        return Cow::Borrowed(text);
    }
    let blank = |c: char| if acts(c) && c != '\r' { "?".repeat(c.len_utf8()) } else { c.to_string() };
    Cow::Owned(text.chars().map(blank).collect())
}

/// `text` with every control character written as a visible escape (`\u{1b}`), so a name
/// cannot move the cursor, change colours or reorder the line.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if acts(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect())
}

/// `text` safe inside a Markdown paragraph or table cell: `<`, `>` and `&` as HTML entities
/// (a name such as `<script>` stays text), the characters Markdown would read as
/// formatting (`*`, `_`, `` ` ``, `|`, `[`, `]`, `\`) backslash-escaped, controls escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_control(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '|' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_visible_and_plain_text_is_untouched() {
        assert_eq!(escape_control("Starter"), "Starter");
        assert!(matches!(escape_control("a\nb"), Cow::Borrowed(_)));
        assert_eq!(escape_control("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape_control("x\u{202e}y\u{7}"), "x\\u{202e}y\\u{7}");
    }

    #[test]
    fn markdown_special_characters_stay_text() {
        assert_eq!(escape_markdown("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape_markdown("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(escape_markdown("Pro & Scale"), "Pro &amp; Scale");
    }
}
