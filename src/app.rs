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
use crate::unreadable::FileProblem;

/// Storage says a wait for another process's lock in the journal's language.
fn say_waiting_in(journal: &Journal) {
    let language = journal.settings.locale.language;
    crate::storage::say_waiting_with(move |path| {
        crate::i18n::catalogue(language).waiting_for_lock(path)
    });
}

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

    /// The journal to read or to change. No journal where one was expected (no `--dir`, no
    /// `$COLTIVA_DIR`, no `coltiva.toml` here or above, and no default data folder yet — the
    /// usual state under cron) is an error that says how to point coltiva at one: a report of
    /// nothing, exit 0, would hide that the journal was not found (PRODUCT.md §8.2).
    pub fn journal(&self) -> Result<Journal> {
        let journal = Journal::discover(self.dir.as_deref())?;
        if journal.is_missing() {
            let cwd = crate::config::working_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|_| "the current folder".into());
            return Err(Error::Invalid(format!(
                "no journal found: --dir and {} are not set, there is no coltiva.toml in \
                 {cwd} or a folder above it, and the default data folder {} does not exist.\n\
                 Fix: pass --dir DIR, or set COLTIVA_DIR=DIR (cron does not read your shell \
                 profile: set it in the crontab line), or create a journal with `coltiva init DIR`.",
                crate::config::var("COLTIVA_DIR"),
                journal.root().display()
            )));
        }
        let _ = self.locale.set(journal.settings.locale.clone());
        say_waiting_in(&journal);
        crate::git::warn_if_driver_missing(journal.root(), &|p| words(&journal).driver_problem(p));
        Ok(journal)
    }

    /// The journal a command that creates customers (`add`, `import`) writes into: like
    /// [`Context::journal`], except that the default data folder is created by the first
    /// write — and the user is told where, on stderr.
    pub fn journal_to_write(&self) -> Result<Journal> {
        let journal = Journal::discover(self.dir.as_deref())?;
        if journal.is_missing() {
            tell(&format!(
                "coltiva: no journal found here, with --dir or in {}: writing into the default data folder {} (the first write creates it; --dir or COLTIVA_DIR choose another journal)",
                crate::config::var("COLTIVA_DIR"),
                journal.root().display()
            ));
        } else {
            crate::git::warn_if_driver_missing(journal.root(), &|p| {
                words(&journal).driver_problem(p)
            });
        }
        say_waiting_in(&journal);
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
        Amount::parse_typed(text, self.locale().decimal)
            .map_err(|e| Error::Usage(self.words().invalid_amount(&e)))
    }

    /// The moment of a new record: `--at` if given, else now (or the fixed `--today`).
    /// Records describe what happened, so a moment after today is refused.
    pub fn record_at(&self, flag: &str, text: Option<&str>) -> Result<At> {
        let at = match text {
            Some(text) => dates::parse_when_typed(
                text,
                self.today,
                self.now,
                Bias::Past,
                self.locale().date_order,
            )
            .map_err(|e| self.date_refused(flag, &e))?,
            None if self.today_fixed => At::Date(self.today),
            None => At::DateTime(self.now),
        };
        if at.day() > self.today {
            // English shows the moment as stored (ISO); another language as `show` does.
            let locale = self.locale();
            let shown = match locale.language {
                crate::model::Language::En => at.to_string(),
                language => crate::i18n::Style::new(language, locale.money()).moment(&at),
            };
            return Err(Error::Usage(format!(
                "{flag}: {}",
                self.words().after_today(&shown, self.today)
            )));
        }
        Ok(at)
    }

    /// A calendar day given on the command line (`--due`, `--since`, `--until`).
    pub fn day(&self, flag: &str, text: &str, bias: Bias) -> Result<NaiveDate> {
        dates::parse_when_typed(text, self.today, self.now, bias, self.locale().date_order)
            .map(|at| at.day())
            .map_err(|e| self.date_refused(flag, &e))
    }

    /// The words of the journal's language, for what a command tells people on stderr.
    pub fn words(&self) -> &'static dyn crate::i18n::Catalogue {
        crate::i18n::catalogue(self.locale().language)
    }

    /// A refused date as a usage error, in the journal's language.
    fn date_refused(&self, flag: &str, e: &dates::DateError) -> Error {
        Error::Usage(format!(
            "{flag}: {}",
            self.words().invalid_date(&e.text, e.problem)
        ))
    }
}

