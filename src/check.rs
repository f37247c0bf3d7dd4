//! `coltiva check`: every problem of a customer file, with its line and column.
//!
//! A pure function of a file's path and bytes, so it can be tested without a journal. Where
//! loading a file stops at its first error, checking goes on and reports all of them: syntax,
//! git conflict markers, duplicated keys, header values, unknown record kinds and fields,
//! values of the wrong type, promise ids, resolutions and the schema version.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use toml_edit::{Item, Table};

mod journal;

pub use crate::i18n::findings::{Finding, Merged, Note, Unloadable};
pub use journal::check_journal;

use crate::error::line_column;
use crate::model::{
    Cadence, Kind, PersonEvent, RECORD_TABLES, Record, ResolutionStatus, SCHEMA, Table as Kinds,
};

/// One problem, located in a file (line 0: the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub finding: Finding,
}

impl Problem {
    /// What is wrong, in English.
    pub fn message(&self) -> String {
        self.finding.to_string()
    }
}

impl Problem {
    /// The problem as `check` prints it, in the words of `words`: `path:line:column: finding`
    /// (`path: finding` for the whole file). English is its Display.
    pub fn said(&self, words: &dyn crate::i18n::Catalogue) -> String {
        let path = self.path.display();
        let finding = words.finding(&self.finding);
        match self.line {
            0 => format!("{path}: {finding}"),
            line => format!("{path}:{line}:{}: {finding}", self.column),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.path.display(), self.finding);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.finding
        )
    }
}

/// A promise id found in a file, for the journal-wide duplicate check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseSite {
    pub id: String,
    pub line: usize,
    pub column: usize,
}

/// What checking one customer file found.
#[derive(Debug, Default)]
pub struct FileReport {
    pub problems: Vec<Problem>,
    pub promises: Vec<PromiseSite>,
    pub records: usize,
}

/// The kind of a git conflict marker line: `<<<<<<<`, `|||||||` and `>>>>>>>` followed by
/// nothing or by a space and any label (`<<<<<<< customers/acme.toml (ours)`,
/// `>>>>>>> f3597bc (log acme: call)`), or `=======` alone.
fn marker(line: &str) -> Option<char> {
    let bare = line.trim_end_matches(['\r', '\n']);
    for m in ['<', '|', '>'] {
        let seven: String = std::iter::repeat_n(m, 7).collect();
        if let Some(rest) = bare.strip_prefix(seven.as_str())
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            return Some(m);
        }
    }
    (bare.trim_end() == "=======").then_some('=')
}

/// True when `text` holds conflict markers of git's own line merge rather than the driver's
/// (which only puts `<<<<<<< ours` … `>>>>>>> theirs` around header keys, above every record):
/// a marker with another label, or one below a `[[record]]` line. A file that parses has none.
pub fn line_merge_markers(text: &str) -> bool {
    if toml_edit::Document::parse(text).is_ok() {
        return false;
    }
    if driver_fallback_markers(text) {
        return false;
    }
    let mut records = false;
    for line in text.lines() {
        if line.trim_start().starts_with("[[") {
            records = true;
        }
        let Some(m) = marker(line) else { continue };
        let label = line[7.min(line.len())..].trim();
        let drivers = match m {
            '<' => label == "ours",
            '>' => label == "theirs",
            '=' => true,
            _ => false,
        };
        if records || !drivers {
            return true;
        }
    }
    false
}

/// True when the markers are those the driver leaves when it cannot merge record by record (a
/// side does not parse): git's line merge run by the driver, labelled `PATH (ours)`. Merging
/// again would give the same: the sides' records have to be put back whole by hand.
fn driver_fallback_markers(text: &str) -> bool {
    text.lines()
        .any(|l| marker(l) == Some('<') && l.trim_end().ends_with(" (ours)"))
}

/// Reports the conflict markers of a file that does not parse; true when there were any. A
/// conflict over header values (`key = value` lines on both sides) is named key by key with
/// both sides' values.
fn check_conflict_markers(c: &mut Checker<'_>) -> bool {
    let text = c.text;
    let mut found = false;
    let mut offset = 0;
    // The block being read: where it starts, and the lines of our side and of theirs.
    let mut block: Option<(usize, String, String, u8)> = None;
    // Once a `[[record]]` line has passed, a conflict is about records, not header keys: git
    // merged the file line by line, and "keep one line" would cut a record.
    let mut records = false;
    let line_merge = line_merge_markers(text);
    let fallback = driver_fallback_markers(text);
    for line in text.split_inclusive('\n') {
        if block.is_none() && line.trim_start().starts_with("[[") {
            records = true;
        }
        match marker(line) {
            Some(m) => {
                found = true;
                let shown: String = line.trim_end().chars().take(60).collect();
                let merged = if fallback {
                    Merged::Fallback
                } else if line_merge {
                    Merged::LineByLine
                } else {
                    Merged::Stopped
                };
                c.at(offset, Finding::Marker { shown, merged });
                match (m, block.as_mut()) {
                    ('<', _) => block = Some((offset, String::new(), String::new(), 0)),
                    ('|', Some(b)) => b.3 = 1,
                    ('=', Some(b)) => b.3 = 2,
                    ('>', Some(_)) => {
                        if let Some((at, ours, theirs, _)) = block.take()
                            && !records
                        {
                            header_conflict(c, at, &ours, &theirs);
                        }
                    }
                    _ => {}
                }
            }
            None => {
                if let Some((_, ours, theirs, side)) = block.as_mut() {
                    match side {
                        0 => ours.push_str(line),
                        2 => theirs.push_str(line),
                        _ => {}
                    }
                }
            }
        }
        offset += line.len();
    }
    found
}

