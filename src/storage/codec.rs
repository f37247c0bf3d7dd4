//! The customer-file form: a header and records serialized by the toml crate, parsed back
//! with errors at file:line:column.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{CustomerFile, Header, HeaderOut, Record};
use crate::model::{RECORD_TABLES, Records};

/// The text of a whole customer file: the header, then each record as `append_with` writes it.
/// Serialized by the toml crate; used to write journals in bulk (benchmarks, tests).
pub fn customer_text(header: &Header, records: &[Record]) -> Result<String> {
    let mut text = toml::to_string(&HeaderOut::from(header))
        .map_err(|e| Error::Invalid(format!("could not serialize the header: {e}")))?;
    for record in records {
        text.push_str(&record_chunk(record, text.ends_with('\n'))?);
    }
    Ok(text)
}

/// The bytes appended for one record: a blank line, then `[[kind]]` and its fields.
pub(super) fn record_chunk(record: &Record, ends_with_newline: bool) -> Result<String> {
    let mut table = BTreeMap::new();
    table.insert(record.table(), [RecordOut(record)]);
    let body = toml::to_string(&table)
        .map_err(|e| Error::Invalid(format!("could not serialize the record: {e}")))?;
    let mut chunk = String::with_capacity(body.len() + 2);
    if !ends_with_newline {
        chunk.push('\n');
    }
    chunk.push('\n');
    chunk.push_str(&body);
    Ok(chunk)
}

/// True when `text` may define the root key `table` other than as `[[table]]` (an inline
/// array, a `[table]` table, a dotted key): only then can appending `[[table]]` break the
/// file, so only then is the whole result parsed again. Errs on the side of true.
///
/// A `key = …` line defines a root key only before the first table (the header, found
/// outside multi-line strings); after it, keys belong to tables: the `promise = "…"` of every
/// `[[resolution]]` defines no root `promise`. Table headers count anywhere.
pub(super) fn defines_otherwise(text: &str, table: &str) -> bool {
    let root_end = table_lines(text, 0)
        .first()
        .map_or(text.len(), |(offset, _)| *offset);
    let mut offset = 0;
    text.split_inclusive('\n').any(|line| {
        let in_root = offset < root_end;
        offset += line.len();
        let line = line.trim_start();
        if line
            .strip_prefix("[[")
            .and_then(|l| l.strip_prefix(table))
            .is_some_and(|l| l.starts_with("]]"))
        {
            return false;
        }
        if !in_root && !line.starts_with('[') {
            return false;
        }
        let rest = line.trim_start_matches(['[', ' ', '\t', '"', '\'']);
        rest.strip_prefix(table).is_some_and(|after| {
            after
                .trim_start_matches([' ', '\t', '"', '\''])
                .starts_with(['=', '.', ']'])
        })
    })
}

/// A record in the file form: its fields in the order coltiva writes them, the closing field
/// last (`RecordKind::CLOSING`, the torn-record rule of docs/FORMAT.md). Only the order of the
/// fields and the quotes around an order's amount differ from the records' own `Serialize`
/// (their JSON form), and reading takes fields in any order.
pub(super) struct RecordOut<'a>(&'a Record);

impl Serialize for RecordOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write_file_form(s)
    }
}

/// Files from this size on are parsed record by record (see [`parse_in_parts`]), and checked
/// so (`check::check_file`).
pub const PARTS_FROM: usize = 1 << 20;

/// Parses the text of a customer file, mapping errors to file:line:column.
pub fn parse_customer(path: &Path, text: &str) -> Result<CustomerFile> {
    if text.len() >= PARTS_FROM
        && let Some(parsed) = parse_in_parts(text)
    {
        return Ok(parsed);
    }
    toml::from_str::<CustomerFile>(text).map_err(|e| Error::parse(path, text, &e))
}

/// Parses a large file one record at a time: the TOML parser's tree of a whole file takes
/// some 30 times the file's size (6.6 GB for a 200 MB file), one record's tree is tiny.
/// Used only when the split cannot change the meaning: every table after the header is a
/// record written as `[[kind]]` on its own line (the form coltiva writes) and no record kind
/// is defined in another TOML form. Then the header and each record parse alone exactly as
/// they would within the whole file. None: not such a file; parse it whole.
pub(super) fn parse_in_parts(text: &str) -> Option<CustomerFile> {
    let (start, parts) = record_parts(text)?;
    // A part that does not parse: parse the whole file for the error, so the message is
    // exactly the one a small file gets (and a split the scan got wrong cannot invent one).
    let mut file = toml::from_str::<CustomerFile>(&text[..start]).ok()?;
    for (from, to) in parts {
        if !add_part(&mut file, &text[from..to]) {
            return None;
        }
    }
    Some(file)
}

