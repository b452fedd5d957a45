//! The layers stay honest: every `crate::` reference in `src/` (outside test code, `mod.rs`
//! files included) points along an agreed arrow, and no file uses another that uses it back
//! (directly or round a longer circle), anywhere in the crate.
//!
//! The order (lib.rs says why): front ends (`cli`) → `app` → `analysis` → `summarize` →
//! `engine` → `scenario` → `distribution`; `present` and `export` read `report`; `abc` is a
//! library of its own on `numeric` and `random`; `chart` writes numbers with `text`'s one
//! unit; `stats`, `distribution`, `numeric`, `random` and `text` depend on nothing else in
//! the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("stats", &[]),
    ("distribution", &[]),
    ("numeric", &[]),
    ("random", &[]),
    ("chart", &["text"]),
    ("abc", &["numeric", "random"]),
    ("metric", &["text"]),
    ("actuals", &["text"]),
    ("import", &["text", "actuals", "stats"]),
    ("scenario", &["distribution", "metric", "text"]),
    ("engine", &["scenario", "distribution", "metric", "random"]),
    ("report", &["stats", "metric", "text", "scenario", "actuals", "distribution"]),
    ("summarize", &["engine", "scenario", "stats", "report", "metric", "text"]),
    ("present", &["report", "stats", "metric", "text", "scenario", "actuals", "chart", "distribution"]),
    ("export", &["report", "present", "metric", "stats", "text"]),
    (
        "analysis",
        &[
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
            "abc",
            "numeric",
            "random",
        ],
    ),
    (
        "app",
        &[
            "analysis",
            "summarize",
            "engine",
            "scenario",
            "stats",
            "report",
            "present",
            "actuals",
            "distribution",
            "metric",
            "text",
            "export",
            "chart",
            "abc",
            "import",
        ],
    ),
    (
        "cli",
        &[
            "app", "analysis", "scenario", "stats", "report", "present", "actuals", "import", "metric", "text",
            "export", "chart",
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

/// Every source file of the crate outside test-only folders (`tests/` under a module).
fn production_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.retain(|p| !p.strip_prefix(src()).unwrap().components().any(|c| c.as_os_str() == "tests"));
    files.sort();
    files
}

/// The file's production code: everything before its first `#[cfg(test)]`, without
/// comments.
fn production_code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end].lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::a::b::c` path in the text, as its segments.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    prefixed_paths(code, "crate::")
}

/// Every path after `prefix` (`crate::`, `super::`), as its segments.
fn prefixed_paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices(prefix) {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `mycrate::` is not ours; `super::super::` is read from its first `super`
        }
        let rest = &code[i + prefix.len()..];
        let segments = segments(rest);
        if !segments.is_empty() {
            out.push(segments);
        }
    }
    out
}

/// The `a::b::c` path at the start of `text`, as its segments.
fn segments(text: &str) -> Vec<String> {
    let mut segments = Vec::new();
    for s in text.split("::") {
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
    segments
}

/// The top-level module a file belongs to (`src/present/charts/run.rs` → `present`).
fn top_module(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn every_crate_reference_follows_an_agreed_arrow() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> =
        ALLOWED.iter().map(|(m, deps)| (*m, deps.iter().copied().collect())).collect();
    let mut violations = Vec::new();
    let mut checked = 0;
    for path in &production_files() {
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

/// The files of the crate as a graph: which file each file uses.
struct Graph {
    /// Module path of each file (`["engine", "record"]`; a `mod.rs` is its folder's).
    files: BTreeMap<Vec<String>, PathBuf>,
    /// For a `mod.rs`, the items it re-exports from a child: (module, item) → child.
    reexports: BTreeMap<(Vec<String>, String), String>,
}

impl Graph {
    fn new(paths: &[PathBuf]) -> Self {
        let mut files = BTreeMap::new();
        let mut reexports = BTreeMap::new();
        for path in paths {
            let module = module_path(path);
            if path.file_name().is_some_and(|n| n == "mod.rs") {
                for (child, items) in reexported(&production_code(path)) {
                    for item in items {
                        reexports.insert((module.clone(), item), child.clone());
                    }
                }
            }
            files.insert(module, path.clone());
        }
        Self { files, reexports }
    }

    /// The file a module path leads to: its longest prefix that is a file, following a
    /// `mod.rs` re-export to the child that defines the item.
    fn resolve(&self, segments: &[String]) -> Option<&PathBuf> {
        (1..=segments.len()).rev().find_map(|k| {
            let prefix = &segments[..k];
            let file = self.files.get(prefix)?;
            let child = segments.get(k).and_then(|item| self.reexports.get(&(prefix.to_vec(), item.clone())));
            let through = child.and_then(|c| self.files.get(&[prefix, std::slice::from_ref(c)].concat()));
            Some(through.unwrap_or(file))
        })
    }

    /// The files `path` uses: `crate::`, `super::` and child-module paths, re-exports aside.
    fn uses(&self, path: &Path) -> BTreeSet<PathBuf> {
        let module = module_path(path);
        let code = without_reexports(&production_code(path));
        let mut targets: Vec<Vec<String>> = crate_paths(&code);
        for segments in prefixed_paths(&code, "super::") {
            let ups = 1 + segments.iter().take_while(|s| *s == "super").count();
            let rest = segments.into_iter().skip_while(|s| s == "super");
            let base = &module[..module.len().saturating_sub(ups)];
            targets.push(base.iter().cloned().chain(rest).collect());
        }
        for child in declared_modules(&code) {
            if code.contains(&format!("{child}::")) {
                targets.push(module.iter().cloned().chain([child]).collect());
            }
        }
        let mut used: BTreeSet<PathBuf> = targets.iter().filter_map(|t| self.resolve(t)).cloned().collect();
        used.remove(path);
        used
    }
}

/// The module path of a file under `src/`.
fn module_path(path: &Path) -> Vec<String> {
    let relative = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| ["mod", "lib", "main"].contains(&l.as_str())) {
        parts.pop();
    }
    parts
}

/// The `mod x;` declarations of a file.
fn declared_modules(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").or_else(|| l.strip_prefix("pub(crate) ")).unwrap_or(l);
            l.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')).map(|n| n.trim().to_string())
        })
        .collect()
}

/// A file's `pub use child::...` re-exports: each child and the item names it gives.
fn reexported(code: &str) -> Vec<(String, Vec<String>)> {
    statements(code, "pub use ")
        .into_iter()
        .filter_map(|s| {
            let s = s.strip_prefix("self::").unwrap_or(&s).to_string();
            let (child, rest) = s.split_once("::")?;
            let items = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .filter(|w| !w.is_empty() && !w.contains(':') && *w != "self" && *w != "as")
                .map(str::to_string)
                .collect();
            Some((child.to_string(), items))
        })
        .collect()
}

/// The text of every `use` statement starting with `start` (up to its `;`).
fn statements(code: &str, start: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(start) {
        let after = &rest[i + start.len()..];
        let end = after.find(';').unwrap_or(after.len());
        out.push(after[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &after[end..];
    }
    out
}

/// The code without its `pub use` re-exports (which name, not use, what they give).
fn without_reexports(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(i) = rest.find("pub use ").or_else(|| rest.find("pub(crate) use ")) {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').map_or(rest.len(), |e| i + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A circle of files, if the graph has one: each file uses the next, the last the first.
fn circle(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    fn visit(
        node: &Path,
        edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            return Some(stack[start..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_path_buf());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.to_path_buf());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_file_uses_another_that_uses_it_back() {
    let files = production_files();
    let graph = Graph::new(&files);
    let edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = files.iter().map(|f| (f.clone(), graph.uses(f))).collect();
    let count: usize = edges.values().map(BTreeSet::len).sum();
    assert!(count > 300, "too few file-to-file uses found ({count}): is the scan broken?");
    if let Some(found) = circle(&edges) {
        let names: Vec<String> = found.iter().map(|p| p.strip_prefix(src()).unwrap().display().to_string()).collect();
        panic!("files that use each other: {} → {}", names.join(" → "), names[0]);
    }
}

#[test]
fn the_scan_sees_a_forbidden_arrow_and_a_circle() {
    // The checker itself: a reference from stats to the engine must be caught.
    let paths = crate_paths("use crate::engine::Layout;\nlet x = crate::stats::percentiles(&mut v, &l);");
    assert_eq!(paths, [vec!["engine", "Layout"], vec!["stats", "percentiles"]]);
    assert_eq!(crate_paths("use crate::report::{A, B};"), [vec!["report"]]);
    assert_eq!(
        reexported("pub use run::{RunReport, Precision as P};"),
        [("run".into(), vec!["RunReport".to_string(), "Precision".into(), "P".into()])]
    );
    let a = PathBuf::from("a");
    let b = PathBuf::from("b");
    let edges = BTreeMap::from([(a.clone(), BTreeSet::from([b.clone()])), (b.clone(), BTreeSet::from([a.clone()]))]);
    assert_eq!(circle(&edges), Some(vec![a, b]));
    // A mod.rs's own use of a child is seen; its re-exports are not uses.
    assert_eq!(declared_modules("mod rng;\npub mod record;\n"), ["rng", "record"]);
    assert_eq!(without_reexports("pub use x::Y;\nuse z::W;"), "\nuse z::W;");
}
