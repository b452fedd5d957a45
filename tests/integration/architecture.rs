//! The layers stay honest: every `crate::` reference in `src/` (outside test code) points
//! along an agreed arrow, and no two files of one module use each other.
//!
//! The order (lib.rs says why): `cli` → `analysis` → `summarize` → `engine` → `scenario` →
//! `distribution`; `summarize` and `analysis` read `stats` and write `report`; `export`
//! reads `report`; `report` builds `chart` inputs; `stats`, `distribution`, `chart` and
//! `text` depend on nothing else in the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("stats", &[]),
    ("distribution", &[]),
    ("chart", &[]),
    ("metric", &["text"]),
    ("actuals", &["text"]),
    ("import", &["text", "actuals", "stats"]),
    ("scenario", &["distribution", "metric", "text"]),
    ("engine", &["scenario", "distribution", "metric"]),
    ("report", &["stats", "metric", "text", "scenario", "actuals", "chart", "distribution"]),
    ("summarize", &["engine", "scenario", "stats", "report", "metric"]),
    ("analysis", &["summarize", "engine", "scenario", "stats", "report", "actuals", "distribution", "metric", "text"]),
    ("export", &["report", "metric", "stats", "text"]),
    (
        "cli",
        &[
            "analysis",
            "summarize",
            "engine",
            "scenario",
            "stats",
            "report",
            "actuals",
            "import",
            "distribution",
            "metric",
            "text",
            "export",
            "chart",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's production code: everything before its first `#[cfg(test)]`; test-only
/// files give nothing.
fn production_code(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if ["tests.rs", "samples.rs"].contains(&name) {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end].lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::a::b::c` path in the text, as its segments.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `sidecast::crate::` cannot occur; `mycrate::` is not ours
        }
        let rest = &code[i + "crate::".len()..];
        let mut segments = Vec::new();
        for s in rest.split("::") {
            let name: String = s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.is_empty() {
                break;
            }
            let whole = name.len() == s.len();
            segments.push(name);
            if !whole {
                break;
            }
        }
        if !segments.is_empty() {
            out.push(segments);
        }
    }
    out
}

/// The top-level module a file belongs to (`src/report/charts/run.rs` → `report`).
fn top_module(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn every_crate_reference_follows_an_agreed_arrow() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> =
        ALLOWED.iter().map(|(m, deps)| (*m, deps.iter().copied().collect())).collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut violations = Vec::new();
    let mut checked = 0;
    for path in &files {
        let Some(module) = top_module(path) else { continue };
        if ["lib", "main"].contains(&module.as_str()) {
            continue;
        }
        let Some(deps) = allowed.get(module.as_str()) else {
            violations.push(format!("{}: module `{module}` is not in the agreed order", path.display()));
            continue;
        };
        for segments in crate_paths(&production_code(path)) {
            let target = segments[0].as_str();
            checked += 1;
            if target != module && !deps.contains(target) {
                violations.push(format!("{}: {module} → {target} (crate::{})", path.display(), segments.join("::")));
            }
        }
    }
    assert!(checked > 100, "too few references found ({checked}): is the scan broken?");
    assert!(violations.is_empty(), "arrows against the agreed order:\n{}", violations.join("\n"));
}

/// The sibling files of one folder that `path` uses (through `super::x` or `crate::...::x`).
fn sibling_uses(path: &Path, siblings: &BTreeSet<String>, module_path: &[String]) -> BTreeSet<String> {
    let code = production_code(path);
    let mut used = BTreeSet::new();
    for (i, _) in code.match_indices("super::") {
        let name: String = code[i + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        used.insert(name);
    }
    for segments in crate_paths(&code) {
        if segments.len() > module_path.len() && segments[..module_path.len()] == *module_path {
            used.insert(segments[module_path.len()].clone());
        }
    }
    used.retain(|n| siblings.contains(n));
    used
}

#[test]
fn no_two_files_of_a_module_use_each_other() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut folders: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !["mod.rs", "lib.rs", "main.rs"].contains(&name) {
            folders.entry(path.parent().unwrap().to_path_buf()).or_default().push(path);
        }
    }
    let mut cycles = Vec::new();
    for (folder, paths) in &folders {
        let module_path: Vec<String> = folder
            .strip_prefix(src())
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let stem = |p: &PathBuf| p.file_stem().unwrap().to_string_lossy().into_owned();
        let siblings: BTreeSet<String> = paths.iter().map(stem).collect();
        let edges: BTreeMap<String, BTreeSet<String>> =
            paths.iter().map(|p| (stem(p), sibling_uses(p, &siblings, &module_path))).collect();
        // Depth-first search for a cycle.
        fn visit(
            node: &str,
            edges: &BTreeMap<String, BTreeSet<String>>,
            stack: &mut Vec<String>,
            done: &mut BTreeSet<String>,
        ) -> Option<Vec<String>> {
            if let Some(start) = stack.iter().position(|n| n == node) {
                return Some(stack[start..].to_vec());
            }
            if done.contains(node) {
                return None;
            }
            stack.push(node.to_string());
            for next in edges.get(node).into_iter().flatten() {
                if let Some(cycle) = visit(next, edges, stack, done) {
                    return Some(cycle);
                }
            }
            stack.pop();
            done.insert(node.to_string());
            None
        }
        let mut done = BTreeSet::new();
        for node in edges.keys() {
            if let Some(cycle) = visit(node, &edges, &mut Vec::new(), &mut done) {
                cycles.push(format!("{}: {}", folder.display(), cycle.join(" → ")));
                break;
            }
        }
    }
    assert!(cycles.is_empty(), "files that use each other:\n{}", cycles.join("\n"));
}

#[test]
fn the_scan_sees_a_forbidden_arrow() {
    // The checker itself: a reference from stats to the engine must be caught.
    let paths = crate_paths("use crate::engine::Layout;\nlet x = crate::stats::percentiles(&mut v, &l);");
    assert_eq!(paths, [vec!["engine", "Layout"], vec!["stats", "percentiles"]]);
    assert_eq!(crate_paths("use crate::report::{A, B};"), [vec!["report"]]);
}
