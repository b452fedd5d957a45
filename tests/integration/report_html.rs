//! `report.html` as a reader gets it. Without a browser: every command that draws writes
//! one, it references nothing outside itself, user text is escaped, the run's numbers are
//! those of `summary.md`, the page leads with the answer and stays under 1.2 MB. In
//! headless Chromium (installed by `.ci/run`; skipped with a message only when no Chromium
//! exists and `CI` is not `true`): the first screen of a phone (390×844) and of a desktop
//! (1280×800) holds the headline and the lead chart with its bands drawn, the phone's chart
//! text is at least 12 px, and the page logs nothing to the console, loads no resource and
//! does not overflow the phone's screen.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::replaced;
use crate::common::sidecast;

/// A scenario whose name needs escaping.
const NAME: &str = r#"Tom & "Jerry" <b>reseller</b>"#;
const ESCAPED: &str = "Tom &amp; &quot;Jerry&quot; &lt;b&gt;reseller&lt;/b&gt;";

fn tricky_scenario(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
    let path = dir.join("tricky.toml");
    let name = format!("name = '{NAME}'");
    std::fs::write(&path, replaced(&text, "name = \"Reseller: 12 customers, 10% churn\"", &name)).unwrap();
    path
}

fn run_report(dir: &Path) -> PathBuf {
    let out = dir.join("run");
    sidecast()
        .arg("run")
        .arg(tricky_scenario(dir))
        .args(["--actuals", "scenarios/history.csv", "-n", "1000", "-q", "--charts", "svg", "--out"])
        .arg(&out)
        .stdout();
    out.join("report.html")
}

/// Inside every tag: no `src=`/`href=` other than `#...` or `data:`; anywhere: no
/// `@import`, no `url(` other than `data:`, no script, no link element.
fn assert_self_contained(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        for attribute in [" src=", " href=", " xlink:href=", " srcset=", " action=", " poster="] {
            if let Some(i) = tag.find(attribute) {
                let value = tag[i + attribute.len()..].trim_start_matches(['"', '\'']);
                assert!(value.starts_with('#') || value.starts_with("data:"), "{what}: external reference in <{tag}>");
            }
        }
    }
    assert!(!lower.contains("@import"), "{what}: an @import");
    for (i, _) in lower.match_indices("url(") {
        let value = lower[i + 4..].trim_start_matches(['"', '\'']);
        assert!(value.starts_with("data:"), "{what}: url( at {i}");
    }
    assert!(!lower.contains("<script") && !lower.contains("<link") && !lower.contains("<iframe"), "{what}");
}

