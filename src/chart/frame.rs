//! The page every chart shares, in pixel coordinates: the [`Canvas`] (a drawing area plus
//! the resolved style) with its background, wrapped title and subtitle, bottom caption,
//! and the drawing primitives chart kinds use (lines, dashes, polygons, dots, labels on a
//! legibility box). Legends and axes are in `guides`.

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::element::{DashedPathElement, PathElement, Polygon, Rectangle};
use plotters::prelude::{Circle, DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor, ShapeStyle, TextStyle};

use super::boxes::{Record, Rect};
use super::style::{ChartOptions, Style, sizes};
use super::{ChartError, Titles, font};

/// A drawing area plus the resolved style, with the drawing primitives charts use.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub root: &'a DrawingArea<DB, Shift>,
    pub style: Style,
    width: i32,
    height: i32,
    pub record: RefCell<Record>,
    /// On a compact canvas the caption shares the x-axis name's row (drawn by `axes`).
    pub deferred_caption: RefCell<Option<String>>,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// The canvas' width inside its margins: (left, right).
    pub fn inner_width(&self) -> (i32, i32) {
        let margin = self.style.space(sizes::MARGIN);
        (margin, self.width - margin)
    }
}

/// Text anchors used by charts.
pub(crate) fn anchor(h: HPos, v: VPos) -> Pos {
    Pos::new(h, v)
}

/// How many lines a wrapped title or subtitle may take (on a compact canvas, which has
/// less height to give): more than a sentence needs, so the header wraps rather than
/// cuts; only a runaway text is cut with "…" after them.
const HEADER_LINES: usize = 4;
const COMPACT_HEADER_LINES: usize = 3;

