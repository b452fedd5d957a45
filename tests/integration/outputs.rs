//! Output that cannot be lost or mangled (issue 11 §3), for every command: a closed stdout
//! ends quietly with status 0 and a full one with a message and status 1; `--json` writes
//! into FIFOs and devices and through symlinks; a reused folder ends holding exactly what
//! the last run wrote; Ctrl-C or SIGTERM in any phase exits 130 leaving nothing behind.

use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::sidecast;

const SCENARIO: &str = "name = \"Outputs\"\ntrajectories = 40\nhorizon_months = 6\n[reseller]\ninitial_customers = { starter = 4 }\narrivals = 1\nchurn = { beta = [2, 18] }\n[reseller.tiers.starter]\nmarkup = 0.2\nspend = 100\n[effort]\nfixed_hours = 2\n";

/// A scenario in a fresh folder, and the folder.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, SCENARIO).unwrap();
    (dir, path)
}

/// Every command, writing into `out`, with `extra` appended.
fn commands(scenario: &Path, out: &Path) -> Vec<Vec<String>> {
    let (s, o) = (scenario.display().to_string(), out.display().to_string());
    let simulation = ["-q", "--charts", "none", "--out", &o].map(str::to_string);
    let with = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(simulation.iter().cloned()).collect()
    };
    vec![
        with(&["run", &s]),
        with(&["compare", &s, "--vary", "reseller.churn=0.1,0.2"]),
        with(&["sweep", &s, "--vary", "reseller.arrivals=1,2"]),
        with(&["sensitivity", &s]),
        ["fit", "retention", "--counts", "12,11,8", "--charts", "none", "--out", &o].map(str::to_string).to_vec(),
        with(&["solve", &s, "--target", "gross_profit >= 500 in 6", "--vary", "reseller.arrivals=0.5..3"]),
        with(&["calibrate", &s, "--actuals", &history(scenario), "--particles", "100", "--max-simulations", "5000"]),
    ]
}

/// A short history beside the scenario, for `calibrate`.
fn history(scenario: &Path) -> String {
    let path = scenario.with_file_name("history.csv");
    std::fs::write(&path, "month,customers\n1,5\n2,5\n3,6\n").unwrap();
    path.display().to_string()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_closed_stdout_ends_quietly_and_a_full_one_says_so() {
    let (dir, scenario) = setup();
    for args in commands(&scenario, &dir.path().join("out")) {
        for json in [false, true] {
            let mut args = args.clone();
            if json {
                args.extend(["--json".into(), "-".into()]);
            }
            let mut child =
                sidecast().args(&args).command().stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
            drop(child.stdout.take()); // the reader is gone before anything is written
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(0), "{args:?} into a closed pipe: {stderr}");
            assert!(stderr.is_empty(), "{args:?}: a closed pipe is not an error: {stderr}");
            let full = std::fs::File::create("/dev/full").unwrap();
            let output = sidecast().args(&args).command().stdout(full).output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{args:?} into /dev/full: {stderr}");
            assert!(stderr.contains("cannot write to standard output") && !stderr.contains("panicked"), "{stderr}");
        }
    }
}

#[test]
fn json_goes_into_fifos_devices_and_through_symlinks() {
    let (dir, scenario) = setup();
    let out = dir.path().join("out");
    let run = |json: &Path| {
        let args = ["run".as_ref(), scenario.as_os_str(), "-q".as_ref(), "--charts".as_ref(), "none".as_ref()];
        sidecast().args(args).arg("--out").arg(&out).arg("--json").arg(json).output()
    };
    // A FIFO: its reader gets the JSON.
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(fifo).unwrap().read_to_string(&mut text).unwrap();
            text
        })
    };
    let output = run(&fifo);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let received = reader.join().unwrap();
    assert!(received.starts_with('{') && received.contains("\"scenario\": \"Outputs\""), "{received}");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO stays a FIFO");
    // A character device is written, not replaced.
    assert!(run(Path::new("/dev/null")).status.success());
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // A symlink: the target is replaced, the link kept.
    let target = dir.path().join("real.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(run(&link).status.success());
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("\"scenario\""));
    // Process substitution, as `--json >(cat)` passes it: /dev/fd/N.
    sidecast()
        .through("\"$0\" \"$@\" --json >(cat > \"$SUBSTITUTED\"); wait")
        .args(["run".as_ref(), scenario.as_os_str(), "-q".as_ref(), "--charts".as_ref(), "none".as_ref()])
        .arg("--out")
        .arg(&out)
        .env("SUBSTITUTED", dir.path().join("substituted.json"))
        .stdout();
    std::thread::sleep(Duration::from_millis(200));
    assert!(std::fs::read_to_string(dir.path().join("substituted.json")).unwrap_or_default().contains("\"scenario\""));
}

