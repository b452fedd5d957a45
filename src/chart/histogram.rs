//! The histogram: the distribution of one value across trajectories (e.g. final-month
//! gross profit) as bars of the share of trajectories per bin, with percentile markers
//! (p5, p50, p95) as labelled vertical lines. Bin count by Freedman–Diaconis, clamped to
//! 20..80 bins.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, anchor};
use super::marks::{axis_name, exact_axis, value_axis};
use super::style::{ChartOptions, sizes};
use super::{ChartError, Titles, Unit};

/// A labelled vertical line, e.g. `Marker { label: "p50".into(), value: 812.0 }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Short name printed before the value ("p5", "median").
    pub label: String,
    /// Position in the chart's unit.
    pub value: f64,
}

/// Input of [`draw_histogram`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistogramChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// What the values are, e.g. "Gross profit in month 24"; the x axis name.
    pub metric: String,
    /// Unit of the values.
    pub unit: Unit,
    /// One value per trajectory (non-finite values are ignored).
    pub values: Vec<f64>,
    /// Percentile markers, computed by the statistics (the chart does not recompute them).
    pub markers: Vec<Marker>,
}

/// Bin edges: Freedman–Diaconis width, 20 to 80 bins between min and max.
pub(crate) fn bin_count(sorted: &[f64]) -> usize {
    let n = sorted.len();
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return 20;
    };
    let q = |p: f64| sorted[((n - 1) as f64 * p).round() as usize];
    let iqr = q(0.75) - q(0.25);
    if iqr <= 0.0 || hi <= lo {
        return 20;
    }
    let width = 2.0 * iqr / (n as f64).cbrt();
    ((hi - lo) / width).ceil().clamp(20.0, 80.0) as usize
}

/// The range shown: the 0.1st to 99.5th percentile, so a long tail of a few trajectories
/// does not squeeze the bulk into a corner; the share left out is printed on the chart.
fn display_range(sorted: &[f64]) -> (f64, f64) {
    let q = |p: f64| sorted[((sorted.len() - 1) as f64 * p).round() as usize];
    (q(0.001), q(0.995))
}

/// Counts per bin over `[lo, hi]`; values outside are not counted.
fn counts(sorted: &[f64], lo: f64, hi: f64, bins: usize) -> Vec<usize> {
    let mut counts = vec![0; bins];
    let width = (hi - lo) / bins as f64;
    for v in sorted.iter().filter(|v| (lo..=hi).contains(*v)) {
        let i = if width > 0.0 { ((v - lo) / width).floor() as usize } else { 0 };
        counts[i.min(bins - 1)] += 1;
    }
    counts
}

/// Draws a histogram on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when there is no finite value; drawing errors otherwise.
pub fn draw_histogram<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &HistogramChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &HistogramChart) -> Result<(), ChartError> {
    let (p, s) = (canvas.style.palette, canvas.style);
    let mut sorted: Vec<f64> = chart.values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return Err(ChartError::InvalidInput(format!("histogram '{}' has no finite values", chart.titles.title)));
    }
    let (lo, hi) = display_range(&sorted);
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, hi + 0.5) };
    let bins = bin_count(&sorted);
    let counts = counts(&sorted, lo, hi, bins);
    let n = sorted.len() as f64;
    let top_share = counts.iter().copied().max().unwrap_or(0) as f64 / n;

    let body = canvas.header(&chart.titles)?;
    let body = match hidden_note(&sorted, lo, hi, &chart.unit) {
        Some(note) => canvas.note(body, &note)?,
        None => body,
    };
    let x_axis = exact_axis(lo, hi, &chart.unit, axis_name(&chart.metric, &chart.unit), 8);
    let markers: Vec<&Marker> = chart.markers.iter().filter(|m| m.value.is_finite()).collect();
    let texts = marker_texts(&markers, &chart.unit);
    let style = s.text(sizes::ANNOTATION, p.text);
    let row = s.px(sizes::ANNOTATION * 1.6);
    // Room above the tallest bar for the marker labels' rows.
    let draft = value_axis((0.0, top_share * 1.15), &Unit::Percent, "Share of futures".into(), true, 5);
    let plot_h = canvas.plot_layout(body, &x_axis, &draft)?.rect.size().1.max(1);
    let rows = if markers.is_empty() { 0 } else { marker_rows(canvas, &texts, &style)?.1 };
    let free = 1.0 - f64::from(rows * row + s.px(10.0)) / f64::from(plot_h);
    let y_max = top_share * 1.05 / free.max(0.4);
    let mut y_axis = value_axis((0.0, y_max), &Unit::Percent, "Share of futures".into(), true, 5);
    y_axis.max = y_axis.max.max(y_max);
    // The room above the bars is for the markers' labels: a share has no tick past 100%
    // (a run whose futures all fall in one bin read "150%").
    y_axis.ticks.retain(|(t, _)| *t <= y_axis.max && *t <= 1.0 + 1e-9);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    let width = (hi - lo) / bins as f64;
    let gap = s.px(1.0).min(2);
    for (i, &count) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let x0 = plot.x(lo + width * i as f64);
        let x1 = plot.x(lo + width * (i + 1) as f64);
        let top = plot.y(count as f64 / n);
        canvas.rect((x0 + gap, top), ((x1 - gap).max(x0 + gap), plot.rect.bottom), p.band_inner.filled())?;
    }
    let (assigned, _) = marker_rows(canvas, &texts, &style)?;
    let r = plot.rect;
    for ((marker, text), row_index) in markers.iter().zip(&texts).zip(assigned) {
        let x = plot.x(marker.value);
        canvas.dashed(&[(x, r.top), (x, r.bottom)], p.median, 2.5)?;
        canvas.record.borrow_mut().lines.push(vec![(x, r.top), (x, r.bottom)]);
        let right_half = x > (r.left + r.right) / 2;
        let (dx, h) = if right_half { (-s.px(8.0), HPos::Right) } else { (s.px(8.0), HPos::Left) };
        let y = r.top + s.px(6.0) + row * row_index;
        canvas.label(text, (x + dx, y), &style, anchor(h, VPos::Top))?;
    }
    Ok(())
}