/// Names the header keys of a conflict block whose two sides are `key = value` lines.
fn header_conflict(c: &mut Checker<'_>, at: usize, ours: &str, theirs: &str) {
    let (Ok(o), Ok(t)) = (
        toml::from_str::<toml::Table>(ours),
        toml::from_str::<toml::Table>(theirs),
    ) else {
        return;
    };
    let header_values = |table: &toml::Table| {
        table.values().all(|v| match v {
            toml::Value::Table(_) => false,
            toml::Value::Array(items) => items.iter().all(|x| !x.is_table()),
            _ => true,
        })
    };
    if !header_values(&o) || !header_values(&t) || (o.is_empty() && t.is_empty()) {
        return;
    }
    let mut keys: Vec<&String> = o.keys().chain(t.keys()).collect();
    keys.sort();
    keys.dedup();
    // The line as the file writes it (`key = value`), shown to people as it is.
    let show =
        |table: &toml::Table, key: &str| table.get(key).map(|value| format!("{key} = {value}"));
    for key in keys {
        c.at(
            at,
            Finding::HeaderConflict {
                key: key.to_string(),
                ours: show(&o, key),
                theirs: show(&t, key),
            },
        );
    }
}

/// True when `line` is a git conflict marker, whatever its label: the one rule for `check`
/// and for the commands that name an unreadable file ([`marker`]).
pub fn is_conflict_marker(line: &str) -> bool {
    marker(line).is_some()
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    report: FileReport,
    /// Where the part being checked starts in `text` (0: the whole file; see
    /// [`check_in_parts`]): offsets given to [`Checker::at`] are relative to it.
    base: usize,
    /// The last place located: an offset in `text` and its line, so that the places of a
    /// file's records, found in file order, are counted from there and not from the start.
    located: (usize, usize),
}

impl Checker<'_> {
    /// The line and column of an offset in the whole file ([`line_column`], from the last
    /// place located when it is before).
    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let (from, line) = self.located;
        let offset = offset.min(self.text.len());
        if offset < from || !self.text.is_char_boundary(offset) {
            return line_column(self.text, offset);
        }
        let line = line + memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..offset]).count();
        self.located = (offset, line);
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    fn at(&mut self, offset: usize, finding: impl Into<Finding>) {
        let (line, column) = self.locate(self.base + offset);
        self.report.problems.push(Problem {
            path: self.path.to_path_buf(),
            line,
            column,
            finding: finding.into(),
        });
    }
}

/// Checks the bytes of one customer file.
pub fn check_file(path: &Path, bytes: &[u8]) -> FileReport {
    check_bytes(path, bytes, bytes.len() >= crate::storage::PARTS_FROM)
}

/// [`check_file`], record by record when `in_parts` and the file allows it.
fn check_bytes(path: &Path, bytes: &[u8], in_parts: bool) -> FileReport {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_column(&prefix, valid);
            return FileReport {
                problems: vec![Problem {
                    path: path.to_path_buf(),
                    line,
                    column,
                    finding: Finding::NotUtf8,
                }],
                ..FileReport::default()
            };
        }
    };
    let mut c = Checker {
        path,
        text,
        report: FileReport::default(),
        base: 0,
        located: (0, 1),
    };
    if in_parts && check_in_parts(&mut c) {
        c.report.problems.sort();
        return c.report;
    }
    let doc = match toml_edit::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            // Marker lines are never valid TOML, so a file that parses has none (a line that
            // looks like one sits inside a multi-line text).
            if !check_conflict_markers(&mut c) {
                let at = e.span().map_or(0, |s| s.start);
                let message = e.message().trim().to_string();
                let message = if message.contains("duplicate key") {
                    Finding::DuplicateKey(message)
                } else {
                    Finding::Syntax(message)
                };
                c.at(at, message);
            }
            name_broken_tail(&mut c, bytes);
            c.report.problems.sort();
            return c.report;
        }
    };
    check_header(&mut c, doc.as_table());
    // When the whole file loads, every record has the right types: the walk below then needs
    // no typed parse of each record, only the values the file already gave.
    let whole = toml::from_str::<crate::model::CustomerFile>(text);
    check_records(&mut c, doc.as_table(), whole.as_ref().ok());
    let loads = whole.is_ok();
    // Whatever the checks above missed, loading would still refuse: say so.
    if c.report.problems.is_empty()
        && let Err(e) = whole
    {
        c.at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        );
    }
    if !loads {
        name_broken_tail(&mut c, bytes);
    }
    c.report.problems.sort();
    c.report
}

/// When every problem of a file lies in its tail, and the file up to there parses, says what
/// the tail is and how to move it aside alone (PRODUCT.md §9.1): NUL bytes ending the file (a
/// write whose size reached the disk and whose data did not) are one problem, named as such;
/// the problems of a last record that does not parse (cut short by a crash or a full disk, or
/// mistyped) get the fix. The rule of what `repair` moves is `storage::broken_tail`'s.
fn name_broken_tail(c: &mut Checker<'_>, bytes: &[u8]) {
    if c.report.problems.is_empty() {
        return;
    }
    let Some(tail) = crate::storage::broken_tail(c.path, bytes) else {
        return;
    };
    let (first_line, _) = line_column(c.text, tail.cut);
    if c.report.problems.iter().any(|p| p.line < first_line) {
        return;
    }
    let id = c
        .path
        .file_stem()
        .map_or_else(|| "CUSTOMER".into(), |s| s.to_string_lossy().into_owned());
    if tail.nuls > 0 {
        c.report.problems.clear();
        c.at(
            c.text.len() - tail.nuls,
            Finding::NulTail {
                nuls: tail.nuls,
                id,
            },
        );
        return;
    }
    for problem in &mut c.report.problems {
        let finding = std::mem::replace(&mut problem.finding, Finding::NotUtf8);
        problem.finding = Finding::CutShort {
            finding: Box::new(finding),
            id: id.clone(),
        };
    }
}

