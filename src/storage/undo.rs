//! The undo journal: a small local record (`.cache/undo.json`, ignored by git, so it is about
//! this machine only) of the last write coltiva made to a customer file, and `coltiva undo`,
//! which takes that write back only while the file still ends with exactly what it left.
//!
//! Three kinds of write are recorded, each by one call at the end of the write path:
//! - an append (`log`, `order`, `promise`, `keep`, `break`, `cancel`, `renegotiate`, `phase`):
//!   the length before and the bytes appended. Undo truncates back to that length;
//! - a header replace (`set`): the whole file before and after. Undo puts the old file back;
//! - a new customer file (`add`): its bytes. Undo removes the file.
//!
//! A write that is not recorded (an import, `repair`, `edit`, `forget`) clears the record, so
//! undo never reaches past it to an older write. Recording is best effort after the write is
//! durable: if it fails, the write stands and undo refuses (the old record no longer matches,
//! or there is none).

use serde::Deserialize;

use super::*;

const UNDO_FILE: &str = ".cache/undo.json";

/// What the last write did, exactly enough to take it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "write", rename_all = "snake_case")]
pub enum UndoChange {
    Append {
        length_before: u64,
        appended: String,
    },
    Replace {
        before: String,
        after: String,
    },
    Create {
        content: String,
    },
}

/// The record of the last write: the customer, its file (relative to the journal) and the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndoEntry {
    pub customer: String,
    pub file: String,
    pub change: UndoChange,
}

impl UndoEntry {
    /// What taking it back means, for people.
    pub fn describe(&self) -> String {
        match &self.change {
            UndoChange::Append { appended, .. } => format!(
                "the {} appended to {}",
                if appended.matches("\n[[").count() + usize::from(appended.starts_with("[[")) > 1 {
                    "records"
                } else {
                    "record"
                },
                self.file
            ),
            UndoChange::Replace { .. } => format!("the header edit of {}", self.file),
            UndoChange::Create { .. } => format!("the creation of {}", self.file),
        }
    }

    /// The bytes that undo would remove (the appended records, the new header or file).
    pub fn taken_back(&self) -> String {
        match &self.change {
            UndoChange::Append { appended, .. } => appended.clone(),
            UndoChange::Replace { before, after } => {
                let end = |t: &str| t[..header_end(t)].to_string();
                format!("header now:\n{}header before:\n{}", end(after), end(before))
            }
            UndoChange::Create { content } => content.clone(),
        }
    }
}

/// What `coltiva undo` did.
#[derive(Debug)]
pub struct Undone {
    pub entry: UndoEntry,
    /// The file that changed (removed, for a creation).
    pub path: PathBuf,
}

impl Journal {
    fn undo_path(&self) -> PathBuf {
        self.root.join(UNDO_FILE)
    }

    /// Records the last write (best effort; see the module documentation).
    pub(super) fn note_write(&self, id: &str, change: UndoChange) {
        let path = self.undo_path();
        // Never through a link planted at `.cache` (see docs/DURABILITY.md, "Links, FIFOs").
        if check_inner_dirs(&self.root, ".cache").is_err() {
            return;
        }
        let _ = fs::remove_file(&path);
        let entry = UndoEntry {
            customer: id.to_string(),
            file: format!("{CUSTOMERS_DIR}/{id}.{EXTENSION}"),
            change,
        };
        if let Ok(bytes) = serde_json::to_vec(&entry)
            && let Some(dir) = path.parent()
            && create_dir_private(dir).is_ok()
        {
            let _ = write_cache_file(&path, &bytes);
        }
    }

    /// Records an append: the file's length before it (read under the same lock) and the chunk.
    pub(super) fn note_append(&self, id: &str, file: &File, chunk: &str) {
        if let Ok(meta) = file.metadata() {
            let length_before = meta.len().saturating_sub(chunk.len() as u64);
            self.note_write(
                id,
                UndoChange::Append {
                    length_before,
                    appended: chunk.to_string(),
                },
            );
        }
    }

    /// Records a header replace: the decoded text before (with its byte-order mark, if it had
    /// one) and the new file's text.
    pub(super) fn note_replace(&self, id: &str, bom: bool, before: &str, after: String) {
        let before = if bom {
            format!("\u{feff}{before}")
        } else {
            before.to_string()
        };
        self.note_write(id, UndoChange::Replace { before, after });
    }

    /// Forgets the record: the last write (an import, a repair, an edit) cannot be undone, and
    /// undo must not reach past it.
    pub fn forget_undo(&self) {
        if check_inner_dirs(&self.root, ".cache").is_err() {
            return;
        }
        let _ = fs::remove_file(self.undo_path());
    }

    /// The recorded last write, if any.
    pub fn last_write(&self) -> Result<Option<UndoEntry>> {
        let path = self.undo_path();
        // No-follow, non-blocking, regular files only: a link or a FIFO is refused, not read.
        check_inner_dirs(&self.root, ".cache")?;
        let bytes = match read_bytes(&path) {
            Ok(bytes) => bytes,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Error::Invalid(format!(
                "{} is damaged ({e}); delete it (undo then has nothing to take back)",
                path.display()
            ))
        })
    }

    /// Takes back the recorded last write, when the file still holds exactly what it left;
    /// otherwise refuses with the reason and changes nothing. With `dry_run`, only checks.
    pub fn undo(&self, dry_run: bool) -> Result<Undone> {
        let Some(entry) = self.last_write()? else {
            return Err(Error::Invalid(
                "there is nothing to undo: no write from this machine is recorded since the last undo, import, repair or edit".into(),
            ));
        };
        let path = self.customer_path(&entry.customer)?;
        let changed = |why: &str| {
            Error::Invalid(format!(
                "cannot undo {}: {why}; nothing was changed (look at it with `coltiva show {}`, fix it with `coltiva edit {}`)",
                entry.describe(),
                entry.customer,
                entry.customer
            ))
        };
        if !path.exists() {
            return Err(changed("the file is gone"));
        }
        let mut file = open_locked(&path, &entry.customer)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .ctx(|| format!("could not read {}", path.display()))?;
        let later = "the file was changed after that write (another write or an edit)";
        match &entry.change {
            UndoChange::Append {
                length_before,
                appended,
            } => {
                let start = usize::try_from(*length_before).unwrap_or(usize::MAX);
                if bytes.len() != start.saturating_add(appended.len())
                    || bytes.get(start..) != Some(appended.as_bytes())
                {
                    return Err(changed(later));
                }
                if !dry_run {
                    file.set_len(*length_before)
                        .ctx(|| format!("could not shorten {}", path.display()))?;
                    file.sync_data()
                        .ctx(|| format!("could not flush {} to disk", path.display()))?;
                }
            }
            UndoChange::Replace { before, after } => {
                if bytes != after.as_bytes() {
                    return Err(changed(later));
                }
                if !dry_run {
                    let permissions = file.metadata().map(|m| m.permissions()).ok();
                    replace_file(&path, before.as_bytes(), permissions)?;
                }
            }
            UndoChange::Create { content } => {
                if bytes != content.as_bytes() {
                    return Err(changed(later));
                }
                if !dry_run {
                    fs::remove_file(&path)
                        .ctx(|| format!("could not remove {}", path.display()))?;
                    sync_dir(&self.customers_dir());
                }
            }
        }
        drop(file);
        if !dry_run {
            self.forget_undo();
        }
        Ok(Undone { entry, path })
    }
}
