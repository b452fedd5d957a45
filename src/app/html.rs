//! `report.html` for every command that draws: the figures drawn again as inline SVG (at
//! the chosen size and at a narrow size for phones, always in the light theme, which
//! prints and mails well) and the page added to the delivery like every other file. The
//! options were validated before the run, so drawing cannot fail on them.

use rayon::prelude::*;

use super::delivery::{Charts, REPORT};
use super::error::Error;
use crate::chart::{ChartError, ChartOptions, Theme, render_svg};
use crate::export::html::{InlineFigure, Page, PageContext};
use crate::present::charts::Figure;

/// The size of the drawings phones get (narrow screens show them instead of the wide ones).
const NARROW: (u32, u32) = (640, 480);

/// Each figure drawn for the page, with the command line that reproduces it.
///
/// # Errors
/// [`Error::Chart`] naming the figure that could not be drawn.
pub(super) fn context(figures: &[(String, Figure)], charts: &Charts, command: &str) -> Result<PageContext, Error> {
    let wide = ChartOptions { theme: Theme::Light, ..charts.options };
    let narrow = ChartOptions { width: NARROW.0, height: NARROW.1, ..wide };
    let figures = figures
        .par_iter()
        .map(|(stem, f)| {
            figure(stem, f, &wide, (wide.width > NARROW.0).then_some(&narrow))
                .map_err(|source| Error::Chart { name: format!("{stem} in {REPORT}"), source })
        })
        .collect::<Result<_, Error>>()?;
    Ok(PageContext { figures, command: command.to_string() })
}

/// One figure drawn as inline SVG at `wide`, and at `narrow` for phones when given.
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
