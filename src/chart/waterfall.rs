//! The waterfall chart: where one month's money goes, as horizontal floating bars read top
//! to bottom. Each step floats from the running total before it to the one after it
//! (money that comes in in one colour, money that leaves in another), thin connectors
//! carry the running total from one bar to the next, and the total closes the chart as a
//! bar from zero, left of zero when it is a loss. Every row's amount and share of income
//! stand in a column right of the plot, like an account's, so the axis fits the data
//! and no label covers a bar, a connector or another label; a step too small to see at
//! the axis' scale is still drawn a few pixels long.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::boxes::Rect;
use super::frame::{Canvas, anchor};
use super::guides::{LegendItem, Mark, Plot, RowNames};
use super::marks::{axis_name, extent, value_axis};
use super::style::{ChartOptions, sizes};
use super::{ChartError, Titles, Unit};

/// One amount of the waterfall.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaterfallStep {
    /// What it is, e.g. "Platform cost"; the row's name.
    pub label: String,
    /// Signed: positive adds to what the month keeps, negative takes from it.
    pub amount: f64,
    /// The amount as a fraction of the month's income (shown without its sign, which the
    /// amount carries); `None` without income.
    pub share: Option<f64>,
}

/// Input of [`draw_waterfall`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaterfallChart {
    /// Title, subtitle, caption.
    pub titles: Titles,
    /// What the amounts are, e.g. "Mean in month 30"; the x axis name.
    pub metric: String,
    /// Unit of the amounts.
    pub unit: Unit,
    /// The steps in order, drawn top to bottom.
    pub steps: Vec<WaterfallStep>,
    /// The total the steps add up to (e.g. net profit), drawn last, from zero.
    pub total: WaterfallStep,
}

/// Half the thickest bar, at 1600×900: rows of a short waterfall stay bars, not blocks.
const BAR_HALF_HEIGHT: f64 = 26.0;

/// How far the total may differ from the sum of the steps, relative to the largest amount.
const ADD_UP: f64 = 1e-6;

/// What a bar stands for, which sets its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Adds,
    Takes,
    Total,
}

/// One row: a bar from `from` to `to` (data values) and its value label.
struct Row {
    kind: Kind,
    from: f64,
    to: f64,
    text: String,
}

impl Row {
    fn span(&self) -> (f64, f64) {
        (self.from.min(self.to), self.from.max(self.to))
    }

    /// Whether the label would rather sit right of the bar: where the money moves.
    fn prefers_right(&self) -> bool {
        self.to >= self.from
    }
}

/// Draws a waterfall on any backend (the caller presents it).
///
/// # Errors
/// [`ChartError::InvalidInput`] for no steps, a value that is not finite, or a total that
/// is not the sum of the steps.
pub fn draw_waterfall<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &WaterfallChart,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    draw_on(&Canvas::new(root, options)?, chart)
}

impl WaterfallChart {
    /// Checks that the chart can be drawn, as drawing it would.
    ///
    /// # Errors
    /// [`ChartError::InvalidInput`] for no steps, an amount that is not finite, or a total
    /// that is not the sum of the steps (within a millionth of the largest amount).
    pub fn validate(&self) -> Result<(), ChartError> {
        let amounts = self.steps.iter().chain([&self.total]).map(|s| s.amount);
        if self.steps.is_empty() || amounts.clone().any(|a| !a.is_finite()) {
            return Err(ChartError::InvalidInput("a waterfall needs at least one step, every amount finite".into()));
        }
        let sum: f64 = self.steps.iter().map(|s| s.amount).sum();
        let scale = amounts.fold(0.0f64, |m, a| m.max(a.abs())).max(1.0);
        if (sum - self.total.amount).abs() > ADD_UP * scale {
            return Err(ChartError::InvalidInput(format!(
                "the waterfall's steps add up to {sum}, not to its total {}",
                self.total.amount
            )));
        }
        Ok(())
    }
}

/// The rows of a waterfall, checked: the steps' running totals, then the total from zero.
fn rows_of(chart: &WaterfallChart, short: bool) -> Result<Vec<Row>, ChartError> {
    chart.validate()?;
    let text = |step: &WaterfallStep, plus: bool| {
        let amount = if short {
            chart.unit.format_amount_short(step.amount, plus)
        } else {
            chart.unit.format_amount(step.amount, plus)
        };
        match step.share.filter(|s| s.is_finite()) {
            // A cost of millions against an income of hundreds: its share says only that.
            Some(share) if share.abs() >= 10.0 => format!("{amount} · >999%"),
            Some(share) => format!("{amount} · {:.1}%", share.abs() * 100.0),
            None => amount,
        }
    };
    let mut running = 0.0;
    let mut out = Vec::with_capacity(chart.steps.len() + 1);
    for step in &chart.steps {
        let kind = if step.amount < 0.0 { Kind::Takes } else { Kind::Adds };
        out.push(Row { kind, from: running, to: running + step.amount, text: text(step, true) });
        running += step.amount;
    }
    out.push(Row { kind: Kind::Total, from: 0.0, to: chart.total.amount, text: text(&chart.total, false) });
    Ok(out)
}

