//! Layout tests of the money charts, read from the drawing's record: the waterfall's
//! labels clear of bars, connectors and each other at every size, its bars chained from
//! zero to the total, a loss drawn left of zero; the stacked chart's top edge at the sum
//! of its layers; bad inputs refused.

use plotters::prelude::{BitMapBackend, IntoDrawingArea};

use super::samples_money;
use crate::chart::boxes::{Record, Rect};
use crate::chart::place::Obstacle;
use crate::chart::*;

fn draw(chart: Chart<'_>, options: &ChartOptions) -> Record {
    let (w, h) = options.pixel_size().unwrap();
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
    let record = chart.draw_recorded(&root, options).unwrap();
    root.present().unwrap();
    record
}

/// Every size the layouts promise (the minimum, 640×480, a small one at scale 2, the
/// default, and the page's phone drawing with its larger text), in both themes.
fn every_option() -> Vec<ChartOptions> {
    let (width, height) = MIN_SIZE;
    let sizes = [(width, height, 1.0), (640, 480, 1.0), (800, 450, 2.0), (1200, 675, 1.0), (1600, 900, 1.0)];
    let mut out = Vec::new();
    for theme in [Theme::Light, Theme::Dark] {
        for (width, height, scale) in sizes {
            out.push(ChartOptions { width, height, scale, theme, text: 1.0 });
        }
        out.push(ChartOptions { theme, ..PHONE });
    }
    out
}

fn waterfalls() -> Vec<(&'static str, WaterfallChart)> {
    vec![
        ("reseller", samples_money::waterfall()),
        ("loss", samples_money::waterfall_loss()),
        ("single", samples_money::waterfall_single()),
        ("long labels", samples_money::waterfall_long_labels()),
        ("billions", samples_money::waterfall_billions()),
    ]
}

fn size(options: &ChartOptions) -> String {
    format!("{}x{}@{} {:?}", options.width, options.height, options.scale, options.theme)
}

#[test]
fn waterfall_labels_clear_bars_connectors_each_other_and_the_edges() {
    for (name, chart) in waterfalls() {
        for options in every_option() {
            let record = draw(Chart::Waterfall(&chart), &options);
            let at = format!("{name} at {}", size(&options));
            let (w, h) = options.pixel_size().unwrap();
            let canvas = Rect { left: 0, top: 0, right: w as i32, bottom: h as i32 };
            for (i, (a, ra)) in record.texts.iter().enumerate() {
                assert!(canvas.contains(ra), "{at}: {a:?} at {ra:?} leaves the canvas");
                for (b, rb) in &record.texts[i + 1..] {
                    assert!(!ra.overlaps(rb), "{at}: {a:?} at {ra:?} overlaps {b:?} at {rb:?}");
                }
            }
            let plot = record.plot.unwrap();
            assert_eq!(record.labels.len(), chart.steps.len() + 1, "{at}: one value label a bar");
            for (text, label) in &record.labels {
                // The amounts stand in a column right of the plot, as in an account.
                assert!(label.left >= plot.right, "{at}: {text:?} at {label:?} is not right of the plot {plot:?}");
                assert!(canvas.contains(label), "{at}: {text:?} at {label:?} leaves the canvas");
                for (_, _, bar) in &record.bars {
                    assert!(!label.overlaps(bar), "{at}: {text:?} at {label:?} covers the bar at {bar:?}");
                }
                for connector in &record.lines {
                    assert!(!Obstacle::Line(connector.clone()).hits(label), "{at}: {text:?} covers a connector");
                }
            }
        }
    }
}

