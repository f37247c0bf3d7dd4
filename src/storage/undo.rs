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

use std::fs;
use std::fs::File;
use std::path::PathBuf;

use serde::Deserialize;
use serde::Serialize;

use super::codec::header_end;
use super::disk::{
    check_inner_dirs, create_dir_private, failed, is_not_found, read_bytes, read_locked, sync_dir,
    write_cache_file,
};
use super::{CUSTOMERS_DIR, EXTENSION, Journal};
use crate::error::{Doing, Error, IoContext, Refusal, Result};
use crate::model::Record;

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
    /// The file, as this system writes paths (`customers\\acme.toml` on Windows); stored
    /// with `/` in the undo file.
    fn shown_file(&self) -> String {
        crate::config::native_path(&self.file, cfg!(windows))
    }

    /// What taking it back means, as facts: the command words them in the journal's
    /// language (storage words nothing for people).
    pub fn taken(&self) -> TakenBack {
        let file = self.shown_file();
        match &self.change {
            UndoChange::Append { appended, .. } => TakenBack::Appended {
                file,
                many: appended.matches("\n[[").count() + usize::from(appended.starts_with("[["))
                    > 1,
                records: appended_records(appended),
            },
            UndoChange::Replace { before, after } => TakenBack::HeaderEdit {
                file,
                changes: header_changes(before, after),
            },
            UndoChange::Create { content } => TakenBack::Creation {
                file,
                name: header_table(content)
                    .get("name")
                    .and_then(|n| n.as_str().map(str::to_string)),
            },
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

/// The header of a customer file's text as a table (empty when it does not read).
fn header_table(text: &str) -> toml::Table {
    let text = text.trim_start_matches('\u{feff}');
    toml::from_str(&text[..header_end(text)]).unwrap_or_default()
}

/// What a header edit changed, key by key: `cadence: none → 14d`, `territory: Bergamo →
/// Milano` (text as `show` prints attributes: strings bare, other values in TOML).
fn header_changes(before: &str, after: &str) -> Vec<String> {
    let (old, new) = (header_table(before), header_table(after));
    let shown = |v: Option<&toml::Value>| match v {
        None => "none".to_string(),
        Some(toml::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| format!("{k}: {} → {}", shown(old.get(k)), shown(new.get(k))))
        .collect()
}

/// The records of an appended chunk, in the order written (each `[[kind]]` table read alone;
/// a part that does not read is left out of the description, never guessed).
fn appended_records(chunk: &str) -> Vec<Record> {
    let mut starts: Vec<usize> = chunk.match_indices("\n[[").map(|(i, _)| i + 1).collect();
    if chunk.starts_with("[[") {
        starts.insert(0, 0);
    }
    let mut records = Vec::new();
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(chunk.len());
        let Ok(part) = toml::from_str::<crate::model::Records>(&chunk[*start..end]) else {
            continue;
        };
        records.extend(part.in_file_order());
    }
    records
}

/// What `undo` takes back ([`UndoEntry::taken`]), for the command to word.
#[derive(Debug, Clone)]
pub enum TakenBack {
    /// Records appended to `file` (`many`: more than one; `records`: those that parse).
    Appended {
        file: String,
        many: bool,
        records: Vec<Record>,
    },
    /// A header edit of `file`: each change as `key: old → new`.
    HeaderEdit { file: String, changes: Vec<String> },
    /// The creation of `file`, with the customer's name when it reads.
    Creation { file: String, name: Option<String> },
}

/// Why `undo` changed nothing, for the command to word ([`Journal::undo`]).
#[derive(Debug)]
pub enum Refused {
    /// No write from this machine is recorded since the last undo, import, repair or edit.
    Nothing,
    /// The customer file of the last write is gone.
    Gone(UndoEntry),
    /// The file was changed after that write (another write or an edit).
    Changed(UndoEntry),
}

/// What `coltiva undo` did.
#[derive(Debug)]
pub struct Undone {
    pub entry: UndoEntry,
    /// The file that changed (removed, for a creation).
    pub path: PathBuf,
}

/// The record of the last write made from this machine ([`UNDO_FILE`] under the journal's
/// root): noted by every write, read and cleared by `undo`, cleared by the writes undo must
/// not reach past.
pub struct UndoLog<'j> {
    journal: &'j Journal,
}

impl Journal {
    pub fn undo_log(&self) -> UndoLog<'_> {
        UndoLog { journal: self }
    }
}

