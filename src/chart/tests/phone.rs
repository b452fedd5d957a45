//! Layout at the sizes report.html draws for phones (640×780, text ×1.75): every text on
//! the canvas and clear of the others for every chart kind, the axis' name in full; and a
//! share axis that stops at 100%.

use super::layout::{draw, sizes, texts};
use super::{samples, samples_whatif};
use crate::chart::boxes::Rect;
use crate::chart::*;

#[test]
fn at_the_phone_size_every_text_stays_on_the_canvas_and_clear_of_the_others() {
    // report.html draws every figure again at 640×780 with text 1.75 times larger: the
    // tornado's axis name ran off its right edge ("… in month 2") and a value label
    // touched its row's name.
    for (name, chart) in super::gallery() {
        let (record, _) = draw(chart, &PHONE);
        let canvas = Rect { left: 0, top: 0, right: PHONE.width as i32, bottom: PHONE.height as i32 };
        let all: Vec<&(String, Rect)> = record.texts.iter().collect();
        for (i, (a, ra)) in all.iter().enumerate() {
            assert!(canvas.contains(ra), "{name}: {a:?} at {ra:?} leaves the canvas");
            for (b, rb) in &all[i + 1..] {
                assert!(!ra.overlaps(rb), "{name}: {a:?} at {ra:?} overlaps {b:?} at {rb:?}");
            }
        }
    }
    // The axis' name reads in full under a plot pushed right by long input names.
    let (record, _) = draw(Chart::Tornado(&samples_whatif::tornado()), &PHONE);
    assert!(texts(&record).contains(&"Cumulative gross profit at month 24 ($)"), "{:?}", texts(&record));
}

#[test]
fn a_share_axis_stops_at_100_percent_when_every_future_is_in_one_bin() {
    // Every future made exactly $0: the room left above the one bar for the markers' labels
    // was labelled "150%".
    let mut chart = samples::histogram();
    chart.values = vec![0.0; 500];
    chart.markers.iter_mut().for_each(|m| m.value = 0.0);
    for options in sizes() {
        let (record, _) = draw(Chart::Histogram(&chart), &options);
        let over: Vec<&str> = texts(&record)
            .into_iter()
            .filter(|t| t.ends_with('%') && t.trim_end_matches('%').parse::<f64>().is_ok_and(|v| v > 100.0))
            .collect();
        assert!(over.is_empty(), "{over:?}");
        assert!(texts(&record).contains(&"100%"), "{:?}", texts(&record));
    }
}