#[test]
fn every_command_that_draws_writes_a_self_contained_report() {
    let dir = tempfile::tempdir().unwrap();
    let quick = ["-n", "200", "-q", "--charts", "svg", "--out"];
    let out = |name: &str| dir.path().join(name);
    let commands: [(&str, Vec<&str>); 4] = [
        ("compare", vec!["compare", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05,0.15"]),
        ("sweep", vec!["sweep", "scenarios/reseller.toml", "--vary", "reseller.churn=0.05..0.15:3"]),
        ("sensitivity", vec!["sensitivity", "scenarios/side-hustle.toml"]),
        ("fit", vec!["fit", "retention", "--counts", "12,11,8", "--charts", "svg", "--out"]),
    ];
    for (name, args) in &commands {
        let mut command = sidecast();
        command.args(args);
        if *name != "fit" {
            command.args(quick);
        }
        let said = command.arg(out(name)).stdout();
        assert!(said.contains("report.html"), "{name}: {said}");
    }
    let run = run_report(dir.path());
    let reports = [run, out("compare"), out("sweep"), out("sensitivity"), out("fit")]
        .map(|p| if p.extension().is_some() { p } else { p.join("report.html") });
    for path in &reports {
        let html = std::fs::read_to_string(path).unwrap();
        let what = path.display().to_string();
        assert_self_contained(&html, &what);
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h1>") && html.contains("<h2>"), "{what}");
        assert!(html.contains("role=\"img\" aria-labelledby="), "{what}: a chart without a name");
        assert!(html.contains("<h2>Reproduce</h2>\n<pre tabindex=\"0\"><code>sidecast "), "{what}");
        assert!(html.contains("@media print") && html.contains("width=device-width"), "{what}");
    }
}

#[test]
fn the_run_report_escapes_names_and_shows_the_numbers_of_summary_md() {
    let dir = tempfile::tempdir().unwrap();
    let path = run_report(dir.path());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        html.contains(&format!("<title>{ESCAPED}: ")) && html.contains(&format!("<p class=\"kicker\">{ESCAPED}</p>"))
    );
    assert!(!html.contains("<b>reseller"), "a scenario name was not escaped");
    // The answer first: the first target's chance in frequency words is the title, and the
    // lead chart (its metric's fan) comes before the first section.
    let headline = html.split("<h1>").nth(1).and_then(|h| h.split("</h1>").next()).unwrap();
    assert!(
        headline.ends_with(" futures have gross profit of $700 or more in month 12.") && !headline.contains('%'),
        "{headline}"
    );
    let lead = html.split("<div class=\"lead\">").nth(1).and_then(|l| l.split("<section>").next()).unwrap();
    // The lead chart is the headline's metric's fan, its title the chart's message.
    assert!(
        lead.contains("<span class=\"title\">Gross profit ") && lead.contains(" futures reach $700 in month 12</span>"),
        "the lead chart: {lead}"
    );
    // Chances in words wherever the page speaks (the drawings are the charts' own).
    let prose: String =
        html.split("<svg").map(|part| part.split_once("</svg>").map_or(part, |(_, rest)| rest)).collect();
    assert!(!prose.contains("P(in month") && !prose.contains("P(by month"), "chances as P(...) in the page's text");
    let markdown = std::fs::read_to_string(path.with_file_name("summary.md")).unwrap();
    // Every cell of the Markdown projection ("$919 [$444 – $1,619]") is in the page.
    let plain = html.replace('\u{a0}', " ");
    let mut cells = 0;
    for line in markdown.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| median") && l.contains('[')) {
        for cell in line.split('|').map(str::trim).filter(|c| c.ends_with(']')) {
            let (median, range) = cell.trim_end_matches(']').split_once(" [").unwrap();
            let expected = format!("{median} <span class=\"range\">{range}</span>");
            assert!(plain.contains(&expected), "{expected} missing from the page");
            cells += 1;
        }
    }
    assert!(cells >= 12, "only {cells} cells compared");
    for section in ["Projection", "Targets", "History", "Charts", "How to read this", "Assumptions", "Method"] {
        assert!(html.contains(&format!("<h2>{section}</h2>")), "no {section} section");
    }
    assert!(html.contains("Gross profit ≥ $700 in month 12: ") && html.contains("at least once by then"), "targets");
    let reproduce = html.split("<h2>Reproduce</h2>\n<pre tabindex=\"0\"><code>").nth(1).unwrap();
    assert!(reproduce.starts_with("sidecast run "), "{reproduce}");
    let command = reproduce.split("</code>").next().unwrap();
    assert!(!command.contains("/tmp/"), "directories in the command");
    // On a phone the command reads as lines a shell still runs, never "-" / "-actuals".
    assert!(command.contains(" \\\n  --actuals scenarios/history.csv"), "{command}");
    let none = dir.path().join("none");
    sidecast()
        .args(["run", "scenarios/reseller.toml", "-n", "100", "-q", "--charts", "none", "--out"])
        .arg(&none)
        .stdout();
    assert!(!none.join("report.html").exists(), "--charts none draws nothing, report.html included");
}

/// Chromium, if installed; `None` (with a message) on a developer machine without one. In
/// CI (`CI=true`) a missing Chromium fails the test.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no chromium on PATH: .ci/run installs Debian's chromium"
        );
        eprintln!("SKIPPED report_html browser test: no chromium on PATH (apt-get install -y chromium)");
    }
    found
}

