//! Layout tests of issue 16's chart fixes, read from the drawing's record (where each
//! text, label, band and dot went) and, for the SVG, from a font-less rendering with
//! resvg compared against the PNG.

use plotters::prelude::{BitMapBackend, IntoDrawingArea};

use super::{samples, samples_whatif};
use crate::chart::boxes::{Record, Rect};
use crate::chart::frame::strip_directories;
use crate::chart::place::polygon_hits;
use crate::chart::*;

pub(super) fn draw(chart: Chart<'_>, options: &ChartOptions) -> (Record, Vec<u8>) {
    let (w, h) = options.pixel_size().unwrap();
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    let record = {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        let record = chart.draw_recorded(&root, options).unwrap();
        root.present().unwrap();
        record
    };
    (record, pixels)
}

pub(super) fn sizes() -> [ChartOptions; 2] {
    let (width, height) = MIN_SIZE;
    [ChartOptions::default(), ChartOptions { width, height, ..ChartOptions::default() }]
}

pub(super) fn texts(record: &Record) -> Vec<&str> {
    record.texts.iter().map(|(t, _)| t.as_str()).collect()
}

fn inside(plot: &Rect, (x, y): (i32, i32)) -> bool {
    x >= plot.left && x <= plot.right && y >= plot.top && y <= plot.bottom
}

#[test]
fn target_label_covers_no_band_and_states_both_chances_in_words() {
    for options in sizes() {
        for chart in [samples::fan(), samples::cumulative_fan()] {
            let (record, _) = draw(Chart::Fan(&chart), &options);
            let Some((text, bounds)) = record.labels.iter().find(|(t, _)| t.starts_with("target")) else {
                // No place on the plot covers no band: the label went to the legend.
                assert!(options.width < 1600 && texts(&record).iter().any(|t| t.starts_with("target")));
                continue;
            };
            let month = chart.timeline.month(chart.target.as_ref().and_then(|t| t.month).unwrap());
            assert!(text.contains(&format!("in {month}: ")) && text.contains(" in 100 futures"), "{text}");
            assert!(text.contains("by then: ") && !text.contains('%') && !text.contains("P("), "{text}");
            assert!(!record.bands.is_empty());
            for band in &record.bands {
                assert!(
                    !polygon_hits(band, bounds),
                    "{text} at {bounds:?} covers a band ({}x{})",
                    options.width,
                    options.height
                );
            }
        }
    }
    let (record, _) = draw(Chart::Fan(&samples::fan()), &ChartOptions::default());
    let words = "target $700 · in Dec 2026: 75 in 100 futures · by then: 93 in 100";
    assert!(texts(&record).iter().any(|t| t.contains(words)), "{:?}", texts(&record));
}

#[test]
fn a_target_with_no_free_place_goes_to_the_legend() {
    let mut chart = samples::fan();
    let target = chart.target.as_mut().unwrap();
    target.label = "a target whose label is far too long to fit anywhere on the plot without covering a band".into();
    target.value = 600.0;
    let options = ChartOptions { width: 640, height: 360, ..ChartOptions::default() };
    let (record, _) = draw(Chart::Fan(&chart), &options);
    for (_, bounds) in &record.labels {
        assert!(record.bands.iter().all(|b| !polygon_hits(b, bounds)));
    }
}

#[test]
fn long_titles_shrink_and_wrap_above_the_plot_and_only_a_runaway_text_is_cut() {
    let mut chart = samples_whatif::heatmap();
    chart.titles.title = "A very long title that names what is shown and then keeps on going ".repeat(8);
    chart.titles.subtitle = Some("Scenario name · 10,000 trajectories · seed 2026 · ".repeat(16));
    for options in sizes() {
        let (record, _) = draw(Chart::Heatmap(&chart), &options);
        let plot = record.plot.unwrap();
        assert!(record.header_bottom < plot.top);
        let header: Vec<_> = record.texts.iter().filter(|(_, r)| r.bottom <= record.header_bottom).collect();
        assert!(header.len() <= 8, "{header:?}");
        assert!(header.iter().any(|(t, _)| t.ends_with('…')), "a runaway text is cut after four lines");
        for (text, r) in &record.texts {
            assert!(r.left >= 0 && r.right <= options.width as i32 && r.top >= 0, "{text} at {r:?} is off the canvas");
        }
    }
    // A sentence-long title and subtitle wrap, uncut, even at the smallest size.
    let (width, height) = MIN_SIZE;
    let small = ChartOptions { width, height, ..ChartOptions::default() };
    let chart = samples_whatif::heatmap_chances();
    let (record, _) = draw(Chart::Heatmap(&chart), &small);
    let header: Vec<&str> =
        record.texts.iter().filter(|(_, r)| r.bottom <= record.header_bottom).map(|(t, _)| t.as_str()).collect();
    let joined = header.join(" ");
    assert!(
        joined.contains(&chart.titles.title) && joined.contains(chart.titles.subtitle.as_deref().unwrap()),
        "{header:?}"
    );
}

