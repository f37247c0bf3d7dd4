//! Tests of the house rules ARCHITECTURE.md states, where a test can check them: its map of
//! the top-level modules of `src/` is the code, in call order (so there is no import circle).

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

/// The modules of ARCHITECTURE.md's map (its first code block), top to bottom: the names
/// that begin its lines (`cmd/`, `import.rs`, `ids.rs  text.rs  error.rs`).
fn map_order(doc: &str) -> Vec<String> {
    let map = doc.split("```").nth(1).unwrap_or_default();
    let mut order = Vec::new();
    for line in map.lines().filter(|l| !l.starts_with(' ')) {
        for word in line.split_whitespace() {
            let Some(name) = word.strip_suffix(".rs").or_else(|| word.strip_suffix('/')) else {
                break;
            };
            order.push(name.to_string());
        }
    }
    order
}

#[test]
fn the_map_is_read_from_the_lines_it_begins() {
    let doc = "x\n```\nmain.rs → lib.rs::main  run\ncmd/   thin\n       more/ words\nids.rs  error.rs   ids\n```\n";
    assert_eq!(map_order(doc), ["main", "cmd", "ids", "error"]);
}

/// ARCHITECTURE.md: every module of `src/` is on the map and calls only modules below it, so
/// there is no import circle. The message names the call that points up or the module missing.
#[test]
fn every_module_is_on_the_map_and_calls_only_modules_below_it() {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ARCHITECTURE.md");
    let order = map_order(&std::fs::read_to_string(doc).unwrap());
    let graph = module_graph();
    assert!(
        graph.contains_key("storage") && graph.contains_key("cmd"),
        "{graph:?}"
    );
    let place = |m: &str| order.iter().position(|o| o == m);
    let mut wrong = Vec::new();
    // `architecture` is this file, built only for the tests.
    for (module, calls) in graph.iter().filter(|(m, _)| *m != "architecture") {
        let Some(at) = place(module) else {
            wrong.push(format!("{module} is not on the map"));
            continue;
        };
        for called in calls {
            if place(called).is_none_or(|below| below <= at) {
                wrong.push(format!(
                    "{module} → {called} points up (or {called} is not on the map)"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md's map is not the code: {wrong:#?}"
    );
}