/// Applies `--color`: anstream's global choice, which `render::table::Style::detect` reads
/// (with NO_COLOR, CLICOLOR and CLICOLOR_FORCE when the choice is auto).
pub fn set_color(when: crate::cli::ColorWhen) {
    use crate::cli::ColorWhen;
    anstream::ColorChoice::write_global(match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
}

/// Tells a newcomer, on stderr, what to do with a journal that has no customers yet.
pub fn hint_if_empty(journal: &Journal, customers: usize) {
    if customers == 0 {
        tell(&words(journal).no_customers_yet(&journal.root().display().to_string()));
    }
}

/// The words of `journal`'s language, for what a command tells people on stderr.
pub fn words(journal: &Journal) -> &'static dyn crate::i18n::Catalogue {
    crate::i18n::catalogue(journal.settings.locale.language)
}

/// Writes command output to stdout. A closed pipe (`coltiva list | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    if !text.is_empty() {
        stdout_is_open()?;
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("could not write the output", e)),
    }
}

/// Writes command output to stdout as `write` produces it, through a buffer on the locked
/// stdout (never one string of the whole output). A closed pipe (`coltiva list --format json |
/// head`) ends the output quietly, as in [`print`].
pub fn print_streamed(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    stdout_is_open()?;
    let mut out = PipeOut {
        inner: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
        closed: false,
    };
    let written = write(&mut out).and_then(|()| {
        out.flush()
            .map_err(|e| Error::io("could not write the output", e))
    });
    match written {
        Err(_) if out.closed => Ok(()),
        other => other,
    }
}

/// Stdout that remembers a closed pipe, so that the error the renderers return for it (JSON,
/// CSV: their own error types) is told from a real failure.
struct PipeOut<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for PipeOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| self.note(e))
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(buf).inspect_err(|e| self.note(e))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| self.note(e))
    }
}

impl<W: Write> PipeOut<W> {
    fn note(&mut self, e: &std::io::Error) {
        self.closed |= e.kind() == std::io::ErrorKind::BrokenPipe;
    }
}

/// Rust's runtime replaces a standard stream the process started without (`coltiva list >&-`)
/// by /dev/null opened for reading and writing, so what is printed goes nowhere and the
/// command would exit 0 having written nothing. That /dev/null is told apart from a
/// redirection (`>/dev/null` opens it write-only) and refused with a message.
fn stdout_is_open() -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{FileType, OFlags, fcntl_getfl, fstat, major, minor};
        use std::os::fd::AsFd;
        let out = std::io::stdout();
        let read_write =
            fcntl_getfl(out.as_fd()).is_ok_and(|flags| flags & OFlags::RWMODE == OFlags::RDWR);
        let null = fstat(out.as_fd()).is_ok_and(|st| {
            FileType::from_raw_mode(st.st_mode) == FileType::CharacterDevice
                && major(st.st_rdev) == 1
                && minor(st.st_rdev) == 3
        });
        if read_write && null {
            return Err(Error::Invalid(
                "could not write the output: standard output is closed (`>&-`?); redirect it to a file, or to /dev/null to discard it".into(),
            ));
        }
    }
    Ok(())
}

pub use crate::text::tell;

/// The output format: the flag, else table.
pub fn format_of(flag: Option<Format>) -> Format {
    flag.unwrap_or(Format::Table)
}

/// Parses an optional text field: empty text is absent.
pub fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

