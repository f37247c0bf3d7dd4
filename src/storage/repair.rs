//! `repair` (move an unparseable tail aside) and `forget` (delete a customer's files).

use std::fs;
use std::path::{Path, PathBuf};

use super::Upkeep;
use super::codec::{header_end, parse_customer, table_lines};
use super::disk::{
    append_private, decode, failed, open_locked, read_locked, sync_dir, undo_append,
};
use crate::error::{Doing, Error, Refusal, Result};

impl Upkeep<'_> {
    /// Moves the unparseable tail of a customer file to `<id>.toml.rej` (appended to, never
    /// overwritten), leaving the longest prefix that parses and ends at a record boundary.
    ///
    /// The rejected bytes are written and fsynced first, then the file is replaced atomically,
    /// so a crash in between can duplicate bytes but never lose them.
    pub fn repair(&self, id: &str, allow_many: bool) -> Result<Repair> {
        let path = self.journal.customer_path(id)?;
        let (file, bytes) = read_locked(&path, id)?;
        let error = match decode(&path, bytes.clone()).and_then(|t| parse_customer(&path, &t)) {
            Ok(_) => return Ok(Repair::Clean),
            Err(e) => e,
        };
        let Some(cut) = longest_parseable_prefix(&path, &bytes) else {
            return Err(Error::Refused(Refusal::RepairNothingParses {
                error: error.to_string(),
                id: id.to_string(),
            }));
        };
        let tail = &bytes[cut..];
        // NULs (and the blank line before them) are no record: a write whose data never
        // reached the disk.
        let records_moved = if tail.contains(&0) && tail.iter().all(|&b| b == 0 || b == b'\n') {
            0
        } else {
            count_record_starts(tail)
        };
        if records_moved > 1 && !allow_many {
            return Err(Error::Refused(Refusal::RepairTooMany {
                error: error.to_string(),
                records: records_moved,
                line: line_of(&bytes, cut),
                path: path.clone(),
                id: id.to_string(),
            }));
        }
        let rej = path.with_extension("toml.rej");
        let rej_before = fs::symlink_metadata(&rej).ok().map(|m| m.len());
        append_private(&rej, tail)?;
        // The .rej file's name must be on the disk before the cut file replaces the whole one:
        // otherwise a crash could keep the cut file and lose the moved bytes with the new name.
        sync_dir(&self.journal.customers_dir()).map_err(|e| {
            Error::Refused(Refusal::RepairNotMoved {
                error: Box::new(e),
                path: path.clone(),
                rej: rej.clone(),
            })
        })?;
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        if let Err(e) = file.replace(&path, &bytes[..cut], permissions) {
            // The file kept its tail: take the copy back out of the .rej file, so that the
            // next repair moves it there once.
            return Err(match undo_append(&rej, rej_before) {
                Ok(()) => e,
                Err(undo) => Error::Refused(Refusal::RepairCopyLeft {
                    error: Box::new(e),
                    rej: rej.clone(),
                    path: path.clone(),
                    undo: undo.to_string(),
                    id: id.to_string(),
                }),
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
        let path = self.journal.customer_path(id)?;
        let file = open_locked(&path, id)?;
        let mut removed = Vec::new();
        fs::remove_file(&path).map_err(|e| failed(Doing::Delete, &path, e))?;
        removed.push(path.clone());
        drop(file);
        let rej = path.with_extension("toml.rej");
        if fs::symlink_metadata(&rej).is_ok() {
            fs::remove_file(&rej).map_err(|e| failed(Doing::Delete, &rej, e))?;
            removed.push(rej);
        }
        sync_dir(&self.journal.customers_dir())?;
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
        /// Record tables (`[[...]]` lines) in the moved part; 0 when it is only NUL bytes.
        records: usize,
        rej: PathBuf,
    },
}

/// The end of the longest prefix of `bytes` that is valid UTF-8, parses as a customer file and
/// ends at the start of a line that opens a table (a record boundary), where a run of NUL
/// bytes ending the file starts, or at the end.
///
/// NULs end a file when an append's new size reached the disk and its data did not (a crash
/// on a file system that orders the two so); they are never a record, so they go alone and
/// the last acknowledged record stays.
pub(super) fn longest_parseable_prefix(path: &Path, bytes: &[u8]) -> Option<usize> {
    let mut cuts: Vec<usize> = vec![];
    let mut offset = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if line.first() == Some(&b'[') {
            cuts.push(offset);
        }
        offset += line.len();
    }
    let nuls = nul_tail(bytes);
    if nuls > 0 {
        cuts.retain(|&cut| cut < bytes.len() - nuls);
        cuts.push(bytes.len() - nuls);
    }
    cuts.into_iter()
        .rev()
        .find(|&cut| parses(path, &bytes[..cut]))
        .map(|cut| with_blank_lines(bytes, cut))
}

/// How many NUL bytes end `bytes`.
pub fn nul_tail(bytes: &[u8]) -> usize {
    bytes.iter().rev().take_while(|&&b| b == 0).count()
}

fn parses(path: &Path, bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .ok()
        .is_some_and(|text| parse_customer(path, text.trim_start_matches('\u{feff}')).is_ok())
}

/// Leaves the blank lines before a moved record with it, so the next append looks normal.
fn with_blank_lines(bytes: &[u8], mut cut: usize) -> usize {
    while cut >= 2 && bytes[cut - 1] == b'\n' && bytes[cut - 2] == b'\n' {
        cut -= 1;
    }
    cut
}

/// A damaged end of a customer file that `repair` would move aside alone: NUL bytes, or one
/// last record that does not parse, after a beginning that does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenTail {
    /// Where the moved bytes start (a blank line before the record goes with it).
    pub cut: usize,
    /// The NUL bytes ending the file (0: a torn record).
    pub nuls: usize,
}