/// Checks a large file in coltiva's own form one record at a time, as loading reads it
/// (`storage::codec::parse_in_parts`): the TOML tree of a whole 21 MB file takes over a
/// gigabyte, one record's is tiny. The same checks at the same places; false (and nothing
/// reported) when the file cannot be split so or a part is not valid TOML, which the whole
/// file's check then reports with the exact message a small file gets.
fn check_in_parts(c: &mut Checker<'_>) -> bool {
    let text = c.text;
    let Some((start, parts)) = crate::storage::record_parts(text) else {
        return false;
    };
    let Ok(header) = toml_edit::Document::parse(&text[..start]) else {
        return false;
    };
    check_header(c, header.as_table());
    drop(header);
    // The typed header, when it loads: each part then loads as that header and its record,
    // so the walk needs no typed parse of each table (as for a whole file that loads).
    let loaded_header = toml::from_str::<crate::model::CustomerFile>(&text[..start]).ok();
    let mut seen = Promises::default();
    for (from, to) in parts {
        let part = &text[from..to];
        let Ok(doc) = toml_edit::Document::parse(part) else {
            c.report = FileReport::default();
            c.base = 0;
            return false;
        };
        let loaded = loaded_header.as_ref().and_then(|head| {
            let mut file = head.clone();
            crate::storage::add_part(&mut file, part).then_some(file)
        });
        c.base = from;
        check_tables(c, doc.as_table(), loaded.as_ref(), &mut seen);
    }
    c.base = 0;
    check_across(c, seen);
    // Whatever the checks above missed, loading the header would still refuse: say so.
    if c.report.problems.is_empty()
        && let Err(e) = toml::from_str::<crate::model::CustomerFile>(&text[..start])
    {
        c.at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        );
    }
    true
}

fn span_start(item: &Item) -> usize {
    item.span().map_or(0, |s| s.start)
}

fn check_header(c: &mut Checker<'_>, root: &Table) {
    match root.get("schema") {
        None => c.at(0, Finding::MissingSchema),
        Some(item) => match item.as_integer() {
            Some(n) if n > i64::from(SCHEMA) => c.at(span_start(item), Finding::SchemaNewer(n)),
            Some(n) if n >= 1 => {}
            _ => c.at(span_start(item), Finding::SchemaBad),
        },
    }
    match root.get("name") {
        None => c.at(0, Finding::MissingName),
        Some(item) => match item.as_str() {
            Some(name) if !name.trim().is_empty() => {}
            _ => c.at(span_start(item), Finding::EmptyName),
        },
    }
    if let Some(item) = root.get("kind") {
        match item.as_str().map(str::parse::<Kind>) {
            Some(Ok(_)) => {}
            _ => c.at(span_start(item), Finding::BadKind),
        }
    }
    if let Some(item) = root.get("since") {
        let is_date = item
            .as_datetime()
            .is_some_and(|d| d.date.is_some() && d.time.is_none());
        if !is_date {
            c.at(span_start(item), Finding::BadSince);
        }
    }
    if let Some(item) = root.get("tags") {
        let ok = item
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.as_str().is_some()));
        if !ok {
            c.at(span_start(item), Finding::BadTags);
        }
    }
    if let Some(item) = root.get("cadence") {
        match item.as_str().map(Cadence::parse) {
            Some(Ok(_)) => {}
            _ => c.at(span_start(item), Finding::BadCadence),
        }
    }
}

/// Promise ids of a file and what became of them, gathered table by table (offsets in the
/// whole file).
#[derive(Default)]
struct Promises {
    ids: HashMap<String, usize>,
    resolutions: Vec<(String, usize, Option<ResolutionStatus>)>,
    /// `[[person]]` records (id, event, moment, offset) and the `with` fields (id, offset).
    people: Vec<(String, PersonEvent, crate::model::At, usize)>,
    withs: Vec<(String, usize)>,
}

fn check_records(c: &mut Checker<'_>, root: &Table, whole: Option<&crate::model::CustomerFile>) {
    let mut seen = Promises::default();
    check_tables(c, root, whole, &mut seen);
    check_across(c, seen);
}

/// The rules across a file's records, once its tables are read (whole or in parts):
/// resolutions and people.
fn check_across(c: &mut Checker<'_>, mut seen: Promises) {
    let people = std::mem::take(&mut seen.people);
    let withs = std::mem::take(&mut seen.withs);
    check_resolutions(c, seen);
    check_people(c, people, withs);
}

/// People: an id is added once (again only after it left), changed or left only once added,
/// and every `with` names a person of the file. Offsets are in the whole file.
fn check_people(
    c: &mut Checker<'_>,
    mut people: Vec<(String, PersonEvent, crate::model::At, usize)>,
    withs: Vec<(String, usize)>,
) {
    people.sort_by_key(|(_, _, at, offset)| (at.sort_key(), *offset));
    // id → (offset of the record that added it, whether it has left since)
    let mut known: HashMap<String, (usize, bool)> = HashMap::new();
    for (id, event, _, at) in people {
        match (event, known.get_mut(&id)) {
            (PersonEvent::Added, Some((first, false))) => {
                let (line, _) = c.locate(*first);
                c.at(at, Finding::PersonAgain { id, line });
            }
            (PersonEvent::Added, _) => {
                known.insert(id, (at, false));
            }
            (_, None) => c.at(at, Finding::PersonNotAdded { event, id }),
            (PersonEvent::Left, Some((_, left))) => *left = true,
            (PersonEvent::Changed, Some(_)) => {}
        }
    }
    for (id, at) in withs {
        if !known.contains_key(&id) {
            c.at(at, Finding::WithNobody { id });
        }
    }
}