/// Renders report data in the chosen format and prints it. `layout` lays the data out for
/// tables, markdown and HTML (in the journal's language) and for CSV (wide, in English); JSON serializes the data itself. Documents for people
/// (table, markdown, HTML) are put in the journal's language and show amounts in its style; JSON
/// and CSV stay English and plain (PRODUCT.md §8.4).
pub fn emit_in<T: serde::Serialize>(
    locale: &Locale,
    format: Option<Format>,
    data: &T,
    layout: impl Fn(crate::render::Layout) -> crate::render::Document,
) -> Result<()> {
    emit_with(locale, format, data, &[], false, layout)
}

/// [`emit_in`], naming the customer files that could not be read: first in the document (a
/// `problems` table, in CSV a `problems` section), in JSON a `problems` array (beside the
/// fields of an object; an array becomes `{"items": [...], "problems": [...]}`), then on
/// stderr with the fix; and the result is an error (exit 1) after the rest is printed.
/// `spreadsheet`: CSV for spreadsheets, formulas defused.
pub fn emit_with<T: serde::Serialize>(
    locale: &Locale,
    format: Option<Format>,
    data: &T,
    problems: &[FileProblem],
    spreadsheet: bool,
    layout: impl Fn(crate::render::Layout) -> crate::render::Document,
) -> Result<()> {
    let json = |out: &mut dyn Write| crate::render::json::write(out, data);
    emit_as(locale, format, data, json, problems, spreadsheet, layout)
}

/// [`emit_with`] for a list of rows, its JSON serialized on all cores (the same bytes:
/// [`crate::render::json::write_rows`]).
pub fn emit_rows<T: serde::Serialize + Sync>(
    locale: &Locale,
    format: Option<Format>,
    rows: &[T],
    problems: &[FileProblem],
    spreadsheet: bool,
    layout: impl Fn(crate::render::Layout) -> crate::render::Document,
) -> Result<()> {
    let json = |out: &mut dyn Write| crate::render::json::write_rows(out, rows);
    emit_as(locale, format, &rows, json, problems, spreadsheet, layout)
}

/// [`emit_with`], `json` writing `data` as JSON when no file had a problem.
fn emit_as<T: serde::Serialize>(
    locale: &Locale,
    format: Option<Format>,
    data: &T,
    json: impl FnOnce(&mut dyn Write) -> Result<()>,
    problems: &[FileProblem],
    spreadsheet: bool,
    layout: impl Fn(crate::render::Layout) -> crate::render::Document,
) -> Result<()> {
    use crate::render;
    let doc = |how: render::Layout| {
        let mut doc = layout(how);
        if !problems.is_empty() {
            doc.blocks.insert(
                0,
                render::Block::Table(render::problems::table(problems, how)),
            );
        }
        doc
    };
    // People's words, numbers, amounts and dates: the journal's `[locale]`, passed down.
    let people = crate::i18n::Style::new(locale.language, locale.money());
    let for_people = || doc(render::Layout::people(&people));
    // JSON and CSV are written as they are produced; the others are laid out whole first.
    match format_of(format) {
        Format::Json if problems.is_empty() => print_streamed(json)?,
        Format::Json => {
            let data = with_problems(data, problems)?;
            print_streamed(|out| render::json::write(out, &data))?;
        }
        Format::Csv => {
            let doc = doc(render::Layout::MACHINE);
            print_streamed(|out| match spreadsheet {
                true => render::csv::write_for_spreadsheets(out, &doc),
                false => render::csv::write(out, &doc),
            })?;
        }
        Format::Markdown => print(&render::markdown::render(&for_people(), &people))?,
        Format::Html => print(&render::html::render(&for_people(), &people))?,
        Format::Table => print(&render::table::render(
            &for_people(),
            &people,
            render::table::Style::detect(),
        ))?,
    }
    fail_on_problems(locale.language, problems)
}

