//! CSV. A document that is one table is written as that table (a header row, then rows). A
//! document of several parts is written in long form, one value per line:
//! `section,row,column,value`, which every spreadsheet and script can pivot.

use super::{Block, Cell, Document};
use crate::text::spreadsheet_safe;

/// The exact CSV: every cell as it is (`show`, `promises`: their texts round-trip).
pub fn write(out: &mut dyn std::io::Write, doc: &Document) -> Result<()> {
    render_as(out, doc, false)
}

/// CSV for spreadsheets (`list`, `report`): text cells that a spreadsheet would
/// run as a formula get a leading `'` (`crate::text::spreadsheet_safe`).
pub fn write_for_spreadsheets(out: &mut dyn std::io::Write, doc: &Document) -> Result<()> {
    render_as(out, doc, true)
}
use crate::error::{Error, Result};

/// Writes the rows to `out` as they are made.
fn render_as(out: &mut dyn std::io::Write, doc: &Document, defuse: bool) -> Result<()> {
    // A cell as written: text from people defused for spreadsheets when asked, typed values
    // (numbers, amounts, dates) as they are.
    let written = |cell: &Cell| match cell {
        Cell::Text(text) if defuse => spreadsheet_safe(text).into_owned(),
        other => other.machine(),
    };
    let text = |t: &str| {
        if defuse {
            spreadsheet_safe(t).into_owned()
        } else {
            t.to_string()
        }
    };
    let mut writer = ::csv::WriterBuilder::new().from_writer(out);
    let fail = |e: ::csv::Error| Error::Invalid(format!("could not write CSV: {e}"));
    if let Some(table) = doc.single_table() {
        writer
            .write_record(table.columns.iter().map(|c| c.heading))
            .map_err(fail)?;
        for row in &table.rows {
            writer
                .write_record(row.iter().map(&written))
                .map_err(fail)?;
        }
    } else {
        writer
            .write_record(["section", "row", "column", "value"])
            .map_err(fail)?;
        writer
            .write_record(["title", "", "", &text(&doc.title)])
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
                Block::Text(body) => {
                    writer
                        .write_record(["text", "", "", &text(body)])
                        .map_err(fail)?;
                }
                Block::Table(table) => {
                    for (i, row) in table.rows.iter().enumerate() {
                        let n = (i + 1).to_string();
                        for (column, cell) in table.columns.iter().zip(row) {
                            writer
                                .write_record([table.name, &n, column.heading, &written(cell)])
                                .map_err(fail)?;
                        }
                    }
                }
            }
        }
    }
    writer
        .flush()
        .map_err(|e| Error::io("could not write the output", e))
}
