//! Both pages in a real browser (headless Chromium over the DevTools protocol, [`cdp`]):
//! `explore.html` from a file and the live page of `sidecast serve`. A slider is moved with
//! the keyboard, and the chance of the target the page then shows must be the one
//! `run --set` gives at that value; no request may leave the machine and nothing may be
//! logged as an error. Screenshots at 390 px (a phone) and 1280 px are written to
//! `target/tmp/browser/` to be looked at; the tests check that the pages do not overflow a
//! phone's width and that the fan's bands are drawn.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::cdp::Browser;
use crate::explore::explore;
use crate::serve::{Served, run_json};

/// Where the screenshots go.
fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The chance in words `run --set` gives the `index`-th target at these values.
fn chance_of(sets: &[&str], index: usize) -> String {
    let (code, json, stderr) = run_json(Path::new("scenarios/reseller.toml"), sets);
    assert_eq!(code, 0, "{stderr}");
    let run: Value = serde_json::from_slice(&json).unwrap();
    sidecast::text::number::chance(run["targets"][index]["probability_at_month"]["probability"].as_f64())
}

/// The fan's band colours in a screenshot: how many pixels of each.
fn band_pixels(path: &Path) -> (usize, usize) {
    let image = image::open(path).unwrap().to_rgb8();
    let count = |rgb: [u8; 3]| image.pixels().filter(|p| p.0 == rgb).count();
    (count([198, 219, 239]), count([120, 170, 214]))
}

/// Screenshots at a phone's and a desktop's width; asserts the page fits the phone.
fn look(page: &mut crate::cdp::Page, name: &str) {
    for (width, height, mobile) in [(390, 1600, true), (1280, 1100, false)] {
        page.resize(width, height, mobile);
        page.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        std::thread::sleep(Duration::from_millis(300));
        let path = shots().join(format!("{name}-{width}.png"));
        page.screenshot(&path);
        let (outer, inner) = band_pixels(&path);
        assert!(
            outer > 2_000 && inner > 2_000,
            "{name} at {width} px: the fan's bands are not drawn ({outer}, {inner})"
        );
        let overflow = page.eval("document.documentElement.scrollWidth");
        assert!(overflow.as_u64().unwrap() <= u64::from(width), "{name} is {overflow} px wide at {width} px");
    }
}

#[test]
fn explore_html_redraws_from_its_grid_by_keyboard_offline() {
    let Some(browser) = Browser::launch() else { return };
    let dir = tempfile::tempdir().unwrap();
    let specs = ["reseller.churn=0.05..0.2:7", "reseller.arrivals=0.5..3:6"];
    let out = explore(dir.path(), &specs, &["-n", "1000", "--charts", "none"]);
    let url = format!("file://{}", out.join("explore.html").display());
    let mut page = browser.page();
    page.open(&url);
    page.wait_for("document.querySelector('#sc-s0') !== null", Duration::from_secs(30));
    // Churn from the file's 10% to 15%: two steps right on its slider, by keyboard.
    page.eval("document.getElementById('sc-s0').focus()");
    page.press("ArrowRight");
    page.press("ArrowRight");
    assert_eq!(page.eval("document.getElementById('sc-o0').textContent"), "15%");
    assert_eq!(page.eval("document.getElementById('sc-s0').getAttribute('aria-valuetext')"), "churn 15%");
    let shown = page.eval("document.querySelector('#sc-targets-1 .sc-chance').textContent");
    let expected = chance_of(&["reseller.churn=0.15", "reseller.arrivals=1", "trajectories=1000"], 1);
    assert_eq!(shown, expected.as_str(), "the chance of net profit ≥ $700 at churn 15%");
    let message = page.eval("document.querySelector('.sc-message').textContent");
    assert_eq!(message, format!("Net profit per month: {expected} futures reach $700 in month 12").as_str());
    look(&mut page, "explore");
    assert_eq!(page.errors(), Vec::<String>::new(), "the page logged errors");
    let requests = page.requests();
    assert!(requests.iter().all(|r| r.starts_with("file://") || r.starts_with("data:")), "{requests:?}");
}