/// The JSON of `data` with a `problems` array.
pub fn with_problems<T: serde::Serialize>(
    data: &T,
    problems: &[FileProblem],
) -> Result<serde_json::Value> {
    use serde_json::Value;
    let fail = |e: serde_json::Error| Error::Invalid(format!("could not write JSON: {e}"));
    let problems = serde_json::to_value(problems).map_err(fail)?;
    Ok(match serde_json::to_value(data).map_err(fail)? {
        Value::Object(mut fields) => {
            fields.insert("problems".into(), problems);
            Value::Object(fields)
        }
        other => serde_json::json!({ "items": other, "problems": problems }),
    })
}

/// Names each unreadable file on stderr with its fix; an error (exit 1) when there is any.
pub fn fail_on_problems(language: crate::model::Language, problems: &[FileProblem]) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let words = crate::i18n::catalogue(language);
    for p in problems {
        let at = match (p.line, p.column) {
            (Some(line), Some(column)) => format!(":{line}:{column}"),
            _ => String::new(),
        };
        let (problem, fix) = words.file_problem(&p.damage);
        tell(&format!(
            "coltiva: {}{at}: {problem}\n  {}: {fix}",
            p.file,
            words.label(crate::i18n::Label::Fix)
        ));
    }
    Err(Error::Problems(words.unreadable_left_out(problems.len())))
}

/// After a successful write: when `[git] autocommit = true` and the journal is in a git
/// repository, commits exactly `paths` with `message` (like `pass`). The records are already
/// on disk, fsynced, so a failing commit is only a warning.
pub fn autocommit(journal: &Journal, paths: &[PathBuf], message: &str) {
    autocommit_staged(journal, None, paths, message);
}

/// Whether a write is committed: the one rule of [`autocommit`] and of an import's
/// [`stager`].
enum Commit {
    /// Autocommit is off, or the journal is in no repository.
    No,
    /// A merge (rebase, cherry-pick, revert) stopped half-way: committing would fail, and
    /// staging would hand the change to `git merge --abort`, which throws staged changes
    /// away. Unstaged, the abort keeps it.
    Stopped(crate::git::InProgress),
    Yes,
}

fn commit_route(journal: &Journal) -> Commit {
    if !journal.settings.git.autocommit || !crate::git::is_repo(journal.root()) {
        return Commit::No;
    }
    match crate::git::in_progress(journal.root()) {
        Some(op) => Commit::Stopped(op),
        None => Commit::Yes,
    }
}

/// For an import about to write its `planned` paths: git staging them while they are written
/// ([`crate::git::Stager`]), when they will be committed and git's fast route applies; the
/// import hands it each written batch, then passes it to [`autocommit_staged`].
pub fn stager(journal: &Journal, planned: &[PathBuf]) -> Option<crate::git::Stager> {
    match commit_route(journal) {
        Commit::Yes => crate::git::Stager::start(journal.root(), planned),
        Commit::No | Commit::Stopped(_) => None,
    }
}

/// [`autocommit`], through the `stager` that staged `paths` while they were written when one
/// ran (it was started only where [`autocommit`] commits).
pub fn autocommit_staged(
    journal: &Journal,
    stager: Option<crate::git::Stager>,
    paths: &[PathBuf],
    message: &str,
) {
    let committed = match stager {
        Some(stager) => stager.finish(paths, message),
        None => match commit_route(journal) {
            Commit::Yes => crate::git::commit_paths(journal.root(), paths, message),
            Commit::No => return,
            Commit::Stopped(op) => {
                let files = paths
                    .iter()
                    .map(|p| {
                        p.strip_prefix(journal.root())
                            .unwrap_or(p)
                            .display()
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                tell(&words(journal).not_committed(
                    &files,
                    op,
                    &format!("git commit -m {} -- {files}", shell_words::quote(message)),
                ));
                return;
            }
        },
    };
    match committed {
        Err(e) => tell(&words(journal).commit_failed(&crate::i18n::said(words(journal), &e))),
        // Said only of a commit made: nothing to commit is nothing to say.
        Ok(true) if crate::git::detached_head(journal.root()) => {
            tell(words(journal).committed_detached());
        }
        Ok(_) => {}
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
