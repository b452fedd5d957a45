//! One place for every visual decision: canvas options, light and dark palettes, the
//! graded band tints, the Okabe–Ito series palette, the heatmap ramp, font sizes and line
//! widths. Sizes are given for a 1600×900 canvas and multiplied by [`Style::px`], which
//! folds in the `scale` option (`--scale 2` doubles every pixel) and the canvas size.

use plotters::style::{Color, FontStyle, IntoFont, RGBAColor, RGBColor, TextStyle};

use super::ChartError;
use super::font::FAMILY;

/// Light (white paper) or dark (night mode) rendering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white, for blogs and print.
    #[default]
    Light,
    /// Light text on a near-black background.
    Dark,
}

/// Canvas size, pixel scale and theme of a chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartOptions {
    /// Logical width in pixels (1600 by default).
    pub width: u32,
    /// Logical height in pixels (900 by default).
    pub height: u32,
    /// Pixel multiplier: the output is `width·scale × height·scale` with everything drawn
    /// proportionally larger (2 for high-DPI screens).
    pub scale: f64,
    /// Light or dark.
    pub theme: Theme,
    /// Text multiplier on top of the size the canvas gives it (1 by default): a drawing
    /// made to be shown much smaller than its logical size (a phone's, 640 px wide shown at
    /// 360) needs its text larger than the canvas alone would make it.
    pub text: f64,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions { width: 1600, height: 900, scale: 1.0, theme: Theme::Light, text: 1.0 }
    }
}

/// The smallest logical canvas every chart kind is laid out for: 640×360 (16:9). Below
/// it the labels would crowd the plot out, so [`ChartOptions::validate`] refuses it.
pub const MIN_SIZE: (u32, u32) = (640, 360);
/// report.html's drawings for phones: 640×780, text ×1.75. Shown 366 px wide on a 390 px
/// phone, its smallest text (an annotation, 25 px at 1600×900; no caption) is 12.6 px.
pub const PHONE: ChartOptions = ChartOptions { width: 640, height: 780, scale: 1.0, theme: Theme::Light, text: 1.75 };
/// The largest output side we agree to render (keeps a typo from allocating gigabytes).
pub const MAX_SIDE: u32 = 16_384;
/// The largest output in pixels (64 megapixels, a 192 MB RGB buffer).
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

impl ChartOptions {
    /// Checks the options before any work: call it when parsing the command line.
    ///
    /// The logical size must be at least [`MIN_SIZE`] (so titles, legend and axis labels
    /// leave the plot room), the scale a finite number from 0.5 to 4, and the output
    /// (`size·scale`) at least [`MIN_SIZE`] pixels, at most [`MAX_SIDE`] a side and
    /// [`MAX_PIXELS`] in all.
    ///
    /// # Errors
    /// [`ChartError::InvalidInput`] saying which limit is broken and what to use instead.
    pub fn validate(&self) -> Result<(), ChartError> {
        let (min_w, min_h) = MIN_SIZE;
        let size = format!("{}x{}", self.width, self.height);
        if self.width < min_w || self.height < min_h {
            return Err(ChartError::InvalidInput(format!(
                "chart size {size} is too small for the labels: use at least {min_w}x{min_h}"
            )));
        }
        if !(self.scale.is_finite() && (0.5..=4.0).contains(&self.scale)) {
            return Err(ChartError::InvalidInput(format!("chart scale {} must be a number from 0.5 to 4", self.scale)));
        }
        if !(self.text.is_finite() && (0.5..=3.0).contains(&self.text)) {
            return Err(ChartError::InvalidInput(format!(
                "chart text size {} must be a number from 0.5 to 3",
                self.text
            )));
        }
        let w = (f64::from(self.width) * self.scale).round();
        let h = (f64::from(self.height) * self.scale).round();
        if w < f64::from(min_w) || h < f64::from(min_h) {
            return Err(ChartError::InvalidInput(format!(
                "chart size {size} at scale {} gives {w}x{h} pixels, too small for the labels: \
                 the output needs at least {min_w}x{min_h} pixels (raise the size or the scale)",
                self.scale
            )));
        }
        if w > f64::from(MAX_SIDE) || h > f64::from(MAX_SIDE) || w * h > MAX_PIXELS as f64 {
            return Err(ChartError::InvalidInput(format!(
                "chart size {size} at scale {} gives {w}x{h} pixels, too large to draw: at most \
                 {MAX_SIDE} a side and {} megapixels",
                self.scale,
                MAX_PIXELS / (1024 * 1024)
            )));
        }
        Ok(())
    }

