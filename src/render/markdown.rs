//! Markdown for mail and chat: headings, bullet facts and pipe tables.

use std::fmt::Write;

use super::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", inline(&doc.title));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Facts(facts) => {
                for (label, cell) in facts {
                    let _ = writeln!(out, "- **{}:** {}", inline(label), inline(&cell.human()));
                }
            }
            Block::Text(text) => {
                let _ = writeln!(out, "{}", inline(text));
            }
            Block::Table(table) => {
                let _ = writeln!(out, "## {}\n", inline(&table.title));
                if table.rows.is_empty() {
                    let _ = writeln!(out, "_{}_", table.empty);
                    continue;
                }
                let header: Vec<String> = table.columns.iter().map(|c| inline(c)).collect();
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let _ = writeln!(
                    out,
                    "|{}|",
                    table
                        .columns
                        .iter()
                        .map(|_| "---")
                        .collect::<Vec<_>>()
                        .join("|")
                );
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(|c| inline(&c.human())).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
            }
        }
    }
    out
}

/// Makes text safe inside one Markdown line or table cell.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c if crate::text::is_unsafe(c) => {
                out.push_str(&crate::text::shown(c.encode_utf8(&mut [0; 4])))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(inline("a|b\nc\u{7}"), "a\\|b c");
    }
}
