//! The customer-file form: a header and records serialized by the toml crate, parsed back
//! with errors at file:line:column.

use super::*;

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
pub(super) fn defines_otherwise(text: &str, table: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        if line
            .strip_prefix("[[")
            .and_then(|l| l.strip_prefix(table))
            .is_some_and(|l| l.starts_with("]]"))
        {
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

pub(super) struct RecordOut<'a>(&'a Record);

impl Serialize for RecordOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Record::Interaction(r) => r.serialize(s),
            Record::Order(r) => r.serialize(s),
            Record::Promise(r) => r.serialize(s),
            Record::Resolution(r) => r.serialize(s),
            Record::Phase(r) => r.serialize(s),
        }
    }
}

/// Parses the text of a customer file, mapping errors to file:line:column.
pub fn parse_customer(path: &Path, text: &str) -> Result<CustomerFile> {
    toml::from_str::<CustomerFile>(text).map_err(|e| Error::parse(path, text, &e))
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
    fn header_end_stops_at_first_table() {
        let text = "schema = 1\nname = \"x\"\n\n[[order]]\nat = 2026-01-01\n";
        assert_eq!(&text[..header_end(text)], "schema = 1\nname = \"x\"\n\n");
    }
}
