//! CSV. A document that is one table is written as that table (a header row, then rows). A
//! document of several parts is written in long form, one value per line:
//! `section,row,column,value`, which every spreadsheet and script can pivot.

use super::{Block, Document};
use crate::error::{Error, Result};

pub fn render(doc: &Document) -> Result<String> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let fail = |e: ::csv::Error| Error::Invalid(format!("could not write CSV: {e}"));
    if let Some(table) = doc.single_table() {
        writer.write_record(&table.columns).map_err(fail)?;
        for row in &table.rows {
            writer
                .write_record(row.iter().map(|c| c.machine()))
                .map_err(fail)?;
        }
    } else {
        writer
            .write_record(["section", "row", "column", "value"])
            .map_err(fail)?;
        writer
            .write_record(["title", "", "", doc.title.as_str()])
            .map_err(fail)?;
        for block in doc.text_blocks() {
            match block {
                Block::Facts(facts) => {
                    for (label, cell) in facts {
                        writer
                            .write_record(["facts", "", label.as_str(), &cell.machine()])
                            .map_err(fail)?;
                    }
                }
                // Left out by text_blocks().
                Block::Chart(_) => {}
                Block::Text(text) => {
                    writer
                        .write_record(["text", "", "", text.as_str()])
                        .map_err(fail)?;
                }
                Block::Table(table) => {
                    for (i, row) in table.rows.iter().enumerate() {
                        let n = (i + 1).to_string();
                        for (column, cell) in table.columns.iter().zip(row) {
                            writer
                                .write_record([table.name, &n, column, &cell.machine()])
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
