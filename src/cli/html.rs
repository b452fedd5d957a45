//! `report.html` for every command that draws: the figures drawn again as inline SVG (at
//! the chosen size and at a narrow size for phones, always in the light theme, which
//! prints and mails well), the page staged with the other outputs (put in place only when the command completes), and the
//! command line that reproduces it. The options were validated before the run, so drawing
//! cannot fail on them.

use std::path::Path;

use rayon::prelude::*;

use super::args::Charts;
use super::error::Error;
use super::output::Outputs;
use crate::chart::{ChartOptions, Theme, render_svg};
use crate::export::html::{InlineFigure, Page};
use crate::present::charts::Figure;

/// The size of the drawings phones get (narrow screens show them instead of the wide ones).
const NARROW: (u32, u32) = (640, 480);

/// The file name of the page.
pub const REPORT: &str = "report.html";

/// Each figure drawn for the page.
///
/// # Errors
/// [`Error::Chart`] naming the figure that could not be drawn.
pub fn inline_figures(figures: &[(String, Figure)], charts: &Charts) -> Result<Vec<InlineFigure>, Error> {
    let wide = ChartOptions { theme: Theme::Light, ..charts.options };
    let narrow = ChartOptions { width: NARROW.0, height: NARROW.1, ..wide };
    figures
        .par_iter()
        .map(|(stem, figure)| {
            let draw = |options: &ChartOptions| {
                render_svg(figure, options)
                    .map_err(|source| Error::Chart { name: format!("{stem} in {REPORT}"), source })
            };
            let narrow = (wide.width > NARROW.0).then(|| draw(&narrow)).transpose()?;
            Ok(InlineFigure {
                stem: stem.clone(),
                title: figure.titles().title.clone(),
                description: figure.description(),
                wide: draw(&wide)?,
                narrow,
            })
        })
        .collect()
}

/// Stages the page in the output folder; returns its file name.
///
/// # Errors
/// [`Error::Interrupted`] after Ctrl-C; [`Error::Write`] naming the path.
pub fn write_report(outputs: &mut Outputs, page: &Page) -> Result<String, Error> {
    outputs.file(REPORT, page.render().as_bytes())?;
    Ok(REPORT.to_string())
}

/// The command line as the user could type it again: `sidecast` and the arguments, quoted
/// for a POSIX shell, with absolute paths shortened to their file names (a shared page
/// must not reveal where files live).
pub fn reproduce_command() -> String {
    let words: Vec<String> = std::env::args().skip(1).map(|a| quote(&without_directories(&a))).collect();
    if words.is_empty() { "sidecast".to_string() } else { format!("sidecast {}", words.join(" ")) }
}

fn without_directories(arg: &str) -> String {
    let (prefix, value) = match arg.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") => (format!("{flag}="), value),
        _ => (String::new(), arg),
    };
    let path = Path::new(value);
    let shortened = if path.is_absolute() || value.starts_with('~') {
        path.file_name().map_or(value.to_string(), |n| n.to_string_lossy().into_owned())
    } else {
        value.to_string()
    };
    format!("{prefix}{shortened}")
}

fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./=:,+-@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_quoted_for_a_shell_and_keep_no_directories() {
        assert_eq!(quote("scenarios/reseller.toml"), "scenarios/reseller.toml");
        assert_eq!(quote("reseller.churn={ beta = [2, 18] }"), "'reseller.churn={ beta = [2, 18] }'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(without_directories("/home/me/private/history.csv"), "history.csv");
        assert_eq!(without_directories("--actuals=/home/me/h.csv"), "--actuals=h.csv");
        assert_eq!(without_directories("scenarios/reseller.toml"), "scenarios/reseller.toml");
        assert_eq!(without_directories("reseller.churn=0.05"), "reseller.churn=0.05");
    }
}