/// Adds the records of one part of a file (see [`record_parts`]) to `file`; false when the
/// part does not load.
pub fn add_part(file: &mut CustomerFile, part: &str) -> bool {
    match toml::from_str::<Records>(part) {
        Ok(part) => {
            file.records.extend(part);
            true
        }
        Err(_) => false,
    }
}

/// Where the header of a customer file ends and where each record starts and ends, when the
/// file can be split there without changing its meaning: every table after the header is a
/// record written as `[[kind]]` on its own line (the form coltiva writes) and no record kind is
/// defined in another TOML form. None: not such a file.
pub fn record_parts(text: &str) -> Option<(usize, Vec<(usize, usize)>)> {
    if RECORD_TABLES.iter().any(|t| defines_otherwise(text, t)) {
        return None;
    }
    let start = header_end(text);
    let mut starts = Vec::new();
    for (offset, line) in table_lines(text, start) {
        let line = line.trim();
        let is_record = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]"));
        if !is_record.is_some_and(|kind| RECORD_TABLES.contains(&kind)) {
            return None;
        }
        starts.push(offset);
    }
    if starts.first() != Some(&start) && start != text.len() {
        return None;
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    Some((start, starts.iter().copied().zip(ends).collect()))
}

/// The lines from `start` on that open a table (their first non-blank character is `[`),
/// outside multi-line strings, with their byte offsets. A `[[` line inside a `"""` summary is
/// text, not a table; a comment ends the scan of its line.
pub(crate) fn table_lines(text: &str, start: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut open: Option<&str> = None;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if open.is_none() && line.trim_start().starts_with('[') {
            out.push((offset, line));
        } else {
            let bytes = line.as_bytes();
            let mut i = 0;
            while i + 3 <= bytes.len() {
                let three = &bytes[i..i + 3];
                match open {
                    None if bytes[i] == b'#' => break,
                    None if three == b"\"\"\"" || three == b"'''" => {
                        open = Some(if three[0] == b'"' { "\"\"\"" } else { "'''" });
                        i += 3;
                    }
                    Some(q)
                        if three == q.as_bytes()
                            && !(q.starts_with('"') && i > 0 && bytes[i - 1] == b'\\') =>
                    {
                        open = None;
                        i += 3;
                    }
                    _ => i += 1,
                }
            }
        }
        offset += line.len();
    }
    out
}

