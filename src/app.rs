//! The run context every command shares: where the journal is, the as-of day and the clock,
//! output to stdout (data) and stderr (people), rendering in the chosen format, and the
//! optional git commit after a write. Commands call it; it calls storage, dates and render.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Timelike};

use crate::cli::Format;
use crate::config::Locale;
use crate::dates::{self, Bias};
use crate::error::{Error, Result};
use crate::model::{Amount, At};
use crate::storage::Journal;

/// What every command may need: where the journal is and what "today" and "now" are.
pub struct Context {
    dir: Option<PathBuf>,
    /// The as-of day: `--today`, else the real local date.
    pub today: NaiveDate,
    /// The current moment with the local offset.
    pub now: DateTime<FixedOffset>,
    /// True when `--today` was given: new records then default to that date, not to now.
    pub today_fixed: bool,
    /// The journal's `[locale]`, read once: amounts and dates typed on the command line are
    /// read with it (PRODUCT.md §8.4).
    locale: std::sync::OnceLock<Locale>,
}

impl Context {
    pub fn new(dir: Option<PathBuf>, today: Option<&str>) -> Result<Context> {
        // Whole seconds: a journal is a diary, not a trace, and sub-second digits are noise.
        let now = Local::now().fixed_offset();
        let now = now.with_nanosecond(0).unwrap_or(now);
        let real_today = now.date_naive();
        let (today, today_fixed) = match today {
            Some(text) => (
                dates::parse_day(text, real_today, now, Bias::Past)
                    .map_err(|e| Error::Usage(format!("--today: {e}")))?,
                true,
            ),
            None => (real_today, false),
        };
        Ok(Context {
            dir,
            today,
            now,
            today_fixed,
            locale: std::sync::OnceLock::new(),
        })
    }

    /// The `--dir` flag, when given (for `init`, which creates rather than discovers).
    pub fn dir_flag(&self) -> Option<&std::path::Path> {
        self.dir.as_deref()
    }

    pub fn journal(&self) -> Result<Journal> {
        let journal = Journal::discover(self.dir.as_deref())?;
        let _ = self.locale.set(journal.settings.locale.clone());
        crate::git::warn_if_driver_missing(journal.root());
        Ok(journal)
    }

    /// The journal's `[locale]`. Where there is no readable journal the defaults apply: the
    /// command's own [`Context::journal`] call then reports what is wrong with it.
    pub fn locale(&self) -> &Locale {
        self.locale.get_or_init(|| {
            Journal::discover(self.dir.as_deref())
                .map(|j| j.settings.locale)
                .unwrap_or_default()
        })
    }

    /// An amount typed on the command line, read with the journal's decimal mark (the same
    /// rule as import: [`Amount::parse_in`]).
    pub fn amount(&self, text: &str) -> Result<Amount> {
        Amount::parse_in(text, self.locale().decimal).map_err(Error::Usage)
    }

    /// The moment of a new record: `--at` if given, else now (or the fixed `--today`).
    /// Records describe what happened, so a moment after today is refused.
    pub fn record_at(&self, flag: &str, text: Option<&str>) -> Result<At> {
        let at = match text {
            Some(text) => dates::parse_when_in(
                text,
                self.today,
                self.now,
                Bias::Past,
                self.locale().date_order,
            )
            .map_err(|e| Error::Usage(format!("{flag}: {e}")))?,
            None if self.today_fixed => At::Date(self.today),
            None => At::DateTime(self.now),
        };
        if at.day() > self.today {
            return Err(Error::Usage(format!(
                "{flag}: {at} is after today ({}); records describe what already happened",
                self.today
            )));
        }
        Ok(at)
    }

    /// A calendar day given on the command line (`--due`, `--since`, `--until`).
    pub fn day(&self, flag: &str, text: &str, bias: Bias) -> Result<NaiveDate> {
        dates::parse_day_in(text, self.today, self.now, bias, self.locale().date_order)
            .map_err(|e| Error::Usage(format!("{flag}: {e}")))
    }
}

/// Tells a newcomer, on stderr, what to do with a journal that has no customers yet.
pub fn hint_if_empty(journal: &Journal, customers: usize) {
    if customers == 0 {
        tell(&format!(
            "the journal in {} has no customers yet: add one with `coltiva add NAME` (or import a CSV file with `coltiva import`)",
            journal.root().display()
        ));
    }
}

/// Writes command output to stdout. A closed pipe (`coltiva list | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("could not write the output", e)),
    }
}

/// A confirmation for people, on stderr (stdout stays clean for scripts).
pub fn tell(message: &str) {
    let _ = writeln!(std::io::stderr(), "{}", crate::text::message(message));
}

