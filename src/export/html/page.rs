//! The page every command's `report.html` is made of: the answer first (a kicker naming
//! what was simulated, the headline sentence as the title, a lede and the lead blocks,
//! usually the lead chart), then sections of paragraphs, lists, tables, figures and code,
//! rendered as one self-contained HTML5 document. Self-contained means no network and no
//! other file: the style sheet is inline ([`STYLE`]), the charts are inline SVG whose text
//! is already glyph outlines (so no font is needed; [`compact`](super::compact) makes them
//! light), and there is no link and no `url(` anywhere, and no script unless the page
//! embeds an explorable (`run --explore`), whose scripts are inline too. A chart's title and
//! subtitle are the figure's caption, real text that wraps on a phone. Every text given to
//! a page is escaped here ([`escape`]), so a scenario called `<b>` shows as `<b>`.

use std::fmt::Write;

use super::compact::compact_paths;

/// The page's style sheet: readable from a 390 px phone to a desktop, and in print.
const STYLE: &str = include_str!("report.css");

/// A whole page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// A short line above the title saying what was simulated (the scenario's name).
    pub kicker: Option<String>,
    /// The `<h1>`: the answer in a sentence. Also the document's `<title>`, after the kicker.
    pub title: String,
    /// Paragraphs under the title.
    pub lede: Vec<String>,
    /// What follows the lede before the first section: the lead chart, the key facts.
    pub lead: Vec<Block>,
    pub sections: Vec<Section>,
}

/// A titled part of the page (`<h2>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

impl Section {
    pub fn new(heading: impl Into<String>, blocks: Vec<Block>) -> Self {
        Section { heading: heading.into(), blocks }
    }
}

/// One piece of a section's content; all text is plain (escaped when rendered).
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A sub-heading (`<h3>`).
    Heading(String),
    List(Vec<String>),
    Table(Table),
    Figure(InlineFigure),
    /// Preformatted text: a command, a snippet.
    Code(String),
    /// Markup this module made and escaped already (the explorable of `run --explore`,
    /// with its scripts), and the style it needs, which goes into the page's head.
    Embedded {
        html: String,
        style: String,
    },
}

/// A table whose first column names its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: a value, and optionally a range shown under it in smaller type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub value: String,
    pub range: Option<String>,
    /// A row's name that is a part of the row above (a programme under the total),
    /// shown indented.
    pub indented: bool,
}

impl Cell {
    pub fn new(value: impl Into<String>) -> Self {
        Cell { value: value.into(), range: None, indented: false }
    }

    pub fn with_range(value: impl Into<String>, range: impl Into<String>) -> Self {
        Cell { value: value.into(), range: Some(range.into()), indented: false }
    }

    /// The same cell, indented (in a row's first column).
    pub fn indented(self) -> Self {
        Cell { indented: true, ..self }
    }
}

/// A chart, drawn: its SVG documents (from the chart module, text as outlines, drawn
/// without their titles, which the page writes as the figure's caption) at the wide size
/// and, optionally, a phone's drawing shown instead on narrow screens; a title, a subtitle
/// and a description for screen readers and for when images are off.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InlineFigure {
    /// The file stem of the same chart's image (`waterfall`), which places it on the page.
    pub stem: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub description: String,
    pub wide: String,
    pub narrow: Option<String>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Page {
    /// The HTML document.
    pub fn render(&self) -> String {
        let mut html = String::with_capacity(64 * 1024);
        let document_title = match &self.kicker {
            Some(kicker) => format!("{kicker}: {}", self.title),
            None => self.title.clone(),
        };
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"sidecast {}\">\n<title>{}</title>\n<style>\n{STYLE}{}</style>\n\
             </head>\n<body>\n<main>\n<header>\n",
            env!("CARGO_PKG_VERSION"),
            escape(&document_title),
            self.embedded_style(),
        );
        if let Some(kicker) = &self.kicker {
            let _ = writeln!(html, "<p class=\"kicker\">{}</p>", escape(kicker));
        }
        let _ = writeln!(html, "<h1>{}</h1>", escape(&self.title));
        for paragraph in &self.lede {
            let _ = writeln!(html, "<p class=\"lede\">{}</p>", escape(paragraph));
        }
        html.push_str("</header>\n");
        let mut figures = 0;
        if !self.lead.is_empty() {
            html.push_str("<div class=\"lead\">\n");
            for block in &self.lead {
                block_html(&mut html, block, &mut figures);
            }
            html.push_str("</div>\n");
        }
        for section in &self.sections {
            let _ = writeln!(html, "<section>\n<h2>{}</h2>", escape(&section.heading));
            for block in &section.blocks {
                block_html(&mut html, block, &mut figures);
            }
            html.push_str("</section>\n");
        }
        html.push_str("</main>\n</body>\n</html>\n");
        // Names reach the page in titles, tables and inline charts: a control character in
        // one is shown as `\u{1b}`, never sent raw to the browser.
        crate::text::escape_control(&html).into_owned()
    }
}

