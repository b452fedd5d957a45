//! The man pages: one for the program and one per command, each with EXIT STATUS (the codes
//! `main` exits with), ENVIRONMENT (every variable the code reads), FILES and EXAMPLES;
//! `sidecast man --out DIR` writes them all into a folder, where `man` finds them by name
//! (`man sidecast-run`); a bad page name or a file for `--out` is refused before anything
//! is written.

use std::path::Path;
use std::process::Command;

use crate::common::{describe, sidecast, text};

/// Every command's page name, as `sidecast man --help` lists them.
const PAGES: [&str; 15] = [
    "run",
    "compare",
    "sweep",
    "sensitivity",
    "solve",
    "calibrate",
    "fit",
    "fit-retention",
    "import",
    "init",
    "serve",
    "check",
    "schema",
    "completions",
    "man",
];

/// The text of one section of a roff page (up to the next `.SH`).
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let start = page.find(&format!(".SH {name}\n")).unwrap_or_else(|| panic!("no {name} section:\n{page}"));
    let rest = &page[start + 1..];
    &rest[..rest.find("\n.SH ").unwrap_or(rest.len())]
}

/// Environment variables the production code reads by name (`env::var("X")`,
/// `var_os("X")`); test modules (`tests/` folders, `tests.rs`, `#[cfg(test)]`) aside.
fn variables_read(folder: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "tests" {
                variables_read(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && name != "tests.rs" {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for call in ["var(\"", "var_os(\""] {
                for piece in code.split(call).skip(1) {
                    found.extend(piece.split('"').next().map(str::to_string));
                }
            }
        }
    }
}

#[test]
fn every_page_says_exit_status_environment_files_and_examples() {
    let main = sidecast().arg("man").stdout();
    assert!(main.contains(".TH sidecast 1"), "{main}");
    let status = section(&main, "\"EXIT STATUS\"");
    for code in ["0", "1", "2", "130"] {
        assert!(status.contains(&format!(".TP\n\\fB{code}\\fR")), "exit status {code}:\n{status}");
    }
    let environment = section(&main, "ENVIRONMENT");
    let mut read = vec!["NO_COLOR".to_string(), "CLICOLOR_FORCE".into(), "CLICOLOR".into(), "RAYON_NUM_THREADS".into()];
    variables_read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut read);
    for variable in read {
        assert!(environment.contains(&variable), "{variable} is read but not in ENVIRONMENT:\n{environment}");
    }
    assert!(section(&main, "FILES").contains("output/SCENARIO/"));
    assert!(section(&main, "EXAMPLES").contains("sidecast man \\-\\-out"), "{}", section(&main, "EXAMPLES"));
    for page in PAGES {
        let text = sidecast().args(["man", page]).stdout();
        assert!(text.contains(&format!(".TH sidecast-{page} 1")), "{page}");
        for name in ["\"EXIT STATUS\"", "ENVIRONMENT", "EXAMPLES", "VERSION"] {
            section(&text, name);
        }
        assert!(section(&text, "EXAMPLES").contains("sidecast"), "{page}");
    }
    assert!(section(&sidecast().args(["man", "run"]).stdout(), "FILES").contains("summary.json"));
}

#[test]
fn man_out_writes_every_page_where_man_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("share/man/man1");
    let said = sidecast().args(["man", "--out"]).arg(&folder).stdout();
    assert!(said.contains(&format!("Wrote {} man page(s)", PAGES.len() + 1)), "{said}");
    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> =
        std::iter::once("sidecast.1".to_string()).chain(PAGES.iter().map(|p| format!("sidecast-{p}.1"))).collect();
    expected.sort();
    assert_eq!(names, expected);
    // Each file is the page `sidecast man COMMAND` prints.
    assert_eq!(
        std::fs::read_to_string(folder.join("sidecast-fit-retention.1")).unwrap(),
        sidecast().args(["man", "fit-retention"]).stdout()
    );
    // One page alone, into an existing folder, leaves the others.
    let one = dir.path().join("one");
    std::fs::create_dir(&one).unwrap();
    std::fs::write(one.join("other.1"), "mine").unwrap();
    sidecast().args(["man", "run", "--out"]).arg(&one).stdout();
    assert!(one.join("sidecast-run.1").is_file() && one.join("other.1").is_file());
    // `man` (when installed) finds and formats a page by its name.
    if Command::new("man").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let output = Command::new("man")
            .args(["--pager=cat", "sidecast-run"])
            .env("MANPATH", dir.path().join("share/man"))
            .env("MANWIDTH", "100")
            .output()
            .unwrap();
        assert!(output.status.success(), "man sidecast-run:\n{}", describe(&output));
        let page = text(&output.stdout);
        assert!(page.contains("EXIT STATUS") && page.contains("RAYON_NUM_THREADS"), "{page}");
    }
}

#[test]
fn bad_pages_and_folders_are_refused_before_writing() {
    let refusal = sidecast().args(["man", "nope"]).refused();
    assert!(refusal.contains("fit-retention"), "{refusal}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("taken"), "a file").unwrap();
    let refusal = sidecast().args(["man", "--out"]).arg(dir.path().join("taken")).refused();
    assert!(refusal.contains("--out") && refusal.contains("not a folder"), "{refusal}");
}
