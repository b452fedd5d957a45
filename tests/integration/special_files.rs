//! Every output path of every command behaves as `--json` always did (issue 25 §2, §14):
//! a FIFO gets the bytes streamed into it and stays a FIFO, a device is written and stays a
//! device, a symlink is written through (its target replaced, the link kept), a dangling
//! symlink creates its target (a file, or for `--out` a folder) and stays a link; a
//! dangling symlink into a missing folder, a socket, or a FIFO or device given as a folder
//! is refused with exit 2 before any work, naming what the path is, and nothing is created.
//! The flags: `--json` and `--out` of run, compare, sweep, sensitivity, solve, calibrate and
//! fit retention; `init -o` and `schema -o`.

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::sidecast;

const SCENARIO: &str = "name = \"Special\"\ntrajectories = 40\nhorizon_months = 6\n[reseller]\ninitial_customers = { starter = 4 }\narrivals = 1\nchurn = { beta = [2, 18] }\n[reseller.tiers.starter]\nmarkup = 0.2\nspend = 100\n[effort]\nfixed_hours = 2\n";

/// Each command that writes a folder and a JSON copy, with its arguments before the paths.
fn commands(dir: &Path) -> Vec<(&'static str, Vec<String>)> {
    let scenario = dir.join("s.toml");
    std::fs::write(&scenario, SCENARIO).unwrap();
    let history = dir.join("history.csv");
    std::fs::write(&history, "month,customers\n1,5\n2,5\n3,6\n").unwrap();
    let (s, h) = (scenario.display().to_string(), history.display().to_string());
    let with = |args: &[&str]| -> Vec<String> {
        args.iter().map(|a| a.to_string()).chain(["-q", "--charts", "none"].map(str::to_string)).collect()
    };
    vec![
        ("run", with(&["run", &s])),
        ("compare", with(&["compare", &s, "--vary", "reseller.churn=0.1,0.2"])),
        ("sweep", with(&["sweep", &s, "--vary", "reseller.arrivals=1,2"])),
        ("sensitivity", with(&["sensitivity", &s])),
        ("solve", with(&["solve", &s, "--target", "gross_profit >= 500 in 6", "--vary", "reseller.arrivals=0.5..3"])),
        ("calibrate", with(&["calibrate", &s, "--actuals", &h, "--particles", "100", "--max-simulations", "5000"])),
        ("fit", ["fit", "retention", "--counts", "12,11,8", "--charts", "none"].map(str::to_string).to_vec()),
    ]
}

fn run(args: &[String], json: &Path, out: &Path) -> Output {
    sidecast().command().args(args).arg("--json").arg(json).arg("--out").arg(out).output().unwrap()
}

/// A FIFO at `path` and a thread that reads it whole.
fn fifo_with_reader(path: &Path) -> std::thread::JoinHandle<String> {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let mut text = String::new();
        std::fs::File::open(path).unwrap().read_to_string(&mut text).unwrap();
        text
    })
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn ok(what: &str, output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{what}: exit {:?}: {stderr}", output.status.code());
}

/// What a refused path must give: exit 2, the needle, no panic, nothing on stdout.
fn refused(what: &str, output: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{what}: {stderr}");
    assert!(stderr.contains(needle), "{what}: no {needle:?} in: {stderr}");
    assert!(!stderr.contains("panicked") && output.stdout.is_empty(), "{what}: {stderr}");
}

/// The paths that are written: a FIFO and a symlink to a folder; a symlink to a file and a
/// dangling symlink for the folder; a dangling symlink for the file; a device.
fn written(name: &str, args: &[String], dir: &Path) {
    let fifo = dir.join(format!("{name}.pipe"));
    let reader = fifo_with_reader(&fifo);
    let folder = dir.join(format!("{name}-folder"));
    std::fs::create_dir(&folder).unwrap();
    let folder_link = dir.join(format!("{name}-folder-link"));
    symlink(&folder, &folder_link).unwrap();
    ok(&format!("{name} --json FIFO --out symlink"), &run(args, &fifo, &folder_link));
    let received = reader.join().unwrap();
    assert!(received.starts_with('{') && received.trim_end().ends_with('}'), "{name}: the FIFO got {received:?}");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "{name}: the FIFO stays a FIFO");
    assert!(is_link(&folder_link), "{name}: the folder link is kept");
    assert!(std::fs::read_dir(&folder).unwrap().count() > 1, "{name}: the files went into the link's folder");

    let file = dir.join(format!("{name}-real.json"));
    std::fs::write(&file, "old").unwrap();
    let file_link = dir.join(format!("{name}-link.json"));
    symlink(&file, &file_link).unwrap();
    let new_folder = dir.join(format!("{name}-new-folder"));
    let dangling_folder = dir.join(format!("{name}-dangling-folder"));
    symlink(&new_folder, &dangling_folder).unwrap();
    ok(&format!("{name} --json symlink --out dangling symlink"), &run(args, &file_link, &dangling_folder));
    assert!(
        is_link(&file_link) && std::fs::read_to_string(&file).unwrap().starts_with('{'),
        "{name}: through the link"
    );
    assert!(is_link(&dangling_folder) && new_folder.is_dir(), "{name}: the folder is made at the link's target");

    let dangling_file = dir.join(format!("{name}-dangling.json"));
    let created = dir.join(format!("{name}-created.json"));
    symlink(&created, &dangling_file).unwrap();
    ok(&format!("{name} --json dangling symlink"), &run(args, &dangling_file, &dir.join(format!("{name}-out"))));
    assert!(is_link(&dangling_file), "{name}: the dangling link is kept");
    assert!(std::fs::read_to_string(&created).unwrap().starts_with('{'), "{name}: the link's target is written");

    ok(&format!("{name} --json /dev/null"), &run(args, Path::new("/dev/null"), &dir.join(format!("{name}-out2"))));
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}

