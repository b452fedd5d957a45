//! Shell completions as a user gets them, in the real shells: the script `sidecast
//! completions SHELL` prints is loaded into bash, zsh, fish and elvish, a command line is
//! completed, and what the shell offers is checked: the scenario file after `sidecast run `
//! (not the flags), folders for `--out`, nothing for a number, metric names for
//! `--metric`, command names for `man`, flags still after a file in `compare`. bash is
//! driven through its completion function (`COMP_WORDS`, `COMP_CWORD`, `COMPREPLY`), fish
//! through `complete -C`, elvish by calling its argument completer, zsh through a pseudo
//! terminal (zpty). A shell that is not installed is skipped with a message, except in CI
//! (`CI=true`), where `.ci/run` installs them and a missing one fails.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{describe, sidecast, text};

/// A folder as a user's project: a scenario, a history and a subfolder.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.toml"), "").unwrap();
    std::fs::write(dir.path().join("history.csv"), "").unwrap();
    std::fs::create_dir(dir.path().join("outputs")).unwrap();
    dir
}

/// The script for `shell`, saved in `dir`.
fn script(shell: &str, dir: &Path) -> std::path::PathBuf {
    let path = dir.join(format!("sidecast.{shell}"));
    std::fs::write(&path, sidecast().args(["completions", shell]).stdout()).unwrap();
    path
}

/// Whether `shell` can run here; a missing one fails in CI.
fn installed(shell: &str) -> bool {
    let found = Command::new(shell).arg("-c").arg("exit 0").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{shell} is not installed (.ci/run installs it)");
        eprintln!("{shell} is not installed: its completions were not tried");
    }
    found
}

/// Runs `shell -c LINE` in `dir`, expecting success; returns stdout.
fn shell(shell: &str, dir: &Path, line: &str) -> String {
    let output = Command::new(shell).arg("-c").arg(line).current_dir(dir).output().unwrap();
    assert!(output.status.success(), "{shell} -c {line}\n{}", describe(&output));
    text(&output.stdout)
}

/// What each line offers, completed at its end: the candidates, one per line of `offers`.
struct Case {
    line: &'static str,
    offers: &'static [&'static str],
    not: &'static [&'static str],
}

const CASES: [Case; 14] = [
    Case { line: "sidecast ", offers: &["run", "compare", "man", "completions"], not: &["plan.toml", "--color"] },
    Case { line: "sidecast run ", offers: &["plan.toml", "history.csv", "outputs/"], not: &["--out", "--seed"] },
    Case { line: "sidecast run --out ", offers: &["outputs/"], not: &["plan.toml"] },
    Case { line: "sidecast run -n ", offers: &[], not: &["plan.toml", "outputs/", "--out"] },
    Case { line: "sidecast run --seed ", offers: &[], not: &["plan.toml", "--out"] },
    Case { line: "sidecast run --actuals ", offers: &["history.csv"], not: &["--out"] },
    Case { line: "sidecast run --ch", offers: &["--charts"], not: &["--out"] },
    Case {
        line: "sidecast sweep plan.toml --metric cumulative_",
        offers: &["cumulative_net_profit"],
        not: &["plan.toml"],
    },
    Case { line: "sidecast man fit", offers: &["fit", "fit-retention"], not: &["plan.toml"] },
    Case { line: "sidecast compare plan.toml --me", offers: &["--metric"], not: &[] },
    Case { line: "sidecast --color never run ", offers: &["plan.toml"], not: &["--out"] },
    Case { line: "sidecast fit retention --cohorts ", offers: &["history.csv"], not: &["--out"] },
    Case { line: "sidecast import ", offers: &["stripe", "commissions", "paypal"], not: &["plan.toml"] },
    Case { line: "sidecast import stripe a.csv ", offers: &["history.csv", "plan.toml"], not: &["stripe", "--out"] },
];

fn check(shell: &str, case: &Case, offered: &[String]) {
    let has = |w: &str| offered.iter().any(|o| o.trim_end() == w || o.trim_end_matches('/') == w.trim_end_matches('/'));
    for expected in case.offers {
        assert!(has(expected), "{shell}: `{}` should offer {expected}; it offered {offered:?}", case.line);
    }
    for unexpected in case.not {
        assert!(!has(unexpected), "{shell}: `{}` should not offer {unexpected}; it offered {offered:?}", case.line);
    }
    if case.offers.is_empty() {
        assert!(offered.iter().all(|o| o.trim().is_empty()), "{shell}: `{}` offered {offered:?}", case.line);
    }
}

#[test]
fn bash_completes_what_each_argument_takes() {
    if !installed("bash") {
        return;
    }
    let dir = project();
    let script = script("bash", dir.path());
    for case in &CASES {
        // bash splits the line at spaces and at `=`; the word being completed is the last.
        let mut words: Vec<String> = case.line.split(' ').map(str::to_string).collect();
        if words.last().is_some_and(|w| w.contains('=') && w.starts_with("--")) {
            let word = words.pop().unwrap_or_default();
            let (flag, value) = word.split_once('=').unwrap_or_default();
            words.extend([flag.to_string(), "=".into(), value.to_string()]);
        }
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let line = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMPREPLY=(); _sidecast; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words.len() - 1
        );
        let offered: Vec<String> = shell("bash", dir.path(), &line)
            .lines()
            .map(|l| {
                // bash shows a folder with its slash (`compopt -o filenames`); compgen gives it bare.
                if dir.path().join(l).is_dir() && !l.is_empty() { format!("{l}/") } else { l.to_string() }
            })
            .collect();
        check("bash", case, &offered);
    }
    let offered = shell(
        "bash",
        dir.path(),
        &format!(
            "source '{}'; COMP_WORDS=(sidecast run --trajectories = ''); COMP_CWORD=4; _sidecast; echo \"${{#COMPREPLY[@]}}\"",
            script.display()
        ),
    );
    assert_eq!(offered.trim(), "0", "`--trajectories=` offers nothing");
}