impl Page {
    /// The style of every embedded block.
    fn embedded_style(&self) -> String {
        let blocks = self.lead.iter().chain(self.sections.iter().flat_map(|s| &s.blocks));
        blocks.filter_map(|b| if let Block::Embedded { style, .. } = b { Some(style.as_str()) } else { None }).collect()
    }
}

fn block_html(html: &mut String, block: &Block, figures: &mut usize) {
    match block {
        Block::Paragraph(text) => {
            let _ = writeln!(html, "<p>{}</p>", escape(text));
        }
        Block::Heading(text) => {
            let _ = writeln!(html, "<h3>{}</h3>", escape(text));
        }
        Block::List(items) => {
            html.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(html, "<li>{}</li>", escape(item));
            }
            html.push_str("</ul>\n");
        }
        Block::Table(table) => table_html(html, table),
        Block::Figure(figure) => {
            *figures += 1;
            figure_html(html, figure, *figures);
        }
        Block::Code(text) => {
            let _ = writeln!(html, "<pre tabindex=\"0\"><code>{}</code></pre>", escape(text));
        }
        Block::Embedded { html: markup, .. } => html.push_str(markup),
    }
}

fn table_html(html: &mut String, table: &Table) {
    // A table can scroll sideways on a phone: its box takes the keyboard's focus too.
    let name = table.header.first().filter(|h| !h.is_empty()).map_or("Table", String::as_str);
    let _ = write!(
        html,
        "<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>\n<thead><tr>",
        escape(name)
    );
    for (i, heading) in table.header.iter().enumerate() {
        let scope = if i == 0 { "" } else { " class=\"number\"" };
        let _ = write!(html, "<th scope=\"col\"{scope}>{}</th>", escape(heading));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let (open, close) = match (i, cell.indented) {
                (0, false) => ("<th scope=\"row\">", "</th>"),
                (0, true) => ("<th scope=\"row\" class=\"part\">", "</th>"),
                _ => ("<td>", "</td>"),
            };
            let range = cell
                .range
                .as_deref()
                .map_or_else(String::new, |r| format!(" <span class=\"range\">{}</span>", escape(r)));
            let _ = write!(html, "{open}{}{range}{close}", escape(&cell.value));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table></div>\n");
}

fn figure_html(html: &mut String, figure: &InlineFigure, n: usize) {
    html.push_str("<figure>\n");
    if !figure.title.is_empty() || figure.subtitle.is_some() {
        html.push_str("<figcaption>");
        if !figure.title.is_empty() {
            let _ = write!(html, "<span class=\"title\">{}</span>", escape(&figure.title));
        }
        if let Some(subtitle) = figure.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
            let _ = write!(html, " <span class=\"subtitle\">{}</span>", escape(subtitle));
        }
        html.push_str("</figcaption>\n");
    }
    let narrow = figure.narrow.as_deref();
    let class = if narrow.is_some() { "wide" } else { "only" };
    let _ = writeln!(html, "<div class=\"{class}\">{}</div>", svg_element(&figure.wide, figure, &format!("f{n}w")));
    if let Some(svg) = narrow {
        let _ = writeln!(html, "<div class=\"narrow\">{}</div>", svg_element(svg, figure, &format!("f{n}n")));
    }
    html.push_str("</figure>\n");
}

/// The chart module's SVG document as an element of the page: no XML prolog, no fixed
/// width or height (it scales with the column through its `viewBox`), its outlines written
/// compactly, and a role, title and description for screen readers.
pub fn svg_element(svg: &str, figure: &InlineFigure, id: &str) -> String {
    let Some(start) = svg.find("<svg") else { return String::new() };
    let svg = &svg[start..];
    let Some(end) = svg.find('>') else { return String::new() };
    let attributes: Vec<&str> = split_attributes(&svg[4..end])
        .into_iter()
        .filter(|a| !a.starts_with("width=") && !a.starts_with("height="))
        .collect();
    format!(
        "<svg {} role=\"img\" aria-labelledby=\"{id}t {id}d\"><title id=\"{id}t\">{}</title><desc id=\"{id}d\">{}</desc>{}",
        attributes.join(" "),
        escape(&figure.title),
        escape(&figure.description),
        compact_paths(&svg[end + 1..])
    )
}

/// `name="value"` pairs of a start tag (values never contain `"`: the chart module
/// escapes them).
fn split_attributes(tag: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = tag.trim();
    while let Some(eq) = rest.find("=\"") {
        let Some(close) = rest[eq + 2..].find('"') else { break };
        let end = eq + 2 + close + 1;
        out.push(rest[..end].trim());
        rest = rest[end..].trim_start();
    }
    out
}
