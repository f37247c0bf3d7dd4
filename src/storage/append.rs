//! Appending records and creating customer files: under the file's lock, in one write,
//! proved to read back before a byte is written, fsynced.

use std::fs;
use std::path::{Path, PathBuf};

use super::Writer;
use super::codec::{defines_otherwise, parse_customer, records_chunk};
use super::disk::{
    append_whole, decode, failed, link_new, read_locked, sync_dir, sync_new_files, temp_path,
    write_new_file, write_new_file_unsynced,
};
use super::undo::UndoChange;
use crate::error::{Doing, Error, Refusal, Result};
use crate::model::{Customer, Header, HeaderOut, Record};

impl Writer<'_> {
    /// Creates a new customer file holding only its header. Never overwrites: an existing id is
    /// an error. The file appears complete or not at all (temp file, fsync, hard link).
    pub fn create_customer(&self, id: &str, header: &Header) -> Result<PathBuf> {
        let path = self.journal.customer_path(id)?;
        self.journal.ensure_exists()?;
        self.journal.upkeep().clean_stale_temp_files();
        let exists = || {
            Error::Refused(Refusal::CustomerExists {
                id: id.to_string(),
                path: path.clone(),
                batch: false,
            })
        };
        if path.exists() {
            return Err(exists());
        }
        let text = toml::to_string(&HeaderOut::from(header))
            .map_err(|e| Error::Invalid(format!("could not serialize the header: {e}")))?;
        // Proof before writing: the header must read back as written.
        let back = parse_customer(&path, &text)?;
        if &back.header != header {
            return Err(Error::Invalid(format!(
                "internal error: the header of {id:?} would not read back as written; nothing was written"
            )));
        }
        let tmp = temp_path(&path);
        write_new_file(&tmp, text.as_bytes())?;
        let linked = link_new(&tmp, &path);
        let _ = fs::remove_file(&tmp);
        match linked {
            Ok(()) => {
                sync_dir(&self.journal.customers_dir())?;
                self.journal
                    .undo_log()
                    .note(id, UndoChange::Create { content: text });
                Ok(path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
            Err(e) => Err(failed(Doing::Create, &path, e)),
        }
    }

    /// Appends one record to a customer's file.
    ///
    /// Under an exclusive lock on the file, reads and parses it (a file that does not parse is
    /// refused with the parse error), lets `build` make the record from the current content
    /// (so checks such as "is this promise still open?" see exactly what is on disk), proves
    /// that the serialized record reads back identical, and appends it in one write, fsynced.
    pub fn append_with<T>(
        &self,
        id: &str,
        build: impl FnOnce(&Customer) -> Result<(Record, T)>,
    ) -> Result<(Record, T)> {
        let mut extra = None;
        let mut records = self.append_records_with(id, |customer| {
            let (record, x) = build(customer)?;
            extra = Some(x);
            Ok(vec![record])
        })?;
        match (records.pop(), extra) {
            (Some(record), Some(extra)) => Ok((record, extra)),
            _ => Err(Error::Invalid(format!(
                "internal error: nothing was appended to customer {id:?}"
            ))),
        }
    }

    /// Appends several records to a customer's file in one write.
    ///
    /// Same guarantees as [`Writer::append_with`]: under an exclusive lock, the file is read and
    /// parsed (a file that does not parse is refused), `build` chooses the records from the
    /// current content, the serialized chunk is proved to read back identical, and it is
    /// appended with a single `write_all`, then fsynced. When `build` returns no record, nothing
    /// is written. Returns the records appended.
    pub fn append_records_with(
        &self,
        id: &str,
        build: impl FnOnce(&Customer) -> Result<Vec<Record>>,
    ) -> Result<Vec<Record>> {
        let path = self.journal.customer_path(id)?;
        let (mut file, bytes) = read_locked(&path, id)?;
        let len_before = bytes.len() as u64;
        let text = decode(&path, bytes)?;
        let customer = parse_customer(&path, &text)
            .map_err(|e| refuse_append(e, id))?
            .into_customer(id.to_string());
        let records_before = customer.record_count();
        let records = build(&customer)?;
        if records.is_empty() {
            return Ok(records);
        }
        let chunk = records_chunk(&records, text.ends_with('\n') || text.is_empty())?;
        // Proof before writing: the chunk alone reads back as exactly these records...
        verify_records_chunk(&path, &chunk, &records)?;
        // ...and the file with it still parses, with that many more records. A hand-written
        // file may hold a record kind in another TOML form (`interaction = []`), which
        // `[[interaction]]` would redefine.
        if records.iter().any(|r| defines_otherwise(&text, r.table())) {
            verify_whole(&path, &text, &chunk, records_before + records.len())?;
        }
        append_whole(
            &mut file,
            len_before,
            chunk.as_bytes(),
            &path,
            &format!("coltiva repair {id}"),
        )?;
        self.journal.undo_log().note_append(id, &file, &chunk);
        Ok(records)
    }

    /// Creates many new customer files, each holding its header followed by its records.
    ///
    /// Every file is serialized and proved to read back as given before anything is written;
    /// an existing id is refused before anything is written. Each file is written to a private
    /// temporary file and fsynced (several at once), then linked into place, so a customer
    /// file appears complete or not at all, and is never overwritten; the folder is fsynced
    /// once at the end. If a write fails midway, the customers already linked stay (each
    /// complete) and the error says so. Returns the paths created, in the order given.
    pub fn create_customers_with_records(&self, batch: &[NewCustomer]) -> Result<Vec<PathBuf>> {
        let mut prepared: Vec<(PathBuf, PathBuf, String)> = Vec::with_capacity(batch.len());
        let mut seen = std::collections::HashSet::new();
        for new in batch {
            let path = self.journal.customer_path(&new.id)?;
            if !seen.insert(new.id.as_str()) || path.exists() {
                return Err(Error::Refused(Refusal::CustomerExists {
                    id: new.id.clone(),
                    path,
                    batch: true,
                }));
            }
            let mut text = toml::to_string(&HeaderOut::from(&new.header))
                .map_err(|e| Error::Invalid(format!("could not serialize the header: {e}")))?;
            let chunk = records_chunk(&new.records, text.ends_with('\n') || text.is_empty())?;
            text.push_str(&chunk);
            // Proof before writing: the whole file reads back as the header and the records.
            let back = parse_customer(&path, &text)?.into_customer(new.id.clone());
            let mut expected = Customer::new(new.id.clone(), new.header.clone());
            for record in &new.records {
                expected.push(record.clone());
            }
            if back != expected {
                return Err(Error::Invalid(format!(
                    "internal error: the file of {:?} would not read back as written; nothing was written",
                    new.id
                )));
            }
            let tmp = temp_path(&path);
            prepared.push((path, tmp, text));
        }
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        self.journal.ensure_exists()?;
        self.journal.upkeep().clean_stale_temp_files();
        // Write the temporary files, one writer per core, then make them all durable together.
        let customers_dir = self.journal.customers_dir();
        let per_writer = prepared.len().div_ceil(bulk_writers());
        let written: Vec<Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = prepared
                .chunks(per_writer)
                .map(|part| {
                    scope.spawn(move || {
                        for (_, tmp, text) in part {
                            write_new_file_unsynced(tmp, text.as_bytes())?;
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Error::Invalid(
                            "internal error: a writer thread failed".into(),
                        ))
                    })
                })
                .collect()
        });
        let synced = match written.into_iter().find(Result::is_err) {
            Some(Err(e)) => Err(e),
            _ => sync_new_files(
                &customers_dir,
                prepared.iter().map(|(_, tmp, _)| tmp.as_path()),
            ),
        };
        if let Err(e) = synced {
            for (_, tmp, _) in &prepared {
                let _ = fs::remove_file(tmp);
            }
            return Err(e);
        }
        // Link into place (never over an existing file), then drop the temporary names.
        let mut created = Vec::with_capacity(prepared.len());
        let mut failure = None;
        for (path, tmp, _) in &prepared {
            if failure.is_none() {
                match link_new(tmp, path) {
                    Ok(()) => created.push(path.clone()),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        failure =
                            Some(Error::Refused(Refusal::FileAppeared { path: path.clone() }));
                    }
                    Err(e) => failure = Some(failed(Doing::Create, path, e)),
                }
            }
            let _ = fs::remove_file(tmp);
        }
        if let Err(e) = sync_dir(&self.journal.customers_dir()) {
            failure.get_or_insert(e);
        }
        match failure {
            None => Ok(created),
            Some(e) => Err(Error::Refused(Refusal::SomeCreated {
                error: Box::new(e),
                created,
                of: prepared.len(),
            })),
        }
    }
}