impl UndoLog<'_> {
    fn path(&self) -> PathBuf {
        self.journal.root.join(UNDO_FILE)
    }

    /// Records the last write (best effort; see the module documentation).
    pub(super) fn note(&self, id: &str, change: UndoChange) {
        let path = self.path();
        // Never through a link planted at `.cache` (see docs/DURABILITY.md, "Links, FIFOs").
        if check_inner_dirs(&self.journal.root, ".cache").is_err() {
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
            self.note(
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
        self.note(id, UndoChange::Replace { before, after });
    }

    /// Forgets the record: the last write (an import, a repair, an edit) cannot be undone, and
    /// undo must not reach past it.
    pub fn forget(&self) {
        if check_inner_dirs(&self.journal.root, ".cache").is_err() {
            return;
        }
        let _ = fs::remove_file(self.path());
    }

    /// The recorded last write, if any.
    pub fn last(&self) -> Result<Option<UndoEntry>> {
        let path = self.path();
        // No-follow, non-blocking, regular files only: a link or a FIFO is refused, not read.
        check_inner_dirs(&self.journal.root, ".cache")?;
        let bytes = match read_bytes(&path) {
            Ok(bytes) => bytes,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Error::Refused(Refusal::UndoLogDamaged {
                path: path.to_path_buf(),
                error: e.to_string(),
            })
        })
    }
}

