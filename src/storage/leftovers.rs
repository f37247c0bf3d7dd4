//! What an interrupted command leaves behind, found and cleaned by a later one: the temporary
//! files of a write (`customers/<id>.toml.tmp-PID`, from an import or an edit of a header
//! stopped by Ctrl-C, SIGTERM or a crash) and the private copies of `coltiva edit`
//! (`.cache/edit/PID-…/`). Only what belongs to a process that is gone, or is a day old, is
//! removed: a coltiva running now keeps its files.

use std::fs;
use std::path::{Path, PathBuf};

use super::Upkeep;
use super::disk::{check_inner_dirs, create_dir_private, sync_dir};
use crate::error::Result;

/// A leftover is removed when its process is gone, or after this long whatever the process.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// The process that made a leftover, from its name: `NAME.tmp-PID` or `PID-…`.
pub fn leftover_pid(name: &str) -> Option<u32> {
    match name.rsplit_once(".tmp-") {
        Some((_, pid)) => pid.parse().ok(),
        None => name.split_once('-').and_then(|(pid, _)| pid.parse().ok()),
    }
}

/// True while process `pid` runs (on Linux, `/proc/PID` exists). Elsewhere, and for this
/// process, true: only age makes a leftover stale there.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// True when the leftover at `path` made by `pid` may go: its process is gone, or it is old.
pub fn is_stale(path: &Path, pid: u32) -> bool {
    let old = fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER);
    old || !process_alive(pid)
}

impl Upkeep<'_> {
    /// Removes the stale temporary files (`*.tmp-PID`, regular files only) in `customers/`,
    /// best effort; returns their paths. Run by the commands that make such files.
    pub fn clean_stale_temp_files(&self) -> Vec<PathBuf> {
        let mut removed = Vec::new();
        let Ok(entries) = self.journal.scan() else {
            return removed;
        };
        for entry in entries {
            let Some(pid) = leftover_pid(&entry.name).filter(|_| entry.name.contains(".tmp-"))
            else {
                continue;
            };
            let is_file = fs::symlink_metadata(&entry.path).is_ok_and(|m| m.is_file());
            if is_file && is_stale(&entry.path, pid) && fs::remove_file(&entry.path).is_ok() {
                removed.push(entry.path);
            }
        }
        if !removed.is_empty() {
            let _ = sync_dir(&self.journal.customers_dir());
        }
        removed
    }

    /// The folder of `coltiva edit`'s private copies, `.cache/edit/` (0700), created when
    /// missing; the copies an interrupted edit left there are removed first.
    pub(super) fn edit_dir(&self) -> Result<PathBuf> {
        check_inner_dirs(&self.journal.root, ".cache")?;
        let cache = self.journal.root.join(".cache");
        create_dir_private(&cache)?;
        check_inner_dirs(&cache, "edit")?;
        let dir = cache.join("edit");
        create_dir_private(&dir)?;
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if let Some(pid) = leftover_pid(&name).filter(|_| is_dir)
                    && is_stale(&entry.path(), pid)
                {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
        Ok(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::testutil::*;

    #[test]
    fn leftovers_are_named_by_their_process() {
        assert_eq!(leftover_pid("acme.toml.tmp-4242"), Some(4242));
        assert_eq!(leftover_pid("4242-x7Qa"), Some(4242));
        assert_eq!(leftover_pid("kept-4242-x7Qa"), None);
        assert_eq!(leftover_pid("acme.toml.tmp-"), None);
        assert_eq!(leftover_pid("acme.toml"), None);
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn only_the_temp_files_of_gone_processes_are_removed() {
        let (dir, j) = journal();
        let customers = dir.path().join("customers");
        // PID 4194305 is above Linux's largest (4194304): never a running process.
        let gone = customers.join("acme.toml.tmp-4194305");
        let mine = customers.join(format!("bolt.toml.tmp-{}", std::process::id()));
        let folder = customers.join("dir.toml.tmp-4194305");
        fs::write(&gone, "x").unwrap();
        fs::write(&mine, "x").unwrap();
        fs::create_dir(&folder).unwrap();
        assert_eq!(j.upkeep().clean_stale_temp_files(), vec![gone.clone()]);
        assert!(!gone.exists() && mine.exists() && folder.is_dir());
    }
}
