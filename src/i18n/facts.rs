//! Facts that the commands' messages carry — what happened, with its figures — for each
//! catalogue to word (issue 26): the layers below the commands return these, never sentences,
//! so a message is written once per language in `i18n/<code>.rs`.

use chrono::NaiveDate;

use crate::model::{Amount, AmountError};

/// What is wrong with an import file's columns or a `--map` (the file is refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapProblem {
    /// `--map COLUMN=…` twice for a coltiva column.
    ColumnMappedTwice { column: String },
    /// `--map NAME=…` twice for a sheet column (`last_order`, `revenue.2025`, `attr.KEY`).
    ExtraMappedTwice { name: String },
    /// `--map NAME=THEIRS` where the file has no column THEIRS (`columns`: the file's, joined).
    NoSuchColumn {
        name: String,
        theirs: String,
        columns: String,
    },
    /// `--id-from` names a column the file does not have.
    IdFromNoColumn { name: String, columns: String },
    /// The header has two columns that are both `column`.
    TwoColumns {
        column: String,
        first: String,
        second: String,
    },
}

/// What `coltiva merge-driver` says of a customer file (`label`: its path in the repository).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeSaid<'a> {
    /// Both sides' records are in the file.
    Merged { label: &'a str },
    /// A conflict the merge left for a person.
    NeedsPerson { label: &'a str },
    /// Not mergeable record by record: git's line merge left both sides between markers.
    ByHand { label: &'a str },
}

/// What a closed word of the command line names (`--kind`, `--channel`, `--by`, `--phase`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Kind,
    Channel,
    Party,
    Phase,
}

/// Which version of a customer file a merge note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeSide {
    Common,
    Ours,
    Theirs,
}

/// What the merge driver says about one customer file (`merge::merge_with_notes`): why the
/// merge stops for a person, or what it did that a person should know. The English is its
/// Display; `label` is the file's path as git names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeNote {
    /// A side is not UTF-8: its records cannot be told apart.
    NotUtf8 { label: String, side: MergeSide },
    /// A side does not parse as a customer file (`error`: the parser's words).
    DoesNotParse {
        label: String,
        side: MergeSide,
        error: String,
    },
    /// A side is another customer (another uid) than the common version.
    AnotherCustomer {
        label: String,
        side: MergeSide,
        uids: String,
        base_uids: String,
    },
    /// The headers cannot be merged (`error`: why, the parser's words).
    HeaderUnmergeable { label: String, error: String },
    /// Both sides changed the same header key; `None`: that side removed it.
    HeaderConflict {
        label: String,
        key: String,
        ours: Option<String>,
        theirs: Option<String>,
    },
    /// Records one side removed and the other did not change, each in a few words.
    Removed { label: String, records: Vec<String> },
    /// Both sides resolved the same promise the same way.
    ResolvedAlike {
        label: String,
        promise: String,
        status: String,
    },
    /// The merged file would not pass `check`.
    WouldNotPass {
        label: String,
        problem: Box<super::findings::Finding>,
    },
    /// A problem already on a side, which does not stop the merge.
    AlreadyOnASide {
        label: String,
        problem: Box<super::findings::Finding>,
    },
}

impl std::fmt::Display for MergeNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::Catalogue::merge_note(&super::en::English, self))
    }
}

/// A command's small refusals: what was typed cannot be read or does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandRefusal {
    EmptyCustomerReference,
    EmptyPersonReference,
    /// `--with` or `person set/left` for a customer without people.
    NoPeople {
        name: String,
        id: String,
    },
    /// `/ID`: nothing before the slash.
    PromiseRefNoCustomer {
        text: String,
    },
    /// Not a promise id (`len` characters of `alphabet` at most).
    BadPromiseId {
        text: String,
        len: usize,
        alphabet: &'static str,
    },
    /// `log` with an empty summary.
    EmptySummary,
    /// `promise` with an empty text.
    EmptyPromise,
    /// `promise --due` before the day the promise is made.
    DueBeforeMade {
        due: NaiveDate,
        made: NaiveDate,
    },
    /// `--until` before `--since`.
    UntilBeforeSince {
        until: NaiveDate,
        since: NaiveDate,
    },
    /// `set CUSTOMER id=NEW`.
    IdIsNotAnAttribute {
        new: String,
        customer: String,
    },
    /// A `report --since/--until` that is neither a date nor a period word (`problem`: the
    /// date's refusal, already worded).
    NotAPeriod {
        problem: String,
    },
    /// `$EDITOR` (or `$VISUAL`: `variable`) cannot be split into words.
    EditorUnreadable {
        variable: String,
        value: String,
        detail: String,
    },
    EditorEmpty {
        variable: String,
    },
    /// The editor could not be started (`error`: the system's words).
    EditorNotStarted {
        program: String,
        error: String,
    },
    /// The editor exited with a failure (`status`, as the system says it).
    EditorFailed {
        program: String,
        status: String,
    },
    /// A write refused while a rebase is stopped half-way in the journal at `root`.
    RebaseStopped {
        root: String,
    },
    /// `show`'s warning: another file could not be read, so the outlook figures are left out.
    OutlookLeftOut {
        detail: String,
    },
}

