//! The page every chart shares, in pixel coordinates: background, wrapped title and
//! subtitle, bottom caption, a legend row above the plot (so it never covers data), and
//! axes with light horizontal grid lines, tick labels formatted by the caller and axis
//! names placed where they cannot collide with tick labels. Chart kinds only map their data
//! through [`Plot`] and draw lines, bands and marks with the [`Canvas`] primitives.

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

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// A filled square (bands, bars, cells).
    Swatch(RGBColor),
    /// A solid line of a width (1600×900 pixels).
    Line(RGBColor, f64),
    /// A dashed line.
    Dashed(RGBColor),
    /// A filled dot.
    Dot(RGBColor),
}

/// One legend entry.
pub(crate) struct LegendItem {
    pub mark: Mark,
    pub label: String,
}

impl LegendItem {
    pub fn new(mark: Mark, label: impl Into<String>) -> Self {
        LegendItem {
            mark,
            label: label.into(),
        }
    }
}

/// One axis: its data range, ticks with their labels, its name, whether to grid.
pub(crate) struct Axis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<(f64, String)>,
    pub name: String,
    pub grid: bool,
}

/// The plotting rectangle and the linear map from data to pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plot {
    pub rect: Rect,
    x: (f64, f64),
    y: (f64, f64),
}

impl Plot {
    /// Data x to pixel column (clamped to the plot).
    pub fn x(&self, value: f64) -> i32 {
        let t = ((value - self.x.0) / (self.x.1 - self.x.0)).clamp(0.0, 1.0);
        self.rect.left + (t * f64::from(self.rect.right - self.rect.left)).round() as i32
    }

    /// Data y to pixel row (clamped to the plot).
    pub fn y(&self, value: f64) -> i32 {
        let t = ((value - self.y.0) / (self.y.1 - self.y.0)).clamp(0.0, 1.0);
        self.rect.bottom - (t * f64::from(self.rect.bottom - self.rect.top)).round() as i32
    }

    /// A data point in pixels.
    pub fn at(&self, x: f64, y: f64) -> (i32, i32) {
        (self.x(x), self.y(y))
    }
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
    pub fn new(
        root: &'a DrawingArea<DB, Shift>,
        options: &ChartOptions,
    ) -> Result<Self, ChartError> {
        font::ensure_registered()?;
        let style = Style::new(options);
        root.fill(&style.palette.background)
            .map_err(ChartError::draw)?;
        let (w, h) = root.dim_in_pixel();
        Ok(Canvas {
            root,
            style,
            width: w as i32,
            height: h as i32,
        })
    }

    /// Width and height of a text in pixels.
    pub fn text_size(&self, text: &str, style: &TextStyle) -> Result<(i32, i32), ChartError> {
        let (w, h) = self
            .root
            .estimate_text_size(text, style)
            .map_err(ChartError::draw)?;
        Ok((w as i32, h as i32))
    }

