//! One direction of dependencies between the top-level modules of `src/`
//! (issue 30 item 3): no cycle among them, and none of the arrows the
//! architecture forbids (docs/architecture.md): domain ← store ← sync ←
//! render/i18n ← tui/cli. Read from the source text: every `crate::module`
//! path and every name in a `use crate::{…}` group, outside comments and the
//! `#[cfg(test)]` part that ends a file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module → the modules it names, each with one file that does.
type Graph = BTreeMap<String, BTreeMap<String, PathBuf>>;

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

/// The top-level module a file belongs to.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    if name == "lib" || name == "main" {
        return None;
    }
    Some(name.into())
}

fn is_ident(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

/// The modules `code` names through `crate::`.
fn named(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a, b::c, d::{e}}`: the names at depth one.
            let mut depth = 1;
            let mut word = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => at_start = true,
                    _ if depth == 1 && at_start && is_ident(c) => word.push(c),
                    _ if depth == 1 && at_start && !word.is_empty() => {
                        out.insert(std::mem::take(&mut word));
                        at_start = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
            if !word.is_empty() {
                out.insert(word);
            }
        } else {
            let word: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !word.is_empty() {
                out.insert(word);
            }
        }
    }
    out
}

/// The part of a file that ships: before its `#[cfg(test)]` tail, without
/// comment lines.
fn shipped(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or_default();
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut g = Graph::new();
    for file in &files {
        let Some(from) = module_of(&src, file) else {
            continue;
        };
        if file.to_string_lossy().ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let edges = g.entry(from.clone()).or_default();
        for to in named(&shipped(&text)) {
            if to != from && modules.contains(&to) {
                edges.entry(to).or_insert_with(|| file.clone());
            }
        }
    }
    g
}

/// A cycle through `start`, as the modules on it.
fn cycle_from(g: &Graph, start: &str) -> Option<Vec<String>> {
    fn walk(
        g: &Graph,
        at: &str,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in g.get(at).into_iter().flat_map(|e| e.keys()) {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(g, next, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(g, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_two_top_level_modules_depend_on_each_other() {
    let g = graph();
    assert!(g.len() > 10, "the source was read: {:?}", g.keys());
    let mut found = Vec::new();
    for m in g.keys() {
        if let Some(cycle) = cycle_from(&g, m) {
            let steps: Vec<String> = cycle
                .iter()
                .zip(cycle.iter().cycle().skip(1))
                .map(|(a, b)| format!("{a} → {b} ({})", g[a][b].display()))
                .collect();
            found.push(steps.join(", "));
        }
    }
    assert!(found.is_empty(), "dependency cycles:\n{}", found.join("\n"));
}

#[test]
fn no_arrow_against_the_layers() {
    let g = graph();
    let never: &[(&str, &[&str])] = &[
        (
            "domain",
            &[
                "store", "sync", "render", "i18n", "print", "tui", "cli", "files", "settings",
            ],
        ),
        (
            "store",
            &["sync", "render", "i18n", "print", "tui", "cli", "settings"],
        ),
        ("sync", &["render", "i18n", "print", "tui", "cli"]),
        ("render", &["tui", "cli"]),
        ("i18n", &["tui", "cli"]),
        ("files", &["store", "sync", "domain"]),
        ("crypto", &["store", "sync", "domain", "files"]),
    ];
    let mut wrong = Vec::new();
    for (from, forbidden) in never {
        for to in *forbidden {
            if let Some(file) = g.get(*from).and_then(|e| e.get(*to)) {
                wrong.push(format!("{from} → {to} ({})", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_sees_paths_groups_and_skips_comments_and_tests() {
    let code = "use crate::store::{Store, files};\nuse crate::{domain::x, sync};\n// crate::tui\nfn f() { crate::clock::now(); }\n#[cfg(test)]\nmod tests { use crate::cli; }";
    let got = named(&shipped(code));
    let want: BTreeSet<String> = ["store", "domain", "sync", "clock"]
        .map(String::from)
        .into();
    assert_eq!(got, want);
}
