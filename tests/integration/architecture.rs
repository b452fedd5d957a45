//! The layers stay honest. Every path in `src/` outside test code (`mod.rs` files included;
//! `use` trees expanded; `crate::`, `super::`, `self::` and child-module paths alike) is
//! resolved to the file that defines what it names, following re-exports; then
//! - every use points along an agreed arrow between top-level modules,
//! - no file uses another that uses it back (directly or round a longer circle),
//! - no module uses a sibling module that uses it back, at any depth.
//!
//! The order (lib.rs says why): front ends (`cli`, `serve`) → `app` → `analysis` → `summarize` →
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
    ("import", &["text", "actuals"]),
    ("scenario", &["distribution", "metric", "text"]),
    ("engine", &["scenario", "distribution", "metric", "random"]),
    ("report", &["stats", "metric", "text", "scenario", "actuals"]),
    ("summarize", &["engine", "scenario", "distribution", "stats", "report", "metric", "text"]),
    ("present", &["report", "stats", "metric", "text", "scenario", "chart", "distribution", "actuals"]),
    ("export", &["report", "present", "metric", "stats", "text", "scenario"]),
    (
        "analysis",
        &[
            "summarize",
            "engine",
            "scenario",
            "stats",
            "report",
            "actuals",
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
            "app", "scenario", "stats", "report", "present", "actuals", "import", "metric", "text", "export", "chart",
            "serve",
        ],
    ),
    // The local web page: `app` and what `app` re-exports, and the HTML pieces it shares
    // with the written pages; never the engine directly.
    ("serve", &["app", "export"]),
];

/// Uses allowed against the order, each named: (from, to, the items that cross).
const PORTS: &[(&str, &str, &[&str])] = &[
    // Progress and cancellation reach a front end through app, which re-exports them.
    ("cli", "engine", &["Monitor", "Control", "Cancelled"]),
    ("serve", "engine", &["Monitor", "Control", "Cancelled"]),
    ("serve", "summarize", &["Limits"]),
    // The run-size limits a front end sets from its flags.
    ("cli", "summarize", &["Limits"]),
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

/// Every production source file: not a `tests.rs` and not under a `tests/` folder.
fn production_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.retain(|p| {
        let relative = p.strip_prefix(src()).unwrap();
        !relative.components().any(|c| c.as_os_str() == "tests") && p.file_name().is_some_and(|n| n != "tests.rs")
    });
    files.sort();
    files
}

/// The file's production code: comments and the insides of string and character literals
/// dropped, and every `#[cfg(test)]` item (a `mod x;` declaration or a braced block,
/// wherever it stands) removed.
fn production_code(path: &Path) -> String {
    let text = without_literals(&std::fs::read_to_string(path).unwrap());
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_start().starts_with("#[cfg(test)]") {
            let (mut depth, mut opened) = (0i64, false);
            i += 1;
            while i < lines.len() {
                let line = lines[i];
                depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
                opened |= line.contains('{');
                i += 1;
                if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        out.push(lines[i]);
        i += 1;
    }
    out.join("\n")
}

/// The text with every string literal emptied (`"..."`, `r#"..."#`) and every character
/// literal blanked, so braces and words inside them are not read as code.
fn without_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let raw =
            c == 'r' && matches!(chars.get(i + 1), Some('"' | '#')) && (i == 0 || !chars[i - 1].is_alphanumeric());
        if raw {
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let body: String = chars[i + 2 + hashes..].iter().collect();
                let end =
                    body.find(&close).map_or(chars.len(), |e| i + 2 + hashes + body[..e].chars().count() + close.len());
                out.push_str("\"\"");
                i = end;
                continue;
            }
        }
        if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars[i.min(chars.len() - 1)] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
            continue;
        }
        if c == '\'' {
            if chars.get(i + 1) == Some(&'\\') {
                let end = chars[i + 2..].iter().position(|c| *c == '\'').map_or(chars.len(), |e| i + 3 + e);
                out.push_str("' '");
                i = end;
                continue;
            }
            if chars.get(i + 2) == Some(&'\'') {
                out.push_str("' '");
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A `use` tree expanded into its paths: `a::{b, c::{d, e as f}, self}` gives `a::b`,
/// `a::c::d`, `a::c::e` and `a`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_string()];
    };
    let prefix = &tree[..open];
    let close = tree.rfind('}').filter(|&c| c > open).unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| if p == "self" { prefix.trim_end_matches(':').to_string() } else { format!("{prefix}{p}") })
        .collect()
}

/// The `use` statements of the code: (is a `pub` re-export, its text).
fn use_statements(code: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = find_word(rest, "use ") {
        let before = rest[..i].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        let after = &rest[i + 4..];
        let end = after.find(';').unwrap_or(after.len());
        out.push((public, after[..end].split_whitespace().collect::<Vec<_>>().join(" ")));
        rest = &after[end..];
    }
    out
}