/// Headless Chromium, offline, on a file: `extra` says what to produce.
fn browse(
    chromium: &Path,
    profile: &Path,
    page: &Path,
    (width, height): (u32, u32),
    extra: &[String],
) -> std::process::Output {
    Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars"])
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={width},{height}"))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

/// A copy of the page with a probe drawn over it: bars whose widths are half the page's
/// scroll width (red), half the window's width (blue) and ten pixels per loaded resource
/// (green), measured again when the screenshot resizes the window. (With `--dump-dom`
/// headless Chromium lays pages out at least 500 px wide, so the probe reports through
/// the screenshot instead.)
fn probe_page(report: &Path) -> PathBuf {
    let html = std::fs::read_to_string(report).unwrap();
    let bar = |id: &str, top: u32, colour: &str| {
        format!(
            "<div id=\"{id}\" style=\"position:fixed;left:0;top:{top}px;height:8px;width:0;background:{colour};z-index:9\"></div>"
        )
    };
    let probe = format!(
        "{}{}{}<script>function m(){{var s=function(i,w){{document.getElementById(i).style.width=w+'px';}};\
         s('pw',document.documentElement.scrollWidth/2);s('pv',innerWidth/2);\
         s('pr',10*performance.getEntriesByType('resource').length);}}\
         m();new ResizeObserver(m).observe(document.documentElement);addEventListener('resize',m);</script>",
        bar("pw", 0, "rgb(255,0,0)"),
        bar("pv", 10, "rgb(0,0,255)"),
        bar("pr", 20, "rgb(0,255,0)")
    );
    let path = report.with_file_name("probe.html");
    std::fs::write(&path, html.replace("</body>", &format!("{probe}</body>"))).unwrap();
    path
}

/// The length of the run of `colour` at the start of row `y`.
fn bar(image: &image::RgbImage, y: u32, colour: [u8; 3]) -> u32 {
    (0..image.width()).take_while(|&x| image.get_pixel(x, y).0 == colour).count() as u32
}

fn console_messages(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr).lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect()
}

/// Rows holding the fan charts' band colour, grouped where they are less than 40 px apart:
/// (first row, band pixels) per group.
fn charts_seen(image: &image::RgbImage) -> Vec<(u32, usize)> {
    let band = |p: &image::Rgb<u8>| {
        let [r, g, b] = p.0.map(i32::from);
        b > 200 && b - r > 25 && g > r
    };
    let mut charts: Vec<(u32, usize)> = Vec::new();
    let mut last = None;
    for y in 0..image.height() {
        let n = (0..image.width()).filter(|&x| band(image.get_pixel(x, y))).count();
        if n == 0 {
            continue;
        }
        match (last, charts.last_mut()) {
            (Some(previous), Some(chart)) if y - previous < 40 => chart.1 += n,
            _ => charts.push((y, n)),
        }
        last = Some(y);
    }
    charts
}

/// A copy of the page with a second probe: bars whose widths are a quarter of the bottom
/// of the `<h1>` (orange), a quarter of the top of the first visible chart drawing (purple)
/// and ten times the smallest chart text in CSS pixels (cyan), estimated from the drawn
/// height of labels made of digits only (0.729 em in DejaVu Sans).
fn answer_probe_page(report: &Path) -> PathBuf {
    let html = std::fs::read_to_string(report).unwrap();
    let bar = |id: &str, top: u32, colour: &str| {
        format!(
            "<div id=\"{id}\" style=\"position:fixed;left:0;top:{top}px;height:8px;width:0;background:{colour};z-index:9\"></div>"
        )
    };
    let probe = format!(
        "{}{}{}<script>function m(){{var s=function(i,w){{document.getElementById(i).style.width=Math.max(0,w)+'px';}};\
         s('ph',document.querySelector('h1').getBoundingClientRect().bottom/4);\
         var top=1e9,small=1e9;document.querySelectorAll('figure svg').forEach(function(g){{\
         var r=g.getBoundingClientRect();if(r.width===0)return;top=Math.min(top,r.top);\
         g.querySelectorAll('path[aria-label]').forEach(function(p){{\
         if(!/^[0-9]+$/.test(p.getAttribute('aria-label')))return;\
         small=Math.min(small,p.getBoundingClientRect().height/0.729);}});}});\
         s('pf',top/4);s('pt',small*10);}}\
         m();new ResizeObserver(m).observe(document.documentElement);addEventListener('resize',m);</script>",
        bar("ph", 0, "rgb(255,128,0)"),
        bar("pf", 10, "rgb(128,0,255)"),
        bar("pt", 20, "rgb(0,255,255)")
    );
    let path = report.with_file_name("answer.html");
    std::fs::write(&path, html.replace("</body>", &format!("{probe}</body>"))).unwrap();
    path
}

