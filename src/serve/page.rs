//! The live page, built once when the server starts: one self-contained HTML document (the
//! style, the shared drawing module, the page's own script and the scenario's numbers, all
//! inline; no font, no framework, no request to anywhere but this server), usable with the
//! keyboard and a screen reader (every control labelled, the chances in a live region), at
//! 390 px and at 1280 px.

use std::fmt::Write;

use serde::Serialize;

use crate::app::live::{DRAW_SCRIPT, EXPLORE_STYLE, Field, PAGE_STYLE, Source, escape, legend, palette, script_safe};

/// The page's own script: the fields, the runs, the redraws, "save".
const SERVE_SCRIPT: &str = include_str!("page/serve.js");
/// The page's own layout, after the explorable's style.
const SERVE_STYLE: &str = include_str!("page/serve.css");

/// What the script reads from the page.
#[derive(Serialize)]
struct Data<'a> {
    fields: &'a [Field],
    /// The file as the user named it.
    origin: &'a str,
    /// The name "save" proposes: `reseller-edited.toml`.
    save_name: String,
}

/// The page of a scenario with its `fields`.
pub fn page(source: &Source, fields: &[Field]) -> String {
    let origin = source.origin();
    let file = std::path::Path::new(origin);
    let stem = file.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    let data = Data { fields, origin, save_name: format!("{stem}-edited.toml") };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{\"fields\":[]}".into());
    let name = file.file_name().map_or_else(|| origin.to_string(), |n| n.to_string_lossy().into_owned());
    let mut html = String::with_capacity(256 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"sidecast {}\">\n<title>{} · sidecast serve</title>\n\
         <style>\n{PAGE_STYLE}.sc-root{{{}}}\n{EXPLORE_STYLE}{SERVE_STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&name),
        palette()
    );
    let _ = write!(
        html,
        "<main class=\"sc-root sc-serve\" id=\"sc-serve\" data-state=\"loading\">\n\
         <h1>What if? {}</h1>\n<p class=\"lede\">Move any number of the scenario: it runs again on this machine with \
         the same random numbers, so what moves is your change, not chance. Nothing is written unless you save. \
         <span class=\"sc-timing\" id=\"sc-timing\"></span></p>\n\
         <noscript><p>This page runs the scenario again as you move its numbers, which needs JavaScript. \
         <code>sidecast run {} --explore KEY=LOW..HIGH:POINTS</code> writes a page that works without a \
         server.</p></noscript>\n<div class=\"sc-layout\">\n",
        escape(&name),
        escape(origin)
    );
    html.push_str(&results());
    html.push_str(&controls(&name));
    let _ = write!(
        html,
        "</div>\n</main>\n<script type=\"application/json\" id=\"sidecast-serve\">{}</script>\n\
         <script>\n{DRAW_SCRIPT}</script>\n<script>\n{SERVE_SCRIPT}</script>\n</body>\n</html>\n",
        script_safe(&json)
    );
    html
}

/// The results: the message, the chances, the fan, the difference and the waterfall.
fn results() -> String {
    format!(
        "<section class=\"sc-results\" aria-label=\"Results\">\n\
         <h2 class=\"sc-message\" id=\"sc-message\">Running the file's own values…</h2>\n\
         <p class=\"sc-subtitle\" id=\"sc-subtitle\"></p>\n\
         <div class=\"sc-error\" id=\"sc-error\" role=\"alert\" hidden><pre id=\"sc-error-text\"></pre></div>\n\
         <ul class=\"sc-targets\" id=\"sc-targets\" aria-live=\"polite\"></ul>\n\
         <figure class=\"sc-figure\"><div class=\"sc-chart\"><svg id=\"sc-fan\" role=\"img\" aria-label=\"The fan chart\"></svg></div>\n\
         {}</figure>\n\
         <h2>Change from the file's own values</h2>\n\
         <p id=\"sc-difference-words\" aria-live=\"polite\"></p>\n\
         <figure class=\"sc-figure\" id=\"sc-difference-figure\" hidden><div class=\"sc-chart\">\
         <svg id=\"sc-difference\" role=\"img\" aria-label=\"The difference\"></svg></div>\n\
         {}<p class=\"sc-caption\">Each future run twice, with the file's values and with yours: the bands are \
         the futures' own differences, so they show what your change does, not chance.</p></figure>\n\
         <h2 id=\"sc-waterfall-title\">Where the money goes</h2>\n\
         <figure class=\"sc-figure\" id=\"sc-waterfall-figure\"><div class=\"sc-chart\"><svg id=\"sc-waterfall\" role=\"img\" \
         aria-label=\"The waterfall\"></svg></div></figure>\n</section>\n",
        legend(true),
        legend(false)
    )
}

/// The scenario's numbers (filled in by the script), reset and save.
fn controls(name: &str) -> String {
    format!(
        "<section class=\"sc-fields\" aria-labelledby=\"sc-fields-title\">\n\
         <p class=\"sc-bar\" id=\"sc-bar\" aria-hidden=\"true\"></p>\n\
         <h2 id=\"sc-fields-title\">The numbers of {0}</h2>\n\
         <div class=\"sc-actions\"><button type=\"button\" id=\"sc-reset\">Back to the file's values</button>\
         <button type=\"button\" id=\"sc-save-open\" aria-controls=\"sc-save\">Save as a new scenario…</button></div>\n\
         <div class=\"sc-save\" id=\"sc-save\" hidden><form id=\"sc-save-form\">\
         <label for=\"sc-save-name\">File name, in the folder of {0}</label>\
         <input id=\"sc-save-name\" autocomplete=\"off\" spellcheck=\"false\"><button type=\"submit\">Save</button></form>\
         <p id=\"sc-save-status\" role=\"status\"></p>\
         <p id=\"sc-overwrite\" hidden><button type=\"button\" id=\"sc-overwrite-yes\">Overwrite it</button> \
         <button type=\"button\" id=\"sc-overwrite-no\">Keep it</button></p></div>\n\
         <div id=\"sc-groups\"></div>\n</section>\n",
        escape(name)
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_page_is_whole_and_escapes_the_file_name() {
        let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
        let source = Source::from_text(text, "scenarios/<b>.toml", Path::new("scenarios"));
        let fields = crate::app::live::fields(&source.scenario(&[]).unwrap(), source.text());
        let html = page(&source, &fields);
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(html.contains("<title>&lt;b&gt;.toml · sidecast serve</title>") && !html.contains("<b>.toml"));
        assert!(
            html.contains("\"key\":\"reseller.churn\"") && html.contains("\"save_name\":\"\\u003cb>-edited.toml\"")
        );
        assert!(html.contains("aria-live=\"polite\"") && html.contains("var Sidecast"));
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains(" src=") && !lower.contains("<link") && !lower.contains("@import"), "nothing loaded");
    }
}
