//! The long hunt (ignored tier): a mutation fuzz of the whole command line. Each case takes
//! a shipped scenario (or one with parameter sets and correlations, or a portfolio with
//! costs, programmes and content), mutates its text one to three times (the mutations of
//! [`crate::fuzz`]), picks a command and a handful of its flags (sane, extreme and wrong
//! values; names with control characters and dots), and runs the binary under a 4 GB
//! address-space limit and a time limit. A case fails on a panic or an abort, a hang, an
//! exit status other than 0, 2 or 130, a non-finite number or stray `null` in a JSON it
//! wrote, `inf`/`NaN` in a CSV or a table, an SVG that is not well-formed, a temporary file
//! left behind, or an output folder written by a refused command.
//!
//! Run it against a release build for as long as you like:
//!
//! ```text
//! cargo build --release
//! SIDECAST_FUZZ_BIN=target/release/sidecast SIDECAST_FUZZ_SECONDS=600 \
//!   nice cargo test --test integration fuzz_cli -- --ignored --nocapture
//! ```
//!
//! Findings are kept in `SIDECAST_FUZZ_FINDINGS` (default: a temporary folder, printed),
//! one folder per case with its scenario, arguments and what went wrong.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus as TestRng;

use crate::fuzz::{JOINT, SCENARIOS, SETS, VALUES, check_json, mutate, mutate_sets, shows_non_number};

/// Values flags get: sane, edge and wrong.
const FLAG_VALUES: [&str; 24] = [
    "0",
    "1",
    "2",
    "-1",
    "12",
    "600",
    "601",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "0.5",
    "1e-300",
    "4294967295",
    "x",
    "",
    "1..5",
    "0.1,0.2",
    "1e9",
    "99999999999999999999",
    "1.5",
    "100%",
    "3s",
    "1GB",
];

/// Keys `--set`, `--vary` and solve's levers reach, shipped and odd.
const KEYS: [&str; 24] = [
    "reseller.churn",
    "reseller.arrivals",
    "reseller.referral_rate",
    "reseller.spend_growth",
    "reseller.spend_volatility",
    "reseller.tiers.starter.markup",
    "reseller.tiers.starter.spend",
    "reseller.tiers.starter.spend.median",
    "reseller.initial_customers.starter",
    "reseller.initial_tenure_months",
    "affiliate.signups",
    "affiliate.payout_delay_months",
    "affiliate.plans.pro.price",
    "affiliate.content.half_life_months",
    "affiliate.content.ramp_months",
    "affiliate.programmes.bounty.share",
    "costs.tax_rate",
    "costs.one_off.0.amount",
    "costs.one_off[0].month",
    "costs.monthly.hosting",
    "effort.setup_hours.0",
    "horizon_months",
    "trajectories",
    "name",
];

/// A random element.
fn pick<'a, T>(rng: &mut TestRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A value for `--set`: a number, a distribution, a name with control characters or dots.
fn set_value(rng: &mut TestRng) -> String {
    match rng.random_range(0..4) {
        0 => pick(rng, &FLAG_VALUES).to_string(),
        1 => pick(rng, &VALUES).to_string(),
        2 => "\"a\\u001b[31m.b\\u0007\"".to_string(),
        _ => format!("{}", rng.random_range(-2.0..3.0f64)),
    }
}