/// What is wrong with a customer file a reading command left out, for its problem and fix
/// (`unreadable::describe`; `id`: the customer's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileDamage {
    /// The file ends in `nuls` NUL bytes and no record.
    Nuls { nuls: usize, id: String },
    /// The last record is incomplete (`detail`: the parser's words).
    IncompleteTail { detail: String, id: String },
    /// git conflict markers from `line`.
    ConflictMarkers { line: usize, id: String },
    /// The file does not parse (`detail`: the parser's words).
    Parse { detail: String, id: String },
    /// Not broken: a folder in its place, a file another program holds, a disk error
    /// (`detail`: the error, which says what would help).
    Other { detail: String },
}

/// Why `person add`, `person set`, `person left` or a record's `--with` refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonRefusal<'a> {
    /// `person add --id ID`: a current person of the customer has that id.
    AlreadyThere {
        person: &'a str,
        pid: &'a str,
        customer: &'a str,
        id: &'a str,
    },
    /// `person add --id ID`: only records dated after today hold the id.
    IdTaken { pid: &'a str, id: &'a str },
    /// `person add` without `--id`: a current person has the same name.
    SameName {
        person: &'a str,
        pid: &'a str,
        customer: &'a str,
    },
    /// `person set` without anything to change.
    NothingToChange,
    AlreadyLeft {
        person: &'a str,
        pid: &'a str,
        customer: &'a str,
        day: NaiveDate,
    },
    /// `person left --at` before the day the person was added.
    LeftBeforeAdded {
        at: NaiveDate,
        person: &'a str,
        pid: &'a str,
        since: NaiveDate,
    },
    /// `--with` a person who left on `day`, for a record on or after it (`id`: the customer's).
    WithLeft {
        typed: &'a str,
        person: &'a str,
        pid: &'a str,
        customer: &'a str,
        day: NaiveDate,
        id: &'a str,
    },
}

/// What is wrong with one row of an import file (at its line, in one of its columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A shared rule's own words: the model's rules (a name, a tag, a date typed in a cell,
    /// an id) word their refusals in English, for the command line and import alike.
    Said(String),
    /// A model rule the cell's value breaks (a name, a tag, an attribute, an e-mail…).
    Rule(crate::error::RuleBroken),
    /// The cell of a required column is empty.
    EmptyCell,
    /// The file has no column a row of this type needs.
    NoSuchColumn,
    /// No `type` cell and no `--type` (`choices`: `interaction | order | … | customer`).
    TypeMissing {
        choices: String,
    },
    /// A record dated after the as-of day.
    AfterToday {
        day: NaiveDate,
        today: NaiveDate,
    },
    /// An amount the journal's (or `--decimal`'s) mark cannot read; `given`: the mark came
    /// from `--decimal` (else the message suggests it).
    Amount {
        error: Box<AmountError>,
        given: bool,
    },
    PromiseNeedsDue,
    /// A promise due before the day it was made.
    DueBeforeMade {
        due: NaiveDate,
        made: NaiveDate,
    },
    ResolutionNeedsStatus {
        choices: String,
    },
    RenegotiationNeedsDue,
    DueBeforeRenegotiation {
        due: NaiveDate,
        at: NaiveDate,
    },
    OnlyRenegotiatedHasDue,
    PhaseNeedsSet,
    PersonNeedsIdOrName,
    AddedPersonNeedsName,
    LastOrderAmountMissing,
    LastOrderDayMissing,
    /// Only one of `--map last_order=` and `--map last_order_amount=` was given.
    LastOrderNeedsBoth,
    RevenueAfterToday {
        year: i32,
        today: NaiveDate,
    },
    /// A year's revenue below the last order of that year.
    RevenueBelowLastOrder {
        year: i32,
        total: Amount,
        last: Amount,
    },
    /// A `--map attribute.KEY=` column and the `attributes` column both give `key`.
    AttributeTwice {
        key: String,
    },
    /// The `attributes` cell is not TOML (`detail`: the TOML parser's words).
    AttributesNotToml {
        detail: String,
    },
    /// The id a customer cell makes is refused by the id rule.
    BadId {
        bad: crate::error::BadId,
    },
    /// A customer cell without a letter or digit to make an id of.
    NoLettersOrDigits {
        value: String,
    },
    /// A customer cell that could be any of several customers (`candidates`: each with what
    /// tells it apart).
    AnyOf {
        value: String,
        candidates: Vec<String>,
    },
    /// `--id-from` makes a new id, but customers of the cell's whole name are there
    /// (`named`: each with what tells it apart; `first`: the first one's id).
    NameTaken {
        id: String,
        value: String,
        named: Vec<String>,
        first: String,
    },
    /// A customer described otherwise on an earlier `line`.
    DescribedTwice {
        id: String,
        line: u64,
    },
    /// A `source` cell already on `line` for the customer.
    SourceTwice {
        source: String,
        id: String,
        line: u64,
    },
    /// The customer has another promise with this id.
    PromiseIdTaken {
        id: String,
        promise: String,
    },
    /// A promise id also on `line`, for customer `other`.
    PromiseIdTwice {
        promise: String,
        line: u64,
        other: String,
    },
    /// A resolution of a promise the customer does not have.
    NoSuchPromise {
        id: String,
        promise: String,
    },
    /// A resolution dated before its promise was made.
    ResolvedBeforeMade {
        at: NaiveDate,
        promise: String,
        made: NaiveDate,
    },
    /// An added person the customer already has.
    PersonThere {
        id: String,
        person: String,
    },
    /// A `with` or a person row naming a person the customer does not have.
    NoSuchPerson {
        id: String,
        person: String,
    },
    /// A date cell that is no date (`text`: as written, trimmed).
    BadDate {
        text: String,
        problem: crate::dates::CellDate,
    },
    /// A row with another number of fields than the header.
    UnequalFields {
        expected: u64,
        found: u64,
    },
    /// A field (1-based) that is not UTF-8.
    NotUtf8 {
        field: usize,
    },
    /// An `--id-from` cell is empty.
    IdFromEmpty,
    /// An `--id-from` cell without a letter or digit.
    IdFromNoLetters {
        cell: String,
    },
    /// Different texts (each with its line) would make one new customer `id`.
    TextsMakeOneId {
        texts: Vec<(u64, String)>,
        id: String,
    },
    /// The customer rows on `lines` would be one customer (`new`: one to create) but differ
    /// (`differences`: `"Città" ("Brescia", "Verona")`, as the file has them); `id_from`: the
    /// `--id-from` that would tell them apart, when a column does.
    RowsDiffer {
        lines: Vec<u64>,
        new: bool,
        id: String,
        named: String,
        differences: Vec<String>,
        id_from: Option<String>,
    },
}

