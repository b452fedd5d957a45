//! A pass-through drawing backend that rasterises text itself. plotters 0.3.7's ab_glyph
//! path places every glyph at the pen position without its side bearing, which gives
//! uneven letter spacing ("traj ectories"). [`CrispText`] wraps the bitmap backend, hands
//! every call through unchanged except `draw_text`, which positions each glyph with its
//! bearing, kerning and sub-pixel offset, in the same layout box plotters measures (so text
//! anchoring and `estimate_text_size` agree). SVG needs no fix: its text is real text.

use ab_glyph::{Font, GlyphId, PxScale, ScaleFont, point};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};

use super::{ChartError, font};

/// Wraps a backend and draws text with correct glyph spacing.
pub(crate) struct CrispText<B>(pub B);

/// Where the baseline sits inside plotters' text box (box height = size / 1.24, one em):
/// this centres the capitals in the box, as plotters' anchors assume.
const BASELINE: f32 = 0.865;

/// One line of text laid out in pixels: the face, its scale, each glyph with the x of
/// its pen position, and the baseline. Shared by the PNG rasteriser and the SVG outliner,
/// so both put every glyph in the same place.
pub(crate) struct GlyphRun {
    pub face: &'static ab_glyph::FontRef<'static>,
    pub scale: PxScale,
    pub glyphs: Vec<(GlyphId, f32)>,
    pub baseline: f32,
}

/// Lays out `text` in `style` anchored at `pos`, in the box plotters measures.
pub(crate) fn layout(text: &str, style: &impl BackendTextStyle, pos: BackendCoord) -> Result<GlyphRun, ChartError> {
    let face = font::face(style.style())?;
    let scale = PxScale::from(style.size() as f32);
    let scaled = face.as_scaled(scale);
    let ids: Vec<GlyphId> = text.chars().map(|c| face.glyph_id(c)).collect();
    let mut width = 0.0f32;
    for (i, id) in ids.iter().enumerate() {
        width += scaled.h_advance(*id) + if i > 0 { scaled.kern(ids[i - 1], *id) } else { 0.0 };
    }
    let height = (style.size() / 1.24) as i32;
    let width = width as i32;
    let anchor = style.anchor();
    let left = pos.0
        - match anchor.h_pos {
            HPos::Left => 0,
            HPos::Center => width / 2,
            HPos::Right => width,
        };
    let top = pos.1
        - match anchor.v_pos {
            VPos::Top => 0,
            VPos::Center => height / 2,
            VPos::Bottom => height,
        };
    let mut caret = left as f32;
    let mut glyphs = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            caret += scaled.kern(ids[i - 1], *id);
        }
        glyphs.push((*id, caret));
        caret += scaled.h_advance(*id);
    }
    Ok(GlyphRun { face, scale, glyphs, baseline: top as f32 + height as f32 * BASELINE })
}

impl<B: DrawingBackend> CrispText<B> {
    fn glyphs<E: std::error::Error + Send + Sync>(
        &mut self,
        text: &str,
        style: &impl BackendTextStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<E>>
    where
        B: DrawingBackend<ErrorType = E>,
    {
        let run = layout(text, style, pos).map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let color = style.color();
        let (w, h) = self.0.get_size();
        for &(id, caret) in &run.glyphs {
            let glyph = id.with_scale_and_position(run.scale, point(caret, run.baseline));
            let Some(outline) = run.face.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut pixels = Vec::new();
            outline.draw(|x, y, coverage| pixels.push((x as i32, y as i32, coverage)));
            for (x, y, coverage) in pixels {
                let (x, y) = (bounds.min.x as i32 + x, bounds.min.y as i32 + y);
                if coverage > 0.0 && x >= 0 && y >= 0 && x < w as i32 && y < h as i32 {
                    let alpha = color.alpha * f64::from(coverage.min(1.0));
                    self.0.draw_pixel((x, y), BackendColor { alpha, rgb: color.rgb })?;
                }
            }
        }
        Ok(())
    }
}

impl<B: DrawingBackend> DrawingBackend for CrispText<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_rect(a, b, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        match style.transform() {
            FontTransform::None => self.glyphs(text, style, pos),
            _ => self.0.draw_text(text, style, pos),
        }
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        self.0.estimate_text_size(text, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }
}
