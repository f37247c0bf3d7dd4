//! `repair` (move an unparseable tail aside) and `forget` (delete a customer's files).

use super::*;

impl Journal {
    /// Moves the unparseable tail of a customer file to `<id>.toml.rej` (appended to, never
    /// overwritten), leaving the longest prefix that parses and ends at a record boundary.
    ///
    /// The rejected bytes are written and fsynced first, then the file is replaced atomically,
    /// so a crash in between can duplicate bytes but never lose them.
    pub fn repair(&self, id: &str, allow_many: bool) -> Result<Repair> {
        let path = self.customer_path(id)?;
        let mut file = open_locked(&path, id)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .ctx(|| format!("could not read {}", path.display()))?;
        let error = match decode(&path, bytes.clone()).and_then(|t| parse_customer(&path, &t)) {
            Ok(_) => return Ok(Repair::Clean),
            Err(e) => e,
        };
        let Some(cut) = longest_parseable_prefix(&path, &bytes) else {
            return Err(Error::Invalid(format!(
                "{error}\nno part of the file parses, not even its header; fix it by hand with `coltiva edit {id}`"
            )));
        };
        let tail = &bytes[cut..];
        let records_moved = count_record_starts(tail);
        if records_moved > 1 && !allow_many {
            return Err(Error::Invalid(format!(
                "{error}\nrepair would move {records_moved} records (from line {}) to {}.rej; the problem is not just a broken last record.\nfix it by hand with `coltiva edit {id}`, or run `coltiva repair {id} --force` to move them aside",
                line_of(&bytes, cut),
                path.display()
            )));
        }
        let rej = path.with_extension("toml.rej");
        let rej_before = fs::symlink_metadata(&rej).ok().map(|m| m.len());
        append_private(&rej, tail)?;
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        if let Err(e) = file.replace(&path, &bytes[..cut], permissions) {
            // The file kept its tail: take the copy back out of the .rej file, so that the
            // next repair moves it there once.
            return Err(match undo_append(&rej, rej_before) {
                Ok(()) => e,
                Err(undo) => Error::Invalid(format!(
                    "{e}\n{} now also holds a copy of the tail that is still in {} (taking it back failed: {undo}); delete that copy from its end before running `coltiva repair {id}` again",
                    rej.display(),
                    path.display()
                )),
            });
        }
        Ok(Repair::Moved {
            error: error.to_string(),
            from_line: line_of(&bytes, cut),
            bytes: tail.len(),
            records: records_moved,
            rej,
        })
    }

    /// Deletes a customer's file (and its `.rej` file, which holds the same person's data).
    /// Returns the paths removed.
    pub fn forget(&self, id: &str) -> Result<Vec<PathBuf>> {
        let path = self.customer_path(id)?;
        let file = open_locked(&path, id)?;
        let mut removed = Vec::new();
        fs::remove_file(&path).ctx(|| format!("could not delete {}", path.display()))?;
        removed.push(path.clone());
        drop(file);
        let rej = path.with_extension("toml.rej");
        if fs::symlink_metadata(&rej).is_ok() {
            fs::remove_file(&rej).ctx(|| format!("could not delete {}", rej.display()))?;
            removed.push(rej);
        }
        sync_dir(&self.customers_dir());
        Ok(removed)
    }
}

/// What `repair` did.
#[derive(Debug)]
pub enum Repair {
    /// The file parses; nothing was moved.
    Clean,
    Moved {
        /// The parse error that made the repair necessary.
        error: String,
        /// First line of the file that was moved.
        from_line: usize,
        bytes: usize,
        /// Record tables (`[[...]]` lines) in the moved part.
        records: usize,
        rej: PathBuf,
    },
}

/// The end of the longest prefix of `bytes` that is valid UTF-8, parses as a customer file and
/// ends at the start of a line that opens a table (a record boundary) or at the end.
pub(super) fn longest_parseable_prefix(path: &Path, bytes: &[u8]) -> Option<usize> {
    let mut cuts: Vec<usize> = vec![];
    let mut offset = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if line.first() == Some(&b'[') {
            cuts.push(offset);
        }
        offset += line.len();
    }
    let cut = cuts.into_iter().rev().find(|&cut| {
        std::str::from_utf8(&bytes[..cut])
            .ok()
            .is_some_and(|text| parse_customer(path, text.trim_start_matches('\u{feff}')).is_ok())
    })?;
    // Leave the blank lines before the moved record with it, so the next append looks normal.
    let mut cut = cut;
    while cut >= 2 && bytes[cut - 1] == b'\n' && bytes[cut - 2] == b'\n' {
        cut -= 1;
    }
    Some(cut)
}

/// The record tables (`[[...]]` lines) in a moved tail. A `[[` line inside a multi-line
/// string (a summary quoting wiki links) is text, not a record: the tail starts at a record
/// boundary, outside any string, and [`table_lines`] follows the triple quotes from there.
pub(super) fn count_record_starts(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    table_lines(&text, 0)
        .iter()
        .filter(|(_, line)| line.trim_start().starts_with("[["))
        .count()
        .max(1)
}