/// The command line of one case: a command on `scenario` (in `dir`) with random flags.
fn command_line(rng: &mut TestRng, scenario: &str) -> Vec<String> {
    let key = |rng: &mut TestRng| pick(rng, &KEYS).to_string();
    let mut args: Vec<String> = match rng.random_range(0..10) {
        0 | 1 => vec!["run".into(), scenario.into()],
        2 => vec![
            "compare".into(),
            scenario.into(),
            "--vary".into(),
            format!("{}={},{}", key(rng), set_value(rng), set_value(rng)),
        ],
        3 => vec![
            "sweep".into(),
            scenario.into(),
            "--vary".into(),
            format!("{}=0.05..{}:3", key(rng), pick(rng, &FLAG_VALUES)),
        ],
        4 => vec!["sensitivity".into(), scenario.into()],
        5 => vec![
            "solve".into(),
            scenario.into(),
            "--target".into(),
            format!(
                "{} >= {} in {}",
                pick(
                    rng,
                    &[
                        "gross_profit",
                        "net_profit",
                        "commission_paid",
                        "subscribers.news.letter.pro",
                        "active_customers"
                    ]
                ),
                pick(rng, &FLAG_VALUES),
                pick(rng, &["6", "12", "0", "700"])
            ),
            "--vary".into(),
            format!("{}={}..{}", key(rng), pick(rng, &["0", "0.5", "1", "-1"]), pick(rng, &["1", "3", "6", "1e308"])),
        ],
        6 => vec!["check".into(), scenario.into()],
        7 => vec![
            "calibrate".into(),
            scenario.into(),
            "--actuals".into(),
            "history.csv".into(),
            "--particles".into(),
            "100".into(),
            "--max-simulations".into(),
            pick(rng, &["1000", "3000"]).to_string(),
        ],
        8 => {
            let counts: Vec<String> = (0..rng.random_range(1..6)).map(|i| format!("{}", 1000 / (i + 1))).collect();
            vec!["fit".into(), "retention".into(), "--counts".into(), counts.join(",")]
        }
        _ => vec![
            "init".into(),
            "-y".into(),
            "--force".into(),
            "-o".into(),
            "init.toml".into(),
            pick(rng, &["--hours", "--goal", "--tier", "--plan", "--signups", "--churn", "--months"]).to_string(),
            pick(rng, &["1e308", "a=15%,50", "a=1,1e308", "p=1", "5%..15%", "12", "x"]).to_string(),
        ],
    };
    let writes = !matches!(args[0].as_str(), "check" | "init");
    let simulates = matches!(args[0].as_str(), "run" | "compare" | "sweep" | "sensitivity" | "solve" | "calibrate");
    if simulates {
        // Keep the runs short; a mutated file may still ask for more, which admission weighs.
        args.extend(["--max-time".into(), "8s".into(), "-n".into(), pick(rng, &["50", "200", "1000"]).to_string()]);
    }
    for _ in 0..rng.random_range(0..4) {
        let extra: Vec<String> = match rng.random_range(0..12) {
            0 if simulates => vec!["--set".into(), format!("{}={}", key(rng), set_value(rng))],
            1 if simulates => vec!["--months".into(), pick(rng, &FLAG_VALUES).to_string()],
            2 if simulates => vec!["--seed".into(), pick(rng, &FLAG_VALUES).to_string()],
            3 if simulates => vec!["--percentiles".into(), pick(rng, &["5,50,95", "0,100", "150", "50"]).to_string()],
            4 if simulates => vec!["--max-population".into(), pick(rng, &FLAG_VALUES).to_string()],
            5 if simulates => vec!["--max-memory".into(), pick(rng, &["1GB", "10MB", "0", "x"]).to_string()],
            6 if simulates => vec!["--threads".into(), pick(rng, &["1", "2", "0", "300"]).to_string()],
            7 if writes => vec!["--charts".into(), pick(rng, &["none", "svg", "png", "both"]).to_string()],
            8 if writes => {
                vec!["--json".into(), pick(rng, &["out.json", "-", "/dev/null", "missing/x.json"]).to_string()]
            }
            9 if simulates => vec!["--start-month".into(), pick(rng, &FLAG_VALUES).to_string()],
            10 if args[0] == "run" => vec!["--precision".into(), pick(rng, &["1%", "0.5", "nan", "150%"]).to_string()],
            _ => vec![],
        };
        args.extend(extra);
    }
    if writes {
        if !args.iter().any(|a| a == "--charts") {
            args.extend(["--charts".into(), "none".into()]);
        }
        args.extend(["--out".into(), "out".into(), "-q".into()]);
    }
    args
}