    /// Draws a text anchored at a pixel.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        style: &TextStyle,
        pos: Pos,
    ) -> Result<(), ChartError> {
        self.root
            .draw_text(text, &style.pos(pos), at)
            .map_err(ChartError::draw)
    }

    /// Splits a text into lines no wider than `width` (words longer than a line stay whole).
    pub fn wrap(
        &self,
        text: &str,
        style: &TextStyle,
        width: i32,
    ) -> Result<Vec<String>, ChartError> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
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
            self.text(
                &line,
                (margin, y),
                &title_style,
                anchor(HPos::Left, VPos::Top),
            )?;
            y += self
                .text_size(&line, &title_style)?
                .1
                .max(s.px(sizes::TITLE))
                + s.px(8.0);
        }
        if let Some(subtitle) = &titles.subtitle {
            let sub_style = s.text(sizes::SUBTITLE, s.palette.muted);
            y += s.px(2.0);
            for line in self.wrap(subtitle, &sub_style, width)? {
                self.text(
                    &line,
                    (margin, y),
                    &sub_style,
                    anchor(HPos::Left, VPos::Top),
                )?;
                y += s.px(sizes::SUBTITLE * 1.35);
            }
        }
        let mut bottom = self.height - margin;
        if let Some(caption) = &titles.caption {
            let cap_style = s.text(sizes::CAPTION, s.palette.muted);
            self.text(
                caption,
                (margin, bottom),
                &cap_style,
                anchor(HPos::Left, VPos::Bottom),
            )?;
            bottom -= s.px(sizes::CAPTION * 1.2) + s.px(12.0);
        }
        Ok(Rect {
            left: margin,
            top: y + s.px(14.0),
            right: self.width - margin,
            bottom,
        })
    }

    /// Draws a legend in rows at the top of `area`; returns the area below it.
    pub fn legend(&self, area: Rect, items: &[LegendItem]) -> Result<Rect, ChartError> {
        if items.is_empty() {
            return Ok(area);
        }
        let s = &self.style;
        let label_style = s.text(sizes::LEGEND, s.palette.text);
        let (mark_w, gap, row_h) = (s.px(36.0), s.px(34.0), s.px(sizes::LEGEND * 1.5));
        let (mut x, mut y) = (area.left, area.top);
        for item in items {
            let text_w = self.text_size(&item.label, &label_style)?.0;
            let entry_w = mark_w + s.px(10.0) + text_w;
            if x > area.left && x + entry_w > area.right {
                x = area.left;
                y += row_h;
            }
            let mid = y + row_h / 2;
            self.legend_mark(item.mark, x, mid, mark_w)?;
            let text_at = (x + mark_w + s.px(10.0), mid);
            self.text(
                &item.label,
                text_at,
                &label_style,
                anchor(HPos::Left, VPos::Center),
            )?;
            x += entry_w + gap;
        }
        Ok(Rect {
            top: y + row_h + s.px(16.0),
            ..area
        })
    }

    fn legend_mark(&self, mark: Mark, x: i32, mid: i32, w: i32) -> Result<(), ChartError> {
        let s = &self.style;
        let half = s.px(11.0);
        match mark {
            Mark::Swatch(c) => {
                self.rect((x, mid - half), (x + w, mid + half), c.to_rgba().filled())
            }
            Mark::Line(c, width) => self.line(&[(x, mid), (x + w, mid)], c, width),
            Mark::Dashed(c) => self.dashed(&[(x, mid), (x + w, mid)], c, 3.0),
            Mark::Dot(c) => self.dot((x + w / 2, mid), c, 7.0),
        }
    }

    /// Lays out and draws both axes inside `area`; returns the plot rectangle and map.
    pub fn axes(&self, area: Rect, x: &Axis, y: &Axis) -> Result<Plot, ChartError> {
        let s = &self.style;
        let tick_style = s.text(sizes::TICK, s.palette.text);
        let name_style = s.text(sizes::AXIS, s.palette.muted);
        let mut label_w = 0;
        for (_, label) in &y.ticks {
            label_w = label_w.max(self.text_size(label, &tick_style)?.0);
        }
        let last_x_w = match x.ticks.last() {
            Some((_, label)) => self.text_size(label, &tick_style)?.0,
            None => 0,
        };
        let tick_gap = s.px(12.0);
        let top = if y.name.is_empty() {
            area.top
        } else {
            area.top + s.px(sizes::AXIS * 1.6)
        };
        let bottom = area.bottom
            - tick_gap
            - s.px(sizes::TICK * 1.2)
            - if x.name.is_empty() {
                0
            } else {
                s.px(sizes::AXIS * 1.45)
            };
        let rect = Rect {
            left: area.left + label_w + tick_gap,
            top,
            right: area.right - last_x_w / 2,
            bottom,
        };
        if rect.right - rect.left < 50 || rect.bottom - rect.top < 50 {
            return Err(ChartError::InvalidInput(
                "the canvas is too small for its labels".into(),
            ));
        }
        let plot = Plot {
            rect,
            x: (x.min, x.max),
            y: (y.min, y.max),
        };
        for (value, label) in &y.ticks {
            let py = plot.y(*value);
            if y.grid {
                self.line(&[(rect.left, py), (rect.right, py)], s.palette.grid, 1.5)?;
            }
            let at = (rect.left - tick_gap, py);
            self.text(label, at, &tick_style, anchor(HPos::Right, VPos::Center))?;
        }
        for (value, label) in &x.ticks {
            let px = plot.x(*value);
            if x.grid {
                self.line(&[(px, rect.top), (px, rect.bottom)], s.palette.grid, 1.5)?;
            }
            self.line(
                &[(px, rect.bottom), (px, rect.bottom + s.px(8.0))],
                s.palette.axis,
                1.5,
            )?;
            let at = (px, rect.bottom + tick_gap);
            self.text(label, at, &tick_style, anchor(HPos::Center, VPos::Top))?;
        }
        self.line(
            &[(rect.left, rect.bottom), (rect.right, rect.bottom)],
            s.palette.axis,
            2.0,
        )?;
        if !y.name.is_empty() {
            let at = (area.left, area.top);
            self.text(&y.name, at, &name_style, anchor(HPos::Left, VPos::Top))?;
        }
        if !x.name.is_empty() {
            let at = ((rect.left + rect.right) / 2, area.bottom);
            self.text(&x.name, at, &name_style, anchor(HPos::Center, VPos::Bottom))?;
        }
        Ok(plot)
    }

    /// A solid polyline of a 1600×900 width.
    pub fn line(
        &self,
        points: &[(i32, i32)],
        color: RGBColor,
        width: f64,
    ) -> Result<(), ChartError> {
        self.line_rgba(
            points,
            color.to_rgba().stroke_width(self.style.stroke(width)),
        )
    }

    /// A polyline in an explicit shape style (e.g. translucent).
    pub fn line_rgba(&self, points: &[(i32, i32)], style: ShapeStyle) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        self.root
            .draw(&PathElement::new(points.to_vec(), style))
            .map_err(ChartError::draw)
    }

    /// A dashed polyline.
    pub fn dashed(
        &self,
        points: &[(i32, i32)],
        color: RGBColor,
        width: f64,
    ) -> Result<(), ChartError> {
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
        self.root
            .draw(&Polygon::new(points, style))
            .map_err(ChartError::draw)
    }

    /// A rectangle between two corners.
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> Result<(), ChartError> {
        self.root
            .draw(&Rectangle::new([a, b], style))
            .map_err(ChartError::draw)
    }

    /// A filled dot of a 1600×900 radius with a background-coloured ring.
    pub fn dot(&self, at: (i32, i32), color: RGBColor, radius: f64) -> Result<(), ChartError> {
        let s = &self.style;
        let ring = Circle::new(at, s.px(radius + 2.5), s.palette.background.filled());
        self.root.draw(&ring).map_err(ChartError::draw)?;
        self.root
            .draw(&Circle::new(at, s.px(radius), color.filled()))
            .map_err(ChartError::draw)
    }

    /// A text on a translucent background box, so it stays legible over lines and bands.
    pub fn label(
        &self,
        text: &str,
        at: (i32, i32),
        style: &TextStyle,
        pos: Pos,
    ) -> Result<(), ChartError> {
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
