//! Unit tests of the chart module: PNGs read back with the `image` crate, SVG text, byte-
//! identical re-renders, atomic writes, unit formatting; plus the ignored review gallery.

mod layout;
mod money;
mod phone;
pub(crate) mod samples;
pub(crate) mod samples_money;
pub(crate) mod samples_whatif;

use std::path::Path;

use super::*;

/// Every sample chart (leaked: the test process is short-lived).
pub(crate) fn gallery() -> Vec<(&'static str, Chart<'static>)> {
    fn leak<T>(value: T) -> &'static T {
        Box::leak(Box::new(value))
    }
    vec![
        ("fan", Chart::Fan(leak(samples::fan()))),
        ("fan-hourly", Chart::Fan(leak(samples::hourly_fan()))),
        ("fan-customers", Chart::Fan(leak(samples::customers_fan()))),
        ("fan-cumulative", Chart::Fan(leak(samples::cumulative_fan()))),
        ("fan-hours-constant", Chart::Fan(leak(samples::constant_hours_fan()))),
        ("fan-hours-zero", Chart::Fan(leak(samples::zero_hours_fan()))),
        ("histogram", Chart::Histogram(leak(samples::histogram()))),
        ("overlay", Chart::Overlay(leak(samples_whatif::overlay()))),
        ("overlay-8", Chart::Overlay(leak(samples_whatif::overlay_many()))),
        ("difference", Chart::Difference(leak(samples_whatif::difference()))),
        ("sweep", Chart::Sweep(leak(samples_whatif::sweep()))),
        ("heatmap", Chart::Heatmap(leak(samples_whatif::heatmap()))),
        ("heatmap-chances", Chart::Heatmap(leak(samples_whatif::heatmap_chances()))),
        ("solve", Chart::Solve(leak(samples_whatif::solve()))),
        ("posterior", Chart::Posterior(leak(samples_whatif::posterior()))),
        ("tornado", Chart::Tornado(leak(samples_whatif::tornado()))),
        ("tornado-long", Chart::Tornado(leak(samples_whatif::tornado_long()))),
        ("survival", Chart::Survival(leak(samples_whatif::survival()))),
        ("survival-degenerate", Chart::Survival(leak(samples_whatif::survival_degenerate()))),
        ("waterfall", Chart::Waterfall(leak(samples_money::waterfall()))),
        ("waterfall-loss", Chart::Waterfall(leak(samples_money::waterfall_loss()))),
        ("waterfall-single", Chart::Waterfall(leak(samples_money::waterfall_single()))),
        ("waterfall-long", Chart::Waterfall(leak(samples_money::waterfall_long_labels()))),
        ("stacked", Chart::Stacked(leak(samples_money::stacked()))),
        ("stacked-8", Chart::Stacked(leak(samples_money::stacked_eight()))),
    ]
}

/// Writes every sample chart, light and dark, at 1600×900 and at the minimum size, for
/// a human to look at.
#[test]
#[ignore = "writes the review gallery to $CHART_REVIEW_DIR or /tmp/chart-review"]
fn review_gallery() {
    let dir = std::env::var("CHART_REVIEW_DIR").unwrap_or_else(|_| "/tmp/chart-review".into());
    std::fs::create_dir_all(&dir).unwrap();
    let (min_w, min_h) = MIN_SIZE;
    for (name, chart) in gallery() {
        for theme in [Theme::Light, Theme::Dark] {
            for (width, height) in [(1600, 900), (min_w, min_h)] {
                let options = ChartOptions { theme, width, height, ..ChartOptions::default() };
                let suffix = if theme == Theme::Dark { "-dark" } else { "" };
                let size = if width == 1600 { String::new() } else { format!("-{width}x{height}") };
                let path = Path::new(&dir).join(format!("{name}{size}{suffix}.png"));
                write_chart(chart, &path, ImageFormat::Png, &options).unwrap();
                if theme == Theme::Light && width == 1600 {
                    let svg = Path::new(&dir).join(format!("{name}.svg"));
                    write_chart(chart, &svg, ImageFormat::Svg, &options).unwrap();
                }
            }
        }
    }
}

fn read_png(path: &Path) -> image::RgbImage {
    image::open(path).unwrap().to_rgb8()
}

fn has_color(
    img: &image::RgbImage,
    x: std::ops::Range<u32>,
    y: std::ops::Range<u32>,
    c: plotters::style::RGBColor,
) -> bool {
    y.flat_map(|y| x.clone().map(move |x| (x, y))).any(|(x, y)| img.get_pixel(x, y).0 == [c.0, c.1, c.2])
}

#[test]
fn fan_png_has_size_content_and_bands_in_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan.png");
    write_chart(&samples::fan(), &path, ImageFormat::Png, &ChartOptions::default()).unwrap();
    let img = read_png(&path);
    assert_eq!(img.dimensions(), (1600, 900));
    let palette = Theme::Light.palette();
    // The middle of the plot region (months ~12-20, mid-height) shows both band tints.
    assert!(has_color(&img, 900..1300, 300..700, palette.band_outer));
    assert!(has_color(&img, 900..1300, 300..700, palette.band_inner));
    assert!(has_color(&img, 900..1300, 300..700, palette.median));
    // Title text is dark ink near the top-left.
    assert!(has_color(&img, 40..700, 30..90, palette.text));
}