/// The record tables of `root` (the whole file, or one part of it from `c.base` on).
fn check_tables(
    c: &mut Checker<'_>,
    root: &Table,
    whole: Option<&crate::model::CustomerFile>,
    seen: &mut Promises,
) {
    // The typed records of the whole file, when it loads: the next of each kind.
    let mut next_loaded = vec![0usize; RECORD_TABLES.len()];
    let (promises, resolutions) = (&mut seen.ids, &mut seen.resolutions);
    for (key, item) in root.iter() {
        let Some(array) = item.as_array_of_tables() else {
            continue;
        };
        let Some(kind) = Kinds::parse(key) else {
            let at = array
                .iter()
                .next()
                .and_then(Table::span)
                .map_or(0, |s| s.start);
            let hint = crate::resolve::closest(key, RECORD_TABLES.iter().copied());
            c.at(
                at,
                Finding::UnknownKind {
                    key: key.to_string(),
                    hint,
                },
            );
            continue;
        };
        for table in array.iter() {
            c.report.records += 1;
            let start = table.span().map_or(0, |s| s.start);
            let field_at = |field: &str| {
                table
                    .key(field)
                    .and_then(|k| k.span())
                    .map_or(start, |s| s.start)
            };
            for (field, _) in table.iter() {
                if !kind.fields().contains(&field) {
                    c.at(
                        field_at(field),
                        Finding::UnknownField {
                            field: field.to_string(),
                            key: key.to_string(),
                            fields: kind.fields(),
                        },
                    );
                }
            }
            let value_at = |field: &str| {
                table
                    .get(field)
                    .and_then(Item::span)
                    .map_or(start, |s| s.start)
            };
            let record = match whole {
                Some(file) => {
                    let i = &mut next_loaded[kind as usize];
                    *i += 1;
                    file.records.get(kind as u8, *i - 1).ok_or_else(|| {
                        "internal error: fewer records loaded than found".to_string()
                    })
                }
                None => kind
                    .parse_record(&table_text(table))
                    .map_err(|e| e.message().trim().to_string()),
            };
            let record = match record {
                Ok(record) => record,
                Err(message) => {
                    if kind == Kinds::Resolution
                        && let Some(id) = table.get("promise").and_then(Item::as_str)
                    {
                        resolutions.push((id.to_string(), c.base + start, None));
                    }
                    // An amount the file's reader refused: the typed refusal, worded by the
                    // catalogue like the command line's.
                    let amount = table.get("amount").and_then(Item::as_str).map(|text| {
                        crate::model::Amount::parse_typed(text, crate::model::DecimalMark::Dot)
                    });
                    let why = match amount {
                        Some(Err(e)) if e.to_string() == message => Unloadable::Amount(e),
                        _ => Unloadable::of(message),
                    };
                    c.at(
                        start,
                        Finding::NotLoaded {
                            key: key.to_string(),
                            why,
                        },
                    );
                    continue;
                }
            };
            for (field, problem) in record.problems() {
                c.at(field.map_or(start, value_at), Finding::Record(problem));
            }
            if let Some(with) = record.with() {
                seen.withs
                    .push((with.to_string(), c.base + value_at("with")));
            }
            // The rules across records: promise ids, what each resolution resolves, people.
            match record {
                Record::Promise(p) => {
                    let at = value_at("id");
                    if let Some(&first) = promises.get(&p.id) {
                        let (line, _) = c.locate(first);
                        // `first` is in the whole file, `at` in the part.
                        c.at(
                            at,
                            Finding::DuplicatePromise {
                                id: p.id.clone(),
                                line,
                            },
                        );
                    } else {
                        promises.insert(p.id.clone(), c.base + at);
                    }
                    let (line, column) = c.locate(c.base + at);
                    c.report.promises.push(PromiseSite {
                        id: p.id,
                        line,
                        column,
                    });
                }
                Record::Resolution(r) => {
                    resolutions.push((r.promise, c.base + start, Some(r.status)));
                }
                Record::Person(p) => seen.people.push((p.id, p.event, p.at, c.base + start)),
                _ => {}
            }
        }
    }
}

/// Resolutions: the promise exists in this file, and nothing follows a final resolution.
/// Offsets are in the whole file (`c.base` is 0 here).
fn check_resolutions(c: &mut Checker<'_>, seen: Promises) {
    let Promises {
        ids: promises,
        resolutions,
        ..
    } = seen;
    let mut decided: BTreeMap<String, (usize, ResolutionStatus)> = BTreeMap::new();
    for (id, at, status) in resolutions {
        if !promises.contains_key(&id) {
            c.at(at, Finding::NoSuchPromise { id });
            continue;
        }
        let Some(status) = status else { continue };
        if let Some((first, first_status)) = decided.get(&id) {
            let (line, _) = c.locate(*first);
            c.at(
                at,
                Finding::ResolvedTwice {
                    id,
                    first: *first_status,
                    line,
                },
            );
        } else if status != ResolutionStatus::Renegotiated {
            decided.insert(id, (at, status));
        }
    }
}

/// The text of one record table, to deserialize it on its own.
fn table_text(table: &Table) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    for (k, v) in table.iter() {
        doc.insert(k, v.clone());
    }
    doc.to_string()
}

