//! What `check` needs to know about the journal's own folders and files: each must be what it
//! should be (a real folder, a regular file), never a symbolic link, FIFO or device.

use std::fs;
use std::path::{Path, PathBuf};

use super::disk::{check_inner_dirs, kind_of};
use super::promise_index::PROMISE_INDEX_DIR;
use super::{CUSTOMERS_DIR, Upkeep};
use crate::config;

impl Upkeep<'_> {
    /// Every folder or file of the journal's own layout that is not what it should be, with
    /// what to do about it: `customers/`, `.cache/`, `.cache/promises` and its files,
    /// `coltiva.toml`, `.gitignore`, `.gitattributes`. Missing ones are fine. Nothing is
    /// followed or read.
    pub fn layout_problems(&self) -> Vec<(PathBuf, String)> {
        let mut found = Vec::new();
        for (rel, cache) in [
            (CUSTOMERS_DIR, false),
            (".cache", true),
            (PROMISE_INDEX_DIR, true),
        ] {
            if let Err(e) = check_inner_dirs(&self.journal.root, rel) {
                let path = self.journal.root.join(rel);
                // Name the first bad component once (`.cache` as a link also breaks
                // `.cache/promises`).
                if !found
                    .iter()
                    .any(|(p, _): &(PathBuf, String)| path.starts_with(p))
                {
                    let mut message = e.to_string();
                    if cache {
                        message.push_str(" (it is only a cache: deleting it is safe)");
                    }
                    let bad = first_bad(&self.journal.root, rel).unwrap_or(path);
                    found.push((bad, message));
                }
            }
        }
        let regular = |path: PathBuf, found: &mut Vec<(PathBuf, String)>| {
            if let Ok(meta) = fs::symlink_metadata(&path)
                && !meta.file_type().is_file()
            {
                found.push((
                    path,
                    format!(
                        "should be a regular file but is {}; coltiva never follows or reads it: replace it with a regular file (or move it out of the journal)",
                        kind_of(&meta.file_type())
                    ),
                ));
            }
        };
        for name in [config::SETTINGS_FILE, ".gitignore", ".gitattributes"] {
            regular(self.journal.root.join(name), &mut found);
        }
        if check_inner_dirs(&self.journal.root, PROMISE_INDEX_DIR).is_ok()
            && let Ok(entries) = fs::read_dir(self.journal.root.join(PROMISE_INDEX_DIR))
        {
            for entry in entries.flatten() {
                regular(entry.path(), &mut found);
            }
        }
        found
    }
}

/// The first component along `rel` below `root` that is a link or not a folder.
fn first_bad(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        path.push(part);
        let meta = fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() || !meta.is_dir() {
            return Some(path);
        }
    }
    None
}

#[cfg(test)]
#[cfg(unix)]
mod mutant_tests {
    use super::*;
    use crate::storage::Journal;
    use std::os::unix::fs::symlink;

    #[test]
    fn each_bad_part_of_the_layout_is_named_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        Journal::init(root).unwrap();
        let j = Journal::open(root.to_path_buf(), config::Source::Flag).unwrap();
        assert!(j.upkeep().layout_problems().is_empty());
        // `.cache` a link: named once (not again for `.cache/promises`), as only a cache.
        symlink("/tmp", root.join(".cache")).unwrap();
        fs::create_dir(root.join(".gitignore")).unwrap();
        let found = j.upkeep().layout_problems();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, root.join(".cache"));
        assert!(found[0].1.contains("is a symbolic link"), "{found:?}");
        assert!(
            found[0]
                .1
                .ends_with("(it is only a cache: deleting it is safe)")
        );
        assert_eq!(found[1].0, root.join(".gitignore"));
        assert!(
            found[1]
                .1
                .starts_with("should be a regular file but is a folder"),
            "{found:?}"
        );
        // customers/ a file: named, and not as a cache.
        fs::remove_file(root.join(".cache")).unwrap();
        fs::remove_dir(root.join(".gitignore")).unwrap();
        fs::remove_dir(root.join("customers")).unwrap();
        fs::write(root.join("customers"), "x").unwrap();
        let found = j.upkeep().layout_problems();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, root.join("customers"));
        assert!(!found[0].1.contains("only a cache"));
        // A link inside the promise index: named by its own path.
        fs::remove_file(root.join("customers")).unwrap();
        fs::create_dir_all(root.join(PROMISE_INDEX_DIR)).unwrap();
        symlink("/etc/passwd", root.join(PROMISE_INDEX_DIR).join("ab")).unwrap();
        let found = j.upkeep().layout_problems();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, root.join(PROMISE_INDEX_DIR).join("ab"));
        // The first bad component of a deeper path.
        assert_eq!(first_bad(root, ".cache/promises"), None);
        fs::remove_dir_all(root.join(".cache")).unwrap();
        fs::create_dir(root.join(".cache")).unwrap();
        fs::write(root.join(PROMISE_INDEX_DIR), "x").unwrap();
        assert_eq!(
            first_bad(root, ".cache/promises"),
            Some(root.join(PROMISE_INDEX_DIR))
        );
    }
}