#[test]
fn a_reused_folder_holds_exactly_what_the_last_run_wrote() {
    let (dir, scenario) = setup();
    let out = dir.path().join("sweep");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let sweep = |extra: &[&str]| {
        sidecast()
            .args(["sweep".as_ref(), scenario.as_os_str(), "-q".as_ref(), "--out".as_ref(), out.as_os_str()])
            .args(extra)
            .stdout();
    };
    sweep(&["--vary", "reseller.arrivals=1,2"]);
    assert!(names(&out).contains(&"sweep.png".to_string()));
    sweep(&["--vary", "reseller.arrivals=1,2", "--vary", "reseller.churn=0.1,0.2"]);
    assert_eq!(
        names(&out),
        [".sidecast-outputs", "heatmap.png", "notes.txt", "report.html", "sweep.csv", "sweep.json"]
    );
}

/// Starts a run big enough to be stopped, signals it after `delay`, checks the end and
/// says whether the run was stopped (rather than finished first).
fn interrupted(signal: &str, delay: Duration, charts: &str) -> bool {
    let (dir, scenario) = setup();
    let out = dir.path().join("out");
    let child = sidecast()
        .args(["run".as_ref(), scenario.as_os_str(), "-q".as_ref(), "-n".as_ref(), "400000".as_ref()])
        .args(["--months", "24", "--charts", charts, "--scale", "2", "--out"])
        .arg(&out)
        .command()
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status();
    let started = Instant::now();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(started.elapsed() < Duration::from_secs(10), "{signal} took {:?} to stop the run", started.elapsed());
    let stopped = match output.status.code() {
        Some(130) => {
            assert!(stderr.contains("stopped"), "{stderr}");
            assert!(!out.exists(), "{signal} after {delay:?} left {:?}", names(&out));
            true
        }
        Some(0) => false, // finished before the signal
        other => panic!("{signal} after {delay:?}: exit {other:?}: {stderr}"),
    };
    let stray: Vec<String> = names(dir.path()).into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
    stopped
}

#[test]
fn ctrl_c_or_sigterm_in_any_phase_leaves_nothing_and_exits_130() {
    for (signal, delay) in [("INT", 300), ("TERM", 300), ("HUP", 300)] {
        assert!(interrupted(signal, Duration::from_millis(delay), "both"), "{signal} did not stop the run");
    }
    // Later, in the summaries or while charts are drawn: whichever phase it meets.
    for (signal, delay) in [("TERM", 1500), ("INT", 3000), ("TERM", 5000)] {
        interrupted(signal, Duration::from_millis(delay), "both");
    }
}

#[test]
fn paths_are_checked_before_the_run() {
    let (dir, scenario) = setup();
    std::fs::write(dir.path().join("taken"), "x").unwrap();
    for (flag, value, message) in [
        ("--out", "taken", "is a file, not a folder"),
        ("--out", "taken/below", "is a file, not a folder"),
        ("--json", "missing/x.json", "does not exist"),
        ("--json", ".", "it is a folder"),
    ] {
        let started = Instant::now();
        let stderr = sidecast()
            .args(["run".as_ref(), scenario.as_os_str(), "-q".as_ref(), "-n".as_ref(), "400000".as_ref()])
            .args([flag, value])
            .current_dir(dir.path())
            .refused();
        assert!(stderr.contains(message), "{flag} {value}: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(5), "{flag} {value} was checked after the simulation");
    }
    assert_eq!(names(dir.path()), ["s.toml", "taken"]);
}
