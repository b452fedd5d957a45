//! The chart options of the commands that draw (`--charts`, `--theme`, `--size`,
//! `--scale`, `--title`, `--mean`), refused here, before any work, wherever the chart
//! module could not lay them out.

use clap::Args;

use crate::app::{Charts, Error};
use crate::chart::{ChartError, ChartOptions, ImageFormat, MAX_SIDE, MIN_SIZE, Theme};
use crate::present::charts::Requests;

/// Which image formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartFormats {
    None,
    Png,
    Svg,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// Chart options shared by the subcommands that draw.
#[derive(Debug, Clone, Args)]
pub struct ChartArgs {
    /// Chart formats to write.
    #[arg(long, value_enum, default_value = "png")]
    pub charts: ChartFormats,
    /// Colour theme of the charts.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeArg,
    /// Chart size in logical pixels, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Pixel multiplier for high-DPI screens (2 doubles the PNG's pixels).
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f64,
    /// The lead chart's title, instead of the message computed from the results.
    #[arg(long, value_name = "TEXT", value_parser = parse_title)]
    pub title: Option<String>,
    /// Draw the mean (dashed) beside the median on fan and difference charts.
    #[arg(long)]
    pub mean: bool,
}

/// A `--title`: some words, on one line.
fn parse_title(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("a title needs some words".into());
    }
    if text.chars().any(char::is_control) {
        return Err("a title is one line of text, without control characters".into());
    }
    Ok(text.to_string())
}

impl ChartArgs {
    /// The validated chart options: everything [`ChartOptions::validate`] refuses (a size
    /// too small for the labels, or one whose pixels at `--scale` are too many) is refused
    /// here, as bad input, before a command does any work.
    ///
    /// # Errors
    /// [`Error::Usage`] naming the limit and what to use instead.
    pub fn validated(&self) -> Result<Charts, Error> {
        let options = ChartOptions {
            width: self.size.0,
            height: self.size.1,
            scale: self.scale,
            theme: match self.theme {
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
            },
            text: 1.0,
        };
        options.validate().map_err(|e| {
            Error::Usage(format!(
                "--size {}x{} --scale {}: {}",
                self.size.0,
                self.size.1,
                self.scale,
                option_message(e)
            ))
        })?;
        let requests = Requests { title: self.title.clone(), mean: self.mean };
        Ok(Charts { options, formats: self.formats(), requests })
    }

    /// The formats to write, in order.
    fn formats(&self) -> Vec<ImageFormat> {
        use ImageFormat::{Png, Svg};
        match self.charts {
            ChartFormats::None => vec![],
            ChartFormats::Png => vec![Png],
            ChartFormats::Svg => vec![Svg],
            ChartFormats::Both => vec![Png, Svg],
        }
    }
}

/// The chart module's own words for a refused option, without its "cannot draw" prefix.
fn option_message(error: ChartError) -> String {
    match error {
        ChartError::InvalidInput(message) => message,
        other => other.to_string(),
    }
}

/// `WIDTHxHEIGHT`, each side from the charts' minimum ([`MIN_SIZE`]) to [`MAX_SIDE`].
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) =
        text.split_once(['x', 'X', '×']).ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, e.g. 1600x900"))?;
    let (min_w, min_h) = MIN_SIZE;
    let parse = |s: &str| s.trim().parse::<u32>().ok();
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) if w >= min_w && h >= min_h && w <= MAX_SIDE && h <= MAX_SIDE => Ok((w, h)),
        (Some(_), Some(_)) => Err(format!(
            "`{text}`: charts need at least {min_w}x{min_h} for their labels and at most {MAX_SIDE} a side"
        )),
        _ => Err(format!("`{text}`: width and height must be whole numbers, e.g. 1600x900")),
    }
}

fn parse_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.5..=4.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}`: the scale must be a number from 0.5 to 4")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart_args(size: (u32, u32), scale: f64) -> ChartArgs {
        ChartArgs { charts: ChartFormats::Png, theme: ThemeArg::Light, size, scale, title: None, mean: false }
    }

    #[test]
    fn sizes_the_charts_cannot_lay_out_are_refused_when_parsing() {
        assert_eq!(parse_size("640x360"), Ok((640, 360)));
        assert_eq!(parse_size("1600×900"), Ok((1600, 900)));
        for bad in ["700x300", "639x360", "20000x900", "1600", "axb", "-1x5"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert!(parse_size("300x200").unwrap_err().contains("at least 640x360"));
        for bad in ["0.4", "5", "NaN", "inf", "x"] {
            assert!(parse_scale(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn everything_the_chart_module_refuses_is_refused_before_a_run() {
        // Each side passes alone; together with the scale the output is too large.
        let error = chart_args((16_000, 9_000), 1.0).validated().unwrap_err();
        assert!(matches!(error, Error::Usage(_)) && error.to_string().contains("too large"), "{error}");
        assert_eq!(error.exit_code(), 2);
        let error = chart_args((8_000, 8_000), 4.0).validated().unwrap_err();
        assert!(error.to_string().contains("--scale 4"), "{error}");
        let ok = chart_args((640, 360), 0.5).validated();
        assert!(ok.is_err(), "640x360 at scale 0.5 is 320x180 pixels, below the minimum");
        let charts = chart_args((1600, 900), 2.0).validated().unwrap();
        assert_eq!((charts.options.width, charts.options.height, charts.formats.len()), (1600, 900, 1));
    }
}
