//! Prior against posterior for one calibrated parameter: the share of draws in each bin
//! of a common range, the prior ("before your history") as a grey outline and the
//! posterior ("after") as filled bars, each one's 90% interval in the legend and the
//! posterior median marked. The bins are as wide as the posterior's effective number of
//! draws supports, so no gap between bars is noise read as structure. A reader sees at a
//! glance how far the history moved the parameter and how much it narrowed it.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark};
use super::marks::{axis_name, exact_axis, value_axis};
use super::style::{ChartOptions, sizes};
use super::{ChartError, Titles, Unit};

/// The most and fewest bins across the shown range.
const MAX_BINS: usize = 40;
const MIN_BINS: usize = 8;

/// p5, median and p95 of one distribution.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Interval {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// Input of [`draw_posterior`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PosteriorChart {
    pub titles: Titles,
    /// The parameter, for the x axis ("Monthly churn").
    pub parameter: String,
    pub unit: Unit,
    /// Draws from the prior and from the posterior (non-finite values are ignored).
    pub prior: Vec<f64>,
    pub posterior: Vec<f64>,
    pub prior_interval: Interval,
    pub posterior_interval: Interval,
    /// The posterior's effective number of independent draws (weighted or correlated
    /// draws count for less than their number); `None` counts every draw.
    pub effective_draws: Option<f64>,
}

/// Bins over `[lo, hi]` for the posterior: as many across its middle 90% as its effective
/// number of draws supports (three quarters of their cube root, 4 to 10: about 370
/// effective draws give 5 bars there, each expecting some 65 draws, so no gap between bars
/// is noise), then as wide over the whole range, between [`MIN_BINS`] and [`MAX_BINS`].
pub(crate) fn bins_for(posterior: &[f64], effective: Option<f64>, (lo, hi): (f64, f64)) -> usize {
    if posterior.len() < 2 || hi <= lo {
        return MIN_BINS;
    }
    let n = effective.filter(|n| n.is_finite() && *n >= 1.0).unwrap_or(posterior.len() as f64);
    let middle = quantile(posterior, 0.95) - quantile(posterior, 0.05);
    if middle <= 0.0 {
        return MIN_BINS;
    }
    let across = (0.75 * n.cbrt()).clamp(4.0, 10.0);
    ((hi - lo) / (middle / across)).round().clamp(MIN_BINS as f64, MAX_BINS as f64) as usize
}

/// Draws the chart on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] when either set of draws has no finite value.
pub fn draw_posterior<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &PosteriorChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v
}

fn quantile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Shares of `sorted` in each of `bins` bins over `[lo, hi]`.
fn shares(sorted: &[f64], lo: f64, hi: f64, bins: usize) -> Vec<f64> {
    let mut counts = vec![0usize; bins];
    let width = (hi - lo) / bins as f64;
    for v in sorted.iter().filter(|v| (lo..=hi).contains(*v)) {
        let i = if width > 0.0 { ((v - lo) / width) as usize } else { 0 };
        counts[i.min(bins - 1)] += 1;
    }
    counts.iter().map(|&c| c as f64 / sorted.len() as f64).collect()
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &PosteriorChart) -> Result<(), ChartError> {
    let (p, s) = (canvas.style.palette, canvas.style);
    let (prior, posterior) = (sorted(&chart.prior), sorted(&chart.posterior));
    if prior.is_empty() || posterior.is_empty() {
        return Err(ChartError::InvalidInput(format!("'{}' needs prior and posterior draws", chart.titles.title)));
    }
    // The prior's middle 99% and all of the posterior: a long prior tail does not squeeze
    // the posterior into a corner.
    let lo = quantile(&prior, 0.005).min(quantile(&posterior, 0.0));
    let hi = quantile(&prior, 0.995).max(quantile(&posterior, 1.0));
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, hi + 0.5) };
    let bins = bins_for(&posterior, chart.effective_draws, (lo, hi));
    let (prior_shares, posterior_shares) = (shares(&prior, lo, hi, bins), shares(&posterior, lo, hi, bins));
    let top = prior_shares.iter().chain(&posterior_shares).copied().fold(0.0, f64::max);

    let body = canvas.header(&chart.titles)?;
    let prior_colour = p.muted;
    let posterior_colour = p.median;
    let ends = |i: &Interval| {
        let v = chart.unit.format_alike(&[i.p5, i.p95]);
        // The unit said once where it trails: "between 0.8 and 5/month".
        let low = v[0].strip_suffix("/month").filter(|_| v[1].ends_with("/month")).unwrap_or(&v[0]);
        format!("90% between {low} and {}", v[1])
    };
    let legend = [
        LegendItem::new(Mark::Line(prior_colour, 3.0), format!("before your history: {}", ends(&chart.prior_interval))),
        LegendItem::new(Mark::Swatch(p.band_inner), format!("after it: {}", ends(&chart.posterior_interval))),
    ];
    let body = canvas.legend(body, &legend)?;
    let x_axis = exact_axis(lo, hi, &chart.unit, axis_name(&chart.parameter, &chart.unit), 8);
    let mut y_axis = value_axis((0.0, top * 1.25), &Unit::Percent, "Share of draws".into(), true, 5);
    y_axis.max = y_axis.max.max(top * 1.25);
    let plot = canvas.axes(body, &x_axis, &y_axis)?;

    let width = (hi - lo) / bins as f64;
    let gap = s.px(1.0).min(2);
    for (i, share) in posterior_shares.iter().enumerate().filter(|(_, v)| **v > 0.0) {
        let (x0, x1) = (plot.x(lo + width * i as f64), plot.x(lo + width * (i + 1) as f64));
        let fill = p.band_inner.filled();
        canvas.rect((x0 + gap, plot.y(*share)), ((x1 - gap).max(x0 + gap), plot.rect.bottom), fill)?;
    }
    let mut outline = vec![(plot.x(lo), plot.rect.bottom)];
    for (i, share) in prior_shares.iter().enumerate() {
        let y = plot.y(*share);
        outline.push((plot.x(lo + width * i as f64), y));
        outline.push((plot.x(lo + width * (i + 1) as f64), y));
    }
    outline.push((plot.x(hi), plot.rect.bottom));
    canvas.line(&outline, prior_colour, 3.0)?;
    canvas.record.borrow_mut().lines.push(outline);

    let median = chart.posterior_interval.p50;
    if median.is_finite() {
        let x = plot.x(median);
        let r = plot.rect;
        canvas.dashed(&[(x, r.top), (x, r.bottom)], posterior_colour, 2.5)?;
        let text = format!("median after your history: {}", chart.unit.format_alike(&[median])[0]);
        let style = s.text(sizes::ANNOTATION, p.text);
        let right_half = x > (r.left + r.right) / 2;
        let (dx, h) = if right_half { (-s.px(8.0), HPos::Right) } else { (s.px(8.0), HPos::Left) };
        canvas.label(&text, (x + dx, r.top + s.px(6.0)), &style, anchor(h, VPos::Top))?;
    }
    Ok(())
}
