//! The bad-input corpus: every file of `tests/corpus/` (a scenario with one thing wrong,
//! its first line `# expect: needle | needle ...`, an optional second line `# args: ...`),
//! a few generated inputs too large to keep as files, and a table of bad flags. Each case
//! must exit with status 2 within a few seconds under a 4 GB address-space limit, name the
//! problem (every needle in stderr), print nothing on stdout, panic nowhere and write
//! nothing (its output folder must not exist afterwards).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::sidecast;

/// Longest a case may take (a debug binary on a busy 2-core machine; they take ~0.1 s).
const TIMEOUT: Duration = Duration::from_secs(20);
/// Address space a case may use, in KB (`ulimit -v`).
const MEMORY_KB: u64 = 4_000_000;

struct Case {
    name: String,
    args: Vec<OsString>,
    expect: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Runs one case; `Err` says what went wrong.
fn check(case: &Case, scratch: &Path) -> Result<Duration, String> {
    let out = scratch.join("out");
    let mut args = case.args.clone();
    let takes_out = !["init", "schema", "check"].iter().any(|c| args.first().is_some_and(|a| a == c));
    if takes_out && !args.iter().any(|a| a == "--out") {
        args.extend(["--out".into(), out.clone().into_os_string()]);
    }
    let start = Instant::now();
    let mut child = sidecast()
        .through(&format!("ulimit -v {MEMORY_KB} && exec \"$0\" \"$@\""))
        .args(&args)
        .current_dir(scratch)
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            return Err(format!("took more than {TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut wrong = Vec::new();
    if output.status.code() != Some(2) {
        wrong.push(format!("exit status {:?}, expected 2", output.status.code()));
    }
    for needle in &case.expect {
        if !stderr.contains(needle.as_str()) {
            wrong.push(format!("no {needle:?} in the message"));
        }
    }
    if stderr.contains("panicked") {
        wrong.push("it panicked".into());
    }
    if !output.stdout.is_empty() {
        wrong.push(format!("stdout: {}", String::from_utf8_lossy(&output.stdout)));
    }
    if out.exists() {
        wrong.push("the output folder was created".into());
    }
    let leftovers: Vec<_> = std::fs::read_dir(scratch)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".sidecast"))
        .collect();
    if !leftovers.is_empty() {
        wrong.push(format!("left {leftovers:?} behind"));
    }
    if wrong.is_empty() { Ok(elapsed) } else { Err(format!("{}\nstderr:\n{stderr}", wrong.join("; "))) }
}

/// The corpus files, each run with `sidecast run FILE` and its `# args:`.
fn file_cases() -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut lines = text.lines();
            let expect = lines.next().and_then(|l| l.strip_prefix("# expect:")).unwrap_or_else(|| {
                panic!("{} must start with `# expect: needle | needle`", path.display());
            });
            let mut args: Vec<OsString> = vec!["run".into(), path.clone().into_os_string(), "-q".into()];
            if let Some(extra) = lines.next().and_then(|l| l.strip_prefix("# args:")) {
                args.extend(extra.split_whitespace().map(OsString::from));
            }
            Case {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                args,
                expect: expect.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            }
        })
        .collect()
}

