//! Guides that explain the data: the legend row drawn above the plot (so it never covers
//! data, wrapping to more rows when needed) and the axes, laid out from the measured width
//! of their tick labels, with light horizontal grid lines, outward x ticks and axis names
//! placed where they cannot collide with tick labels; [`Plot`] maps data to pixels.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::ChartError;
use super::boxes::Rect;
use super::frame::{Canvas, anchor};
use super::style::sizes;

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
    /// A zigzag in several colours (a set of thin single-future lines).
    Paths(&'static [RGBColor]),
    /// An open ring (a marker that is not a data point, e.g. today's values).
    Ring(RGBColor),
    /// A square outline (a marked cell).
    Outline(RGBColor),
}

/// One legend entry.
pub(crate) struct LegendItem {
    pub mark: Mark,
    pub label: String,
}

impl LegendItem {
    pub fn new(mark: Mark, label: impl Into<String>) -> Self {
        LegendItem { mark, label: label.into() }
    }
}

/// One axis: its data range, ticks with their labels, its name, whether to grid.
pub(crate) struct Axis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<(f64, String)>,
    pub name: String,
    pub grid: bool,
    /// A second row of labels under an x axis' tick labels (the year under "Jan" and under
    /// the first month of a calendar axis); empty for none.
    pub second_row: Vec<(f64, String)>,
}

impl Axis {
    /// An axis with ticks and a name, no grid and no second row.
    pub fn new(min: f64, max: f64, ticks: Vec<(f64, String)>, name: impl Into<String>) -> Self {
        Axis { min, max, ticks, name: name.into(), grid: false, second_row: Vec::new() }
    }

    /// The ticks inside the axis' range (a tick past either end would be drawn on the edge,
    /// over its neighbour's label).
    fn ticks_inside(&self) -> impl Iterator<Item = &(f64, String)> {
        let (lo, hi) = (self.min.min(self.max), self.min.max(self.max));
        let slack = (hi - lo).abs() * 1e-9;
        self.ticks.iter().filter(move |(v, _)| *v >= lo - slack && *v <= hi + slack)
    }
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

    /// The data range of the x axis.
    pub fn x_range(&self) -> (f64, f64) {
        self.x
    }

    /// A data point in pixels.
    pub fn at(&self, x: f64, y: f64) -> (i32, i32) {
        (self.x(x), self.y(y))
    }
}

/// The names of a chart's rows (a waterfall's steps, a tornado's inputs), drawn left of
/// the plot rather than as the y axis' ticks: a name too long for its column takes two
/// lines where the rows leave room for them (a phone's drawing), and is cut with "…" only
/// past that, so a long name never crowds the plot out.
pub(crate) struct RowNames {
    /// Each row's lines, top row first.
    lines: Vec<Vec<String>>,
}

impl RowNames {
    /// The y axis of the rows: no ticks, the names are drawn by [`RowNames::draw`].
    pub fn axis(rows: usize) -> Axis {
        Axis::new(0.0, rows as f64, Vec::new(), "")
    }

    /// Names for `labels` (top row first) at most `width` pixels wide, and the area left
    /// for the plot: `area` from the names' right edge to `right`.
    pub fn fit<DB: DrawingBackend>(
        canvas: &Canvas<'_, DB>,
        labels: &[&str],
        width: i32,
        (area, right): (Rect, i32),
        x: &Axis,
    ) -> Result<(Self, Rect), ChartError> {
        let style = canvas.style.text(sizes::TICK, canvas.style.palette.text);
        let plot_area = |lines: &[Vec<String>]| -> Result<Rect, ChartError> {
            let mut w = 0;
            for line in lines.iter().flatten() {
                w = w.max(canvas.text_size(line, &style)?.0);
            }
            Ok(Rect { left: area.left + w, right, ..area })
        };
        let mut lines = Vec::with_capacity(labels.len());
        for label in labels {
            lines.push(canvas.wrap_at_most(label, &style, width, 2)?);
        }
        if lines.iter().any(|l| l.len() > 1) {
            let layout = canvas.plot_layout(plot_area(&lines)?, x, &Self::axis(labels.len()))?;
            if (layout.y(0.0) - layout.y(1.0)).abs() < Self::line_height(canvas) * 2 {
                lines.clear();
                for label in labels {
                    lines.push(vec![canvas.ellipsize(label, &style, width)?]);
                }
            }
        }
        let rect = plot_area(&lines)?;
        Ok((Self { lines }, rect))
    }

