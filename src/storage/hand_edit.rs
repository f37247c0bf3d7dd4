//! `coltiva edit`: a private copy to edit, checked and saved back atomically.

use std::fs;
use std::path::{Path, PathBuf};

use super::codec::parse_customer;
use super::disk::{decode, read_bytes, read_locked, write_new_file};
use super::{EXTENSION, Editor};
use crate::error::{Error, IoContext, Refusal, Result};

impl Editor<'_> {
    /// Starts editing a customer file by hand: copies it to a private temporary folder, where
    /// an editor may change it. The journal file is untouched until [`Edit::save`].
    ///
    /// `added_problems` says what `coltiva check` would newly flag in the edited bytes
    /// (`check::added_problems_in`; given by the caller, since `check` reads storage).
    pub fn begin_edit(&self, id: &str, added_problems: AddedProblems) -> Result<Edit> {
        let path = self.journal.customer_path(id)?;
        let original = read_bytes(&path)?;
        let dir = private_temp_dir(&self.journal.upkeep().edit_dir()?)?;
        let copy = dir.path().join(format!("{id}.{EXTENSION}"));
        write_new_file(&copy, &original)?;
        Ok(Edit {
            path,
            original,
            dir: Some(dir),
            copy,
            added_problems,
        })
    }
}

/// A hand edit in progress: the journal file, its bytes when the edit began, and the copy
/// being edited. Dropping it removes the copy.
pub struct Edit {
    path: PathBuf,
    original: Vec<u8>,
    /// Removed with the copy on drop, unless the copy is kept for the user.
    dir: Option<tempfile::TempDir>,
    copy: PathBuf,
    added_problems: AddedProblems,
}

impl std::fmt::Debug for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Edit")
            .field("path", &self.path)
            .field("copy", &self.copy)
            .finish_non_exhaustive()
    }
}

/// The problems `check` finds in a file's new bytes (the last argument) that its old bytes
/// did not have, as messages (in the journal's language: the caller words them).
pub type AddedProblems = Box<dyn Fn(&Path, &[u8], &[u8]) -> Vec<String>>;

/// What became of an edited copy.
#[derive(Debug)]
pub enum EditCheck {
    /// Same bytes as the journal file: nothing to save.
    Unchanged,
    /// A valid customer file, ready to save.
    Valid,
    /// Not a valid customer file; the error is located in the journal file's name.
    Invalid(Error),
}

impl Edit {
    /// The journal file being edited.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The copy an editor should open.
    pub fn copy(&self) -> &Path {
        &self.copy
    }

    /// Reads the copy back and checks that it parses as a customer file.
    pub fn check(&self) -> Result<EditCheck> {
        let bytes =
            fs::read(&self.copy).ctx(|| format!("could not read {}", self.copy.display()))?;
        if bytes == self.original {
            return Ok(EditCheck::Unchanged);
        }
        let text = match decode(&self.path, bytes) {
            Ok(text) => text,
            Err(e) => return Ok(EditCheck::Invalid(e)),
        };
        Ok(match parse_customer(&self.path, &text) {
            Ok(_) => match self.rejected(text.as_bytes()) {
                Some(e) => EditCheck::Invalid(e),
                None => EditCheck::Valid,
            },
            Err(e) => EditCheck::Invalid(e),
        })
    }

    /// What `coltiva check` would newly flag in the edited text (a `[[Promise]]`, a second
    /// resolution, an unknown field…): a file that parses is not yet a file to save, since
    /// pushed it would stop every merge of this customer. Problems the file had before the
    /// edit do not count: the edit did not make them, and refusing them would leave no way to
    /// fix one at a time.
    fn rejected(&self, edited: &[u8]) -> Option<Error> {
        let new = (self.added_problems)(&self.path, &self.original, edited);
        if new.is_empty() {
            return None;
        }
        Some(Error::Refused(Refusal::EditWouldNotPass {
            problems: new.iter().map(ToString::to_string).collect(),
        }))
    }

    /// Replaces the journal file with the edited copy, atomically, after checking again that
    /// the copy is valid and that nobody appended to the journal file meanwhile (if so,
    /// nothing is replaced and the edited copy is kept where it is for the user).
    pub fn save(self) -> Result<()> {
        let bytes =
            fs::read(&self.copy).ctx(|| format!("could not read {}", self.copy.display()))?;
        let text = decode(&self.path, bytes.clone())?;
        parse_customer(&self.path, &text)?;
        if let Some(e) = self.rejected(text.as_bytes()) {
            return Err(e);
        }
        let id = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (file, current) = read_locked(&self.path, &id)?;
        if current != self.original {
            let path = self.path.clone();
            let kept = self.keep_copy();
            return Err(Error::Refused(Refusal::EditedMeanwhile { path, kept }));
        }
        // The bytes as edited (a byte-order mark included), with the file's permissions.
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        file.replace(&self.path, &bytes, permissions)?;
        Ok(())
    }