/// Byte offset where the header of a customer file ends: the first line that opens a table.
pub(super) fn header_end(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

/// The bytes appended for several records: each as [`record_chunk`] writes it.
pub(super) fn records_chunk(records: &[Record], ends_with_newline: bool) -> Result<String> {
    let mut chunk = String::new();
    for (i, record) in records.iter().enumerate() {
        chunk.push_str(&record_chunk(record, i > 0 || ends_with_newline)?);
    }
    Ok(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_forms_of_a_record_table_are_detected() {
        let aot = "schema = 1\n\n[[interaction]]\nsummary = \"order = 5\"\n";
        assert!(!defines_otherwise(aot, "interaction"));
        assert!(!defines_otherwise(aot, "promise"));
        // A record's own key named like a kind (every resolution's `promise`) is no root key.
        let resolution =
            "schema = 1\n\n[[resolution]]\npromise = \"p1\"\nat = 2026-01-01\nstatus = \"kept\"\n";
        assert!(!defines_otherwise(resolution, "promise"));
        // Before the first table it is, even after a text holding a `[[` line.
        let root = "note = \"\"\"\n[[order]]\n\"\"\"\npromise = []\n[[order]]\n";
        assert!(defines_otherwise(root, "promise"));
        assert!(defines_otherwise(
            "schema = 1\n[[order]]\n[promise]\n",
            "promise"
        ));
        for text in [
            "interaction = []\n",
            "  interaction=[]\n",
            "\"interaction\" = []\n",
            "[interaction]\n",
            "[ interaction ]\n",
            "interaction.at = 1\n",
            "[[ interaction ]]\n",
        ] {
            assert!(defines_otherwise(text, "interaction"), "{text:?}");
        }
    }

    #[test]
    fn parsing_in_parts_means_what_parsing_whole_means() {
        let text = "schema = 1\nname = \"x\"\ntags = [\"a\"]\n\n[[order]]\nat = 2026-01-01\namount = \"5.00\"\n\n[[interaction]]\nat = 2026-01-02\nchannel = \"note\"\ndirection = \"out\"\nsummary = \"\"\"\n[[order]]\n[[wiki]]\n\"\"\"\n\n  [[order]]\nat = 2026-01-03\namount = \"7.00\"\n";
        let orders = toml::from_str::<CustomerFile>(text).unwrap().records.orders;
        assert_eq!(orders.len(), 2);
        // Resolutions (whose `promise` key is no root key) split too; a file without records.
        let decided = "schema = 1\nname = \"x\"\n\n[[promise]]\nid = \"p1\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"w\"\ndue = 2026-01-09\n\n[[resolution]]\npromise = \"p1\"\nat = 2026-01-05\nstatus = \"kept\"\n";
        for same in [text, decided, "schema = 1\nname = \"x\"\n"] {
            let whole = toml::from_str::<CustomerFile>(same).unwrap();
            assert_eq!(parse_in_parts(same), Some(whole), "{same}");
        }
        // Other forms, other tables, errors: parsed whole.
        for other in [
            "schema = 1\nname = \"x\"\norder = []\n[[order]]\nat = 2026-01-01\namount = \"5.00\"\n",
            "schema = 1\nname = \"x\"\n[[order]]\nat = 2026-01-01\namount = \"5.00\"\n[order.x]\n",
            "schema = 1\nname = \"x\"\n[[order]]\nat = 2026-01-01\namount = \"5.",
        ] {
            assert_eq!(parse_in_parts(other), None, "{other}");
        }
    }

    #[test]
    fn header_end_stops_at_first_table() {
        let text = "schema = 1\nname = \"x\"\n\n[[order]]\nat = 2026-01-01\n";
        assert_eq!(&text[..header_end(text)], "schema = 1\nname = \"x\"\n\n");
    }

    #[test]
    fn a_whole_file_written_in_bulk_reads_back_as_its_header_and_records() {
        use crate::model::{At, Order};
        use crate::storage::testutil;
        let header = Header {
            tags: vec!["north".into()],
            uid: Some("u1".into()),
            ..testutil::header("ACME S.r.l.")
        };
        let records = [
            testutil::call("called \"Paola\""),
            Record::from(Order {
                with: None,
                at: At::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()),
                amount: crate::model::Amount::from_cents(50_000),
                reference: None,
                note: None,
                source: None,
            }),
        ];
        let text = customer_text(&header, &records).unwrap();
        assert!(
            text.starts_with("schema = 1\nname = \"ACME S.r.l.\"\n"),
            "{text}"
        );
        assert!(text.contains("\n\n[[interaction]]\n"), "{text}");
        let file = parse_customer(Path::new("acme.toml"), &text).unwrap();
        assert_eq!(file.header, header);
        assert_eq!(file.records.interactions.len(), 1);
        assert_eq!(file.records.interactions[0].summary, "called \"Paola\"");
        assert_eq!(file.records.orders.len(), 1);
        assert_eq!(file.records.file_order, vec![0, 1]);
    }

    #[test]
    fn table_lines_skip_multi_line_strings_and_comments() {
        // A comment holding `"""` opens no string; a string closed by a line that is only
        // `"""` is closed there; `[[` lines inside a string are text.
        let text = "# a note with \"\"\" inside\n[[order]]\nsummary = \"\"\"\n[[order]]\n\"\"\"\n[[interaction]]\nx = '''\n[[wiki]]'''\n [[phase]]\n";
        let found: Vec<(usize, &str)> = table_lines(text, 0);
        let lines: Vec<&str> = found.iter().map(|(_, l)| *l).collect();
        assert_eq!(lines, ["[[order]]\n", "[[interaction]]\n", " [[phase]]\n"]);
        for (offset, line) in found {
            assert!(text[offset..].starts_with(line));
        }
    }

    #[test]
    fn one_line_and_escaped_triple_quotes_are_followed_exactly() {
        // A string opened and closed on one line; `\"""` inside a basic string does not close
        // it (an escaped quote, then two quotes); a line that starts with the quotes.
        let text = "a = \"\"\"one line\"\"\"\n[[order]]\nb = \"\"\"x\\\"\"\"\n[[wiki]]\n\"\"\"\n[[interaction]]\nc = [\n\"\"\"y\"\"\",\n]\n[[phase]]\n";
        let lines: Vec<&str> = table_lines(text, 0).into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, ["[[order]]\n", "[[interaction]]\n", "[[phase]]\n"]);
    }

    /// Records of every kind (`RecordKind::samples`), with and without their optional fields,
    /// with the texts whose TOML forms have prefixes that close early (`"""` opens with `""`,
    /// a text ending in quotes).
    fn every_kind() -> Vec<Record> {
        use crate::model::*;
        use chrono::{FixedOffset, NaiveDate, TimeZone};
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let moment = At::DateTime(
            FixedOffset::east_opt(3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 20, 10, 30, 0)
                .unwrap(),
        );
        let texts = [
            "x",
            "two\nlines\"\"",
            "a\"",
            "it's\n'''",
            "\\\"",
            "città\n\"\"\"",
            "",
        ];
        let mut out = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let at = if i % 2 == 0 {
                At::Date(day(20))
            } else {
                moment
            };
            out.extend(Record::samples(at, text, i % 3 != 2));
        }
        out
    }

    /// PRODUCT.md §9.1: no prefix of an append reads as a valid record. Cut at every byte, the
    /// file reads as it was before the append, as it is after it (the cut fell after the last
    /// field's closing quote), or not at all; never as a record that differs from the one
    /// written.
    #[test]
    fn no_prefix_of_an_append_reads_as_another_record() {
        let header = crate::storage::testutil::header("Acme");
        let old = customer_text(&header, &[crate::storage::testutil::call("before")]).unwrap();
        let path = Path::new("acme.toml");
        let read = |text: &str| {
            parse_customer(path, text)
                .ok()
                .map(|f| f.into_customer("acme".into()))
        };
        let before = read(&old).unwrap();
        for record in every_kind() {
            let chunk = record_chunk(&record, true).unwrap();
            let whole = format!("{old}{chunk}");
            let mut after = before.clone();
            after.push(record.clone());
            assert_eq!(read(&whole).as_ref(), Some(&after), "{chunk}");
            for cut in old.len()..whole.len() {
                let Ok(text) = std::str::from_utf8(&whole.as_bytes()[..cut]) else {
                    continue; // not UTF-8: refused
                };
                if let Some(back) = read(text) {
                    assert!(
                        back == before || back == after,
                        "cut at {} reads as another record:\n{}",
                        cut - old.len(),
                        &text[old.len()..]
                    );
                }
            }
        }
    }

    #[test]
    fn each_kind_ends_with_its_closing_field() {
        for record in every_kind() {
            let chunk = record_chunk(&record, true).unwrap();
            let last = chunk.trim_end().lines().last().unwrap().to_string();
            let expected = format!("{} = ", record.kind().closing());
            assert!(last.starts_with(&expected), "{chunk}");
            // Every field written is one the kind declares (the ones `check` accepts).
            for line in chunk.lines() {
                if let Some((key, _)) = line.split_once(" = ")
                    && key.chars().all(|c| c.is_ascii_lowercase())
                {
                    assert!(record.kind().fields().contains(&key), "{key}: {chunk}");
                }
            }
        }
    }

    #[test]
    fn appended_records_are_each_preceded_by_one_blank_line() {
        use crate::storage::testutil::call;
        let one = "[[interaction]]\nat = 2026-11-20\nchannel = \"call\"\nsummary = \"A\"\ndirection = \"out\"\n";
        let two = one.replace("\"A\"", "\"B\"");
        let records = [call("A"), call("B")];
        assert_eq!(
            records_chunk(&records, true).unwrap(),
            format!("\n{one}\n{two}")
        );
        // After a file whose last line has no newline: one more newline first.
        assert_eq!(
            records_chunk(&records, false).unwrap(),
            format!("\n\n{one}\n{two}")
        );
    }
}