/// The damaged tail of a file that does not parse, when it is only that: the file's beginning
/// up to its last record (string-aware, so a `[[` line inside a text is no record), or up to
/// the NULs that end it, parses. At most three parses: cheap on a file of any size, for
/// `check` and for the commands that name an unreadable file. None: the file parses, or the
/// damage is elsewhere.
pub fn broken_tail(path: &Path, bytes: &[u8]) -> Option<BrokenTail> {
    if parses(path, bytes) {
        return None;
    }
    let nuls = nul_tail(bytes);
    let end = bytes.len() - nuls;
    if nuls > 0 && parses(path, &bytes[..end]) {
        return Some(BrokenTail {
            cut: with_blank_lines(bytes, end),
            nuls,
        });
    }
    let text = String::from_utf8_lossy(&bytes[..end]);
    let start = header_end(&text);
    let (last, _) = *table_lines(&text, start).last()?;
    // A lossy text has the same offsets up to the first bad byte; past it, no cut is tried.
    let valid = std::str::from_utf8(&bytes[..end]).map_or_else(|e| e.valid_up_to(), str::len);
    (last <= valid && parses(path, &bytes[..last])).then(|| BrokenTail {
        cut: with_blank_lines(bytes, last),
        nuls: 0,
    })
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
        } = j.upkeep().repair("acme", false).unwrap()
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
        assert!(matches!(
            j.upkeep().repair("acme", false).unwrap(),
            Repair::Clean
        ));
        fs::write(&path, format!("{good}{torn}")).unwrap();
        j.upkeep().repair("acme", false).unwrap();
        assert_eq!(fs::read_to_string(&rej).unwrap(), format!("{torn}{torn}"));
    }

    #[test]
    fn a_record_torn_inside_an_optional_field_moves_whole() {
        // The order's `note` is optional: "at" and "amount" alone would parse. The cut is
        // still at the record's `[[order]]` line: half a record is never kept.
        let good = format!("{HEAD}{CALL}");
        let torn = "\n[[order]]\nat = 2026-11-21\namount = 5\nnote = \"half";
        let (_dir, j, path) = journal_with(&format!("{good}{torn}"));
        let Repair::Moved { rej, .. } = j.upkeep().repair("acme", false).unwrap() else {
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
        let err = j.upkeep().repair("acme", false).unwrap_err().to_string();
        assert!(
            err.contains("repair would move 2 records (from line 9)"),
            "{err}"
        );
        assert!(err.contains("--force"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), format!("{good}{tail}"));
        let Repair::Moved { records, .. } = j.upkeep().repair("acme", true).unwrap() else {
            panic!("expected a move");
        };
        assert_eq!(records, 2);
        assert_eq!(fs::read_to_string(&path).unwrap(), good);
    }

    #[test]
    fn a_file_whose_header_does_not_parse_is_left_to_a_person() {
        let text = "schema = 1\nname = \"Acme\n";
        let (_dir, j, path) = journal_with(text);
        let err = j.upkeep().repair("acme", false).unwrap_err().to_string();
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
        assert_eq!(j.upkeep().forget("acme").unwrap(), vec![path.clone()]);
        assert!(!path.exists());
        fs::write(&path, HEAD).unwrap();
        fs::write(&rej, "x").unwrap();
        assert_eq!(
            j.upkeep().forget("acme").unwrap(),
            vec![path.clone(), rej.clone()]
        );
        assert!(!path.exists() && !rej.exists());
        let err = j.upkeep().forget("acme").unwrap_err().to_string();
        assert!(err.contains("is gone"), "{err}");
    }
}

