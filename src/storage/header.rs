//! Typed header edits: the format-preserving TOML editor (toml_edit) stays inside storage.

use super::*;

impl Journal {
    /// Rewrites the header of a customer file, keeping every record byte.
    ///
    /// Under the file's exclusive lock: reads and parses the file (a file that does not parse is
    /// refused), lets `edit` change the header as a format-preserving TOML document (comments
    /// and layout survive), proves that the new file parses with the same records and the
    /// header `edit` meant, then replaces the file atomically: temp file in the same folder with
    /// the same permissions, fsync, rename, fsync of the folder.
    pub fn edit_header(
        &self,
        id: &str,
        edit: impl FnOnce(&mut toml_edit::DocumentMut, &Customer) -> Result<Header>,
    ) -> Result<HeaderEdit> {
        let path = self.customer_path(id)?;
        let mut file = open_locked(&path, id)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .ctx(|| format!("could not read {}", path.display()))?;
        let bom = bytes.starts_with(UTF8_BOM);
        let text = decode(&path, bytes)?;
        let before = parse_customer(&path, &text)
            .map_err(|e| refuse_append(e, id))?
            .into_customer(id.to_string());
        let (head, records) = text.split_at(header_end(&text));
        let mut doc: toml_edit::DocumentMut = head.parse().map_err(|_| {
            Error::Invalid(format!(
                "the header of {} cannot be edited safely (a multi-line value that looks like a table?); edit it by hand with `coltiva edit {id}`",
                path.display()
            ))
        })?;
        let intended = edit(&mut doc, &before)?;
        if intended == before.header {
            return Ok(HeaderEdit {
                header: before.header,
                changed: false,
            });
        }
        let mut new_head = doc.to_string();
        // Keep the blank line that separates the header from the first record.
        if !records.is_empty() {
            while !new_head.ends_with("\n\n") {
                new_head.push('\n');
            }
        }
        let mut new_text = String::with_capacity(new_head.len() + records.len() + 3);
        if bom {
            new_text.push('\u{feff}');
        }
        new_text.push_str(&new_head);
        new_text.push_str(records);
        let after = parse_customer(&path, new_text.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                Error::Invalid(format!(
                    "internal error: the edited file would not parse ({e}); nothing was changed"
                ))
            })?
            .into_customer(id.to_string());
        // Proof before writing: same records, and exactly the header that was meant.
        if after.timeline() != before.timeline() || after.header != intended {
            return Err(Error::Invalid(format!(
                "internal error: the header edit of {id:?} would not read back as meant; nothing was changed"
            )));
        }
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        replace_file(&path, new_text.as_bytes(), permissions)?;
        drop(file);
        Ok(HeaderEdit {
            header: after.header,
            changed: true,
        })
    }
}

/// The outcome of [`Journal::edit_header`].
#[derive(Debug)]
pub struct HeaderEdit {
    pub header: Header,
    /// False when the edit asked for what the header already said (nothing was written).
    pub changed: bool,
}