#[test]
fn fish_completes_what_each_argument_takes() {
    if !installed("fish") {
        return;
    }
    let dir = project();
    let script = script("fish", dir.path());
    for case in &CASES {
        let out = shell("fish", dir.path(), &format!("source '{}'; complete -C '{}'", script.display(), case.line));
        // `complete -C` prints the candidate, a tab and its description.
        let offered: Vec<String> = out.lines().map(|l| l.split('\t').next().unwrap_or_default().to_string()).collect();
        check("fish", case, &offered);
    }
}

#[test]
fn elvish_completes_what_each_argument_takes() {
    if !installed("elvish") {
        return;
    }
    let dir = project();
    // The completer is installed into the line editor, which exists only interactively;
    // the same function is called here by name.
    let completer = sidecast().args(["completions", "elvish"]).stdout().replacen(
        "set edit:completion:arg-completer[sidecast] = ",
        "var completer = ",
        1,
    );
    assert!(completer.contains("var completer = "), "the script sets edit:completion:arg-completer[sidecast]");
    for case in &CASES {
        let words: Vec<String> = case.line.split(' ').map(|w| format!("'{w}'")).collect();
        let out = shell("elvish", dir.path(), &format!("{completer}\n$completer {}", words.join(" ")));
        // elvish keeps the candidates that start with the word typed, as the line editor does.
        let typed = case.line.rsplit(' ').next().unwrap_or_default();
        let offered: Vec<String> =
            out.lines().map(|l| l.trim_start_matches("▶ ").to_string()).filter(|c| c.starts_with(typed)).collect();
        check("elvish", case, &offered);
    }
}

/// What zsh shows after typing `line` and Tab in an interactive zsh with the script as
/// its completion function, read through a pseudo terminal until the screen is quiet.
fn zsh_screen(dir: &Path, functions: &Path, line: &str) -> String {
    let driver = format!(
        r#"zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PROMPT="> "; fpath=({functions} $fpath); autoload -Uz compinit; compinit -u -D; LISTMAX=1000; cd {dir}; print RE""ADY'
local out="" chunk
integer waited=0
while (( waited < 300 )) && [[ $out != *READY* ]]; do zpty -r -t z chunk && out+=$chunk || {{ sleep 0.1; (( waited++ )) }}; done
zpty -w -n z "$1"$'\t'
out=""; integer quiet=0
while (( quiet < 15 )); do if zpty -r -t z chunk; then out+=$chunk; quiet=0; else sleep 0.1; (( quiet++ )); fi; done
zpty -d z
print -r -- "$out""#,
        functions = functions.display(),
        dir = dir.display()
    );
    let output = Command::new("zsh").arg("-f").arg("-c").arg(driver).arg("zsh").arg(line).output().unwrap();
    // The screen without its escape sequences.
    let raw = text(&output.stdout);
    let mut screen = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
            }
        } else if c != '\r' && c != '\u{7}' {
            screen.push(c);
        }
    }
    screen
}

#[test]
fn zsh_completes_files_flags_after_a_file_and_nothing_for_numbers() {
    let dir = project();
    let functions = dir.path().join("zfunc");
    std::fs::create_dir(&functions).unwrap();
    let script = sidecast().args(["completions", "zsh"]).stdout();
    std::fs::write(functions.join("_sidecast"), &script).unwrap();
    // Without zsh, at least the spec: compare's files are `*:` (one colon: options go on
    // being offered after them; `*::` would end them).
    let compare = script.split("_sidecast__compare() {").nth(1).and_then(|s| s.split("\n}\n").next()).unwrap();
    assert!(compare.contains("'*:scenario:_files'") && !compare.contains("'*::"), "{compare}");
    if !installed("zsh") {
        return;
    }
    let syntax = Command::new("zsh").arg("-n").arg(functions.join("_sidecast")).output().unwrap();
    assert!(syntax.status.success(), "zsh -n: {}", describe(&syntax));
    let started = Instant::now();
    let after_file = zsh_screen(dir.path(), &functions, "sidecast compare plan.toml -");
    assert!(after_file.contains("--metric") && after_file.contains("--vary"), "flags after a file:\n{after_file}");
    let scenario = zsh_screen(dir.path(), &functions, "sidecast run ");
    assert!(scenario.contains("history.csv") && !scenario.contains("--out"), "files after run:\n{scenario}");
    let number = zsh_screen(dir.path(), &functions, "sidecast run -n ");
    assert!(!number.contains("plan.toml") && !number.contains("--out"), "nothing for a number:\n{number}");
    let metric = zsh_screen(dir.path(), &functions, "sidecast sweep plan.toml --metric cumulative_n");
    assert!(metric.contains("cumulative_net_profit"), "a metric name:\n{metric}");
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn every_shell_gets_a_script_and_unknown_shells_are_refused() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = sidecast().args(["completions", shell]).stdout();
        assert!(script.contains("sidecast") && script.contains("trajectories"), "{shell}");
    }
    let refusal = sidecast().args(["completions", "tcsh"]).refused();
    assert!(refusal.contains("possible values") && refusal.contains("elvish"), "{refusal}");
}
