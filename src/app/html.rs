//! `report.html` for every command that draws: the figures drawn again as inline SVG
//! without their titles (the page writes them as captions, real text that wraps), at the
//! chosen size and at a phone's size, always in the light theme, which prints and mails
//! well; then the page added to the delivery like every other file. The options were
//! validated before the run, so drawing cannot fail on them.

use rayon::prelude::*;

use super::delivery::{Charts, REPORT};
use super::error::Error;
use crate::chart::{ChartOptions, Theme, Titles, render_svg};
use crate::export::html::{InlineFigure, Page, PageContext};
use crate::present::charts::Figure;

/// The drawings phones get (narrow screens show them instead of the wide ones): 640×780
/// logical pixels, taller than wide, with text 1.75 times what the canvas alone would give
/// it. Shown 366 px wide on a 390 px phone, its smallest text (an annotation, 25 px on a
/// 1600×900 drawing; the page draws no caption) is 12.6 px.
pub const PHONE: ChartOptions = ChartOptions { width: 640, height: 780, scale: 1.0, theme: Theme::Light, text: 1.75 };

/// Each figure drawn for the page, with the command line that reproduces it.
///
/// # Errors
/// [`Error::Chart`] naming the figure that could not be drawn.
pub(super) fn context(figures: &[(String, Figure)], charts: &Charts, command: &str) -> Result<PageContext, Error> {
    let wide = ChartOptions { theme: Theme::Light, ..charts.options };
    let figures = figures
        .par_iter()
        .map(|(stem, figure)| {
            let titles = figure.titles().clone();
            let untitled = untitled(figure);
            let draw = |options: &ChartOptions| {
                render_svg(&untitled, options)
                    .map_err(|source| Error::Chart { name: format!("{stem} in {REPORT}"), source })
            };
            Ok(InlineFigure {
                stem: stem.clone(),
                title: titles.title.clone(),
                subtitle: titles.subtitle.clone(),
                description: figure.description(),
                wide: draw(&wide)?,
                narrow: Some(draw(&PHONE)?),
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok(PageContext { figures, command: command.to_string() })
}

/// The figure without its title, subtitle and caption (the page writes them as text).
fn untitled(figure: &Figure) -> Figure {
    let mut figure = figure.clone();
    let titles = match &mut figure {
        Figure::Fan(c) => &mut c.titles,
        Figure::Histogram(c) => &mut c.titles,
        Figure::Overlay(c) => &mut c.titles,
        Figure::Difference(c) => &mut c.titles,
        Figure::Sweep(c) => &mut c.titles,
        Figure::Heatmap(c) => &mut c.titles,
        Figure::Tornado(c) => &mut c.titles,
        Figure::Survival(c) => &mut c.titles,
        Figure::Solve(c) => &mut c.titles,
        Figure::Posterior(c) => &mut c.titles,
        Figure::Waterfall(c) => &mut c.titles,
        Figure::Stacked(c) => &mut c.titles,
    };
    *titles = Titles::default();
    figure
}

/// The page made by `page` from the drawn figures, when the command draws at all.
///
/// # Errors
/// [`Error::Chart`] naming the figure that could not be drawn.
pub(super) fn report_page(
    charts: &Charts,
    figures: &[(String, Figure)],
    command: &str,
    page: impl FnOnce(&PageContext) -> Page,
) -> Result<Option<Vec<u8>>, Error> {
    if !charts.any() {
        return Ok(None);
    }
    let context = context(figures, charts, command)?;
    Ok(Some(page(&context).render().into_bytes()))
}