/// A number's sign written as a true minus ("−$5k", not "-$5k"): a hyphen before a digit or a
/// dollar sign, at the start of the text or of a word.
pub(crate) fn true_minus(text: &str) -> std::borrow::Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let is_sign = |i: usize| {
        chars[i] == '-'
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit() || *c == '$')
            && (i == 0 || chars[i - 1].is_whitespace() || matches!(chars[i - 1], '(' | '[' | '/'))
    };
    if !(0..chars.len()).any(is_sign) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned((0..chars.len()).map(|i| if is_sign(i) { '\u{2212}' } else { chars[i] }).collect())
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// Registers the font and paints the background.
    pub fn new(root: &'a DrawingArea<DB, Shift>, options: &ChartOptions) -> Result<Self, ChartError> {
        font::ensure_registered()?;
        let style = Style::new(options);
        root.fill(&style.palette.background).map_err(ChartError::draw)?;
        let (w, h) = root.dim_in_pixel();
        Ok(Canvas {
            root,
            style,
            width: w as i32,
            height: h as i32,
            record: RefCell::default(),
            deferred_caption: RefCell::default(),
        })
    }

    /// Width and height of a text in pixels.
    pub fn text_size(&self, text: &str, style: &TextStyle) -> Result<(i32, i32), ChartError> {
        let (w, h) = self.root.estimate_text_size(&true_minus(text), style).map_err(ChartError::draw)?;
        Ok((w as i32, h as i32))
    }

    /// The box a text would take, anchored at a pixel.
    pub fn text_box(&self, text: &str, at: (i32, i32), style: &TextStyle, pos: Pos) -> Result<Rect, ChartError> {
        Ok(Rect::anchored(at, self.text_size(text, style)?, pos))
    }

    /// Draws a text anchored at a pixel.
    pub fn text(&self, text: &str, at: (i32, i32), style: &TextStyle, pos: Pos) -> Result<(), ChartError> {
        let text = true_minus(text);
        let bounds = self.text_box(&text, at, style, pos)?;
        self.record.borrow_mut().texts.push((text.to_string(), bounds));
        self.root.draw_text(&text, &style.pos(pos), at).map_err(ChartError::draw)
    }

    /// Splits a text into lines no wider than `width` (words longer than a line stay whole).
    pub fn wrap(&self, text: &str, style: &TextStyle, width: i32) -> Result<Vec<String>, ChartError> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            if !current.is_empty() && self.text_size(&candidate, style)?.0 > width {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        Ok(lines)
    }

    /// The text cut at a character boundary and ended with "…" so it fits `width`.
    pub fn ellipsize(&self, text: &str, style: &TextStyle, width: i32) -> Result<String, ChartError> {
        if self.text_size(text, style)?.0 <= width {
            return Ok(text.to_string());
        }
        let chars: Vec<char> = text.chars().collect();
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().collect::<String>().trim_end().to_string() + "…";
            if self.text_size(&candidate, style)?.0 <= width { lo = mid } else { hi = mid - 1 }
        }
        Ok(chars[..lo].iter().collect::<String>().trim_end().to_string() + "…")
    }

    /// Wraps into at most `max_lines` lines, cutting the last with "…" if text is left.
    pub(super) fn wrap_at_most(
        &self,
        text: &str,
        style: &TextStyle,
        width: i32,
        max_lines: usize,
    ) -> Result<Vec<String>, ChartError> {
        let mut lines = self.wrap(text, style, width)?;
        if lines.len() > max_lines {
            let rest = lines.split_off(max_lines - 1).join(" ");
            lines.push(self.ellipsize(&rest, style, width)?);
        }
        for line in &mut lines {
            *line = self.ellipsize(line, style, width)?;
        }
        Ok(lines)
    }

    /// The title's style: full size if it fits on one line, else up to a quarter smaller.
    fn title_style(&self, title: &str, width: i32) -> Result<(TextStyle<'static>, f64), ChartError> {
        let s = &self.style;
        for size in [sizes::TITLE, sizes::TITLE * 0.87, sizes::TITLE * 0.75] {
            let style = s.bold(size, s.palette.text);
            if self.text_size(title, &style)?.0 <= width {
                return Ok((style, size));
            }
        }
        Ok((s.bold(sizes::TITLE * 0.75, s.palette.text), sizes::TITLE * 0.75))
    }

    /// Draws title, subtitle and caption; returns the rectangle left for legend and plot.
    ///
    /// A long title first shrinks (to three quarters), then wraps; the subtitle wraps (each
    /// is cut with "…" only past four lines, which no sentence needs). The caption is one line, with
    /// directories stripped from paths; on a compact canvas it shares the row of the x
    /// axis' name, left of it.
    pub fn header(&self, titles: &Titles) -> Result<Rect, ChartError> {
        let s = &self.style;
        let margin = s.space(sizes::MARGIN);
        let width = self.width - 2 * margin;
        let mut y = margin;
        let (title_style, title_size) = self.title_style(&titles.title, width)?;
        let max_lines = if s.compact() { COMPACT_HEADER_LINES } else { HEADER_LINES };
        for line in self.wrap_at_most(&titles.title, &title_style, width, max_lines)? {
            self.text(&line, (margin, y), &title_style, anchor(HPos::Left, VPos::Top))?;
            y += s.px(title_size) + s.space(8.0);
        }
        if let Some(subtitle) = titles.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
            let sub_style = s.text(sizes::SUBTITLE, s.palette.muted);
            y += s.space(2.0);
            for line in self.wrap_at_most(subtitle, &sub_style, width, max_lines)? {
                self.text(&line, (margin, y), &sub_style, anchor(HPos::Left, VPos::Top))?;
                y += s.px(sizes::SUBTITLE * 1.3);
            }
        }
        let mut bottom = self.height - margin;
        let caption = titles.caption.as_deref().filter(|t| !t.trim().is_empty());
        if let Some(caption) = caption.filter(|_| s.compact()) {
            *self.deferred_caption.borrow_mut() = Some(strip_directories(caption));
        } else if let Some(caption) = caption {
            let cap_style = s.text(sizes::CAPTION, s.palette.muted);
            let caption = self.ellipsize(&strip_directories(caption), &cap_style, width)?;
            self.text(&caption, (margin, bottom), &cap_style, anchor(HPos::Left, VPos::Bottom))?;
            bottom -= s.px(sizes::CAPTION) + s.space(14.0);
        }
        self.record.borrow_mut().header_bottom = y;
        Ok(Rect { left: margin, top: y + s.space(14.0), right: self.width - margin, bottom })
    }

    /// A note of up to two lines in the muted colour at the top of `area` (then cut with "…");
    /// returns the area below it. For facts about the data that must not cover it.
    pub fn note(&self, area: Rect, text: &str) -> Result<Rect, ChartError> {
        let s = &self.style;
        let style = s.text(sizes::ANNOTATION, s.palette.muted);
        let mut y = area.top;
        for line in self.wrap_at_most(text, &style, area.right - area.left, HEADER_LINES)? {
            self.text(&line, (area.left, y), &style, anchor(HPos::Left, VPos::Top))?;
            y += s.px(sizes::ANNOTATION * 1.3);
        }
        Ok(Rect { top: y + s.space(10.0), ..area })
    }

    /// A solid polyline of a 1600×900 width.
    pub fn line(&self, points: &[(i32, i32)], color: RGBColor, width: f64) -> Result<(), ChartError> {
        self.line_rgba(points, color.to_rgba().stroke_width(self.style.stroke(width)))
    }

    /// A polyline in an explicit shape style (e.g. translucent).
    pub fn line_rgba(&self, points: &[(i32, i32)], style: ShapeStyle) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        self.root.draw(&PathElement::new(points.to_vec(), style)).map_err(ChartError::draw)
    }

    /// A dashed polyline.
    pub fn dashed(&self, points: &[(i32, i32)], color: RGBColor, width: f64) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        let s = &self.style;
        let style = color.to_rgba().stroke_width(s.stroke(width));
        let element = DashedPathElement::new(points.to_vec(), s.px(14.0), s.px(9.0), style);
        self.root.draw(&element).map_err(ChartError::draw)
    }

    /// A filled polygon.
    pub fn polygon(&self, points: Vec<(i32, i32)>, style: ShapeStyle) -> Result<(), ChartError> {
        if points.len() < 3 {
            return Ok(());
        }
        self.root.draw(&Polygon::new(points, style)).map_err(ChartError::draw)
    }

    /// A rectangle between two corners.
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> Result<(), ChartError> {
        self.root.draw(&Rectangle::new([a, b], style)).map_err(ChartError::draw)
    }

    /// A filled dot of a 1600×900 radius with a background-coloured ring.
    pub fn dot(&self, at: (i32, i32), color: RGBColor, radius: f64) -> Result<(), ChartError> {
        let s = &self.style;
        self.record.borrow_mut().dots.push(at);
        let ring = Circle::new(at, s.px(radius + 2.5), s.palette.background.filled());
        self.root.draw(&ring).map_err(ChartError::draw)?;
        self.root.draw(&Circle::new(at, s.px(radius), color.filled())).map_err(ChartError::draw)
    }

    /// An open ring of a 1600×900 radius (a marker that is not a data point).
    pub fn ring(&self, at: (i32, i32), color: RGBColor, radius: f64) -> Result<(), ChartError> {
        let s = &self.style;
        let fill = Circle::new(at, s.px(radius), s.palette.background.filled());
        self.root.draw(&fill).map_err(ChartError::draw)?;
        let ring = Circle::new(at, s.px(radius), color.stroke_width(s.stroke(2.5)));
        self.root.draw(&ring).map_err(ChartError::draw)
    }

    /// A text on a translucent background box, so it stays legible over lines and bands;
    /// returns the box.
    pub fn label(&self, text: &str, at: (i32, i32), style: &TextStyle, pos: Pos) -> Result<Rect, ChartError> {
        let bounds = self.text_box(text, at, style, pos)?.padded(self.style.px(5.0));
        let bg = self.style.palette.background.mix(0.85).filled();
        self.rect((bounds.left, bounds.top), (bounds.right, bounds.bottom), bg)?;
        self.record.borrow_mut().labels.push((text.to_string(), bounds));
        self.text(text, at, style, pos)?;
        Ok(bounds)
    }

    /// The size of a block of lines (without padding) at a line height.
    pub fn block_size(&self, lines: &[String], style: &TextStyle, line_h: i32) -> Result<(i32, i32), ChartError> {
        let mut w = 0;
        for line in lines {
            w = w.max(self.text_size(line, style)?.0);
        }
        Ok((w, line_h * lines.len() as i32))
    }

    /// Lines of text on one legibility box whose outer (padded) corner is `bounds`.
    pub fn label_block(
        &self,
        lines: &[String],
        bounds: Rect,
        style: &TextStyle,
        line_h: i32,
    ) -> Result<(), ChartError> {
        let bg = self.style.palette.background.mix(0.85).filled();
        self.rect((bounds.left, bounds.top), (bounds.right, bounds.bottom), bg)?;
        self.record.borrow_mut().labels.push((lines.join(" "), bounds));
        let pad = self.style.px(5.0);
        for (i, line) in lines.iter().enumerate() {
            let at = (bounds.left + pad, bounds.top + pad + line_h * i as i32 + line_h / 2);
            self.text(line, at, style, anchor(HPos::Left, VPos::Center))?;
        }
        Ok(())
    }
}