    /// Leaves the edited copy on disk (for the user to recover) and returns where it is: its
    /// folder is renamed `kept-PID-…`, which no later edit removes.
    fn keep_copy(mut self) -> PathBuf {
        let copy = std::mem::take(&mut self.copy);
        let Some(dir) = self.dir.take() else {
            return copy;
        };
        let dir = dir.keep();
        let kept = dir.file_name().map(|name| {
            let mut kept = std::ffi::OsString::from("kept-");
            kept.push(name);
            dir.with_file_name(kept)
        });
        match (kept, copy.file_name()) {
            (Some(kept), Some(name)) if fs::rename(&dir, &kept).is_ok() => kept.join(name),
            _ => copy,
        }
    }
}

/// A new folder in `parent` (the journal's `.cache/edit/`), private to the user (0700), named
/// after this process (`PID-…`), removed when dropped. Not the system's temporary folder: a
/// copy of a customer's file that an interrupted edit (Ctrl-C, SIGTERM, a crash) could not
/// remove stays inside the journal, out of git, and the next `edit` removes it
/// (`Upkeep::edit_dir`).
pub(super) fn private_temp_dir(parent: &Path) -> Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{}-", std::process::id());
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o700));
    }
    builder.tempdir_in(parent).ctx(|| {
        format!(
            "could not create a temporary folder in {}",
            parent.display()
        )
    })
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::model::Language;
    use crate::storage::Journal;
    use crate::storage::testutil::*;

    fn with_acme(j: &Journal) -> String {
        let path = j.writer().create_customer("acme", &header("Acme")).unwrap();
        fs::read_to_string(path).unwrap()
    }

    #[test]
    fn check_tells_an_unchanged_copy_from_a_valid_or_invalid_edit() {
        let (_dir, j) = journal();
        let original = with_acme(&j);
        let edit = j
            .editor()
            .begin_edit("acme", crate::check::added_problems_in(Language::En))
            .unwrap();
        assert_eq!(edit.path(), j.customer_path("acme").unwrap());
        assert_eq!(fs::read_to_string(edit.copy()).unwrap(), original);
        assert!(matches!(edit.check().unwrap(), EditCheck::Unchanged));

        fs::write(edit.copy(), original.replace("Acme", "Acme Two")).unwrap();
        assert!(matches!(edit.check().unwrap(), EditCheck::Valid));

        fs::write(edit.copy(), "schema = 1\nname = [\n").unwrap();
        assert!(matches!(
            edit.check().unwrap(),
            EditCheck::Invalid(Error::Parse { .. })
        ));
        fs::write(edit.copy(), b"schema = 1\nname = \"\xff\"\n").unwrap();
        assert!(matches!(
            edit.check().unwrap(),
            EditCheck::Invalid(Error::Parse { .. })
        ));
    }

    /// A journal with acme, an edit of it begun, and its copy renamed to "Acme Two": the
    /// guard, the journal, the edit, the copy's path and the edited text.
    fn editing_acme() -> (tempfile::TempDir, Journal, Edit, PathBuf, String) {
        let (dir, j) = journal();
        let original = with_acme(&j);
        let edit = j
            .editor()
            .begin_edit("acme", crate::check::added_problems_in(Language::En))
            .unwrap();
        let copy = edit.copy().to_path_buf();
        let edited = original.replace("Acme", "Acme Two");
        fs::write(&copy, &edited).unwrap();
        (dir, j, edit, copy, edited)
    }

    #[test]
    fn save_replaces_the_journal_file_with_the_edited_copy() {
        let (_dir, j, edit, copy, edited) = editing_acme();
        edit.save().unwrap();
        assert_eq!(text(&j, "acme"), edited);
        assert!(!copy.exists(), "the copy is removed once saved");
    }

    #[test]
    fn save_refuses_when_the_file_changed_meanwhile_and_keeps_the_edited_copy() {
        let (_dir, j, edit, copy, edited) = editing_acme();
        j.writer()
            .append_with("acme", |_| Ok((call("meanwhile"), ())))
            .unwrap();
        let appended = text(&j, "acme");

        let err = edit.save().unwrap_err().to_string();
        // Its folder is renamed `kept-PID-…`, which no later edit removes.
        let folder = copy.parent().unwrap();
        let kept_dir = folder.with_file_name(format!(
            "kept-{}",
            folder.file_name().unwrap().to_string_lossy()
        ));
        let copy = kept_dir.join("acme.toml");
        let kept = copy.exists().then(|| fs::read_to_string(&copy).unwrap());
        assert!(!folder.exists());
        j.upkeep().edit_dir().unwrap();
        assert!(copy.exists(), "the next edit leaves a kept copy alone");
        let _ = fs::remove_dir_all(&kept_dir);
        assert!(
            err.contains("changed while you were editing it; it was not replaced"),
            "{err}"
        );
        assert!(
            err.ends_with(&format!(
                "Your edited version is kept in {}",
                copy.display()
            )),
            "{err}"
        );
        assert_eq!(kept.as_deref(), Some(edited.as_str()), "the copy is kept");
        assert_eq!(text(&j, "acme"), appended);
    }
}