    /// The output size in pixels, `width·scale × height·scale`.
    ///
    /// # Errors
    /// [`ChartError::InvalidInput`] when [`ChartOptions::validate`] refuses the options.
    pub fn pixel_size(&self) -> Result<(u32, u32), ChartError> {
        self.validate()?;
        let w = (f64::from(self.width) * self.scale).round();
        let h = (f64::from(self.height) * self.scale).round();
        Ok((w as u32, h as u32))
    }
}

/// Colours of one theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Canvas background.
    pub background: RGBColor,
    /// Titles, tick labels, legend text.
    pub text: RGBColor,
    /// Subtitle, caption, axis names.
    pub muted: RGBColor,
    /// Horizontal grid lines.
    pub grid: RGBColor,
    /// Axis lines, zero lines and tick marks.
    pub axis: RGBColor,
    /// p5–p95 band (lightest tint of the band hue).
    pub band_outer: RGBColor,
    /// p25–p75 band (darker tint).
    pub band_inner: RGBColor,
    /// Median line (the hue at full strength).
    pub median: RGBColor,
    /// Mean line (dashed, a contrasting hue).
    pub mean: RGBColor,
    /// Observed points and history.
    pub accent: RGBColor,
    /// Target lines: a hue of their own, apart from the median, the paths and the history.
    pub target: RGBColor,
    /// Colour-blind-safe series colours (Okabe–Ito), in order of use.
    pub series: [RGBColor; 6],
    /// Sequential ramp for heatmaps (low to high), perceptually ordered.
    pub ramp: [RGBColor; 5],
    /// Single futures drawn over a fan: distinct from the band hue, the median, the mean
    /// and the target, and from each other (the first three name a bad, a typical and a
    /// good future).
    pub paths: [RGBColor; 5],
    /// Money that comes in (a waterfall's adding steps): Okabe–Ito bluish green.
    pub adds: RGBColor,
    /// Money that leaves (a waterfall's taking steps): Okabe–Ito vermillion.
    pub takes: RGBColor,
    /// Stacked areas, bottom first: the six series colours, then the two Okabe–Ito
    /// colours they leave out, so up to eight layers stay distinct.
    pub stack: [RGBColor; 8],
}

/// Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
const OKABE_ITO_LIGHT: [RGBColor; 6] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
];
const OKABE_ITO_DARK: [RGBColor; 6] = [
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(240, 228, 66),  // yellow
    RGBColor(213, 94, 0),    // vermillion
];
/// Viridis at five stops: monotone in lightness, so it also reads in greyscale.
const VIRIDIS: [RGBColor; 5] =
    [RGBColor(68, 1, 84), RGBColor(59, 82, 139), RGBColor(33, 145, 140), RGBColor(94, 201, 98), RGBColor(253, 231, 37)];

const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(26, 26, 26),
    muted: RGBColor(95, 99, 104),
    grid: RGBColor(228, 228, 228),
    axis: RGBColor(90, 90, 90),
    band_outer: RGBColor(198, 219, 239),
    band_inner: RGBColor(120, 170, 214),
    median: RGBColor(8, 48, 107),
    mean: RGBColor(90, 90, 90),
    accent: RGBColor(26, 26, 26),
    target: RGBColor(213, 94, 0),
    series: OKABE_ITO_LIGHT,
    ramp: VIRIDIS,
    paths: [
        RGBColor(0, 140, 100),  // bluish green
        RGBColor(170, 60, 150), // reddish purple
        RGBColor(120, 70, 30),  // brown
        RGBColor(90, 90, 90),   // grey
        RGBColor(0, 114, 178),  // blue
    ],
    adds: RGBColor(0, 158, 115),
    takes: RGBColor(213, 94, 0),
    stack: [
        OKABE_ITO_LIGHT[0],
        OKABE_ITO_LIGHT[1],
        OKABE_ITO_LIGHT[2],
        OKABE_ITO_LIGHT[3],
        OKABE_ITO_LIGHT[4],
        OKABE_ITO_LIGHT[5],
        RGBColor(240, 228, 66),  // yellow
        RGBColor(110, 110, 110), // grey, for Okabe–Ito's black
    ],
};