/// Inputs too large (or too odd) to keep in the repository, made in `dir`.
fn generated_cases(dir: &Path) -> Vec<Case> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.into_os_string()
    };
    let mut tiers = String::from("[reseller]\narrivals = 1\n");
    for i in 0..10_000 {
        tiers.push_str(&format!("[reseller.tiers.t{i}]\nmarkup = 0.1\nspend = 100\n"));
    }
    let mut huge = b"# padding\n".repeat(1_200_000);
    huge.extend_from_slice(b"[reseller]\n");
    std::os::unix::fs::symlink(dir.join("no-such-folder/x.json"), dir.join("dangling.json")).unwrap();
    std::os::unix::fs::symlink(dir.join("no-such-folder/x.toml"), dir.join("dangling.toml")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(dir.join("fifo")).status().unwrap().success());
    let reseller = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reseller.toml").into_os_string();
    let cases: Vec<(&str, Vec<OsString>, &str)> = vec![
        (
            "--json a dangling symlink into a missing folder",
            vec!["run".into(), reseller.clone(), "--json".into(), dir.join("dangling.json").into_os_string()],
            "symbolic link to | does not exist",
        ),
        (
            "--out a FIFO",
            vec!["run".into(), reseller.clone(), "--out".into(), dir.join("fifo").into_os_string()],
            "is a FIFO, not a folder",
        ),
        (
            "--out a device",
            vec!["run".into(), reseller.clone(), "--out".into(), "/dev/null".into()],
            "is a device, not a folder",
        ),
        (
            "schema -o a dangling symlink into a missing folder",
            vec!["schema".into(), "-o".into(), dir.join("dangling.toml").into_os_string()],
            "symbolic link to",
        ),
        ("10,000 tiers", vec!["run".into(), write("tiers.toml", tiers.as_bytes())], "10000 tiers | at most 100"),
        ("an 11 MB file", vec!["run".into(), write("huge.toml", &huge)], "larger than 10 MB"),
        ("not UTF-8", vec!["run".into(), write("latin1.toml", b"name = \"caf\xe9\"\n")], "line 1 is not UTF-8"),
        ("/dev/zero", vec!["run".into(), "/dev/zero".into()], "/dev/zero | larger than 10 MB"),
        ("a folder", vec!["run".into(), dir.as_os_str().to_owned()], "cannot read scenario file"),
        ("a missing file", vec!["run".into(), dir.join("missing.toml").into_os_string()], "missing.toml"),
        ("binary junk", vec!["run".into(), write("junk.toml", &[0u8, 159, 146, 150, 1, 2])], "not UTF-8"),
    ];
    cases
        .into_iter()
        .map(|(name, mut args, expect)| {
            if args[0] == "run" {
                args.push("-q".into());
            }
            Case { name: name.into(), args, expect: expect.split(" | ").map(str::to_string).collect() }
        })
        .collect()
}