/// A file ending in NUL bytes (an append whose size reached the disk, its data not), and every
/// cut of an append of each kind: `check` names the tail, `repair` moves exactly it, and every
/// acknowledged record stays (PRODUCT.md §9.1; docs/DURABILITY.md).
#[cfg(test)]
mod broken_tail_tests {
    use super::*;
    use crate::model::Record;
    use crate::storage::codec::{customer_text, records_chunk};
    use crate::storage::testutil::*;

    fn calls(n: usize) -> String {
        let records: Vec<Record> = (0..n).map(|i| call(&format!("call {i}"))).collect();
        customer_text(&header("Acme"), &records).unwrap()
    }

    #[test]
    fn nuls_after_the_last_record_move_alone_whatever_the_record_count() {
        for n in [0, 1, 2, 50] {
            let good = calls(n);
            let chunk_len = records_chunk(&[call("lost")], true).unwrap().len();
            let text = format!("{good}{}", "\0".repeat(chunk_len));
            let (_dir, j, path) = journal_with(&text);
            // check: one problem, on the line of the first NUL, naming them and the fix.
            let report = crate::check::check_file(&path, text.as_bytes());
            let messages: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(messages.len(), 1, "{n}: {messages:?}");
            let line = good.lines().count() + 1;
            assert!(
                messages[0].contains(&format!(
                    "acme.toml:{line}:1: the file ends in {chunk_len} NUL bytes, no record"
                )) && messages[0].contains("`coltiva repair acme` moves them to acme.toml.rej"),
                "{n}: {messages:?}"
            );
            assert_eq!(
                broken_tail(&path, text.as_bytes()),
                Some(BrokenTail {
                    cut: good.len(),
                    nuls: chunk_len
                })
            );
            let Repair::Moved {
                records,
                bytes,
                rej,
                ..
            } = j.upkeep().repair("acme", false).unwrap()
            else {
                panic!("{n}: expected a move");
            };
            assert_eq!((records, bytes), (0, chunk_len), "{n}");
            assert_eq!(fs::read_to_string(&path).unwrap(), good, "{n}");
            assert_eq!(fs::read(&rej).unwrap(), vec![0; chunk_len], "{n}");
            assert_eq!(j.load_customer("acme").unwrap().interactions.len(), n);
        }
    }

