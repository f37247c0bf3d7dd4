//! Tables for a terminal (comfy-table). Colour only when stdout is a terminal and NO_COLOR is
//! unset; the width follows the terminal, and output to a pipe is never wrapped.

use std::io::IsTerminal;

use comfy_table::presets::UTF8_HORIZONTAL_ONLY;
use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, ContentArrangement, Table, TableComponent,
};

use super::{Block, Cell, Document};

/// Where the output goes, decided once by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub terminal: bool,
}

impl Style {
    /// Colour on a terminal unless NO_COLOR is set (https://no-color.org).
    pub fn detect() -> Style {
        let terminal = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: terminal && !no_color,
            terminal,
        }
    }

    pub fn plain() -> Style {
        Style {
            color: false,
            terminal: false,
        }
    }
}

pub fn render(doc: &Document, style: Style) -> String {
    let mut out = String::new();
    out.push_str(&heading(&one_line(&doc.title), style));
    out.push('\n');
    for block in doc.text_blocks() {
        out.push('\n');
        match block {
            Block::Facts(facts) => {
                let width = facts
                    .iter()
                    .map(|(l, _)| l.chars().count())
                    .max()
                    .unwrap_or(0);
                for (label, cell) in facts {
                    let pad = width - label.chars().count();
                    out.push_str(&format!(
                        "{label}:{} {}\n",
                        " ".repeat(pad),
                        one_line(&cell.human())
                    ));
                }
            }
            // Left out by text_blocks().
            Block::Chart(_) => {}
            Block::Text(text) => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Table(t) => {
                out.push_str(&heading(&one_line(&t.title), style));
                out.push('\n');
                if t.rows.is_empty() {
                    out.push_str(&format!("  {}\n", t.empty));
                    continue;
                }
                let mut table = Table::new();
                table.load_preset(UTF8_HORIZONTAL_ONLY);
                // One rule under the header and around the table, none between rows: a
                // report is read down its rows, and lines between them double its length.
                table.remove_style(TableComponent::HorizontalLines);
                table.remove_style(TableComponent::MiddleIntersections);
                table.remove_style(TableComponent::LeftBorderIntersections);
                table.remove_style(TableComponent::RightBorderIntersections);
                if style.terminal {
                    table.set_content_arrangement(ContentArrangement::Dynamic);
                } else {
                    table.set_content_arrangement(ContentArrangement::Disabled);
                }
                table.set_header(t.columns.iter().map(|c| {
                    let cell = TableCell::new(c);
                    if style.color {
                        cell.add_attribute(Attribute::Bold)
                    } else {
                        cell
                    }
                }));
                for row in &t.rows {
                    table.add_row(row.iter().map(|c| {
                        let cell = TableCell::new(one_line(&c.human()));
                        if matches!(c, Cell::Text(_) | Cell::Spark(_)) {
                            cell
                        } else {
                            cell.set_alignment(CellAlignment::Right)
                        }
                    }));
                }
                out.push_str(&table.to_string());
                out.push('\n');
            }
        }
    }
    out
}

fn heading(text: &str, style: Style) -> String {
    if style.color {
        format!("\u{1b}[1m{text}\u{1b}[0m")
    } else {
        text.to_string()
    }
}

/// A cell or fact on one line: newlines become "⏎", tabs spaces, other control characters
/// are shown escaped by the one sanitiser (`crate::text`), so text from the journal cannot
/// reshape the table or send escape sequences.
fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => ' ',
            c => c,
        })
        .collect();
    crate::text::shown(&flat).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_text_cannot_inject_escapes() {
        assert_eq!(one_line("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb⏎c");
    }
}
