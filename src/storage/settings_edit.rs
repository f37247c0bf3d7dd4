//! Format-preserving edits of `coltiva.toml` (toml_edit stays inside storage): `init --git`
//! turns autocommit on.

use std::fs;

use super::Editor;
use super::disk::{read_text, replace_file};
use crate::config::{SETTINGS_FILE, Settings};
use crate::error::{Error, Refusal, Result};

impl Editor<'_> {
    /// Sets `[git] autocommit` in `coltiva.toml`, keeping comments and layout; the new text is
    /// proved to parse as settings with that value before it replaces the file atomically.
    /// Returns true when the file changed.
    pub fn set_autocommit(&self, on: bool) -> Result<bool> {
        let path = self.journal.root.join(SETTINGS_FILE);
        let text = read_text(&path)?;
        let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            Error::Refused(Refusal::SettingsNotParsed {
                path: path.clone(),
                error: e.to_string(),
                autocommit: on,
            })
        })?;
        let git = doc
            .entry("git")
            .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
        let Some(table) = git.as_table_like_mut() else {
            return Err(Error::Refused(Refusal::GitNotATable {
                path: path.clone(),
                autocommit: on,
            }));
        };
        if table.get("autocommit").and_then(|v| v.as_bool()) == Some(on) {
            return Ok(false);
        }
        // In place when the key is there: `insert` would replace the key with its decor, and
        // the comment above it (the default file explains autocommit there) would be lost.
        match table.get_mut("autocommit") {
            Some(item) => {
                // A value's own comment (`autocommit = false # why`) stays too.
                let decor = item.as_value().map(|v| v.decor().clone());
                *item = toml_edit::value(on);
                if let (Some(decor), Some(value)) = (decor, item.as_value_mut()) {
                    *value.decor_mut() = decor;
                }
            }
            None => {
                table.insert("autocommit", toml_edit::value(on));
            }
        }
        let new_text = doc.to_string();
        let settings = Settings::parse(&new_text, &path)?;
        if settings.git.autocommit != on {
            return Err(Error::Invalid(format!(
                "internal error: {} would not read back with autocommit = {on}; nothing was changed",
                path.display()
            )));
        }
        let permissions = fs::metadata(&path).map(|m| m.permissions()).ok();
        replace_file(&path, new_text.as_bytes(), permissions)?;
        Ok(true)
    }
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::config::Source;
    use crate::storage::Journal;
    use crate::storage::testutil::*;

    fn reopened(dir: &tempfile::TempDir) -> Journal {
        Journal::open(dir.path().to_path_buf(), Source::Flag).unwrap()
    }

    #[test]
    fn set_autocommit_changes_only_that_value_and_says_whether_it_changed() {
        let (dir, j) = journal();
        let path = dir.path().join(SETTINGS_FILE);
        let before = fs::read_to_string(&path).unwrap();
        assert!(before.contains("autocommit = false\n"), "{before}");

        assert!(j.editor().set_autocommit(true).unwrap(), "changed");
        let on = fs::read_to_string(&path).unwrap();
        // Only the value changes: every other byte, the comment above the key included.
        assert_eq!(
            on,
            before.replace("autocommit = false\n", "autocommit = true\n")
        );
        assert!(
            on.contains("# When the journal is a git repository"),
            "{on}"
        );
        assert!(reopened(&dir).settings.git.autocommit);

        assert!(!j.editor().set_autocommit(true).unwrap(), "already on");
        assert_eq!(fs::read_to_string(&path).unwrap(), on);

        assert!(j.editor().set_autocommit(false).unwrap(), "changed back");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            on.replace("autocommit = true\n", "autocommit = false\n")
        );
        assert!(!reopened(&dir).settings.git.autocommit);
    }

    #[test]
    fn set_autocommit_adds_a_missing_git_table_and_refuses_a_git_value() {
        let (dir, j) = journal();
        let path = dir.path().join(SETTINGS_FILE);
        fs::write(&path, "schema = 1\n").unwrap();
        assert!(j.editor().set_autocommit(true).unwrap());
        assert!(reopened(&dir).settings.git.autocommit);

        fs::write(&path, "schema = 1\ngit = 1\n").unwrap();
        let err = j.editor().set_autocommit(true).unwrap_err().to_string();
        assert!(err.contains("git is not a table"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "schema = 1\ngit = 1\n");
    }

    #[test]
    fn a_comment_after_the_value_stays_too() {
        let (dir, j) = journal();
        let path = dir.path().join(SETTINGS_FILE);
        fs::write(
            &path,
            "schema = 1\n\n[git]\n# mine\nautocommit = false # off for now\n",
        )
        .unwrap();
        assert!(j.editor().set_autocommit(true).unwrap());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "schema = 1\n\n[git]\n# mine\nautocommit = true # off for now\n"
        );
    }
}