/// What `import` says on stderr while it works, besides its receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportNote<'a> {
    /// The file's columns coltiva does not read.
    Ignoring(&'a [String]),
    /// `--map` columns read on customer rows only (`maps`, as typed), in a file without any.
    ExtrasUnused { maps: &'a [String], label: &'a str },
    /// The file has a header and no rows.
    NoRows { label: &'a str },
    /// Every row is in the journal already.
    AllThere { rows: usize, label: &'a str },
    /// `--dry-run`'s summary.
    DryRun {
        records: usize,
        customers: usize,
        new: usize,
        label: &'a str,
        already: usize,
    },
}

/// Why `import` refuses a file as a whole (nothing was imported, unless said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal<'a> {
    /// The first line of the list of bad rows.
    BadRows {
        label: &'a str,
        rows: usize,
    },
    /// After the bad rows shown: how many more there are.
    More(usize),
    /// No customer column (`columns`: the file's, joined; `delimiter`: where they were split).
    NoCustomerColumn {
        label: &'a str,
        columns: String,
        delimiter: String,
    },
    NoTypeColumn {
        label: &'a str,
        choices: String,
    },
    /// A CSV-only flag given with a vCard file.
    CsvFlagOnVcard {
        flag: &'a str,
        label: &'a str,
    },
    /// `--map revenue.YEAR=` of a year after the as-of day.
    RevenueAfterToday {
        year: i32,
        theirs: &'a str,
        today: NaiveDate,
    },
    /// A problem of the file's header (`problem`, in English: the two columns it names twice).
    Header {
        label: &'a str,
        problem: &'a str,
    },
    /// A customer file the rows go to could not be read (`problem`: why, and its fix).
    CustomerUnreadable {
        label: &'a str,
        problem: &'a str,
    },
    /// Writing stopped on `problem` after `written` customer files.
    Interrupted {
        problem: &'a str,
        written: usize,
    },
}

impl From<String> for RowProblem {
    fn from(text: String) -> RowProblem {
        RowProblem::Said(text)
    }
}

impl From<crate::error::RuleBroken> for RowProblem {
    fn from(rule: crate::error::RuleBroken) -> RowProblem {
        RowProblem::Rule(rule)
    }
}

#[cfg(test)]
impl RowProblem {
    /// The problem in English, for the unit tests.
    pub fn english(&self) -> String {
        let money = crate::model::MoneyStyle {
            decimal: crate::model::DecimalMark::Dot,
            currency: None,
        };
        super::catalogue(crate::model::Language::En).row_problem(self, &money)
    }
}