#[test]
fn the_run_report_gives_the_answer_in_its_first_screen() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let report = run_report(dir.path());
    let size = std::fs::metadata(&report).unwrap().len();
    let profile = dir.path().join("profile");
    let screenshot = |page: &Path, name: &str, (width, height): (u32, u32)| {
        let shot = dir.path().join(name);
        let output = browse(&chromium, &profile, page, (width, height), &[format!("--screenshot={}", shot.display())]);
        assert!(output.status.success() && shot.exists(), "{}", String::from_utf8_lossy(&output.stderr));
        (image::open(&shot).unwrap().to_rgb8(), output.stderr)
    };
    for (screen, name) in [((390, 844), "phone"), ((1280, 800), "desktop")] {
        let (page, stderr) = screenshot(&report, &format!("{name}.png"), screen);
        assert_eq!(console_messages(&stderr), Vec::<String>::new(), "{name}: the page logged to the console");
        assert_eq!(page.dimensions(), screen);
        // The lead chart's bands are drawn on the first screen.
        let ink: usize = charts_seen(&page).iter().map(|(_, ink)| ink).sum();
        assert!(ink > 3_000, "{name}: no chart with its bands on the first screen ({ink} band pixels)");
        let (probe, _) = screenshot(&answer_probe_page(&report), &format!("{name}-answer.png"), screen);
        let headline_bottom = 4 * bar(&probe, 4, [255, 128, 0]);
        let chart_top = 4 * bar(&probe, 14, [128, 0, 255]);
        assert!(
            headline_bottom > 0 && headline_bottom < screen.1 / 2,
            "{name}: the headline ends at {headline_bottom} px"
        );
        assert!(
            chart_top > headline_bottom && chart_top < screen.1 * 3 / 4,
            "{name}: the lead chart starts at {chart_top} px"
        );
        if name == "phone" {
            let smallest = f64::from(bar(&probe, 24, [0, 255, 255])) / 10.0;
            assert!(smallest >= 12.0, "the phone's chart text is {smallest} px");
        }
    }
    assert!(size < 1_200_000, "report.html is {size} bytes");
}

#[test]
fn the_run_report_renders_in_chromium_on_a_phone() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let report = run_report(dir.path());
    let profile = dir.path().join("profile");
    let screenshot = |page: &Path, name: &str| {
        let shot = dir.path().join(name);
        let output = browse(&chromium, &profile, page, (390, 2000), &[format!("--screenshot={}", shot.display())]);
        assert!(output.status.success() && shot.exists(), "{}", String::from_utf8_lossy(&output.stderr));
        (image::open(&shot).unwrap().to_rgb8(), output.stderr)
    };
    let (page, stderr) = screenshot(&report, "phone.png");
    assert_eq!(console_messages(&stderr), Vec::<String>::new(), "the page logged to the console");
    assert_eq!(page.dimensions(), (390, 2000));
    let distinct: std::collections::HashSet<_> = page.pixels().step_by(7).collect();
    assert!(distinct.len() > 20, "the screenshot looks blank");

    let (probe, _) = screenshot(&probe_page(&report), "probe.png");
    let (scroll, window, resources) =
        (bar(&probe, 4, [255, 0, 0]), bar(&probe, 14, [0, 0, 255]), bar(&probe, 24, [0, 255, 0]));
    assert_eq!(window, 195, "the window was not 390 px wide");
    assert!(scroll <= window, "the page is {} px wide on a 390 px phone", scroll * 2);
    assert_eq!(resources, 0, "the page loaded {} resources", resources / 10);
}
