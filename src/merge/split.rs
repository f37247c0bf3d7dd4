//! A customer file cut into its header and its records, as chunks of the file's own text.
//!
//! The cuts come from the TOML parser's spans (toml_edit), never from guessing at lines: a
//! multi-line summary holding `[[order]]` or `# note` stays inside its record. Each record
//! chunk keeps the hand-written bytes around it: the blank lines and comment lines just above
//! its `[[kind]]` line belong to it (a comment above a record is about that record).

use toml_edit::{Item, Table};

/// One record of a file: its bytes, and what identifies it for the multiset merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The record's text, ending with a newline.
    pub text: String,
    /// The record's kind and content with keys sorted: two chunks with the same identity are
    /// copies of one record, whatever their comments or layout.
    pub identity: String,
    /// The day of its `at` (year, month, day); records without one sort first.
    pub day: (i32, u8, u8),
    /// The time of day of its `at` (hour, minute, second, nanosecond); a date alone is None,
    /// which sorts before every time of its day.
    pub time: Option<(u8, u8, u8, u32)>,
    /// For a `[[resolution]]`: the promise it resolves and its status.
    pub resolution: Option<(String, String)>,
}

impl Chunk {
    /// The record's kind (`interaction`, `order`…).
    pub fn kind(&self) -> &str {
        self.identity.split(':').next().unwrap_or("")
    }
}

/// A file cut into its header text and its records in file order.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Everything before the first record (ends with a newline unless empty).
    pub header: String,
    pub records: Vec<Chunk>,
}

/// Cuts `text` (a whole customer file) into header and record chunks. Err: why the file
/// cannot be merged record by record (it does not parse, or it holds a `[table]` section).
pub fn split(text: &str) -> Result<Split, String> {
    if text.trim().is_empty() {
        return Ok(Split::default());
    }
    let doc = toml_edit::Document::parse(text).map_err(|e| {
        let (line, _) = crate::error::line_column(text, e.span().map_or(0, |s| s.start));
        format!("line {line}: {}", e.message().trim())
    })?;
    let root = doc.as_table();
    let mut header_end = 0;
    // (start of the `[[kind]]` line's span, end of the record's last value)
    let mut tables: Vec<(usize, usize)> = Vec::new();
    for (key, item) in root.iter() {
        match item {
            Item::Value(value) => {
                header_end = header_end.max(value.span().map_or(0, |s| s.end));
            }
            Item::ArrayOfTables(array) => {
                for table in array.iter() {
                    let Some(span) = table.span() else {
                        return Err(format!("a [[{key}]] record without a position"));
                    };
                    tables.push((span.start, table_end(table)));
                }
            }
            Item::Table(_) => {
                return Err(format!(
                    "`{key}` is written as a table, not as records or header values"
                ));
            }
            Item::None => {}
        }
    }
    tables.sort_unstable();
    let mut bounds = Vec::with_capacity(tables.len());
    let mut floor = header_end;
    for &(start, end) in &tables {
        let mut bound = line_start(text, start);
        while bound > 0 {
            let previous = line_start(text, bound - 1);
            if previous < floor {
                break;
            }
            let line = text[previous..bound].trim();
            if line.is_empty() || line.starts_with('#') {
                bound = previous;
            } else {
                break;
            }
        }
        bounds.push(bound);
        floor = end;
    }
    let mut out = Split {
        header: with_newline(&text[..bounds.first().copied().unwrap_or(text.len())]),
        records: Vec::with_capacity(bounds.len()),
    };
    for (i, &from) in bounds.iter().enumerate() {
        let to = bounds.get(i + 1).copied().unwrap_or(text.len());
        out.records.push(chunk(with_newline(&text[from..to]))?);
    }
    Ok(out)
}