pub(super) fn refuse_append(err: Error, id: &str) -> Error {
    match err {
        Error::Parse {
            path,
            line,
            column,
            message,
        } => Error::Refused(Refusal::AppendToBroken {
            path,
            line,
            column,
            message,
            id: id.to_string(),
        }),
        other => other,
    }
}

pub(super) fn verify_whole(
    path: &Path,
    text: &str,
    chunk: &str,
    records_after: usize,
) -> Result<()> {
    let whole = format!("{text}{chunk}");
    match parse_customer(path, &whole).map(|file| file.into_customer(String::new())) {
        Ok(back) if back.record_count() == records_after => Ok(()),
        Ok(_) => Err(Error::Invalid(format!(
            "internal error: the record would not read back from {}; nothing was appended",
            path.display()
        ))),
        Err(Error::Parse {
            line,
            column,
            message,
            ..
        }) => Err(Error::Refused(Refusal::AppendWouldBreak {
            path: path.to_path_buf(),
            line,
            column,
            message,
        })),
        Err(other) => Err(other),
    }
}

// ---------------------------------------------------------------------------------------------
// Bulk writes (import) and whole-file edits (`coltiva edit`). Same guarantees as above: every
// record is serialized by the TOML library and proved to read back before anything is written;
// appends happen under the file's lock in one write, fsynced; new files appear complete or not
// at all.

