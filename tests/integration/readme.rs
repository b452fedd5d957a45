//! The README's sample outputs are what the binary prints. A sample is a ```` ```text ````
//! block whose first line is a command (`$ sidecast ...` or `$ cargo run --release -- ...`,
//! continued with `\`); the lines after it are the output, or an excerpt of it: a line of
//! `...` (indented or not) stands for lines left out, and every run of lines between them
//! must appear in the output, whole and in order. Each command runs in a fresh folder that
//! sees the repository's `scenarios/` (its `output/` stays in that folder), after `sidecast
//! init -y -o my.toml` when it names `my.toml`, as the README's reader did; the samples of
//! the import walk-through (import, `init --from`, calibrate, run of `calibrated.toml`) run
//! one after another in one folder, each reading what the one before wrote.

use crate::common::sidecast;

/// One sample: its line in the README, the command's arguments and the expected lines.
struct Sample {
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

/// The words of a command line as a POSIX shell splits them (double and single quotes).
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') => {
                if started || !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                started = false;
            }
            (None, c) => {
                current.push(c);
                started = true;
            }
        }
    }
    if started || !current.is_empty() {
        words.push(current);
    }
    words
}

fn samples(readme: &str) -> Vec<Sample> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] != "```text" || !lines.get(i + 1).is_some_and(|l| l.starts_with("$ ")) {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut command = String::new();
        i += 1;
        while let Some(stripped) = lines[i].strip_suffix('\\') {
            command.push_str(stripped.trim_start_matches("$ "));
            command.push(' ');
            i += 1;
        }
        command.push_str(lines[i].trim_start_matches("$ "));
        i += 1;
        let mut expected = Vec::new();
        while i < lines.len() && lines[i] != "```" {
            expected.push(lines[i].trim_end().to_string());
            i += 1;
        }
        let words = shell_words(&command);
        let args = match words.iter().position(|w| w == "--") {
            Some(dash) if words.first().is_some_and(|w| w == "cargo") => words[dash + 1..].to_vec(),
            _ => words.into_iter().skip(1).collect(),
        };
        out.push(Sample { line: start + 1, args, expected });
    }
    out
}

/// Whether every run of `expected` lines between `...` lines appears in `output`, in order.
fn matches(output: &str, expected: &[String]) -> Result<(), String> {
    let output: Vec<&str> = output.lines().map(str::trim_end).collect();
    let mut from = 0;
    for chunk in expected.split(|l| l.trim() == "...") {
        let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
        if chunk.is_empty() {
            continue;
        }
        let found =
            (from..=output.len().saturating_sub(chunk.len())).find(|&at| output[at..at + chunk.len()] == chunk[..]);
        match found {
            Some(at) => from = at + chunk.len(),
            None => {
                return Err(format!("these lines are not in the output (in order):\n{}", chunk.join("\n")));
            }
        }
    }
    Ok(())
}

#[test]
fn every_readme_sample_is_what_the_binary_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let samples = samples(&readme);
    assert!(samples.len() >= 3, "the README's samples were not found ({})", samples.len());
    let scenarios = std::fs::canonicalize("scenarios").unwrap();
    let folder = || {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&scenarios, dir.path().join("scenarios")).unwrap();
        dir
    };
    let walkthrough = folder();
    let mut failures = Vec::new();
    for sample in &samples {
        let fresh = folder();
        let in_walkthrough = sample.args.first().is_some_and(|a| a == "import")
            || sample.args.iter().any(|a| {
                a.starts_with("output/import-") || a.starts_with("output/calibrate-") || a == "my-calibrate.toml"
            });
        let dir = if in_walkthrough { walkthrough.path() } else { fresh.path() };
        if !in_walkthrough && sample.args.iter().any(|a| a == "my.toml") {
            sidecast().current_dir(dir).args(["init", "-y", "-o", "my.toml"]).stdout();
        }
        let output = sidecast().current_dir(dir).args(&sample.args).output();
        let stdout = String::from_utf8_lossy(&output.stdout);
        if let Err(why) = matches(&stdout, &sample.expected) {
            failures.push(format!(
                "README.md line {}: sidecast {}\n{why}\n--- the binary printed:\n{stdout}",
                sample.line,
                sample.args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{} stale README sample(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn samples_are_read_as_a_shell_and_an_excerpt_would() {
    assert_eq!(
        shell_words(r#"solve s.toml --target "gross_profit >= 2500 in 30" --set 'a={ b = 1 }'"#),
        ["solve", "s.toml", "--target", "gross_profit >= 2500 in 30", "--set", "a={ b = 1 }"]
    );
    let output = "a\nb\nc\nd\n";
    let lines = |l: &[&str]| l.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    assert!(matches(output, &lines(&["a", "  ...", "c", "d"])).is_ok());
    assert!(matches(output, &lines(&["b", "a"])).is_err(), "in order");
    assert!(matches(output, &lines(&["a", "c"])).is_err(), "whole runs, unless a ... says otherwise");
}

#[test]
fn no_placeholder_is_left_unfilled() {
    // Figures are written into the README as NAME_LIKE_THIS while they are measured; one
    // left behind reaches the reader as "takes REDRAW_MS" or a shortcode with
    // `height="FRAME_HEIGHT"`. Only the environment variables sidecast reads look so.
    const VARIABLES: [&str; 3] = ["NO_COLOR", "CLICOLOR_FORCE", "RAYON_NUM_THREADS"];
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut left = Vec::new();
    for (n, line) in readme.lines().enumerate() {
        for word in line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let shouting = word.contains('_')
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if shouting && !VARIABLES.contains(&word) {
                left.push(format!("line {}: {word}", n + 1));
            }
        }
    }
    assert!(left.is_empty(), "placeholders left in the README:\n{}", left.join("\n"));
}

#[test]
fn the_chart_titles_the_readme_quotes_are_the_reseller_runs() {
    // The README quotes the reseller's chart titles (an image's alt text, an example of a
    // title); they went stale once when the run's numbers moved ($920 and 74 in 100 where
    // the chart said $930 and 75).
    let readme = std::fs::read_to_string("README.md").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    sidecast().args(["run", "scenarios/reseller.toml", "-q", "--out"]).arg(&out).stdout();
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    let mut quoted = 0;
    for (n, line) in readme.lines().enumerate() {
        let Some(at) = line.find(" levels off near $") else { continue };
        let start = line[..at].rfind(['[', '(', '"']).map_or(0, |i| i + 1);
        let title = &line[start..];
        let title = &title[..title.find(" in month 12").map_or(title.len(), |i| i + " in month 12".len())];
        quoted += 1;
        assert!(summary.contains(title), "README.md line {}: `{title}` is not a title of the run:\n{summary}", n + 1);
    }
    assert!(quoted >= 2, "the README's quoted titles were not found ({quoted})");
}