#[test]
fn history_hands_off_to_bands_that_start_from_its_last_month_today() {
    let chart = samples::fan();
    let (today, last) = chart.start.unwrap();
    assert_eq!(chart.actuals.last(), Some(&(today, last)));
    for options in sizes() {
        let (record, _) = draw(Chart::Fan(&chart), &options);
        let plot = record.plot.unwrap();
        let dots: Vec<_> = record.dots.iter().copied().filter(|d| inside(&plot, *d)).collect();
        assert_eq!(dots.len(), chart.actuals.len());
        let first = dots.iter().map(|d| d.0).min().unwrap();
        assert!(first - plot.left < (plot.right - plot.left) / 40, "the first history month opens the axis");
        // Every band and the median start at the last actual's dot: the same pixel.
        let last_dot = *dots.iter().max_by_key(|d| d.0).unwrap();
        for band in &record.bands {
            let left = band.iter().map(|p| p.0).min().unwrap();
            assert_eq!(left, last_dot.0, "a band starts today");
            assert!(
                band.iter().filter(|p| p.0 == left).all(|p| (p.1 - last_dot.1).abs() <= 1),
                "pinched at the actual"
            );
        }
        let median = record.lines.iter().find(|l| l.len() == chart.bands.months.len() + 1).unwrap();
        assert_eq!(median[0], last_dot, "the median starts from the last actual: no bridge, no jump hidden");
        let (_, today_box) = record.labels.iter().find(|(t, _)| t == "today").unwrap();
        assert!((today_box.left - last_dot.0).abs() < options.width as i32 / 10, "today is labelled at its line");
        let ticks = texts(&record);
        assert!(
            ticks.contains(&"Jul") && ticks.contains(&"2026") && !ticks.contains(&"7"),
            "calendar months: {ticks:?}"
        );
    }
    let mut hours = samples::constant_hours_fan();
    hours.actuals = vec![(1, 18.0), (2, 22.0)];
    let (record, _) = draw(Chart::Fan(&hours), &ChartOptions::default());
    let plot = record.plot.unwrap();
    assert_eq!(record.dots.iter().filter(|d| inside(&plot, **d)).count(), 2, "actuals of any metric are drawn");
}

#[test]
fn a_running_total_starts_from_zero_today() {
    let chart = samples::cumulative_fan();
    let (record, _) = draw(Chart::Fan(&chart), &ChartOptions::default());
    let plot = record.plot.unwrap();
    let zero_row = record.bands.iter().flatten().map(|p| p.1).max().unwrap();
    assert!(zero_row >= plot.bottom - 2, "the bands reach zero at today");
    assert!(record.labels.iter().any(|(t, _)| t == "today"));
}

#[test]
fn hours_axes_leave_room_and_legends_list_only_what_is_drawn() {
    let (record, _) = draw(Chart::Fan(&samples::constant_hours_fan()), &ChartOptions::default());
    let plot = record.plot.unwrap();
    let median = &record.lines[0];
    assert!(median.iter().all(|p| p.1 > plot.top + (plot.bottom - plot.top) / 20), "line off the top border");
    let t = texts(&record);
    assert!(
        t.contains(&"median 20 h") && !t.iter().any(|t| t.starts_with("p5") || t.starts_with("p95") || *t == "mean"),
        "{t:?}"
    );
    let (record, _) = draw(Chart::Fan(&samples::zero_hours_fan()), &ChartOptions::default());
    let t = texts(&record);
    assert!(t.contains(&"0") && t.contains(&"1") && !t.iter().any(|t| t.starts_with('-')), "{t:?}");
}

#[test]
fn single_futures_are_grey_but_three_named_by_where_they_end() {
    let chart = samples::fan();
    for options in sizes() {
        let (record, _) = draw(Chart::Fan(&chart), &options);
        let t = texts(&record);
        for named in &chart.named_paths {
            assert!(t.contains(&named.label.as_str()), "{t:?}");
        }
        assert!(!t.iter().any(|t| t.starts_with('#')), "no #1…#5: {t:?}");
        assert!(t.iter().any(|t| t.starts_with("17 single futures")), "{t:?}");
        assert!(t.iter().any(|t| t.starts_with("median $")) && t.iter().any(|t| t.starts_with("p95 $")), "{t:?}");
    }
    for theme in [Theme::Light, Theme::Dark] {
        let p = theme.palette();
        let apart = |a: plotters::style::RGBColor, b: plotters::style::RGBColor| {
            let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
            d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2) > 100
        };
        for named in &p.paths[..3] {
            assert!(apart(*named, p.median) && apart(*named, p.target) && apart(*named, p.band_inner), "{theme:?}");
        }
        assert!(apart(p.median, p.target) && apart(p.target, p.band_inner) && apart(p.target, p.accent), "{theme:?}");
        assert!(apart(p.median, p.accent), "{theme:?}: the median and the history stay apart");
    }
}