const DARK: Palette = Palette {
    background: RGBColor(17, 20, 24),
    text: RGBColor(232, 234, 237),
    muted: RGBColor(160, 166, 172),
    grid: RGBColor(46, 51, 58),
    axis: RGBColor(150, 150, 150),
    band_outer: RGBColor(32, 62, 96),
    band_inner: RGBColor(52, 112, 170),
    median: RGBColor(170, 210, 255),
    mean: RGBColor(170, 170, 170),
    accent: RGBColor(245, 245, 245),
    target: RGBColor(240, 200, 40),
    series: OKABE_ITO_DARK,
    ramp: VIRIDIS,
    paths: [
        RGBColor(0, 200, 150),   // bluish green
        RGBColor(225, 140, 190), // reddish purple
        RGBColor(200, 150, 100), // tan
        RGBColor(190, 190, 190), // light grey
        RGBColor(86, 180, 233),  // sky blue
    ],
    adds: RGBColor(0, 158, 115),
    takes: RGBColor(230, 110, 30),
    stack: [
        OKABE_ITO_DARK[0],
        OKABE_ITO_DARK[1],
        OKABE_ITO_DARK[2],
        OKABE_ITO_DARK[3],
        OKABE_ITO_DARK[4],
        OKABE_ITO_DARK[5],
        RGBColor(0, 114, 178),   // blue
        RGBColor(190, 190, 190), // light grey, for Okabe–Ito's black
    ],
};

impl Theme {
    /// The colours of this theme.
    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }
}

/// Font sizes at 1600×900, scale 1 (title ≥ 28 px and axis labels ≥ 18 px as required,
/// chosen larger so a chart shown at ~700 px in a blog column stays legible).
pub mod sizes {
    /// Chart title (bold).
    pub const TITLE: f64 = 46.0;
    /// Subtitle under the title.
    pub const SUBTITLE: f64 = 27.0;
    /// Legend entries.
    pub const LEGEND: f64 = 26.0;
    /// Axis names ("Month", "Gross profit per month").
    pub const AXIS: f64 = 27.0;
    /// Tick labels.
    pub const TICK: f64 = 28.0;
    /// Annotations on the plot (target label, percentile markers, values in cells).
    pub const ANNOTATION: f64 = 25.0;
    /// Bottom caption.
    pub const CAPTION: f64 = 22.0;
    /// Outer margin of the canvas.
    pub const MARGIN: f64 = 44.0;
}

/// A resolved style: a palette plus the factors that turn 1600×900 sizes into pixels.
///
/// Two factors, because text and space shrink differently: text follows the canvas down
/// to half its 1600×900 size and no further (so labels stay legible at [`MIN_SIZE`]),
/// while margins and gaps follow the canvas all the way, which is what keeps the plot
/// area a fair share of a small canvas.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The theme's colours.
    pub palette: &'static Palette,
    factor: f64,
    space: f64,
    canvas: f64,
}

impl Style {
    /// Resolves options: sizes scale with `scale` and with the canvas (relative to
    /// 1600×900): text by a factor clamped to 0.5..2 (times the `text` option), space by one
    /// clamped to 0.35..2.
    pub fn new(options: &ChartOptions) -> Self {
        let canvas = (f64::from(options.width) / 1600.0).min(f64::from(options.height) / 900.0);
        let scale = if options.scale.is_finite() && options.scale > 0.0 { options.scale } else { 1.0 };
        let text = if options.text.is_finite() && options.text > 0.0 { options.text } else { 1.0 };
        Style {
            palette: options.theme.palette(),
            factor: canvas.clamp(0.5, 2.0) * scale * text,
            space: canvas.clamp(0.35, 2.0) * scale,
            canvas,
        }
    }

