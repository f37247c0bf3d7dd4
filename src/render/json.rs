//! JSON: the report data itself, pretty-printed. Field names are documented in docs/METRICS.md.
//!
//! Pretty whether printed to a terminal or piped: the same bytes everywhere (scripts and
//! snapshots compare them), and the indentation costs little once written as it is produced.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};

/// Writes `data` to `out` as it is serialized (never one string of the whole document).
pub fn write<T: Serialize>(out: &mut dyn Write, data: &T) -> Result<()> {
    let fail = |e: serde_json::Error| Error::Invalid(format!("could not write JSON: {e}"));
    // serde_json writes many pieces of a few bytes: into a buffer of a known type (inlined),
    // not through `dyn Write` each time.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, data).map_err(fail)?;
    buffered
        .write_all(b"\n")
        .and_then(|()| buffered.flush())
        .map_err(|e| Error::io("could not write the output", e))
}

/// Writes `rows` as [`write`] writes the array (the same bytes), the rows serialized on all
/// cores a chunk at a time: `list` of 23,570 customers spent a fifth of its time in serde_json
/// writing 27 MB of pretty JSON on one core.
pub fn write_rows<T: Serialize + Sync>(out: &mut dyn Write, rows: &[T]) -> Result<()> {
    use rayon::prelude::*;
    // Rows in a chunk, and rows a core takes at once: a chunk's text (~5 MB for `list`) is
    // written out before the next is made, so the memory stays that of one chunk.
    const CHUNK: usize = 4096;
    const PIECE: usize = 128;
    if rows.is_empty() {
        return write(out, &rows);
    }
    let fail = |e: serde_json::Error| Error::Invalid(format!("could not write JSON: {e}"));
    let io = |e: std::io::Error| Error::io("could not write the output", e);
    // serde_json takes no serialized element without parsing it again (`RawValue` validates
    // its text), so the array's own punctuation is written here: `[`, then each row after a
    // line break and two spaces (the pretty printer's indent), separated by `,`, then a line
    // break and `]`. Each row is serde_json's own pretty text, one level deeper; the unit test
    // compares the whole with `write` byte for byte.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    buffered.write_all(b"[").map_err(io)?;
    // One text per piece, kept from chunk to chunk: the memory is touched once.
    let mut texts: Vec<Vec<u8>> = Vec::new();
    for (c, chunk) in rows.chunks(CHUNK).enumerate() {
        texts.resize_with(chunk.len().div_ceil(PIECE), Vec::new);
        texts
            .par_iter_mut()
            .zip(chunk.par_chunks(PIECE))
            .enumerate()
            .try_for_each(|(p, (text, piece))| {
                text.clear();
                let mut row_text = Vec::new();
                for (r, row) in piece.iter().enumerate() {
                    if c + p + r > 0 {
                        text.push(b',');
                    }
                    text.extend_from_slice(b"\n  ");
                    row_text.clear();
                    serde_json::to_writer_pretty(&mut row_text, row)?;
                    indented(&row_text, text);
                }
                Ok(())
            })
            .map_err(fail)?;
        for text in &texts {
            buffered.write_all(text).map_err(io)?;
        }
    }
    buffered
        .write_all(b"\n]\n")
        .and_then(|()| buffered.flush())
        .map_err(io)
}

/// Pretty JSON one level deeper: two more spaces after every line break. serde_json's pretty
/// text has line breaks only between tokens (a line break inside a string is written `\n`).
fn indented(text: &[u8], out: &mut Vec<u8>) {
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', text) {
        out.extend_from_slice(&text[from..=at]);
        out.extend_from_slice(b"  ");
        from = at + 1;
    }
    out.extend_from_slice(&text[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn written(f: impl FnOnce(&mut dyn Write) -> Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Rows written on all cores are the bytes of the one-core writer, whatever the number of
    /// rows (none, one, across pieces and chunks) and whatever a row holds (nested objects and
    /// arrays, empty ones, line breaks and quotes inside strings, numbers, nulls).
    #[test]
    fn rows_on_all_cores_are_the_bytes_of_the_one_core_writer() {
        let row = |i: usize| {
            json!({
                "id": format!("c{i}"),
                "note": "two\nlines, \"quoted\" \u{1b}[31m",
                "n": i,
                "rate": if i.is_multiple_of(3) { json!(null) } else { json!(i as f64 / 7.0) },
                "tags": if i.is_multiple_of(2) { json!([]) } else { json!(["a", {"b": [1, 2, {}]}]) },
                "kept": {"kept": i, "late": {}, "deep": [[[]], [["x"]]]},
            })
        };
        for n in [0, 1, 2, 127, 128, 129, 4095, 4096, 4097, 8300] {
            let rows: Vec<_> = (0..n).map(row).collect();
            let one = written(|out| write(out, &rows));
            let all = written(|out| write_rows(out, &rows));
            assert_eq!(all, one, "{n} rows");
        }
    }
}
