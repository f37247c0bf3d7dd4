//! Tables for a terminal, fitted to its width (PRODUCT.md §8.2). A number, a date or an id is
//! never split: when the width is short, free text is shortened with "…" and the columns of
//! the lowest priority (`views::fit`) are dropped, never the essential ones; a table whose
//! essential columns still do not fit is stacked, one "column: value" line per cell. Output to a pipe is never fitted or
//! wrapped; a terminal that does not say its width (0×0, as under `script`) counts as 80
//! columns (or `$COLUMNS`). Colour (anstream's choice: `--color`, NO_COLOR, CLICOLOR,
//! CLICOLOR_FORCE) makes overdue and broken items stand out.
//!
//! Written by hand rather than with comfy-table: comfy-table wraps cells across lines,
//! splitting numbers and ids, and has no notion of dropping a column.

use std::borrow::Cow;
use std::io::IsTerminal;

use anstyle::{AnsiColor, Effects, Style as Paint};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::views::{ESSENTIAL, EXTRA, Fit, fit};
use super::{Block, Cell, Document, Table};
use crate::metrics::promises::PromiseStatus;

/// The width assumed when a terminal does not say its own.
pub const DEFAULT_WIDTH: usize = 80;
/// Free text is never shortened below this many columns (unless its column is narrower).
const MIN_TEXT: usize = 8;

/// Where the output goes, decided once by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// The width to fit, `None` for a pipe or a file (never fitted, never wrapped).
    pub width: Option<usize>,
}

impl Style {
    /// Colour as anstream decides for stdout (the `--color` choice, NO_COLOR, CLICOLOR,
    /// CLICOLOR_FORCE, a terminal); the width of the terminal, if stdout is one.
    pub fn detect() -> Style {
        let stdout = std::io::stdout();
        let color = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        let width = stdout.is_terminal().then(|| {
            let reported = terminal_size::terminal_size_of(&stdout)
                .map(|(w, _)| usize::from(w.0))
                .filter(|w| *w > 0);
            let columns = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|w| *w > 0);
            reported.or(columns).unwrap_or(DEFAULT_WIDTH)
        });
        Style { color, width }
    }

    pub fn plain() -> Style {
        Style {
            color: false,
            width: None,
        }
    }

    /// Fitted to `width` columns, without colour (tests).
    pub fn fitted(width: usize) -> Style {
        Style {
            color: false,
            width: Some(width),
        }
    }
}