#[test]
fn overlays_name_every_variant_up_to_the_limit() {
    let chart = samples_whatif::overlay_many();
    for options in sizes() {
        let (record, _) = draw(Chart::Overlay(&chart), &options);
        let t = texts(&record);
        for v in &chart.variants {
            assert!(t.iter().any(|t| t.starts_with(&v.label)), "{} missing at {}px", v.label, options.width);
        }
        assert!(record.bands.is_empty(), "no muddy bands with eight variants");
        let labels: Vec<_> = record.texts.iter().filter(|(t, _)| t.starts_with("churn")).map(|(_, r)| *r).collect();
        for (i, a) in labels.iter().enumerate() {
            assert!(labels[i + 1..].iter().all(|b| !a.overlaps(b)), "direct labels collide");
        }
    }
}

#[test]
fn histogram_note_avoids_markers_axis_ends_at_the_data_one_precision() {
    let chart = samples::histogram();
    for options in sizes() {
        let (record, pixels) = draw(Chart::Histogram(&chart), &options);
        let plot = record.plot.unwrap();
        let (note, bounds) = record.texts.iter().find(|(t, _)| t.starts_with("Not drawn")).unwrap();
        assert!(bounds.bottom < plot.top, "{note} sits above the plot, clear of the marker lines");
        let t = texts(&record);
        assert!(!t.contains(&"$0") && !t.contains(&"$3k"), "the axis ends where the shown values end: {t:?}");
        let bar = Theme::Light.palette().band_inner;
        let i = ((plot.bottom - 2) as usize * options.width as usize + plot.left as usize + 3) * 3;
        assert_eq!(pixels[i..i + 3], [bar.0, bar.1, bar.2], "the first bar starts at the axis' left end");
        let markers: Vec<_> = record.labels.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(markers, ["p5 $390", "p50 $820", "p95 $1.72k"]);
    }
}

#[test]
fn survival_shows_intervals_both_curves_and_the_note() {
    let chart = samples_whatif::survival_degenerate();
    let (record, _) = draw(Chart::Survival(&chart), &ChartOptions::default());
    assert_eq!(record.bands.len(), 2, "each fit's interval");
    assert_eq!(record.lines.len(), 2, "both curves");
    assert!(texts(&record).iter().any(|t| t.contains("cannot tell")));
    assert!(!texts(&record).iter().any(|t| t.contains("search bound") || t.contains("sBG")));
}

#[test]
fn heatmap_labels_tell_neighbours_apart_and_the_bar_has_ends() {
    let chart = samples_whatif::heatmap();
    let (record, _) = draw(Chart::Heatmap(&chart), &ChartOptions::default());
    let t = texts(&record);
    let values: Vec<f64> = chart.cells.iter().flatten().flatten().copied().collect();
    let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let step = heatmap::distinguishing_step(&chart.cells, &chart.unit);
    assert!(
        t.contains(&chart.unit.format_tick(lo, step).as_str())
            && t.contains(&chart.unit.format_tick(hi, step).as_str())
    );
    let labels: Vec<String> =
        chart.cells.iter().flatten().flatten().map(|v| chart.unit.format_tick(*v, step)).collect();
    let shown = t.iter().filter(|s| labels.contains(&s.to_string())).count();
    assert!(shown >= labels.len(), "every cell is labelled");
    for row in 0..chart.cells.len() {
        for col in 0..chart.cells[row].len() - 1 {
            assert_ne!(labels[row * chart.cells[row].len() + col], labels[row * chart.cells[row].len() + col + 1]);
        }
    }
    assert!(labels.iter().all(|l| l.len() <= "$60.7k".len()), "no more digits than it takes: {labels:?}");
}

#[test]
fn at_the_minimum_size_every_plot_keeps_a_fair_share_of_the_canvas() {
    let (width, height) = MIN_SIZE;
    for (name, chart) in super::gallery() {
        for theme in [Theme::Light, Theme::Dark] {
            let options = ChartOptions { width, height, theme, ..ChartOptions::default() };
            let (record, _) = draw(chart, &options);
            let (mut w, h) = record.plot.unwrap().size();
            if name.starts_with("waterfall") {
                // A waterfall's amounts stand in a column beside its bars: data too.
                let right = record.labels.iter().map(|(_, r)| r.right).max().unwrap_or(0);
                w = right - record.plot.unwrap().left;
            }
            assert!(h * 100 >= height as i32 * 35, "{name}: the plot is {h} of {height} px tall");
            assert!(w * 100 >= width as i32 * 55, "{name}: the plot is {w} of {width} px wide");
        }
    }
}

