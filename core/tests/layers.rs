//! The crate's shape (design.md, Conventions): the JSON codec at the bottom, operation dispatch at the
//! top, no import circle between modules, and short functions.
//!
//! Both tests read `core/src/**.rs` as text. Comments, string and character literals are blanked first
//! (line numbers kept); `tests.rs` files and `#[cfg(test)]` items are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Longest function allowed, in lines from `fn` to its closing brace (tables aside).
const MAX_FN_LINES: usize = 80;

/// A module path below the crate root: `["wallet", "quota"]`; the root is `[]`.
type ModPath = Vec<String>;

struct Source {
    module: ModPath,
    file: PathBuf,
    /// The text with comments, literals and test-only items blanked.
    code: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `wallet/quota.rs` → `[wallet, quota]`, `wallet/mod.rs` → `[wallet]`, `lib.rs` → `[]`.
fn module_of(rel: &Path) -> ModPath {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn sources() -> Vec<Source> {
    let root = src_dir();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|file| {
            let text = fs::read_to_string(&file).unwrap();
            let rel = file.strip_prefix(&root).unwrap().to_path_buf();
            Source {
                module: module_of(&rel),
                code: without_test_items(&blank_comments_and_literals(&text)),
                file: rel,
            }
        })
        .collect()
}

/// Replaces comments and the contents of string and character literals by spaces, keeping newlines.
fn blank_comments_and_literals(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && !ident_char(b.get(i.wrapping_sub(1)))
        {
            // A raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push('"');
            for _ in i + 1..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < b.len() {
                if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                    out.push('"');
                    for _ in 0..hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(b[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            // '\n', '\'', '\u{1f}'
            let mut j = i + 2;
            while j < b.len() && b[j] != '\'' {
                j += 1;
            }
            if b.get(i + 2) == Some(&'\'') {
                j = i + 3;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
            }
            for _ in i..=j.min(b.len() - 1) {
                out.push(' ');
            }
            i = j + 1;
        } else if c == '\'' && b.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Index of the brace matching the `{` at `open`.
fn matching_brace(b: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    b.len().saturating_sub(1)
}

/// Blanks every item marked `#[cfg(test)]` (a test module, a test-only helper).
fn without_test_items(code: &str) -> String {
    let mut b = code.as_bytes().to_vec();
    let mark = b"#[cfg(test)]";
    let mut from = 0;
    while let Some(at) = find(&b, mark, from) {
        let end = match b[at..].iter().position(|&c| c == b'{' || c == b';') {
            Some(k) if b[at + k] == b'{' => matching_brace(&b, at + k),
            Some(k) => at + k,
            None => b.len() - 1,
        };
        for c in &mut b[at..=end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        from = end;
    }
    String::from_utf8(b).unwrap()
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| k + from)
}

/// Tokens: identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_alphanumeric() || c[i] == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else {
            if !c[i].is_whitespace() {
                out.push(c[i].to_string());
            }
            i += 1;
        }
    }
    out
}

/// The module an item path names: the longest known module prefix of it.
fn resolve(known: &BTreeSet<ModPath>, path: &[String]) -> Option<ModPath> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| known.contains(p))
}

