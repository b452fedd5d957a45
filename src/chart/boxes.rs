//! Pixel boxes: [`Rect`], and the [`Record`] of what a drawing placed where, which tests
//! and callers that lay out around a chart read instead of pixels.

use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A pixel rectangle, edges inclusive of `left`/`top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Rect {
    /// The rectangle of a `w`×`h` box anchored at `at` by `pos`.
    pub fn anchored(at: (i32, i32), (w, h): (i32, i32), pos: Pos) -> Rect {
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
        Rect { left, top, right: left + w, bottom: top + h }
    }

    /// Grown by `pad` pixels on every side.
    pub fn padded(self, pad: i32) -> Rect {
        Rect { left: self.left - pad, top: self.top - pad, right: self.right + pad, bottom: self.bottom + pad }
    }

    /// Whether two rectangles share any pixel.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right && other.left < self.right && self.top < other.bottom && other.top < self.bottom
    }

    /// Whether `other` lies wholly inside.
    pub fn contains(&self, other: &Rect) -> bool {
        other.left >= self.left && other.right <= self.right && other.top >= self.top && other.bottom <= self.bottom
    }

    /// Width and height.
    pub fn size(&self) -> (i32, i32) {
        (self.right - self.left, self.bottom - self.top)
    }
}

/// What a drawing placed where, in pixels: kept so tests (and callers that lay out
/// around a chart) can check the layout without reading pixels back.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    /// The plot rectangle (inside the axes), once the axes are drawn.
    pub plot: Option<Rect>,
    /// Every text drawn, with its box.
    pub texts: Vec<(String, Rect)>,
    /// The boxes of labels drawn on a legibility box over the plot.
    pub labels: Vec<(String, Rect)>,
    /// Every band polygon drawn (percentile bands, intervals), as pixel outlines.
    pub bands: Vec<Vec<(i32, i32)>>,
    /// Lines drawn over the plot, in pixels (medians, sample paths, markers).
    pub lines: Vec<Vec<(i32, i32)>>,
    /// Centres of the data dots drawn (actuals, observations, evaluated values).
    pub dots: Vec<(i32, i32)>,
    /// Floating bars drawn (a waterfall's steps), in drawing order: the pixel column the
    /// bar starts from, the one it runs to, and its rectangle.
    pub bars: Vec<(i32, i32, Rect)>,
    /// Where the header ends.
    pub header_bottom: i32,
}