/// The problems `check` finds in `after`, split into those that none of the `before` versions
/// had (as many times) and those already there: what a change (a merge, a hand edit) created,
/// and what it only carried over. Problems are compared without their line numbers.
pub fn new_problems(path: &Path, before: &[&[u8]], after: &[u8]) -> (Vec<Problem>, Vec<Problem>) {
    let counts: Vec<_> = before.iter().map(|b| problem_counts(path, b)).collect();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let (mut new, mut old) = (Vec::new(), Vec::new());
    for p in check_file(path, after).problems {
        let key = normalized(&p.message());
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        let had = counts
            .iter()
            .map(|c| c.get(&key).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        if *n > had {
            new.push(p);
        } else {
            old.push(p);
        }
    }
    (new, old)
}

/// How many times each problem (as [`normalized`]) `check` finds in `bytes`.
fn problem_counts(path: &Path, bytes: &[u8]) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for p in check_file(path, bytes).problems {
        *counts.entry(normalized(&p.message())).or_default() += 1;
    }
    counts
}

/// A problem's message without what a merge moves: line numbers, and which of two
/// resolutions of one promise comes first.
fn normalized(message: &str) -> String {
    if let Some(i) = message.find(" was already resolved as ") {
        return format!("{} was resolved twice", &message[..i]);
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push('_');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// The problems of `after` that `before` did not have, as messages worded in `language` (a
/// hand edit's, given to `storage`'s `Editor::begin_edit`: what `coltiva edit` refuses an edit
/// for).
pub fn added_problems_in(language: crate::model::Language) -> crate::storage::AddedProblems {
    Box::new(move |path, before, after| {
        let words = crate::i18n::catalogue(language);
        let (new, _) = new_problems(path, &[before], after);
        new.iter().map(|p| p.said(words)).collect()
    })
}

/// Promise ids used by more than one customer: a bare id would be ambiguous.
pub fn duplicate_promises(files: &[(PathBuf, Vec<PromiseSite>)]) -> Vec<Problem> {
    // Hashed (a journal of 100,000 customers has hundreds of thousands of promises), each id
    // with the files using it, each file once, in the order of `files`.
    let mut owners: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (file, (_, sites)) in files.iter().enumerate() {
        for site in sites {
            let list = owners.entry(site.id.as_str()).or_default();
            if list.last() != Some(&file) {
                list.push(file);
            }
        }
    }
    let mut problems = Vec::new();
    for (path, sites) in files {
        for site in sites {
            let list = &owners[site.id.as_str()];
            if list.len() > 1 {
                let others: Vec<String> = list
                    .iter()
                    .filter(|&&other| files[other].0 != *path)
                    .map(|&other| files[other].0.display().to_string())
                    .collect();
                problems.push(Problem {
                    path: path.clone(),
                    line: site.line,
                    column: site.column,
                    finding: Finding::SharedPromise {
                        id: site.id.clone(),
                        others,
                    },
                });
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        check_file(Path::new("x.toml"), text.as_bytes())
            .problems
            .into_iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message()))
            .collect()
    }

    const HEAD: &str = "schema = 1\nname = \"ACME\"\n";

    /// A large file is checked record by record with the very problems, at the very places,
    /// that the whole file's check finds (and nothing from a file that cannot be split).
    #[test]
    fn checking_in_parts_finds_what_checking_whole_finds() {
        let mut text = format!(
            "{HEAD}\n[[promise]]\nid = \"7k3m\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"x\"\ndue = 2026-01-05\n"
        );
        for i in 0..200 {
            text.push_str(&format!(
                "\n[[interaction]]\nat = 2026-01-01\nchannel = \"call\"\nsummary = \"call {i}\"\ndirection = \"out\"\n"
            ));
        }
        let clean = text.clone();
        text.push_str("\n[[promise]]\nid = \"7k3m\"\nat = 2026-01-02\nby = \"us\"\nwhat = \"again\"\ndue = 2026-01-05\n");
        text.push_str("\n[[resolution]]\npromise = \"nope\"\nat = 2026-01-03\nstatus = \"kept\"\n");
        text.push_str(
            "\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-03\nstatus = \"renegotiated\"\n",
        );
        text.push_str("\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-04\nstatus = \"kept\"\n\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-05\nstatus = \"broken\"\n");
        text.push_str("\n[[interaction]]\nat = 2026-01-01\nchannel = \"pigeon\"\nsummary = \"x\"\ndirection = \"out\"\ncolour = \"red\"\n");
        text.push_str("\n[[order]]\nat = 2026-01-01\namount = \"1.234\"\n");
        // People: added twice, left without being added, a `with` naming nobody.
        for (id, day, event) in [
            ("paola", 1, "added"),
            ("paola", 2, "added"),
            ("gino", 2, "left"),
        ] {
            text.push_str(&format!(
                "\n[[person]]\nid = \"{id}\"\nat = 2026-01-0{day}\nname = \"P\"\nevent = \"{event}\"\n"
            ));
        }
        text.push_str("\n[[interaction]]\nat = 2026-01-01\nchannel = \"call\"\nsummary = \"x\"\nwith = \"nobody\"\ndirection = \"out\"\n");
        let path = Path::new("x.toml");
        let whole = check_bytes(path, text.as_bytes(), false);
        let parts = check_bytes(path, text.as_bytes(), true);
        let people = |r: &FileReport| {
            r.problems
                .iter()
                .filter(|p| {
                    let m = p.message();
                    m.contains("paola") || m.contains("gino") || m.contains("nobody")
                })
                .count()
        };
        assert_eq!(people(&whole), 3, "{:#?}", whole.problems);
        assert!(whole.problems.len() >= 10, "{:#?}", whole.problems);
        assert_eq!(parts.problems, whole.problems);
        assert_eq!(parts.promises, whole.promises);
        assert_eq!(parts.records, whole.records);
        // A clean file: clean both ways; what loading refuses in the header is said.
        assert!(
            check_bytes(path, clean.as_bytes(), true)
                .problems
                .is_empty()
        );
        let bad_header = clean.replacen(
            "name = \"ACME\"",
            "name = \"ACME\"\nsince = 2026-01-01T10:00:00",
            1,
        );
        assert_eq!(
            check_bytes(path, bad_header.as_bytes(), true).problems,
            check_bytes(path, bad_header.as_bytes(), false).problems
        );
        // Not TOML in a part: the whole file's message, from the whole file's check.
        let torn = format!("{clean}\n[[order]]\nat = 2026-01-01\namount = \"5");
        assert_eq!(
            check_bytes(path, torn.as_bytes(), true).problems,
            check_bytes(path, torn.as_bytes(), false).problems
        );
        assert!(
            check_file(path, torn.as_bytes()).problems[0]
                .message()
                .contains("`coltiva repair x` moves this record alone")
        );
    }

    #[test]
    fn a_clean_file_has_no_problems() {
        let text = format!(
            "{HEAD}\n[[promise]]\nid = \"7k3m\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"x\"\ndue = 2026-01-05\n\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-04\nstatus = \"renegotiated\"\ndue = 2026-01-09\n\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-08\nstatus = \"kept\"\n"
        );
        assert_eq!(problems(&text), Vec::<String>::new());
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let text = format!(
            "{HEAD}\n[[interaction]]\nat = 2026-01-01\nchannel = \"fax\"\ndirection = \"out\"\nsummary = \"x\"\nsumary = \"y\"\n\n[[resolution]]\npromise = \"zzzz\"\nat = 2026-01-02\nstatus = \"renegotiated\"\n"
        );
        let found = problems(&text);
        assert_eq!(found.len(), 4, "{found:#?}");
        let starts = [
            "4:1: [[interaction]]: unknown channel \"fax\"",
            "9:1: unknown field `sumary`",
            "11:1: a renegotiated resolution needs",
            "11:1: resolution of promise \"zzzz\"",
        ];
        for (problem, start) in found.iter().zip(starts) {
            assert!(problem.starts_with(start), "{found:#?}");
        }
    }

    #[test]
    fn conflict_markers_and_duplicate_keys_are_named() {
        let text = format!(
            "{HEAD}<<<<<<< HEAD\ncadence = \"14d\"\n=======\ncadence = \"7d\"\n>>>>>>> theirs\n"
        );
        let found = problems(&text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("3:1: git conflict marker"));
        assert!(
            found[1].starts_with("3:1: the header key `cadence` was changed on both sides: ours has cadence = \"14d\", theirs has cadence = \"7d\""),
            "{found:#?}"
        );
        let dup = format!("{HEAD}cadence = \"14d\"\ncadence = \"7d\"\n");
        let found = problems(&dup);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("4:1:") && found[0].contains("duplicate key"),
            "{found:?}"
        );
    }

    #[test]
    fn conflict_markers_with_any_label_are_recognised_and_text_inside_strings_is_not() {
        for (open, close) in [
            (
                "<<<<<<< customers/acme.toml (ours)",
                ">>>>>>> f3597bc (log acme: call)",
            ),
            ("<<<<<<< HEAD", ">>>>>>> theirs"),
            ("<<<<<<<", ">>>>>>>"),
        ] {
            let text = format!(
                "{HEAD}\n[[order]]\nat = 2026-01-01\namount = 5\n{open}\n\n[[order]]\nat = 2026-01-02\namount = 6\n|||||||\n=======\n\n[[order]]\nat = 2026-01-03\namount = 7\n{close}\n"
            );
            let found = problems(&text);
            let markers = found
                .iter()
                .filter(|p| p.contains("git conflict marker"))
                .count();
            assert_eq!(markers, 4, "{open}: {found:#?}");
            assert!(found[0].starts_with("7:1:"), "{found:#?}");
        }
        // Marker-like lines inside a multi-line text are the user's words.
        let text = format!(
            "{HEAD}\n[[interaction]]\nat = 2026-01-01\nchannel = \"note\"\ndirection = \"out\"\nsummary = \"\"\"\n<<<<<<< not a merge\n=======\n\"\"\"\n"
        );
        assert_eq!(problems(&text), Vec::<String>::new());
    }

    #[test]
    fn schema_newer_than_the_binary_is_reported() {
        let found = problems("schema = 99\nname = \"x\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("schema 99 is newer"), "{found:?}");
        assert!(problems("name = \"x\"\n")[0].contains("missing `schema"));
    }

    #[test]
    fn duplicate_and_double_resolved_promises() {
        let p = "\n[[promise]]\nid = \"7k3m\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"x\"\ndue = 2026-01-05\n";
        let r = "\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-04\nstatus = \"kept\"\n";
        let found = problems(&format!("{HEAD}{p}{p}"));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("duplicate promise id") && found[0].contains("line 5"),
            "{found:?}"
        );
        let found = problems(&format!("{HEAD}{p}{r}{r}"));
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("already resolved as kept"), "{found:?}");
    }

    #[test]
    fn people_are_added_once_changed_once_known_and_named_by_with() {
        let person = |id: &str, day: u32, rest: &str, event: &str| {
            format!(
                "\n[[person]]\nid = \"{id}\"\nat = 2026-01-{day:02}\n{rest}event = \"{event}\"\n"
            )
        };
        let add = person("paola", 2, "name = \"Paola\"\n", "added");
        let text = [
            HEAD.to_string(),
            add.clone(),
            add.clone(),
            person("ghost", 3, "role = \"x\"\n", "changed"),
            person("paola", 4, "email = [\"paola.acme.it\"]\n", "changed"),
            person("paola", 5, "", "left"),
            add.replace("01-02", "01-09"), // back after leaving: fine
            "\n[[interaction]]\nat = 2026-01-03\nchannel = \"call\"\nsummary = \"x\"\nwith = \"nobody\"\ndirection = \"out\"\n".into(),
            "\n[[interaction]]\nat = 2026-01-03\nchannel = \"call\"\nsummary = \"x\"\nwith = \"paola\"\ndirection = \"out\"\n".into(),
        ]
        .concat();
        let found = problems(&text);
        assert_eq!(found.len(), 4, "{found:?}");
        for said in [
            "invalid e-mail address \"paola.acme.it\"",
            "person \"paola\" is already added on line 4",
            "(changed) of \"ghost\", but no earlier record",
            "with = \"nobody\" names no person",
        ] {
            assert!(found.iter().any(|f| f.contains(said)), "{said}: {found:?}");
        }
    }

    #[test]
    fn unknown_record_kinds_get_a_suggestion() {
        let found = problems(&format!("{HEAD}\n[[interactions]]\nat = 2026-01-01\n"));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("did you mean [[interaction]]"),
            "{found:?}"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let report = check_file(Path::new("x"), b"schema = 1\nname = \"\xff\"\n");
        assert_eq!(report.problems.len(), 1);
        assert_eq!((report.problems[0].line, report.problems[0].column), (2, 9));
    }

    #[test]
    fn promise_ids_shared_by_two_files_are_reported_in_both() {
        let site = |line| PromiseSite {
            id: "7k3m".into(),
            line,
            column: 6,
        };
        let files = vec![
            (PathBuf::from("a.toml"), vec![site(3)]),
            (PathBuf::from("b.toml"), vec![site(9)]),
        ];
        let found = duplicate_promises(&files);
        assert_eq!(found.len(), 2);
        assert!(found[0].message().contains("b.toml"));
    }
}

