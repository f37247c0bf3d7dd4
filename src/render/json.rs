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
    serde_json::to_writer_pretty(&mut *out, data).map_err(fail)?;
    out.write_all(b"\n")
        .map_err(|e| Error::io("could not write the output", e))
}
