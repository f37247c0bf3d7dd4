//! Stable keys of imported records, and the text forms of moments shared by export and import.
//!
//! An imported record carries `source = KEY`. KEY is the row's own `source` cell when the file
//! has one (an order number from another system, say); otherwise it is computed from the
//! record's content, independent of the file: `row:<16 hex digits>:<n>`, where the digits are a
//! 64-bit FNV-1a hash of the record's fields and `n` counts identical records of the same
//! customer in file order (1 for the first, 2 for the second...). Importing the same file again,
//! or a longer version of it, therefore finds every row it already imported, and two identical
//! rows (two equal orders on one day) stay two records.
//!
//! The records of a customer file are identified the same way: by their `source` when they
//! have one, else by the key computed from their content and their order among the file's
//! records without a source. So re-importing an export of the same journal adds nothing.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};

use crate::i18n::RowProblem;
use crate::model::{At, Customer, Record};

/// The text of a moment: `2026-11-20`, `2026-11-20T10:30:00+01:00` (`Z` for UTC) or, for a
/// date-time without offset, `2026-11-20T10:30:00`. [`parse_at`] reads it back exactly.
pub fn at_text(at: At) -> String {
    match at {
        At::Date(d) => d.format("%Y-%m-%d").to_string(),
        At::DateTime(dt) => dt.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        At::Local(dt) => dt.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
    }
}

/// Parses a moment in an import file. With `format` (a strftime pattern such as `%Y%m%d` or
/// `%d/%m/%Y %H:%M`), the text must match it: with an offset (`%z`) it is a date-time with
/// offset, with a time it is a local date-time, else a date. Without a format, the strict ISO
/// parser the command line uses, or `20/11/2026` in a journal whose dates with slashes read in
/// `order` ([`crate::dates::parse_cell`], the command line's rule). Either way the year must
/// be one a journal can store.
pub fn parse_at(
    text: &str,
    format: Option<&str>,
    order: crate::dates::DateOrder,
) -> Result<At, RowProblem> {
    let t = text.trim();
    let Some(fmt) = format else {
        return crate::dates::parse_cell_typed(t, order)
            .map_err(|(text, problem)| RowProblem::BadDate { text, problem });
    };
    let at = if let Ok(dt) = DateTime::parse_from_str(t, fmt) {
        At::DateTime(dt)
    } else if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
        At::Local(dt)
    } else {
        NaiveDate::parse_from_str(t, fmt)
            .map(At::Date)
            .map_err(|e| {
                RowProblem::Said(format!("invalid date {t:?} for --date-format {fmt:?}: {e}"))
            })?
    };
    crate::dates::check_storable(at).map_err(RowProblem::Said)
}

/// Checks a `--date-format` pattern: a strftime pattern chrono understands.
pub fn check_date_format(fmt: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if fmt.trim().is_empty() {
        return Err("--date-format: the pattern is empty".into());
    }
    if StrftimeItems::new(fmt).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "--date-format {fmt:?}: not a valid strftime pattern (e.g. %Y%m%d or \"%d/%m/%Y %H:%M\")"
        ));
    }
    Ok(())
}

/// The fields of a record that identify it, without its `source`, separated by U+001F: its
/// table, its moment, and its kind's `key_parts`.
pub fn content(record: &Record) -> String {
    let mut parts: Vec<String> = vec![record.table().to_string(), at_text(record.at())];
    parts.extend(record.key_parts());
    parts.join("\u{1f}")
}

/// 64-bit FNV-1a: tiny, fixed forever, good enough to tell records of one customer apart.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Counts identical contents to number their occurrences: the n-th identical record gets n.
#[derive(Debug, Default)]
pub struct KeyMaker {
    seen: HashMap<u64, u32>,
}

impl KeyMaker {
    /// The computed key of the next record with this content.
    pub fn key(&mut self, record: &Record) -> String {
        let hash = fnv1a64(content(record).as_bytes());
        let n = self.seen.entry(hash).or_insert(0);
        *n += 1;
        format!("row:{hash:016x}:{n}")
    }
}

/// The keys of every record of a customer: its `source`, or the key computed from its content
/// and its order among the records without a source.
pub fn existing_keys(customer: &Customer) -> HashSet<String> {
    let mut keys = HashSet::with_capacity(customer.record_count());
    let mut maker = KeyMaker::default();
    for mut record in customer.in_file_order() {
        match record.source_mut().and_then(Option::take) {
            Some(source) => keys.insert(source),
            None => keys.insert(maker.key(&record)),
        };
    }
    keys
}

/// Sets the `source` of a record whose kind has one; the others (resolutions, phase changes)
/// are recognised by their content alone.
pub fn set_source(record: &mut Record, key: String) {
    if let Some(source) = record.source_mut() {
        *source = Some(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, Order};

    fn parse_at(text: &str, format: Option<&str>) -> Result<At, RowProblem> {
        super::parse_at(text, format, crate::dates::DateOrder::Ymd)
    }

    #[test]
    fn at_text_round_trips() {
        for text in [
            "2026-11-20",
            "2026-11-20T10:30:00+01:00",
            "2026-11-20T10:30:00Z",
            "2026-11-20T10:30:00.250-05:30",
            "2026-11-20T10:30:00",
        ] {
            let at = parse_at(text, None).unwrap();
            assert_eq!(at_text(at), text);
            assert_eq!(parse_at(&at_text(at), None).unwrap(), at);
        }
        assert_eq!(
            parse_at("19970101", Some("%Y%m%d")).unwrap(),
            At::Date(NaiveDate::from_ymd_opt(1997, 1, 1).unwrap())
        );
        assert!(parse_at("1997-13-01", None).is_err());
        assert!(parse_at("yesterday", None).is_err());
        assert!(check_date_format("%Y%m%d").is_ok());
        assert!(check_date_format("%Q").is_err());
    }

    #[test]
    fn identical_records_get_successive_keys() {
        let order = Record::from(Order {
            with: None,
            at: At::Date(NaiveDate::from_ymd_opt(1997, 1, 1).unwrap()),
            amount: Amount::from_cents(1177),
            reference: None,
            note: None,
            source: None,
        });
        let mut maker = KeyMaker::default();
        let a = maker.key(&order);
        let b = maker.key(&order);
        assert!(a.ends_with(":1") && b.ends_with(":2"), "{a} {b}");
        assert_eq!(a[..a.len() - 2], b[..b.len() - 2]);
        // Fixed forever: the key of this order must never change between versions.
        assert_eq!(a, "row:22ef8fee3ab44b11:1");
    }
}