    /// True on canvases much smaller than 1600×900, where layouts drop optional rows.
    pub fn compact(&self) -> bool {
        self.canvas < 0.7
    }

    /// A 1600×900 text-related length (font sizes, line heights, marks) in pixels (≥ 1).
    pub fn px(&self, length: f64) -> i32 {
        ((length * self.factor).round() as i32).max(1)
    }

    /// A 1600×900 margin or gap in pixels (≥ 1): shrinks with the canvas faster than text.
    pub fn space(&self, length: f64) -> i32 {
        ((length * self.space).round() as i32).max(1)
    }

    /// A line width in output pixels (at least 1).
    pub fn stroke(&self, width: f64) -> u32 {
        self.px(width).unsigned_abs()
    }

    /// Regular text of a 1600×900 size in a colour.
    pub fn text(&self, size: f64, color: RGBColor) -> TextStyle<'static> {
        colored(TextStyle::from((FAMILY, f64::from(self.px(size))).into_font()), color)
    }

    /// Bold text of a 1600×900 size in a colour.
    pub fn bold(&self, size: f64, color: RGBColor) -> TextStyle<'static> {
        let font = (FAMILY, f64::from(self.px(size)), FontStyle::Bold).into_font();
        colored(TextStyle::from(font), color)
    }
}

/// A text style in a colour (owned, unlike `TextStyle::color`, which borrows the colour).
pub fn colored(mut style: TextStyle<'static>, color: RGBColor) -> TextStyle<'static> {
    style.color = color.to_backend_color();
    style
}

/// A colour with opacity, for translucent overlays.
pub fn with_alpha(color: RGBColor, alpha: f64) -> RGBAColor {
    RGBAColor(color.0, color.1, color.2, alpha)
}

/// `color` laid at `alpha` over `background`, as one opaque colour (legend swatches of
/// translucent bands).
pub fn blend(color: RGBColor, background: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8, b: u8| (f64::from(b) + (f64::from(c) - f64::from(b)) * alpha.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(color.0, background.0), mix(color.1, background.1), mix(color.2, background.2))
}

/// Linear interpolation in the heatmap ramp, `t` in 0..=1.
pub fn ramp_color(ramp: &[RGBColor; 5], t: f64) -> RGBColor {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let position = t * 4.0;
    let i = (position.floor() as usize).min(3);
    let f = position - i as f64;
    let (a, b) = (ramp[i], ramp[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Relative luminance (0 dark .. 1 light), to pick readable text on a coloured cell.
pub fn luminance(color: RGBColor) -> f64 {
    (0.2126 * f64::from(color.0) + 0.7152 * f64::from(color.1) + 0.0722 * f64::from(color.2)) / 255.0
}

/// The theme's colours as CSS custom properties (`--sc-band-outer:#c6dbef;` ...), for the
/// pages that draw charts in the browser (the live page and the explorable), so they share
/// the PNG charts' palette and bands.
pub fn css_properties(theme: Theme) -> String {
    let p = theme.palette();
    let hex = |c: RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    [
        ("background", p.background),
        ("text", p.text),
        ("muted", p.muted),
        ("grid", p.grid),
        ("axis", p.axis),
        ("band-outer", p.band_outer),
        ("band-inner", p.band_inner),
        ("median", p.median),
        ("mean", p.mean),
        ("accent", p.accent),
        ("adds", p.adds),
        ("takes", p.takes),
    ]
    .iter()
    .map(|(name, colour)| format!("--sc-{name}:{};", hex(*colour)))
    .collect()
}

#[cfg(test)]
mod css_tests {
    use super::*;

    #[test]
    fn the_web_palette_is_the_charts() {
        let css = css_properties(Theme::Light);
        assert!(css.starts_with("--sc-background:#ffffff;"), "{css}");
        assert!(css.contains("--sc-band-outer:#c6dbef;") && css.contains("--sc-band-inner:#78aad6;"), "{css}");
        assert!(css.contains("--sc-median:#08306b;") && css.contains("--sc-mean:#5a5a5a;"), "{css}");
    }
}