pub(crate) fn draw_on<DB: DrawingBackend>(canvas: &Canvas<'_, DB>, chart: &WaterfallChart) -> Result<(), ChartError> {
    let mut rows = rows_of(chart, false)?;
    let (p, s) = (canvas.style.palette, canvas.style);
    let colour = |kind: Kind| match kind {
        Kind::Adds => p.adds,
        Kind::Takes => p.takes,
        Kind::Total => p.median,
    };

    let body = canvas.header(&chart.titles)?;
    let mut legend = Vec::new();
    for (kind, text) in [(Kind::Adds, "adds"), (Kind::Takes, "takes away")] {
        if rows.iter().any(|r| r.kind == kind) {
            legend.push(LegendItem::new(Mark::Swatch(colour(kind)), text));
        }
    }
    legend.push(LegendItem::new(Mark::Swatch(p.median), format!("{} (mean)", lower_first(&chart.total.label))));
    let area = canvas.legend(body, &legend)?;

    let name_w = (area.right - area.left) * 3 / 10;
    let n = rows.len() as f64;
    let y_axis = RowNames::axis(rows.len());
    let labels: Vec<&str> = chart.steps.iter().chain([&chart.total]).map(|s| s.label.as_str()).collect();
    let label_style = s.text(sizes::ANNOTATION, p.text);
    let widest = |rows: &[Row]| -> Result<i32, ChartError> {
        let mut w = 0;
        for row in rows {
            w = w.max(canvas.text_size(&row.text, &label_style)?.0);
        }
        Ok(w)
    };
    let mut column_w = widest(&rows)?;
    if column_w > (area.right - area.left) / 3 {
        // Amounts of billions in whole dollars leave the bars no room: write them short.
        rows = rows_of(chart, true)?;
        column_w = widest(&rows)?;
    }
    let gap = s.px(16.0);
    let domain = extent(rows.iter().flat_map(|r| [r.from, r.to])).unwrap_or((0.0, 1.0));
    let mut x_axis = value_axis(domain, &chart.unit, axis_name(&chart.metric, &chart.unit), true, 6);
    x_axis.grid = true;
    let right = area.right - column_w - gap;
    let (names, plot_area) = RowNames::fit(canvas, &labels, name_w, (area, right), &x_axis)?;
    let plot = canvas.axes(plot_area, &x_axis, &y_axis)?;
    names.draw(canvas, &plot)?;

    let r = plot.rect;
    let zero = plot.x(0.0);
    canvas.line(&[(zero, r.top), (zero, r.bottom)], p.axis, 2.0)?;
    let sizes = (s.px(BAR_HALF_HEIGHT), s.px(6.0));
    let bars: Vec<Rect> =
        rows.iter().enumerate().map(|(i, row)| bar_rect(&plot, row, n - i as f64 - 0.5, sizes)).collect();
    for (i, (row, bar)) in rows.iter().zip(&bars).enumerate() {
        canvas.rect((bar.left, bar.top), (bar.right, bar.bottom), colour(row.kind).filled())?;
        canvas.record.borrow_mut().bars.push((plot.x(row.from), plot.x(row.to), *bar));
        if let Some(next) = bars.get(i + 1) {
            let x = plot.x(row.to);
            let connector = vec![(x, bar.bottom), (x, next.top)];
            canvas.line(&connector, p.muted, 1.5)?;
            canvas.record.borrow_mut().lines.push(connector);
        }
    }
    for (row, bar) in rows.iter().zip(&bars) {
        let at = (area.right, (bar.top + bar.bottom) / 2);
        canvas.label(&row.text, at, &label_style, anchor(HPos::Right, VPos::Center))?;
    }
    Ok(())
}

/// "Net profit" → "net profit" (a legend entry reads as a phrase).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The pixel rectangle of a row's bar, centred on row `centre` (data units): 62% of the
/// row's height, at most `2·half` pixels; a step that moves money at all is at least
/// `least` pixels long (grown the way the money moves), so a small cost stays visible.
fn bar_rect(plot: &Plot, row: &Row, centre: f64, (half, least): (i32, i32)) -> Rect {
    let (lo, hi) = row.span();
    let mid = plot.y(centre);
    let half = ((plot.y(centre - 0.31) - plot.y(centre + 0.31)) / 2).min(half);
    let (mut left, mut right) = (plot.x(lo), plot.x(hi));
    if row.from != row.to && right - left < least {
        if row.prefers_right() { right = left + least } else { left = right - least }
    }
    Rect { left, top: mid - half, right, bottom: mid + half }
}