/// Rules the stories above left unchecked (mutation testing, docs/TESTING.md).
#[cfg(test)]
mod mutant_tests {
    use super::*;

    const HEAD: &str = "schema = 1\nname = \"ACME\"\n";

    fn messages(text: &str) -> Vec<String> {
        check_file(Path::new("x.toml"), text.as_bytes())
            .problems
            .into_iter()
            .map(|p| p.message())
            .collect()
    }

    fn header_messages(text: &str) -> Vec<String> {
        messages(text)
            .into_iter()
            .filter(|m| m.starts_with("the header key"))
            .collect()
    }

    #[test]
    fn a_problem_shows_its_place_unless_it_is_the_whole_file() {
        let at = |line| Problem {
            path: "customers/acme.toml".into(),
            line,
            column: 3,
            finding: Finding::Said("bad".into()),
        };
        assert_eq!(at(0).to_string(), "customers/acme.toml: bad");
        assert_eq!(at(7).to_string(), "customers/acme.toml:7:3: bad");
    }

    #[test]
    fn a_phase_record_may_carry_set_and_reason() {
        let text =
            format!("{HEAD}\n[[phase]]\nat = 2026-01-01\nset = \"lost\"\nreason = \"closed\"\n");
        assert_eq!(messages(&text), Vec::<String>::new());
        let text =
            format!("{HEAD}\n[[phase]]\nat = 2026-01-01\nset = \"lost\"\nwhy = \"closed\"\n");
        assert_eq!(messages(&text).len(), 1, "{:?}", messages(&text));
    }