/// The paths that are refused before any work, with what they are.
fn refusals(name: &str, args: &[String], dir: &Path) {
    let before: Vec<OsString> = list(dir);
    let out = dir.join(format!("{name}-never"));
    let into_missing = dir.join(format!("{name}-into-missing.json"));
    symlink(dir.join("missing-folder/x.json"), &into_missing).unwrap();
    let socket_path = dir.join(format!("{name}.sock"));
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    let fifo = dir.join(format!("{name}.fifo-out"));
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let cases: [(&Path, &Path, &str); 4] = [
        (&into_missing, &out, "symbolic link to"),
        (&socket_path, &out, "it is a socket"),
        (Path::new("-"), &fifo, "is a FIFO, not a folder"),
        (Path::new("-"), Path::new("/dev/null"), "is a device, not a folder"),
    ];
    for (json, folder, needle) in cases {
        let started = Instant::now();
        refused(
            &format!("{name} --json {} --out {}", json.display(), folder.display()),
            &run(args, json, folder),
            needle,
        );
        assert!(started.elapsed() < Duration::from_secs(20), "{name}: refused only after {:?}", started.elapsed());
    }
    assert!(!out.exists() && !dir.join("missing-folder").exists(), "{name}: a refusal created something");
    let mut after = list(dir);
    after.retain(|n| !before.contains(n));
    let expected: Vec<OsString> =
        [&into_missing, &socket_path, &fifo].iter().map(|p| p.file_name().unwrap().into()).collect();
    after.retain(|n| !expected.contains(n));
    assert!(after.is_empty(), "{name}: a refusal left {after:?}");
}

fn list(dir: &Path) -> Vec<OsString> {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name()).collect()
}

#[test]
fn every_output_flag_of_every_command_writes_through_special_files() {
    let dir = tempfile::tempdir().unwrap();
    let cases = commands(dir.path());
    std::thread::scope(|scope| {
        for (name, args) in &cases {
            let dir = dir.path();
            scope.spawn(move || written(name, args, dir));
        }
    });
}

#[test]
fn special_paths_that_cannot_take_an_output_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let cases = commands(dir.path());
    // One after the other: each checks that it created nothing in the shared folder.
    for (name, args) in &cases {
        refusals(name, args, dir.path());
    }
}

/// `init -o` and `schema -o` write as `--json` does; `init` replaces an existing file (or a
/// symlink's target) only with `--force`, and never turns a FIFO or a device into a file.
#[test]
fn init_and_schema_write_into_special_files_and_never_replace_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let commands: [(&str, Vec<&str>); 2] = [("init", vec!["init", "-y", "-o"]), ("schema", vec!["schema", "-o"])];
    for (name, args) in commands {
        let write = |path: &Path, extra: &[&str]| {
            sidecast().command().args(&args).arg(path).args(extra).current_dir(d).output().unwrap()
        };
        let fifo = d.join(format!("{name}.pipe"));
        let reader = fifo_with_reader(&fifo);
        ok(&format!("{name} -o FIFO"), &write(&fifo, &[]));
        assert!(reader.join().unwrap().len() > 100, "{name}: the FIFO's reader got the text");
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "{name}: the FIFO stays a FIFO");
        ok(
            &format!("{name} -o /dev/null"),
            &write(Path::new("/dev/null"), &["--force"][..usize::from(name == "init")]),
        );
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());

        let target = d.join(format!("{name}-target"));
        std::fs::write(&target, "mine").unwrap();
        let link = d.join(format!("{name}-link"));
        symlink(&target, &link).unwrap();
        if name == "init" {
            refused("init -o a symlink to a file", &write(&link, &[]), "--force");
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        }
        ok(&format!("{name} -o symlink"), &write(&link, &["--force"][..usize::from(name == "init")]));
        assert!(is_link(&link) && std::fs::read_to_string(&target).unwrap().len() > 100, "{name}: through the link");

        let created = d.join(format!("{name}-created"));
        let dangling = d.join(format!("{name}-dangling"));
        symlink(&created, &dangling).unwrap();
        ok(&format!("{name} -o dangling symlink"), &write(&dangling, &[]));
        assert!(is_link(&dangling) && created.is_file(), "{name}: the link's target is created, the link kept");

        let into_missing = d.join(format!("{name}-into-missing"));
        symlink(d.join("nowhere/x"), &into_missing).unwrap();
        refused(&format!("{name} -o into a missing folder"), &write(&into_missing, &[]), "symbolic link to");
        let socket = d.join(format!("{name}.sock"));
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        refused(&format!("{name} -o socket"), &write(&socket, &[]), "socket");
        refused(&format!("{name} -o folder"), &write(d, &[]), "folder");
        assert!(!d.join("nowhere").exists());
    }
}