impl UndoLog<'_> {
    /// Takes back the recorded last write, when the file still holds exactly what it left;
    /// otherwise refuses ([`Refused`], the inner error) and changes nothing. With `dry_run`,
    /// only checks.
    pub fn undo(&self, dry_run: bool) -> Result<std::result::Result<Undone, Refused>> {
        let Some(entry) = self.last()? else {
            return Ok(Err(Refused::Nothing));
        };
        let path = self.journal.customer_path(&entry.customer)?;
        if !path.exists() {
            return Ok(Err(Refused::Gone(entry)));
        }
        // A dry run writes nothing: it reads without the writers' lock (which needs the file
        // open for writing), so it works on a read-only journal.
        let (mut file, bytes) = if dry_run {
            (None, read_bytes(&path)?)
        } else {
            let (file, bytes) = read_locked(&path, &entry.customer)?;
            (Some(file), bytes)
        };
        match &entry.change {
            UndoChange::Append {
                length_before,
                appended,
            } => {
                let start = usize::try_from(*length_before).unwrap_or(usize::MAX);
                if bytes.len() != start.saturating_add(appended.len())
                    || bytes.get(start..) != Some(appended.as_bytes())
                {
                    return Ok(Err(Refused::Changed(entry)));
                }
                if let Some(file) = &file {
                    file.set_len(*length_before)
                        .ctx(|| format!("could not shorten {}", path.display()))?;
                    file.sync_data()
                        .ctx(|| format!("could not flush {} to disk", path.display()))?;
                }
            }
            UndoChange::Replace { before, after } => {
                if bytes != after.as_bytes() {
                    return Ok(Err(Refused::Changed(entry)));
                }
                if let Some(file) = file.take() {
                    let permissions = file.metadata().map(|m| m.permissions()).ok();
                    file.replace(&path, before.as_bytes(), permissions)?;
                }
            }
            UndoChange::Create { content } => {
                if bytes != content.as_bytes() {
                    return Ok(Err(Refused::Changed(entry)));
                }
                if file.is_some() {
                    fs::remove_file(&path).map_err(|e| failed(Doing::Remove, &path, e))?;
                    sync_dir(&self.journal.customers_dir())?;
                }
            }
        }
        // (The lock, when `file` was not consumed by a replace, is released at the end.)
        if !dry_run {
            self.forget();
        }
        Ok(Ok(Undone { entry, path }))
    }
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::storage::HeaderChange;
    use crate::storage::codec::records_chunk;
    use crate::storage::testutil::*;

    fn entry(change: UndoChange) -> UndoEntry {
        UndoEntry {
            customer: "acme".into(),
            file: "customers/acme.toml".into(),
            change,
        }
    }

    fn undo_error(j: &Journal) -> String {
        let refused = j.undo_log().undo(false).unwrap().unwrap_err();
        crate::cmd::undo::refusal(&refused, &crate::i18n::Style::MACHINE).to_string()
    }

    /// What `entry` takes back, in the English words `undo` says it.
    fn describe(entry: &UndoEntry) -> String {
        crate::cmd::undo::what(entry, &crate::i18n::Style::MACHINE)
    }

    #[test]
    fn describe_and_taken_back_say_what_undo_would_remove() {
        let one = records_chunk(&[call("first")], true).unwrap();
        let two = records_chunk(&[call("first"), call("second")], true).unwrap();
        let append = |appended: &str| {
            entry(UndoChange::Append {
                length_before: 40,
                appended: appended.into(),
            })
        };
        assert_eq!(
            describe(&append(&one)),
            "the record appended to customers/acme.toml (2026-11-20 call out: first)"
        );
        assert_eq!(append(&one).taken_back(), one);
        assert_eq!(
            describe(&append(&two)),
            "the records appended to customers/acme.toml (2026-11-20 call out: first; 2026-11-20 call out: second)"
        );
        assert_eq!(append(&two).taken_back(), two);

        let replace = entry(UndoChange::Replace {
            before: "schema = 1\nname = \"Old\"\n\n[[order]]\nat = 2026-11-20\n".into(),
            after: "schema = 1\nname = \"New\"\n\n[[order]]\nat = 2026-11-20\n".into(),
        });
        assert_eq!(
            describe(&replace),
            "the header edit of customers/acme.toml (name: Old → New)"
        );
        assert_eq!(
            replace.taken_back(),
            "header now:\nschema = 1\nname = \"New\"\n\nheader before:\nschema = 1\nname = \"Old\"\n\n"
        );

        let create = entry(UndoChange::Create {
            content: "schema = 1\nname = \"Acme\"\n".into(),
        });
        assert_eq!(
            describe(&create),
            "the creation of customers/acme.toml (Acme)"
        );
        assert_eq!(create.taken_back(), "schema = 1\nname = \"Acme\"\n");
    }

    #[test]
    fn each_write_is_recorded_in_the_undo_file_and_forget_undo_clears_it() {
        let (dir, j) = journal();
        let w = j.writer();
        let undo_file = dir.path().join(".cache/undo.json");
        assert_eq!(j.undo_log().last().unwrap(), None);

        w.create_customer("acme", &header("Acme")).unwrap();
        let created = text(&j, "acme");
        assert!(undo_file.is_file(), "the record is .cache/undo.json");
        assert_eq!(
            j.undo_log().last().unwrap(),
            Some(entry(UndoChange::Create {
                content: created.clone()
            }))
        );

        w.append_with("acme", |_| Ok((call("first"), ()))).unwrap();
        assert_eq!(
            j.undo_log().last().unwrap(),
            Some(entry(UndoChange::Append {
                length_before: created.len() as u64,
                appended: records_chunk(&[call("first")], true).unwrap(),
            }))
        );

        let before = text(&j, "acme");
        j.editor()
            .edit_header("acme", &[HeaderChange::Name("Acme Two".into())])
            .unwrap();
        assert_eq!(
            j.undo_log().last().unwrap(),
            Some(entry(UndoChange::Replace {
                before,
                after: text(&j, "acme"),
            }))
        );

        j.undo_log().forget();
        assert!(!undo_file.exists());
        assert_eq!(j.undo_log().last().unwrap(), None);
    }

    #[test]
    fn nothing_to_undo_when_no_write_is_recorded() {
        let (_dir, j) = journal();
        let err = undo_error(&j);
        assert!(err.starts_with("there is nothing to undo"), "{err}");
    }

    #[test]
    fn a_damaged_or_irregular_undo_file_is_an_error_not_an_empty_record() {
        let (dir, j) = journal();
        let undo_file = dir.path().join(".cache/undo.json");
        fs::create_dir_all(&undo_file).unwrap();
        let err = j.undo_log().last().unwrap_err().to_string();
        assert!(err.contains("is not a regular file"), "{err}");
        fs::remove_dir(&undo_file).unwrap();
        fs::write(&undo_file, "{").unwrap();
        let err = j.undo_log().last().unwrap_err().to_string();
        assert!(err.contains("is damaged"), "{err}");
    }

    #[test]
    fn undo_truncates_an_append_back_to_the_length_before() {
        let (_dir, j) = journal();
        let w = j.writer();
        w.create_customer("acme", &header("Acme")).unwrap();
        let created = text(&j, "acme");
        w.append_with("acme", |_| Ok((call("first"), ()))).unwrap();
        let appended = text(&j, "acme");

        // A dry run only checks: the file and the record stay.
        let checked = j.undo_log().undo(true).unwrap().unwrap();
        assert_eq!(
            describe(&checked.entry),
            "the record appended to customers/acme.toml (2026-11-20 call out: first)"
        );
        assert_eq!(checked.path, j.customer_path("acme").unwrap());
        assert_eq!(text(&j, "acme"), appended);
        assert!(j.undo_log().last().unwrap().is_some());

        let undone = j.undo_log().undo(false).unwrap().unwrap();
        assert_eq!(undone.path, j.customer_path("acme").unwrap());
        assert_eq!(text(&j, "acme"), created);
        assert_eq!(
            j.undo_log().last().unwrap(),
            None,
            "undo forgets what it undid"
        );
    }

    #[test]
    fn undo_refuses_when_the_appended_bytes_changed_since_the_write() {
        let (_dir, j) = journal();
        let w = j.writer();
        w.create_customer("acme", &header("Acme")).unwrap();
        w.append_with("acme", |_| Ok((call("first"), ()))).unwrap();
        let path = j.customer_path("acme").unwrap();

        // Same length, other bytes: still refused.
        let edited = text(&j, "acme").replace("first", "fir5t");
        fs::write(&path, &edited).unwrap();
        let err = undo_error(&j);
        assert!(
            err.starts_with("cannot undo the record appended to customers/acme.toml (2026-11-20 call out: first): the file was changed after that write"),
            "{err}"
        );
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(text(&j, "acme"), edited);

        // Longer (a later append by hand): refused.
        let longer = format!("{edited}# note\n").replace("fir5t", "first");
        fs::write(&path, &longer).unwrap();
        assert!(undo_error(&j).contains("the file was changed after that write"));
        assert_eq!(text(&j, "acme"), longer);
    }

    #[test]
    fn undo_refuses_when_the_file_is_gone() {
        let (_dir, j) = journal();
        j.writer().create_customer("acme", &header("Acme")).unwrap();
        fs::remove_file(j.customer_path("acme").unwrap()).unwrap();
        let err = undo_error(&j);
        assert!(
            err.starts_with("cannot undo the creation of customers/acme.toml (Acme): the file is gone; nothing was changed"),
            "{err}"
        );
    }

    #[test]
    fn undo_puts_the_old_header_back_only_while_the_file_is_as_edited() {
        let (_dir, j) = journal();
        let editor = j.editor();
        let w = j.writer();
        w.create_customer("acme", &header("Acme")).unwrap();
        w.append_with("acme", |_| Ok((call("first"), ()))).unwrap();
        let before = text(&j, "acme");
        editor
            .edit_header("acme", &[HeaderChange::Name("Acme Two".into())])
            .unwrap();
        let after = text(&j, "acme");

        j.undo_log().undo(true).unwrap().unwrap();
        assert_eq!(text(&j, "acme"), after, "a dry run changes nothing");
        let undone = j.undo_log().undo(false).unwrap().unwrap();
        assert_eq!(
            describe(&undone.entry),
            "the header edit of customers/acme.toml (name: Acme → Acme Two)"
        );
        assert_eq!(text(&j, "acme"), before);

        // Changed after the edit: refused.
        editor
            .edit_header("acme", &[HeaderChange::Name("Acme Three".into())])
            .unwrap();
        let edited = format!("{}# note\n", text(&j, "acme"));
        fs::write(j.customer_path("acme").unwrap(), &edited).unwrap();
        let err = undo_error(&j);
        assert!(
            err.starts_with("cannot undo the header edit of customers/acme.toml (name: Acme → Acme Three): the file was changed after that write"),
            "{err}"
        );
        assert_eq!(text(&j, "acme"), edited);
    }

    #[test]
    fn undo_removes_a_created_file_only_while_it_is_as_created() {
        let (_dir, j) = journal();
        let w = j.writer();
        let path = w.create_customer("acme", &header("Acme")).unwrap();
        j.undo_log().undo(true).unwrap().unwrap();
        assert!(path.is_file(), "a dry run changes nothing");
        let undone = j.undo_log().undo(false).unwrap().unwrap();
        assert_eq!(undone.path, path);
        assert!(!path.exists());

        let path = w.create_customer("acme", &header("Acme")).unwrap();
        let edited = format!("{}# note\n", text(&j, "acme"));
        fs::write(&path, &edited).unwrap();
        let err = undo_error(&j);
        assert!(
            err.starts_with("cannot undo the creation of customers/acme.toml (Acme): the file was changed after that write"),
            "{err}"
        );
        assert_eq!(text(&j, "acme"), edited);
    }
}