    #[test]
    fn a_diff3_conflict_names_our_and_their_values_not_the_base() {
        let text = format!(
            "{HEAD}<<<<<<< ours\ncadence = \"14d\"\n||||||| base\ncadence = \"30d\"\n=======\ncadence = \"7d\"\n>>>>>>> theirs\n"
        );
        assert_eq!(
            header_messages(&text),
            [
                "the header key `cadence` was changed on both sides: ours has cadence = \"14d\", theirs has cadence = \"7d\"; keep one line between the markers, delete the other and the marker lines"
            ]
        );
    }

    #[test]
    fn a_key_removed_on_one_side_and_tags_are_header_conflicts() {
        let text = format!(
            "{HEAD}<<<<<<< ours\ntags = [\"a\"]\ncadence = \"14d\"\n=======\ntags = [\"b\"]\n>>>>>>> theirs\n"
        );
        let found = header_messages(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("`cadence`") && found[0].contains("theirs has no value (removed)")
        );
        assert!(found[1].contains("ours has tags = [\"a\"], theirs has tags = [\"b\"]"));
        // Their side removed the only key of the block: still named.
        let text = format!("{HEAD}<<<<<<< ours\ncadence = \"14d\"\n=======\n>>>>>>> theirs\n");
        let found = header_messages(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("theirs has no value (removed)"),
            "{found:?}"
        );
    }

    #[test]
    fn conflicts_over_records_or_tables_are_not_called_header_keys() {
        let call = "[[interaction]]\nat = 2026-01-01\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"x\"\n";
        for (ours, theirs) in [
            ("cadence = \"14d\"\n", call),
            (call, "cadence = \"14d\"\n"),
            (call, call),
            ("[zone]\nname = \"n\"\n", "cadence = \"14d\"\n"),
            ("cadence = \"14d\"\n", "[zone]\nname = \"n\"\n"),
        ] {
            let text = format!("{HEAD}<<<<<<< ours\n{ours}=======\n{theirs}>>>>>>> theirs\n");
            assert_eq!(header_messages(&text), Vec::<String>::new(), "{text}");
            assert!(!messages(&text).is_empty(), "the markers are still named");
        }
        // Both sides empty: nothing to name either.
        let text = format!("{HEAD}<<<<<<< ours\n=======\n>>>>>>> theirs\n");
        assert_eq!(header_messages(&text), Vec::<String>::new());
    }