    #[test]
    fn nuls_after_part_of_an_append_move_with_that_part() {
        let good = calls(2);
        let chunk = records_chunk(&[call("lost")], true).unwrap();
        for written in [1, 5, chunk.len() / 2, chunk.len() - 2] {
            let text = format!("{good}{}{}", &chunk[..written], "\0".repeat(512));
            let (_dir, j, path) = journal_with(&text);
            assert!(
                !crate::check::check_file(&path, text.as_bytes())
                    .problems
                    .is_empty()
            );
            j.upkeep().repair("acme", false).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), good, "{written}");
            let rej = fs::read(path.with_extension("toml.rej")).unwrap();
            assert_eq!(rej, text.as_bytes()[good.len()..], "{written}");
        }
    }

    /// Every byte cut of an append of every kind: the file reads as it was, or as it is after
    /// the append, or `check` names the last record with the fix and `repair` moves exactly
    /// the cut bytes, leaving the file as it was before the append.
    #[test]
    fn every_cut_of_an_append_is_the_old_file_or_flagged_and_repaired_exactly() {
        use crate::model::*;
        let day = At::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
        let kinds = [
            call("two\nlines \"quoted\""),
            Record::from(Order {
                with: None,
                at: day,
                amount: Amount::from_cents(123_456),
                reference: Some("F-77".into()),
                note: Some("big order".into()),
                source: None,
            }),
            Record::from(Promise {
                with: None,
                id: "9x2p".into(),
                at: day,
                by: Party::Us,
                what: "send the samples".into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                about: None,
                source: None,
            }),
            Record::from(Resolution {
                promise: "7k3m".into(),
                at: day,
                status: ResolutionStatus::Renegotiated,
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 5),
                note: Some("after the fair".into()),
            }),
            Record::from(PhaseRecord {
                at: day,
                set: PhaseSetting::Pin(Phase::Partner),
                reason: Some("framework contract".into()),
            }),
        ];
        let (_dir, j, path) = journal_with("");
        // A call and the promise the resolution resolves.
        let promise = Record::from(Promise {
            with: None,
            id: "7k3m".into(),
            at: day,
            by: Party::Them,
            what: "pay".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            about: Some(About::Payment),
            source: None,
        });
        let good = customer_text(&header("Acme"), &[call("first"), promise]).unwrap();
        fs::write(&path, &good).unwrap();
        let before = j.load_customer("acme").unwrap();
        for record in kinds {
            let mut after = before.clone();
            after.push(record.clone());
            let chunk = records_chunk(std::slice::from_ref(&record), true).unwrap();
            for cut in 0..chunk.len() {
                let text = format!("{good}{}", &chunk[..cut]);
                fs::write(&path, &text).unwrap();
                let report = crate::check::check_file(&path, text.as_bytes());
                match j.load_customer("acme") {
                    Ok(back) => {
                        assert!(report.problems.is_empty(), "{cut}: {:?}", report.problems);
                        // All but the last newline is the whole record.
                        assert!(
                            back == before || (back == after && cut == chunk.len() - 1),
                            "cut {cut} of {chunk}"
                        );
                        continue;
                    }
                    Err(_) => assert!(
                        !report.problems.is_empty()
                            && report.problems.iter().all(|p| p
                                .message()
                                .contains("`coltiva repair acme` moves this record alone")),
                        "cut {cut} of {chunk}: {:?}",
                        report.problems
                    ),
                }
                let _ = fs::remove_file(path.with_extension("toml.rej"));
                let Repair::Moved { records, .. } = j.upkeep().repair("acme", false).unwrap()
                else {
                    panic!("cut {cut}: expected a move");
                };
                assert_eq!(records, 1);
                assert_eq!(fs::read_to_string(&path).unwrap(), good, "cut {cut}");
                assert_eq!(
                    fs::read_to_string(path.with_extension("toml.rej")).unwrap(),
                    &chunk[..cut]
                );
            }
        }
    }

    #[test]
    fn damage_before_the_last_record_is_no_broken_tail() {
        let good = calls(2).replacen("summary = \"call 0\"", "summary = oops", 1);
        assert!(good.contains("oops"));
        assert_eq!(broken_tail(Path::new("acme.toml"), good.as_bytes()), None);
        assert_eq!(
            broken_tail(Path::new("acme.toml"), calls(2).as_bytes()),
            None
        );
        let report = crate::check::check_file(Path::new("acme.toml"), good.as_bytes());
        assert!(
            report
                .problems
                .iter()
                .all(|p| !p.message().contains("repair")),
            "{:?}",
            report.problems
        );
    }
}
