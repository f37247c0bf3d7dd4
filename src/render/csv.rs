//! CSV. A document that is one table is written as that table (a header row, then rows). A
//! document of several parts is written in long form, one value per line:
//! `section,row,column,value`, which every spreadsheet and script can pivot.

use super::{Block, Cell, Document};
use crate::text::spreadsheet_safe;

/// A cell as written: text from people defused for spreadsheets (`crate::text`), typed
/// values (numbers, amounts, dates) as they are.
fn written(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => spreadsheet_safe(text).into_owned(),
        other => other.machine(),
    }
}
use crate::error::{Error, Result};

pub fn render(doc: &Document) -> Result<String> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let fail = |e: ::csv::Error| Error::Invalid(format!("could not write CSV: {e}"));
    if let Some(table) = doc.single_table() {
        writer.write_record(&table.columns).map_err(fail)?;
        for row in &table.rows {
            writer.write_record(row.iter().map(written)).map_err(fail)?;
        }
    } else {
        writer
            .write_record(["section", "row", "column", "value"])
            .map_err(fail)?;
        writer
            .write_record(["title", "", "", &spreadsheet_safe(&doc.title)])
            .map_err(fail)?;
        for block in doc.text_blocks() {
            match block {
                Block::Facts(facts) => {
                    for (label, cell) in facts {
                        writer
                            .write_record(["facts", "", label.as_str(), &written(cell)])
                            .map_err(fail)?;
                    }
                }
                // Left out by text_blocks().
                Block::Chart(_) => {}
                Block::Text(text) => {
                    writer
                        .write_record(["text", "", "", &spreadsheet_safe(text)])
                        .map_err(fail)?;
                }
                Block::Table(table) => {
                    for (i, row) in table.rows.iter().enumerate() {
                        let n = (i + 1).to_string();
                        for (column, cell) in table.columns.iter().zip(row) {
                            writer
                                .write_record([table.name, &n, column, &written(cell)])
                                .map_err(fail)?;
                        }
                    }
                }
            }
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Invalid(format!("could not write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Invalid(format!("could not write CSV: {e}")))
}