/// Every module path a file mentions (`crate::…`, `super::…`, `self::…`, or a child module by name),
/// with whether the mention is a `pub use` or `pub(crate) use` (a module re-exporting its own children
/// is its façade).
fn mentions(src: &Source, known: &BTreeSet<ModPath>) -> Vec<(ModPath, bool)> {
    let t = tokens(&src.code);
    let me = &src.module;
    let mut out = Vec::new();
    let mut pub_use = false;
    let mut i = 0;
    while i < t.len() {
        // `pub use` or a restricted `pub(crate) use`: both re-export.
        let restricted =
            t.get(i + 1).is_some_and(|x| x == "(") && t.get(i + 3).is_some_and(|x| x == ")");
        let next = if restricted { i + 4 } else { i + 1 };
        if t[i] == "pub" && t.get(next).is_some_and(|x| x == "use") {
            pub_use = true;
        } else if t[i] == ";" {
            pub_use = false;
        }
        let after_colons = i > 0 && t[i - 1] == "::";
        let path_start = t.get(i + 1).is_some_and(|x| x == "::");
        let base: Option<ModPath> = match t[i].as_str() {
            _ if after_colons || !path_start => None,
            "crate" => Some(Vec::new()),
            "self" => Some(me.clone()),
            "super" => {
                let mut p = me.clone();
                p.pop();
                let mut j = i;
                while t.get(j + 1).is_some_and(|x| x == "::")
                    && t.get(j + 2).is_some_and(|x| x == "super")
                {
                    p.pop();
                    j += 2;
                }
                i = j;
                Some(p)
            }
            name => {
                let mut child = me.clone();
                child.push(name.to_string());
                known.contains(&child).then_some(me.clone())
            }
        };
        if let Some(base) = base {
            // A bare child name starts the path itself; `crate`/`self`/`super` are followed by `::`.
            let start = if matches!(t[i].as_str(), "crate" | "self" | "super") {
                i + 2
            } else {
                i
            };
            let (paths, next) = use_tree(&t, start, base);
            for p in paths {
                if let Some(m) = resolve(known, &p) {
                    out.push((m, pub_use));
                }
            }
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// Reads `a::b::{c, d::e}` from `i`: the full paths, prefixed with `base`, and the index after it.
fn use_tree(t: &[String], mut i: usize, base: ModPath) -> (Vec<ModPath>, usize) {
    let mut path = base;
    loop {
        match t.get(i).map(String::as_str) {
            Some("{") => {
                let mut all = Vec::new();
                i += 1;
                while i < t.len() && t[i] != "}" {
                    if t[i] == "," {
                        i += 1;
                        continue;
                    }
                    let (sub, next) = use_tree(t, i, path.clone());
                    all.extend(sub);
                    i = next.max(i + 1);
                    while i < t.len() && t[i] != "," && t[i] != "}" {
                        i += 1;
                    }
                }
                return (all, i + 1);
            }
            // `{self, …}` names the prefix itself.
            Some("self") => return (vec![path], i + 1),
            Some(id) if id.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                path.push(id.to_string());
                if t.get(i + 1).is_some_and(|x| x == "::") {
                    i += 2;
                } else {
                    return (vec![path], i + 1);
                }
            }
            _ => return (vec![path], i),
        }
    }
}

/// The module dependency graph: `from → to` with the file and the reason, ignoring a module's façade
/// (`pub use` of its own descendants) and references to itself.
fn graph(srcs: &[Source]) -> BTreeMap<ModPath, BTreeMap<ModPath, String>> {
    let known: BTreeSet<ModPath> = srcs.iter().map(|s| s.module.clone()).collect();
    let mut g: BTreeMap<ModPath, BTreeMap<ModPath, String>> = BTreeMap::new();
    for s in srcs {
        for (to, pub_use) in mentions(s, &known) {
            let descendant = to.len() > s.module.len() && to.starts_with(&s.module);
            if to == s.module || (pub_use && descendant) {
                continue;
            }
            g.entry(s.module.clone())
                .or_default()
                .entry(to)
                .or_insert_with(|| s.file.display().to_string());
        }
    }
    g
}

/// Collapses the graph onto the children of `dir` (the module itself and each child's subtree).
fn level(
    g: &BTreeMap<ModPath, BTreeMap<ModPath, String>>,
    dir: &ModPath,
) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let node = |m: &ModPath| -> Option<ModPath> {
        if !m.starts_with(dir) {
            return None;
        }
        Some(m[..(dir.len() + 1).min(m.len())].to_vec())
    };
    let mut out: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for (from, tos) in g {
        for to in tos.keys() {
            if let (Some(a), Some(b)) = (node(from), node(to)) {
                if a != b {
                    out.entry(a).or_default().insert(b);
                }
            }
        }
    }
    out
}

fn cycle(g: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Option<Vec<ModPath>> {
    fn visit(
        g: &BTreeMap<ModPath, BTreeSet<ModPath>>,
        n: &ModPath,
        stack: &mut Vec<ModPath>,
        done: &mut BTreeSet<ModPath>,
    ) -> Option<Vec<ModPath>> {
        if let Some(k) = stack.iter().position(|x| x == n) {
            let mut c = stack[k..].to_vec();
            c.push(n.clone());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.clone());
        for next in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(g, next, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.clone());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(g, n, &mut Vec::new(), &mut done))
}

fn show(m: &ModPath) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_import_circle_between_modules() {
    let srcs = sources();
    let g = graph(&srcs);
    // Every module with children: the crate root (top-level modules), wallet/, settlement/, codec/, …
    let dirs: BTreeSet<ModPath> = srcs
        .iter()
        .filter(|s| s.file.ends_with("mod.rs") || s.file.ends_with("lib.rs"))
        .map(|s| s.module.clone())
        .collect();
    assert!(dirs.contains(&vec!["wallet".to_string()]));
    let mut found = Vec::new();
    for dir in &dirs {
        if let Some(c) = cycle(&level(&g, dir)) {
            let steps: Vec<String> = c
                .windows(2)
                .map(|w| {
                    let via = g
                        .iter()
                        .filter(|(from, _)| from.starts_with(&w[0]))
                        .flat_map(|(_, tos)| tos.iter())
                        .find(|(to, _)| to.starts_with(&w[1]))
                        .map_or(String::new(), |(_, file)| format!(" ({file})"));
                    format!("{} → {}{via}", show(&w[0]), show(&w[1]))
                })
                .collect();
            found.push(format!("in {}: {}", show(dir), steps.join(", ")));
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn codec_imports_only_error_and_text_and_nothing_imports_json() {
    let srcs = sources();
    let g = graph(&srcs);
    let top = |m: &ModPath| m.first().cloned().unwrap_or_default();
    for (from, tos) in &g {
        for (to, file) in tos {
            // The codec sits on the error type and the text catalogue, which imports nothing.
            if top(from) == "codec" && top(to) != "codec" {
                assert!(
                    ["error", "text"].contains(&top(to).as_str()),
                    "the codec imports {} in {file}",
                    show(to)
                );
            }
            if top(from) == "text" {
                panic!("the text catalogue imports {} in {file}", show(to));
            }
            if top(to) == "json" && top(from) != "json" {
                panic!("{} imports json (the top) in {file}", show(from));
            }
        }
    }
}

#[test]
fn no_function_longer_than_80_lines() {
    let mut long = Vec::new();
    for s in sources() {
        // The embedded book as Rust data is generated (`cargo xtask book`): its national level is one
        // struct literal of several hundred lines, data rather than logic.
        if s.file.ends_with("policy/embedded_data.rs") {
            continue;
        }
        // Macro definitions are tables and templates, not functions.
        let code = blank_macro_rules(&s.code);
        let b = code.as_bytes();
        let line_of = |at: usize| b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        let mut from = 0;
        while let Some(at) = find(b, b"fn ", from) {
            from = at + 3;
            let word_start = at == 0 || !ident_char(code[..at].chars().last().as_ref());
            let name: String = code[at + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !word_start || name.is_empty() {
                continue;
            }
            // The body: the first `{` before any `;` (a declaration without body has none).
            let Some(k) = b[at..].iter().position(|&c| c == b'{' || c == b';') else {
                continue;
            };
            if b[at + k] == b';' {
                continue;
            }
            let end = matching_brace(b, at + k);
            let lines = line_of(end) - line_of(at) + 1;
            if lines > MAX_FN_LINES {
                long.push(format!(
                    "{}:{} fn {name}: {lines} lines",
                    s.file.display(),
                    line_of(at)
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        long.join("\n")
    );
}

/// Blanks the bodies of `macro_rules!` definitions.
fn blank_macro_rules(code: &str) -> String {
    let mut b = code.as_bytes().to_vec();
    let mut from = 0;
    while let Some(at) = find(&b, b"macro_rules!", from) {
        let Some(k) = b[at..].iter().position(|&c| c == b'{') else {
            break;
        };
        let end = matching_brace(&b, at + k);
        for c in &mut b[at..=end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        from = end;
    }
    String::from_utf8(b).unwrap()
}

#[test]
fn the_reader_sees_what_it_must() {
    // The checks above are only as good as the reading: a known edge, a known module, a known function.
    let srcs = sources();
    let g = graph(&srcs);
    let m = |s: &str| -> ModPath { s.split("::").map(String::from).collect() };
    assert!(g[&m("wallet::quota")].contains_key(&m("wallet::advice")));
    assert!(g[&m("json")].contains_key(&m("settlement")));
    assert!(g[&m("policy")].contains_key(&m("codec")));
    let blanked =
        blank_comments_and_literals("let a = \"crate::json\"; // crate::json\nlet c = '\"';");
    assert!(!blanked.contains("crate"), "{blanked}");
    assert_eq!(blanked.matches('"').count(), 2, "{blanked}");
}