/// A customer to create with its first records (see [`Writer::create_customers_with_records`]).
#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub id: String,
    pub header: Header,
    pub records: Vec<Record>,
}

/// How many threads write new files when creating many customers: one per core. Creating files
/// in one folder is serialized by the file system; more writers than cores only spin on its
/// lock (measured: 8 writers spent more system time and were no faster than 2 on 2 cores).
pub(super) fn bulk_writers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Proves that a chunk of several records reads back as exactly those records, in order.
pub(super) fn verify_records_chunk(path: &Path, chunk: &str, records: &[Record]) -> Result<()> {
    let mut expected = crate::model::Records::default();
    for record in records.iter().cloned() {
        expected.push(record);
    }
    match toml::from_str::<crate::model::Records>(chunk) {
        Ok(back) if back == expected => Ok(()),
        _ => Err(Error::Invalid(format!(
            "internal error: the records would not read back as written; nothing was appended to {}",
            path.display()
        ))),
    }
}

/// Tests written to kill the mutants `bench/mutants.sh` found (docs/TESTING.md): what an
/// append and a creation write, byte for byte, and what they refuse.
#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::storage::testutil::*;

    fn header(name: &str) -> Header {
        Header {
            tags: vec!["north".into()],
            ..crate::storage::testutil::header(name)
        }
    }

    #[test]
    fn a_created_customer_reads_back_and_is_never_overwritten() {
        let (_dir, j) = journal();
        let w = j.writer();
        let path = w.create_customer("acme", &header("Acme")).unwrap();
        assert_eq!(path, j.customers_dir().join("acme.toml"));
        assert_eq!(j.load_header("acme").unwrap(), header("Acme"));
        let before = text(&j, "acme");
        let err = w.create_customer("acme", &header("Other")).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(text(&j, "acme"), before);
    }

    #[test]
    fn an_append_adds_exactly_its_chunk_after_one_blank_line() {
        let (_dir, j) = journal();
        let w = j.writer();
        w.create_customer("acme", &header("Acme")).unwrap();
        let before = text(&j, "acme");
        let (record, extra) = w
            .append_with("acme", |c| Ok((call("first"), c.record_count() + 7)))
            .unwrap();
        assert_eq!(record, call("first"));
        assert_eq!(extra, 7);
        let after = text(&j, "acme");
        let chunk = records_chunk(&[call("first")], true).unwrap();
        assert_eq!(after, format!("{before}{chunk}"));
        assert!(!after.contains("\n\n\n"), "{after}");
        let appended = w
            .append_records_with("acme", |_| Ok(vec![call("second"), call("third")]))
            .unwrap();
        assert_eq!(appended, [call("second"), call("third")]);
        assert_eq!(j.load_customer("acme").unwrap().interactions.len(), 3);
        // No record: nothing written.
        let before = text(&j, "acme");
        assert!(
            w.append_records_with("acme", |_| Ok(vec![]))
                .unwrap()
                .is_empty()
        );
        assert_eq!(text(&j, "acme"), before);
    }

    #[test]
    fn a_hand_written_table_form_is_appended_to_only_when_the_result_parses() {
        let (_dir, j) = journal();
        let w = j.writer();
        let path = j.customers_dir().join("spaced.toml");
        // `[[ interaction ]]` is an array of tables too: the append keeps the file valid.
        let spaced = "schema = 1\nname = \"Spaced\"\nkind = \"external\"\n\n[[ interaction ]]\nat = 2026-11-01\nchannel = \"call\"\ndirection = \"in\"\nsummary = \"hand\"\n";
        fs::write(&path, spaced).unwrap();
        w.append_with("spaced", |_| Ok((call("tool"), ()))).unwrap();
        assert_eq!(j.load_customer("spaced").unwrap().interactions.len(), 2);
        // `interaction = []`: `[[interaction]]` would redefine it.
        let inline = "schema = 1\nname = \"Inline\"\nkind = \"external\"\ninteraction = []\n";
        fs::write(j.customers_dir().join("inline.toml"), inline).unwrap();
        let err = w
            .append_with("inline", |_| Ok((call("tool"), ())))
            .unwrap_err();
        assert!(
            err.to_string().contains("the file would no longer parse"),
            "{err}"
        );
        assert_eq!(text(&j, "inline"), inline);
    }

    #[test]
    fn an_append_to_a_broken_file_says_how_to_fix_it() {
        let (_dir, j) = journal();
        fs::write(
            j.customers_dir().join("broken.toml"),
            "schema = 1\nname = [\n",
        )
        .unwrap();
        let err = j
            .writer()
            .append_with("broken", |_| Ok((call("x"), ())))
            .unwrap_err();
        assert!(
            matches!(err, Error::Refused(Refusal::AppendToBroken { .. })),
            "{err}"
        );
        let message = err.to_string();
        assert!(message.contains("nothing was appended"), "{message}");
        assert!(message.contains("coltiva repair broken"), "{message}");
    }

    #[test]
    fn customers_created_in_bulk_are_what_add_and_append_would_write() {
        let (_dir, j) = journal();
        let w = j.writer();
        w.create_customer("one", &header("One")).unwrap();
        w.append_records_with("one", |_| Ok(vec![call("a"), call("b")]))
            .unwrap();
        let batch = [
            NewCustomer {
                id: "two".into(),
                header: header("One"),
                records: vec![call("a"), call("b")],
            },
            NewCustomer {
                id: "three".into(),
                header: header("Three"),
                records: vec![],
            },
        ];
        let paths = w.create_customers_with_records(&batch).unwrap();
        assert_eq!(
            paths,
            [
                j.customers_dir().join("two.toml"),
                j.customers_dir().join("three.toml")
            ]
        );
        assert_eq!(text(&j, "two"), text(&j, "one"));
        assert_eq!(j.load_header("three").unwrap(), header("Three"));
        // An existing id, or one given twice, is refused before anything is written.
        for ids in [["four", "one"], ["four", "four"]] {
            let batch: Vec<NewCustomer> = ids
                .iter()
                .map(|id| NewCustomer {
                    id: (*id).into(),
                    header: header("Four"),
                    records: vec![],
                })
                .collect();
            let err = w.create_customers_with_records(&batch).unwrap_err();
            assert!(err.to_string().contains("already exists"), "{ids:?}: {err}");
            assert!(!j.customers_dir().join("four.toml").exists(), "{ids:?}");
        }
        assert!(w.create_customers_with_records(&[]).unwrap().is_empty());
        assert!(bulk_writers() >= 1);
    }

    // Unix: plants a symbolic link (Windows needs a privilege to create one).
    #[cfg(unix)]
    #[test]
    fn a_dangling_link_where_a_new_file_goes_is_left_alone_and_named() {
        // `path.exists()` follows the link and says no; the hard link then finds the name
        // taken (what a customer created at the same moment by another process looks like).
        let (dir, j) = journal();
        let w = j.writer();
        let link = dir.path().join("customers/acme.toml");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        let err = w.create_customer("acme", &header("Acme")).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err:?}");
        assert!(
            err.to_string()
                .contains("a customer with id \"acme\" already exists"),
            "{err}"
        );
        let batch = [
            NewCustomer {
                id: "first".into(),
                header: header("First"),
                records: vec![],
            },
            NewCustomer {
                id: "acme".into(),
                header: header("Acme"),
                records: vec![],
            },
        ];
        let err = w
            .create_customers_with_records(&batch)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a customer file appeared meanwhile at")
                && err.contains("1 of 2 new customer files were created, each complete"),
            "{err}"
        );
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            !dir.path().join("nowhere").exists(),
            "never written through"
        );
        assert_no_temp_files(&j.customers_dir());
    }
}
