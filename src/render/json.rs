//! JSON: the report data itself, pretty-printed. Field names are documented in docs/METRICS.md.

use serde::Serialize;

use crate::error::{Error, Result};

pub fn render<T: Serialize>(data: &T) -> Result<String> {
    let mut text = serde_json::to_string_pretty(data)
        .map_err(|e| Error::Invalid(format!("could not write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}
