//! The page every chart shares, in pixel coordinates: the [`Canvas`] (a drawing area plus
//! the resolved style) with its background, wrapped title and subtitle, bottom caption,
//! and the drawing primitives chart kinds use (lines, dashes, polygons, dots, labels on a
//! legibility box). Legends and axes are in `guides`.

use plotters::coord::Shift;
use plotters::element::{DashedPathElement, PathElement, Polygon, Rectangle};
use plotters::prelude::{Circle, DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor, ShapeStyle, TextStyle};

use super::style::{ChartOptions, Style, sizes};
use super::{ChartError, Titles, font};

/// A pixel rectangle, edges inclusive of `left`/`top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

/// A drawing area plus the resolved style, with the drawing primitives charts use.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub root: &'a DrawingArea<DB, Shift>,
    pub style: Style,
    width: i32,
    height: i32,
}

/// Text anchors used by charts.
pub(crate) fn anchor(h: HPos, v: VPos) -> Pos {
    Pos::new(h, v)
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// Registers the font and paints the background.
    pub fn new(root: &'a DrawingArea<DB, Shift>, options: &ChartOptions) -> Result<Self, ChartError> {
        font::ensure_registered()?;
        let style = Style::new(options);
        root.fill(&style.palette.background).map_err(ChartError::draw)?;
        let (w, h) = root.dim_in_pixel();
        Ok(Canvas { root, style, width: w as i32, height: h as i32 })
    }

    /// Width and height of a text in pixels.
    pub fn text_size(&self, text: &str, style: &TextStyle) -> Result<(i32, i32), ChartError> {
        let (w, h) = self.root.estimate_text_size(text, style).map_err(ChartError::draw)?;
        Ok((w as i32, h as i32))
    }

    /// Draws a text anchored at a pixel.
    pub fn text(&self, text: &str, at: (i32, i32), style: &TextStyle, pos: Pos) -> Result<(), ChartError> {
        self.root.draw_text(text, &style.pos(pos), at).map_err(ChartError::draw)
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

    /// Draws title, subtitle and caption; returns the rectangle left for legend and plot.
    pub fn header(&self, titles: &Titles) -> Result<Rect, ChartError> {
        let s = &self.style;
        let margin = s.px(sizes::MARGIN);
        let width = self.width - 2 * margin;
        let mut y = margin;
        let title_style = s.bold(sizes::TITLE, s.palette.text);
        for line in self.wrap(&titles.title, &title_style, width)? {
            self.text(&line, (margin, y), &title_style, anchor(HPos::Left, VPos::Top))?;
            y += self.text_size(&line, &title_style)?.1.max(s.px(sizes::TITLE)) + s.px(8.0);
        }
        if let Some(subtitle) = &titles.subtitle {
            let sub_style = s.text(sizes::SUBTITLE, s.palette.muted);
            y += s.px(2.0);
            for line in self.wrap(subtitle, &sub_style, width)? {
                self.text(&line, (margin, y), &sub_style, anchor(HPos::Left, VPos::Top))?;
                y += s.px(sizes::SUBTITLE * 1.35);
            }
        }
        let mut bottom = self.height - margin;
        if let Some(caption) = &titles.caption {
            let cap_style = s.text(sizes::CAPTION, s.palette.muted);
            self.text(caption, (margin, bottom), &cap_style, anchor(HPos::Left, VPos::Bottom))?;
            bottom -= s.px(sizes::CAPTION * 1.2) + s.px(12.0);
        }
        Ok(Rect { left: margin, top: y + s.px(14.0), right: self.width - margin, bottom })
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
        let ring = Circle::new(at, s.px(radius + 2.5), s.palette.background.filled());
        self.root.draw(&ring).map_err(ChartError::draw)?;
        self.root.draw(&Circle::new(at, s.px(radius), color.filled())).map_err(ChartError::draw)
    }

    /// A text on a translucent background box, so it stays legible over lines and bands.
    pub fn label(&self, text: &str, at: (i32, i32), style: &TextStyle, pos: Pos) -> Result<(), ChartError> {
        let (w, h) = self.text_size(text, style)?;
        let pad = self.style.px(5.0);
        let left = match pos.h_pos {
            HPos::Left => at.0,
            HPos::Center => at.0 - w / 2,
            HPos::Right => at.0 - w,
        };
        let top = match pos.v_pos {
            VPos::Top => at.1,
            VPos::Center => at.1 - h / 2,
            VPos::Bottom => at.1 - h,
        };
        let bg = self.style.palette.background.mix(0.85).filled();
        self.rect((left - pad, top - pad), (left + w + pad, top + h + pad), bg)?;
        self.text(text, at, style, pos)
    }
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