/// What one case broke, if anything.
fn check_case(
    dir: &Path,
    code: Option<i32>,
    stderr: &str,
    stdout: &str,
    elapsed: Duration,
    limit: Duration,
) -> Vec<String> {
    let mut wrong = Vec::new();
    if elapsed >= limit {
        wrong.push(format!("still running after {elapsed:?}"));
    }
    match code {
        Some(0 | 2) => {}
        Some(1) if stderr.contains("cannot write") && stderr.contains("missing/") => {}
        other => wrong.push(format!("exit status {other:?}")),
    }
    if stderr.contains("panicked") || stderr.contains("memory allocation") {
        wrong.push("a panic or an abort".into());
    }
    let out = dir.join("out");
    if code == Some(2) && out.exists() {
        wrong.push("a refused command wrote its folder".into());
    }
    if code == Some(0) && shows_non_number(stdout) {
        wrong.push("the terminal shows a number that is not one".into());
    }
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&out).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.extend(["out.json", "init.toml"].iter().map(|f| dir.join(f)).filter(|p| p.exists()));
    for path in files {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let Ok(bytes) = std::fs::read(&path) else { continue };
        if name.starts_with(".sidecast-") && name != ".sidecast-outputs" {
            wrong.push(format!("a temporary file left: {name}"));
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".json") {
            match serde_json::from_slice::<serde_json::Value>(&bytes) {
                Ok(json) if name != "calibrate.json" && name != "fit.json" && name != "solve.json" => {
                    let mut problems = Vec::new();
                    check_json(&json, "", &mut problems);
                    wrong.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
                }
                Ok(_) => {}
                Err(e) => wrong.push(format!("{name} is not JSON: {e}")),
            }
        }
        if name.ends_with(".csv") && shows_non_number(&text) {
            wrong.push(format!("{name} holds inf or NaN"));
        }
        if name.ends_with(".md") && shows_non_number(&text) {
            wrong.push(format!("{name} shows a number that is not one"));
        }
        if name.ends_with(".svg") && resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).is_err() {
            wrong.push(format!("{name} is not a well-formed SVG"));
        }
        if !name.ends_with(".png") && text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
            wrong.push(format!("{name} holds a raw control character"));
        }
    }
    let strays: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    wrong.extend(
        strays.into_iter().filter(|n| n.starts_with(".sidecast")).map(|n| format!("a temporary file left: {n}")),
    );
    wrong
}

/// One case in a fresh folder; `Err` says what broke.
fn one_case(bin: &Path, rng: &mut TestRng, limit: Duration) -> Result<String, (String, Vec<String>, String)> {
    let dir = tempfile::tempdir().map_err(|e| (e.to_string(), vec![], String::new()))?;
    let d = dir.path();
    let joint = rng.random_range(0..4) == 0;
    let (name, original) = if joint { ("joint.toml", JOINT) } else { *pick(rng, &SCENARIOS) };
    let mutations = rng.random_range(0..4);
    let mut text = original.to_string();
    let mut sets = SETS.to_string();
    for _ in 0..mutations {
        let (kind, at, which) = (rng.random::<u8>(), rng.random::<u64>() as usize, rng.random::<u64>() as usize);
        if joint && rng.random_range(0..5) == 0 {
            sets = mutate_sets(&sets, at, which);
        } else {
            text = mutate(&text, kind, at, which);
        }
    }
    let _ = std::fs::write(d.join("s.toml"), &text);
    let _ = std::fs::write(d.join("sets.csv"), &sets);
    let _ = std::fs::write(d.join("history.csv"), "month,revenue,customers\n1,600,3\n2,1100,5\n3,1900,\n");
    let args = command_line(rng, "s.toml");
    let script = "ulimit -v 4000000 && exec \"$0\" \"$@\"";
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin)
        .args(args.iter().map(OsString::from))
        .env("NO_COLOR", "1")
        .current_dir(d)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| (e.to_string(), args.clone(), text.clone()))?;
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    let read = |pipe: Option<std::process::ChildStdout>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            if let Some(mut p) = pipe {
                let _ = std::io::Read::read_to_end(&mut p, &mut s);
            }
            s
        })
    };
    let out_reader = read(stdout);
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(mut p) = stderr {
            let _ = std::io::Read::read_to_end(&mut p, &mut s);
        }
        s
    });
    let code = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status.code();
        }
        if started.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let wrong = check_case(d, code, &stderr, &stdout, elapsed, limit);
    let label = format!("{name} {} exit {code:?}", args[0]);
    if wrong.is_empty() {
        Ok(label)
    } else {
        let mut what = wrong;
        what.push(format!("stderr:\n{stderr}"));
        Err((format!("{name}: {}", what.join("\n")), args, format!("{text}\n--- sets.csv ---\n{sets}")))
    }
}