#[test]
fn waterfall_bars_run_from_zero_through_the_running_means_to_the_total() {
    for (name, chart) in waterfalls() {
        for options in [ChartOptions::default(), ChartOptions { width: 640, height: 360, ..ChartOptions::default() }] {
            let record = draw(Chart::Waterfall(&chart), &options);
            let bars = &record.bars;
            assert_eq!(bars.len(), chart.steps.len() + 1, "{name}");
            let (total, steps) = bars.split_last().unwrap();
            let zero = total.0;
            assert_eq!(steps[0].0, zero, "{name}: the first step starts at zero, as the total does");
            for pair in steps.windows(2) {
                assert_eq!(pair[0].1, pair[1].0, "{name}: each step starts where the one before ends");
            }
            assert_eq!(steps.last().unwrap().1, total.1, "{name}: the steps end where the total ends");
            // In proportion: every bar's length is its amount at the longest bar's scale (a
            // short one rounds to whole pixels: a revenue of thousands beside billions is 0).
            let longest = (0..chart.steps.len())
                .max_by(|&a, &b| chart.steps[a].amount.abs().total_cmp(&chart.steps[b].amount.abs()));
            let i = longest.unwrap_or(0);
            let px_per_dollar = f64::from(steps[i].1 - steps[i].0) / chart.steps[i].amount;
            for ((from, to, rect), step) in bars.iter().zip(chart.steps.iter().chain([&chart.total])) {
                let length = f64::from(to - from);
                assert!((length - step.amount * px_per_dollar).abs() <= 1.5, "{name}: {} is {length} px", step.label);
                // A bar keeps its ends, but a tiny step grows (from its start) to stay visible.
                let (lo, hi) = (*from.min(to), *from.max(to));
                let least = if options.width == 1600 { 6 } else { 3 };
                if hi - lo >= least || step.amount == 0.0 {
                    assert_eq!((rect.left, rect.right), (lo, hi), "{name}");
                } else {
                    assert_eq!(rect.right - rect.left, least, "{name}: {} is visible", step.label);
                    assert!(rect.left == lo || rect.right == hi, "{name}: {} grows from its start", step.label);
                }
            }
        }
    }
}

#[test]
fn a_loss_is_drawn_left_of_zero_and_an_income_only_month_names_no_costs() {
    let chart = samples_money::waterfall_loss();
    assert!(chart.total.amount < 0.0);
    let record = draw(Chart::Waterfall(&chart), &ChartOptions::default());
    let (from, to, _) = *record.bars.last().unwrap();
    assert!(to < from - 20, "the loss runs left from zero: {from} → {to}");
    let plot = record.plot.unwrap();
    assert!(from > plot.left + 20, "zero is inside the plot, not on its edge");
    let texts: Vec<&str> = record.texts.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"\u{2212}$184 · 12.2%"), "{texts:?}");
    assert!(texts.contains(&"net profit (mean)") && texts.contains(&"takes away"));

    let record = draw(Chart::Waterfall(&samples_money::waterfall_single()), &ChartOptions::default());
    let texts: Vec<&str> = record.texts.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"adds") && !texts.contains(&"takes away"), "{texts:?}");
    assert!(texts.contains(&"+$1,403 · 100.0%") && texts.contains(&"$1,403 · 100.0%"), "{texts:?}");
}

#[test]
fn long_step_names_are_cut_to_a_column_and_the_reseller_reads_in_full() {
    let record = draw(Chart::Waterfall(&samples_money::waterfall_long_labels()), &ChartOptions::default());
    let plot = record.plot.unwrap();
    let in_rows = |r: &Rect| r.right < plot.left && r.top >= plot.top && r.bottom <= plot.bottom;
    let names: Vec<_> = record.texts.iter().filter(|(_, r)| in_rows(r)).collect();
    assert_eq!(names.iter().filter(|(t, _)| t.ends_with('…')).count(), 3, "{names:?}");
    assert!(names.iter().all(|(_, r)| r.right - r.left <= 1600 * 3 / 10), "{names:?}");
    let record = draw(Chart::Waterfall(&samples_money::waterfall()), &ChartOptions::default());
    let texts: Vec<&str> = record.texts.iter().map(|(t, _)| t.as_str()).collect();
    for text in ["Running and one-off costs", "\u{2212}$4,653 · 84.2%", "+$5,529 · 100.0%", "$617 · 11.2%"] {
        assert!(texts.contains(&text), "{text} missing from {texts:?}");
    }
}