/// A caption with directories stripped from anything that looks like a file path
/// (`sidecast · /home/me/scenarios/reseller.toml` → `sidecast · reseller.toml`), so a
/// published image never shows where the author keeps files.
pub(crate) fn strip_directories(caption: &str) -> String {
    let looks_like_path = |word: &str| {
        let separated = word.contains('/') || word.contains('\\');
        let last = word.rsplit(['/', '\\']).next().unwrap_or(word);
        let rooted = word.starts_with(['/', '~', '.']) || word.get(1..3).is_some_and(|d| d == ":\\" || d == ":/");
        separated && !last.is_empty() && (rooted || last.contains('.'))
    };
    let mut out = String::with_capacity(caption.len());
    let mut rest = caption;
    while !rest.is_empty() {
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(word_len);
        let word = if looks_like_path(word) { word.rsplit(['/', '\\']).next().unwrap_or(word) } else { word };
        out.push_str(word);
        let space_len = tail.find(|c: char| !c.is_whitespace()).unwrap_or(tail.len());
        out.push_str(&tail[..space_len]);
        rest = &tail[space_len..];
    }
    out
}

/// Splits `(x, Option<y>)` points into runs of consecutive defined values.
pub(crate) fn defined_runs<I>(points: I) -> Vec<Vec<(f64, f64)>>
where
    I: IntoIterator<Item = (f64, Option<f64>)>,
{
    let mut runs = vec![Vec::new()];
    for (x, y) in points {
        match y.filter(|v| v.is_finite()) {
            Some(v) => runs.last_mut().map_or((), |run| run.push((x, v))),
            None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}
