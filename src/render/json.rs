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