#[test]
fn on_a_phone_a_long_step_name_takes_two_lines_rather_than_an_ellipsis() {
    // The report's phone chart (640×780) cut "Running and o…", "Commission e…" and
    // "Platform kickb…": a reader could not tell what the bar was.
    let options = PHONE;
    for chart in [samples_money::waterfall(), samples_money::waterfall_loss()] {
        let record = draw(Chart::Waterfall(&chart), &options);
        let plot = record.plot.unwrap();
        let names: Vec<&(String, Rect)> =
            record.texts.iter().filter(|(_, r)| r.right < plot.left && r.top >= plot.top).collect();
        let pitch = record.bars[1].2.top - record.bars[0].2.top;
        assert!(names.iter().all(|(t, _)| !t.ends_with('…')), "{names:?}");
        for step in chart.steps.iter().chain([&chart.total]) {
            // The row's lines, top to bottom, read as its name, centred on its bar.
            let bar = record.bars[chart.steps.iter().position(|s| s == step).unwrap_or(chart.steps.len())].2;
            let centre = (bar.top + bar.bottom) / 2;
            let lines: Vec<&(String, Rect)> =
                names.iter().copied().filter(|(_, r)| ((r.top + r.bottom) / 2 - centre).abs() < pitch / 2).collect();
            let read = lines.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
            assert_eq!(read, step.label, "{names:?}");
            let (top, bottom) = (lines[0].1.top, lines[lines.len() - 1].1.bottom);
            assert!(
                ((top + bottom) / 2 - centre).abs() <= 3,
                "{}: lines {top}..{bottom}, bar centre {centre}",
                step.label
            );
        }
        assert!(names.len() > chart.steps.len() + 1, "some name takes two lines at this size: {names:?}");
    }
    // Where the rows are too close for two lines, a name is still cut to its column.
    let record = draw(
        Chart::Waterfall(&samples_money::waterfall_loss()),
        &ChartOptions { width: 640, height: 360, ..ChartOptions::default() },
    );
    let plot = record.plot.unwrap();
    let names = record.texts.iter().filter(|(_, r)| r.right < plot.left && r.top >= plot.top).count();
    assert_eq!(names, 9, "one line a row");
}

#[test]
fn a_waterfall_that_does_not_add_up_or_has_nothing_to_show_is_refused() {
    let mut wrong = samples_money::waterfall();
    wrong.total.amount += 1.0;
    let mut empty = samples_money::waterfall();
    empty.steps.clear();
    let mut nan = samples_money::waterfall();
    nan.steps[1].amount = f64::NAN;
    for (chart, words) in [(wrong, "add up"), (empty, "at least one step"), (nan, "finite")] {
        let err = render_rgb(&chart, &ChartOptions::default()).unwrap_err().to_string();
        assert!(err.contains(words), "{err}");
    }
}

#[test]
fn the_stack_tops_out_at_the_sum_of_its_layers() {
    for chart in [samples_money::stacked(), samples_money::stacked_eight()] {
        let edges = chart.edges();
        let top = edges.last().unwrap();
        for (m, edge) in top.iter().enumerate() {
            let values: Option<Vec<f64>> = chart.series.iter().map(|s| s.values[m]).collect();
            match (edge, values) {
                (Some((_, hi)), Some(values)) => assert!((hi - values.iter().sum::<f64>()).abs() < 1e-9),
                (None, None) => {}
                (edge, values) => panic!("month {m}: {edge:?} against {values:?}"),
            }
        }
        let record = draw(Chart::Stacked(&chart), &ChartOptions::default());
        let texts: Vec<&str> = record.texts.iter().map(|(t, _)| t.as_str()).collect();
        for series in &chart.series {
            assert!(texts.contains(&series.label.as_str()), "{} not in the legend", series.label);
        }
        let runs = if chart.series.len() == 8 { 3 + 5 * 2 } else { 2 };
        assert_eq!(record.bands.len(), runs, "a month undefined in layer 4 splits it and every layer above");
    }
    // In pixels: the total line (drawn last) rises with the sums, and the top layer ends on it.
    let chart = samples_money::stacked();
    let sums: Vec<f64> = chart.edges().last().unwrap().iter().map(|e| e.unwrap().1).collect();
    let record = draw(Chart::Stacked(&chart), &ChartOptions::default());
    let plot = record.plot.unwrap();
    let total = record.lines.last().unwrap();
    assert_eq!(total.len(), sums.len());
    let height = |y: i32| f64::from(plot.bottom - y);
    let (last, highest) = (total[total.len() - 1], sums[sums.len() - 1]);
    for (m, (point, sum)) in total.iter().zip(&sums).enumerate() {
        let expected = sum / highest * height(last.1);
        assert!((height(point.1) - expected).abs() <= 2.0, "month {}: {} px, not {expected}", m + 1, height(point.1));
    }
    let top_layer = record.bands.last().unwrap();
    assert_eq!(&top_layer[..sums.len()], &total[..], "the top layer's upper edge is the total");
}

#[test]
fn a_stack_of_too_many_or_negative_layers_is_refused() {
    let mut many = samples_money::stacked_eight();
    many.series.push(many.series[0].clone());
    let mut negative = samples_money::stacked();
    negative.series[1].values[3] = Some(-1.0);
    let mut undefined = samples_money::stacked();
    undefined.series[0].values = vec![None; 24];
    for (chart, words) in [(many, "1 to 8 layers"), (negative, "negative"), (undefined, "no month")] {
        let err = render_rgb(&chart, &ChartOptions::default()).unwrap_err().to_string();
        assert!(err.contains(words), "{err}");
    }
}