/// The output format: the flag, else table.
pub fn format_of(flag: Option<Format>) -> Format {
    flag.unwrap_or(Format::Table)
}

/// Parses an optional text field: empty text is absent.
pub fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

/// Renders report data in the chosen format and prints it, in English with plain amounts:
/// [`emit_in`] with the default locale.
pub fn emit<T: serde::Serialize>(
    format: Option<Format>,
    data: &T,
    layout: impl Fn(bool) -> crate::render::Document,
) -> Result<()> {
    emit_in(&Locale::default(), format, data, layout)
}

/// Renders report data in the chosen format and prints it. `layout(wide)` lays the data out
/// for tables, markdown and (wide) CSV; JSON serializes the data itself. Documents for people
/// (table, markdown, HTML) are put in the journal's language and show amounts in its style; JSON
/// and CSV stay English and plain (PRODUCT.md §8.4).
pub fn emit_in<T: serde::Serialize>(
    locale: &Locale,
    format: Option<Format>,
    data: &T,
    layout: impl Fn(bool) -> crate::render::Document,
) -> Result<()> {
    emit_as(locale, format, data, layout, false)
}

/// [`emit_in`] for the views people open in spreadsheets (`list`, `report`): their CSV
/// defuses formulas in text cells (see docs/DURABILITY.md, "Formulas in CSV").
pub fn emit_in_for_spreadsheets<T: serde::Serialize>(
    locale: &Locale,
    format: Option<Format>,
    data: &T,
    layout: impl Fn(bool) -> crate::render::Document,
) -> Result<()> {
    emit_as(locale, format, data, layout, true)
}

fn emit_as<T: serde::Serialize>(
    locale: &Locale,
    format: Option<Format>,
    data: &T,
    layout: impl Fn(bool) -> crate::render::Document,
    spreadsheet: bool,
) -> Result<()> {
    use crate::render;
    let for_people = || {
        let mut doc = layout(false);
        crate::i18n::localize(&mut doc, locale.language);
        doc
    };
    let text = match format_of(format) {
        Format::Json => render::json::render(data)?,
        Format::Csv if spreadsheet => render::csv::render_for_spreadsheets(&layout(true))?,
        Format::Csv => render::csv::render(&layout(true))?,
        Format::Markdown => {
            render::with_money_style(&locale.money(), || render::markdown::render(&for_people()))
        }
        Format::Html => {
            render::with_money_style(&locale.money(), || render::html::render(&for_people()))
        }
        Format::Table => render::with_money_style(&locale.money(), || {
            render::table::render(&for_people(), render::table::Style::detect())
        }),
    };
    print(&text)
}

/// After a successful write: when `[git] autocommit = true` and the journal is in a git
/// repository, commits exactly `paths` with `message` (like `pass`). The records are already
/// on disk, fsynced, so a failing commit is only a warning.
pub fn autocommit(journal: &Journal, paths: &[PathBuf], message: &str) {
    if !journal.settings.git.autocommit || !crate::git::is_repo(journal.root()) {
        return;
    }
    if let Err(e) = crate::git::commit_paths(journal.root(), paths, message) {
        tell(&format!(
            "coltiva: warning: the change is saved, but it was not committed: {e}"
        ));
    }
}

/// The longest commit subject coltiva writes (git's customary limit).
const SUBJECT_CHARS: usize = 72;

/// A commit message that carries what was recorded: `head — text` on one line (whitespace
/// runs collapsed), shortened with "…" to 72 characters (PRODUCT.md §8.5), e.g.
/// `log acme: call — Called Paola about the Q1 prices`.
pub fn commit_message(head: &str, text: Option<&str>) -> String {
    let text = text.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let full = match text.as_deref() {
        Some(t) if !t.is_empty() => format!("{head} — {t}"),
        _ => head.to_string(),
    };
    if full.chars().count() <= SUBJECT_CHARS {
        return full;
    }
    let mut short: String = full.chars().take(SUBJECT_CHARS - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_messages_carry_the_text_shortened() {
        assert_eq!(
            commit_message("log acme: call", Some("Called Paola\nabout the Q1 prices")),
            "log acme: call — Called Paola about the Q1 prices"
        );
        assert_eq!(commit_message("add acme", None), "add acme");
        assert_eq!(commit_message("add acme", Some("  ")), "add acme");
        let long = commit_message("log acme: call", Some(&"é".repeat(100)));
        assert_eq!(long.chars().count(), 72);
        assert!(long.ends_with('…'));
    }
}