#[test]
#[ignore = "the long hunt: run it by hand against a release build (see the module docs)"]
fn mutated_scenarios_and_flags_through_the_binary() {
    let number = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let bin = std::env::var_os("SIDECAST_FUZZ_BIN")
        .map_or_else(|| std::path::PathBuf::from(env!("CARGO_BIN_EXE_sidecast")), PathBuf::from);
    let seconds = number("SIDECAST_FUZZ_SECONDS", 60);
    let seed = number("SIDECAST_FUZZ_SEED", 25);
    let workers = number("SIDECAST_FUZZ_WORKERS", 2) as usize;
    let limit = Duration::from_secs(number("SIDECAST_FUZZ_CASE_SECONDS", 60));
    let findings = std::env::var_os("SIDECAST_FUZZ_FINDINGS")
        .map_or_else(|| std::env::temp_dir().join(format!("sidecast-fuzz-{}", std::process::id())), PathBuf::from);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let results: Vec<(usize, std::collections::BTreeMap<String, usize>, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (bin, findings) = (&bin, &findings);
                scope.spawn(move || {
                    let mut rng = TestRng::seed_from_u64(seed.wrapping_mul(1000).wrapping_add(w as u64));
                    let (mut runs, mut endings, mut found) = (0, std::collections::BTreeMap::new(), Vec::new());
                    while Instant::now() < deadline {
                        runs += 1;
                        match one_case(bin, &mut rng, limit) {
                            Ok(label) => {
                                *endings.entry(label.split(" exit ").nth(1).unwrap_or("").to_string()).or_insert(0) += 1
                            }
                            Err((what, args, text)) => {
                                let case = findings.join(format!("w{w}-{runs}"));
                                let _ = std::fs::create_dir_all(&case);
                                let _ = std::fs::write(case.join("scenario.toml"), &text);
                                let _ = std::fs::write(case.join("args.txt"), args.join("\n"));
                                let _ = std::fs::write(case.join("what.txt"), &what);
                                found.push(format!("{}: {args:?}\n{what}", case.display()));
                            }
                        }
                    }
                    (runs, endings, found)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let runs: usize = results.iter().map(|r| r.0).sum();
    let mut endings = std::collections::BTreeMap::new();
    for (_, e, _) in &results {
        for (k, v) in e {
            *endings.entry(k.clone()).or_insert(0) += v;
        }
    }
    let found: Vec<&String> = results.iter().flat_map(|r| &r.2).collect();
    eprintln!(
        "fuzz_cli: {runs} runs in {seconds} s on {workers} workers; endings {endings:?}; {} findings",
        found.len()
    );
    assert!(
        found.is_empty(),
        "{} findings (kept in {}):\n\n{}",
        found.len(),
        findings.display(),
        found.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n\n")
    );
}
