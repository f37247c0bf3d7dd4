//! What `check` needs to know about the journal's own folders and files: each must be what it
//! should be (a real folder, a regular file), never a symbolic link, FIFO or device.

use super::*;

impl Journal {
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
            if let Err(e) = check_inner_dirs(&self.root, rel) {
                let path = self.root.join(rel);
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
                    let bad = first_bad(&self.root, rel).unwrap_or(path);
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
            regular(self.root.join(name), &mut found);
        }
        if check_inner_dirs(&self.root, PROMISE_INDEX_DIR).is_ok()
            && let Ok(entries) = fs::read_dir(self.root.join(PROMISE_INDEX_DIR))
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