/// Bad options, each with a shipped scenario.
fn flag_cases(dir: &Path) -> Vec<Case> {
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let reseller = scenarios.join("reseller.toml").to_string_lossy().into_owned();
    let history = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let split = history("split.csv", "month,revenue,cogs\n1,1,200,544\n");
    let quoted = history("quoted.csv", "month,revenue\n1,\"1,20\"\n2,\"1,180.50\"\n");
    let nan = history("nan.csv", "month,revenue\n1,nan\n");
    let big = history("big.csv", &format!("month,revenue\n1,1{}\n", "0".repeat(400)));
    let cohorts = history("cohorts.csv", "start,age0,age1\n2026-01,1,200,150\n");
    let calibrate_history = history("calibrate.csv", "month,revenue\n1,600\n2,1200\n");
    let priors = scenarios.join("reseller-calibrate.toml").to_string_lossy().into_owned();
    std::fs::write(dir.join("taken"), "a file").unwrap();
    let taken = dir.join("taken").to_string_lossy().into_owned();
    let r = reseller.as_str();
    let portfolio = scenarios.join("portfolio.toml").to_string_lossy().into_owned();
    let table: Vec<(Vec<&str>, &str)> = vec![
        (vec!["run", r, "-n", "0"], "--trajectories 0 | from 1 to"),
        (vec!["run", r, "-n", "-5"], "-5"),
        (vec!["run", r, "--seed", "-1"], "-1"),
        (vec!["run", r, "--seed=-1"], "--seed -1 | at least 0"),
        (vec!["run", r, "--months", "0"], "--months 0 | from 1 to 600"),
        (vec!["run", r, "--months", "601"], "--months 601"),
        (vec!["run", r, "--start-month", "0"], "--start-month 0"),
        (vec!["run", r, "--threads", "0"], "--threads 0"),
        (vec!["run", r, "--threads", "100000"], "--threads 100000 | 1 to 256"),
        (vec!["run", r, "--percentiles", "150"], "--percentiles 150"),
        (vec!["run", r, "--percentiles", "nan"], "--percentiles nan"),
        (vec!["run", r, "--percentiles", "x"], "--percentiles x"),
        (vec!["run", r, "--scale", "nan"], "--scale"),
        (vec!["run", r, "--scale", "100"], "--scale"),
        (vec!["run", r, "--size", "10x10"], "--size"),
        (vec!["run", r, "--size", "1e9x1"], "--size"),
        (vec!["run", r, "--precision", "nan"], "--precision"),
        (vec!["run", r, "--precision", "150%"], "--precision"),
        (vec!["run", r, "--set", "reseller.churn"], "bad --set | KEY=VALUE"),
        (vec!["run", r, "--set", "reseller..churn=1"], "bad --set | empty part"),
        (vec!["run", r, "--set", "reseller.churn=2"], "reseller.churn | from --set reseller.churn=2"),
        (vec!["run", r, "--set", "reseller.chrun=0.2"], "did you mean `churn` | from --set reseller.chrun=0.2"),
        (vec!["run", r, "--set", "reseller.referral_rate=1.5"], "would not end | referral_rate 1.5"),
        (vec!["run", r, "--set", "reseller.churn={ sbg = [nan, 1] }"], "`sbg` needs finite numbers"),
        (vec!["run", r, "--set", "name.first=1"], "not a table"),
        (vec!["run", r, "--json", "nodir/x.json"], "nodir | does not exist"),
        (vec!["run", r, "--json", "."], "it is a folder"),
        (vec!["run", r, "--out", &taken], "is a file, not a folder"),
        (vec!["run", r, "--out", "taken/below"], "is a file, not a folder"),
        (vec!["run", r, "--out", "/proc/sidecast-out"], "cannot create files in /proc"),
        (vec!["run", r, "--json", "/proc/sidecast.json"], "cannot create files in /proc"),
        (vec!["run", r, "--max-population", "0"], "--max-population"),
        (vec!["run", r, "--max-memory", "lots"], "--max-memory"),
        (vec!["run", r, "--max-time=-1"], "--max-time"),
        (vec!["run", r, "--max-time", "0s"], "--max-time"),
        (vec!["run", r, "--max-population", "10"], "would not end | --max-population"),
        (vec!["run", r, "--months", "600", "-n", "100000000"], "would take about | --max-time"),
        (vec!["run", r, "--actuals", "missing.csv"], "missing.csv"),
        (vec!["run", r, "--actuals", &split], "`1,200` looks like one number | write 1200"),
        (vec!["run", r, "--actuals", &quoted], "decimal points (`1,180.50`) | decimal commas (`1,20`)"),
        (vec!["run", r, "--actuals", &nan], "`nan` is not a number"),
        (vec!["run", r, "--actuals", &big], "is larger than 1e12"),
        (vec!["compare", r, "--vary", "reseller.churn=0.1,2"], "from --vary reseller.churn=2"),
        (vec!["compare", r, "--vary", "reseller.tiers.startr.markup=0.1,0.2"], "did you mean `starter`"),
        (
            vec!["compare", r, "--metric", "profit", "--vary", "reseller.churn=0.1,0.2"],
            "--metric | 'profit' | net_profit",
        ),
        (vec!["compare", r, "--vary", "reseller.churn=0.1,0.2", "-n", "2000000000"], "--max-memory"),
        (vec!["sweep", r, "--vary", "reseller.churn=0.1,0.2", "--target-prob", "inf"], "--target-prob"),
        (vec!["sweep", r, "--vary", "reseller.churn=0.1,0.2", "--target-prob", "nan"], "--target-prob"),
        (vec!["sweep", r, "--vary", "reseller.churn=0.1,0.2", "--month", "999"], "--month 999"),
        (vec!["sweep", r, "--vary", "reseller.churn=0.1..0.2:100000"], "between 2 and"),
        (vec!["sweep", r, "--vary", "reseller.arrivals=1e7,2e7"], "would not end"),
        (vec!["sensitivity", r, "--vary", "reseller.churn=0.1"], "needs a numeric low and high"),
        (vec!["run", r, "--waterfall-month", "99999"], "--waterfall-month 99999"),
        (
            vec!["run", &portfolio, "--set", "affiliate.content.signups_per_piece=1e8"],
            "would not end | affiliate.content",
        ),
        (vec!["run", &portfolio, "--set", "costs.tax_rate=nan"], "costs.tax_rate"),
        (vec!["run", &portfolio, "--set", "costs.monthly.hosting=1e12"], "costs.monthly.hosting | from 0 to 1e9"),
        (vec!["run", &portfolio, "--set", "affiliate.content.hours_per_piece=1000"], "hours_per_piece | 744"),
        (
            vec!["solve", r, "--target", "gross_profit >= 2500 in 30", "--vary", "reseller.arrivals=0.5..1e7"],
            "would not end",
        ),
        (vec!["solve", r, "--target", "gross_profit >= inf in 30", "--vary", "reseller.arrivals=0.5..3"], "--target"),
        (
            vec!["solve", r, "--target", "gross_profit >= 2500 in 30", "--vary", "reseller.arrivals=0.5..1e308"],
            "1e+308 is out of range",
        ),
        (vec!["fit", "retention", "--counts", "0,0"], "--counts | 0 customers"),
        (vec!["fit", "retention", "--counts", "1,2,3"], "--counts | can only fall"),
        (vec!["fit", "retention", "--counts", "9999999999999999,1"], "--counts | from 0 to 1e15"),
        (vec!["fit", "retention", "--survival", "100,nan"], "--survival | NaN"),
        (vec!["fit", "retention", "--survival", "100,90", "--cohort-size", "nan"], "cohort size NaN"),
        (vec!["fit", "retention", "--survival", "100,90", "--cohort-size", "1e300"], "at most 1e15"),
        (vec!["fit", "retention", "--counts", "12,11,8", "--months", "100000000"], "--months 100000000"),
        (vec!["fit", "retention", "--counts", "12,11,8", "--months", "0"], "--months 0"),
        (vec!["fit", "retention", "--cohorts", "missing.csv"], "missing.csv"),
        (vec!["fit", "retention", "--cohorts", &cohorts], "cohorts.csv | Write 1200"),
        (vec!["fit", "retention", "--counts", "12,11,8", "--json", "nodir/fit.json"], "does not exist"),
        (vec!["init", "-y", "-o", "x.toml", "--hours", "1e308"], "--hours | 0 to 744"),
        (vec!["init", "-y", "-o", "x.toml", "--goal", "1e308"], "--goal"),
        (vec!["init", "-y", "-o", "x.toml", "--tier", "a=15%,1e308"], "--tier | 0 to 1e9"),
        (vec!["init", "-y", "-o", "x.toml", "--plan", "p=1e308"], "--plan"),
        (vec!["init", "-y", "-o", "x.toml", "--signups", "1e308"], "--signups"),
        (vec!["init", "-y", "-o", "x.toml", "--tier", "a=1,1", "--tier", "a=2,2"], "--tier | `a` is given twice"),
        (vec!["init", "-y", "-o", "x.toml", "--plan", "p=1", "--plan", "p=2"], "--plan | `p` is given twice"),
        (vec!["init", "-y", "-o", "x.toml", "--churn", "1%..99%"], "--churn"),
        (vec!["init", "-y", "-o", "."], "--output | folder"),
        (vec!["schema", "-o", "."], "it is a folder"),
        (vec!["schema", "-o", "nodir/schema.json"], "does not exist"),
        (vec!["run", r, "--set", "costs.one_off.0.amount=5"], "costs.one_off | not in the file | [0]"),
        (vec!["run", r, "--set", "effort.setup_hours[0]=900"], "effort.setup_hours"),
        (
            vec!["calibrate", &priors, "--actuals", &calibrate_history, "--max-population", "10"],
            "would not end | --max-population",
        ),
        (
            vec!["calibrate", &priors, "--actuals", &calibrate_history, "--max-time", "1s"],
            "--max-simulations | --max-time",
        ),
    ];
    table
        .into_iter()
        .map(|(args, expect)| {
            let mut args: Vec<OsString> = args.into_iter().map(OsString::from).collect();
            if !["fit", "init", "schema"].iter().any(|c| args[0] == *c) {
                args.push("-q".into());
                if !args.iter().any(|a| a == "-n") {
                    args.extend(["-n".into(), "20".into()]);
                }
            }
            Case {
                name: args.iter().map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>().join(" "),
                args,
                expect: expect.split(" | ").map(str::to_string).collect(),
            }
        })
        .collect()
}

#[test]
fn every_bad_input_is_refused_quickly_clearly_and_without_writing() {
    let shared = tempfile::tempdir().unwrap();
    let files = file_cases();
    assert!(files.len() >= 150, "the corpus holds {} files", files.len());
    let mut cases = files;
    cases.extend(generated_cases(shared.path()));
    cases.extend(flag_cases(shared.path()));
    let workers = 4;
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<&[Case]> = cases.chunks(cases.len().div_ceil(workers)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let shared = shared.path();
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for case in chunk {
                        let scratch = tempfile::tempdir_in(shared).unwrap();
                        for file in ["missing.csv", "taken"] {
                            let _ = std::fs::copy(shared.join(file), scratch.path().join(file));
                        }
                        if let Err(e) = check(case, scratch.path()) {
                            failed.push(format!("{}: {e}", case.name));
                        }
                    }
                    failed
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