    #[test]
    fn a_line_merge_inside_records_is_not_called_header_keys_nor_settled_by_hand() {
        // git's line merge of two appended calls: the shared `[[interaction]]` line and the
        // `channel`/`direction` lines fall outside the markers, the differing keys inside.
        let text = format!(
            "{HEAD}\n[[interaction]]\n<<<<<<< HEAD\nat = 2026-01-02\nsummary = \"Anna\"\n=======\nat = 2026-01-03\nsummary = \"Carla\"\n>>>>>>> 1a2b3c4 (log acme: call)\nchannel = \"call\"\ndirection = \"out\"\n"
        );
        assert!(line_merge_markers(&text));
        assert_eq!(header_messages(&text), Vec::<String>::new(), "{text}");
        let found = messages(&text);
        assert_eq!(found.len(), 3, "{found:#?}");
        for m in &found {
            assert!(
                m.contains("git merged this file line by line")
                    && m.contains("git checkout -m FILE")
                    && !m.contains("for records: both"),
                "{m}"
            );
        }
        // The driver's own markers around header keys are not a line merge.
        let driver = format!(
            "{HEAD}<<<<<<< ours\ncadence = \"7d\"\n=======\ncadence = \"14d\"\n>>>>>>> theirs\n"
        );
        assert!(!line_merge_markers(&driver));
        let labelled = driver.replace("<<<<<<< ours", "<<<<<<< HEAD");
        assert!(line_merge_markers(&labelled));
        assert!(!line_merge_markers(HEAD), "a file that parses has none");
        // The driver's own fallback (a side did not parse): merging again would not help.
        let fallback = text
            .replace("<<<<<<< HEAD", "<<<<<<< customers/acme.toml (ours)")
            .replace(
                ">>>>>>> 1a2b3c4 (log acme: call)",
                ">>>>>>> customers/acme.toml (theirs)",
            );
        assert!(!line_merge_markers(&fallback));
        let found = messages(&fallback);
        assert!(
            found
                .iter()
                .all(|m| m.contains("put each side's records back whole")
                    && !m.contains("checkout -m")),
            "{found:#?}"
        );
    }

    #[test]
    fn header_problems_point_at_their_value() {
        let text = "schema = 1\nname = \"ACME\"\nkind =   \"friend\"\ncadence = \"0d\"\n";
        let found: Vec<(usize, usize)> = check_file(Path::new("x.toml"), text.as_bytes())
            .problems
            .into_iter()
            .map(|p| (p.line, p.column))
            .collect();
        assert_eq!(found, [(3, 10), (4, 11)]);
    }

    #[test]
    fn the_schema_is_a_whole_number_from_one_to_this_version() {
        for (schema, expected) in [
            ("0", vec!["schema must be a whole number from 1 to 1"]),
            ("-1", vec!["schema must be a whole number from 1 to 1"]),
            ("\"1\"", vec!["schema must be a whole number from 1 to 1"]),
            ("1", vec![]),
        ] {
            let text = format!("schema = {schema}\nname = \"ACME\"\n");
            assert_eq!(messages(&text), expected, "{schema}");
        }
        // Named at the value itself, not wherever loading the file would stop.
        let found: Vec<(usize, usize, String)> =
            check_file(Path::new("x.toml"), b"schema = 2\nname = \"ACME\"\n")
                .problems
                .into_iter()
                .map(|p| (p.line, p.column, p.message()))
                .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (1, 10), "{found:?}");
        assert!(
            found[0]
                .2
                .starts_with("schema 2 is newer than this coltiva understands")
        );
    }

    #[test]
    fn header_values_of_the_wrong_shape_are_named() {
        for (line, expected) in [
            ("name = \"  \"", "name must be a non-empty text"),
            (
                "since = 2025-03-01T10:00:00",
                "since must be a date like 2024-03-01",
            ),
            ("since = 10:00:00", "since must be a date like 2024-03-01"),
        ] {
            let text = if line.starts_with("name") {
                format!("schema = 1\n{line}\n")
            } else {
                format!("{HEAD}{line}\n")
            };
            let found = messages(&text);
            assert!(found.iter().any(|m| m == expected), "{line}: {found:?}");
        }
        assert_eq!(
            messages(&format!("{HEAD}since = 2025-03-01\n")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn each_broken_record_of_a_file_that_does_not_load_is_named_and_records_counted() {
        let text = format!(
            "{HEAD}\n[[order]]\nat = 2026-01-02\namount = \"abc\"\n\n[[phase]]\nat = 2026-01-01\nset = \"bogus\"\n\n[[interaction]]\nat = 2026-01-01\nchannel = \"pigeon\"\ndirection = \"out\"\nsummary = \"x\"\n"
        );
        let report = check_file(Path::new("x.toml"), text.as_bytes());
        assert_eq!(report.records, 3);
        let found: Vec<String> = report.problems.iter().map(|p| p.message()).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("[[order]]: "), "{found:?}");
        assert!(found[1].starts_with("[[phase]]: "), "{found:?}");
        assert!(found[2].starts_with("[[interaction]]: "), "{found:?}");
    }

    #[test]
    fn due_belongs_only_to_renegotiated_and_unique_ids_are_no_problem() {
        let text = format!(
            "{HEAD}\n[[promise]]\nid = \"7k3m\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"x\"\ndue = 2026-01-05\n\n[[resolution]]\npromise = \"7k3m\"\nat = 2026-01-04\nstatus = \"kept\"\ndue = 2026-01-09\n"
        );
        assert_eq!(
            messages(&text),
            ["due belongs only to renegotiated resolutions, not to kept"]
        );
        let site = |id: &str| PromiseSite {
            id: id.into(),
            line: 3,
            column: 1,
        };
        let files = vec![
            (PathBuf::from("a.toml"), vec![site("p1"), site("p2")]),
            (PathBuf::from("b.toml"), vec![site("p3")]),
        ];
        assert_eq!(duplicate_promises(&files), Vec::<Problem>::new());
    }
}
