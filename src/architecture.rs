//! Tests of the house rules ARCHITECTURE.md states, where a test can check them: no import
//! circle between the top-level modules of `src/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a file of `src/` belongs to (`storage` for `src/storage/disk.rs`);
/// None for `lib.rs` and `main.rs`, which may call anything.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// The top-level modules named by `crate::…` paths in `code` (`crate::storage::Journal`,
/// `crate::{config, storage}`).
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let word = |s: &str| {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    for (i, _) in code.match_indices("crate::") {
        // `$crate::` is a macro's path, not this crate's.
        if code[..i].ends_with('$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Names at the group's first level: `{a::b, c, d::{e, f}}` → a, c, d.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && depth == 0 && !c.is_whitespace() => {
                        found.insert(word(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(word(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// The code of a file that the build uses outside tests: its lines before the first
/// `#[cfg(test)]`, without comments.
fn code_of(text: &str) -> String {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which top-level module calls which, read from every file of `src/`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let Some(module) = module_of(path.strip_prefix(&src).unwrap()) else {
                continue;
            };
            let code = code_of(&std::fs::read_to_string(&path).unwrap());
            let calls = graph.entry(module.clone()).or_default();
            for called in named_modules(&code) {
                if called != module {
                    calls.insert(called);
                }
            }
        }
    }
    graph
}

/// The circles of `graph`: its sets of two or more modules that each reach all the others.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut next = vec![from];
        while let Some(v) = next.pop() {
            for w in graph.get(v).into_iter().flatten() {
                if seen.insert(w.as_str()) {
                    next.push(w);
                }
            }
        }
        seen
    };
    let mut found: Vec<Vec<String>> = Vec::new();
    for v in graph.keys() {
        let mut set: Vec<String> = reach(v)
            .into_iter()
            .filter(|w| reach(w).contains(v.as_str()))
            .map(String::from)
            .collect();
        set.sort();
        if set.len() > 1 && !found.contains(&set) {
            found.push(set);
        }
    }
    found
}

#[test]
fn paths_name_their_top_level_modules() {
    let code = "use crate::storage::Journal;\nuse crate::{config::Settings, ids, model::{At, Record}};\nlet x = crate::dates::parse(y); $crate::app::x();";
    let found: Vec<String> = named_modules(code).into_iter().collect();
    assert_eq!(found, ["config", "dates", "ids", "model", "storage"]);
    assert_eq!(
        code_of("use crate::a;\n// crate::b\n#[cfg(test)]\nuse crate::c;"),
        "use crate::a;"
    );
}

#[test]
fn a_circle_is_found_and_named() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a", "d"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(circles(&graph), [["a", "b", "c"]]);
}

/// ARCHITECTURE.md: the arrows point down. A module that calls one above it closes a circle;
/// the message names the modules and which calls which.
#[test]
fn no_module_of_src_is_in_an_import_circle() {
    let graph = module_graph();
    assert!(
        graph.contains_key("storage") && graph.contains_key("cmd"),
        "{graph:?}"
    );
    let found = circles(&graph);
    let named: Vec<String> = found
        .iter()
        .map(|set| {
            let edges: Vec<String> = set
                .iter()
                .flat_map(|a| {
                    graph[a]
                        .iter()
                        .filter(|b| set.contains(b))
                        .map(move |b| format!("{a} → {b}"))
                })
                .collect();
            format!("{{{}}}: {}", set.join(", "), edges.join(", "))
        })
        .collect();
    assert!(found.is_empty(), "import circles in src/: {named:#?}");
}
