//! What `check` finds, as facts: each problem and note is one variant with its values (the
//! field, the word, the words expected…), worded once per language by the catalogue
//! ([`super::Catalogue::finding`], `check_note`: the match over the kinds, once; each language
//! gives one sentence a kind); `check` builds them. Their `Display` is the English catalogue's
//! words. The parser's own words (a TOML syntax error, a value serde refused) are kept inside a
//! worded sentence.

use std::cmp::Ordering;
use std::fmt;
use std::path::PathBuf;

use crate::model::{AmountError, PersonEvent, RecordProblem, ResolutionStatus};

/// A record table as people see it at the head of each record in a file, `[[promise]]`: how
/// every language's findings name a kind (words for a person, not TOML).
pub fn table(key: &str) -> String {
    ["[[", key, "]]"].concat()
}

/// Every record table, `[[interaction]], [[order]], …`, in file order.
pub fn tables() -> String {
    crate::model::RECORD_TABLES
        .iter()
        .map(|key| table(key))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One problem `check` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// A TOML syntax error, in the parser's words.
    Syntax(String),
    /// A key given twice, in the parser's words.
    DuplicateKey(String),
    /// No `schema = N` line.
    MissingSchema,
    /// A schema newer than this binary's.
    SchemaNewer(i64),
    /// A schema that is not a whole number from 1 on.
    SchemaBad,
    /// No `name`.
    MissingName,
    /// A `name` that is not a non-empty text.
    EmptyName,
    /// A header `kind` that is no kind.
    BadKind,
    /// A header `since` that is no date.
    BadSince,
    /// Header `tags` that are not a list of texts.
    BadTags,
    /// A header `cadence` that is no number of days or weeks.
    BadCadence,
    /// A git conflict marker line (`shown`: its first 60 characters) and how the merge left it.
    Marker { shown: String, merged: Merged },
    /// A header key changed on both sides of a merge: each side's `key = value` line (None:
    /// the side removed it).
    HeaderConflict {
        key: String,
        ours: Option<String>,
        theirs: Option<String>,
    },
    /// A person added again while still there (`line`: where it was added).
    PersonAgain { id: String, line: usize },
    /// A person changed or gone before any record adds them.
    PersonNotAdded { event: PersonEvent, id: String },
    /// A `with` that names no person of the file.
    WithNobody { id: String },
    /// A `[[key]]` table that is no record kind, with the closest kind.
    UnknownKind {
        key: String,
        hint: Option<&'static str>,
    },
    /// A field a record kind does not have.
    UnknownField {
        field: String,
        key: String,
        fields: &'static [&'static str],
    },
    /// A record that does not load, and why.
    NotLoaded { key: String, why: Unloadable },
    /// A problem of one record alone (its kind's rules).
    Record(RecordProblem),
    /// A promise id used twice in one file.
    DuplicatePromise { id: String, line: usize },
    /// A resolution of a promise the file does not have.
    NoSuchPromise { id: String },
    /// A promise resolved again after a final resolution.
    ResolvedTwice {
        id: String,
        first: ResolutionStatus,
        line: usize,
    },
    /// A promise id also used by other customers' files.
    SharedPromise { id: String, others: Vec<String> },
    /// A file that ends in NUL bytes (`id`: its customer id).
    NulTail { nuls: usize, id: String },
    /// A problem of the file's last record, which is incomplete.
    CutShort { finding: Box<Finding>, id: String },
    /// A `.toml` file under customers/ whose name is no customer id.
    BadFileName,
    /// The git history is damaged (git's words inside).
    GitDamage(crate::git::HeadDamage),
    /// Any other problem, in English (the words of git's merge, a layout or read error).
    Said(String),
}

/// How the merge that left conflict markers in a file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merged {
    /// coltiva's driver could not merge record by record and fell back to git's line merge.
    Fallback,
    /// git merged the file line by line (the driver did not run).
    LineByLine,
    /// The driver stopped on header keys.
    Stopped,
}

/// Why a record does not load: the parser's message, recognised where it is one of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unloadable {
    /// A word outside its closed set (`what`: `channel`, `party`, `person event`…).
    UnknownWord {
        what: String,
        value: String,
        choices: String,
    },
    /// A field the kind needs.
    MissingField(String),
    /// A date given as a text (`value`: as the parser quotes it).
    TextForDate(String),
    /// An amount that is no amount.
    Amount(AmountError),
    /// Anything else, in the parser's words.
    Parser(String),
}

impl Unloadable {
    /// What the parser's `message` says, recognised: the messages of the model's words, a
    /// missing field and a date written as text.
    pub fn of(message: String) -> Unloadable {
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|m| m.strip_suffix('`'))
        {
            return Unloadable::MissingField(field.to_string());
        }
        if let Some(value) = message
            .strip_prefix("invalid type: string ")
            .and_then(|m| m.strip_suffix(", expected a TOML datetime"))
        {
            return Unloadable::TextForDate(value.to_string());
        }
        let word = message.strip_prefix("unknown ").and_then(|rest| {
            let (what, rest) = rest.split_once(" \"")?;
            let (value, choices) = rest.rsplit_once("\" (expected ")?;
            let choices = choices.strip_suffix(')')?;
            let plain = |s: &str| !s.contains(['"', '\\', '(', ')']);
            (plain(what) && plain(value) && plain(choices)).then(|| Unloadable::UnknownWord {
                what: what.to_string(),
                value: value.to_string(),
                choices: choices.to_string(),
            })
        });
        word.unwrap_or(Unloadable::Parser(message))
    }
}

impl fmt::Display for Unloadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unloadable::UnknownWord {
                what,
                value,
                choices,
            } => write!(f, "unknown {what} \"{value}\" (expected {choices})"),
            Unloadable::MissingField(field) => write!(f, "missing field `{field}`"),
            Unloadable::TextForDate(value) => {
                write!(f, "invalid type: string {value}, expected a TOML datetime")
            }
            Unloadable::Amount(e) => write!(f, "{e}"),
            Unloadable::Parser(message) => f.write_str(message),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::Catalogue::finding(&super::en::English, self))
    }
}

impl From<String> for Finding {
    fn from(said: String) -> Finding {
        Finding::Said(said)
    }
}

/// Problems are listed in the order of their English text at one place, as they always were.
impl Ord for Finding {
    fn cmp(&self, other: &Self) -> Ordering {
        self.to_string().cmp(&other.to_string())
    }
}

impl PartialOrd for Finding {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A file under customers/ that is no problem but worth a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A `.toml.rej` file of `coltiva repair`.
    Rejected(PathBuf),
    /// A temporary file a running coltiva is writing.
    Writing { path: PathBuf, pid: u32 },
    /// A temporary file of an interrupted write.
    Leftover(PathBuf),
    /// Any other file.
    NotCustomer(PathBuf),
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::Catalogue::check_note(&super::en::English, self))
    }
}