#[test]
fn explore_html_works_inside_a_blog_post_s_iframe() {
    let Some(browser) = Browser::launch() else { return };
    let dir = tempfile::tempdir().unwrap();
    // The README's explorable (two sliders); the layout does not depend on the trajectories.
    let specs = ["reseller.churn=0.05..0.2:7", "reseller.arrivals=0.5..3:6"];
    let out = explore(dir.path(), &specs, &["-n", "100", "--charts", "none"]);
    // What the README's shortcodes write: the page in an iframe of a post.
    let post = out.join("post.html");
    std::fs::write(
        &post,
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A post</title></head><body>\
             <h1>What churn does</h1><p>Drag it:</p>\
             <iframe src=\"explore.html\" title=\"What if churn changes?\" width=\"100%\" height=\"{}\" \
             loading=\"lazy\" style=\"border:0\"></iframe></body></html>",
            readme_frame_height()
        ),
    )
    .unwrap();
    let mut page = browser.page();
    page.open(&format!("file://{}", post.display()));
    std::thread::sleep(Duration::from_millis(1500));
    page.resize(1280, 1100, false);
    std::thread::sleep(Duration::from_millis(300));
    let path = shots().join("explore-in-a-post-1280.png");
    page.screenshot(&path);
    let (outer, inner) = band_pixels(&path);
    assert!(outer > 2_000 && inner > 2_000, "the framed explorable draws no fan ({outer}, {inner})");
    assert_eq!(page.errors(), Vec::<String>::new());
    assert!(page.requests().iter().all(|r| r.starts_with("file://")), "{:?}", page.requests());
    // Framed in a post whose column is 720 px or the window's 1280, all of it fits within
    // the shortcodes' default height (the page itself, told it is framed, as it tells
    // itself in the iframe).
    let height = readme_frame_height();
    page.open(&format!("file://{}", out.join("explore.html").display()));
    page.wait_for("document.querySelector('#sc-s1') !== null", Duration::from_secs(30));
    page.eval("document.documentElement.classList.add('sc-framed')");
    for width in [720, 1280] {
        page.resize(width, 400, false);
        std::thread::sleep(Duration::from_millis(300));
        let needed = page.eval("document.documentElement.scrollHeight").as_u64().unwrap();
        assert!(needed <= height, "framed at {width} px the explorable needs {needed} px, the README gives {height}");
    }
}