pub(super) fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::storage::testutil::*;

    const HEAD: &str = "schema = 1\nname = \"Acme\"\n";
    const CALL: &str = "\n[[interaction]]\nat = 2026-11-20\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"A\"\n";

    #[test]
    fn a_torn_last_record_moves_to_the_rej_file_with_its_blank_line() {
        let good = format!("{HEAD}{CALL}");
        let torn = "\n[[order]]\nat = 2026-11-21\namount = \"5";
        let (_dir, j, path) = journal_with(&format!("{good}{torn}"));
        let Repair::Moved {
            from_line,
            bytes,
            records,
            rej,
            error,
        } = j.repair("acme", false).unwrap()
        else {
            panic!("expected a move");
        };
        assert_eq!(fs::read_to_string(&path).unwrap(), good);
        assert_eq!(fs::read_to_string(&rej).unwrap(), torn);
        assert_eq!(rej, path.with_extension("toml.rej"));
        assert_eq!((bytes, records), (torn.len(), 1));
        // The blank line before `[[order]]` is line 9 of the file.
        assert_eq!(from_line, good.lines().count() + 1);
        assert!(!error.is_empty());
        // Parses now: nothing more to do; the .rej file is appended to, never overwritten.
        assert!(matches!(j.repair("acme", false).unwrap(), Repair::Clean));
        fs::write(&path, format!("{good}{torn}")).unwrap();
        j.repair("acme", false).unwrap();
        assert_eq!(fs::read_to_string(&rej).unwrap(), format!("{torn}{torn}"));
    }

    #[test]
    fn a_record_torn_inside_an_optional_field_moves_whole() {
        // The order's `note` is optional: "at" and "amount" alone would parse. The cut is
        // still at the record's `[[order]]` line: half a record is never kept.
        let good = format!("{HEAD}{CALL}");
        let torn = "\n[[order]]\nat = 2026-11-21\namount = 5\nnote = \"half";
        let (_dir, j, path) = journal_with(&format!("{good}{torn}"));
        let Repair::Moved { rej, .. } = j.repair("acme", false).unwrap() else {
            panic!("expected a move");
        };
        assert_eq!(fs::read_to_string(&path).unwrap(), good);
        assert_eq!(fs::read_to_string(rej).unwrap(), torn);
    }

    #[test]
    fn more_than_one_record_moves_only_when_forced() {
        let good = format!("{HEAD}{CALL}");
        let tail = format!("\n[[order]]\nat = 2026-11-21\namount = oops\n{CALL}");
        let (_dir, j, path) = journal_with(&format!("{good}{tail}"));
        let err = j.repair("acme", false).unwrap_err().to_string();
        assert!(
            err.contains("repair would move 2 records (from line 9)"),
            "{err}"
        );
        assert!(err.contains("--force"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), format!("{good}{tail}"));
        let Repair::Moved { records, .. } = j.repair("acme", true).unwrap() else {
            panic!("expected a move");
        };
        assert_eq!(records, 2);
        assert_eq!(fs::read_to_string(&path).unwrap(), good);
    }

    #[test]
    fn a_file_whose_header_does_not_parse_is_left_to_a_person() {
        let text = "schema = 1\nname = \"Acme\n";
        let (_dir, j, path) = journal_with(text);
        let err = j.repair("acme", false).unwrap_err().to_string();
        assert!(err.contains("no part of the file parses"), "{err}");
        assert!(err.contains("coltiva edit acme"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn prefixes_end_at_a_record_boundary_and_keep_no_blank_line() {
        let p = Path::new("acme.toml");
        let good = format!("{HEAD}{CALL}");
        let text = format!("{good}\n\n[[order]]\nat = 2026-11-21\n");
        // The cut is after the call's last line: the two blank lines go with the torn order.
        assert_eq!(
            longest_parseable_prefix(p, text.as_bytes()),
            Some(good.len())
        );
        assert_eq!(
            longest_parseable_prefix(p, b"name = \"x\n[[order]]\n"),
            None
        );
        assert_eq!(
            count_record_starts(b"[[order]]\nsummary = \"\"\"\n[[wiki]]\n\"\"\"\n[[order]]\n"),
            2
        );
        assert_eq!(
            count_record_starts(b"at = 1\n"),
            1,
            "a torn line is one record"
        );
        assert_eq!(line_of(b"a\nb\nc", 0), 1);
        assert_eq!(line_of(b"a\nb\nc", 2), 2);
        assert_eq!(line_of(b"a\nb\nc", 4), 3);
    }

    #[test]
    fn forget_deletes_the_file_and_its_rej_file() {
        let (_dir, j, path) = journal_with(&format!("{HEAD}{CALL}"));
        let rej = path.with_extension("toml.rej");
        assert_eq!(j.forget("acme").unwrap(), vec![path.clone()]);
        assert!(!path.exists());
        fs::write(&path, HEAD).unwrap();
        fs::write(&rej, "x").unwrap();
        assert_eq!(j.forget("acme").unwrap(), vec![path.clone(), rej.clone()]);
        assert!(!path.exists() && !rej.exists());
        let err = j.forget("acme").unwrap_err().to_string();
        assert!(err.contains("is gone"), "{err}");
    }
}
