//! The front door: render a chart to PNG or SVG and write it atomically. The image is
//! drawn into a temporary file in the destination's directory (so an unwritable place
//! fails before any drawing), flushed to disk, given mode 0644 and renamed over the
//! destination: an interrupted run never leaves a half-written chart where a good one was.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};

use super::crisp::CrispText;
use super::style::ChartOptions;
use super::svgtext::{OutlinedText, finish};
use super::{Chart, ChartError};

/// The two output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Raster, the canonical blog asset.
    Png,
    /// Vector; text is drawn as outlines of the embedded font, so no font is needed.
    Svg,
}

impl ImageFormat {
    /// The file extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }

    /// The format a path's extension names (`.png` or `.svg`, any case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ChartError + '_ {
    move |source| ChartError::Io { path: path.to_path_buf(), source }
}

/// Renders `chart` and writes it to `path` atomically (temporary file, then rename).
///
/// # Errors
/// [`ChartError::Io`] (with the path) when the directory is not writable or the rename
/// fails; drawing and input errors as for the chart kind. Nothing is left behind on error.
pub fn write_chart<'a>(
    chart: impl Into<Chart<'a>>,
    path: &Path,
    format: ImageFormat,
    options: &ChartOptions,
) -> Result<(), ChartError> {
    let chart = chart.into();
    // The size is checked before any file is created.
    options.pixel_size()?;
    let dir: PathBuf = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| ChartError::InvalidInput(format!("{} is not a file path", path.display())))?;
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(&format!(".{}", format.extension()))
        .tempfile_in(&dir)
        .map_err(io_error(&dir))?;
    match format {
        ImageFormat::Png => {
            let (w, h, pixels) = render_rgb(chart, options)?;
            write_png(temp.as_file_mut(), (w, h), &pixels).map_err(|e| match e {
                png::EncodingError::IoError(source) => ChartError::Io { path: path.to_path_buf(), source },
                other => ChartError::draw(other),
            })?;
        }
        ImageFormat::Svg => {
            let svg = render_svg(chart, options)?;
            temp.write_all(svg.as_bytes()).map_err(io_error(path))?;
        }
    }
    temp.as_file().sync_all().map_err(io_error(path))?;
    set_public_mode(temp.path())?;
    temp.persist(path).map_err(|e| io_error(path)(e.error))?;
    Ok(())
}

/// Encodes 8-bit RGB pixels as a PNG (fast deflate, adaptive filters) into `out`.
fn write_png(out: &mut std::fs::File, (w, h): (u32, u32), pixels: &[u8]) -> Result<(), png::EncodingError> {
    let mut encoder = png::Encoder::new(out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()
}

/// Published charts are world-readable (tempfile creates files with mode 0600).
fn set_public_mode(path: &Path) -> Result<(), ChartError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(path, mode).map_err(io_error(path))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Renders `chart` as an SVG document whose text is drawn as glyph outlines of the
/// embedded font (so it looks the same with no font installed), each text kept as the
/// `aria-label` of its path.
///
/// # Errors
/// As for the chart kind; [`ChartError::Draw`] if the SVG backend fails.
pub fn render_svg<'a>(chart: impl Into<Chart<'a>>, options: &ChartOptions) -> Result<String, ChartError> {
    let chart = chart.into();
    let size = options.pixel_size()?;
    let mut svg = String::new();
    let paths = Rc::new(RefCell::new(Vec::new()));
    {
        let backend = OutlinedText { inner: SVGBackend::with_string(&mut svg, size), paths: Rc::clone(&paths) };
        let root = backend.into_drawing_area();
        chart.draw(&root, options)?;
        root.present().map_err(ChartError::draw)?;
    }
    // A name with a control character (an escape, a bell) would make the SVG ill-formed XML,
    // which no character reference can carry: it is shown as `\u{1b}`, as everywhere.
    Ok(crate::text::escape_control(&finish(&svg, &paths.borrow())).into_owned())
}

/// Renders `chart` into memory as 8-bit RGB pixels, row by row: `(width, height, pixels)`.
///
/// # Errors
/// As for the chart kind.
pub fn render_rgb<'a>(chart: impl Into<Chart<'a>>, options: &ChartOptions) -> Result<(u32, u32, Vec<u8>), ChartError> {
    let chart = chart.into();
    let (w, h) = options.pixel_size()?;
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = CrispText(BitMapBackend::with_buffer(&mut pixels, (w, h))).into_drawing_area();
        chart.draw(&root, options)?;
        root.present().map_err(ChartError::draw)?;
    }
    Ok((w, h, pixels))
}