#[test]
fn the_live_page_redraws_a_change_as_run_set_would() {
    let Some(browser) = Browser::launch() else { return };
    let served = Served::start(Path::new("scenarios/reseller.toml"), &[]);
    let origin = format!("http://{}/", served.address);
    let mut page = browser.page();
    page.open(&origin);
    let idle = "document.getElementById('sc-serve').dataset.state === 'idle'";
    page.wait_for(idle, Duration::from_secs(300));
    let file_chance = page.eval("document.querySelector('#sc-targets-1 .sc-chance').textContent");
    assert_eq!(file_chance, chance_of(&[], 1).as_str(), "the file's own chance");
    // Churn from 10% to 15%, five key presses on its slider; each one supersedes the last.
    let slider = "document.querySelector('input[type=range][data-key=\"reseller.churn\"]')";
    page.eval(&format!("{slider}.focus()"));
    for _ in 0..5 {
        page.press("ArrowRight");
    }
    let done = format!("{idle} && document.getElementById('sc-serve').dataset.sets === 'reseller.churn=0.15'");
    page.wait_for(&done, Duration::from_secs(300));
    let shown = page.eval("document.querySelector('#sc-targets-1 .sc-chance').textContent");
    assert_eq!(shown, chance_of(&["reseller.churn=0.15"], 1).as_str(), "the chance of net profit ≥ $700 at 15%");
    let number = page.eval("document.querySelector('input[type=number][data-key=\"reseller.churn\"]').value");
    assert_eq!(number, "15", "the field follows the slider");
    let timing = page.eval("document.getElementById('sc-timing').textContent");
    assert!(timing.as_str().unwrap().starts_with("Redrawn in "), "{timing}");
    let difference = page.eval("document.getElementById('sc-difference-words').textContent");
    assert!(difference.as_str().unwrap().contains("lower on average"), "{difference}");
    // A refused value shows run's message, and the page keeps working.
    page.eval(
        "var n = document.querySelector('input[type=number][data-key=\"reseller.churn\"]'); n.value = '150'; \
               n.dispatchEvent(new Event('change'))",
    );
    page.wait_for("document.getElementById('sc-serve').dataset.state === 'error'", Duration::from_secs(60));
    let error = page.eval("document.getElementById('sc-error-text').textContent");
    assert!(error.as_str().unwrap().contains("reseller.churn: 1.5 is out of range"), "{error}");
    // Beside the field too, in its units (on a phone the message above is far away).
    let beside = page.eval("document.querySelector('.sc-field-error:not([hidden])').textContent");
    assert_eq!(
        beside.as_str().unwrap(),
        "Not run: reseller.churn: 1.5 is out of range (150% is 1.5); use a rate between 0 and 1 (0.1 = 10%)"
    );
    page.eval("document.getElementById('sc-reset').click()");
    page.wait_for(
        &format!("{idle} && document.getElementById('sc-serve').dataset.sets === ''"),
        Duration::from_secs(300),
    );
    look(&mut page, "serve");
    // The 400 of the refused value is logged by Chromium as a failed resource, and so is a
    // 409 when a key press supersedes a run still going (the protocol, README: Dragging;
    // whether one happens depends on how fast the machine runs); nothing else.
    let expected = |e: &String| e.contains("status of 400") || (e.contains("status of 409") && e.contains("/api/"));
    let errors: Vec<String> = page.errors().into_iter().filter(|e| !expected(e)).collect();
    assert_eq!(errors, Vec::<String>::new(), "the page logged errors");
    let requests = page.requests();
    assert!(requests.iter().all(|r| r.starts_with(&origin) || r.starts_with("data:")), "{requests:?}");
    assert!(requests.iter().any(|r| r.contains("/api/view?client=")), "{requests:?}");
    // An address whose values cannot run shows the file's own run and says why (the page
    // stayed on "Running the file's own values…" with nothing drawn).
    page.open("about:blank");
    page.open(&format!("{origin}#set=reseller.churn%3D2&set=nothing%3D1"));
    page.wait_for(idle, Duration::from_secs(300));
    let chance = page.eval("document.querySelector('#sc-targets-1 .sc-chance').textContent");
    assert_eq!(chance, chance_of(&[], 1).as_str(), "the file's own run");
    let said = page
        .eval("document.getElementById('sc-error').hidden ? '' : document.getElementById('sc-error-text').textContent");
    let said = said.as_str().unwrap();
    assert!(
        said.contains("Left out of the address: nothing=1") && said.contains("reseller.churn=2, which cannot run"),
        "{said}"
    );
}

/// The iframe height the README's shortcodes give (the same in each of them).
fn readme_frame_height() -> u64 {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let after = |text: &str, marker: &str| -> Vec<u64> {
        text.match_indices(marker)
            .map(|(i, _)| {
                let digits: String = text[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
                digits.parse().unwrap_or_else(|_| panic!("no number after {marker:?} in the README"))
            })
            .collect()
    };
    let heights: Vec<u64> = ["| default \"", "default(value=", "| default: ", "height = "]
        .iter()
        .flat_map(|marker| after(&readme, marker))
        .collect();
    assert_eq!(heights.len(), 4, "one height in each of the four shortcodes: {heights:?}");
    assert!(heights.iter().all(|&h| h == heights[0]), "the shortcodes disagree: {heights:?}");
    let said = after(&readme, "About ");
    assert!(said.contains(&heights[0]), "the prose says another height than the shortcodes ({})", heights[0]);
    heights[0]
}