#[test]
fn options_are_checked_before_a_run() {
    assert!(ChartOptions::default().validate().is_ok());
    assert!(ChartOptions { width: 640, height: 360, ..ChartOptions::default() }.validate().is_ok());
    let bad = [
        (700, 300, 1.0, "too small"),
        (639, 400, 1.0, "too small"),
        (1600, 900, 0.0, "scale"),
        (1600, 900, f64::NAN, "scale"),
        (800, 450, 0.5, "too small"),
        (8000, 8000, 4.0, "too large"),
        (4000, 4000, 4.0, "too large"),
    ];
    for (width, height, scale, words) in bad {
        let options = ChartOptions { width, height, scale, ..ChartOptions::default() };
        let err = options.validate().unwrap_err().to_string();
        assert!(err.contains(words), "{width}x{height}@{scale}: {err}");
        assert!(render_rgb(&samples::fan(), &options).is_err());
    }
}

#[test]
fn captions_show_file_names_not_paths() {
    let cases = [
        ("sidecast · /home/me/side/scenarios/reseller.toml", "sidecast · reseller.toml"),
        ("sidecast · scenarios/reseller.toml", "sidecast · reseller.toml"),
        ("sidecast fit retention · C:\\Users\\me\\cohorts.csv", "sidecast fit retention · cohorts.csv"),
        ("sidecast · ~/a.toml  and ./b.toml", "sidecast · a.toml  and b.toml"),
        ("sidecast · $/h and 3/4 and counts 12, 11", "sidecast · $/h and 3/4 and counts 12, 11"),
    ];
    for (input, shown) in cases {
        assert_eq!(strip_directories(input), shown);
    }
    let (record, _) = draw(Chart::Fan(&samples::fan()), &ChartOptions::default());
    assert!(texts(&record).contains(&"sidecast · reseller.toml"));
    assert!(!texts(&record).iter().any(|t| t.contains("/home")));
}

#[test]
fn svg_text_renders_without_any_font_and_matches_the_png() {
    let options = ChartOptions::default();
    let (fan, heatmap) = (samples::fan(), samples_whatif::heatmap());
    for (name, chart, title) in
        [("fan", Chart::Fan(&fan), &fan.titles.title), ("heatmap", Chart::Heatmap(&heatmap), &heatmap.titles.title)]
    {
        let svg = render_svg(chart, &options).unwrap();
        assert!(!svg.contains("<text"), "{name}: every text is outlined");
        assert!(svg.contains(&format!("aria-label=\"{title}\"")), "{name}: text stays readable to machines");
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
        let (w, h) = options.pixel_size().unwrap();
        assert_eq!((tree.size().width() as u32, tree.size().height() as u32), (w, h));
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        let (_, _, png) = render_rgb(chart, &options).unwrap();
        let (record, _) = draw(chart, &options);
        let (_, title) = &record.texts[0];
        let dark = |rgb: [u8; 3]| rgb.iter().map(|c| u32::from(*c)).sum::<u32>() < 200;
        let (mut svg_ink, mut png_ink, mut diff) = (0, 0, 0u64);
        for y in 0..h as usize {
            for x in 0..w as usize {
                let i = y * w as usize + x;
                let s = &pixmap.data()[i * 4..i * 4 + 3];
                let p = &png[i * 3..i * 3 + 3];
                diff += s.iter().zip(p).map(|(a, b)| u64::from(a.abs_diff(*b))).sum::<u64>();
                if inside(title, (x as i32, y as i32)) {
                    svg_ink += usize::from(dark([s[0], s[1], s[2]]));
                    png_ink += usize::from(dark([p[0], p[1], p[2]]));
                }
            }
        }
        assert!(
            png_ink > 500 && svg_ink * 10 > png_ink * 8 && svg_ink * 10 < png_ink * 12,
            "{name}: title ink {svg_ink} vs {png_ink}"
        );
        let mean = diff as f64 / (f64::from(w) * f64::from(h) * 3.0);
        assert!(mean < 4.0, "{name}: SVG and PNG differ by {mean:.2} per channel on average");
    }
}

#[test]
fn no_text_touches_another_in_any_kind_theme_or_size() {
    let mut failures = Vec::new();
    for (name, chart) in super::gallery() {
        for theme in [Theme::Light, Theme::Dark] {
            for size in sizes() {
                let options = ChartOptions { theme, ..size };
                for problem in text_collisions(chart, &options).unwrap() {
                    failures.push(format!("{name} {theme:?} {}x{}: {problem}", options.width, options.height));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}