/// "p50 $820" for each marker, all values at one precision.
fn marker_texts(markers: &[&Marker], unit: &Unit) -> Vec<String> {
    let values: Vec<f64> = markers.iter().map(|m| m.value).collect();
    markers.iter().zip(unit.format_alike(&values)).map(|(m, v)| format!("{} {v}", m.label)).collect()
}

/// Rows for the marker labels (each as high as it can go without touching a label in the
/// same row, judged by text width in value order) and how many rows that takes. Labels
/// sit right of their line in the left half and left of it in the right half.
fn marker_rows<DB: DrawingBackend>(
    canvas: &Canvas<'_, DB>,
    texts: &[String],
    style: &plotters::style::TextStyle,
) -> Result<(Vec<i32>, i32), ChartError> {
    // Positions are not known before the plot is; pessimistically give each label its own
    // row unless the labels are short enough to share (at most three rows either way).
    let widths: Vec<i32> = texts.iter().map(|t| canvas.text_size(t, style).map(|s| s.0)).collect::<Result<_, _>>()?;
    let rows = if widths.len() <= 1 { widths.len() as i32 } else { (widths.len() as i32).min(3) };
    Ok(((0..texts.len() as i32).map(|i| i % rows.max(1)).collect(), rows))
}

/// "Not drawn: 0.1% of futures below $203 and 0.5% above $2.56k", if any.
fn hidden_note(sorted: &[f64], lo: f64, hi: f64, unit: &Unit) -> Option<String> {
    let n = sorted.len() as f64;
    let below = sorted.iter().filter(|v| **v < lo).count() as f64 / n;
    let above = sorted.iter().filter(|v| **v > hi).count() as f64 / n;
    let ends = unit.format_alike(&[lo, hi]);
    let mut hidden = Vec::new();
    if below > 0.0 {
        hidden.push(format!("{} of futures below {}", share(below), ends[0]));
    }
    if above > 0.0 {
        let whose = if hidden.is_empty() { " of futures" } else { "" };
        hidden.push(format!("{}{whose} above {}", share(above), ends[1]));
    }
    (!hidden.is_empty()).then(|| format!("Not drawn: {}", hidden.join(" and ")))
}

/// A small share in words: "0.5%", "<0.1%".
fn share(fraction: f64) -> String {
    if fraction < 0.001 { "<0.1%".to_string() } else { format!("{:.1}%", fraction * 100.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freedman_diaconis_is_clamped() {
        let uniform: Vec<f64> = (0..100_000).map(f64::from).collect();
        assert_eq!(bin_count(&uniform), 47);
        let heavy_tail: Vec<f64> = (0..100_000).map(|i| (f64::from(i) / 1e4).powi(6)).collect();
        assert_eq!(bin_count(&heavy_tail), 80);
        let few: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(bin_count(&few), 20);
        assert_eq!(bin_count(&[3.0; 50]), 20);
        assert_eq!(bin_count(&[]), 20);
    }

    #[test]
    fn counts_ignore_values_outside_the_shown_range() {
        let values = [0.0, 0.5, 1.0, 5.0];
        assert_eq!(counts(&values, 0.0, 1.0, 2), vec![1, 2]);
    }
}
