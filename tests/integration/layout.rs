//! The maps of the code stay true: every path the README's layout map (the `text` block of
//! its Development section) names exists (each line's own path from the repository's root,
//! the paths in its description inside or beside it), every top-level module of `src/` is
//! on it, and
//! every file path a module doc (`//!`) names exists: from the repository's root, from
//! `src/`, from one of the doc's own folders, or as the end of a file's path
//! (`validate/params.rs`).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `folder` (without `target/` and hidden folders), relative to the root.
fn files(folder: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "output" {
                files(&path, out);
            }
        } else {
            out.push(path.strip_prefix(root()).unwrap().to_string_lossy().into_owned());
        }
    }
}

/// The path-like words of a line: with a `/` inside, ending in a file extension or `/`.
fn paths(line: &str) -> Vec<String> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || "._-/".contains(c);
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(is_part) {
        let before = rest[..start].chars().last();
        let word_len = rest[start..].find(|c: char| !is_part(c)).unwrap_or(rest.len() - start);
        let word = rest[start..start + word_len].trim_end_matches('.');
        rest = &rest[start + word_len..];
        let extension = [".rs", ".md", ".toml", ".csv", ".json", ".sh", ".txt"].iter().any(|e| word.ends_with(e));
        let folder = word.ends_with('/');
        // Not an absolute path, a home folder, a URL, a placeholder, an output folder or a
        // build folder (`target/tmp/browser/` exists only once the browser tests have run).
        let placeholder = matches!(before, Some('/' | '~' | '<' | ':' | '$'))
            || word.starts_with("output/")
            || word.starts_with("target/");
        if word.contains('/') && (extension || folder) && !placeholder && !word.starts_with('/') {
            out.push(word.to_string());
        }
    }
    out
}

/// Whether `reference`, named in a file in `folder`, exists.
fn exists(reference: &str, folder: &Path, all: &[String]) -> bool {
    let root = root();
    let bare = reference.trim_end_matches('/');
    let mut bases = vec![root.clone(), root.join("src")];
    bases.extend(folder.ancestors().filter(|a| a.starts_with(&root)).map(Path::to_path_buf));
    if bases.iter().any(|b| b.join(bare).exists()) {
        return true;
    }
    let suffix = format!("/{bare}");
    all.iter().filter(|f| f.ends_with(&suffix) || f.contains(&format!("{suffix}/"))).count() >= 1
}

#[test]
fn the_readme_layout_map_names_what_exists() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let development = readme.split("\n## Development").nth(1).expect("a Development section");
    let map = development.split("```text\n").nth(1).and_then(|b| b.split("\n```").next()).expect("its layout map");
    let mut named = Vec::new();
    for line in map.lines().filter(|l| !l.trim().is_empty()) {
        // Each line: a path of the repository, then what it holds, which may name paths
        // inside it (`whatif/`) or beside it (`abc/tests/`).
        let subject = line.split_whitespace().next().unwrap_or_default().to_string();
        let at = root().join(subject.trim_end_matches('/'));
        assert!(at.exists(), "README's layout map names {subject}, which does not exist");
        let folder = if at.is_dir() { at.clone() } else { at.parent().unwrap().to_path_buf() };
        for path in paths(line).into_iter().skip_while(|p| *p == subject) {
            let bare = path.trim_end_matches('/');
            let found =
                [folder.clone(), folder.parent().unwrap().to_path_buf(), root()].iter().any(|b| b.join(bare).exists());
            assert!(found, "README's layout map names {path} (on the line of {subject}), which does not exist");
        }
        named.push(subject);
    }
    // Every module of src/ is on the map.
    for entry in std::fs::read_dir(root().join("src")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let shown = if entry.path().is_dir() { format!("src/{name}/") } else { format!("src/{name}") };
        assert!(named.contains(&shown), "README's layout map does not show {shown}");
    }
}

#[test]
fn module_docs_name_files_that_exist() {
    let mut all = Vec::new();
    files(&root(), &mut all);
    let mut missing = Vec::new();
    for file in all.iter().filter(|f| {
        f.ends_with(".rs") && (f.starts_with("src/") || f.starts_with("tests/") || f.starts_with("benches/"))
    }) {
        let path = root().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate().filter(|(_, l)| l.trim_start().starts_with("//!")) {
            for reference in paths(line) {
                if !exists(&reference, path.parent().unwrap(), &all) {
                    missing.push(format!("{file}:{}: {reference}", number + 1));
                }
            }
        }
    }
    assert!(missing.is_empty(), "module docs name files that do not exist:\n{}", missing.join("\n"));
}
