//! Format-preserving edits of `coltiva.toml` (toml_edit stays inside storage): `init --git`
//! turns autocommit on.

use super::*;

impl Journal {
    /// Sets `[git] autocommit` in `coltiva.toml`, keeping comments and layout; the new text is
    /// proved to parse as settings with that value before it replaces the file atomically.
    /// Returns true when the file changed.
    pub fn set_autocommit(&self, on: bool) -> Result<bool> {
        let path = self.root.join(SETTINGS_FILE);
        let text = read_text(&path)?;
        let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| {
            Error::Invalid(format!(
                "{} does not parse ({e}); fix it, then set [git] autocommit = {on} by hand",
                path.display()
            ))
        })?;
        let git = doc
            .entry("git")
            .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
        let Some(table) = git.as_table_like_mut() else {
            return Err(Error::Invalid(format!(
                "{}: git is not a table; write [git] autocommit = {on} by hand",
                path.display()
            )));
        };
        if table.get("autocommit").and_then(|v| v.as_bool()) == Some(on) {
            return Ok(false);
        }
        table.insert("autocommit", toml_edit::value(on));
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
