//! The page's promises that need no browser: user text escaped, charts inline with their
//! titles, and nothing referenced outside the file.

use super::page::{Block, Cell, InlineFigure, Page, Section, Table, svg_element};

const SVG: &str = "<svg width=\"1600\" height=\"900\" viewBox=\"0 0 1600 900\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\" y=\"0\" width=\"1600\" height=\"900\" fill=\"#FFFFFF\"/>\n</svg>\n";

fn figure() -> InlineFigure {
    InlineFigure {
        stem: "fan-gross-profit".into(),
        title: "Gross profit <per> month".into(),
        subtitle: Some("Tom & Jerry".into()),
        description: "A \"fan\" chart".into(),
        wide: SVG.into(),
        narrow: Some(SVG.replace("1600", "640")),
    }
}

fn page(title: &str) -> Page {
    Page {
        kicker: Some("<i>kicker</i>".into()),
        title: title.into(),
        lede: vec!["Tom & Jerry's <script>alert(1)</script>".into()],
        lead: Vec::new(),
        sections: vec![Section::new(
            "Numbers",
            vec![
                Block::Table(Table {
                    header: vec!["<b>".into(), "Month 7".into()],
                    rows: vec![vec![Cell::new("a<b"), Cell::with_range("$1", "$0 – $2")]],
                }),
                Block::Figure(figure()),
                Block::Code("sidecast run 'my <file>.toml'".into()),
            ],
        )],
    }
}

#[test]
fn every_user_text_is_escaped() {
    let html = page("<img src=x onerror=alert(1)>").render();
    assert!(!html.contains("<img") && !html.contains("<script>") && !html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Tom &amp; Jerry&#39;s &lt;script&gt;"));
    assert!(html.contains("sidecast run &#39;my &lt;file&gt;.toml&#39;"));
    assert!(html.contains("<th scope=\"row\">a&lt;b</th>"));
    assert!(html.contains("<p class=\"kicker\">&lt;i&gt;kicker&lt;/i&gt;</p>"));
    assert!(html.contains("<figcaption><span class=\"title\">Gross profit &lt;per&gt; month</span>"));
    assert!(html.contains("<span class=\"subtitle\">Tom &amp; Jerry</span>"));
}

#[test]
fn charts_are_inline_scalable_and_named_for_screen_readers() {
    let html = page("t").render();
    assert_eq!(html.matches("<svg ").count(), 2, "the wide and the narrow drawing");
    assert!(!html.contains("<svg width"), "fixed sizes removed: {html}");
    assert!(html.contains("viewBox=\"0 0 1600 900\""));
    assert!(html.contains(
        "role=\"img\" aria-labelledby=\"f1wt f1wd\"><title id=\"f1wt\">Gross profit &lt;per&gt; month</title>"
    ));
    assert!(html.contains("<desc id=\"f1wd\">A &quot;fan&quot; chart</desc>"));
    let element = svg_element(
        "<?xml version=\"1.0\"?>\n<svg width=\"2\" height=\"3\" viewBox=\"0 0 2 3\"><g/></svg>",
        &figure(),
        "x",
    );
    assert!(element.starts_with("<svg viewBox=\"0 0 2 3\" role=\"img\""), "{element}");
}

#[test]
fn the_page_references_nothing_outside_itself() {
    let html = page("t").render();
    assert_self_contained(&html);
    assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert!(html.contains("@media print"));
}

/// Inside every tag: no `src=`/`href=` (except to `#` or `data:`); anywhere: no `@import`,
/// no `url(` (except `data:`), no script, no link element.
pub(crate) fn assert_self_contained(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        for attribute in [" src=", " href=", " xlink:href=", " srcset=", " action="] {
            if let Some(i) = tag.find(attribute) {
                let value = tag[i + attribute.len()..].trim_start_matches(['"', '\'']);
                assert!(value.starts_with('#') || value.starts_with("data:"), "external reference in <{tag}>");
            }
        }
    }
    assert!(!lower.contains("@import"), "an @import");
    for (i, _) in lower.match_indices("url(") {
        let value = lower[i + 4..].trim_start_matches(['"', '\'']);
        assert!(value.starts_with("data:") || value.starts_with('#'), "external url( at {i}");
    }
    assert!(!lower.contains("<script") && !lower.contains("<link"), "a script or a link element");
}
