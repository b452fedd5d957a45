//! `run --explore` from outside: `explore.html` holds a grid whose every point has the
//! numbers of `run --set` at that point (amounts to the cent, chances exactly), stays under
//! 600 KB for a 15 × 15 grid, shows the file's own values without a script, references
//! nothing outside itself, and joins `report.html`; bad specs are refused before any run.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::sidecast;
use crate::serve::run_json;

/// The data of an explorable page.
pub fn explore_data(html: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"sidecast-explore\">";
    let start = html.find(open).expect("no explorable data") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// `run scenarios/reseller.toml --explore ... ARGS --out DIR`; the output folder.
pub fn explore(dir: &Path, specs: &[&str], args: &[&str]) -> PathBuf {
    let out = dir.join("out");
    let mut command = sidecast();
    command.args(["run", "scenarios/reseller.toml", "-q", "--out"]).arg(&out).args(args);
    for spec in specs {
        command.args(["--explore", spec]);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    out
}

fn cents(v: &Value) -> Value {
    v.as_f64().map_or(Value::Null, |v| serde_json::json!((v * 100.0).round() / 100.0))
}

#[test]
fn every_point_is_run_set_at_that_point() {
    let dir = tempfile::tempdir().unwrap();
    let specs = ["reseller.churn=0.05..0.2:7", "reseller.arrivals=0.5..3:6"];
    let out = explore(dir.path(), &specs, &["-n", "1000", "--charts", "svg"]);
    let html = std::fs::read_to_string(out.join("explore.html")).unwrap();
    assert!(html.len() < 600_000, "explore.html is {} bytes", html.len());
    let data = explore_data(&html);
    assert_eq!(data["keys"], serde_json::json!(["reseller.churn", "reseller.arrivals"]));
    let points = data["points"].as_array().unwrap();
    assert_eq!(points.len(), 42);
    assert_eq!(data["sliders"][0]["values"], serde_json::json!([0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2]));
    assert_eq!((data["sliders"][0]["start"].as_u64(), data["sliders"][1]["start"].as_u64()), (Some(2), Some(1)));
    let lead = data["view"]["lead"]["key"].as_str().unwrap().to_string();
    assert_eq!(lead, "net_profit");
    // Corners, the file's own values and one inside: the numbers of `run --set` there.
    for index in [0, 5, 13, 24, 41] {
        let point = &points[index];
        let churn = point["set"]["reseller.churn"].as_f64().unwrap();
        let arrivals = point["set"]["reseller.arrivals"].as_f64().unwrap();
        let sets =
            [format!("reseller.churn={churn}"), format!("reseller.arrivals={arrivals}"), "trajectories=1000".into()];
        let sets: Vec<&str> = sets.iter().map(String::as_str).collect();
        let (code, json, stderr) = run_json(Path::new("scenarios/reseller.toml"), &sets);
        assert_eq!(code, 0, "{stderr}");
        let run: Value = serde_json::from_slice(&json).unwrap();
        for level in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            let expected: Vec<Value> = run["metrics"][&lead][level].as_array().unwrap().iter().map(cents).collect();
            assert_eq!(point["metrics"][&lead][level].as_array().unwrap(), &expected, "{sets:?} {level}");
        }
        for (mine, theirs) in point["targets"].as_array().unwrap().iter().zip(run["targets"].as_array().unwrap()) {
            for which in ["probability_at_month", "probability_by_month"] {
                assert_eq!(mine[which]["probability"], theirs[which]["probability"], "{sets:?} {which}");
            }
            assert_eq!(
                (&mine["metric"], &mine["at_least"], &mine["month"]),
                (&theirs["metric"], &theirs["at_least"], &theirs["month"])
            );
        }
    }
    // Without a script: the static chart and the file's own chances in words.
    let own: Value = serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let p = own["targets"][1]["probability_at_month"]["probability"].as_f64();
    let words = sidecast::text::number::chance(p);
    assert!(html.contains(&format!("Net profit ≥ $700 in month 12: {words} futures")), "no static chances");
    assert!(html.contains("<svg") && html.contains("aria-labelledby=\"sc-statict sc-staticd\""), "no static chart");
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    let lower = html.to_ascii_lowercase();
    for forbidden in [" src=", "<link", "@import", "url(http", "<iframe", "fetch(", "xmlhttprequest"] {
        assert!(!lower.contains(forbidden), "explore.html has {forbidden}");
    }
    // The report has the explorable too.
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("<h2>Explore</h2>") && report.contains("id=\"sidecast-explore\""));
    assert_eq!(explore_data(&report)["points"], data["points"]);
}

#[test]
fn a_15_by_15_grid_stays_under_600_kb() {
    let dir = tempfile::tempdir().unwrap();
    let specs = ["reseller.churn=0.05..0.3:15", "reseller.arrivals=0.25..4:15"];
    let out = explore(dir.path(), &specs, &["-n", "200", "--charts", "none"]);
    let size = std::fs::metadata(out.join("explore.html")).unwrap().len();
    assert!(size < 600_000, "a 15 × 15 explore.html is {size} bytes");
    let data = explore_data(&std::fs::read_to_string(out.join("explore.html")).unwrap());
    assert_eq!(data["points"].as_array().unwrap().len(), 225);
    assert!(!out.join("report.html").exists(), "--charts none draws no report, only the explorable");
}

#[test]
fn bad_explore_specs_are_refused_before_any_run() {
    let cases: [(&[&str], &str); 6] = [
        (&["reseller.churn=0.05..0.2:16"], "a slider takes at most 15"),
        (&["reseller.churn=0.1,0.2", "reseller.arrivals=1,2", "effort.fixed_hours=1,2"], "at most 2 sliders"),
        (&["reseller.churn=0.1..0.2"], "no number of points"),
        (&["seed=1..3:3"], "share their random numbers"),
        (&["reseller.tiers.enterprise.markup=0.1..0.2:3"], "no tier `enterprise`"),
        (&["reseller.churn=0.5..2:4"], "from --explore reseller.churn=1.5"),
    ];
    for (specs, words) in cases {
        let out = tempfile::tempdir().unwrap();
        let mut command = sidecast();
        command.args(["run", "scenarios/reseller.toml", "-q", "--out"]).arg(out.path().join("x"));
        for spec in specs {
            command.args(["--explore", spec]);
        }
        let output = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{specs:?}: {stderr}");
        assert!(stderr.contains(words), "{specs:?}: {stderr}");
        assert!(!out.path().join("x").exists(), "{specs:?} wrote something");
    }
}
