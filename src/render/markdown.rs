//! Markdown for mail and chat: headings, bullet facts and pipe tables.
//!
//! Every text is escaped, so a summary holding `*`, `_`, `<b>` or `|` reads as written instead
//! of turning bold, italic, into HTML or into a new column. A table row longer than
//! [`LINE_BUDGET`] characters has its longest free texts shortened with "…" (never below
//! [`MIN_TEXT`]), because nobody reads a 200-column line in a mail; numbers, dates and ids are
//! never shortened, and the JSON and HTML keep every text whole.

use std::fmt::Write;

use super::{Block, Cell, Document};

/// The length a table row aims to stay within.
pub const LINE_BUDGET: usize = 160;
/// The shortest a free text is cut to.
pub const MIN_TEXT: usize = 24;

pub fn render(doc: &Document, people: &crate::i18n::Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", inline(&doc.title));
    for block in doc.text_blocks() {
        out.push('\n');
        match block {
            Block::Facts(facts) => {
                for (label, cell) in facts {
                    let _ = writeln!(
                        out,
                        "- **{}:** {}",
                        inline(label),
                        inline(&cell.human(people))
                    );
                }
            }
            // Left out by text_blocks().
            Block::Chart(_) => {}
            Block::Text(text) => {
                let _ = writeln!(out, "{}", block_start(&inline(text)));
            }
            Block::Table(table) => {
                let _ = writeln!(out, "## {}\n", inline(&table.title));
                if table.rows.is_empty() {
                    let _ = writeln!(out, "_{}_", table.empty);
                    continue;
                }
                let header: Vec<String> = table.columns.iter().map(|c| inline(c.heading)).collect();
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
                    let cells: Vec<String> =
                        fit_row(row, people).iter().map(|c| inline(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
            }
        }
    }
    out
}

/// Makes text safe inside one Markdown line or table cell: the characters that open emphasis,
/// code, links, HTML, entities or a new cell are backslash-escaped (CommonMark lets any ASCII
/// punctuation be escaped), line breaks become spaces and other control characters go.
///
/// An `&` is escaped only where it starts an entity (`&amp;`, `&#38;`): "Bagno & Design" and
/// "R&D" stay as written, which a mail read as plain text shows without a stray backslash.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        // `&name;` or `&#38;`: letters, digits or '#' up to a ';'.
        let entity = c == '&' && {
            let rest = &text[i + 1..];
            let run = rest
                .find(|n: char| !(n.is_ascii_alphanumeric() || n == '#'))
                .unwrap_or(rest.len());
            run > 0 && rest[run..].starts_with(';')
        };
        match c {
            '&' if !entity => out.push('&'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if crate::text::is_unsafe(c) => {
                out.push_str(&crate::text::shown(c.encode_utf8(&mut [0; 4])))
            }
            c => out.push(c),
        }
    }
    out
}

/// A paragraph must not start a heading, list or quote by accident.
fn block_start(text: &str) -> String {
    let starts_block =
        text.starts_with(['#', '-', '+', '=']) || text.starts_with(|c: char| c.is_ascii_digit());
    if starts_block {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// The cells of a row for people, with the longest free texts shortened until the row fits
/// [`LINE_BUDGET`] (or every free text is down to [`MIN_TEXT`]).
fn fit_row(row: &[Cell], people: &crate::i18n::Style) -> Vec<String> {
    let mut cells: Vec<String> = row.iter().map(|c| c.human(people).into_owned()).collect();
    let len = |cells: &[String]| -> usize {
        cells.iter().map(|c| c.chars().count() + 3).sum::<usize>() + 1
    };
    loop {
        let total = len(&cells);
        if total <= LINE_BUDGET {
            return cells;
        }
        let longest = row
            .iter()
            .enumerate()
            // Free text has spaces; ids (acme/x7k2pq) never do, and are never shortened.
            .filter(|(i, cell)| matches!(cell, Cell::Text(_)) && cells[*i].contains(' '))
            .map(|(i, _)| (cells[i].chars().count(), i))
            .filter(|&(n, _)| n > MIN_TEXT)
            .max();
        let Some((n, i)) = longest else {
            return cells;
        };
        let target = n.saturating_sub(total - LINE_BUDGET).max(MIN_TEXT);
        cells[i] = shorten(&cells[i], target);
    }
}

/// `text` cut to `max` characters, the last one "…", at a space when one is near the end.
fn shorten(text: &str, max: usize) -> String {
    let keep: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match keep.rfind(' ') {
        Some(space) if keep[space..].chars().count() <= 12 => keep[..space].trim_end(),
        _ => keep.as_str(),
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(inline("a|b\nc\u{7}"), "a\\|b c\\u{7}");
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            inline("*bold* _it_ <b>x</b> `code` [l](u) ~s~ &amp; ![i]"),
            "\\*bold\\* \\_it\\_ \\<b\\>x\\</b\\> \\`code\\` \\[l\\](u) \\~s\\~ \\&amp; !\\[i\\]"
        );
        assert_eq!(inline("a\\b"), "a\\\\b");
        // A lone & is no entity: left as written.
        assert_eq!(inline("Bagno & Design, R&D"), "Bagno & Design, R&D");
        assert_eq!(block_start("# not a heading"), "\\# not a heading");
        assert_eq!(block_start("plain"), "plain");
    }

    #[test]
    fn long_rows_shorten_their_longest_text_only() {
        let long = "word ".repeat(60);
        let row = vec![
            Cell::text("acme/abc123"),
            Cell::text(long.trim_end()),
            Cell::Date(Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())),
            Cell::text("short"),
        ];
        let cells = fit_row(&row, &crate::i18n::Style::MACHINE);
        let width: usize = cells.iter().map(|c| c.chars().count() + 3).sum::<usize>() + 1;
        assert!(width <= LINE_BUDGET, "{width}: {cells:?}");
        assert!(cells[1].ends_with('…'), "{:?}", cells[1]);
        assert_eq!(cells[0], "acme/abc123");
        assert_eq!(cells[2], "2026-11-23");
        assert_eq!(cells[3], "short");
        // A row that fits is left alone.
        let short = vec![Cell::text("a b c")];
        assert_eq!(fit_row(&short, &crate::i18n::Style::MACHINE), ["a b c"]);
    }
}
