//! `report.html` for every command that draws: the figures drawn again as inline SVG
//! without their titles (the page writes them as captions, real text that wraps), at the
//! chosen size and at a phone's size, always in the light theme, which prints and mails
//! well; then the page added to the delivery like every other file. The options were
//! validated before the run, so drawing cannot fail on them.

use rayon::prelude::*;

use super::delivery::{Charts, REPORT};
use super::error::Error;
use crate::chart::{ChartError, ChartOptions, PHONE, Theme, Titles, render_svg};
use crate::export::html::{InlineFigure, Page, PageContext};
use crate::present::charts::Figure;

/// Each figure drawn for the page, with the command line that reproduces it.
///
/// # Errors
/// [`Error::Chart`] naming the figure that could not be drawn.
pub(super) fn context(figures: &[(String, Figure)], charts: &Charts, command: &str) -> Result<PageContext, Error> {
    let wide = ChartOptions { theme: Theme::Light, ..charts.options };
    let figures = figures
        .par_iter()
        .map(|pair| {
            page_figure(pair, &wide).map_err(|source| Error::Chart { name: format!("{} in {REPORT}", pair.0), source })
        })
        .collect::<Result<_, Error>>()?;
    Ok(PageContext { figures, command: command.to_string() })
}

/// One figure for the page: drawn without its titles (the page writes them as the
/// figure's caption) at `wide`, and again for phones at [`PHONE`].
fn page_figure((stem, figure): &(String, Figure), wide: &ChartOptions) -> Result<InlineFigure, ChartError> {
    let titles = figure.titles();
    let mut untitled = figure.clone();
    *untitled.titles_mut() = Titles::default();
    Ok(InlineFigure {
        stem: stem.clone(),
        title: titles.title.clone(),
        subtitle: titles.subtitle.clone(),
        description: figure.description(),
        wide: render_svg(&untitled, wide)?,
        narrow: Some(render_svg(&untitled, &PHONE)?),
    })
}

/// One figure drawn whole (its titles in the drawing) as inline SVG at `wide`, and at
/// `narrow` for phones when given: the explorable's static chart.
///
/// # Errors
/// The chart module's, when the figure cannot be drawn.
pub(super) fn figure(
    stem: &str,
    figure: &Figure,
    wide: &ChartOptions,
    narrow: Option<&ChartOptions>,
) -> Result<InlineFigure, ChartError> {
    Ok(InlineFigure {
        stem: stem.to_string(),
        title: figure.titles().title.clone(),
        subtitle: None,
        description: figure.description(),
        wide: render_svg(figure, wide)?,
        narrow: narrow.map(|n| render_svg(figure, n)).transpose()?,
    })
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