#[test]
fn scale_two_doubles_the_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan@2x.png");
    let options = ChartOptions { scale: 2.0, ..ChartOptions::default() };
    write_chart(&samples::fan(), &path, ImageFormat::Png, &options).unwrap();
    let img = read_png(&path);
    assert_eq!(img.dimensions(), (3200, 1800));
    assert!(has_color(&img, 1800..2600, 600..1400, Theme::Light.palette().band_inner));
}

#[test]
fn every_kind_renders_in_both_themes_and_is_not_blank() {
    for (name, chart) in gallery() {
        for theme in [Theme::Light, Theme::Dark] {
            let options = ChartOptions { width: 800, height: 450, theme, ..ChartOptions::default() };
            let (w, h, pixels) = render_rgb(chart, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((w, h, pixels.len()), (800, 450, 800 * 450 * 3));
            let bg = theme.palette().background;
            let ink = pixels.chunks(3).filter(|p| *p != [bg.0, bg.1, bg.2]).count();
            assert!(ink > 800 * 450 / 50, "{name} {theme:?}: only {ink} non-background pixels");
            assert_eq!(&pixels[..3], &[bg.0, bg.1, bg.2], "{name} {theme:?}: corner is background");
        }
    }
}

#[test]
fn same_input_gives_byte_identical_png() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
    for path in [&a, &b] {
        write_chart(&samples::fan(), path, ImageFormat::Png, &ChartOptions::default()).unwrap();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn svg_contains_title_and_axis_text() {
    let svg = render_svg(&samples::fan(), &ChartOptions::default()).unwrap();
    assert!(svg.starts_with("<svg"));
    for text in
        ["Reseller: 12 customers", "Jul", "2026", "Gross profit per month ($)", "$1.2k", "median $", "target $700"]
    {
        assert!(svg.contains(text), "SVG lacks {text:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tornado.svg");
    write_chart(&samples_whatif::tornado(), &path, ImageFormat::Svg, &ChartOptions::default()).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("Monthly churn") && written.contains("Cumulative gross profit at month 24"));
}

#[test]
fn atomic_write_leaves_only_the_chart_with_mode_0644() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hist.png");
    write_chart(&samples::histogram(), &path, ImageFormat::Png, &ChartOptions::default()).unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("hist.png")]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn failed_render_keeps_the_old_chart_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan.png");
    write_chart(&samples::fan(), &path, ImageFormat::Png, &ChartOptions::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let empty = FanChart::default();
    let err = write_chart(&empty, &path, ImageFormat::Png, &ChartOptions::default()).unwrap_err();
    assert!(matches!(err, ChartError::InvalidInput(_)), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn unwritable_path_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir").join("fan.png");
    let err = write_chart(&samples::fan(), &missing, ImageFormat::Png, &ChartOptions::default()).unwrap_err();
    match err {
        ChartError::Io { path, .. } => assert_eq!(path, dir.path().join("no-such-dir")),
        other => panic!("expected an I/O error, got {other}"),
    }
    let not_a_dir = dir.path().join("file");
    std::fs::write(&not_a_dir, b"x").unwrap();
    let err = write_chart(&samples::fan(), &not_a_dir.join("fan.svg"), ImageFormat::Svg, &ChartOptions::default());
    assert!(matches!(err, Err(ChartError::Io { .. })));
}

#[test]
fn invalid_inputs_are_reported() {
    let options = ChartOptions::default();
    let mut overlay = samples_whatif::overlay();
    overlay.variants = (0..=MAX_VARIANTS).map(|_| overlay.variants[0].clone()).collect();
    assert!(matches!(render_svg(&overlay, &options), Err(ChartError::InvalidInput(_))));
    let mut heatmap = samples_whatif::heatmap();
    heatmap.cells.pop();
    assert!(matches!(render_svg(&heatmap, &options), Err(ChartError::InvalidInput(_))));
    let tornado = TornadoChart::default();
    assert!(matches!(render_svg(&tornado, &options), Err(ChartError::InvalidInput(_))));
    let bad_scale = ChartOptions { scale: 0.0, ..options };
    assert!(matches!(render_svg(&samples::fan(), &bad_scale), Err(ChartError::InvalidInput(_))));
}

#[test]
fn undefined_and_nan_values_are_skipped_not_drawn() {
    let mut fan = samples::hourly_fan();
    fan.bands.months[3].p50 = Some(f64::NAN);
    fan.bands.months[4].mean = Some(f64::INFINITY);
    let svg = render_svg(&fan, &ChartOptions::default()).unwrap();
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn image_format_from_path() {
    assert_eq!(ImageFormat::from_path(Path::new("a/b.PNG")), Some(ImageFormat::Png));
    assert_eq!(ImageFormat::from_path(Path::new("b.svg")), Some(ImageFormat::Svg));
    assert_eq!(ImageFormat::from_path(Path::new("b.jpg")), None);
}
