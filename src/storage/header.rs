//! Typed header edits: the format-preserving TOML editor (toml_edit) stays inside storage.

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, value};

use super::append::refuse_append;
use super::codec::{header_end, parse_customer};
use super::disk::{decode, read_locked};
use super::{Editor, UTF8_BOM};
use crate::error::{Error, Refusal, Result};
use crate::model::Header;
use crate::model::{Cadence, Kind};

/// One typed change of a customer's header (`coltiva set`), validated before anything is read
/// or written. How it is written in TOML is this file's business alone.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderChange {
    Name(String),
    Kind(Kind),
    Since(NaiveDate),
    Cadence(Option<Cadence>),
    Tags(Vec<String>),
    AddTag(String),
    RemoveTag(String),
    Attribute(String, Option<String>),
}

impl Editor<'_> {
    /// Applies `changes` to the header of a customer file, keeping every record byte.
    ///
    /// Under the file's exclusive lock: reads and parses the file (a file that does not parse is
    /// refused), applies the changes to the header as a format-preserving TOML document
    /// (comments and layout survive), proves that the new file parses with the same records and
    /// the header the changes mean, then replaces the file atomically: temp file in the same folder with
    /// the same permissions, fsync, rename, fsync of the folder.
    pub fn edit_header(&self, id: &str, changes: &[HeaderChange]) -> Result<HeaderEdit> {
        let path = self.journal.customer_path(id)?;
        let (file, bytes) = read_locked(&path, id)?;
        let bom = bytes.starts_with(UTF8_BOM);
        let text = decode(&path, bytes)?;
        let before = parse_customer(&path, &text)
            .map_err(|e| refuse_append(e, id))?
            .into_customer(id.to_string());
        let (head, records) = text.split_at(header_end(&text));
        let mut doc: toml_edit::DocumentMut = head.parse().map_err(|_| {
            Error::Refused(Refusal::HeaderNotEditable {
                path: path.clone(),
                id: id.to_string(),
            })
        })?;
        let mut intended = before.header.clone();
        for change in changes {
            apply(&mut doc, &mut intended, change)?;
        }
        if intended == before.header {
            return Ok(HeaderEdit {
                header: before.header,
                changed: false,
            });
        }
        // A CRLF file stays CRLF: toml_edit writes the lines it touches with "\n".
        let crlf = head.contains("\r\n");
        let mut new_head = doc.to_string().replace("\r\n", "\n");
        // Keep the blank line that separates the header from the first record.
        if !records.is_empty() {
            while !new_head.ends_with("\n\n") {
                new_head.push('\n');
            }
        }
        if crlf {
            new_head = new_head.replace('\n', "\r\n");
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
        file.replace(&path, new_text.as_bytes(), permissions)?;
        self.journal
            .undo_log()
            .note_replace(id, bom, &text, new_text);
        Ok(HeaderEdit {
            header: after.header,
            changed: true,
        })
    }
}

/// The outcome of [`Editor::edit_header`].
#[derive(Debug)]
pub struct HeaderEdit {
    pub header: Header,
    /// False when the edit asked for what the header already said (nothing was written).
    pub changed: bool,
}

/// Applies one edit to the TOML document (format-preserving) and to the header it should mean.
fn apply(doc: &mut DocumentMut, header: &mut Header, edit: &HeaderChange) -> Result<()> {
    match edit {
        HeaderChange::Name(name) => {
            doc["name"] = value(name.as_str());
            header.name = name.clone();
        }
        HeaderChange::Kind(kind) => {
            doc["kind"] = value(kind.as_str());
            header.kind = *kind;
        }
        HeaderChange::Since(day) => {
            doc["since"] = value(toml_edit::Datetime {
                date: Some(toml_edit::Date {
                    year: day.year() as u16,
                    month: day.month() as u8,
                    day: day.day() as u8,
                }),
                time: None,
                offset: None,
            });
            header.since = Some(*day);
        }
        HeaderChange::Cadence(None) => {
            doc.remove("cadence");
            header.cadence = None;
        }
        HeaderChange::Cadence(Some(cadence)) => {
            doc["cadence"] = value(cadence.to_string());
            header.cadence = Some(*cadence);
        }
        HeaderChange::Tags(tags) => set_tags(doc, header, tags.clone()),
        HeaderChange::AddTag(tag) => {
            if !header.tags.contains(tag) {
                let mut tags = header.tags.clone();
                tags.push(tag.clone());
                set_tags(doc, header, tags);
            }
        }
        HeaderChange::RemoveTag(tag) => {
            if !header.tags.contains(tag) {
                return Err(Error::Refused(Refusal::NoSuchTag {
                    tag: tag.clone(),
                    name: header.name.clone(),
                    tags: header.tags.clone(),
                }));
            }
            let tags = header.tags.iter().filter(|t| *t != tag).cloned().collect();
            set_tags(doc, header, tags);
        }
        HeaderChange::Attribute(key, None) => {
            if header.attributes.remove(key).is_none() {
                return Err(Error::Refused(Refusal::NoSuchAttribute {
                    key: key.clone(),
                    name: header.name.clone(),
                }));
            }
            doc.remove(key);
        }
        HeaderChange::Attribute(key, Some(text)) => {
            doc[key.as_str()] = value(text.as_str());
            header
                .attributes
                .insert(key.clone(), toml::Value::String(text.clone()));
        }
    }
    Ok(())
}