fn with_newline(text: &str) -> String {
    let mut text = text.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of a table: of its header, or of its last value (dotted keys and nested tables
/// included).
fn table_end(table: &Table) -> usize {
    table
        .iter()
        .map(|(_, item)| match item {
            Item::Value(value) => value.span().map_or(0, |s| s.end),
            Item::Table(inner) => table_end(inner),
            Item::ArrayOfTables(array) => array.iter().map(table_end).max().unwrap_or(0),
            Item::None => 0,
        })
        .chain(table.span().map(|s| s.end))
        .max()
        .unwrap_or(0)
}

/// A record chunk parsed on its own, for its identity and day.
fn chunk(text: String) -> Result<Chunk, String> {
    let parsed: toml::Table = toml::from_str(&text).map_err(|e| e.message().trim().to_string())?;
    let (kind, record) = match parsed.iter().next() {
        Some((kind, toml::Value::Array(tables))) if tables.len() == 1 => (kind, &tables[0]),
        _ => return Err("a record chunk that is not one [[record]]".into()),
    };
    let mut identity = String::with_capacity(text.len());
    identity.push_str(kind);
    identity.push(':');
    canonical(record, &mut identity);
    let (day, time) = match record.get("at") {
        Some(toml::Value::Datetime(at)) => (
            at.date
                .map_or((0, 0, 0), |d| (i32::from(d.year), d.month, d.day)),
            at.time.map(|t| {
                (
                    t.hour,
                    t.minute,
                    t.second.unwrap_or(0),
                    t.nanosecond.unwrap_or(0),
                )
            }),
        ),
        _ => ((0, 0, 0), None),
    };
    let resolution = match (kind.as_str(), record.get("promise"), record.get("status")) {
        ("resolution", Some(toml::Value::String(p)), Some(toml::Value::String(s))) => {
            Some((p.clone(), s.clone()))
        }
        _ => None,
    };
    Ok(Chunk {
        text,
        identity,
        day,
        time,
        resolution,
    })
}

/// A value written with its keys sorted and without layout: equal for equal content. Not
/// TOML output (nothing is written from it), only a comparison key.
pub fn canonical(value: &toml::Value, out: &mut String) {
    match value {
        toml::Value::Table(table) => {
            let mut keys: Vec<(&String, &toml::Value)> = table.iter().collect();
            keys.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (key, value) in keys {
                out.push_str(&toml::Value::String(key.clone()).to_string());
                out.push('=');
                canonical(value, out);
                out.push(',');
            }
            out.push('}');
        }
        toml::Value::Array(items) => {
            out.push('[');
            for item in items {
                canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_above_a_record_belong_to_it_and_strings_are_never_cut() {
        let text = "schema = 1 # the format\nname = \"A\"\n# about the header\n\n# about the call\n[[interaction]]\nat = 2026-11-20\nsummary = \"\"\"\n[[order]]\n# not a comment\"\"\" # trailing\n\n[[order]]\nat = 2026-11-21\namount = 5";
        let split = split(text).unwrap();
        assert_eq!(split.header, "schema = 1 # the format\nname = \"A\"\n");
        assert_eq!(split.records.len(), 2);
        assert_eq!(
            split.records[0].text,
            "# about the header\n\n# about the call\n[[interaction]]\nat = 2026-11-20\nsummary = \"\"\"\n[[order]]\n# not a comment\"\"\" # trailing\n"
        );
        assert_eq!(
            split.records[1].text,
            "\n[[order]]\nat = 2026-11-21\namount = 5\n"
        );
        assert_eq!(split.records[1].day, (2026, 11, 21));
    }

    #[test]
    fn identity_ignores_layout_and_key_order_but_not_content() {
        let a =
            split("schema = 1\nname = \"A\"\n\n[[order]]\nat = 2026-11-20\namount = 5\n").unwrap();
        let b = split(
            "schema = 1\nname = \"A\"\n# mine\n[[order]]\namount   = 5 # five\nat = 2026-11-20\n",
        )
        .unwrap();
        let c =
            split("schema = 1\nname = \"A\"\n\n[[order]]\nat = 2026-11-20\namount = 6\n").unwrap();
        assert_eq!(a.records[0].identity, b.records[0].identity);
        assert_ne!(a.records[0].identity, c.records[0].identity);
    }

    #[test]
    fn tables_and_bad_toml_are_refused() {
        assert!(split("schema = 1\n[contact]\nmail = \"x\"\n").is_err());
        assert!(split("schema = 1\nname = \n").is_err());
        assert!(split("").unwrap().records.is_empty());
    }
}
