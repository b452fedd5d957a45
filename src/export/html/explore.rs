//! The explorable (`run --explore`): sliders over a precomputed grid of runs, the lead fan
//! and the targets' chances redrawn in the browser from the page's own data, as a page of
//! its own (`explore.html`, made to be pasted into a blog post or framed) and as a section
//! of `report.html`. The markup is written here; the drawing is the script module shared
//! with the live page ([`DRAW_SCRIPT`]). Without a script the page shows its static chart
//! of the file's own values and their chances in words.
//!
//! Self-contained like every page: the style, the scripts and the data are inline, a
//! content security policy forbids any request, and every text is escaped (the data's
//! `<` as `\u003c`, so no scenario name can close its script element).

use std::fmt::Write;

use super::page::{InlineFigure, escape, svg_element};

/// The drawing module: fan, chances in words, difference, waterfall (shared with `serve`).
pub const DRAW_SCRIPT: &str = include_str!("web/draw.js");
/// The explorable's own script: sliders over the grid.
const EXPLORE_SCRIPT: &str = include_str!("web/explore.js");
/// The charts' and controls' style, shared with `serve`.
pub const EXPLORE_STYLE: &str = include_str!("web/explore.css");
/// The page's frame (headings, text, tables): `report.html`'s style sheet.
pub const PAGE_STYLE: &str = include_str!("report.css");

/// No request of any kind; inline style and scripts only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// What the explorable shows, its words and its data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explorable {
    /// The grid as JSON (`{"keys": [...], "points": [...]}`), not yet escaped.
    pub data: String,
    /// The CSS custom properties of the charts' palette (`--sc-band-outer:#c6dbef;`...).
    pub palette: String,
    /// The chart's message for the file's own values (what a reader without a script sees).
    pub message: String,
    /// "Reseller: 12 customers · 10,000 trajectories · seed 2026 · bands are ...".
    pub subtitle: String,
    /// The file's own chances, one sentence a target.
    pub targets: Vec<String>,
    /// How to read the sliders (the grid, its common random numbers).
    pub note: String,
    /// "sidecast · reseller.toml".
    pub caption: String,
    /// The static chart of the file's own values, shown without a script.
    pub fallback: Option<InlineFigure>,
    /// Whether the lead chart has a target line (the legend lists it).
    pub has_target: bool,
}

impl Explorable {
    /// The style the explorable needs: the palette on its root, then the shared rules.
    pub fn style(&self) -> String {
        format!(".sc-root{{{}}}\n{EXPLORE_STYLE}", self.palette)
    }

    /// The explorable's markup, its data and its scripts; its message is a heading of
    /// `level` (2 on a page of its own, 3 in a section of `report.html`).
    pub fn html(&self, level: u8) -> String {
        let mut html = String::with_capacity(self.data.len() + 64 * 1024);
        html.push_str("<div class=\"sc-root sc-explore\" id=\"sc-explore\">\n");
        let _ = writeln!(html, "<h{level} class=\"sc-message\">{}</h{level}>", escape(&self.message));
        let _ = writeln!(html, "<p class=\"sc-subtitle\">{}</p>", escape(&self.subtitle));
        html.push_str("<div class=\"sc-controls\" hidden></div>\n");
        html.push_str("<ul class=\"sc-targets\" id=\"sc-targets\" aria-live=\"polite\">\n");
        for (i, sentence) in self.targets.iter().enumerate() {
            let _ = writeln!(html, "<li id=\"sc-targets-{i}\">{}</li>", escape(sentence));
        }
        html.push_str("</ul>\n");
        let hidden = if self.fallback.is_some() { "" } else { " hidden" };
        let _ = writeln!(html, "<figure class=\"sc-figure\"{hidden}>\n<div class=\"sc-chart\">");
        if let Some(figure) = &self.fallback {
            html.push_str(&svg_element(&figure.wide, figure, "sc-static"));
        }
        html.push_str("</div>\n");
        html.push_str(&legend(self.has_target));
        let _ = writeln!(html, "<p class=\"sc-caption\">{}</p>\n</figure>", escape(&self.caption));
        let _ = writeln!(html, "<p class=\"sc-note\">{}</p>\n</div>", escape(&self.note));
        let _ = writeln!(
            html,
            "<script type=\"application/json\" id=\"sidecast-explore\">{}</script>",
            script_safe(&self.data)
        );
        let _ = writeln!(html, "<script>\n{DRAW_SCRIPT}</script>\n<script>\n{EXPLORE_SCRIPT}</script>");
        html
    }
}

/// The legend of the lead fan, as the PNG charts word it.
pub fn legend(has_target: bool) -> String {
    let mut items = vec![
        ("sc-outer", "90% of trajectories (p5–p95)"),
        ("sc-inner", "50% (p25–p75)"),
        ("sc-median", "median"),
        ("sc-mean", "mean"),
    ];
    if has_target {
        items.push(("sc-target", "target"));
    }
    let mut html = String::from("<ul class=\"sc-legend\">");
    for (class, words) in items {
        let _ = write!(html, "<li><span class=\"sc-swatch {class}\" aria-hidden=\"true\"></span>{words}</li>");
    }
    html.push_str("</ul>\n");
    html
}

/// JSON made safe inside a script element: no `<` can end it (`\u003c` means the same).
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// `explore.html`: the explorable on a page of its own, with `title`, a `lede` and the
/// command that made it.
pub fn explore_page(title: &str, lede: &str, explorable: &Explorable, command: &str) -> String {
    let mut html = String::with_capacity(explorable.data.len() + 256 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"generator\" content=\"sidecast {}\">\n<title>{}</title>\n<style>\n{PAGE_STYLE}{}</style>\n\
         </head>\n<body class=\"sc-page\">\n<main>\n<h1>{}</h1>\n<p class=\"lede\">{}</p>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title),
        explorable.style(),
        escape(title),
        escape(lede)
    );
    html.push_str(&explorable.html(2));
    if !command.is_empty() {
        let _ = writeln!(html, "<h2>Reproduce</h2>\n<pre tabindex=\"0\"><code>{}</code></pre>", escape(command));
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explorable() -> Explorable {
        Explorable {
            data: r#"{"keys":["reseller.churn"],"points":[],"view":{"scenario":"</script><b>"}}"#.into(),
            palette: "--sc-median:#08306b;".into(),
            message: "Net profit <b> reaches $700".into(),
            subtitle: "10,000 trajectories".into(),
            targets: vec!["Net profit ≥ $700 in month 12: 59 in 100 futures".into()],
            note: "Each position is a run.".into(),
            caption: "sidecast · reseller.toml".into(),
            fallback: None,
            has_target: true,
        }
    }

    #[test]
    fn the_data_cannot_close_its_script_and_text_is_escaped() {
        let page = explore_page("Tom & <i>", "lede", &explorable(), "sidecast run x.toml --explore a=1..2:3");
        assert!(page.contains(r#""scenario":"\u003c/script>\u003cb>""#), "{page}");
        assert_eq!(page.matches("</script>").count(), 3, "the data's, the drawing module's and the explorable's");
        assert!(page.contains("<title>Tom &amp; &lt;i&gt;</title>") && page.contains("Net profit &lt;b&gt; reaches"));
        assert!(page.contains("aria-live=\"polite\"") && page.contains(CONTENT_SECURITY_POLICY));
        assert!(page.contains(".sc-root{--sc-median:#08306b;}"), "the palette is scoped to the explorable");
        assert!(page.contains("<figure class=\"sc-figure\" hidden>"), "no chart to show without a script");
        assert!(page.contains("<h2 class=\"sc-message\">"));
    }
}
