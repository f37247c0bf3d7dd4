//! The one sanitiser for text printed for a person: customer names, summaries, titles,
//! confirmations, error messages and `check` findings. Text from the journal (or from an
//! imported CSV, or a teammate's commit) may hold terminal escapes (ESC), NUL, C1 controls or
//! bidirectional overrides that would recolour, rewrite or reorder what the person sees. Every
//! such character is shown escaped (`\u{1b}`), never raw, so it stays visible and harmless.
//! Output meant for programs (JSON, CSV, `export`) is not passed through here: it stays exact.

use std::borrow::Cow;
use std::io::Write;

/// "1 record", "3 records": an English count with a regular plural, for the messages on
/// stderr that other modules (check, merge, import) still word in English. People's pages
/// count with `i18n::count`.
pub fn count(n: impl Into<i64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 || n == -1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A confirmation for people, on stderr (stdout stays clean for scripts); `storage` says
/// with it what a write waits for.
pub fn tell(message: &str) {
    let _ = writeln!(std::io::stderr(), "{}", self::message(message));
}

/// True for the characters never printed raw for a person: C0 and C1 controls (ESC, NUL,
/// DEL...) and the Unicode controls that reorder or hide text (bidi embeddings, overrides and
/// isolates, the line and paragraph separators).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200e}' | '\u{200f}' // left-to-right / right-to-left marks
            | '\u{202a}'..='\u{202e}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
        )
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value on one line for a person (a name, a summary, a title): every unsafe character,
/// newlines included, escaped.
pub fn shown(text: &str) -> Cow<'_, str> {
    escaped(text, |_| false)
}

/// A message for a person (a confirmation, an error): its own line breaks and tabs are kept,
/// every other unsafe character is escaped. Values inside it are usually already shown with
/// `{:?}` or [`shown`]; this is the last guard before the terminal.
pub fn message(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c == '\n' || c == '\t')
}

/// At most `max` characters of `text`, with what was left out said at the end: a message
/// quoting what a person gave (a 5 MB garbage CSV header) stays short.
pub fn clipped(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => {
            let rest = text[end..].chars().count();
            Cow::Owned(format!("{}… ({rest} more characters)", &text[..end]))
        }
    }
}

/// Every line of a message clipped to `max` characters (see [`clipped`]).
pub fn clipped_lines(text: &str, max: usize) -> String {
    text.split('\n')
        .map(|line| clipped(line, max))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A text cell of a CSV meant for spreadsheets (`list`/`report --format csv`): text that a
/// spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return: "formula injection") gets a leading `'`, which spreadsheets show as text. Only text
/// cells written from people's words (names, summaries, tags) pass here: numbers, amounts and
/// dates are written by coltiva and stay numbers (a credit note's `-5.00` stays a number), and
/// `export`, whose CSV must import back exactly, never passes here. See docs/DURABILITY.md.
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_never_raw() {
        assert_eq!(shown("ACME"), "ACME");
        assert!(matches!(shown("Caffè Nerò ✓"), Cow::Borrowed(_)));
        assert_eq!(shown("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(shown("nul\0"), "nul\\u{0}");
        assert_eq!(shown("c1\u{9b}2J"), "c1\\u{9b}2J");
        assert_eq!(shown("evil\u{202e}txt"), "evil\\u{202e}txt");
        assert_eq!(shown("two\nlines"), "two\\nlines");
        assert_eq!(message("two\nlines\u{7}"), "two\nlines\\u{7}");
    }

    #[test]
    fn formulas_are_defused_for_spreadsheets() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_safe("ACME = best"), "ACME = best");
    }

    #[test]
    fn long_quotes_are_clipped() {
        assert_eq!(clipped("short", 10), "short");
        assert_eq!(clipped("àbcdef", 3), "àbc… (3 more characters)");
        assert_eq!(
            clipped_lines("abcdef\nxy", 2),
            "ab… (4 more characters)\nxy"
        );
    }
}
