//! Renaming a customer (`coltiva rename OLD NEW`): its file moves, byte for byte, so the
//! header's uid, every record and every promise id go with it.

use std::fs;
use std::path::{Path, PathBuf};

use super::Upkeep;
use super::disk::{check_inner_dirs, open_locked, sync_dir};
use super::promise_index::PROMISE_INDEX_DIR;
use crate::error::{Error, IoContext, Refusal, Result};
use crate::ids::validate_id;

impl Upkeep<'_> {
    /// Moves `customers/OLD.toml` (and its `.toml.rej`, if any) to `NEW`, never over an
    /// existing customer, under the old file's lock: a writer waiting for that lock finds the
    /// file gone and says so instead of writing into a file no longer in the journal. The
    /// undo record and the promise index, which name the old id, are dropped (both are
    /// caches of this machine; lookups then read the files). Returns the old and new paths.
    pub fn rename_customer(&self, old: &str, new: &str) -> Result<(PathBuf, PathBuf)> {
        validate_id(new)?;
        let from = self.journal.customer_path(old)?;
        let to = self.journal.customer_path(new)?;
        let file = open_locked(&from, old)?;
        let taken = || {
            Error::Refused(Refusal::IdTaken {
                id: new.to_string(),
                path: to.clone(),
            })
        };
        if fs::symlink_metadata(&to).is_ok() {
            return Err(taken());
        }
        // A hard link never replaces an existing file: two renames racing for one id cannot
        // both win. Where links are not supported, a plain rename after the check above.
        match fs::hard_link(&from, &to) {
            Ok(()) => {
                fs::remove_file(&from)
                    .ctx(|| format!("could not remove {} after linking it", from.display()))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(taken()),
            Err(_) => {
                fs::rename(&from, &to).map_err(|e| not_moved(&from, &to, e))?;
            }
        }
        drop(file);
        let rej = from.with_extension("toml.rej");
        if fs::symlink_metadata(&rej).is_ok() {
            let moved = to.with_extension("toml.rej");
            fs::rename(&rej, &moved).map_err(|e| not_moved(&rej, &moved, e))?;
        }
        sync_dir(&self.journal.customers_dir())?;
        self.journal.undo_log().forget();
        if check_inner_dirs(&self.journal.root, PROMISE_INDEX_DIR).is_ok() {
            let _ = fs::remove_file(self.journal.root.join(PROMISE_INDEX_DIR).join("stamp"));
        }
        Ok((from, to))
    }
}

/// A file that could not be moved, with the system's words.
fn not_moved(from: &Path, to: &Path, e: std::io::Error) -> Error {
    Error::Refused(Refusal::NotMoved {
        from: from.to_path_buf(),
        to: to.to_path_buf(),
        error: e.to_string(),
    })
}
