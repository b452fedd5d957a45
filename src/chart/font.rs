//! The embedded font: DejaVu Sans (Regular and Bold, Bitstream Vera licence, see
//! `assets/fonts/LICENSE-DejaVu.txt`) registered once with plotters under the family
//! "sans-serif", the name plotters uses by default, so every glyph is drawn with the same
//! font on every machine and no system font library is needed.
//!
//! Keep all font setup in this one function: plotters 0.4 may replace `register_font`.

use std::sync::OnceLock;

use ab_glyph::FontRef;
use plotters::style::{FontStyle, register_font};

use super::ChartError;

/// The family name charts ask for.
pub const FAMILY: &str = "sans-serif";

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

static REGISTERED: OnceLock<Result<(), &'static str>> = OnceLock::new();

/// Registers the embedded fonts (once per process; later calls are free).
///
/// Every chart function calls this before drawing text, so callers need not.
///
/// # Errors
/// [`ChartError::Font`] naming the font file if plotters rejects the embedded data
/// (plotters' own error type implements neither `Debug` nor `Error`).
pub fn ensure_registered() -> Result<(), ChartError> {
    let outcome = REGISTERED.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR).map_err(|_| "DejaVuSans.ttf")?;
        register_font(FAMILY, FontStyle::Bold, BOLD).map_err(|_| "DejaVuSans-Bold.ttf")?;
        Ok(())
    });
    outcome.map_err(|name| ChartError::Font { name })
}

/// The parsed embedded face for a style (bold or regular), for the PNG text rasteriser.
///
/// # Errors
/// [`ChartError::Font`] if the embedded data does not parse.
pub(crate) fn face(style: FontStyle) -> Result<&'static FontRef<'static>, ChartError> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        let regular = FontRef::try_from_slice(REGULAR).ok()?;
        let bold = FontRef::try_from_slice(BOLD).ok()?;
        Some((regular, bold))
    });
    match (faces, style) {
        (Some((_, bold)), FontStyle::Bold) => Ok(bold),
        (Some((regular, _)), _) => Ok(regular),
        (None, _) => Err(ChartError::Font {
            name: "DejaVuSans.ttf",
        }),
    }
}