/// The first `word` in `text` that starts a word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(i, _)| i)
        .find(|&i| !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':'))
}

/// The code without its `use` statements.
fn without_uses(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(i) = find_word(rest, "use ") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').map_or(rest.len(), |e| i + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every `crate::`, `super::` and `self::` path written inline (outside `use`).
fn inline_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for head in ["crate::", "super::", "self::"] {
        for (i, _) in code.match_indices(head) {
            if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String =
                code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            out.push(path.trim_end_matches(':').to_string());
        }
    }
    out
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

/// The module path of a file under `src/`.
fn module_path(path: &Path) -> Vec<String> {
    let relative = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| ["mod", "lib", "main"].contains(&l.as_str())) {
        parts.pop();
    }
    parts
}

/// A path of `module`'s code made absolute (from the crate root); `None` for a path of
/// another crate or a local item.
fn absolute(path: &str, module: &[String], children: &[String]) -> Option<Vec<String>> {
    let segments: Vec<String> = path.split("::").map(str::to_string).collect();
    match segments[0].as_str() {
        "crate" => Some(segments[1..].to_vec()),
        "self" => Some(module.iter().cloned().chain(segments[1..].iter().cloned()).collect()),
        "super" => {
            let ups = segments.iter().take_while(|s| *s == "super").count();
            let base = &module[..module.len().saturating_sub(ups)];
            Some(base.iter().cloned().chain(segments[ups..].iter().cloned()).collect())
        }
        first if children.iter().any(|c| c == first) => Some(module.iter().cloned().chain(segments).collect()),
        _ => None,
    }
}

/// The crate's files and what each uses.
struct Graph {
    files: BTreeMap<Vec<String>, PathBuf>,
    /// (module, item) → the absolute path a `pub use` in that module gives it from.
    reexports: BTreeMap<(Vec<String>, String), Vec<String>>,
}

impl Graph {
    fn new(paths: &[PathBuf]) -> Self {
        let mut files = BTreeMap::new();
        let mut reexports = BTreeMap::new();
        for path in paths {
            let module = module_path(path);
            let code = production_code(path);
            let children = declared_modules(&code);
            for (public, statement) in use_statements(&code) {
                if !public {
                    continue;
                }
                for full in expand(&statement) {
                    let alias = statement_alias(&statement, &full);
                    if let Some(target) = absolute(&full, &module, &children) {
                        reexports.insert((module.clone(), alias), target);
                    }
                }
            }
            files.insert(module, path.clone());
        }
        Self { files, reexports }
    }

    /// The file defining what an absolute path names: its longest prefix that is a file,
    /// following a re-export of the next segment (a few hops at most).
    fn resolve(&self, segments: &[String], hops: usize) -> Option<(PathBuf, Vec<String>)> {
        (1..=segments.len()).rev().find_map(|k| {
            let prefix = &segments[..k];
            let file = self.files.get(prefix)?;
            if hops < 4
                && let Some(item) = segments.get(k)
                && let Some(target) = self.reexports.get(&(prefix.to_vec(), item.clone()))
            {
                let through: Vec<String> = target.iter().chain(&segments[k + 1..]).cloned().collect();
                if let Some(found) = self.resolve(&through, hops + 1) {
                    return Some(found);
                }
            }
            Some((file.clone(), segments.to_vec()))
        })
    }

    /// Every use of `path`'s code: (the file it reaches, the path as resolved).
    fn uses(&self, path: &Path) -> Vec<(PathBuf, Vec<String>)> {
        let module = module_path(path);
        let code = production_code(path);
        let children = declared_modules(&code);
        let body = without_uses(&code);
        let mut written: Vec<String> = use_statements(&code)
            .into_iter()
            .filter(|(public, _)| !public)
            .flat_map(|(_, statement)| expand(&statement))
            .collect();
        written.extend(inline_paths(&body));
        for child in &children {
            if find_word(&body, &format!("{child}::")).is_some() {
                written.push(child.clone());
            }
        }
        written
            .iter()
            .filter_map(|p| absolute(p, &module, &children))
            .filter_map(|segments| self.resolve(&segments, 0))
            .filter(|(file, _)| file != path)
            .collect()
    }
}

