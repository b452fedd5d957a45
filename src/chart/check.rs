//! A drawn chart's text layout, checked: every text a chart kind writes is recorded with its
//! box while it draws, so the boxes can be compared without reading pixels. Used by the
//! tests of every chart kind and of every command's figures, and open to any caller that
//! lays out its own page around a chart.

use plotters::prelude::{BitMapBackend, IntoDrawingArea};

use super::boxes::{Record, Rect};
use super::style::ChartOptions;
use super::{Chart, ChartError};

/// Where the texts of `chart` drawn with `options` go wrong, in words: a text that touches
/// another, a label's legibility box that covers another text, a text that leaves the
/// canvas, or a title or subtitle cut with "…". Empty when the layout is clean.
///
/// # Errors
/// As for drawing the chart.
pub fn text_collisions<'a>(chart: impl Into<Chart<'a>>, options: &ChartOptions) -> Result<Vec<String>, ChartError> {
    let (w, h) = options.pixel_size()?;
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    let record = {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        let record = chart.into().draw_recorded(&root, options)?;
        root.present().map_err(ChartError::draw)?;
        record
    };
    Ok(problems(&record, Rect { left: 0, top: 0, right: w as i32, bottom: h as i32 }))
}

/// The problems of a recorded layout on a canvas.
pub(crate) fn problems(record: &Record, canvas: Rect) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (a, ra)) in record.texts.iter().enumerate() {
        if !canvas.contains(ra) {
            problems.push(format!("{a:?} at {ra:?} leaves the canvas"));
        }
        if a.ends_with('…') && ra.bottom <= record.header_bottom {
            problems.push(format!("{a:?} is cut"));
        }
        for (b, rb) in &record.texts[i + 1..] {
            if ra.overlaps(rb) {
                problems.push(format!("{a:?} at {ra:?} overlaps {b:?} at {rb:?}"));
            }
        }
    }
    for (label, bounds) in &record.labels {
        for (text, r) in &record.texts {
            if r.overlaps(bounds) && !bounds.contains(r) {
                problems.push(format!("the box of {label:?} at {bounds:?} covers {text:?} at {r:?}"));
            }
        }
    }
    problems
}