/// Tags are kept as an inline array; an empty list removes the key.
fn set_tags(doc: &mut DocumentMut, header: &mut Header, tags: Vec<String>) {
    if tags.is_empty() {
        doc.remove("tags");
    } else {
        let mut array = Array::new();
        for tag in &tags {
            array.push(tag.as_str());
        }
        doc["tags"] = value(array);
    }
    header.tags = tags;
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::storage::testutil::*;
    use std::fs;

    const CALL: &str = "\n[[interaction]]\nat = 2026-11-20\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"A\"\n";

    #[test]
    fn every_change_is_written_and_the_records_keep_their_bytes() {
        let text = format!(
            "schema = 1\n# the client\nname = \"Acme\"\ntags = [\"a\"]\nzone = \"x\"\n{CALL}"
        );
        let (_dir, j, path) = journal_with(&text);
        let editor = j.editor();
        let edit = editor
            .edit_header(
                "acme",
                &[
                    HeaderChange::Name("ACME S.r.l.".into()),
                    HeaderChange::Kind(Kind::Internal),
                    HeaderChange::Since(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
                    HeaderChange::Cadence(Some(Cadence::parse("2w").unwrap())),
                    HeaderChange::AddTag("vip".into()),
                    HeaderChange::AddTag("vip".into()),
                    HeaderChange::Attribute("region".into(), Some("Nord".into())),
                    HeaderChange::Attribute("zone".into(), None),
                ],
            )
            .unwrap();
        assert!(edit.changed);
        assert_eq!(edit.header.name, "ACME S.r.l.");
        assert_eq!(edit.header.tags, ["a", "vip"]);
        let new = fs::read_to_string(&path).unwrap();
        assert!(
            new.ends_with(&format!("region = \"Nord\"\n{CALL}")),
            "{new}"
        );
        assert!(
            new.starts_with("schema = 1\n# the client\nname = \"ACME S.r.l.\"\n"),
            "{new}"
        );
        assert!(new.contains("kind = \"internal\"\n"), "{new}");
        assert!(new.contains("since = 2025-03-01\n"), "{new}");
        assert!(
            new.contains("cadence = \"14d\"\n") || new.contains("cadence = \"2w\"\n"),
            "{new}"
        );
        assert!(new.contains("tags = [\"a\", \"vip\"]\n"), "{new}");
        assert!(!new.contains("zone"), "{new}");
        let back = j.load_customer("acme").unwrap();
        assert_eq!(back.header, edit.header);
        assert_eq!(back.interactions.len(), 1);
        // Tags: removing one, then the last removes the key; cadence removed.
        editor
            .edit_header("acme", &[HeaderChange::RemoveTag("a".into())])
            .unwrap();
        assert_eq!(j.load_header("acme").unwrap().tags, ["vip"]);
        editor
            .edit_header(
                "acme",
                &[HeaderChange::Tags(vec![]), HeaderChange::Cadence(None)],
            )
            .unwrap();
        let new = fs::read_to_string(&path).unwrap();
        assert!(!new.contains("tags") && !new.contains("cadence"), "{new}");
        assert!(
            new.contains("\n\n[[interaction]]"),
            "the blank line stays: {new}"
        );
    }

    #[test]
    fn an_edit_that_changes_nothing_writes_nothing() {
        let text = format!("schema = 1\nname = \"Acme\"\ntags = [\"a\"]\n{CALL}");
        let (_dir, j, path) = journal_with(&text);
        let edit = j
            .editor()
            .edit_header(
                "acme",
                &[
                    HeaderChange::Name("Acme".into()),
                    HeaderChange::AddTag("a".into()),
                ],
            )
            .unwrap();
        assert!(!edit.changed);
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn removing_what_is_not_there_is_refused_and_writes_nothing() {
        let text = format!("schema = 1\nname = \"Acme\"\ntags = [\"a\"]\n{CALL}");
        let (_dir, j, path) = journal_with(&text);
        let editor = j.editor();
        let err = editor
            .edit_header("acme", &[HeaderChange::RemoveTag("b".into())])
            .unwrap_err()
            .to_string();
        assert!(err.contains("Acme has no tag \"b\" (its tags: a)"), "{err}");
        let err = editor
            .edit_header("acme", &[HeaderChange::Attribute("zone".into(), None)])
            .unwrap_err()
            .to_string();
        assert!(err.contains("has no attribute \"zone\" to remove"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn a_header_without_records_gets_no_blank_lines_and_a_bom_stays() {
        let (_dir, j, path) = journal_with("\u{feff}schema = 1\nname = \"Acme\"\n");
        j.editor()
            .edit_header("acme", &[HeaderChange::Name("B".into())])
            .unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "\u{feff}schema = 1\nname = \"B\"\n"
        );
    }
}