/// The name a path of a `use` statement is known by (`as` renames it).
fn statement_alias(statement: &str, full: &str) -> String {
    let last = full.rsplit("::").next().unwrap_or(full).to_string();
    let renamed = format!("{last} as ");
    statement
        .find(&renamed)
        .map(|i| statement[i + renamed.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .unwrap_or(last)
}

fn top_module(path: &Path) -> String {
    module_path(path).first().cloned().unwrap_or_default()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(src()).unwrap().display().to_string()
}

#[test]
fn every_use_follows_an_agreed_arrow() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> =
        ALLOWED.iter().map(|(m, deps)| (*m, deps.iter().copied().collect())).collect();
    let files = production_files();
    let graph = Graph::new(&files);
    let mut violations = BTreeSet::new();
    let mut checked = 0;
    for path in &files {
        let module = top_module(path);
        if module.is_empty() {
            continue;
        }
        let Some(deps) = allowed.get(module.as_str()) else {
            violations.insert(format!("{}: module `{module}` is not in the agreed order", relative(path)));
            continue;
        };
        for (target, segments) in graph.uses(path) {
            let to = top_module(&target);
            checked += 1;
            let item = segments.last().map(String::as_str).unwrap_or("");
            let port = PORTS.iter().any(|(f, t, items)| *f == module && *t == to && items.contains(&item));
            if to != module && !deps.contains(to.as_str()) && !port {
                violations.insert(format!("{}: {module} → {to} ({})", relative(path), segments.join("::")));
            }
        }
    }
    assert!(checked > 1000, "too few uses found ({checked}): is the scan broken?");
    assert!(
        violations.is_empty(),
        "uses against the agreed order:\n{}",
        violations.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// A circle in a graph, if it has one: each node uses the next, the last the first.
fn circle<T: Ord + Clone>(edges: &BTreeMap<T, BTreeSet<T>>) -> Option<Vec<T>> {
    fn visit<T: Ord + Clone>(
        node: &T,
        edges: &BTreeMap<T, BTreeSet<T>>,
        stack: &mut Vec<T>,
        done: &mut BTreeSet<T>,
    ) -> Option<Vec<T>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            return Some(stack[start..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

/// Each file and the files it uses.
fn file_edges() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files = production_files();
    let graph = Graph::new(&files);
    files.iter().map(|f| (f.clone(), graph.uses(f).into_iter().map(|(t, _)| t).collect())).collect()
}

#[test]
fn no_file_uses_another_that_uses_it_back() {
    let edges = file_edges();
    let count: usize = edges.values().map(BTreeSet::len).sum();
    assert!(count > 500, "too few file-to-file uses found ({count}): is the scan broken?");
    if let Some(found) = circle(&edges) {
        let names: Vec<String> = found.iter().map(|p| relative(p)).collect();
        panic!("files that use each other: {} → {}", names.join(" → "), names[0]);
    }
}

#[test]
fn no_module_uses_a_sibling_that_uses_it_back() {
    let edges = file_edges();
    // At each depth, the uses between sibling modules (modules with the same parent).
    for depth in 1..6 {
        let mut modules: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (from, targets) in &edges {
            let a = module_path(from);
            for target in targets {
                let b = module_path(target);
                if a.len() >= depth && b.len() >= depth && a[..depth] != b[..depth] && a[..depth - 1] == b[..depth - 1]
                {
                    modules.entry(a[..depth].to_vec()).or_default().insert(b[..depth].to_vec());
                }
            }
        }
        if let Some(found) = circle(&modules) {
            let names: Vec<String> = found.iter().map(|m| m.join("::")).collect();
            panic!("modules that use each other: {} → {}", names.join(" → "), names[0]);
        }
    }
}

#[test]
fn the_scan_reads_every_form_of_use() {
    assert_eq!(expand("super::{a::X, b::{Y, Z as W}, self}"), ["super::a::X", "super::b::Y", "super::b::Z", "super"]);
    assert_eq!(
        use_statements("pub use x::Y;\nuse crate::z::{A, B};"),
        [(true, "x::Y".to_string()), (false, "crate::z::{A, B}".to_string())]
    );
    assert_eq!(statement_alias("a::{B as C, D}", "a::B"), "C");
    let module = vec!["engine".to_string(), "record".to_string()];
    assert_eq!(absolute("super::super::stats::X", &module, &[]), Some(vec!["stats".into(), "X".into()]));
    assert_eq!(
        absolute("rng::Streams", &["engine".into()], &["rng".into()]),
        Some(vec!["engine".into(), "rng".into(), "Streams".into()])
    );
    let code =
        "mod a;\n#[cfg(test)]\nmod tests;\nfn f() {}\n#[cfg(test)]\nmod inline {\n    use crate::x;\n}\nfn g() {}";
    let file = std::env::temp_dir().join("sidecast-architecture-scan.rs");
    std::fs::write(&file, code).unwrap();
    assert_eq!(production_code(&file), "mod a;\nfn f() {}\nfn g() {}", "test items go, the code after them stays");
    assert_eq!(
        without_literals(r##"let a = "use x::{"; let b = '{'; let c = r#"}"#;"##),
        r#"let a = ""; let b = ' '; let c = "";"#
    );
    let a = PathBuf::from("a");
    let b = PathBuf::from("b");
    let edges = BTreeMap::from([(a.clone(), BTreeSet::from([b.clone()])), (b.clone(), BTreeSet::from([a.clone()]))]);
    assert_eq!(circle(&edges), Some(vec![a, b]));
}