pub fn render(doc: &Document, people: &crate::i18n::Style, style: Style) -> String {
    let mut out = String::new();
    push_wrapped(&mut out, &doc.title, "", style, Some(Paint::new().bold()));
    for block in doc.text_blocks() {
        out.push('\n');
        match block {
            // Left out by text_blocks().
            Block::Chart(_) => {}
            Block::Facts(facts) => {
                let width = facts
                    .iter()
                    .map(|(l, _)| width_of(l.as_str()))
                    .max()
                    .unwrap_or(0);
                for (label, cell) in facts {
                    let pad = width - width_of(label.as_str());
                    let lead = format!("{label}:{} ", " ".repeat(pad));
                    let indent = " ".repeat(width_of(lead.as_str()));
                    let room = style.width.map(|w| w.saturating_sub(indent.len()));
                    let body = match (cell, room) {
                        // A sparkline too long keeps its latest weeks (the right end).
                        (Cell::Spark(_), Some(room)) => latest(&cell.human(people), room),
                        _ => one_line(&cell.human(people)),
                    };
                    let wrapped = wrap(&body, room);
                    for (i, line) in wrapped.iter().enumerate() {
                        out.push_str(if i == 0 { &lead } else { &indent });
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            Block::Text(text) => push_wrapped(&mut out, text, "", style, None),
            Block::Table(t) => {
                let emphasis = (t.name == "problems").then(broken);
                push_wrapped(
                    &mut out,
                    &t.title,
                    "",
                    style,
                    Some(emphasis.unwrap_or(Paint::new().bold())),
                );
                if t.rows.is_empty() {
                    push_wrapped(&mut out, t.empty, "  ", style, None);
                    continue;
                }
                table(&mut out, t, people, style);
            }
        }
    }
    out
}

/// Red and bold: overdue, broken, unreadable.
fn broken() -> Paint {
    Paint::new()
        .fg_color(Some(AnsiColor::Red.into()))
        .effects(Effects::BOLD)
}

fn painted(out: &mut String, text: &str, paint: Option<Paint>, style: Style) {
    match paint {
        Some(p) if style.color => {
            out.push_str(&format!("{}{text}{}", p.render(), p.render_reset()));
        }
        _ => out.push_str(text),
    }
}

/// Text on lines of at most the width, broken between words (a word is never split).
fn push_wrapped(out: &mut String, text: &str, indent: &str, style: Style, paint: Option<Paint>) {
    let room = style.width.map(|w| w.saturating_sub(indent.len()));
    for line in wrap(&one_line(text), room) {
        out.push_str(indent);
        painted(out, &line, paint, style);
        out.push('\n');
    }
}

/// Breaks `text` between words into lines of at most `width` columns. A word wider than the
/// width stays whole on its own line.
fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![text.to_string()];
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let needed = width_of(line.as_str()) + usize::from(!line.is_empty()) + width_of(word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One column as laid out.
struct Column {
    index: usize,
    fit: Fit,
    /// The widest cell or header.
    natural: usize,
    /// The narrowest it may become (its natural width unless it is free text).
    least: usize,
    width: usize,
    right: bool,
}

/// The most characters of one cell a table shows (then it says how many were cut).
const MAX_CELL: usize = 2000;

/// Every column takes its width plus one space each side.
const PAD: usize = 2;

/// Which columns to show and how wide, for `width` columns of terminal (or unlimited).
///
/// Extras (`views::EXTRA`) are dropped first; then free text gives way (shortened with "…"
/// down to its column's `least`), then whole columns are dropped, the lowest priority first; the essential ones never are. When even
/// the essential columns do not fit, their free text is shortened further, down to
/// [`FLOOR`]; a number, a date or an id is never cut.
fn layout(t: &Table, cells: &[Vec<Cow<str>>], width: Option<usize>) -> Vec<Column> {
    use rayon::prelude::*;
    let mut columns: Vec<Column> = t
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            // Columns are known by their key (English), whatever the journal's language.
            let fit = fit(t.name, column.key).unwrap_or_else(|| Fit {
                priority: 5,
                // The rule markdown uses too: free text has spaces; ids, dates, numbers don't.
                shorten: t.rows.par_iter().any(
                    |r| matches!(r.get(index), Some(Cell::Text(text)) if text.trim().contains(' ')),
                ),
                least: 0,
                floor: 0,
            });
            let natural = cells
                .par_iter()
                .map(|row| row.get(index).map_or(0, |c| width_of(c.as_ref())))
                .max()
                .unwrap_or(0)
                .max(width_of(column.heading));
            let least = if fit.shorten {
                let least = if fit.least == 0 { MIN_TEXT } else { fit.least };
                natural.min(least.max(width_of(column.heading)))
            } else {
                natural
            };
            let right = t.rows.first().and_then(|r| r.get(index)).is_some_and(|c| {
                !matches!(
                    c,
                    Cell::Text(_) | Cell::Spark(_) | Cell::Status(_) | Cell::DueIn(_)
                )
            });
            Column {
                index,
                fit,
                natural,
                least,
                width: natural,
                right,
            }
        })
        .collect();
    let Some(width) = width else {
        return columns;
    };
    let total = |cols: &[Column], f: &dyn Fn(&Column) -> usize| -> usize {
        cols.iter().map(|c| f(c) + PAD).sum()
    };
    // The column to drop next among those of a priority below `below`: the lowest priority,
    // the rightmost of equals.
    let weakest = |cols: &[Column], below: u8| {
        let droppable = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.fit.priority < below);
        droppable
            .min_by_key(|(i, c)| (c.fit.priority, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    };
    // Extras go before any text is shortened.
    while total(&columns, &|c| c.natural) > width {
        let Some(drop) = weakest(&columns, EXTRA + 1) else {
            break;
        };
        columns.remove(drop);
    }
    // Then the others until the least widths fit; an essential column stays.
    while total(&columns, &|c| c.least) > width {
        let Some(drop) = weakest(&columns, ESSENTIAL) else {
            break;
        };
        columns.remove(drop);
    }
    // Only essential columns left and still too wide: their free text gives more, the widest
    // first, down to its floor; below that the caller stacks the table.
    let mut over = total(&columns, &|c| c.least).saturating_sub(width);
    while over > 0 {
        let floor = |c: &Column| {
            let floor = if c.fit.floor == 0 {
                MIN_TEXT
            } else {
                c.fit.floor
            };
            floor.min(c.natural)
        };
        let Some(widest) = columns
            .iter_mut()
            .filter(|c| c.fit.shorten && c.least > floor(c))
            .max_by_key(|c| c.least)
        else {
            break;
        };
        widest.least -= 1;
        over -= 1;
    }
    if total(&columns, &|c| c.natural) <= width {
        return columns;
    }
    // Free text gets what is left, shared in proportion to what it would like.
    let mut spare = width.saturating_sub(total(&columns, &|c| c.least));
    let wants: usize = columns.iter().map(|c| c.natural - c.least).sum();
    for c in columns.iter_mut() {
        let want = c.natural - c.least;
        let share = (spare * want).checked_div(wants).unwrap_or(0);
        c.width = c.least + share.min(want);
    }
    // Rounding leftovers go to the first text columns that can take them.
    spare = width.saturating_sub(total(&columns, &|c| c.width));
    for c in columns.iter_mut() {
        let more = (c.natural - c.width).min(spare);
        c.width += more;
        spare -= more;
    }
    columns
}

fn table(out: &mut String, t: &Table, people: &crate::i18n::Style, style: Style) {
    use rayon::prelude::*;
    // The cells' text and the rows' lines are made on all cores (a report of 186,000 overdue
    // promises is 1.7 million cells), in order; only the column widths need every row first.
    let cells: Vec<Vec<Cow<str>>> = t
        .rows
        .par_iter()
        .map(|row| {
            row.iter()
                .map(|c| one_line_owned(c.human(people)))
                .collect()
        })
        .collect();
    let columns = layout(t, &cells, style.width);
    let full: usize = columns.iter().map(|c| c.width + PAD).sum();
    let least: usize = columns.iter().map(|c| c.least + PAD).sum();
    if let Some(width) = style.width.filter(|w| full > *w || least > *w) {
        // Not even the essential columns fit side by side at their least widths (a long id,
        // a long record type in a narrow terminal): each row stacked, "column: value" lines.
        return stacked(out, t, &cells, width, style);
    }
    let rule = |out: &mut String, ch: &str| {
        out.push_str(&ch.repeat(full));
        out.push('\n');
    };
    rule(out, "─");
    let header: Vec<(String, Option<Paint>)> = columns
        .iter()
        .map(|c| {
            (
                pad(
                    &shorten(t.columns[c.index].heading, c.width),
                    c.width,
                    c.right,
                ),
                Some(Paint::new().bold()),
            )
        })
        .collect();
    line(out, &header, style);
    rule(out, "═");
    // Rows this many at a time on a core, each piece written straight into its own text, cell
    // by cell; the texts are kept from chunk to chunk, and `out` is sized once for the rows.
    const PIECE: usize = 1024;
    const CHUNK: usize = 16 * PIECE;
    out.reserve(t.rows.len() * (full + 1));
    let mut texts: Vec<String> = Vec::new();
    for (rows, cells) in t.rows.chunks(CHUNK).zip(cells.chunks(CHUNK)) {
        texts.resize_with(rows.len().div_ceil(PIECE), String::new);
        texts
            .par_iter_mut()
            .zip(rows.par_chunks(PIECE).zip(cells.par_chunks(PIECE)))
            .for_each(|(out, (rows, cells))| {
                out.clear();
                for (row, text) in rows.iter().zip(cells) {
                    let row_paint = row_emphasis(t, row);
                    for c in &columns {
                        let cell = text.get(c.index).map_or("", |c| c.as_ref());
                        let shown = if c.fit.shorten {
                            shorten(cell, c.width)
                        } else {
                            Cow::Borrowed(cell)
                        };
                        let paint = row
                            .get(c.index)
                            .and_then(|cell| cell_emphasis(t.columns[c.index].key, cell))
                            .or(row_paint);
                        out.push(' ');
                        padded(out, &shown, c.width, c.right, paint, style);
                        out.push(' ');
                    }
                    end_line(out);
                }
            });
        for text in &texts {
            out.push_str(text);
        }
    }
    rule(out, "─");
}

/// The rows of `t` one under another, each cell on its own lines as "column: value", the
/// value wrapped between words; rows parted by a rule.
fn stacked(out: &mut String, t: &Table, cells: &[Vec<Cow<str>>], width: usize, style: Style) {
    let label_width = t
        .columns
        .iter()
        .map(|c| width_of(c.heading))
        .max()
        .unwrap_or(0);
    let rule = "─".repeat(width);
    out.push_str(&rule);
    out.push('\n');
    for (row, text) in t.rows.iter().zip(cells) {
        let paint = row_emphasis(t, row);
        for (name, value) in t.columns.iter().zip(text) {
            if value.is_empty() {
                continue;
            }
            let lead = format!(
                " {}",
                pad(&format!("{}:", name.heading), label_width + 2, false)
            );
            let indent = " ".repeat(width_of(lead.as_str()));
            let room = width.saturating_sub(indent.len()).max(1);
            for (i, part) in wrap(value, Some(room)).iter().enumerate() {
                out.push_str(if i == 0 { &lead } else { &indent });
                painted(out, part, paint, style);
                out.push('\n');
            }
        }
        out.push_str(&rule);
        out.push('\n');
    }
}

fn line(out: &mut String, parts: &[(String, Option<Paint>)], style: Style) {
    for (text, paint) in parts {
        out.push(' ');
        painted(out, text, *paint, style);
        out.push(' ');
    }
    end_line(out);
}

/// Ends a line: no trailing spaces (a line ends with its last character), then a newline.
fn end_line(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    out.push('\n');
}

/// [`pad`] and [`painted`] at once, without a string of its own: the spaces outside the paint.
fn padded(
    out: &mut String,
    text: &str,
    width: usize,
    right: bool,
    paint: Option<Paint>,
    style: Style,
) {
    let room = width.saturating_sub(width_of(text));
    let spaces = |out: &mut String| out.extend(std::iter::repeat_n(' ', room));
    if right {
        spaces(out);
    }
    match paint {
        Some(p) if style.color => {
            out.push_str(&p.render().to_string());
            out.push_str(text);
            out.push_str(&p.render_reset().to_string());
        }
        _ => out.push_str(text),
    }
    if !right {
        spaces(out);
    }
}

/// A whole row stands out when its promise is overdue or broken, or it names a bad file.
fn row_emphasis(t: &Table, row: &[Cell]) -> Option<Paint> {
    if t.name == "problems" {
        return Some(broken());
    }
    let status = t.columns.iter().position(|c| c.key == "status")?;
    match row.get(status) {
        Some(Cell::Status(PromiseStatus::Overdue | PromiseStatus::Broken)) => Some(broken()),
        _ => None,
    }
}

/// A figure that says something is late stands out on its own: days overdue, a negative
/// "due in".
fn cell_emphasis(column: &str, cell: &Cell) -> Option<Paint> {
    match (column, cell) {
        ("overdue", Cell::Int(Some(n))) if *n > 0 => Some(broken()),
        ("due in", Cell::DueIn(Some(n))) if *n < 0 => Some(broken()),
        _ => None,
    }
}

/// `text` in at most `width` columns: shortened with "…" when longer.
fn shorten(text: &str, width: usize) -> Cow<'_, str> {
    if width_of(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    // Cut between words, so a number or a date in the text is never left half.
    let cut_word = text[out.len()..].chars().next().is_some_and(|c| c != ' ');
    if cut_word && let Some(space) = out.rfind(' ') {
        out.truncate(space);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    Cow::Owned(out)
}

/// The end of `text` in at most `width` columns, "…" first when cut.
fn latest(text: &str, width: usize) -> String {
    if width_of(text) <= width || width == 0 {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for ch in text.chars().rev() {
        let w = UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(ch);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

fn pad(text: &str, width: usize, right: bool) -> String {
    let room = " ".repeat(width.saturating_sub(width_of(text)));
    if right {
        format!("{room}{text}")
    } else {
        format!("{text}{room}")
    }
}

/// A cell or fact on one line: newlines become "⏎", tabs spaces, other control characters
/// are shown escaped by the one sanitiser (`crate::text`), so text from the journal cannot
/// reshape the table or send escape sequences.
///
/// A cell longer than [`MAX_CELL`] characters (a 50 MB note) is cut there and says so, so the
/// table and its rules stay bounded, piped or not; JSON and CSV carry the whole text.
fn one_line(text: &str) -> String {
    one_line_owned(Cow::Borrowed(text)).into_owned()
}

/// [`one_line`] of a string of its own, given back as it is when it needs no change (most
/// cells: no line break, tab or control character, not too long).
fn one_line_owned(text: Cow<'_, str>) -> Cow<'_, str> {
    let plain = text.len() <= MAX_CELL || text.char_indices().nth(MAX_CELL).is_none();
    if plain && !text.chars().any(crate::text::is_unsafe) {
        return text;
    }
    let total = text.chars().count();
    let flat: String = text
        .chars()
        .take(MAX_CELL)
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => ' ',
            c => c,
        })
        .collect();
    let mut shown = crate::text::shown(&flat).into_owned();
    if total > MAX_CELL {
        shown.push_str(&format!(
            " … [cut: {total} characters; --format json shows them all]"
        ));
    }
    Cow::Owned(shown)
}

/// The columns `text` takes in a terminal. Printable ASCII (most cells: ids, dates, amounts,
/// English and Italian words) takes one column a byte, told by one pass over the bytes;
/// anything else is measured by `unicode-width`, whose lookup per character was a twentieth
/// of a report of 186,000 overdue promises.
fn width_of(text: &str) -> usize {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        text.len()
    } else {
        UnicodeWidthStr::width(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut measures as `unicode-width` does, and only printable ASCII takes it.
    #[test]
    fn widths_are_unicode_widths() {
        for text in [
            "",
            "acme-spa",
            "2026-11-23",
            "1.234,50 €",
            "Città",
            "naïve",
            "日本語",
            "🙂 ok",
            "tab\there",
            "del\u{7f}",
            "nul\0",
            "~ }",
            "e\u{301}",
        ] {
            assert_eq!(width_of(text), UnicodeWidthStr::width(text), "{text:?}");
        }
    }

    #[test]
    fn a_huge_cell_is_cut_and_says_so() {
        let huge = "x".repeat(MAX_CELL * 10);
        let cell = one_line(&huge);
        assert!(cell.chars().count() < MAX_CELL + 80, "{}", cell.len());
        assert!(cell.ends_with("[cut: 20000 characters; --format json shows them all]"));
        assert_eq!(one_line(&"y".repeat(MAX_CELL)), "y".repeat(MAX_CELL));
    }

    #[test]
    fn journal_text_cannot_inject_escapes() {
        assert_eq!(one_line("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb⏎c");
    }

    fn sample() -> Document {
        Document {
            title: "coltiva — 2 customers with a title long enough to need wrapping".into(),
            blocks: vec![Block::Table(Table {
                name: "customers",
                title: "Customers".into(),
                columns: crate::render::machine_columns(&[
                    "id",
                    "name",
                    "phase",
                    "orders",
                    "total",
                    "last contact",
                    "days since",
                    "cadence",
                    "overdue",
                    "kept us",
                    "kept them",
                ]),
                rows: vec![vec![
                    Cell::text("studio-tecnico-ferrari"),
                    Cell::text("Studio Tecnico Ferrari & Associati S.r.l."),
                    Cell::text("potential"),
                    Cell::int(12),
                    Cell::Money(crate::model::Amount::from_cents(10_795_020)),
                    Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 19)),
                    Cell::int(4),
                    Cell::int(30),
                    Cell::int(0),
                    Cell::Rate(Some(0.5)),
                    Cell::Rate(None),
                ]],
                empty: "",
            })],
        }
    }

    #[test]
    fn fitted_tables_keep_numbers_dates_and_ids_whole() {
        for width in [40, 60, 80, 120] {
            let text = render(
                &sample(),
                &crate::i18n::Style::MACHINE,
                Style::fitted(width),
            );
            for line in text.lines() {
                assert!(
                    UnicodeWidthStr::width(line) <= width,
                    "{width}: {line:?} is too wide\n{text}"
                );
            }
            assert!(text.contains("studio-tecnico-ferrari"), "{width}:\n{text}");
            assert!(
                text.contains("2026-11-19") || width < 80,
                "{width}:\n{text}"
            );
            let money = Cell::Money(crate::model::Amount::from_cents(10_795_020))
                .human(&crate::i18n::Style::MACHINE)
                .into_owned();
            assert!(text.contains(&money) || width < 80, "{width}:\n{text}");
            // One line per row: nothing wraps.
            assert_eq!(text.lines().filter(|l| l.contains("studio")).count(), 1);
        }
        let wide = render(&sample(), &crate::i18n::Style::MACHINE, Style::fitted(200));
        assert!(wide.contains("Studio Tecnico Ferrari & Associati S.r.l."));
        let narrow = render(&sample(), &crate::i18n::Style::MACHINE, Style::fitted(60));
        assert!(narrow.contains('…'), "{narrow}");
    }

    #[test]
    fn an_undeclared_table_shortens_only_its_free_text() {
        let doc = Document {
            title: "t".into(),
            blocks: vec![Block::Table(Table {
                name: "some-new-table",
                title: "New".into(),
                columns: crate::render::machine_columns(&["key", "note"]),
                rows: vec![vec![
                    Cell::text("termoidraulica-veneta/57pqnw"),
                    Cell::text("a long note that cannot fit in forty columns at all"),
                ]],
                empty: "",
            })],
        };
        let text = render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(40));
        assert!(text.contains("termoidraulica-veneta/57pqnw "), "{text}");
        assert!(text.contains('…'), "{text}");
        assert!(
            text.lines().all(|l| UnicodeWidthStr::width(l) <= 40),
            "{text}"
        );
    }

    #[test]
    fn essential_columns_are_stacked_rather_than_dropped_or_cut() {
        let doc = Document {
            title: "t".into(),
            blocks: vec![Block::Table(Table {
                name: "problems",
                title: "Unreadable".into(),
                columns: crate::render::machine_columns(&["file", "line", "problem", "fix"]),
                rows: vec![vec![
                    Cell::text("customers/termoidraulica-fratelli.toml"),
                    Cell::int(7),
                    Cell::text("unclosed array table, expected `]`"),
                    Cell::text("fix the file with `coltiva edit termoidraulica-fratelli`"),
                ]],
                empty: "",
            })],
        };
        let text = render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(50));
        assert!(
            text.contains(" file:    customers/termoidraulica-fratelli.toml\n"),
            "{text}"
        );
        assert!(text.contains(" problem: unclosed array table"), "{text}");
        assert!(text.contains("termoidraulica-fratelli`"), "{text}");
        assert!(!text.contains('…'), "{text}");
        assert!(
            text.lines().all(|l| UnicodeWidthStr::width(l) <= 50),
            "{text}"
        );
        // Wide enough: one line, as columns.
        let wide = render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(160));
        assert!(!wide.contains(" file: "), "{wide}");
    }

    #[test]
    fn a_narrow_agenda_cuts_its_text_to_the_floor_before_stacking() {
        let row = |when: &str, what: &str| {
            vec![
                Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 25)),
                Cell::text(when),
                Cell::text("keep"),
                Cell::text("Termoidraulica Veneta S.n.c."),
                Cell::text("xsp7ak"),
                Cell::text(what),
            ]
        };
        let doc = Document {
            title: "t".into(),
            blocks: vec![Block::Table(Table {
                name: "agenda",
                title: "Due".into(),
                columns: crate::render::machine_columns(&[
                    "due", "when", "do", "customer", "promise", "what",
                ]),
                rows: vec![row(
                    "190 days overdue",
                    "Send the offer for 2027 with the price list",
                )],
                empty: "",
            })],
        };
        let text = render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(60));
        let header = text.lines().nth(4).unwrap();
        for column in ["when", "do", "customer", "what"] {
            assert!(header.contains(column), "{column} in {header:?}\n{text}");
        }
        assert!(text.contains("190 days overdue"), "{text}");
        assert!(
            text.lines().all(|l| UnicodeWidthStr::width(l) <= 60),
            "{text}"
        );
        // Wide enough for everything: the promise id and the date too.
        let wide = render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(120));
        assert!(
            wide.contains("xsp7ak") && wide.contains("2026-11-25"),
            "{wide}"
        );
        // Too narrow even for the floors: stacked, nothing cut.
        let stacked = render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(40));
        assert!(stacked.contains(" what:     Send the offer"), "{stacked}");
    }

    #[test]
    fn a_pipe_is_never_fitted() {
        let text = render(&sample(), &crate::i18n::Style::MACHINE, Style::plain());
        assert!(text.contains("Studio Tecnico Ferrari & Associati S.r.l."));
        assert!(text.contains("kept them"));
        assert!(text.lines().next().unwrap().ends_with("wrapping"));
    }

    #[test]
    fn shortening_and_wrapping_never_split_words_or_overflow() {
        assert_eq!(shorten("Send the revised quote", 10), "Send the…");
        assert_eq!(shorten("Send the revised quote", 12), "Send the…");
        assert_eq!(shorten("due 2026-11-23", 12), "due…");
        assert_eq!(shorten("Supercalifragilistic", 6), "Super…");
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(latest("·▁▂█", 3), "…▂█");
        assert_eq!(latest("·▁▂█", 4), "·▁▂█");
        assert_eq!(
            wrap("one two three 2026-11-23", Some(9)),
            ["one two", "three", "2026-11-23"]
        );
    }

    #[test]
    fn colour_marks_overdue_rows_only_when_asked() {
        let doc = Document {
            title: "t".into(),
            blocks: vec![Block::Table(Table {
                name: "promises",
                title: "Promises".into(),
                columns: crate::render::machine_columns(&["promise", "status", "due in"]),
                rows: vec![
                    vec![
                        Cell::text("a/1"),
                        Cell::Status(PromiseStatus::Overdue),
                        Cell::DueIn(Some(-3)),
                    ],
                    vec![
                        Cell::text("a/2"),
                        Cell::Status(PromiseStatus::Open),
                        Cell::DueIn(Some(3)),
                    ],
                ],
                empty: "",
            })],
        };
        let coloured = render(
            &doc,
            &crate::i18n::Style::MACHINE,
            Style {
                color: true,
                width: Some(80),
            },
        );
        let overdue = coloured.lines().find(|l| l.contains("a/1")).unwrap();
        assert!(overdue.contains("\u{1b}[1m\u{1b}[31m") || overdue.contains("\u{1b}[31"));
        let open = coloured.lines().find(|l| l.contains("a/2")).unwrap();
        assert!(!open.contains("\u{1b}[31"), "{open:?}");
        assert!(!render(&doc, &crate::i18n::Style::MACHINE, Style::fitted(80)).contains('\u{1b}'));
    }
}
