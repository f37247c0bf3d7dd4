//! Errors and the exit codes they map to (PRODUCT.md §5): 1 for a failure while working,
//! 2 for a command line that is itself wrong.

use std::fmt;
use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is wrong: a bad value, an unknown or ambiguous name. Exit 2.
    #[error("{0}")]
    Usage(String),

    /// A customer or promise reference that matches nothing or more than one thing. Exit 2.
    #[error("{0}")]
    Reference(ReferenceError),

    /// A file that does not parse, with its location. Exit 1.
    #[error("{}:{}:{}: {}", .path.display(), .line, .column, .message)]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// An I/O failure, with what we were doing. Exit 1.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    /// Journal content or state that prevents the command. Exit 1.
    #[error("{0}")]
    Invalid(String),

    /// `check` found problems (already printed). Exit 1.
    #[error("{0}")]
    Problems(String),

    /// A refusal, as facts: worded in the journal's language at the edge (`lib::main`, by
    /// `i18n::Catalogue::refusal`); its Display is the English. Exit 2 or 1, as
    /// [`Refusal::exit_code`] says.
    #[error("{0}")]
    Refused(Refusal),
}

/// What a lower layer refuses, with the facts a catalogue words it from (paths, ids,
/// numbers); the English is its Display. An OS error's own text (`error`) is kept as the
/// system gave it.
#[derive(Debug)]
pub enum Refusal {
    /// `add NAME` without `--id`, and the name has no letters or digits to make an id from.
    NoIdFromName { name: String },
    /// A value the model refuses on the command line (a name, a tag, an attribute, an
    /// e-mail address…).
    Rule(RuleBroken),
    /// A customer id that cannot be one, and where to give another.
    BadId { bad: BadId, fix: IdFix },
    /// `rename` to an id another customer has.
    IdTaken { id: String, path: PathBuf },
    /// A `coltiva.toml` of a newer schema than this coltiva knows.
    NewerSchema {
        path: PathBuf,
        schema: u32,
        understood: u32,
    },
    /// `new_days` or `lost_days` set to 0.
    ZeroDays { path: PathBuf },
    /// A file of the journal that is a symbolic link.
    Symlink { path: PathBuf },
    /// A file of the journal that is something else than a regular file.
    NotRegular { path: PathBuf, kind: FileKind },
    /// A folder of the journal (`customers`, `.cache`) that is a symbolic link.
    SymlinkFolder { path: PathBuf },
    /// A folder of the journal that is something else.
    NotAFolder { path: PathBuf, kind: FileKind },
    /// Another program holds a file coltiva replaces (Windows).
    ReplaceBusy { path: PathBuf, error: String },
    /// Another program holds a file coltiva reads (Windows).
    OpenBusy { path: PathBuf, error: String },
    /// A customer's file vanished while coltiva waited for its lock.
    Gone { id: String, path: PathBuf },
    /// A customer's file was replaced again and again while coltiva waited for its lock.
    KeepsBeingReplaced { path: PathBuf },
    /// A new file could not be written (`flush`: its fsync failed); nothing was saved.
    NotWritten {
        path: PathBuf,
        error: String,
        flush: bool,
        advice: Advice,
    },
    /// A folder could not be fsynced after a write.
    FolderNotFlushed {
        path: PathBuf,
        error: String,
        advice: Advice,
    },
    /// An append failed; `undo` is why cutting it back failed too (then `repair` is the
    /// command that fixes the file).
    NotAppended {
        path: PathBuf,
        error: String,
        advice: Advice,
        undo: Option<String>,
        repair: String,
    },
    /// An edited copy that `coltiva check` would newly flag (`problems`, as check words them).
    EditWouldNotPass { problems: Vec<String> },
    /// The journal file changed while its copy was being edited; the copy is kept in `kept`.
    EditedMeanwhile { path: PathBuf, kept: PathBuf },
    /// `repair`: not even the header of the file parses (`error`: why the file does not).
    RepairNothingParses { error: String, id: String },
    /// `repair` without `--force` would move more than the last record aside.
    RepairTooMany {
        error: String,
        records: usize,
        line: usize,
        path: PathBuf,
        id: String,
    },
    /// `repair` copied the tail into `rej` but could not make that durable: nothing moved.
    RepairNotMoved {
        error: Box<Error>,
        path: PathBuf,
        rej: PathBuf,
    },
    /// `repair` could not replace the file, nor take the copied tail back out of `rej`.
    RepairCopyLeft {
        error: Box<Error>,
        rej: PathBuf,
        path: PathBuf,
        undo: String,
        id: String,
    },
    /// Turning git autocommit on or off in a `coltiva.toml` that does not parse.
    SettingsNotParsed {
        path: PathBuf,
        error: String,
        autocommit: bool,
    },
    /// Turning git autocommit on or off where `git` in `coltiva.toml` is not a table.
    GitNotATable { path: PathBuf, autocommit: bool },
    /// The record of the last write (for `undo`) does not read.
    UndoLogDamaged { path: PathBuf, error: String },
    /// A commit was made, but git's files could not be fsynced.
    CommitNotFlushed { error: String },
    /// `init` where `coltiva.toml` is something else than a file.
    SettingsNotAFile { path: PathBuf, kind: FileKind },
    /// `init` where a `coltiva.toml` is there but is no journal's settings.
    NotSettings { path: PathBuf, why: NotSettings },
    /// A new customer's id is taken (`add`, `import`): `batch` when nothing of an import
    /// was written, else `--id` chooses another.
    CustomerExists {
        id: String,
        path: PathBuf,
        batch: bool,
    },
    /// A customer file appeared while an import was creating new ones.
    FileAppeared { path: PathBuf },
    /// Creating an import's new customer files stopped at `error`; `created` (of `of`) were
    /// linked in place, each whole.
    SomeCreated {
        error: Box<Error>,
        created: Vec<PathBuf>,
        of: usize,
    },
    /// A file that does not parse is never appended to: where it does not, and the way out.
    AppendToBroken {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        id: String,
    },
    /// The record would leave the file unparseable (`message` at `line`:`column` of the result).
    AppendWouldBreak {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The header cannot be edited in place safely.
    HeaderNotEditable { path: PathBuf, id: String },
    /// `tags-=TAG` for a tag the customer does not have.
    NoSuchTag {
        tag: String,
        name: String,
        tags: Vec<String>,
    },
    /// `KEY=` for an attribute the customer does not have.
    NoSuchAttribute { key: String, name: String },
    /// The system refused to open, read, create or lock a file of the journal (permission
    /// denied, above all; `error`: the system's words).
    Failed {
        doing: Doing,
        path: PathBuf,
        error: String,
    },
    /// A file could not be moved (`rename`), with the system's words.
    NotMoved {
        from: PathBuf,
        to: PathBuf,
        error: String,
    },
    /// git could not be started (not installed, not on the PATH).
    GitNotRun { step: GitStep, error: String },
    /// A git command failed (`status`: its exit status; `detail`: what git said).
    GitFailed {
        step: GitStep,
        status: String,
        detail: String,
    },
}

impl Refusal {
    /// 2 for a command line that is wrong (a bad id), 1 for the journal's state.
    pub fn exit_code(&self) -> i32 {
        use Refusal::*;
        match self {
            NoIdFromName { .. }
            | Rule(_)
            | BadId { .. }
            | CustomerExists { .. }
            | FileAppeared { .. }
            | NoSuchTag { .. }
            | NoSuchAttribute { .. } => 2,
            IdTaken { .. }
            | NewerSchema { .. }
            | ZeroDays { .. }
            | Symlink { .. }
            | NotRegular { .. }
            | SymlinkFolder { .. }
            | NotAFolder { .. }
            | ReplaceBusy { .. }
            | OpenBusy { .. }
            | Gone { .. }
            | KeepsBeingReplaced { .. }
            | NotWritten { .. }
            | FolderNotFlushed { .. }
            | NotAppended { .. }
            | EditWouldNotPass { .. }
            | EditedMeanwhile { .. }
            | RepairNothingParses { .. }
            | RepairTooMany { .. }
            | RepairNotMoved { .. }
            | RepairCopyLeft { .. }
            | SettingsNotParsed { .. }
            | GitNotATable { .. }
            | UndoLogDamaged { .. }
            | CommitNotFlushed { .. }
            | SettingsNotAFile { .. }
            | NotSettings { .. }
            | SomeCreated { .. }
            | AppendToBroken { .. }
            | AppendWouldBreak { .. }
            | HeaderNotEditable { .. }
            | Failed { .. }
            | GitNotRun { .. }
            | NotMoved { .. }
            | GitFailed { .. } => 1,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.worded(&|e| e.to_string(), &|r| r.to_string(), &english))
    }
}

/// A refusal as the sentence a language words, its facts in the order the comments name them
/// (paths written out; `said`: an inner error already worded in the language). Each
/// catalogue has one arm a sentence (`Catalogue::refusal_sentence`); [`english`] is the
/// Display.
pub enum Sentence<'a> {
    /// name
    NoIdFromName(&'a str),
    IdRefused(&'a BadId, IdFix),
    /// id, path
    IdTaken(&'a str, &'a str),
    /// path, schema, understood
    NewerSchema(&'a str, u32, u32),
    ZeroDays(&'a str),
    Symlink(&'a str),
    NotRegular(&'a str, FileKind),
    SymlinkFolder(&'a str),
    NotAFolder(&'a str, FileKind),
    /// path, error (the system's words, as in every sentence below)
    ReplaceBusy(&'a str, &'a str),
    OpenBusy(&'a str, &'a str),
    /// id, path
    Gone(&'a str, &'a str),
    KeepsBeingReplaced(&'a str),
    /// path, error, flush (its fsync failed), advice
    NotWritten(&'a str, &'a str, bool, Advice),
    FolderNotFlushed(&'a str, &'a str, Advice),
    NotAppended(&'a str, &'a str, Advice),
    /// path, error, undo (why cutting it back failed), advice, repair (the command)
    NotAppendedNorUndone(&'a str, &'a str, &'a str, Advice, &'a str),
    /// Before the problems, one a line.
    EditWouldNotPass,
    /// path, kept
    EditedMeanwhile(&'a str, &'a str),
    /// error, id
    RepairNothingParses(&'a str, &'a str),
    /// error, records, line, path, id
    RepairTooMany(&'a str, usize, usize, &'a str, &'a str),
    /// said, path, rej
    RepairNotMoved(&'a str, &'a str, &'a str),
    /// said, rej, path, undo, id
    RepairCopyLeft(&'a str, &'a str, &'a str, &'a str, &'a str),
    /// path, error, autocommit
    SettingsNotParsed(&'a str, &'a str, bool),
    GitNotATable(&'a str, bool),
    UndoLogDamaged(&'a str, &'a str),
    CommitNotFlushed(&'a str),
    SettingsNotAFile(&'a str, FileKind),
    /// Why a `coltiva.toml` (`p`) is no journal's settings: p, error …
    SettingsUnreadable(&'a str, &'a str),
    SettingsOnlyNul(&'a str),
    /// p, NUL bytes
    SettingsNul(&'a str, usize),
    /// p, said
    SettingsInvalid(&'a str, &'a str),
    /// … and what to do about it: why (one of the four above), p.
    NoSettings(&'a str, &'a str),
    /// id, path, batch (nothing of an import was written)
    CustomerExists(&'a str, &'a str, bool),
    FileAppeared(&'a str),
    /// said, created, of
    SomeCreated(&'a str, usize, usize),
    /// path, line, column, message, id
    AppendToBroken(&'a str, usize, usize, &'a str, &'a str),
    /// path, line, column, message
    AppendWouldBreak(&'a str, usize, usize, &'a str),
    /// path, id
    HeaderNotEditable(&'a str, &'a str),
    /// tag, name, tags (joined)
    NoSuchTag(&'a str, &'a str, &'a str),
    /// key, name
    NoSuchAttribute(&'a str, &'a str),
    /// doing, path, error
    Failed(Doing, &'a str, &'a str),
    /// from, to, error
    NotMoved(&'a str, &'a str, &'a str),
    GitNotRun(GitStep, &'a str),
    /// step, status, detail
    GitFailed(GitStep, &'a str, &'a str),
}

impl Refusal {
    /// This refusal in one language: `words` words each sentence, `said` an inner error and
    /// `rule` a broken rule.
    pub fn worded(
        &self,
        said: &dyn Fn(&Error) -> String,
        rule: &dyn Fn(&RuleBroken) -> String,
        words: &dyn Fn(Sentence<'_>) -> String,
    ) -> String {
        use Refusal::*;
        use Sentence as S;
        let p = |path: &Path| path.display().to_string();
        match self {
            NoIdFromName { name } => words(S::NoIdFromName(name)),
            Rule(r) => rule(r),
            BadId { bad, fix } => words(S::IdRefused(bad, *fix)),
            IdTaken { id, path } => words(S::IdTaken(id, &p(path))),
            NewerSchema {
                path,
                schema,
                understood,
            } => words(S::NewerSchema(&p(path), *schema, *understood)),
            ZeroDays { path } => words(S::ZeroDays(&p(path))),
            Symlink { path } => words(S::Symlink(&p(path))),
            NotRegular { path, kind } => words(S::NotRegular(&p(path), *kind)),
            SymlinkFolder { path } => words(S::SymlinkFolder(&p(path))),
            NotAFolder { path, kind } => words(S::NotAFolder(&p(path), *kind)),
            ReplaceBusy { path, error } => words(S::ReplaceBusy(&p(path), error)),
            OpenBusy { path, error } => words(S::OpenBusy(&p(path), error)),
            Gone { id, path } => words(S::Gone(id, &p(path))),
            KeepsBeingReplaced { path } => words(S::KeepsBeingReplaced(&p(path))),
            NotWritten {
                path,
                error,
                flush,
                advice,
            } => words(S::NotWritten(&p(path), error, *flush, *advice)),
            FolderNotFlushed {
                path,
                error,
                advice,
            } => words(S::FolderNotFlushed(&p(path), error, *advice)),
            NotAppended {
                path,
                error,
                advice,
                undo: None,
                ..
            } => words(S::NotAppended(&p(path), error, *advice)),
            NotAppended {
                path,
                error,
                advice,
                undo: Some(undo),
                repair,
            } => words(S::NotAppendedNorUndone(
                &p(path),
                error,
                undo,
                *advice,
                repair,
            )),
            EditWouldNotPass { problems } => {
                let mut text = words(S::EditWouldNotPass);
                for problem in problems {
                    text.push_str("\n  ");
                    text.push_str(problem);
                }
                text
            }
            EditedMeanwhile { path, kept } => words(S::EditedMeanwhile(&p(path), &p(kept))),
            RepairNothingParses { error, id } => words(S::RepairNothingParses(error, id)),
            RepairTooMany {
                error,
                records,
                line,
                path,
                id,
            } => words(S::RepairTooMany(error, *records, *line, &p(path), id)),
            RepairNotMoved { error, path, rej } => {
                words(S::RepairNotMoved(&said(error), &p(path), &p(rej)))
            }
            RepairCopyLeft {
                error,
                rej,
                path,
                undo,
                id,
            } => words(S::RepairCopyLeft(&said(error), &p(rej), &p(path), undo, id)),
            SettingsNotParsed {
                path,
                error,
                autocommit,
            } => words(S::SettingsNotParsed(&p(path), error, *autocommit)),
            GitNotATable { path, autocommit } => words(S::GitNotATable(&p(path), *autocommit)),
            UndoLogDamaged { path, error } => words(S::UndoLogDamaged(&p(path), error)),
            CommitNotFlushed { error } => words(S::CommitNotFlushed(error)),
            SettingsNotAFile { path, kind } => words(S::SettingsNotAFile(&p(path), *kind)),
            NotSettings { path, why } => {
                let p = p(path);
                let why = words(match why {
                    self::NotSettings::Unreadable(e) => S::SettingsUnreadable(&p, e),
                    self::NotSettings::OnlyNul => S::SettingsOnlyNul(&p),
                    self::NotSettings::Nul(n) => S::SettingsNul(&p, *n),
                    self::NotSettings::Invalid(e) => {
                        return words(S::NoSettings(&words(S::SettingsInvalid(&p, &said(e))), &p));
                    }
                });
                words(S::NoSettings(&why, &p))
            }
            CustomerExists { id, path, batch } => words(S::CustomerExists(id, &p(path), *batch)),
            FileAppeared { path } => words(S::FileAppeared(&p(path))),
            SomeCreated { error, created, of } => {
                words(S::SomeCreated(&said(error), created.len(), *of))
            }
            AppendToBroken {
                path,
                line,
                column,
                message,
                id,
            } => words(S::AppendToBroken(&p(path), *line, *column, message, id)),
            AppendWouldBreak {
                path,
                line,
                column,
                message,
            } => words(S::AppendWouldBreak(&p(path), *line, *column, message)),
            HeaderNotEditable { path, id } => words(S::HeaderNotEditable(&p(path), id)),
            NoSuchTag { tag, name, tags } => words(S::NoSuchTag(tag, name, &tags.join(", "))),
            NoSuchAttribute { key, name } => words(S::NoSuchAttribute(key, name)),
            Failed { doing, path, error } => words(S::Failed(*doing, &p(path), error)),
            NotMoved { from, to, error } => words(S::NotMoved(&p(from), &p(to), error)),
            GitNotRun { step, error } => words(S::GitNotRun(*step, error)),
            GitFailed {
                step,
                status,
                detail,
            } => words(S::GitFailed(*step, status, detail)),
        }
    }
}

/// The English of a refusal: its Display.
pub fn english(s: Sentence<'_>) -> String {
    use Sentence::*;
    match s {
        NoIdFromName(name) => format!(
            "cannot make an id from the name {name:?}: it has no letters or digits; give one with --id"
        ),
        IdTaken(id, path) => {
            format!("there is already a customer {id} ({path}); choose another id")
        }
        NewerSchema(path, schema, understood) => format!(
            "{path}: schema {schema} is newer than this coltiva understands (schema {understood}); upgrade coltiva"
        ),
        ZeroDays(path) => format!("{path}: new_days and lost_days must be at least 1"),
        Symlink(path) => format!(
            "{path} is a symbolic link; coltiva reads and writes only regular files inside the journal (replace the link with the file itself)"
        ),
        NotRegular(path, kind) => format!(
            "{path} is not a regular file (it is {kind}); move it out of the journal, then run the command again",
            kind = file_kind(kind)
        ),
        SymlinkFolder(path) => format!(
            "{path} is a symbolic link; coltiva reads and writes only inside the journal, and a link (perhaps committed by someone else) could point anywhere: replace it with a real folder, then run the command again"
        ),
        NotAFolder(path, kind) => format!(
            "{path} should be a folder but is {kind}; move it out of the journal, then run the command again",
            kind = file_kind(kind)
        ),
        ReplaceBusy(path, error) => format!(
            "could not replace {path}: {error}; is it open in another program (an editor, a spreadsheet, a sync or antivirus program)? close it, then run the command again; nothing was changed"
        ),
        OpenBusy(path, error) => format!(
            "could not open {path}: {error}; another program has it open and lets nobody else read it (a spreadsheet, an editor?): close it there, then run the command again"
        ),
        Gone(id, path) => {
            format!("the file of customer {id:?} ({path}) is gone; was it forgotten or moved?")
        }
        KeepsBeingReplaced(path) => {
            format!("{path} keeps being replaced while coltiva waits for it; try again")
        }
        NotWritten(path, error, flush, advice) => format!(
            "could not {} {path}{}: {error}; nothing was saved, the journal is as it was; {advice}, then run the command again",
            if flush { "flush" } else { "write" },
            if flush { " to disk" } else { "" },
            advice = what_to_do(advice)
        ),
        FolderNotFlushed(path, error, advice) => format!(
            "could not flush the folder {path} to disk: {error}; what was just written there may not survive a crash or power loss; {advice}, then run `coltiva check`",
            advice = what_to_do(advice)
        ),
        NotAppended(path, error, advice) => format!(
            "could not write to {path}: {error}; nothing was saved, the file is exactly as it was; {advice}, then run the command again",
            advice = what_to_do(advice)
        ),
        NotAppendedNorUndone(path, error, undo, advice, repair) => format!(
            "could not write to {path}: {error}, and could not cut the incomplete write back off ({undo}): the file may end in an incomplete record; {advice}, then run `{repair}` and run the command again",
            advice = what_to_do(advice)
        ),
        EditWouldNotPass => "the edited file would not pass `coltiva check`:".into(),
        EditedMeanwhile(path, kept) => format!(
            "{path} changed while you were editing it; it was not replaced. Your edited version is kept in {kept}"
        ),
        RepairNothingParses(error, id) => format!(
            "{error}\nno part of the file parses, not even its header; fix it by hand with `coltiva edit {id}`"
        ),
        RepairTooMany(error, records, line, path, id) => format!(
            "{error}\nrepair would move {records} records (from line {line}) to {path}.rej; the problem is not just a broken last record.\nfix it by hand with `coltiva edit {id}`, or run `coltiva repair {id} --force` to move them aside"
        ),
        RepairNotMoved(said, path, rej) => format!(
            "{said}\nnothing was moved: {path} is as it was, and {rej} holds a copy of its broken tail"
        ),
        RepairCopyLeft(said, rej, path, undo, id) => format!(
            "{said}\n{rej} now also holds a copy of the tail that is still in {path} (taking it back failed: {undo}); delete that copy from its end before running `coltiva repair {id}` again"
        ),
        SettingsNotParsed(path, error, autocommit) => format!(
            "{path} does not parse ({error}); fix it, then set [git] autocommit = {autocommit} by hand"
        ),
        GitNotATable(path, autocommit) => {
            format!("{path}: git is not a table; write [git] autocommit = {autocommit} by hand")
        }
        UndoLogDamaged(path, error) => {
            format!("{path} is damaged ({error}); delete it (undo then has nothing to take back)")
        }
        CommitNotFlushed(error) => format!(
            "the commit is made, but git's files could not be flushed to disk, so a crash could still lose it: {error}"
        ),
        SettingsNotAFile(path, kind) => format!(
            "{path} is {kind}, not a settings file; move it out of the journal, then run `coltiva init` again",
            kind = file_kind(kind)
        ),
        SettingsUnreadable(p, error) => format!("{p} exists but cannot be read ({error})"),
        SettingsOnlyNul(p) => format!(
            "{p} exists but holds only NUL bytes (it was being created when the machine stopped?): it is not a journal's settings"
        ),
        SettingsNul(p, n) => format!(
            "{p} exists but holds {n} NUL bytes (damaged by a crash?): it is not a journal's settings"
        ),
        SettingsInvalid(p, said) => format!("{p} exists but is not a journal's settings: {said}"),
        NoSettings(why, p) => format!(
            "{why}; nothing was changed; fix it by hand, or move it aside (`mv {p} {p}.bad`) and run `coltiva init` again"
        ),
        CustomerExists(id, path, batch) => format!(
            "a customer with id {id:?} already exists ({path}); {}",
            if batch {
                "nothing was written"
            } else {
                "choose another with --id"
            }
        ),
        FileAppeared(path) => {
            format!("a customer file appeared meanwhile at {path}; it was left untouched")
        }
        SomeCreated(said, created, of) => {
            format!("{said}; {created} of {of} new customer files were created, each complete")
        }
        AppendToBroken(path, line, column, message, id) => format!(
            "{path}:{line}:{column}: {message}\nnothing was appended: fix the file by hand (`coltiva edit {id}`) or move a broken tail aside with `coltiva repair {id}`"
        ),
        AppendWouldBreak(path, line, column, message) => format!(
            "{path}: the record cannot be appended: the file would no longer parse ({message} at {line}:{column} of the result; is a record kind written in another TOML form?); nothing was appended"
        ),
        HeaderNotEditable(path, id) => format!(
            "the header of {path} cannot be edited safely (a multi-line value that looks like a table?); edit it by hand with `coltiva edit {id}`"
        ),
        NoSuchTag(tag, name, tags) => {
            format!("tags-={tag}: {name} has no tag {tag:?} (its tags: {tags})")
        }
        NoSuchAttribute(key, name) => format!("{key}=: {name} has no attribute {key:?} to remove"),
        Failed(doing, path, error) => format!("could not {doing} {path}: {error}"),
        NotMoved(from, to, error) => format!("could not move {from} to {to}: {error}"),
        GitNotRun(step, error) => format!("could not run git to {}: {error}", english_step(step)),
        GitFailed(step, status, detail) => {
            format!("git could not {} ({status}): {detail}", english_step(step))
        }
        IdRefused(bad, fix) => format!("{}; {}", bad_id(bad), id_fix(fix)),
    }
}

/// What a path is instead of a file or folder, with its article: "a folder".
fn file_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Fifo => "a named pipe (FIFO)",
        FileKind::Socket => "a socket",
        FileKind::Device => "a device",
        FileKind::Symlink => "a symbolic link",
        FileKind::Folder => "a folder",
        FileKind::File => "a regular file",
        FileKind::Other => "not a regular file",
    }
}

/// What to do about a failed write: a clause the sentence goes on from.
fn what_to_do(advice: Advice) -> &'static str {
    match advice {
        Advice::FreeSpace => "free some space on the disk",
        Advice::CheckDisk => "check the disk (is it full, read-only or failing?)",
    }
}

/// Why a text is no customer id (a refused id, and an import row's).
fn bad_id(bad: &BadId) -> String {
    match bad {
        BadId::Malformed(id) => format!(
            "invalid customer id {id:?}: use 1 to {MAX_ID_LEN} lower-case letters, digits and dashes, starting with a letter or digit"
        ),
        BadId::Reserved(id) => format!(
            "the id {id:?} is a reserved device name on Windows, where a clone of the journal could not hold the file"
        ),
    }
}

/// Where to give another id.
fn id_fix(fix: IdFix) -> &'static str {
    match fix {
        IdFix::WithId => "choose another with --id",
        IdFix::NewId => "choose another new id",
    }
}

/// What git was asked to do, after "to".
fn english_step(step: GitStep) -> &'static str {
    match step {
        GitStep::CreateRepository => "create a repository",
        GitStep::ReadIgnoreRules => "read the ignore rules",
        GitStep::Stage => "stage the changed files",
        GitStep::Commit => "commit",
        GitStep::ReadStatus => "read the status",
        GitStep::RegisterDriver => "register the merge driver",
        GitStep::SetPullRebase => "set pull.rebase",
    }
}

/// Longest customer id accepted (file names stay far below any file-system limit); here
/// rather than in `ids` (which re-exports it) because a refused id's words need it and `ids`
/// already names this module.
pub const MAX_ID_LEN: usize = 64;

/// Why a text cannot be a customer id (`ids::check_id`); the English reason is its Display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadId {
    /// Not 1 to 64 lower-case letters, digits and dashes starting with a letter or digit.
    Malformed(String),
    /// A device name Windows refuses as a file name.
    Reserved(String),
}

impl fmt::Display for BadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bad_id(self))
    }
}

/// Why the model refuses a value (`model::customer`'s header rules, `model::kinds::person`'s
/// person rules): the fact, read by the command line, `import` and `check` alike; the English
/// is its Display. `context` is what the user typed, quoted as they typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleBroken {
    CustomerName,
    Tag {
        text: String,
    },
    AttributeKey {
        context: String,
    },
    /// A key with a meaning of its own (a header key or a record table).
    OwnKey {
        context: String,
        key: String,
    },
    /// `--set` without `=`.
    AttributePair {
        pair: String,
    },
    /// `--set id=…`.
    AttributeIsId {
        pair: String,
    },
    AttributeValue {
        context: String,
    },
    PersonId {
        id: String,
    },
    PersonName,
    Role {
        text: String,
    },
    Email {
        text: String,
    },
    Phone {
        text: String,
    },
}

impl fmt::Display for RuleBroken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RuleBroken::*;
        match self {
            CustomerName => write!(
                f,
                "a customer name must have visible characters and no control characters (newlines, tabs)"
            ),
            Tag { text } => write!(
                f,
                "invalid tag {text:?}: a tag needs visible characters and no control characters"
            ),
            AttributeKey { context } => write!(
                f,
                "{context}: an attribute key is letters, digits, _ and - (letters with accents are written without them: città is citta)"
            ),
            OwnKey { context, key } => write!(
                f,
                "{context}: {key} has its own option or cannot be set this way"
            ),
            AttributePair { pair } => write!(
                f,
                "--set {pair:?}: expected KEY=VALUE, e.g. territory=Brescia"
            ),
            AttributeIsId { pair } => write!(
                f,
                "--set {pair:?}: a customer's id is the name of its file, not an attribute; give it with --id"
            ),
            AttributeValue { context } => write!(
                f,
                "{context}: an attribute value is one line of text without control characters (newlines, tabs, escapes); write it on one line"
            ),
            PersonId { id } => write!(
                f,
                "invalid person id {id:?}: use 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit"
            ),
            PersonName => write!(
                f,
                "a person's name must have visible characters and no control characters (newlines, tabs)"
            ),
            Role { text } => write!(f, "invalid role {text:?}: one line, no control characters"),
            Email { text } => write!(
                f,
                "invalid e-mail address {text:?}: expected name@domain.tld, e.g. paola@acme.it"
            ),
            Phone { text } => write!(
                f,
                "invalid phone number {text:?}: digits, spaces and + ( ) - . / only, e.g. \"+39 030 1234567\""
            ),
        }
    }
}

/// Where the rule's English is all a caller needs (a row problem, a `check` finding).
impl From<RuleBroken> for String {
    fn from(rule: RuleBroken) -> String {
        rule.to_string()
    }
}

/// A command refusing a value: worded in the journal's language by `lib::main`.
impl From<RuleBroken> for Error {
    fn from(rule: RuleBroken) -> Error {
        Error::Refused(Refusal::Rule(rule))
    }
}

/// Where a refused id's user gives another: `add --id`, or `rename`'s new id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFix {
    WithId,
    NewId,
}

/// What a path that should be a file or a folder is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    Socket,
    Device,
    Symlink,
    Folder,
    File,
    /// Anything else the system has.
    Other,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(file_kind(*self))
    }
}

/// Why an existing `coltiva.toml` is no journal's settings (`init`).
#[derive(Debug)]
pub enum NotSettings {
    /// It cannot be read (the system's words).
    Unreadable(String),
    /// Nothing but NUL bytes: it was being created when the machine stopped.
    OnlyNul,
    /// This many NUL bytes among its text.
    Nul(usize),
    /// It does not parse as settings, or holds a value refused.
    Invalid(Box<Error>),
}

/// What coltiva was doing to a file when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doing {
    Open,
    Read,
    Create,
    CreateFolder,
    Lock,
    /// Read a folder's entries.
    List,
    Delete,
    Remove,
}

impl fmt::Display for Doing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Doing::Open => "open",
            Doing::Read => "read",
            Doing::Create => "create",
            Doing::CreateFolder => "create the folder",
            Doing::Lock => "lock",
            Doing::List => "list",
            Doing::Delete => "delete",
            Doing::Remove => "remove",
        })
    }
}

/// What coltiva asked git to do, for a message when git could not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitStep {
    CreateRepository,
    ReadIgnoreRules,
    Stage,
    Commit,
    ReadStatus,
    RegisterDriver,
    SetPullRebase,
}

/// What to do about a failed write: free space (the disk or quota is full), or check the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    FreeSpace,
    CheckDisk,
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(what_to_do(*self))
    }
}

/// "unknown customer 'acm'; did you mean: acme, acme-bis?"
#[derive(Debug)]
pub struct ReferenceError {
    pub what: &'static str,
    pub query: String,
    pub ambiguous: bool,
    pub candidates: Vec<String>,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ambiguous {
            write!(
                f,
                "{} {:?} is ambiguous; it matches: ",
                self.what, self.query
            )?;
        } else {
            write!(f, "unknown {} {:?}", self.what, self.query)?;
            if self.candidates.is_empty() {
                return Ok(());
            }
            write!(f, "; did you mean: ")?;
        }
        write!(f, "{}", self.candidates.join(", "))
    }
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Reference(_) => 2,
            Error::Refused(r) => r.exit_code(),
            _ => 1,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// A TOML parse error in `path` whose text is `text`, located as file:line:column.
    pub fn parse(path: &Path, text: &str, err: &toml::de::Error) -> Error {
        let (line, column) = match err.span() {
            Some(span) => line_column(text, span.start),
            None => (1, 1),
        };
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: err.message().trim().to_string(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Shorthand for attaching an I/O context: `fs::read(p).ctx(|| format!("reading {p}"))`.
pub trait IoContext<T> {
    fn ctx<C: Into<String>>(self, context: impl FnOnce() -> C) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn ctx<C: Into<String>>(self, context: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error::io(context(), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "a = 1\nb = é2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 12), (2, 6));
    }
}