    fn line_height<DB: DrawingBackend>(canvas: &Canvas<'_, DB>) -> i32 {
        canvas.style.px(sizes::TICK * 1.15)
    }

    /// Draws each row's name right-aligned against the plot, centred on its row.
    pub fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<'_, DB>, plot: &Plot) -> Result<(), ChartError> {
        let style = canvas.style.text(sizes::TICK, canvas.style.palette.text);
        let line_h = Self::line_height(canvas);
        let right = plot.rect.left - canvas.style.space(12.0).max(4);
        let n = self.lines.len() as f64;
        for (i, lines) in self.lines.iter().enumerate() {
            let first = plot.y(n - i as f64 - 0.5) - (lines.len() as i32 - 1) * line_h / 2;
            for (j, line) in lines.iter().enumerate() {
                canvas.text(line, (right, first + j as i32 * line_h), &style, anchor(HPos::Right, VPos::Center))?;
            }
        }
        Ok(())
    }
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// Where each legend entry goes (its mark's left edge and row middle) and the area
    /// left below the legend, without drawing.
    pub fn legend_layout(&self, area: Rect, items: &[LegendItem]) -> Result<(Vec<(i32, i32)>, Rect), ChartError> {
        if items.is_empty() {
            return Ok((Vec::new(), area));
        }
        let s = &self.style;
        let label_style = s.text(sizes::LEGEND, s.palette.text);
        let (mark_w, gap, row_h) = (s.px(36.0), s.space(34.0), s.px(sizes::LEGEND * 1.45));
        let (mut x, mut y) = (area.left, area.top);
        let mut at = Vec::with_capacity(items.len());
        for item in items {
            let text_w = self.text_size(&item.label, &label_style)?.0;
            let entry_w = mark_w + s.px(8.0) + text_w;
            if x > area.left && x + entry_w > area.right {
                x = area.left;
                y += row_h;
            }
            at.push((x, y + row_h / 2));
            x += entry_w + gap;
        }
        Ok((at, Rect { top: y + row_h + s.space(16.0), ..area }))
    }

    /// Draws a legend in rows at the top of `area`; returns the area below it.
    pub fn legend(&self, area: Rect, items: &[LegendItem]) -> Result<Rect, ChartError> {
        let s = &self.style;
        let label_style = s.text(sizes::LEGEND, s.palette.text);
        let mark_w = s.px(36.0);
        let (at, below) = self.legend_layout(area, items)?;
        for (item, (x, mid)) in items.iter().zip(at) {
            self.legend_mark(item.mark, x, mid, mark_w)?;
            let text_at = (x + mark_w + s.px(8.0), mid);
            self.text(&item.label, text_at, &label_style, anchor(HPos::Left, VPos::Center))?;
        }
        Ok(below)
    }

    fn legend_mark(&self, mark: Mark, x: i32, mid: i32, w: i32) -> Result<(), ChartError> {
        let s = &self.style;
        let half = s.px(11.0);
        match mark {
            Mark::Swatch(c) => self.rect((x, mid - half), (x + w, mid + half), c.to_rgba().filled()),
            Mark::Line(c, width) => self.line(&[(x, mid), (x + w, mid)], c, width),
            Mark::Dashed(c) => self.dashed(&[(x, mid), (x + w, mid)], c, 3.0),
            Mark::Dot(c) => self.dot((x + w / 2, mid), c, 7.0),
            Mark::Ring(c) => self.ring((x + w / 2, mid), c, 9.0),
            Mark::Outline(c) => {
                let edge = c.stroke_width(s.stroke(4.0));
                self.rect((x + w / 2 - half, mid - half), (x + w / 2 + half, mid + half), edge)
            }
            Mark::Paths(colors) => {
                let n = colors.len().max(1) as i32;
                for (i, c) in colors.iter().enumerate() {
                    let (x0, x1) = (x + w * i as i32 / n, x + w * (i as i32 + 1) / n);
                    let (y0, y1) =
                        if i % 2 == 0 { (mid + half / 2, mid - half / 2) } else { (mid - half / 2, mid + half / 2) };
                    self.line(&[(x0, y0), (x1, y1)], *c, 2.5)?;
                }
                Ok(())
            }
        }
    }

    /// The plot rectangle and map the axes would leave inside `area`, without drawing.
    ///
    /// # Errors
    /// [`ChartError::InvalidInput`] when the labels leave less than 50 pixels either way.
    pub fn plot_layout(&self, area: Rect, x: &Axis, y: &Axis) -> Result<Plot, ChartError> {
        let s = &self.style;
        let tick_style = s.text(sizes::TICK, s.palette.text);
        let mut label_w = 0;
        for (_, label) in y.ticks_inside() {
            label_w = label_w.max(self.text_size(label, &tick_style)?.0);
        }
        let last_x_w = match x.ticks_inside().last() {
            Some((_, label)) => self.text_size(label, &tick_style)?.0,
            None => 0,
        };
        let tick_gap = s.space(12.0).max(4);
        let name_lines = self.y_name_lines(area, y)?.len() as i32;
        let top = if name_lines == 0 {
            area.top
        } else {
            area.top + name_lines * s.px(sizes::AXIS * 1.25) - s.px(sizes::AXIS * 0.25) + s.space(22.0)
        };
        let second_row = if x.second_row.is_empty() { 0 } else { s.px(sizes::TICK * 1.15) };
        // A compact canvas puts its caption on the row of the x axis' name; with no name
        // (a calendar axis) the caption takes that row alone.
        let caption_row = x.name.is_empty() && self.deferred_caption.borrow().is_some();
        let bottom = area.bottom
            - tick_gap
            - s.px(sizes::TICK)
            - second_row
            - if x.name.is_empty() && !caption_row { 0 } else { s.px(sizes::AXIS) + s.space(22.0) };
        let rect = Rect { left: area.left + label_w + tick_gap, top, right: area.right - last_x_w / 2, bottom };
        if rect.right - rect.left < 50 || rect.bottom - rect.top < 50 {
            return Err(ChartError::InvalidInput("the canvas is too small for its labels".into()));
        }
        Ok(Plot { rect, x: (x.min, x.max), y: (y.min, y.max) })
    }

    /// The y axis' name in lines no wider than the area (it wraps rather than runs off).
    fn y_name_lines(&self, area: Rect, y: &Axis) -> Result<Vec<String>, ChartError> {
        let style = self.style.text(sizes::AXIS, self.style.palette.muted);
        self.wrap(&y.name, &style, area.right - area.left)
    }

    /// The y ticks to label: every one while they stand at least 1.8 text heights apart,
    /// else every second (third, ...) one, counted from zero when zero is a tick, so a short
    /// plot reads "$0, $500, $1k" rather than a crowd of labels.
    fn thinned<'x>(&self, plot: &Plot, y: &'x Axis) -> Result<Vec<&'x (f64, String)>, ChartError> {
        let inside: Vec<&(f64, String)> = y.ticks_inside().collect();
        let style = self.style.text(sizes::TICK, self.style.palette.text);
        let (_, h) = self.text_size("0", &style)?;
        let spacing = match inside.as_slice() {
            [a, b, ..] => (plot.y(a.0) - plot.y(b.0)).abs().max(1),
            _ => return Ok(inside),
        };
        let every = (f64::from(h) * 1.8 / f64::from(spacing)).ceil().max(1.0) as usize;
        let anchor = inside.iter().position(|(v, _)| *v == 0.0).unwrap_or(0);
        Ok(inside.into_iter().enumerate().filter(|(i, _)| i.abs_diff(anchor) % every == 0).map(|(_, t)| t).collect())
    }

    /// Lays out and draws both axes inside `area`; returns the plot rectangle and map.
    pub fn axes(&self, area: Rect, x: &Axis, y: &Axis) -> Result<Plot, ChartError> {
        let s = &self.style;
        let tick_style = s.text(sizes::TICK, s.palette.text);
        let name_style = s.text(sizes::AXIS, s.palette.muted);
        let tick_gap = s.space(12.0).max(4);
        let plot = self.plot_layout(area, x, y)?;
        let rect = plot.rect;
        self.record.borrow_mut().plot = Some(rect);
        let mut drawn: Vec<Rect> = Vec::new();
        for (value, label) in self.thinned(&plot, y)? {
            let py = plot.y(*value);
            if y.grid {
                self.line(&[(rect.left, py), (rect.right, py)], s.palette.grid, 1.5)?;
            }
            let at = (rect.left - tick_gap, py);
            let bounds = self.text_box(label, at, &tick_style, anchor(HPos::Right, VPos::Center))?;
            if drawn.iter().all(|b| !b.overlaps(&bounds)) {
                drawn.push(bounds.padded(1));
                self.text(label, at, &tick_style, anchor(HPos::Right, VPos::Center))?;
            }
        }
        let gap = s.px(10.0);
        let mut last_right = i32::MIN;
        let mut kept = Vec::new();
        for (value, label) in x.ticks_inside() {
            let px = plot.x(*value);
            if x.grid {
                self.line(&[(px, rect.top), (px, rect.bottom)], s.palette.grid, 1.5)?;
            }
            self.line(&[(px, rect.bottom), (px, rect.bottom + s.px(8.0))], s.palette.axis, 1.5)?;
            let mut pos = anchor(HPos::Center, VPos::Top);
            let mut at = (px, rect.bottom + tick_gap);
            let mut bounds = self.text_box(label, at, &tick_style, pos)?;
            // The first label may reach under the y axis' lowest label: then it starts at its tick.
            if drawn.iter().any(|b| b.overlaps(&bounds)) {
                pos = anchor(HPos::Left, VPos::Top);
                at = (px - s.px(2.0), at.1);
                bounds = self.text_box(label, at, &tick_style, pos)?;
            }
            // A label that would touch the one before it is left out: the tick stays.
            if bounds.left >= last_right + gap && drawn.iter().all(|b| !b.overlaps(&bounds)) {
                last_right = bounds.right;
                kept.push(*value);
                self.text(label, at, &tick_style, pos)?;
            }
        }
        let row_y = rect.bottom + tick_gap + s.px(sizes::TICK * 1.15);
        let mut last_right = i32::MIN;
        for (value, label) in &x.second_row {
            let px = plot.x(*value);
            let at = (px, row_y);
            let pos = anchor(HPos::Center, VPos::Top);
            let bounds = self.text_box(label, at, &tick_style, pos)?;
            let under_a_label = kept.iter().any(|k| (k - value).abs() < 1e-9);
            if under_a_label && bounds.left >= last_right + gap && bounds.left >= area.left {
                last_right = bounds.right;
                self.text(label, at, &tick_style, pos)?;
            }
        }
        self.line(&[(rect.left, rect.bottom), (rect.right, rect.bottom)], s.palette.axis, 2.0)?;
        for (i, line) in self.y_name_lines(area, y)?.iter().enumerate() {
            let at = (area.left, area.top + i as i32 * s.px(sizes::AXIS * 1.25));
            self.text(line, at, &name_style, anchor(HPos::Left, VPos::Top))?;
        }
        let mut free_right = area.right;
        if !x.name.is_empty() {
            // Centred under the plot, moved in (and cut only past the canvas' width) so that a
            // plot near one edge does not carry its name off the canvas; the row under the
            // y axis' labels is free for it.
            let (left, right) = self.inner_width();
            let name = self.ellipsize(&x.name, &name_style, right - left)?;
            let half = (self.text_size(&name, &name_style)?.0 + 1) / 2;
            let centre = ((rect.left + rect.right) / 2).clamp(left + half, (right - half).max(left + half));
            let at = (centre, area.bottom);
            free_right = self.text_box(&name, at, &name_style, anchor(HPos::Center, VPos::Bottom))?.left;
            self.text(&name, at, &name_style, anchor(HPos::Center, VPos::Bottom))?;
        }
        let deferred = self.deferred_caption.borrow_mut().take();
        if let Some(caption) = deferred {
            let style = s.text(sizes::CAPTION, s.palette.muted);
            let width = free_right - area.left - s.px(16.0);
            let caption = self.ellipsize(&caption, &style, width)?;
            // No room for a word of it beside the axis' name: a lone "…" says nothing.
            if caption != "…" && self.text_size(&caption, &style)?.0 <= width {
                self.text(&caption, (area.left, area.bottom), &style, anchor(HPos::Left, VPos::Bottom))?;
            }
        }
        Ok(plot)
    }
}
