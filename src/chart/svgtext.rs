//! SVG text as glyph outlines. plotters' SVG backend writes `<text font-family=
//! "sans-serif">`, which a machine without DejaVu Sans renders in another font or not at
//! all. [`OutlinedText`] wraps the SVG backend and lays every text out exactly as the PNG
//! rasteriser does (`crisp::layout`, the embedded font), converts the glyphs' outlines to
//! one `<path>` per text, and leaves a placeholder `<text>` in the stream; [`finish`]
//! swaps each placeholder for its path, so drawing order is kept. The text stays
//! readable to machines as the path's `aria-label`. No font is needed to view the file.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use ab_glyph::{Font, OutlineCurve, ScaleFont};
use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};

use super::crisp::layout;

/// Placeholder delimiters (Unicode private use, never in chart text).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Wraps the SVG backend; text becomes paths (collected in `paths`, see [`finish`]).
pub(crate) struct OutlinedText<B> {
    pub inner: B,
    pub paths: Rc<RefCell<Vec<String>>>,
}

/// One text's outline as an SVG path element.
fn path_element(text: &str, style: &impl BackendTextStyle, pos: BackendCoord) -> Result<String, super::ChartError> {
    let run = layout(text, style, pos)?;
    let scaled = run.face.as_scaled(run.scale);
    let (sx, sy) = (scaled.h_scale_factor(), scaled.v_scale_factor());
    let mut d = String::new();
    for &(id, caret) in &run.glyphs {
        let Some(outline) = run.face.outline(id) else { continue };
        let at = |p: ab_glyph::Point| (caret + p.x * sx, run.baseline - p.y * sy);
        let mut pen: Option<(f32, f32)> = None;
        for curve in &outline.curves {
            let (start, end) = match curve {
                OutlineCurve::Line(a, b) | OutlineCurve::Quad(a, _, b) | OutlineCurve::Cubic(a, _, _, b) => {
                    (at(*a), at(*b))
                }
            };
            if pen.is_none_or(|p| (p.0 - start.0).abs() > 0.01 || (p.1 - start.1).abs() > 0.01) {
                if pen.is_some() {
                    d.push('Z');
                }
                let _ = write!(d, "M{:.1} {:.1}", start.0, start.1);
            }
            let _ = match curve {
                OutlineCurve::Line(..) => write!(d, "L{:.1} {:.1}", end.0, end.1),
                OutlineCurve::Quad(_, c, _) => {
                    let c = at(*c);
                    write!(d, "Q{:.1} {:.1} {:.1} {:.1}", c.0, c.1, end.0, end.1)
                }
                OutlineCurve::Cubic(_, c1, c2, _) => {
                    let (c1, c2) = (at(*c1), at(*c2));
                    write!(d, "C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}", c1.0, c1.1, c2.0, c2.1, end.0, end.1)
                }
            };
            pen = Some(end);
        }
        if pen.is_some() {
            d.push('Z');
        }
    }
    let BackendColor { alpha, rgb: (r, g, b) } = style.color();
    Ok(format!(
        "<path d=\"{d}\" fill=\"#{r:02X}{g:02X}{b:02X}\" fill-opacity=\"{alpha}\" role=\"img\" aria-label=\"{}\"/>",
        escape(text)
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Replaces each placeholder `<text>` element of `svg` by its path.
pub(crate) fn finish(svg: &str, paths: &[String]) -> String {
    let mut out = String::with_capacity(svg.len() + paths.iter().map(String::len).sum::<usize>());
    let mut rest = svg;
    while let Some(open) = rest.find(OPEN) {
        let Some(element_start) = rest[..open].rfind("<text") else { break };
        let Some(close) = rest[open..].find(CLOSE).map(|i| open + i) else { break };
        let Some(element_end) = rest[close..].find("</text>").map(|i| close + i + "</text>".len()) else { break };
        let index: Option<usize> = rest[open + OPEN.len_utf8()..close].parse().ok();
        out.push_str(&rest[..element_start]);
        out.push_str(index.and_then(|i| paths.get(i)).map_or("", String::as_str));
        rest = &rest[element_end..];
    }
    out.push_str(rest);
    out
}

impl<B: DrawingBackend> DrawingBackend for OutlinedText<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_rect(a, b, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        if !matches!(style.transform(), FontTransform::None) || style.color().alpha == 0.0 {
            return self.inner.draw_text(text, style, pos);
        }
        let element = path_element(text, style, pos).map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let index = {
            let mut paths = self.paths.borrow_mut();
            paths.push(element);
            paths.len() - 1
        };
        self.inner.draw_text(&format!("{OPEN}{index}{CLOSE}"), style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        self.inner.estimate_text_size(text, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_paths_in_place() {
        let svg = format!(
            "<svg><rect/><text x=\"1\">\n{OPEN}0{CLOSE}\n</text>\n<line/><text>\n{OPEN}1{CLOSE}\n</text></svg>"
        );
        let paths = ["<path a/>".to_string(), "<path b/>".to_string()];
        assert_eq!(finish(&svg, &paths), "<svg><rect/><path a/>\n<line/><path b/></svg>");
        assert_eq!(finish("<svg><text>plain</text></svg>", &paths), "<svg><text>plain</text></svg>");
    }
}
